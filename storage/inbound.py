"""Every inbound message, stored once: the provider id makes a redelivery harmless."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields

import aiosqlite

from flows.types import Inbound, Kind
from storage.clock import from_db, to_db
from storage.db import Batched, Database


class GroupCommit(Batched[Inbound, "int | None"]):
    """Messages that arrive while earlier ones are being written are stored together.

    What a webhook waits for is one durable commit (a flush to disk); under a burst, every
    message that arrived during a commit goes into the next one: one lock, one flush for all
    of them, in arrival order, taken before other waiting work (`Database.transaction`'s
    `first`). See `storage.db.Batched` for the rules of a batch. On PostgreSQL the batch
    holds the inbox key of each address (`order_key`): a process that processes one of them
    waits for this commit, so ids are committed in their order for each address.
    """

    def __init__(self, db: Database) -> None:
        super().__init__(db, _record_all, durable=True, first=True, keys=_order_keys)

    async def store(self, inbounds: Sequence[Inbound], wait: float | None) -> list[int | None]:
        """The new rows' ids (None for a duplicate), once durably committed."""
        return await self.run(inbounds, wait)


def order_key(address: str) -> str:
    """The name of an address's inbox lock: held by whoever stores or processes its messages
    (several processes on PostgreSQL, storage/pg.py): its messages are taken in order."""
    return f"inbox {address}"


def _order_keys(inbounds: list[Inbound]) -> set[str]:
    return {order_key(inbound.address) for inbound in inbounds}


async def _record_all(conn: aiosqlite.Connection, inbounds: list[Inbound]) -> list[int | None]:
    return [await record(conn, inbound) for inbound in inbounds]


# Inbound's fields are plain values (str, int, None, the Kind StrEnum, a datetime): read
# directly, without `asdict`'s deep copy of each one.
_FIELDS = tuple(f.name for f in fields(Inbound))


def encode(inbound: Inbound) -> str:
    """The message as JSON, to process it after the acknowledgement (or after a crash)."""
    data = {name: getattr(inbound, name) for name in _FIELDS}
    data["received_at"] = to_db(inbound.received_at)
    return json.dumps(data, ensure_ascii=False)


def decode(payload: str) -> Inbound:
    data = json.loads(payload)
    data["kind"] = Kind(data["kind"])
    data["received_at"] = from_db(data["received_at"])
    return Inbound(**data)


async def record(
    conn: aiosqlite.Connection, inbound: Inbound, status: str = "received"
) -> int | None:
    """Store the message; None when this provider id was already stored (a duplicate)."""
    rows = await conn.execute_fetchall(
        "INSERT INTO inbound (provider_id, address, kind, body, status, received_at, payload)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider_id) DO NOTHING RETURNING id",
        (
            inbound.provider_id,
            inbound.address,
            str(inbound.kind),
            _body(inbound),
            status,
            to_db(inbound.received_at),
            encode(inbound) if status == "received" else None,
        ),
    )
    return rows[0]["id"] if rows else None


def _body(inbound: Inbound) -> str:
    if inbound.media and not inbound.text:
        return f"[{inbound.media}]"
    return inbound.text


async def oldest_received(conn: aiosqlite.Connection, address: str) -> int | None:
    """The id of this address's oldest message not processed yet, read in the transaction."""
    rows = await conn.execute_fetchall(
        "SELECT id FROM inbound WHERE address = ? AND status = 'received' ORDER BY id LIMIT 1",
        (address,),
    )
    return rows[0]["id"] if rows else None


async def start_processing(conn: aiosqlite.Connection, inbound_id: int) -> bool:
    """Take a received message for processing, once: False if it was taken already."""
    cursor = await conn.execute(
        "UPDATE inbound SET status = 'processed', payload = NULL"
        " WHERE id = ? AND status = 'received'",
        (inbound_id,),
    )
    return cursor.rowcount == 1


async def mark_failed(conn: aiosqlite.Connection, inbound_id: int) -> None:
    await conn.execute(
        "UPDATE inbound SET status = 'failed', payload = NULL WHERE id = ?", (inbound_id,)
    )


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
