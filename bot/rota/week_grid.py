"""A rota week as a grid of local hours: who is on duty, and which hours nobody holds.

Pure arithmetic over `bot.rota.rota` and `bot.rota.coverage`, no I/O, no clock. A cell is one
wall-clock hour of a local day in the rota's zone, so the real time it spans follows the clock
changes: on the spring-forward day the 02:00 cell lasts 0 minutes (that hour does not exist),
on the fall-back day the 01:00 cell lasts two real hours (01:00 happens twice).

"On duty" and "covered" count only workers the bot can reach (active and linked to Telegram),
as the desk does. An hour is a *gap* when some of its real time has nobody on duty. Out of
hours, urgent requests go to the on-call workers, then to the coordinators
(storage.workers.night_contacts): a night or weekend gap is *unguarded* when no on-call worker
can be reached.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rota.coverage import Span, covered
from bot.rota.rota import Shift, shifts_between
from flows.localtime import local
from storage.workers import Worker

NIGHT = (time(21, 0), time(9, 0))  # the evening hour nights begin, the morning hour they end
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Cell:
    """One wall-clock hour of one local day; `start`/`end` are UTC (equal when skipped)."""

    day: date
    hour: int
    start: datetime
    end: datetime
    on_duty: tuple[int, ...]  # reachable workers on a shift during part of the hour
    unreachable: tuple[int, ...]  # on a shift but not reachable (not linked, deactivated)
    uncovered: timedelta  # real time of the hour with no reachable worker on duty
    night: bool
    weekend: bool  # Saturday, Sunday or a statutory holiday
    unguarded: bool  # a night or weekend gap with no reachable on-call worker

    @property
    def skipped(self) -> bool:
        """The hour the spring clock change removes."""
        return self.end == self.start

    @property
    def repeated(self) -> bool:
        """The hour the fall clock change plays twice."""
        return self.end - self.start > timedelta(hours=1)

    @property
    def gap(self) -> bool:
        """Some of this hour has nobody the bot can page."""
        return self.uncovered > timedelta(0)


@dataclass(frozen=True)
class WeekGrid:
    """The seven days from `monday`, each a list of 24 cells (00:00 … 23:00)."""

    monday: date
    days: tuple[tuple[Cell, ...], ...]
    holidays: dict[date, str]
    on_call: tuple[int, ...]  # reachable on-call workers (they get urgent requests out of hours)
    coordinators: tuple[int, ...]  # reachable coordinators (next in line out of hours)

    @property
    def cells(self) -> list[Cell]:
        return [cell for day in self.days for cell in day]

    @property
    def gaps(self) -> list[Cell]:
        """Hours with some real time nobody holds, skipped hours excluded."""
        return [c for c in self.cells if c.gap]

    @property
    def unguarded(self) -> list[Cell]:
        return [c for c in self.cells if c.unguarded]

    @property
    def hours_without_anyone(self) -> timedelta:
        return sum((c.uncovered for c in self.cells), timedelta(0))


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def is_night(hour: int, night: tuple[time, time] = NIGHT) -> bool:
    """Whether the wall-clock hour [hour:00, hour+1:00) lies in the night window."""
    begin, end = night[0].hour, night[1].hour
    return hour >= begin or hour < end if begin > end else begin <= hour < end


def _overlap(a0: datetime, a1: datetime, spans: Iterable[Span]) -> timedelta:
    return sum((max(timedelta(0), min(a1, e) - max(a0, s)) for s, e in spans), timedelta(0))


def _hour_bounds(day: date, hour: int, tz: ZoneInfo) -> tuple[datetime, datetime]:
    start = local(day, time(hour), tz)
    end = local(day + _DAY, time(0), tz) if hour == 23 else local(day, time(hour + 1), tz)
    return start, max(start, end)


def week_grid(
    shifts: Iterable[Shift],
    workers: Iterable[Worker],
    day: date,
    tz: ZoneInfo,
    holidays: Container[date],
    night: tuple[time, time] = NIGHT,
) -> WeekGrid:
    """The grid of the week holding local `day` (weeks begin on Monday)."""
    monday = week_start(day)
    everyone = list(workers)
    reachable = {w.id for w in everyone if w.active and w.linked}
    shifts = list(shifts)
    # A shift begun on Sunday evening runs into Monday: start the look one day earlier.
    window = (monday - _DAY, monday + 7 * _DAY)
    slots = shifts_between(shifts, *window, tz, holidays)
    spans = covered(shifts, reachable, window, tz, holidays)
    on_call = tuple(w.id for w in everyone if w.id in reachable and w.on_call)
    coordinators = tuple(w.id for w in everyone if w.id in reachable and w.is_coordinator)
    days = []
    for offset in range(7):
        today = monday + offset * _DAY
        weekend = today.weekday() >= 5 or today in holidays
        row = []
        for hour in range(24):
            start, end = _hour_bounds(today, hour, tz)
            there = [s.worker_id for s in slots if s.start < end and start < s.end]
            uncovered = (end - start) - _overlap(start, end, spans)
            dark = is_night(hour, night)
            row.append(
                Cell(
                    day=today,
                    hour=hour,
                    start=start,
                    end=end,
                    on_duty=tuple(dict.fromkeys(i for i in there if i in reachable)),
                    unreachable=tuple(dict.fromkeys(i for i in there if i not in reachable)),
                    uncovered=uncovered,
                    night=dark,
                    weekend=weekend,
                    unguarded=(dark or weekend) and uncovered > timedelta(0) and not on_call,
                )
            )
        days.append(tuple(row))
    return WeekGrid(monday, tuple(days), _named(monday, holidays), on_call, coordinators)


def _named(monday: date, holidays: Container[date]) -> dict[date, str]:
    """The week's holidays with their names when the calendar has them (holidays' HolidayBase)."""
    name = getattr(holidays, "get", lambda d: "")
    week = (monday + i * _DAY for i in range(7))
    return {d: str(name(d) or "") for d in week if d in holidays}
