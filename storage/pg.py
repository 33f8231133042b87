"""PostgreSQL behind the same surface as `storage.db.Database` (asyncpg; `RELAIS_DATABASE` a URL).

The storage modules write SQLite's SQL; a transaction's connection (`PgConnection`,
storage/pg_connection.py) takes its `?` placeholders and answers like a sqlite3 cursor. What
is not the same SQL on both engines is chosen at its site with `db.dialect` / `conn.dialect`.

Write transactions are serialized in this process by the same `WriteLock` as SQLite's
(`first` goes before the others). Across processes, each takes transaction-scoped advisory
locks first thing, in the round trip of its BEGIN (`PgDatabase.transaction`):

- by default, the whole-database lock alone (exclusive): it waits for every other write
  transaction of every process, as SQLite's BEGIN IMMEDIATE does. Whatever keeps an invariant
  across rows of many citizens runs so: migrations, the desk (a worker's message: claims,
  relays, /fin), rota and duty changes, the leader's jobs, the dashboard and the CLI;
- with `keys` (names, e.g. "inbox sms:+1514…"), the whole-database lock shared, then one
  exclusive lock per key, in the order of their numbers (no deadlock between two of them):
  transactions with different keys run at once in different processes. A citizen's turn
  (the key of her inbox: her messages in order) and storing a batch of messages (the keys of
  their inboxes: ids in commit order per address) run so. The sender's claims and
  settlements hold no key at BEGIN: a claim tries each recipient's outbox key without waiting
  (`outbox.lock_recipients`) and leaves a recipient another process is claiming for its next
  pass, as SKIP LOCKED does. What they write is the citizen's own rows, rows
  nobody else writes meanwhile, and rows whose UPDATE is guarded by what it read (a claim,
  a transition), decided by the row lock: docs/architecture.md, "Several processes on one
  PostgreSQL".

One process leads (`LeaderLock`, bot/core/leader.py).
Migrations: storage/migrations/pg/NNNN_*.sql, their number kept in `relais_schema`; see
storage/migrations/README.md.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Collection, Iterable
from contextlib import asynccontextmanager

import asyncpg

from storage.base import (
    RUN_LOCK_KEY,
    WRITE_LOCK_KEY,
    BaseDatabase,
    Busy,
    Unreachable,
    WriteLock,
    key_of,
    migration_scripts,
)
from storage.pg_connection import Params, PgConnection, numbered, params_of
from storage.targets import redacted

logger = logging.getLogger(__name__)

# WRITE_LOCK_KEY: pg_advisory_xact_lock's number of the whole database; RUN_LOCK_KEY: held by
# the leading `relais run` (bot/core/leader.py); key_of: a key's (storage/base.py).
POOL_SIZE = 8


def _locks(keys: Collection[str] | None) -> list[str]:
    """The statements that take a transaction's advisory locks (see the module's text)."""
    if keys is None:
        return [f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"]
    numbers = sorted({key_of(k) for k in keys})
    return [
        f"SELECT pg_advisory_xact_lock_shared({WRITE_LOCK_KEY})",
        *(f"SELECT pg_advisory_xact_lock({n})" for n in numbers),
    ]


# A server down or restarting, as the pool tells it: `Unreachable` (a kind of `Busy`).
_UNREACHABLE = (OSError, asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError,
                asyncpg.InterfaceError)  # fmt: skip
# The connection of a transaction gone (server restarted, connection killed): `Unreachable`.
_LOST = (asyncpg.PostgresConnectionError, asyncpg.OperatorInterventionError, ConnectionError)


def _migration_scripts() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every migration in storage/migrations/pg, in order."""
    return migration_scripts("pg")


async def _reset(raw: asyncpg.Connection) -> None:
    """Back to the pool: a transaction left open is rolled back (asyncpg's own reset would
    cost a round trip per transaction: RESET ALL, UNLISTEN, advisory unlocks we never hold
    past a transaction)."""
    if raw.is_in_transaction():
        await raw.execute("ROLLBACK")


