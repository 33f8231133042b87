"""A coordinator gives a case to a worker (from the dashboard): waiting, it is claimed for her;
claimed, it is transferred. The desk's one authorization path decides (`policy.may_assign`), the
request's lifecycle moves it (`storage.requests.transition`), and people are told as
/transferer tells them: the worker gets the card, what was said and the notes; the worker who
had it learns where it went; the citizen learns who follows her now.
"""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.core.casenotes import earlier_notes
from bot.core.events import CaseClaimed
from bot.desk import policy
from bot.desk.commands import _edit_cards, handover_texts
from bot.desk.desk import RotaDesk
from bot.desk.policy import Action, Refusal
from flows import dashboard_messages as dm
from flows import messages as m
from flows.text import Raw, Text
from flows.types import Choice, Reply
from storage import audit, workers
from storage import requests as request_store
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)


class DeskAct:
    """A case action taken outside Telegram: what the desk's helpers need of a turn. What they
    would have replied to the actor is kept in `said` (the dashboard shows the outcome)."""

    def __init__(
        self, desk: RotaDesk, conn: aiosqlite.Connection, worker: Worker, now: datetime
    ) -> None:
        self.desk, self.conn, self.worker, self.now = desk, conn, worker, now
        self.inbound = None
        self.said: list[Text | Raw] = []

    @property
    def language(self) -> str:
        return self.worker.languages[0] if self.worker.languages else "fr"

    async def reply(self, text: Text | Raw, choices: tuple[Choice, ...] = (), **ids) -> None:
        self.said.append(text)


async def assign(
    desk: RotaDesk,
    conn: aiosqlite.Connection,
    coordinator: Worker,
    request: Request,
    target: Worker | None,
    now: datetime,
) -> Refusal | None:
    """Give `request` (as read in this transaction) to `target`; None when done, else why not.

    Raises `IllegalTransition` when the case changed since it was read (another press won).
    """
    refusal = policy.may_assign(coordinator, request, target)
    if refusal is not None:
        await policy.refused(conn, coordinator, Action.ASSIGN, request.id, now)
        return refusal
    previous = await workers.get(conn, request.claimed_by) if request.claimed_by else None
    event = "claim" if request.status == "waiting" else "transfer"
    updated = await request_store.transition(conn, request, event, by=target.id, now=now)
    await audit.log(
        conn, now, f"worker:{coordinator.id}", "request.assigned", request.id,
        f"to worker:{target.id}",
    )  # fmt: skip
    logger.info(
        "request.assigned",
        extra={"request_id": request.id, "worker_id": target.id, "by": coordinator.id},
    )
    if event == "claim":
        await desk.events.publish(conn, CaseClaimed(request.id, target.id, now))
        await _edit_cards(DeskAct(desk, conn, target, now), updated)  # "taken by <target>"
    await _tell_target(desk, conn, coordinator, updated, target, now)
    if previous is not None and previous.id != target.id and previous.active:
        text = dm.assigned_away(updated.alias, target.name, coordinator.name)
        await desk.tell_worker(conn, previous, Reply(text), request_id=request.id)
    await _tell_citizen(desk, conn, coordinator, updated, target, now, event)
    return None


async def _tell_target(
    desk: RotaDesk, conn, coordinator: Worker, request: Request, target: Worker, now: datetime
) -> None:
    """Who gave it, the card, what was said, the notes (and the citizen's earlier notes)."""
    act = DeskAct(desk, conn, coordinator, now)
    texts = await handover_texts(act, request, target)
    texts[0] = dm.assigned_to_you(request.alias, coordinator.name)
    language = target.languages[0] if target.languages else "fr"
    earlier = await earlier_notes(conn, desk.i18n, request, language)
    for text in [*texts, *([earlier] if earlier is not None else [])]:
        await desk.tell_worker(conn, target, Reply(text), request_id=request.id)


async def _tell_citizen(
    desk: RotaDesk, conn, coordinator: Worker, request: Request, target: Worker, now, event: str
) -> None:
    """As a claim or a transfer would: who follows her now (first name, organization)."""
    if request.citizen_id is None:
        return
    name, organization = desk._signature(target)
    if event == "claim":
        text = m.claimed_for_citizen(name, organization)
    else:
        text = m.transferred_for_citizen(name)
    await desk.send_to_citizen(DeskAct(desk, conn, coordinator, now), request, text)
