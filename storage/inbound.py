"""Every inbound message, stored once: the provider id makes a redelivery harmless."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import aiosqlite

from flows.types import Inbound, Kind
from storage.clock import from_db, to_db
from storage.db import Busy, Database


@dataclass
class _Waiting:
    inbounds: Sequence[Inbound]
    wait: float | None
    deadline: float | None
    done: asyncio.Future[list[int | None]] = field(repr=False)


class GroupCommit:
    """Messages that arrive while earlier ones are being written are stored together.

    What a webhook waits for is one durable commit (a flush to disk); under a burst, every
    message that arrived during a commit goes into the next one: one lock, one flush for all
    of them, in arrival order, taken before other waiting work (`Database.transaction`'s
    `first`). Callers with different `wait` bounds are never mixed; within a batch the
    oldest caller's deadline holds. A batch that fails for another reason than a busy
    database is retried caller by caller, so one caller's error is only its own.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._queue: deque[_Waiting] = deque()
        self._writer: asyncio.Task[None] | None = None

    async def store(self, inbounds: Sequence[Inbound], wait: float | None) -> list[int | None]:
        """The new rows' ids (None for a duplicate), once durably committed."""
        loop = asyncio.get_running_loop()
        deadline = None if wait is None else loop.time() + wait
        entry = _Waiting(inbounds, wait, deadline, loop.create_future())
        self._queue.append(entry)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await entry.done

    async def _write(self) -> None:
        while self._queue:
            head = self._queue[0]
            batch = []
            while self._queue and self._queue[0].wait == head.wait:
                entry = self._queue.popleft()
                if not entry.done.done():  # its caller gave up before it was written
                    batch.append(entry)
            if batch:
                await self._commit_batch(batch, head.deadline)

    async def _commit_batch(self, batch: list[_Waiting], deadline: float | None) -> None:
        try:
            ids = await self._commit([i for e in batch for i in e.inbounds], deadline)
        except Busy as exc:
            for entry in batch:
                _settle(entry, exc=Busy(str(exc)))
            return
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0], exc=exc)
                return
            for entry in batch:
                try:
                    _settle(entry, await self._commit(entry.inbounds, entry.deadline))
                except Exception as alone:
                    _settle(entry, exc=alone)
            return
        for entry in batch:
            _settle(entry, ids[: len(entry.inbounds)])
            ids = ids[len(entry.inbounds) :]

    async def _commit(
        self, inbounds: Sequence[Inbound], deadline: float | None
    ) -> list[int | None]:
        wait = None if deadline is None else deadline - asyncio.get_running_loop().time()
        async with self.db.transaction(wait=wait, durable=True, first=True) as conn:
            return [await record(conn, inbound) for inbound in inbounds]


def _settle(
    entry: _Waiting, ids: list[int | None] | None = None, exc: BaseException | None = None
) -> None:
    if entry.done.done():
        return
    if exc is not None:
        entry.done.set_exception(exc)
    else:
        entry.done.set_result(ids or [])


def encode(inbound: Inbound) -> str:
    """The message as JSON, to process it after the acknowledgement (or after a crash)."""
    data = asdict(inbound)
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
    cursor = await conn.execute(
        "INSERT INTO inbound (provider_id, address, kind, body, status, received_at, payload)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider_id) DO NOTHING",
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
    return cursor.lastrowid if cursor.rowcount == 1 else None


def _body(inbound: Inbound) -> str:
    if inbound.media and not inbound.text:
        return f"[{inbound.media}]"
    return inbound.text


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
