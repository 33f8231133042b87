"""MES DONNEES / MY DATA (Law 25 access right): what is kept about the person, until when."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite

from flows import messages as m
from flows.text import Text
from storage import requests as request_store
from storage.clock import from_db


async def data_summary(
    conn: aiosqlite.Connection, citizen_id: int, address: str, retention_days: int, now: datetime
) -> Text:
    """The short summary (two SMS at most): kept since, erased when, open cases, check-ins."""
    row = (
        await conn.execute_fetchall("SELECT created_at FROM citizens WHERE id = ?", (citizen_id,))
    )[0]
    cases = await conn.execute_fetchall(
        "SELECT id FROM requests WHERE citizen_id = ? AND status != 'closed' ORDER BY id",
        (citizen_id,),
    )
    planned = await conn.execute_fetchall(
        "SELECT count(*) AS n, min(due_at) AS next FROM followups"
        " WHERE citizen_id = ? AND status = 'pending'",
        (citizen_id,),
    )
    return m.data_summary(
        telegram=address.startswith("telegram:"),
        since=from_db(row["created_at"]),
        days=retention_days,
        until=now + timedelta(days=retention_days),  # she writes now: the clock starts again
        open_requests=", ".join(request_store.alias(c["id"]) for c in cases),
        checkins=planned[0]["n"],
        next_checkin=from_db(planned[0]["next"]) if planned[0]["next"] else None,
    )
