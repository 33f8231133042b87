"""Requests (cases): what a citizen asked, who has it, how it ended — and its lifecycle.

The status is written here only, by `transition`, from the table `TRANSITIONS`:

```mermaid
stateDiagram-v2
    [*] --> waiting: open_request
    waiting --> waiting: escalate (a mark: count and time)
    waiting --> claimed: claim (a Take button, or a check-in given to its worker)
    claimed --> claimed: transfer (another worker holds it)
    claimed --> waiting: requeue (its worker was deactivated)
    claimed --> closed: close (/fin)
    waiting --> closed: erase (the citizen erased their data)
    claimed --> closed: erase
```
A closed request stays closed: a citizen who writes again, or asks to talk after a check-in,
opens a new request (bot/followups/answers.py). Any other event raises IllegalTransition, as
does one whose row changed meanwhile (the guard is in the UPDATE: first press wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage import audit
from storage.clock import from_db, to_db


@dataclass(frozen=True)
class Request:
    id: int
    citizen_id: int | None
    channel: str
    language: str
    first_words: str
    urgent: bool
    status: str
    out_of_hours: bool
    created_at: datetime
    claimed_by: int | None
    claimed_at: datetime | None
    escalations: int
    source: str

    @property
    def alias(self) -> str:
        return alias(self.id)


def alias(request_id: int) -> str:
    """The case alias workers and citizens see, e.g. "#A7"."""
    return f"#A{request_id}"


def _request(row: aiosqlite.Row) -> Request:
    return Request(
        id=row["id"],
        citizen_id=row["citizen_id"],
        channel=row["channel"],
        language=row["language"],
        first_words=row["first_words"],
        urgent=bool(row["urgent"]),
        status=row["status"],
        out_of_hours=bool(row["out_of_hours"]),
        created_at=from_db(row["created_at"]),
        claimed_by=row["claimed_by"],
        claimed_at=from_db(row["claimed_at"]),
        escalations=row["escalations"],
        source=row["source"],
    )


async def open_request(
    conn: aiosqlite.Connection,
    citizen_id: int,
    channel: str,
    language: str,
    first_words: str,
    urgent: bool,
    out_of_hours: bool,
    now: datetime,
    source: str = "citizen",
) -> Request:
    rows = await conn.execute_fetchall(
        "INSERT INTO requests (citizen_id, channel, language, first_words, urgent, out_of_hours,"
        " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (citizen_id, channel, language, first_words, int(urgent), int(out_of_hours), source,
         to_db(now)),
    )  # fmt: skip
    return await get(conn, rows[0]["id"])


async def get(conn: aiosqlite.Connection, request_id: int) -> Request | None:
    rows = await conn.execute_fetchall("SELECT * FROM requests WHERE id = ?", (request_id,))
    return _request(rows[0]) if rows else None


class IllegalTransition(Exception):
    """An event that the request's status does not allow (or a row changed meanwhile)."""

    def __init__(self, request_id: int, status: str, event: str) -> None:
        super().__init__(f"request {request_id}: {event} is not allowed when {status}")
        self.request_id, self.status, self.event = request_id, status, event


# (status, event) -> new status, and what else the event writes (`?` = by, then now).
TRANSITIONS: dict[tuple[str, str], str] = {
    ("waiting", "claim"): "claimed",
    ("waiting", "escalate"): "waiting",
    ("claimed", "transfer"): "claimed",
    ("claimed", "requeue"): "waiting",
    ("claimed", "close"): "closed",
    ("waiting", "erase"): "closed",
    ("claimed", "erase"): "closed",
}
_WRITES = {
    "claim": ("claimed_by = ?, claimed_at = ?", True),
    "escalate": ("escalations = escalations + 1, last_escalated_at = ?", False),
    "transfer": ("claimed_by = ?", True),
    "requeue": (
        "claimed_by = NULL, claimed_at = NULL, requeued_at = ?, last_escalated_at = NULL",
        False,
    ),
    "close": ("closed_at = ?", False),
    "erase": ("closed_at = ?", False),
}


def next_status(status: str, event: str) -> str:
    """The status after `event`, or IllegalTransition (pure; request id 0)."""
    found = TRANSITIONS.get((status, event))
    if found is None:
        raise IllegalTransition(0, status, event)
    return found


