"""A last-resort journal for SMS webhooks the database could not take in time.

Twilio does not retry an SMS webhook that failed (unless a Fallback URL is set), so a message
that finds the database locked (a long CLI transaction, a DB browser with an unsaved edit) is
appended here, flushed to disk, and only then acknowledged. It is moved into the inbox as soon
as the database answers again, and at the next start; its provider id makes a repeat harmless.
The file holds message text until then: it is created private (0600) and removed once replayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from flows.types import Inbound
from storage import inbound as inbound_store
from storage.base import cancel_and_wait
from storage.targets import is_postgresql, local_path

logger = logging.getLogger(__name__)

REPLAY_EVERY = 1.0  # seconds between attempts while something is spooled
REPLAY_WAIT = 1.0  # seconds one attempt waits for the database


def spool_path(database: str, port: int | None = None) -> str:
    """Where the spool of `RELAIS_DATABASE` lives, without its `.spool`: `<file>.spool`, or
    for a PostgreSQL URL `relais-<database>-<port>.spool` in the working folder, one per
    process (several share the database and may share the folder; a process restarted on
    its port replays its own)."""
    if not is_postgresql(database):
        return database
    base = str(local_path(database))
    return base if port is None else f"{base}-{port}"


class Spool:
    """`<database>.spool`: JSON lines, appended with fsync; replayed through `store`."""

    def __init__(self, database: str) -> None:
        self.path = Path(f"{database}.spool")
        self.replaying = Path(f"{database}.spool.replaying")
        self._lock = asyncio.Lock()
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()

    async def append(self, inbound: Inbound) -> None:
        """Write one message durably (fsync) before the webhook is answered; raises if not."""
        line = (inbound_store.encode(inbound) + "\n").encode()
        async with self._lock:
            await asyncio.to_thread(self._write, line)
        self._wake.set()
        logger.warning("spool.appended", extra={"provider_id": inbound.provider_id})

    def _write(self, line: bytes) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def pending(self) -> bool:
        """Something waits in the spool: a new message goes after it, to keep the order."""
        return self.path.exists() or self.replaying.exists()

    async def replay(self, store: Callable[[list[Inbound]], Awaitable[object]]) -> int:
        """Hand every spooled message to `store` (one transaction); remove them once stored."""
        async with self._lock:
            if self.path.exists() and not self.replaying.exists():
                self.path.rename(self.replaying)  # new appends go to a fresh file
        if not self.replaying.exists():
            return 0
        inbounds = [inbound_store.decode(line) for line in _lines(self.replaying)]
        await store(inbounds)  # raises while the database is still busy: kept for later
        self.replaying.unlink()
        logger.info("spool.replayed", extra={"count": len(inbounds)})
        return len(inbounds)

    def start(self, store: Callable[[list[Inbound]], Awaitable[object]]) -> None:
        """Replay in the background whenever something is spooled."""
        self._task = asyncio.create_task(self._run(store), name="spool-replay")

    async def _run(self, store: Callable[[list[Inbound]], Awaitable[object]]) -> None:
        while True:
            if self.pending():
                try:
                    await self.replay(store)
                except Exception as exc:
                    logger.warning("spool.replay_failed", extra={"error": type(exc).__name__})
            self._wake.clear()
            if self.pending():  # appended meanwhile, or the database is still busy
                await asyncio.sleep(0.05 if self.path.exists() else REPLAY_EVERY)
            else:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), REPLAY_EVERY)

    async def stop(self) -> None:
        await cancel_and_wait(self._task)
        self._task = None


def _lines(path: Path) -> list[str]:
    """The complete lines (a line cut short by a crash mid-append was never acknowledged)."""
    text = path.read_text(encoding="utf-8")
    return [line for line in text.split("\n")[:-1] if _is_json(line)]


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        logger.warning("spool.bad_line")
        return False
    return True
