"""Which process leads: the one that runs the scheduled work and polls Telegram.

Every `relais run` on a database takes webhooks, processes what it stored and sends the
outbox (claims make each row one process's). Scheduled work — check-ins, escalation sweeps,
reminders, purges, alerts, the rescue of rows a dead process left — runs in one process, the
leader, so that it runs once:

- SQLite: the process is alone (`<database>.lock`, bot/core/preflight.py) and leads.
- PostgreSQL: several processes; the leader holds the database's leader lock (a session
  advisory lock on a connection of its own, `storage.pg.LeaderLock`). The others try again
  every `RETRY` seconds. The leader checks its connection every `CHECK` seconds: lost or
  silent for `LeaderLock.check_timeout`, it stops its duties at once (`on_lose`). kill -9 of
  the leader closes its socket, the server frees the lock, and the next try of another
  process takes it: fail-over in about `RETRY` seconds, well within 30. A new leader starts
  the duties as a restart does (`on_gain`: alarms rebuilt from rows).

Between a leader losing its connection and noticing it (at most `CHECK` +
`check_timeout` seconds), a job it already started may still run while a new leader starts:
every job re-checks its row inside its transaction (a check-in is sent if still 'pending',
a reminder claimed once…), so the overlap doubles nothing.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Awaitable, Callable
from typing import Protocol

from storage.base import cancel_and_wait
from storage.targets import is_postgresql

logger = logging.getLogger(__name__)

RETRY = 2.0  # seconds between a follower's tries
CHECK = 2.0  # seconds between a leader's checks of its lock's connection

Step = Callable[[], Awaitable[None]]


class Lock(Protocol):
    async def acquire(self) -> bool: ...
    async def held(self) -> bool: ...
    async def release(self) -> None: ...


class Alone:
    """The lock of a process alone on its database (SQLite): always held."""

    async def acquire(self) -> bool:
        return True

    async def held(self) -> bool:
        return True

    async def release(self) -> None:
        return None


def process_name(database: str, port: int) -> str | None:
    """A process's stable name among those sharing a PostgreSQL database: host and port
    (one process per port; a restart on the same port is the same process's next life).
    None for SQLite, where the process is alone."""
    if not is_postgresql(database):
        return None
    return f"{socket.gethostname()}:{port}"


def lock_for(database: str) -> Lock:
    """The leader lock of `RELAIS_DATABASE`."""
    if not is_postgresql(database):
        return Alone()
    from storage.pg import LeaderLock  # asyncpg is loaded only where it is used

    return LeaderLock(database)


class Leadership:
    """Holds or waits for the leader lock; `on_gain` / `on_lose` start and stop the duties."""

    def __init__(
        self,
        lock: Lock,
        on_gain: Step,
        on_lose: Step,
        *,
        retry: float = RETRY,
        check: float = CHECK,
    ) -> None:
        self.lock = lock
        self.on_gain = on_gain
        self.on_lose = on_lose
        self.retry = retry
        self.check = check
        self.leading = False
        self.terms = 0  # how many times this process became leader
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Try once now (a process that can lead leads before it serves), then keep watch."""
        await self._step()
        self._task = asyncio.create_task(self._watch(), name="leadership")

    async def stop(self) -> None:
        """Stop watching and let go of the lock (another process takes it at its next try)."""
        await cancel_and_wait(self._task)
        self._task = None
        if self.leading:
            self.leading = False
            await self._call(self.on_lose, "leader.stop_failed")
        await self.lock.release()

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.check if self.leading else self.retry)
            await self._step()

    async def _step(self) -> None:
        if self.leading:
            if await self.lock.held():
                return
            self.leading = False
            logger.warning("leader.lost")
            await self._call(self.on_lose, "leader.stop_failed")
            return
        try:
            got = await self.lock.acquire()
        except Exception as exc:  # database unreachable: try again later
            logger.warning("leader.try_failed", extra={"error": type(exc).__name__})
            await self.lock.release()
            return
        if got:
            self.leading = True
            self.terms += 1
            logger.info("leader.elected", extra={"term": self.terms})
            await self._call(self.on_gain, "leader.start_failed")

    @staticmethod
    async def _call(step: Step, failure: str) -> None:
        try:
            await step()
        except Exception:
            logger.exception(failure)
