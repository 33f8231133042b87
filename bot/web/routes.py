"""Every path the web serves, in one table: the chat, its static files, the kiosks.

bot/app.py mounts this table (`web_routes`) beside the webhooks of handlers/http.py. A new web
surface is its own module under bot/ and one more line here.
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from bot.web.chat import WebApp
from bot.web.kiosk import KioskPages
from bot.web.static import static_mount


def web_routes(web: WebApp) -> list[BaseRoute]:
    """The Starlette routes of the web chat and the kiosks."""
    return [
        Route("/", web.chat_page, methods=["GET"]),
        Route("/chat", web.chat_page, methods=["GET"]),
        Route("/chat/message", web.chat_message, methods=["POST"]),
        Route("/chat/events", web.chat_events, methods=["GET"]),
        Route("/chat/quit", web.chat_quit, methods=["POST"]),
        Route("/chat/sms", web.chat_sms, methods=["POST"]),
        static_mount(),
        *KioskPages(web).routes(),
    ]
