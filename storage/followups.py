"""Follow-up check-ins, citizen tags and campaigns: rows that outlive any restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.clock import from_db, to_db
from storage.workers import Source, fetch


@dataclass(frozen=True)
class Followup:
    """One check-in: to whom, about which case, scheduled by whom, when, and how it went."""

    id: int
    citizen_id: int
    request_id: int | None
    worker_id: int | None
    campaign_id: int | None
    series: int | None
    message: str
    due_at: datetime
    status: str
    answer: str | None
    sent_at: datetime | None
    alerted_at: datetime | None
    created_at: datetime


def _followup(row: aiosqlite.Row) -> Followup:
    return Followup(
        id=row["id"],
        citizen_id=row["citizen_id"],
        request_id=row["request_id"],
        worker_id=row["worker_id"],
        campaign_id=row["campaign_id"],
        series=row["series"],
        message=row["message"],
        due_at=from_db(row["due_at"]),
        status=row["status"],
        answer=row["answer"],
        sent_at=from_db(row["sent_at"]),
        alerted_at=from_db(row["alerted_at"]),
        created_at=from_db(row["created_at"]),
    )


async def add(
    conn: aiosqlite.Connection,
    citizen_id: int,
    due_at: datetime,
    now: datetime,
    *,
    request_id: int | None = None,
    worker_id: int | None = None,
    message: str = "",
    campaign_id: int | None = None,
    series: int | None = None,
) -> int:
    """Store a pending check-in; its id."""
    cursor = await conn.execute(
        "INSERT INTO followups (citizen_id, request_id, worker_id, campaign_id, series, message,"
        " due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (citizen_id, request_id, worker_id, campaign_id, series, message, to_db(due_at),
         to_db(now)),
    )  # fmt: skip
    return cursor.fetchone()[0]


async def get(src: Source, followup_id: int) -> Followup | None:
    rows = await fetch(src, "SELECT * FROM followups WHERE id = ?", (followup_id,))
    return _followup(rows[0]) if rows else None


async def select(
    src: Source, where: str, params: tuple = (), order: str = "due_at, id", limit: int = -1
) -> list[Followup]:
    """Check-ins matching a WHERE clause, in `order` (by due time), at most `limit` (-1: all)."""
    sql = f"SELECT * FROM followups WHERE {where} ORDER BY {order}"
    if limit >= 0:  # PostgreSQL refuses a negative LIMIT, SQLite a NULL one
        sql, params = f"{sql} LIMIT ?", (*params, limit)
    rows = await fetch(src, sql, params)
    return [_followup(r) for r in rows]


async def pending(src: Source) -> list[Followup]:
    """Every check-in still to send (the alarms to rebuild at start)."""
    return await select(src, "status = 'pending' AND campaign_id IS NULL")


async def pending_before(src: Source, when: datetime, limit: int) -> list[Followup]:
    """Check-ins (not campaigns) still to send that fall due by `when`, soonest first."""
    where = "status = 'pending' AND campaign_id IS NULL AND due_at <= ?"
    return await select(src, where, (to_db(when),), limit=limit)


async def awaiting_answer_since(src: Source, sent_by: datetime, limit: int) -> list[Followup]:
    """Sent check-ins without an answer or an alert, sent at or before `sent_by`."""
    where = "status = 'sent' AND alerted_at IS NULL AND campaign_id IS NULL AND sent_at <= ?"
    return await select(src, where, (to_db(sent_by),), order="sent_at, id", limit=limit)


async def due(src: Source, now: datetime, limit: int = 25) -> list[Followup]:
    """Every pending row due by `now` (campaign rows too), soonest first."""
    return await select(src, "status = 'pending' AND due_at <= ?", (to_db(now),), limit=limit)


async def awaiting_answer(src: Source) -> list[Followup]:
    """Sent check-ins (not campaigns) whose no-answer alert has not gone out."""
    return await select(src, "status = 'sent' AND alerted_at IS NULL AND campaign_id IS NULL")


async def of_worker(src: Source, worker_id: int) -> list[Followup]:
    """A worker's check-ins still to send."""
    return await select(
        src, "worker_id = ? AND status = 'pending' AND campaign_id IS NULL", (worker_id,)
    )


async def latest_sent(src: Source, citizen_id: int) -> Followup | None:
    rows = await fetch(
        src,
        "SELECT * FROM followups WHERE citizen_id = ? AND status IN ('sent', 'unanswered')"
        " ORDER BY sent_at DESC, id DESC LIMIT 1",
        (citizen_id,),
    )
    return _followup(rows[0]) if rows else None


