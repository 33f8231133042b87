"""What the dashboard reads of cases: the open ones with their holder and waiting time, and one
case's history (messages both ways, check-ins, appointments, its audit trail).

Never an address: rows carry the citizen's words and what was sent to her, not her number
or Telegram account (those live in `citizens.address` and `outbox.address`, not read here).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.clock import from_db
from storage.requests import Request, _request
from storage.workers import Source, fetch


@dataclass(frozen=True)
class OpenCase:
    """An open case on the board: the request, who holds it, since when it waits or is held."""

    request: Request
    holder: str | None  # the holder's name, None while waiting
    since: datetime  # waiting: since opened or requeued; claimed: since claimed
    last_escalated_at: datetime | None

    @property
    def escalated(self) -> bool:
        return self.request.escalations > 0


@dataclass(frozen=True)
class Exchange:
    """One message of a case: from the citizen (`outgoing` False) or sent to her."""

    at: datetime
    body: str
    outgoing: bool
    status: str  # outbox status for what was sent ("pending", "sent", "failed" …); "" inbound


@dataclass(frozen=True)
class CheckIn:
    """A check-in of the case: when, how it went, who planned it."""

    due_at: datetime
    status: str
    answer: str | None
    planned_by: str | None


@dataclass(frozen=True)
class Meeting:
    """An appointment of the case at a welcoming place."""

    place: str
    organization: str
    starts_at: datetime
    status: str


@dataclass(frozen=True)
class Entry:
    """One line of the case's audit trail; `actor`/`target` are worker names when they are."""

    at: datetime
    action: str
    actor: str | None
    target: str | None


_OPEN = (
    "SELECT r.*, w.name AS holder FROM requests r LEFT JOIN workers w ON w.id = r.claimed_by"
    " WHERE r.status != 'closed'"
)


def _open_case(row) -> OpenCase:
    request = _request(row)
    since = request.claimed_at if request.status == "claimed" else None
    since = since or from_db(row["requeued_at"]) or request.created_at
    return OpenCase(request, row["holder"], since, from_db(row["last_escalated_at"]))


async def open_cases(src: Source, holder_id: int | None = None) -> list[OpenCase]:
    """Every open case (waiting first, urgent first, oldest first); with `holder_id`, the
    waiting ones and those that worker holds."""
    sql, params = _OPEN, ()
    if holder_id is not None:
        sql += " AND (r.status = 'waiting' OR r.claimed_by = ?)"
        params = (holder_id,)
    rows = await fetch(src, sql + " ORDER BY r.status DESC, r.urgent DESC, r.id", params)
    return [_open_case(r) for r in rows]


async def case(src: Source, request_id: int) -> OpenCase | None:
    """One case, open or closed, with its holder's name."""
    rows = await fetch(
        src,
        "SELECT r.*, w.name AS holder FROM requests r LEFT JOIN workers w ON w.id = r.claimed_by"
        " WHERE r.id = ?",
        (request_id,),
    )
    return _open_case(rows[0]) if rows else None


async def exchanges(src: Source, request_id: int, limit: int = 300) -> list[Exchange]:
    """The messages of a case both ways, oldest first (the latest `limit`)."""
    rows = await fetch(
        src,
        "SELECT * FROM (SELECT received_at AS at, body, 0 AS out, '' AS status, id FROM inbound"
        " WHERE request_id = ? AND citizen_id IS NOT NULL AND body != ''"
        " UNION ALL SELECT created_at AS at, body, 1 AS out, status, id FROM outbox"
        " WHERE request_id = ? AND citizen_id IS NOT NULL AND kind = 'text'"
        " ORDER BY at DESC, out DESC, id DESC LIMIT ?) AS latest ORDER BY at, out, id",
        (request_id, request_id, limit),
    )
    return [Exchange(from_db(r["at"]), r["body"], bool(r["out"]), r["status"]) for r in rows]


async def check_ins(src: Source, request_id: int) -> list[CheckIn]:
    """The check-ins planned about this case, in due order."""
    rows = await fetch(
        src,
        "SELECT f.due_at, f.status, f.answer, w.name FROM followups f"
        " LEFT JOIN workers w ON w.id = f.worker_id WHERE f.request_id = ? ORDER BY f.due_at",
        (request_id,),
    )
    return [CheckIn(from_db(r["due_at"]), r["status"], r["answer"], r["name"]) for r in rows]


async def meetings(src: Source, request_id: int) -> list[Meeting]:
    """The appointments of this case, in time order."""
    rows = await fetch(
        src,
        "SELECT p.name, p.organization, a.starts_at, a.status FROM appointments a"
        " JOIN places p ON p.id = a.place_id WHERE a.request_id = ? ORDER BY a.starts_at",
        (request_id,),
    )
    return [
        Meeting(r["name"], r["organization"], from_db(r["starts_at"]), r["status"]) for r in rows
    ]


async def trail(src: Source, request_id: int) -> list[Entry]:
    """The case's audit trail, oldest first, with worker names for `worker:N` actors and
    `to worker:N` details (other actors, e.g. a citizen, come back as None)."""
    rows = await fetch(
        src, "SELECT at, actor, action, detail FROM audit WHERE request_id = ? ORDER BY id",
        (request_id,),
    )  # fmt: skip
    names = {r["id"]: r["name"] for r in await fetch(src, "SELECT id, name FROM workers")}

    def worker(text: str) -> str | None:
        _, found, number = text.partition("worker:")
        return names.get(int(number)) if found and number.isdigit() else None

    return [
        Entry(from_db(r["at"]), r["action"], worker(r["actor"]), worker(r["detail"])) for r in rows
    ]
