"""The cases board (/tableau): urgent, escalated and waiting requests, and the claimed ones,
with how long each has waited or been held. A worker sees the queue and her own cases, a
coordinator every open case, with a "Confier à" choice on each card.

Readable without JavaScript (the times are written by the server, an "Actualiser" link
reloads); static/dashboard.js reloads the board every 20 seconds when it can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite
from starlette.requests import Request
from starlette.responses import Response

from bot.dashboard import pages
from bot.dashboard.auth import Actor, require
from bot.dashboard.dashboard import Dashboard
from bot.desk import policy
from flows import dashboard_messages as dm
from flows import worker_messages as wm
from flows.text import Text
from storage import case_views, workers
from storage.case_views import OpenCase


@dataclass(frozen=True)
class Column:
    """One column of the board: its key (CSS and test hook), its title, its cards."""

    key: str
    title: Text
    cards: list[dict[str, Any]]


@require()
async def board_page(request: Request, actor: Actor) -> Response:
    """The board."""
    dash = pages.dashboard_of(request)
    now = dash.clock()
    holder = None if actor.is_coordinator else actor.worker.id
    async with dash.db.transaction() as conn:
        cases = await case_views.open_cases(conn, holder)
        team = await assignable(dash, conn, now) if actor.is_coordinator else []
    texts = dm.board()
    return pages.render(
        request, actor, "board.html",
        t=pages.strings(request, pages.page_language(request, actor), texts),
        columns=columns(cases, actor, now, team), team=team, now=now,
        refresh=dash.refresh_seconds,
    )  # fmt: skip


def columns(
    cases: list[OpenCase], actor: Actor, now: datetime, team: list[dict[str, Any]]
) -> list[Column]:
    """The four columns, each case in one: urgent, escalated, waiting, claimed."""
    waiting = [c for c in cases if c.request.status == "waiting"]
    claimed = [c for c in cases if c.request.status == "claimed"]
    urgent = [c for c in waiting if c.request.urgent]
    escalated = [c for c in waiting if not c.request.urgent and c.escalated]
    plain = [c for c in waiting if not c.request.urgent and not c.escalated]
    texts = dm.board()
    card = _carder(actor, now, team)
    return [
        Column("urgent", texts["urgent"], [card(c) for c in urgent]),
        Column("escalated", texts["escalated"], [card(c) for c in escalated]),
        Column("waiting", texts["waiting"], [card(c) for c in plain]),
        Column(
            "claimed",
            texts["claimed"] if actor.is_coordinator else texts["mine"],
            [card(c) for c in claimed],
        ),
    ]


def _carder(actor: Actor, now: datetime, team: list[dict[str, Any]]):
    def card(case: OpenCase) -> dict[str, Any]:
        request = case.request
        minutes = max(0, int((now - case.since).total_seconds() // 60))
        if request.status == "claimed":
            time = dm.held_for(case.holder or "?", minutes)
        else:
            time = dm.waiting_for(minutes)
        return {
            "alias": request.alias,
            "href": case_href(request.id),
            "words": request.first_words,
            "channel": wm.channel_label(request.channel),
            "language": request.language.upper(),
            "urgent": request.urgent,
            "escalated": case.escalated,
            "escalations": dm.escalations(request.escalations) if case.escalated else None,
            "time": time,
            "minutes": minutes,
            "can_open": policy.may_view(actor.worker, request) is None,
            "assign_to": [w for w in team if w["id"] != request.claimed_by],
            "id": request.id,
        }

    return card


def case_href(request_id: int) -> str:
    """The case page's path: /tableau/dossier/A7."""
    return f"/tableau/dossier/A{request_id}"


async def assignable(dash: Dashboard, conn: aiosqlite.Connection, now: datetime) -> list[dict]:
    """Who a case can be given to: active workers linked to Telegram, those on duty first."""
    on_duty = {w.id for w in await dash.desk.on_duty_workers(conn, now)}
    people = await workers.active_linked(conn)
    people.sort(key=lambda w: (w.id not in on_duty, workers.name_key(w.name)))
    return [
        {
            "id": w.id,
            "label": dm.on_duty_mark(w.name) if w.id in on_duty else w.name,
            "languages": ", ".join(x.upper() for x in w.languages),
        }
        for w in people
    ]
