"""Open the SQLite database, apply numbered migrations, and run serialized transactions.

`open_database(target)` picks the engine: a `postgresql://` URL is `storage.pg.PgDatabase`
(same surface, asyncpg), anything else a SQLite file here. Both say which they are
(`dialect`, also on a transaction's connection) for the few statements that differ.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import aiosqlite

from storage.base import BaseDatabase, Busy, WriteLock, migration_scripts
from storage.targets import is_postgresql

if TYPE_CHECKING:
    from storage.pg import PgDatabase

__all__ = [
    "BaseDatabase", "Batched", "Busy", "Database", "Inline", "WriteLock", "open_database",
]  # fmt: skip

logger = logging.getLogger(__name__)

Row = aiosqlite.Row
BUSY_TIMEOUT_MS = 15000


def _migration_scripts() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration in storage/migrations, in order."""
    return migration_scripts()


def _busy(exc: sqlite3.OperationalError) -> bool:
    """Another connection holds the write lock (SQLITE_BUSY / SQLITE_LOCKED)."""
    return "locked" in str(exc) or "busy" in str(exc)


def _begin_at_once(raw: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE without waiting: False when another process holds the write lock."""
    raw.execute("PRAGMA busy_timeout=0")
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _busy(exc):
            return False
        raise
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return True


def _private_files(path: str) -> None:
    """The database, -wal and -shm files are readable by their owner only (0600)."""
    if path == ":memory:" or path.startswith("file:") or "://" in path:
        return
    if not os.path.exists(path):
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for name in (path, f"{path}-wal", f"{path}-shm"):
        if os.path.exists(name) and os.stat(name).st_mode & 0o077:
            os.chmod(name, 0o600)


T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Call(Generic[T, R]):
    items: Sequence[T]
    wait: float | None
    deadline: float | None
    done: asyncio.Future[list[R]] = field(repr=False)


class Batched(Generic[T, R]):
    """Calls that arrive while an earlier batch is being written go into the next one.

    `write(conn, items)` does the work of many calls in one transaction (one lock, one
    commit) and returns one result per item, in order. Rules of a batch: calls are taken in
    arrival order; calls with different `wait` bounds are never mixed, and within a batch the
    oldest call's deadline holds; a batch that fails for another reason than a busy database
    is retried call by call, so one call's error is only its own; a call whose caller gave up
    before its batch began is left out. `keys(items)`, when given, names what the batch's
    transaction locks on PostgreSQL (`Database.transaction`'s `keys`).
    """

    def __init__(
        self,
        db: Database,
        write: Callable[[aiosqlite.Connection, list[T]], Awaitable[list[R]]],
        *,
        durable: bool = False,
        first: bool = False,
        keys: Callable[[list[T]], Collection[str]] | None = None,
    ) -> None:
        self.db, self._write_items = db, write
        self._options = {"durable": durable, "first": first}
        self._keys = keys
        self._queue: deque[_Call[T, R]] = deque()
        self._writer: asyncio.Task[None] | None = None

    async def run(self, items: Sequence[T], wait: float | None = None) -> list[R]:
        """The results of `items`, once committed (with other calls' items, maybe)."""
        loop = asyncio.get_running_loop()
        deadline = None if wait is None else loop.time() + wait
        call: _Call[T, R] = _Call(items, wait, deadline, loop.create_future())
        self._queue.append(call)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await call.done

    async def _write(self) -> None:
        while self._queue:
            head = self._queue[0]
            batch = []
            while self._queue and self._queue[0].wait == head.wait:
                call = self._queue.popleft()
                if not call.done.done():
                    batch.append(call)
            if batch:
                await self._commit_batch(batch, head.deadline)

    async def _commit_batch(self, batch: list[_Call[T, R]], deadline: float | None) -> None:
        try:
            results = await self._commit([i for c in batch for i in c.items], deadline)
        except Busy as exc:
            for call in batch:
                _settle(call, exc=Busy(str(exc)))
            return
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0], exc=exc)
                return
            for call in batch:
                try:
                    _settle(call, await self._commit(list(call.items), call.deadline))
                except Exception as alone:
                    _settle(call, exc=alone)
            return
        for call in batch:
            _settle(call, results[: len(call.items)])
            results = results[len(call.items) :]

    async def _commit(self, items: list[T], deadline: float | None) -> list[R]:
        wait = None if deadline is None else deadline - asyncio.get_running_loop().time()
        keys = None if self._keys is None else self._keys(items)
        async with self.db.transaction(wait=wait, keys=keys, **self._options) as conn:
            return await self._write_items(conn, items)


def _settle(call: _Call, results: list | None = None, exc: BaseException | None = None) -> None:
    if call.done.done():
        return
    if exc is not None:
        call.done.set_exception(exc)
    else:
        call.done.set_result(results or [])


class Inline:
    """A transaction's connection whose statements run at once, in the event loop's thread.

    aiosqlite hands each statement to its thread and back: one hop per statement, about 25
    for one inbound message, each a wake-up of the loop through its self-pipe. Inside a
    transaction that holds SQLite's write lock (BEGIN IMMEDIATE, WAL journal), a statement
    never waits for another process, and the small indexed statements of a unit of work take
    microseconds: they run here, and the unit of work costs one hop, its COMMIT (which may
    flush to disk or checkpoint, so it stays in aiosqlite's thread). The lock of `Database`
    guarantees that aiosqlite's thread is idle meanwhile.

    It offers the part of `aiosqlite.Connection` the storage modules use (`execute` returns
    a sqlite3 cursor: `rowcount`, `lastrowid`).
    """

    dialect = "sqlite"
    whole_database = True  # a process alone, each transaction under BEGIN IMMEDIATE

    def __init__(self, raw: sqlite3.Connection) -> None:
        self._raw = raw

    @property
    def in_transaction(self) -> bool:
        return self._raw.in_transaction

    async def execute(self, sql: str, parameters: Sequence[Any] | dict = ()) -> sqlite3.Cursor:
        return self._raw.execute(sql, parameters)

    async def execute_fetchall(self, sql: str, parameters: Sequence[Any] | dict = ()) -> list[Row]:
        return self._raw.execute(sql, parameters).fetchall()

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> sqlite3.Cursor:
        return self._raw.executemany(sql, parameters)


class Database(BaseDatabase):
    """One aiosqlite connection shared by the process; writes are serialized by a lock.

    Every write goes through `transaction()`, which takes the lock, runs `BEGIN IMMEDIATE`
    and commits, or rolls back on any exception (cancellation included). Reads outside a
    transaction use `fetchall`/`fetchone` and also take the lock, so they never observe a
    half-done unit of work of another task on the same connection.
    """

    dialect = "sqlite"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)  # what opening it may raise

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = WriteLock()

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    @property
    def raw(self) -> sqlite3.Connection:
        """aiosqlite's own sqlite3 connection (its `_conn`, aiosqlite < 0.23), for statements
        run at once under the lock (`Inline`, `fetchall`)."""
        return self.conn._conn

    async def open(self) -> None:
        """Open the file, set the pragmas and migrate to the latest schema."""
        _private_files(self.path)
        # Statements of a transaction run in the event loop's thread (`Inline`), the others in
        # aiosqlite's; the lock of this class keeps the two from ever overlapping.
        self._conn = await aiosqlite.connect(
            self.path, isolation_level=None, timeout=15, check_same_thread=False
        )
        self._conn.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA foreign_keys=ON",
            "PRAGMA synchronous=NORMAL",
            "PRAGMA secure_delete=ON",
            f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
        ):
            await self._conn.execute(pragma)
        _private_files(self.path)  # -wal and -shm exist now
        await self._migrate()

    async def close(self) -> None:
        """Close after the unit of work or read under way: those run their statements in this
        thread on aiosqlite's connection (`Inline`, `fetchall`), which aiosqlite closes in its
        own thread; closing under them freed it mid-statement (a segmentation fault seen when
        a kiosk's event stream read as the test's bot stopped)."""
        if self._conn is not None:
            async with self._lock:
                await self._conn.close()
                self._conn = None

    async def _migrate(self) -> None:
        async with self._conn.execute("PRAGMA user_version") as cur:
            (current,) = await cur.fetchone()
        for number, name, sql in _migration_scripts():
            if number <= current:
                continue
            logger.info("migration.apply", extra={"migration": name})
            script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;"
            try:
                await self._conn.executescript(script)
            except Exception:
                if self._conn.in_transaction:
                    await self._conn.rollback()
                raise

    async def version(self) -> int:
        """The number of the last migration applied (`PRAGMA user_version`)."""
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0])

    @asynccontextmanager
    async def transaction(
        self,
        *,
        wait: float | None = None,
        durable: bool = False,
        first: bool = False,
        urgent: bool = False,
        keys: Collection[str] | None = None,
    ) -> AsyncIterator[aiosqlite.Connection]:
        """Run one unit of work atomically: BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error.

        `keys` narrow what a PostgreSQL transaction locks (storage/pg.py); here the process
        is alone and every transaction holds the whole database: they change nothing.

        With `wait`, give up after that many seconds of waiting for the write lock (this
        process's or another's) and raise `Busy`: a webhook answers 503 rather than hang.
        `durable` commits with a flush to disk (synchronous=FULL): for what is acknowledged
        to a provider, which would not send it again after a power cut. `first` goes before
        the other waiters for the lock (`WriteLock`): for what a provider is waiting for;
        `urgent` goes after those and before the rest: the processing of a crisis message.
        """
        deadline = asyncio.get_running_loop().time() + wait if wait is not None else None
        try:
            async with asyncio.timeout_at(deadline):
                await self._lock.acquire(first, urgent)
        except TimeoutError:
            raise Busy("database busy (this process)") from None
        try:
            conn, raw = self.conn, self.raw
            if durable:
                raw.execute("PRAGMA synchronous=FULL")
            try:
                if not _begin_at_once(raw):
                    await self._begin(conn, deadline)  # another process writes: wait there
                try:
                    yield Inline(raw)  # type: ignore[misc]  # aiosqlite.Connection's subset
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
                else:
                    await conn.execute("COMMIT")  # the one hop: may flush or checkpoint
            finally:
                if durable:
                    raw.execute("PRAGMA synchronous=NORMAL")
        finally:
            self._lock.release()

    async def _begin(self, conn: aiosqlite.Connection, deadline: float | None) -> None:
        """BEGIN IMMEDIATE, waiting for another process's lock at most until `deadline`."""
        if deadline is None:
            await conn.execute("BEGIN IMMEDIATE")
            return
        left = max(int((deadline - asyncio.get_running_loop().time()) * 1000), 1)
        await conn.execute(f"PRAGMA busy_timeout={left}")
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                raise Busy("database busy (another process)") from None
            raise
        finally:
            await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    async def checkpoint(self) -> bool:
        """Copy the WAL into the database file and empty it: erased words leave the -wal file."""
        async with self._lock:
            rows = await self.conn.execute_fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = bool(rows and rows[0][0])
        if busy:
            logger.warning("db.checkpoint_busy")
        return not busy

    async def fetchall(
        self, sql: str, params: Sequence[Any] | dict = (), *, urgent: bool = False
    ) -> list[Row]:
        """A read at once, in this thread (WAL: a reader never waits for a writer), after the
        unit of work under way (this process's lock, `urgent` as for `transaction`)."""
        await self._lock.acquire(urgent=urgent)
        try:
            return self.raw.execute(sql, params).fetchall()
        finally:
            self._lock.release()

    async def fetchone(
        self, sql: str, params: Sequence[Any] | dict = (), *, urgent: bool = False
    ) -> Row | None:
        rows = await self.fetchall(sql, params, urgent=urgent)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Sequence[Any] | dict = ()) -> None:
        """Run one write statement in its own transaction."""
        async with self.transaction() as conn:
            await conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)


def open_database(target: str) -> Database | PgDatabase:
    """The database `RELAIS_DATABASE` names, not yet open: PostgreSQL for a `postgresql://`
    (or `postgres://`) URL, else the SQLite file at that path."""
    if is_postgresql(target):
        from storage.pg import PgDatabase  # asyncpg is loaded only where it is used

        return PgDatabase(target)
    return Database(target)
