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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.date import DateTrigger

logger = logging.getLogger(__name__)

Job = Callable[..., Awaitable[None]]


class Clockwork:
    """One AsyncIOScheduler for the process; start it inside the running loop.

    Only the leading process keeps alarms (bot/core/leader.py): a process that does not lead
    ignores `at` and `every` (the rows are the truth: the leader's sweeps arm what it set),
    and `follow` drops every alarm at once. A process alone on its database always leads.
    """

    def __init__(self, timezone: ZoneInfo) -> None:
        self.timezone = timezone
        self.leading = True
        self.scheduler = AsyncIOScheduler(
            timezone=timezone,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def start(self) -> None:
        self.scheduler.start(paused=not self.leading)

    def lead(self) -> None:
        """This process leads from now on: alarms are kept and ring."""
        self.leading = True
        if self.scheduler.running:
            self.scheduler.resume()

    def follow(self) -> None:
        """This process does not lead (or no longer): no alarm rings here, none is kept."""
        self.leading = False
        if self.scheduler.running:
            self.scheduler.pause()
            self.scheduler.remove_all_jobs()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def at(self, job_id: str, when: datetime, func: Job, *args: Any) -> None:
        """Run `func(*args)` once at `when` (aware); replaces a job with the same id."""
        if not self.leading:
            return
        self.scheduler.add_job(
            _guarded, DateTrigger(run_date=when), args=(job_id, func, *args), id=job_id,
            replace_existing=True,
        )  # fmt: skip

    def every(self, job_id: str, trigger: BaseTrigger, func: Job, *args: Any) -> None:
        """A recurring job (cron or interval trigger)."""
        if not self.leading:
            return
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


class VirtualClockwork:
    """The same alarms as `Clockwork`, on a `FakeClock`: nothing rings until `run_until`.

    The simulator and the service tests move time themselves; `run_until(moment)` runs every
    job that falls due on the way, in time order, with the clock set to each job's time.
    Recurring jobs run at most every `min_interval` (a week of 30-second sweeps is a lot of
    work for a second of fidelity; the rows are the truth, so a later sweep catches up), or at
    the interval `intervals` gives for their job id.
    """

    def __init__(
        self,
        timezone: ZoneInfo,
        clock: Any,
        min_interval: timedelta | None = None,
        intervals: dict[str, timedelta] | None = None,
    ) -> None:
        self.timezone = timezone
        self.clock = clock
        self.min_interval = min_interval or timedelta(0)
        self.intervals = intervals or {}
        self.jobs: dict[str, _VirtualJob] = {}
        self.runs = 0
        self._seq = 0

    def start(self) -> None:
        """Nothing to start: time moves only in `run_until`."""

    def lead(self) -> None:
        """Always leading: the simulator and the service tests run one process."""

    def follow(self) -> None:
        self.jobs.clear()

    def shutdown(self) -> None:
        self.jobs.clear()

    def at(self, job_id: str, when: datetime, func: Job, *args: Any) -> None:
        """Run `func(*args)` once at `when` (aware); replaces a job with the same id."""
        self._add(job_id, when, None, func, args)

    def every(self, job_id: str, trigger: BaseTrigger, func: Job, *args: Any) -> None:
        """A recurring job: interval triggers count from now, cron triggers as they say."""
        self._add(job_id, self._next(job_id, trigger, None), trigger, func, args)

    def cancel(self, job_id: str) -> None:
        self.jobs.pop(job_id, None)

    def has(self, job_id: str) -> bool:
        return job_id in self.jobs

    def next_due(self) -> datetime | None:
        """When the earliest job rings, or None."""
        return min((j.when for j in self.jobs.values()), default=None)

    async def run_until(
        self, moment: datetime, between: Callable[[], Awaitable[None]] | None = None
    ) -> int:
        """Run the jobs due up to `moment` in order (`between` after each); how many ran."""
        ran = 0
        while (job := self._earliest()) is not None and job.when <= moment:
            self.clock.set(job.when)
            if job.trigger is None:
                del self.jobs[job.id]
            else:
                job.when = self._next(job.id, job.trigger, job.when)
            await _guarded(job.id, job.func, *job.args)
            ran += 1
            if between is not None:
                await between()
        self.clock.set(moment)
        self.runs += ran
        return ran

    def _earliest(self) -> _VirtualJob | None:
        return min(self.jobs.values(), key=lambda j: (j.when, j.seq), default=None)

    def _add(self, job_id: str, when: datetime, trigger, func: Job, args: tuple) -> None:
        self._seq += 1
        self.jobs[job_id] = _VirtualJob(job_id, when, trigger, func, args, self._seq)

    def _next(self, job_id: str, trigger: BaseTrigger, previous: datetime | None) -> datetime:
        now = self.clock()
        interval = getattr(trigger, "interval", None)
        if isinstance(interval, timedelta):  # its start date comes from the real time: not used
            every = self.intervals.get(job_id, max(interval, self.min_interval))
            return max(previous or now, now) + every
        fire = trigger.get_next_fire_time(previous, now)
        if previous is not None and fire is not None and fire <= previous:
            fire = trigger.get_next_fire_time(previous, previous + timedelta(seconds=1))
        if fire is None:
            return datetime.max.replace(tzinfo=UTC)
        return max(fire, (previous or now) + self.min_interval)


@dataclass
class _VirtualJob:
    id: str
    when: datetime
    trigger: BaseTrigger | None
    func: Job
    args: tuple
    seq: int
