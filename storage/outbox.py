"""The outbox: every outgoing message is a row, written in the transaction that caused it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from storage.base import key_of
from storage.clock import from_db, to_db


@dataclass(frozen=True)
class OutboxItem:
    """One message to deliver."""

    id: int
    address: str
    kind: str
    body: str
    buttons: list[list[str]] | None
    payload: dict[str, Any] | None
    attempts: int
    citizen_id: int | None
    worker_id: int | None
    request_id: int | None


async def enqueue(
    conn: aiosqlite.Connection,
    address: str,
    body: str,
    now: datetime,
    *,
    buttons: list[list[str]] | None = None,
    kind: str = "text",
    payload: dict[str, Any] | None = None,
    citizen_id: int | None = None,
    worker_id: int | None = None,
    request_id: int | None = None,
) -> int:
    """Queue a message; the sender delivers it after the transaction commits."""
    cursor = await conn.execute(
        "INSERT INTO outbox (address, citizen_id, worker_id, request_id, kind, body, buttons,"
        " payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        (
            address,
            citizen_id,
            worker_id,
            request_id,
            kind,
            body,
            json.dumps(buttons, ensure_ascii=False) if buttons else None,
            json.dumps(payload) if payload else None,
            to_db(now),
            to_db(now),
        ),
    )
    return cursor.fetchone()[0]


def item_from_row(row: aiosqlite.Row) -> OutboxItem:
    """The dataclass of one outbox row."""
    return OutboxItem(
        id=row["id"],
        address=row["address"],
        kind=row["kind"],
        body=row["body"],
        buttons=json.loads(row["buttons"]) if row["buttons"] else None,
        payload=json.loads(row["payload"]) if row["payload"] else None,
        attempts=row["attempts"],
        citizen_id=row["citizen_id"],
        worker_id=row["worker_id"],
        request_id=row["request_id"],
    )


async def due(conn: aiosqlite.Connection, now: datetime, limit: int = 100) -> list[OutboxItem]:
    """Pending messages whose time has come, oldest first."""
    rows = await conn.execute_fetchall(
        "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
        " ORDER BY id LIMIT ?",
        (to_db(now), limit),
    )
    return [item_from_row(r) for r in rows]


async def next_due_at(conn: aiosqlite.Connection) -> datetime | None:
    rows = await conn.execute_fetchall(
        "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'"
    )
    return from_db(rows[0]["at"]) if rows and rows[0]["at"] else None


def order_key(address: str) -> str:
    """The name of a recipient's outbox lock, held by claims (several processes on PostgreSQL,
    storage/pg.py): two processes never claim two rows of one recipient at once, so the
    check that no earlier row of hers is on the wire sees the other's claim."""
    return f"outbox {address}"


async def lock_recipients(conn: aiosqlite.Connection, addresses: list[str]) -> set[str]:
    """The recipients whose outbox lock this transaction now holds, tried without waiting (a
    recipient another process is claiming right now is left out: claimed at a next pass, like
    a row under SKIP LOCKED), before its claims read anything. SQLite: all of them (the
    process is alone and holds the whole database)."""
    unique = sorted(set(addresses))
    if conn.dialect != "postgresql" or not unique:
        return set(unique)
    rows = await conn.execute_fetchall(
        "SELECT t.address FROM unnest(?::text[], ?::bigint[]) AS t(address, key)"
        " WHERE pg_try_advisory_xact_lock(t.key)",
        (unique, [key_of(order_key(a)) for a in unique]),
    )
    return {row["address"] for row in rows}


async def claim(
    conn: aiosqlite.Connection,
    item_id: int,
    attempts: int,
    owner: str | None = None,
    lease_until: datetime | None = None,
) -> bool:
    """Take a pending row for sending, once (compare-and-set): False if someone else has it.

    `attempts` is what the sender read; a row retried or claimed since then is not taken.
    Nor is a row while an earlier one to the same address is being sent (by this process or
    another one on the same database): a recipient's messages leave in order. The claim
    names its `owner` (the sending process) and holds until `lease_until`: see
    `recover_interrupted` and `recover_expired`.
    """
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_by = ?,"
        " lease_until = ? WHERE id = ? AND status = 'pending' AND attempts = ?"
        " AND NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.address = outbox.address"
        " AND earlier.status = 'sending' AND earlier.id < outbox.id)",
        (owner, to_db(lease_until) if lease_until else None, item_id, attempts),
    )
    return cursor.rowcount == 1


async def mark_sent(
    conn: aiosqlite.Connection, item_id: int, provider_id: str | None, now: datetime
) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'sent', provider_message_id = ?, sent_at = ?, error = NULL"
        " WHERE id = ?",
        (provider_id, to_db(now), item_id),
    )


async def mark_retry(conn: aiosqlite.Connection, item_id: int, at: datetime, error: str) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, error = ? WHERE id = ?",
        (to_db(at), error[:200], item_id),
    )


async def mark_failed(conn: aiosqlite.Connection, item_id: int, error: str) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'failed', error = ? WHERE id = ?", (error[:200], item_id)
    )


async def recover_interrupted(
    conn: aiosqlite.Connection, now: datetime, owner: str | None = None
) -> int:
    """At start, messages caught mid-send are sent again (the at-least-once window).

    `owner` None (a process alone on its database: SQLite): every row left 'sending'. With
    several processes on one database, only this process's previous life's rows (`owner`,
    its stable name) and rows whose lease expired (their sender is gone); rows another live
    process is sending are left to it.
    """
    if owner is None:
        cursor = await conn.execute(
            "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'",
            (to_db(now),),
        )
        return cursor.rowcount
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'"
        " AND (claimed_by IS NULL OR claimed_by = ? OR lease_until IS NULL OR lease_until < ?)",
        (to_db(now), owner, to_db(now)),
    )
    return cursor.rowcount


async def any_expired(src: Any, now: datetime) -> bool:
    """A claim outlived its lease (the leader's rescue writes only then)."""
    rows = await src.fetchall(
        "SELECT 1 FROM outbox WHERE status = 'sending' AND lease_until IS NOT NULL"
        " AND lease_until < ? LIMIT 1",
        (to_db(now),),
    )
    return bool(rows)


async def recover_expired(conn: aiosqlite.Connection, now: datetime) -> int:
    """Rows whose claim outlived its lease (their sender died and did not come back): pending
    again. The leader's rescue runs it; see `recover_interrupted`."""
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'"
        " AND lease_until IS NOT NULL AND lease_until < ?",
        (to_db(now), to_db(now)),
    )
    return cursor.rowcount


async def cancel_pending_for(conn: aiosqlite.Connection, address: str, reason: str) -> int:
    """Stop what has not gone out yet to an address (opt-out, erasure)."""
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'failed', error = ? WHERE address = ? AND status = 'pending'",
        (reason, address),
    )
    return cursor.rowcount


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """Wait before the next try: the provider's retry_after, else 2, 4, 8 … s up to 10 min."""
    if retry_after is not None:
        return timedelta(seconds=max(retry_after, 0.5))
    return timedelta(seconds=min(2 ** max(attempts, 1), 600))
