"""The web's own static files (no CDN), served with the pages' security headers."""

from __future__ import annotations

from pathlib import Path

from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.web import pages


def static_mount() -> Mount:
    """/static/web: bot/web/static, with the security headers and a short cache."""
    static = StaticFiles(directory=Path(__file__).parent / "static")
    return Mount("/static/web", app=StaticHeaders(static))


class StaticHeaders:
    """The static files, with the same security headers (and a short cache)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k.encode(), v.encode()) for k, v in pages.HEADERS.items()]
                headers = [h for h in headers if h[0] != b"Cache-Control"]
                headers.append((b"Cache-Control", b"public, max-age=3600"))
                message["headers"] = list(message.get("headers", [])) + headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
