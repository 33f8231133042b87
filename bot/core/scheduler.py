"""The alarm clock: APScheduler 3.11 (AsyncIOScheduler) over rows kept in the database.

Follow-ups, reminders and escalations are rows; jobs are only alarms, rebuilt from the rows at
every start (job ids derived from row ids, `replace_existing=True`), so a restart — clean or
kill -9 — neither loses nor doubles one. Jobs live in memory: nothing to unpickle, and no
second SQLite file for a job store. `misfire_grace_time=None`: a job that fell due while the
bot was down runs at start, however late (APScheduler's default grace is one second).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger

logger = logging.getLogger(__name__)

Job = Callable[..., Awaitable[None]]


class Clockwork:
    """One AsyncIOScheduler for the process; start it inside the running loop."""

    def __init__(self, timezone: ZoneInfo) -> None:
        self.timezone = timezone
        self.scheduler = AsyncIOScheduler(
            timezone=timezone,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def at(self, job_id: str, when: datetime, func: Job, *args: Any) -> None:
        """Run `func(*args)` once at `when` (aware); replaces a job with the same id."""
        self.scheduler.add_job(
            _guarded, DateTrigger(run_date=when), args=(job_id, func, *args), id=job_id,
            replace_existing=True,
        )  # fmt: skip

    def every(self, job_id: str, trigger: BaseTrigger, func: Job, *args: Any) -> None:
        """A recurring job (cron or interval trigger)."""
        self.scheduler.add_job(
            _guarded, trigger, args=(job_id, func, *args), id=job_id, replace_existing=True
        )

    def cancel(self, job_id: str) -> None:
        if self.scheduler.get_job(job_id) is not None:
            self.scheduler.remove_job(job_id)

    def has(self, job_id: str) -> bool:
        return self.scheduler.get_job(job_id) is not None


async def _guarded(job_id: str, func: Job, *args: Any) -> None:
    """A failing job is logged; it never stops the scheduler or the process."""
    try:
        await func(*args)
    except Exception:
        logger.exception("job.failed", extra={"job_id": job_id})
