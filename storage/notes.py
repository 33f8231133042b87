"""Private notes on cases (visible to workers only), and worker words held back for SMS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from storage.clock import from_db, to_db
from storage.workers import Source, fetch


@dataclass(frozen=True)
class Note:
    """One note: its case, who wrote it (name, or "" if that worker is gone), when, the words."""

    request_id: int
    author: str
    body: str
    created_at: datetime


async def add(
    conn: aiosqlite.Connection, request_id: int, worker_id: int, body: str, now: datetime
) -> int:
    """Store a note on a case; its id."""
    rows = await conn.execute_fetchall(
        "INSERT INTO notes (request_id, worker_id, body, created_at) VALUES (?, ?, ?, ?)"
        " RETURNING id",
        (request_id, worker_id, body, to_db(now)),
    )
    return rows[0]["id"]


async def of_request(src: Source, request_id: int) -> list[Note]:
    """The notes of a case, oldest first."""
    return await _select(src, "n.request_id = ?", (request_id,))


async def of_citizen(src: Source, citizen_id: int, limit: int = 20) -> list[Note]:
    """The latest notes on any case of this citizen, oldest first (for a reopened case)."""
    notes = await _select(
        src,
        "n.request_id IN (SELECT id FROM requests WHERE citizen_id = ?)",
        (citizen_id,),
    )
    return notes[-limit:]


async def _select(src: Source, where: str, params: tuple) -> list[Note]:
    rows = await fetch(
        src,
        "SELECT n.request_id, n.body, n.created_at, w.name FROM notes n"
        f" LEFT JOIN workers w ON w.id = n.worker_id WHERE {where} ORDER BY n.id",
        params,
    )
    return [
        Note(r["request_id"], r["name"] or "", r["body"], from_db(r["created_at"])) for r in rows
    ]


async def hold_sms(
    conn: aiosqlite.Connection, request_id: int, worker_id: int, body: str, now: datetime
) -> int:
    """Keep a worker's words until they choose how to send them; the row's id.

    Words this worker left unchosen for a day are dropped: they were never meant to wait.
    """
    stale = to_db(now - timedelta(days=1))
    await conn.execute(
        "DELETE FROM pending_sms WHERE worker_id = ? AND created_at < ?", (worker_id, stale)
    )
    rows = await conn.execute_fetchall(
        "INSERT INTO pending_sms (request_id, worker_id, body, created_at) VALUES (?, ?, ?, ?)"
        " RETURNING id",
        (request_id, worker_id, body, to_db(now)),
    )
    return rows[0]["id"]


async def take_sms(
    conn: aiosqlite.Connection, pending_id: int, worker_id: int
) -> tuple[int, str] | None:
    """(request id, words) of this worker's held message, removed; None if gone or not theirs."""
    rows = await conn.execute_fetchall(
        "SELECT request_id, body FROM pending_sms WHERE id = ? AND worker_id = ?",
        (pending_id, worker_id),
    )
    if not rows:
        return None
    await conn.execute("DELETE FROM pending_sms WHERE id = ?", (pending_id,))
    return rows[0]["request_id"], rows[0]["body"]
