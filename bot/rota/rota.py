"""Who is on duty when: pure rota arithmetic in local time, right across DST and holidays.

No I/O and no clock: the moment is always an argument. Rules:
- a weekly shift applies on its weekday; a one-off shift applies on its date and replaces that
  worker's weekly shift(s) of the day that overlap it in time (an evening one-off keeps the
  usual day shift; a one-off 13:00–21:00 replaces the usual 09:00–17:00);
- on a statutory holiday weekly shifts don't apply, only one-off shifts dated that day;
- `end` before `start` runs past midnight, `end == start` lasts 24 wall-clock hours; either way
  the shift belongs to the day it starts (so the holiday rule looks at the start day);
- local times are read in the rota's zone: a time skipped by the spring change is moved
  forward by the gap (02:30 becomes 03:30), a time repeated in the fall is its first occurrence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from flows.localtime import local as local_moment
from storage.rota import Shift

__all__ = [
    "DEFAULT_TZ",
    "Shift",
    "Slot",
    "current_slots",
    "local_moment",
    "next_shift_start",
    "on_duty",
    "overlaps",
    "quebec_holidays",
    "shifts_between",
    "shifts_on",
]

DEFAULT_TZ = ZoneInfo("America/Montreal")
_DAY = timedelta(days=1)
# Far enough to step over two holidays on the same weekday (Christmas, then New Year's Day).
_LOOKAHEAD_DAYS = 28


@dataclass(frozen=True)
class Slot:
    """One concrete shift: `worker_id` on duty from `start` to `end` (UTC), begun on local `day`."""

    worker_id: int
    day: date
    start: datetime
    end: datetime
    shift: Shift

    @property
    def duration(self) -> timedelta:
        """Real elapsed time: 7 h for 22:00–06:00 on the spring-forward night."""
        return self.end - self.start


@lru_cache(maxsize=4)
def quebec_holidays(language: str = "fr") -> holidays_lib.HolidayBase:
    """Québec statutory holidays (any year), named in French ("fr") or English ("en")."""
    return holidays_lib.CA(subdiv="QC", language="fr" if language == "fr" else "en_CA")


def _index(shifts: Iterable[Shift]) -> tuple[dict, dict]:
    by_date: dict[date, list[Shift]] = defaultdict(list)
    by_weekday: dict[int, list[Shift]] = defaultdict(list)
    for shift in shifts:
        if shift.on_date is not None:
            by_date[shift.on_date].append(shift)
        else:
            by_weekday[shift.weekday].append(shift)
    return by_date, by_weekday


def _applying(by_date: dict, by_weekday: dict, day: date, holidays: Container[date]) -> list:
    dated = list(by_date.get(day, ()))
    if day in holidays:
        return dated
    weekly = [
        s
        for s in by_weekday.get(day.weekday(), ())
        if not any(d.worker_id == s.worker_id and overlaps(d, s) for d in dated)
    ]
    return dated + weekly


def _minutes(shift: Shift) -> tuple[int, int]:
    """[start, end) in wall-clock minutes from the start day's midnight."""
    start = shift.start.hour * 60 + shift.start.minute
    end = shift.end.hour * 60 + shift.end.minute
    return start, end if end > start else end + 1440


def overlaps(a: Shift, b: Shift) -> bool:
    """True when two shifts of the same day share wall-clock time."""
    (a0, a1), (b0, b1) = _minutes(a), _minutes(b)
    return a0 < b1 and b0 < a1


def shifts_on(
    shifts: Iterable[Shift], day: date, holidays: Container[date] | None = None
) -> list[Shift]:
    """The shifts that start on local `day` once one-off shifts and holidays are applied."""
    by_date, by_weekday = _index(shifts)
    return _applying(by_date, by_weekday, day, _holidays(holidays))


def _slot(shift: Shift, day: date, tz: ZoneInfo) -> Slot:
    start = local_moment(day, shift.start, tz)
    end_day = day if shift.end > shift.start else day + _DAY
    # 02:30–03:00 on the spring-forward day starts at 03:30 and would end before it: empty.
    end = max(start, local_moment(end_day, shift.end, tz))
    return Slot(shift.worker_id, day, start, end, shift)


def _holidays(holidays: Container[date] | None) -> Container[date]:
    return quebec_holidays() if holidays is None else holidays


def shifts_between(
    shifts: Iterable[Shift],
    first_day: date,
    last_day: date,
    tz: ZoneInfo = DEFAULT_TZ,
    holidays: Container[date] | None = None,
) -> list[Slot]:
    """Concrete shifts starting on local days `first_day` <= day < `last_day`, by start time."""
    by_date, by_weekday = _index(shifts)
    hols = _holidays(holidays)
    slots = []
    day = first_day
    while day < last_day:
        slots.extend(_slot(s, day, tz) for s in _applying(by_date, by_weekday, day, hols))
        day += _DAY
    slots.sort(key=lambda s: (s.start, s.end, s.worker_id))
    return slots


def current_slots(
    shifts: Iterable[Shift],
    at_utc: datetime,
    tz: ZoneInfo = DEFAULT_TZ,
    holidays: Container[date] | None = None,
) -> list[Slot]:
    """The concrete shifts running at `at_utc` (one begun yesterday evening included)."""
    today = at_utc.astimezone(tz).date()
    # A shift lasts at most 25 real hours, so only yesterday's and today's can be running.
    slots = shifts_between(shifts, today - _DAY, today + _DAY, tz, holidays)
    return [s for s in slots if s.start <= at_utc < s.end]


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(ids))


def on_duty(
    shifts: Iterable[Shift],
    at_utc: datetime,
    tz: ZoneInfo = DEFAULT_TZ,
    holidays: Container[date] | None = None,
) -> list[int]:
    """Ids of the workers on duty at `at_utc`, earliest shift first; empty means out of hours."""
    return _unique(s.worker_id for s in current_slots(shifts, at_utc, tz, holidays))


def next_shift_start(
    shifts: Sequence[Shift],
    after_utc: datetime,
    tz: ZoneInfo = DEFAULT_TZ,
    holidays: Container[date] | None = None,
) -> tuple[datetime, list[int]] | None:
    """The first shift start strictly after `after_utc`, with every worker starting then."""
    if not shifts:  # no slot to look for, week after week
        return None
    first = after_utc.astimezone(tz).date() - _DAY
    dated = [s.on_date for s in shifts if s.on_date is not None]
    last = max([first + timedelta(days=_LOOKAHEAD_DAYS), *(d + _DAY for d in dated)])
    hols = _holidays(holidays)
    while first < last:  # a week at a time: slots of a later week never start earlier
        upcoming = [
            s
            for s in shifts_between(shifts, first, first + 7 * _DAY, tz, hols)
            if s.start > after_utc and s.end > s.start
        ]
        if upcoming:
            when = upcoming[0].start
            return when, sorted({s.worker_id for s in upcoming if s.start == when})
        first += 7 * _DAY
    return None
