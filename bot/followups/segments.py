"""A check-in's words that one character makes dearer by SMS: the count, and an accent-free
button that rewrites the pending check-ins of that series (see bot/desk/segments.py for a
worker's own words)."""

from __future__ import annotations

from bot.channels import gsm7
from bot.channels.render import render
from bot.core.turns import WORKER_CHOICE, WorkerTurn
from flows import checkin
from flows import worker_messages as wm
from flows.text import Text
from flows.types import Choice
from storage import citizens
from storage.requests import Request

PREFIX = "suivif"


async def checkin_offer(
    turn: WorkerTurn, request: Request, message: str, first_id: int
) -> tuple[Text, tuple[Choice, ...]] | None:
    """A check-in's words by SMS that folding makes cheaper: the count and a button."""
    row = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
    folded = gsm7.fold_to_gsm7(message) if message else None
    if folded is None or not citizens.reachable(row) or not row["address"].startswith("sms:"):
        return None
    count = _checkin_cost(turn, message, row["language"])
    cheaper = _checkin_cost(turn, folded, row["language"])
    if cheaper >= count:
        return None
    choice = Choice(f"{WORKER_CHOICE}{PREFIX}:{first_id}", wm.send_folded(cheaper))
    return wm.checkin_segments(count, cheaper), (choice,)


def _checkin_cost(turn: WorkerTurn, message: str, language: str) -> int:
    name, organization = turn.desk._signature(turn.worker)
    reply = checkin.checkin_reply(message, name, organization)
    parts = render(reply, language, "sms:", turn.desk.engine.i18n)
    return sum(gsm7.segment_count(part.body) for part in parts)


async def fold_checkin(turn: WorkerTurn, args: tuple[int]) -> None:
    """The accent-free spelling for this worker's pending check-in (and the rest of its series)."""
    rows = await turn.conn.execute_fetchall(
        "SELECT id, message FROM followups WHERE (id = ? OR series = ?) AND worker_id = ?"
        " AND status = 'pending'",
        (args[0], args[0], turn.worker.id),
    )
    for row in rows:
        folded = gsm7.fold_to_gsm7(row["message"]) or row["message"]
        await turn.conn.execute(
            "UPDATE followups SET message = ? WHERE id = ?", (folded, row["id"])
        )
    await turn.reply(wm.checkin_folded(len(rows)) if rows else wm.followup_gone())
