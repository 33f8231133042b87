"""Web sessions: where a page lives (`Surface`), the browser's session cookie, its language,
new sessions limited per address, old ones forgotten."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response

from bot.web import pages
from bot.web.forms import client
from bot.web.limits import Buckets
from storage import kiosks
from storage.kiosks import Kiosk, WebSession

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Surface:
    """Where a page lives: the chat (/chat) or one kiosk (/kiosque/<slug>)."""

    base: str
    cookie: str
    cookie_path: str
    kiosk: Kiosk | None = None


CHAT = Surface("/chat", "relais_web", "/")


class Sessions:
    """The web app's sessions (mixed into bot/web/chat.py's `WebApp`)."""

    hours: int
    idle: int
    https: bool
    new_sessions: Buckets
    _forgot_at: datetime | None

    def language(self, request: Request, session: WebSession | None) -> str:
        asked = request.query_params.get("lang")
        if asked in pages.OTHER:
            return asked
        return session.language if session else self.relais.settings.locale

    async def session(self, request: Request, surface: Surface) -> WebSession | None:
        """The live session of this browser on this surface, if any."""
        token = request.cookies.get(surface.cookie)
        if not token or len(token) > 64:
            return None
        now = self.relais.clock()
        if surface.kiosk is not None:
            since = now - timedelta(seconds=self.idle + 120)
        else:
            since = now - timedelta(hours=self.hours)
        await self.forget_old(now)
        found = await kiosks.find_session(self.db, token, since)
        kiosk = surface.kiosk.slug if surface.kiosk else None
        return found if found is not None and found.kiosk == kiosk else None

    async def new_session(
        self, request: Request, surface: Surface, language: str
    ) -> tuple[str, WebSession] | None:
        """A fresh session, unless this address opened too many lately."""
        if not self.new_sessions.take(client(request)):
            logger.warning("web.session_rate_limited")
            return None
        kiosk = surface.kiosk.slug if surface.kiosk else None
        async with self.db.transaction() as conn:
            return await kiosks.create_session(conn, language, self.relais.clock(), kiosk)

    async def forget_old(self, now: datetime) -> None:
        """Delete the sessions that can no longer resume, at most once a minute."""
        if self._forgot_at is not None and now - self._forgot_at < timedelta(minutes=1):
            return
        self._forgot_at = now
        async with self.db.transaction() as conn:
            await kiosks.forget_sessions(conn, now - timedelta(hours=self.hours))

    def set_cookie(self, response: Response, surface: Surface, token: str) -> None:
        response.set_cookie(
            surface.cookie,
            token,
            max_age=None if surface.kiosk else self.hours * 3600,
            path=surface.cookie_path,
            httponly=True,
            samesite="strict",
            secure=self.https,
        )
