"""Every path of the dashboard, in one table (mounted by bot/app.py beside the web chat's).

Each endpoint is handed the `Dashboard` through its request (`pages.dashboard_of`); those
behind `auth.require` get the signed-in `Actor` too. A new page is one line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.dashboard import (
    admin_directory,
    admin_places,
    admin_report,
    admin_rota,
    admin_rota_import,
    admin_workers,
    board,
    case,
    pages,
    signin,
)
from bot.dashboard.dashboard import Dashboard

Endpoint = Callable[[Request], Awaitable[Response]]


def dashboard_routes(dash: Dashboard) -> list[BaseRoute]:
    """The Starlette routes of /tableau."""
    return [
        route(dash, "/tableau", board.board_page),
        route(dash, "/tableau/dossier/{alias}", case.case_page),
        route(dash, "/tableau/dossier/{alias}/attribuer", case.assign_case, ["POST"]),
        route(dash, "/tableau/entrer", signin.sign_in_page),
        route(dash, "/tableau/entrer", signin.sign_in, ["POST"]),
        route(dash, "/tableau/sortir", signin.sign_out, ["POST"]),
        *admin_routes(dash),
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


def admin_routes(dash: Dashboard) -> list[BaseRoute]:
    """The coordinator's pages: rota, workers and invites, places, directory, report."""
    post = ["POST"]
    return [
        route(dash, "/tableau/horaire", admin_rota.rota_page),
        route(dash, "/tableau/horaire/quart", admin_rota.add_shift, post),
        route(dash, "/tableau/horaire/retirer", admin_rota.remove_shift, post),
        route(dash, "/tableau/horaire/importer", admin_rota_import.import_page),
        route(dash, "/tableau/horaire/importer", admin_rota_import.preview, post),
        route(dash, "/tableau/horaire/appliquer", admin_rota_import.apply, post),
        route(dash, "/tableau/intervenants", admin_workers.workers_page),
        route(dash, "/tableau/intervenants", admin_workers.add_worker, post),
        route(
            dash, "/tableau/intervenants/{worker_id:int}/invitation", admin_workers.new_invite, post
        ),
        route(
            dash,
            "/tableau/intervenants/{worker_id:int}/desactiver",
            admin_workers.confirm_deactivate,
        ),
        route(
            dash, "/tableau/intervenants/{worker_id:int}/desactiver", admin_workers.deactivate, post
        ),
        route(
            dash, "/tableau/intervenants/{worker_id:int}/reactiver", admin_workers.reactivate, post
        ),
        route(dash, "/tableau/lieux", admin_places.places_page),
        route(dash, "/tableau/lieux", admin_places.add_place, post),
        route(dash, "/tableau/lieux/{place_id:int}/retirer", admin_places.confirm_withdraw),
        route(dash, "/tableau/lieux/{place_id:int}/retirer", admin_places.withdraw, post),
        route(dash, "/tableau/repertoire", admin_directory.directory_page),
        route(dash, "/tableau/repertoire/apercu", admin_directory.preview, post),
        route(dash, "/tableau/repertoire/appliquer", admin_directory.apply, post),
        route(dash, "/tableau/bilan", admin_report.report_page),
        route(dash, "/tableau/bilan.csv", admin_report.report_csv),
    ]