class PgDatabase(BaseDatabase):
    """A pool of asyncpg connections; writes serialized as in `storage.db.Database`."""

    dialect = "postgresql"
    errors: tuple[type[Exception], ...] = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError)

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE) -> None:
        self.path = url  # the name `Database` gives it: what RELAIS_DATABASE says
        self.url = url
        self._pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._lock = WriteLock()

    def __repr__(self) -> str:
        return f"PgDatabase({redacted(self.url)!r})"

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def open(self) -> None:
        """Connect and migrate to the latest schema."""
        self._pool = await asyncpg.create_pool(
            self.url,
            min_size=1,
            max_size=self._pool_size,
            reset=_reset,
            statement_cache_size=1024,
            server_settings={"application_name": "relais"},
        )
        try:
            await self._migrate()
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def _migrate(self) -> None:
        """Apply what is missing, under the write lock; a database already at the latest
        schema is only read (a command opening it never waits for the bot's writes)."""
        scripts = _migration_scripts()
        if await self.version() >= scripts[-1][0]:
            return
        async with self.pool.acquire() as raw, raw.transaction():
            await raw.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
            await raw.execute("CREATE TABLE IF NOT EXISTS relais_schema (version BIGINT NOT NULL)")
            current = await raw.fetchval("SELECT max(version) FROM relais_schema") or 0
            for number, name, sql in scripts:
                if number <= current:
                    continue
                logger.info("migration.apply", extra={"migration": name})
                await raw.execute(sql)
                await raw.execute("DELETE FROM relais_schema")
                await raw.execute("INSERT INTO relais_schema (version) VALUES ($1)", number)

    async def version(self) -> int:
        """The number of the last migration applied; 0 on an empty database."""
        if await self.pool.fetchval("SELECT to_regclass('relais_schema')") is None:
            return 0
        return await self.pool.fetchval("SELECT max(version) FROM relais_schema") or 0

    @asynccontextmanager
    async def transaction(
        self,
        *,
        wait: float | None = None,
        durable: bool = False,
        first: bool = False,
        urgent: bool = False,
        keys: Collection[str] | None = None,
    ) -> AsyncIterator[PgConnection]:
        """One unit of work: BEGIN, its advisory locks, … COMMIT; ROLLBACK on any error.

        `keys` None: the whole database (alone); else the whole-database lock shared and
        these keys' locks (the module's text says who may). `wait`, `durable`, `first` and
        `urgent` mean what they mean for `Database.transaction`: give
        up with `Busy` after `wait` seconds; `durable` waits for the commit to be flushed
        (the others commit with synchronous_commit off, like SQLite's synchronous=NORMAL:
        a power cut may lose the last ones, never corrupt); `first` jumps the queue, `urgent`
        goes next (in this process: the advisory lock orders processes, not their waiters).
        """
        loop = asyncio.get_running_loop()
        deadline = None if wait is None else loop.time() + wait
        try:
            async with asyncio.timeout_at(deadline):
                await self._lock.acquire(first, urgent)
        except TimeoutError:
            raise Busy("database busy (this process)") from None
        try:
            async with self._connection(deadline) as raw:
                await self._begin(raw, durable, deadline, keys)
                try:
                    yield PgConnection(raw, whole_database=keys is None)
                except BaseException as exc:
                    await _rollback(raw)
                    if isinstance(exc, Exception) and _closed(raw):
                        raise _lost(exc) from exc  # the server dropped it mid-transaction
                    raise
                else:
                    await raw.execute("COMMIT")
        except _LOST as exc:  # nothing was committed: for the caller, a database to retry
            raise _lost(exc) from exc
        finally:
            self._lock.release()

    @asynccontextmanager
    async def _connection(self, deadline: float | None) -> AsyncIterator[asyncpg.Connection]:
        try:
            async with asyncio.timeout_at(deadline):
                raw = await self.pool.acquire()
        except TimeoutError:
            raise Busy("database busy (no connection)") from None
        except _UNREACHABLE as exc:
            raise Unreachable(f"database unreachable ({type(exc).__name__})") from None
        try:
            yield raw
        finally:
            if not _detached(raw):  # a lost one the pool has already taken back
                await self.pool.release(raw)

    async def _begin(
        self,
        raw: asyncpg.Connection,
        durable: bool,
        deadline: float | None,
        keys: Collection[str] | None,
    ) -> None:
        """BEGIN and the transaction's advisory locks, in one round trip; Busy past
        `deadline`."""
        steps = ["BEGIN"]
        if not durable:
            steps.append("SET LOCAL synchronous_commit TO OFF")
        if deadline is not None:
            left = max(int((deadline - asyncio.get_running_loop().time()) * 1000), 1)
            steps.append(f"SET LOCAL lock_timeout TO {left}")
        steps += _locks(keys)
        try:
            await raw.execute(";".join(steps))
        except asyncpg.LockNotAvailableError:
            await _rollback(raw)
            raise Busy("database busy (another process)") from None
        except BaseException:
            await _rollback(raw)
            raise

    async def checkpoint(self) -> bool:
        """Nothing to do: PostgreSQL has no WAL file beside the database to empty."""
        return True

    async def fetchall(
        self, sql: str, params: Params = (), *, urgent: bool = False
    ) -> list[asyncpg.Record]:
        """A read outside a transaction. It takes this process's lock, as on SQLite: a read
        made after a unit of work began sees it done (what is committed is all it could see
        anyway, but the order of events is the same on both engines); `urgent` as for
        `transaction`."""
        query, names = numbered(sql)
        try:
            await self._lock.acquire(urgent=urgent)
            try:
                return await self.pool.fetch(query, *params_of(names, params))
            finally:
                self._lock.release()
        except _UNREACHABLE as exc:
            raise Unreachable(f"database unreachable ({type(exc).__name__})") from None

    async def fetchone(
        self, sql: str, params: Params = (), *, urgent: bool = False
    ) -> asyncpg.Record | None:
        rows = await self.fetchall(sql, params, urgent=urgent)
        return rows[0] if rows else None

    async def execute(self, sql: str, params: Params = ()) -> None:
        """Run one write statement in its own transaction."""
        async with self.transaction() as conn:
            await conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)


