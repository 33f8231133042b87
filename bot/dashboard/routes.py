"""Every path of the dashboard, in one table (mounted by bot/app.py beside the web chat's).

Each endpoint is handed the `Dashboard` through its request (`pages.dashboard_of`); those
behind `auth.require` get the signed-in `Actor` too. A new page is one line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.dashboard import board, pages, signin
from bot.dashboard.dashboard import Dashboard

Endpoint = Callable[[Request], Awaitable[Response]]


def dashboard_routes(dash: Dashboard) -> list[BaseRoute]:
    """The Starlette routes of /tableau."""
    return [
        route(dash, "/tableau", board.board_page),
        route(dash, "/tableau/entrer", signin.sign_in_page),
        route(dash, "/tableau/entrer", signin.sign_in, ["POST"]),
        route(dash, "/tableau/sortir", signin.sign_out, ["POST"]),
        pages.static_mount(),
    ]


def route(
    dash: Dashboard, path: str, endpoint: Endpoint, methods: Sequence[str] = ("GET",)
) -> Route:
    """One dashboard path: its endpoint is handed the Dashboard through the request."""
    return Route(path, _bound(dash, endpoint), methods=list(methods))


def _bound(dash: Dashboard, endpoint: Endpoint) -> Endpoint:
    """The endpoint, with the Dashboard in the request's scope."""

    async def bound(request: Request) -> Response:
        request.scope[pages.DASH] = dash
        return await endpoint(request)

    bound.__name__ = getattr(endpoint, "__name__", "endpoint")
    return bound
