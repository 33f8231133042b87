"""Requests (cases): what a citizen asked, who has it, how it ended."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

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
    cursor = await conn.execute(
        "INSERT INTO requests (citizen_id, channel, language, first_words, urgent, out_of_hours,"
        " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (citizen_id, channel, language, first_words, urgent, out_of_hours, source, to_db(now)),
    )
    return await get(conn, cursor.lastrowid)


async def get(conn: aiosqlite.Connection, request_id: int) -> Request | None:
    rows = await conn.execute_fetchall("SELECT * FROM requests WHERE id = ?", (request_id,))
    return _request(rows[0]) if rows else None


async def mark_urgent(conn: aiosqlite.Connection, request_id: int) -> None:
    await conn.execute("UPDATE requests SET urgent = 1 WHERE id = ?", (request_id,))


async def open_for_citizen(conn: aiosqlite.Connection, citizen_id: int) -> Request | None:
    rows = await conn.execute_fetchall(
        "SELECT * FROM requests WHERE citizen_id = ? AND status != 'closed'"
        " ORDER BY id DESC LIMIT 1",
        (citizen_id,),
    )
    return _request(rows[0]) if rows else None


async def waiting(conn: aiosqlite.Connection) -> list[Request]:
    rows = await conn.execute_fetchall(
        "SELECT * FROM requests WHERE status = 'waiting' ORDER BY urgent DESC, id"
    )
    return [_request(r) for r in rows]
