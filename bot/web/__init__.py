"""The web as a third channel: a citizen web chat (/chat) and kiosks in public places."""

from __future__ import annotations

from bot.web.channel import Hub, WebChannel
from bot.web.chat import WebApp


def attach(relais) -> WebApp:
    """Register the `web:` and `kiosk:` channels; bot/web/routes.py has the paths to mount."""
    hub = Hub()
    relais.channels["web"] = WebChannel("web", hub)
    relais.channels["kiosk"] = WebChannel("kiosk", hub)
    return WebApp(relais, hub)
