"""Every inbound message, stored once: the provider id makes a redelivery harmless."""

from __future__ import annotations

import aiosqlite

from flows.types import Inbound
from storage.clock import to_db


async def record(
    conn: aiosqlite.Connection, inbound: Inbound, status: str = "processed"
) -> int | None:
    """Store the message; None when this provider id was already stored (a duplicate)."""
    cursor = await conn.execute(
        "INSERT INTO inbound (provider_id, address, kind, body, status, received_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(provider_id) DO NOTHING",
        (
            inbound.provider_id,
            inbound.address,
            str(inbound.kind),
            _body(inbound),
            status,
            to_db(inbound.received_at),
        ),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


def _body(inbound: Inbound) -> str:
    if inbound.media and not inbound.text:
        return f"[{inbound.media}]"
    return inbound.text


async def link(
    conn: aiosqlite.Connection,
    inbound_id: int,
    citizen_id: int | None = None,
    worker_id: int | None = None,
    request_id: int | None = None,
) -> None:
    """Attach the stored message to its citizen, worker and request."""
    await conn.execute(
        "UPDATE inbound SET citizen_id = COALESCE(?, citizen_id),"
        " worker_id = COALESCE(?, worker_id), request_id = COALESCE(?, request_id) WHERE id = ?",
        (citizen_id, worker_id, request_id, inbound_id),
    )