def _lost(exc: BaseException) -> Unreachable:
    return Unreachable(f"database connection lost ({type(exc).__name__})")


def _closed(raw: asyncpg.Connection) -> bool:
    """The connection is gone (closed, or taken back by the pool when the server dropped it)."""
    return _detached(raw) or raw.is_closed()


def _detached(raw: asyncpg.Connection) -> bool:
    """The pool's proxy already let go of its lost connection (it was released back)."""
    try:
        raw.is_closed()
    except asyncpg.InterfaceError:
        return True
    return False


async def _rollback(raw: asyncpg.Connection) -> None:
    """ROLLBACK if a transaction is open; a connection that cannot is closed, not reused."""
    if _closed(raw) or not raw.is_in_transaction():
        return
    try:
        await asyncio.shield(raw.execute("ROLLBACK"))
    except Exception:
        if not _closed(raw):
            raw.terminate()


class LeaderLock:
    """The database's leader lock: a session advisory lock on a connection of its own, named
    after this process ("relais run host:pid"). The server lets go of it when the connection
    ends, kill -9 of the process included, so another process can take it at its next try."""

    def __init__(self, url: str, *, check_timeout: float = 3.0) -> None:
        self.url = url
        self.check_timeout = check_timeout
        self._conn: asyncpg.Connection | None = None

    async def acquire(self) -> bool:
        """Try once (never waits for the holder); True if this process holds it now."""
        if self._conn is None or self._conn.is_closed():
            name = f"relais run {socket.gethostname()}:{os.getpid()}"[:63]
            self._conn = await asyncpg.connect(
                self.url, server_settings={"application_name": name}, timeout=self.check_timeout
            )
        return bool(await self._conn.fetchval("SELECT pg_try_advisory_lock($1)", RUN_LOCK_KEY))

    async def held(self) -> bool:
        """Still held: the connection answers within `check_timeout` (a lost one is closed)."""
        if self._conn is None or self._conn.is_closed():
            return False
        try:
            async with asyncio.timeout(self.check_timeout):
                await self._conn.fetchval("SELECT 1")
        except (TimeoutError, *_UNREACHABLE, asyncpg.PostgresError):
            await self.release()
            return False
        return True

    async def release(self) -> None:
        """Let go (the connection is closed: the server frees the lock with it)."""
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            conn.terminate()


async def leader_name(url: str) -> str | None:
    """Who leads, as its connection is named ("relais run host:pid"); None if nobody does."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted"
            " AND (l.classid::bigint << 32) + l.objid::bigint = $1 LIMIT 1",
            RUN_LOCK_KEY,
        )
    finally:
        await conn.close()
