"""A case's page (/tableau/dossier/A7) and its assignment (POST …/attribuer, coordinators).

The page shows the messages both ways (as long as retention keeps them), the private notes,
the check-ins, the appointments and the case's history (claims, transfers, assignments,
escalations) — never the citizen's number or Telegram account. Who may read it is the desk's
policy (`may_view`): a coordinator any case; a worker the queue and her own cases.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.core import args as parse
from bot.dashboard import board, pages
from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import form_of
from bot.desk import policy
from bot.desk.assign import assign
from bot.desk.policy import Action
from flows import dashboard_messages as dm
from flows import worker_messages as wm
from storage import case_views, notes, workers
from storage import requests as request_store
from storage.requests import IllegalTransition

logger = logging.getLogger(__name__)


def _request_id(request: Request) -> int | None:
    return parse.alias(request.path_params.get("alias", ""))


@require()
async def case_page(request: Request, actor: Actor) -> Response:
    """Everything about one case this actor may read."""
    dash = pages.dashboard_of(request)
    request_id = _request_id(request)
    found = await case_views.case(dash.db, request_id) if request_id else None
    if found is None:
        return pages.notice(request, actor, dm.not_found(), 404)
    if policy.may_view(actor.worker, found.request) is not None:
        async with dash.db.transaction() as conn:
            await policy.refused(conn, actor.worker, Action.VIEW, found.request.id, dash.clock())
        return pages.notice(request, actor, dm.forbidden(), 403)
    now = dash.clock()
    async with dash.db.transaction() as conn:
        team = await board.assignable(dash, conn, now) if actor.is_coordinator else []
        context = {
            "exchanges": await case_views.exchanges(conn, found.request.id),
            "notes": await notes.of_request(conn, found.request.id),
            "check_ins": await case_views.check_ins(conn, found.request.id),
            "meetings": await case_views.meetings(conn, found.request.id),
            "trail": await case_views.trail(conn, found.request.id),
        }
    language = pages.page_language(request, actor)
    done = request.query_params.get("fait", "")
    return pages.render(
        request, actor, "case.html", t=pages.strings(request, language, dm.case_page()),
        case=found, r=found.request, channel=wm.channel_label(found.request.channel),
        state=dm.STATUSES.get(found.request.status, found.request.status),
        source=dm.SOURCES.get(found.request.source), trail_line=dm.trail_line,
        check_in_status=dm.CHECK_IN_STATUSES, check_in_answer=dm.CHECK_IN_ANSWERS,
        appointment_status=dm.APPOINTMENT_STATUSES,
        assign_to=[w for w in team if w["id"] != found.request.claimed_by]
        if found.request.status != "closed" else [],
        done=dm.assigned(found.request.alias, found.holder or "?") if done == "confie" else None,
        **context,
    )  # fmt: skip


@require("coordinator")
async def assign_case(request: Request, actor: Actor) -> Response:
    """A coordinator gives the case to a worker (the form of the board or of the case page)."""
    dash = pages.dashboard_of(request)
    request_id = _request_id(request)
    target_id = parse.number(form_of(request).get("worker"), 1)
    now = dash.clock()
    async with dash.db.transaction() as conn:
        case = await request_store.get(conn, request_id) if request_id else None
        if case is None:
            return pages.notice(request, actor, dm.not_found(), 404)
        target = await workers.get(conn, target_id) if target_id else None
        try:
            refusal = await assign(dash.desk, conn, actor.worker, case, target, now)
        except IllegalTransition:
            refusal = "changed"
    if refusal == "changed":
        return pages.notice(request, actor, dm.changed_meanwhile(), 409)
    if refusal is not None:
        return pages.notice(request, actor, dm.assign_refused(str(refusal)), 400)
    dash.services.engine.wake()  # the messages to the workers and the citizen go out now
    href = board.case_href(case.id) + "?fait=confie"
    return pages.secure(RedirectResponse(href, status_code=303))
