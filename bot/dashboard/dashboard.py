"""`Dashboard`: what the dashboard's pages are handed (the services of bot/app.py), built once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.features import Services
from bot.core.i18n import I18n
from bot.core.settings import Settings
from bot.dashboard.admin_uploads import Uploads
from storage.db import Database

LOCAL = ("http://127.0.0.1", "http://localhost", "http://[::1]")


REFRESH_SECONDS = 20


class Dashboard:
    """The dashboard's collaborators: database, clock, i18n, settings, the desk."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.db: Database = services.db
        self.clock: Callable[[], datetime] = services.clock
        self.i18n: I18n = services.i18n
        self.settings: Settings = services.settings
        self.timezone: ZoneInfo = services.settings.timezone
        self.desk = services.desk
        self.uploads = Uploads()  # files awaiting "Appliquer" after a preview (coordinator pages)
        self.telegram_username: str | None = None  # the bot's @name, for invite QR codes
        self.refresh_seconds = REFRESH_SECONDS  # the board reloads itself this often (tests: 1)

    @property
    def secure_cookie(self) -> bool:
        """The session cookie is `Secure`, unless the bot is served on this machine by http."""
        base = self.settings.base_url
        return not any(base == p or base.startswith((p + ":", p + "/")) for p in LOCAL)

    def link_url(self, token: str) -> str:
        """The sign-in link of a token, at the public URL."""
        return sign_in_url(self.settings.base_url, token)


def sign_in_url(base_url: str, token: str) -> str:
    """The sign-in link of a token: `{RELAIS_PUBLIC_URL}/tableau/entrer?jeton=<token>`."""
    return f"{base_url}/tableau/entrer?jeton={token}"
