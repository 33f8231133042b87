"""What both engines share: the base class of a database (SQLite's `storage.db.Database`,
PostgreSQL's `storage.pg.PgDatabase`), its write lock, and the error of a database that
stayed busy."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections import deque
from importlib import resources
from typing import Self


def migration_scripts(engine: str = "") -> list[tuple[int, str, str]]:
    """(number, name, sql) of every `NNNN_name.sql` in storage/migrations (SQLite) or its
    `engine` subfolder ("pg"), in order; two files with one number refuse."""
    folder = resources.files("storage.migrations")
    found = []
    for entry in (folder.joinpath(engine) if engine else folder).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if len(numbers) != len(set(numbers)):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


# PostgreSQL's advisory lock numbers of the whole database and of the leader (storage/pg.py):
# "Relais" in ASCII, any constant would do.
WRITE_LOCK_KEY = 0x52656C616973
RUN_LOCK_KEY = WRITE_LOCK_KEY + 1


def key_of(name: str) -> int:
    """The advisory lock number of a key's name on PostgreSQL (a signed 64-bit digest; never
    one of the two constants above). Names may hold an address: only the number is sent."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    number = int.from_bytes(digest, "big", signed=True)
    return number if number not in (WRITE_LOCK_KEY, RUN_LOCK_KEY) else number ^ 1


class Busy(RuntimeError):
    """The database stayed locked (another process writing) longer than the caller could wait."""


class Unreachable(Busy):
    """The database server could not be reached (PostgreSQL down, restarting, no network):
    handled like a busy database (a webhook's SMS goes to the spool, Telegram redelivers)."""


class WriteLock:
    """The database's lock: an asyncio lock with three classes of waiters, served in turn:
    `first`, then `urgent`, then the others.

    Storing what a provider waits for (a webhook's message, an update before its offset
    moves) goes first: a webhook's answer never queues behind the processing of a backlog.
    Processing a message that speaks of a crisis is urgent: its answer never queues behind
    the ordinary processing of a backlog either (bot/core/engine.py).
    FIFO within each class; cancellation-safe like asyncio.Lock.
    """

    def __init__(self) -> None:
        self._held = False
        self._first: deque[asyncio.Future[None]] = deque()
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._others: deque[asyncio.Future[None]] = deque()

    def locked(self) -> bool:
        return self._held

    async def acquire(self, first: bool = False, urgent: bool = False) -> None:
        if not self._held and not self._first and not self._urgent and not self._others:
            self._held = True
            return
        future = asyncio.get_running_loop().create_future()
        queue = self._first if first else self._urgent if urgent else self._others
        queue.append(future)
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.release()  # handed over, then cancelled before it ran: pass it on
            elif future in queue:
                queue.remove(future)
            raise

    def release(self) -> None:
        for queue in (self._first, self._urgent, self._others):
            while queue:
                future = queue.popleft()
                if not future.done():
                    future.set_result(None)  # held on: ownership moves to that waiter
                    return
        self._held = False

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self.release()


class BaseDatabase:
    """An open database of either engine: what storage functions told "a Database or a
    transaction's connection" check with isinstance. `dialect` is "sqlite" or "postgresql"."""

    dialect: str
    errors: tuple[type[Exception], ...]  # what opening it may raise

    async def open(self) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def cancel_and_wait(task: asyncio.Task | None) -> None:
    """Cancel a background loop (the spool's replay, polling, the leader's watch) and wait
    until it has ended; its CancelledError is the expected end, not an error."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
