"""The cases board (/tableau): waiting, urgent, escalated and claimed cases, with their waiting
times; a worker sees the queue and her own cases, a coordinator every open case."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from bot.dashboard import pages
from bot.dashboard.auth import Actor, require


@require()
async def board_page(request: Request, actor: Actor) -> Response:
    """The board."""
    return pages.render(request, actor, "board.html")
