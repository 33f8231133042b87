"""Telegram long polling that confirms an update only once it is stored.

The Bot API forgets an update as soon as getUpdates is called with a higher offset. So each
batch is stored (one transaction) before the next call asks past it; a crash anywhere in
between means the batch is served again, and its update ids make the repeat harmless.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, TelegramError

from handlers.telegram import Intake
from storage.base import cancel_and_wait
from storage.db import Busy

logger = logging.getLogger(__name__)

POLL_TIMEOUT = 25  # seconds Telegram holds a getUpdates open when there is nothing new
MAX_BACKOFF = 30.0


class Poller:
    """Fetch, store, then confirm (the next call's offset); retry with backoff on failures."""

    def __init__(self, bot: Bot, intake: Intake, *, timeout: int = POLL_TIMEOUT) -> None:
        self.bot = bot
        self.intake = intake
        self.timeout = timeout
        self.offset: int | None = None  # Telegram serves what it has not seen confirmed
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Leave webhook mode if it was on (getUpdates is refused then), and start polling."""
        await self.bot.delete_webhook(drop_pending_updates=False)
        self._task = asyncio.create_task(self._run(), name="telegram-polling")

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self) -> None:
        """Stop at once: whatever was fetched but not stored is simply served again later."""
        await cancel_and_wait(self._task)
        self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                await self.poll_once()
                failures = 0
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures += 1
                _log_failure(exc, failures)
                await asyncio.sleep(min(2.0 ** min(failures, 5) / 4, MAX_BACKOFF))

    async def poll_once(self) -> int:
        """One getUpdates call; its batch stored before `offset` moves past it. How many."""
        updates = await self.bot.get_updates(
            offset=self.offset, timeout=self.timeout, allowed_updates=Update.ALL_TYPES
        )
        if not updates:
            return 0
        follow = await self._store(updates)
        # Stored: the next call's offset confirms the batch to Telegram.
        self.offset = max(u.update_id for u in updates) + 1
        await self.intake.follow_up(follow)
        return len(updates)

    async def _store(self, updates: list[Update]) -> list[Update]:
        """Store the batch; an update that cannot be stored at all (not the database being
        unavailable: a bug, a shape never seen) is set aside so that the others get in."""
        try:
            return await self.intake.store(updates)
        except (sqlite3.Error, Busy):
            raise  # the database: the same batch comes again
        except Exception as exc:
            if len(updates) == 1:
                extra = {"update_id": updates[0].update_id, "error": type(exc).__name__}
                logger.error("telegram.update_unstorable", extra=extra)
                return []
        follow = []
        for update in updates:
            follow += await self._store([update])
        return follow


def _log_failure(exc: Exception, failures: int) -> None:
    """One line per failure, without the update's content."""
    if isinstance(exc, Conflict):
        event = "telegram.polling_conflict"  # another process polls with this token
    elif isinstance(exc, InvalidToken):
        event = "telegram.polling_unauthorized"
    elif isinstance(exc, TelegramError):
        event = "telegram.polling_failed"
    else:
        event = "telegram.store_failed"  # not confirmed: the same batch comes again
    level = logging.WARNING if failures < 3 else logging.ERROR
    logger.log(level, event, extra={"error": type(exc).__name__, "failures": failures})
