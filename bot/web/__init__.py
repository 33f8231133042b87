"""The web as a third channel: a citizen web chat (/chat) and kiosks in public places."""

from __future__ import annotations

from bot.web.channel import Hub, WebChannel
from bot.web.kiosk import KioskPages
from bot.web.routes import WebApp


def attach(relais) -> WebApp:
    """Register the `web:` and `kiosk:` channels; the routes that `http_app` mounts."""
    hub = Hub()
    relais.channels["web"] = WebChannel("web", hub)
    relais.channels["kiosk"] = WebChannel("kiosk", hub)
    app = WebApp(relais, hub)
    app.kiosk_routes = KioskPages(app).routes()
    return app
