"""A web conversation moves to an SMS identity: same citizen, same open request, new address."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from storage import citizens
from storage.clock import to_db

# Rows that belong to a citizen and follow her to the SMS identity when the two merge.
_OWNED = ("requests", "inbound", "outbox", "followups")


async def move_to_sms(
    conn: aiosqlite.Connection, web_address: str, sms_address: str, language: str, now: datetime
) -> int:
    """Give the web citizen the SMS address (merging into an existing SMS citizen); her id."""
    web = await citizens.by_address(conn, web_address)
    target = await citizens.by_address(conn, sms_address)
    if web is None and target is None:
        citizen_id, _ = await citizens.get_or_create(conn, sms_address, language, now)
    elif web is None:
        citizen_id = target["id"]
    elif target is None:
        await conn.execute(
            "UPDATE citizens SET address = ?, channel = 'sms' WHERE id = ?",
            (sms_address, web["id"]),
        )
        citizen_id = web["id"]
    else:
        citizen_id = await _merge(conn, web, target)
    # She gave her consent on the page: texts to this number are wanted again.
    await conn.execute(
        "UPDATE citizens SET opted_out_at = NULL, last_seen_at = ? WHERE id = ?",
        (to_db(now), citizen_id),
    )
    await conn.execute(
        "UPDATE outbox SET status = 'failed', error = 'moved to sms'"
        " WHERE address = ? AND status = 'pending'",
        (web_address,),
    )
    return citizen_id


async def _merge(conn: aiosqlite.Connection, web: aiosqlite.Row, target: aiosqlite.Row) -> int:
    """The SMS citizen takes the web citizen's rows, and her conversation if a request is open."""
    for table in _OWNED:
        await conn.execute(
            f"UPDATE {table} SET citizen_id = ? WHERE citizen_id = ?", (target["id"], web["id"])
        )
    if json.loads(web["state_data"]).get("_open_request") is not None:
        await conn.execute(
            "UPDATE citizens SET state = ?, state_data = ?, language = ? WHERE id = ?",
            (web["state"], web["state_data"], web["language"], target["id"]),
        )
    await conn.execute("DELETE FROM citizens WHERE id = ?", (web["id"],))
    return target["id"]