async def _set(conn: aiosqlite.Connection, followup_id: int, sql: str, params: tuple) -> bool:
    cursor = await conn.execute(f"UPDATE followups SET {sql}", (*params, followup_id))
    return cursor.rowcount == 1


async def mark_sent(
    conn: aiosqlite.Connection, followup_id: int, now: datetime, outbox_id: int | None
) -> bool:
    """Pending → sent, once: False if it was not pending any more."""
    return await _set(
        conn, followup_id, "status = 'sent', sent_at = ?, outbox_id = ?"
        " WHERE id = ? AND status = 'pending'", (to_db(now), outbox_id),
    )  # fmt: skip


async def set_series(conn: aiosqlite.Connection, followup_id: int, series: int) -> None:
    await conn.execute("UPDATE followups SET series = ? WHERE id = ?", (series, followup_id))


async def postpone(conn: aiosqlite.Connection, followup_id: int, at: datetime) -> bool:
    sql = "due_at = ? WHERE id = ? AND status = 'pending'"
    return await _set(conn, followup_id, sql, (to_db(at),))


async def cancel(conn: aiosqlite.Connection, followup_id: int, reason: str) -> bool:
    sql = "status = 'cancelled', cancel_reason = ? WHERE id = ? AND status = 'pending'"
    return await _set(conn, followup_id, sql, (reason,))


async def mark_answered(
    conn: aiosqlite.Connection, followup_id: int, answer: str, now: datetime
) -> bool:
    """The citizen answered (even late, after the no-answer alert)."""
    sql = (
        "status = 'answered', answer = ?, answered_at = ?"
        " WHERE id = ? AND status IN ('sent', 'unanswered')"
    )
    return await _set(conn, followup_id, sql, (answer, to_db(now)))


async def mark_unanswered(conn: aiosqlite.Connection, followup_id: int, now: datetime) -> bool:
    sql = "status = 'unanswered', alerted_at = ? WHERE id = ? AND status = 'sent'"
    return await _set(conn, followup_id, sql, (to_db(now),))


async def wrote_since(conn: aiosqlite.Connection, citizen_id: int, since: datetime) -> bool:
    """Whether the citizen wrote anything (a crisis, STOP, words) after `since`."""
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM inbound WHERE citizen_id = ? AND received_at > ? LIMIT 1",
        (citizen_id, to_db(since)),
    )
    return bool(rows)


async def opted_out_since(conn: aiosqlite.Connection, citizen_id: int, since: datetime) -> bool:
    """Whether the citizen wrote STOP after `since`, even if they came back since."""
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM audit WHERE actor = ? AND action = 'citizen.opt_out' AND at >= ? LIMIT 1",
        (f"citizen:{citizen_id}", to_db(since)),
    )
    return bool(rows)


# ---- tags ---------------------------------------------------------------------------------


async def add_tag(
    conn: aiosqlite.Connection, citizen_id: int, tag: str, worker_id: int, now: datetime
) -> None:
    await conn.execute(
        "INSERT INTO citizen_tags (citizen_id, tag, worker_id, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (citizen_id, tag, worker_id, to_db(now)),
    )


async def remove_tag(conn: aiosqlite.Connection, citizen_id: int, tag: str) -> bool:
    cursor = await conn.execute(
        "DELETE FROM citizen_tags WHERE citizen_id = ? AND tag = ?", (citizen_id, tag)
    )
    return cursor.rowcount == 1


async def tags_of(src: Source, citizen_id: int) -> list[str]:
    rows = await fetch(
        src, "SELECT tag FROM citizen_tags WHERE citizen_id = ? ORDER BY tag", (citizen_id,)
    )
    return [r["tag"] for r in rows]


async def tag_counts(src: Source) -> list[tuple[str, int]]:
    """Each tag with how many opted-in citizens carry it."""
    rows = await fetch(
        src,
        "SELECT t.tag, count(*) AS n FROM citizen_tags t JOIN citizens c ON c.id = t.citizen_id"
        " WHERE c.opted_out_at IS NULL GROUP BY t.tag ORDER BY t.tag",
    )
    return [(r["tag"], r["n"]) for r in rows]


async def tagged(src: Source, tag: str) -> list[aiosqlite.Row]:
    """Opted-in citizens with this tag: id and channel."""
    return await fetch(
        src,
        "SELECT c.id, c.channel FROM citizen_tags t JOIN citizens c ON c.id = t.citizen_id"
        " WHERE t.tag = ? AND c.opted_out_at IS NULL ORDER BY c.id",
        (tag,),
    )
