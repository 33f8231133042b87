"""Who may act on which request in which status: the one authorization path of the desk.

Every case action a worker can start — a Take button (forgeable: any Telegram client can send
any callback data), a reply relayed to the citizen, /fin, /note, /transferer, /suivi, /rdv, a
resource — is checked here, by `may` (pure) after `standing` has read what it needs.

The rules:
- CLAIM a waiting request: a coordinator (they may take any); a worker who got its card (the
  `cards` table: first paging, queue hand-over, escalation); or any worker on duty now, since
  a card goes to the speakers of the citizen's language only and a colleague on duty may
  cover. Anyone else, e.g. a linked worker off duty who never got the card: refused.
- WORK on a case (write to its citizen, close, transfer, propose an appointment, send a
  resource): only the worker who holds it, while it is claimed. A closed case of theirs gets
  "#A7 is closed", nothing reaches the citizen.
- FOLLOW_UP (check-ins, private notes): the worker who holds or last held it, claimed or
  closed: a check-in after /fin is the point of the buttons it offers.
- VIEW a case on the dashboard (its messages, notes, check-ins): a coordinator, any case; a
  worker, the waiting ones (the queue she may take from) and those she holds or last held.
- ASSIGN a waiting or claimed case to a worker (the dashboard): a coordinator only, to an
  active worker linked to Telegram (the case reaches her there) who does not already hold it.
  Neither needs the actor's own Telegram link: the dashboard is where they act.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.core.turns import Action
from storage import audit
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)


class Refusal(StrEnum):
    """Why not: the desk turns each into its own reply."""

    NOT_ALLOWED = "not_allowed"  # not this worker's to touch
    TAKEN = "taken"  # a claim pressed after another worker's
    CLOSED = "closed"  # the case is closed


@dataclass(frozen=True)
class Standing:
    """What the rules need to know about a worker and a request, read once."""

    got_card: bool = False
    on_duty: bool = False


def may(worker: Worker, action: Action, request: Request, standing: Standing) -> Refusal | None:
    """None when `worker` may do `action` on `request`; else why not (pure)."""
    if action is Action.VIEW:
        return may_view(worker, request)
    if action is Action.ASSIGN:
        return Refusal.NOT_ALLOWED  # it needs the worker it goes to: `may_assign`
    if not worker.active or not worker.linked:
        return Refusal.NOT_ALLOWED
    if action is Action.CLAIM:
        return _claim(worker, request, standing)
    if request.claimed_by != worker.id:
        return Refusal.NOT_ALLOWED
    if request.status == "claimed" or (action is Action.FOLLOW_UP and request.status == "closed"):
        return None
    return Refusal.CLOSED if request.status == "closed" else Refusal.NOT_ALLOWED


def _claim(worker: Worker, request: Request, standing: Standing) -> Refusal | None:
    if not (worker.is_coordinator or standing.got_card or standing.on_duty):
        return Refusal.NOT_ALLOWED
    if request.status == "waiting":
        return None
    return Refusal.CLOSED if request.status == "closed" else Refusal.TAKEN


async def standing(
    conn: aiosqlite.Connection, worker: Worker, request: Request, on_duty: list[Worker]
) -> Standing:
    """Whether the worker got a card of this request, and is on duty now."""
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM cards WHERE request_id = ? AND worker_id = ? LIMIT 1",
        (request.id, worker.id),
    )
    return Standing(got_card=bool(rows), on_duty=any(w.id == worker.id for w in on_duty))


async def refused(
    conn: aiosqlite.Connection, worker: Worker, action: Action, request_id: int, now: datetime
) -> None:
    """Record a refused case action (ids only): forged buttons leave a trace."""
    await audit.log(conn, now, f"worker:{worker.id}", "case.refused", request_id or None, action)
    logger.info(
        "case.refused",
        extra={"worker_id": worker.id, "request_id": request_id, "action": str(action)},
    )


def may_view(worker: Worker, request: Request) -> Refusal | None:
    """None when `worker` may read `request` on the dashboard (pure)."""
    if not worker.active:
        return Refusal.NOT_ALLOWED
    if worker.is_coordinator or request.status == "waiting" or request.claimed_by == worker.id:
        return None
    return Refusal.NOT_ALLOWED


def may_assign(worker: Worker, request: Request, target: Worker | None) -> Refusal | None:
    """None when `worker` may give `request` to `target` (pure)."""
    if not worker.active or not worker.is_coordinator:
        return Refusal.NOT_ALLOWED
    if request.status == "closed":
        return Refusal.CLOSED
    if target is None or not target.active or not target.linked:
        return Refusal.NOT_ALLOWED
    if request.status == "claimed" and request.claimed_by == target.id:
        return Refusal.TAKEN
    return None