async def transition(
    conn: aiosqlite.Connection,
    request: Request,
    event: str,
    *,
    now: datetime,
    by: int | None = None,
) -> Request:
    """Apply `event` to `request` (as read) and return the row after; IllegalTransition if not.

    `by` is the worker who claims or receives a transfer. The UPDATE is guarded by the status
    and holder read, so of two presses on one card only the first changes the row.
    """
    try:
        status = next_status(request.status, event)
    except IllegalTransition:
        raise IllegalTransition(request.id, request.status, event) from None
    columns, with_worker = _WRITES[event]
    if with_worker and by is None:
        raise IllegalTransition(request.id, request.status, event)
    values = ([by] if with_worker else []) + [to_db(now)]
    values = values[: columns.count("?")]
    cursor = await conn.execute(
        f"UPDATE requests SET status = ?, {columns} WHERE id = ? AND status = ?"
        " AND claimed_by IS NOT DISTINCT FROM ?",
        (status, *values, request.id, request.status, request.claimed_by),
    )
    if cursor.rowcount != 1:
        raise IllegalTransition(request.id, request.status, event)
    return await get(conn, request.id)


async def mark_first_reply(conn: aiosqlite.Connection, request_id: int, now: datetime) -> None:
    """The first human reply to the citizen (a mark, not a status): kept once."""
    await conn.execute(
        "UPDATE requests SET first_reply_at = COALESCE(first_reply_at, ?) WHERE id = ?",
        (to_db(now), request_id),
    )


async def close_all_for_citizen(conn: aiosqlite.Connection, citizen_id: int, now: datetime) -> None:
    """The citizen erased their data: every open request of theirs is closed."""
    rows = await conn.execute_fetchall(
        "SELECT * FROM requests WHERE citizen_id = ? AND status != 'closed'", (citizen_id,)
    )
    for row in rows:
        await transition(conn, _request(row), "erase", now=now)


OUTCOME_COLUMNS = ("intervention_type", "profile")


async def record_outcome(
    conn: aiosqlite.Connection, request_id: int, column: str, value: str
) -> None:
    """The intervention type or the profile chosen at /fin (not a status)."""
    if column not in OUTCOME_COLUMNS:
        raise ValueError(column)
    await conn.execute(f"UPDATE requests SET {column} = ? WHERE id = ?", (value, request_id))


async def mark_urgent(conn: aiosqlite.Connection, request_id: int) -> None:
    await conn.execute("UPDATE requests SET urgent = 1 WHERE id = ?", (request_id,))


async def open_for_citizen(conn: aiosqlite.Connection, citizen_id: int) -> Request | None:
    rows = await conn.execute_fetchall(
        "SELECT * FROM requests WHERE citizen_id = ? AND status != 'closed'"
        " ORDER BY id DESC LIMIT 1",
        (citizen_id,),
    )
    return _request(rows[0]) if rows else None


async def waiting(conn: aiosqlite.Connection, request_id: int | None = None) -> list[Request]:
    """Waiting requests, urgent first (or only that one, if it is still waiting)."""
    one, params = ("", ()) if request_id is None else (" AND id = ?", (request_id,))
    rows = await conn.execute_fetchall(
        "SELECT * FROM requests WHERE status = 'waiting'" + one + " ORDER BY urgent DESC, id",
        params,
    )
    return [_request(r) for r in rows]


async def requeue_claimed_by(
    conn: aiosqlite.Connection, worker_id: int, now: datetime, actor: str = "cli"
) -> list[int]:
    """A deactivated worker's open cases go back to the queue (the bot pages them again);
    their ids. `actor` is who did it, for the audit trail."""
    rows = await conn.execute_fetchall(
        "SELECT id FROM requests WHERE claimed_by = ? AND status = 'claimed' ORDER BY id",
        (worker_id,),
    )
    for row in rows:
        request = await get(conn, row["id"])
        await transition(conn, request, "requeue", now=now)
        await audit.log(conn, now, actor, "request.requeued", row["id"], f"worker:{worker_id}")
    return [r["id"] for r in rows]
