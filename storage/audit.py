"""The audit trail: who did what to which case — event names and ids, never message text."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.clock import to_db


async def log(
    conn: aiosqlite.Connection,
    now: datetime,
    actor: str,
    action: str,
    request_id: int | None = None,
    detail: str = "",
) -> None:
    """Append one entry."""
    await conn.execute(
        "INSERT INTO audit (at, actor, action, request_id, detail) VALUES (?, ?, ?, ?, ?)",
        (to_db(now), actor, action, request_id, detail),
    )
