"""Citizens: one row per address (a phone number or a Telegram chat), with the flow's state."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime

import aiosqlite

from flows.types import CitizenState
from storage import requests
from storage.clock import to_db

# Keys an earlier version kept in the state's JSON, copies of the requests table: dropped.
_OLD_COPIES = ("_open_request", "_request_claimed")


async def get_or_create(
    conn: aiosqlite.Connection, address: str, language: str, now: datetime
) -> tuple[int, CitizenState]:
    """The citizen's id and state; a first message creates the row (and counts an arrival)."""
    channel = address.split(":", 1)[0]
    created = await conn.execute_fetchall(
        "INSERT INTO citizens (address, channel, language, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(address) DO NOTHING RETURNING id",
        (address, channel, language, to_db(now)),
    )
    if created:
        await conn.execute(
            "INSERT INTO arrivals (at, channel, citizen_id) VALUES (?, ?, ?)",
            (to_db(now), channel, created[0]["id"]),
        )
    rows = await conn.execute_fetchall(
        "SELECT id, language, state, state_data, opted_out_at FROM citizens WHERE address = ?",
        (address,),
    )
    row = rows[0]
    data = json.loads(row["state_data"])
    for copy in _OLD_COPIES:
        data.pop(copy, None)
    # The requests table is the one truth about the open request and whether a worker has it.
    current = await requests.open_for_citizen(conn, row["id"])
    open_id = current.id if current else None
    step = "menu" if open_id is None and row["state"] == "request" else row["state"]
    state = CitizenState(
        step=step,
        language=row["language"],
        opted_out=row["opted_out_at"] is not None,
        open_request=open_id,
        request_claimed=current is not None and current.status == "claimed",
        data=data,
    )
    return row["id"], state


async def save(
    conn: aiosqlite.Connection, citizen_id: int, state: CitizenState, now: datetime
) -> None:
    """Store the state after a step (the open request is read from its table, not kept)."""
    data = {k: v for k, v in state.data.items() if k not in _OLD_COPIES}
    await conn.execute(
        "UPDATE citizens SET state = ?, language = ?, state_data = ?, last_seen_at = ?,"
        " opted_out_at = CASE WHEN ? THEN COALESCE(opted_out_at, ?) ELSE NULL END"
        " WHERE id = ?",
        (
            state.step,
            state.language,
            json.dumps(data, ensure_ascii=False),
            to_db(now),
            state.opted_out,
            to_db(now),
            citizen_id,
        ),
    )


def reachable(row: aiosqlite.Row | None) -> bool:
    """Whether this citizen can still be written to: not erased (a row), not opted out."""
    return row is not None and row["opted_out_at"] is None


async def by_address(conn: aiosqlite.Connection, address: str) -> aiosqlite.Row | None:
    rows = await conn.execute_fetchall("SELECT * FROM citizens WHERE address = ?", (address,))
    return rows[0] if rows else None


async def by_id(conn: aiosqlite.Connection, citizen_id: int) -> aiosqlite.Row | None:
    rows = await conn.execute_fetchall("SELECT * FROM citizens WHERE id = ?", (citizen_id,))
    return rows[0] if rows else None


async def set_opted_out(conn: aiosqlite.Connection, address: str, now: datetime | None) -> None:
    """Opt out (now) or back in (None) from outside the flow, e.g. a provider's refusal."""
    await conn.execute(
        "UPDATE citizens SET opted_out_at = ? WHERE address = ?",
        (to_db(now) if now else None, address),
    )


async def update_state(
    conn: aiosqlite.Connection,
    citizen_id: int,
    *,
    step: str | None = None,
    data: dict | None = None,
    choices: list[tuple[str, str]] | None = None,
) -> None:
    """Change the step, merge keys into the flow's data, and remember the choices shown."""
    rows = await conn.execute_fetchall(
        "SELECT state, state_data FROM citizens WHERE id = ?", (citizen_id,)
    )
    if not rows:
        return
    merged = {**json.loads(rows[0]["state_data"]), **(data or {})}
    if choices is not None:
        merged["choices"] = [list(c) for c in choices]
    await conn.execute(
        "UPDATE citizens SET state = ?, state_data = ? WHERE id = ?",
        (step or rows[0]["state"], json.dumps(merged, ensure_ascii=False), citizen_id),
    )


async def record_source(conn: aiosqlite.Connection, citizen_id: int, source: str) -> None:
    """Where a new citizen came from: the payload of the deep link she followed ("affiche").

    The row outlives her erasure: a payload that could be a phone number or an account id
    (7 digits or more) is recorded as "other", never as written.
    """
    if sum(c.isdigit() for c in source) >= 7:
        source = "other"
    await conn.execute(
        "UPDATE arrivals SET source = ? WHERE citizen_id = ? AND source = ''",
        (source[:64].lower(), citizen_id),
    )


def state_dict(state: CitizenState) -> dict:
    """The state as a plain dict (for logs and tests)."""
    return asdict(state)
