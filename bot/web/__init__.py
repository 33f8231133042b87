"""The web as a third channel: a citizen web chat (/chat) and kiosks in public places."""

from __future__ import annotations

from bot.web.channel import Hub, WebChannel


async def install(relais) -> None:
    """Register the `web:` and `kiosk:` channels and the routes that `http_app` mounts."""
    from bot.web.routes import WebApp

    hub = Hub()
    relais.channels["web"] = WebChannel("web", hub)
    relais.channels["kiosk"] = WebChannel("kiosk", hub)
    relais.web = WebApp(relais, hub)
