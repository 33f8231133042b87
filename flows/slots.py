"""When a meeting can be: the words of `/rdv`, free slots in a place's windows, reminder times.

Pure: the current time and the time zone are arguments. Windows are local wall-clock times
(`storage.places.Window`); every returned moment is aware.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from flows import localtime
from flows.normalize import fold

SLOT_STEP = timedelta(minutes=30)
DURATION = timedelta(hours=1)
DAYS_AHEAD = 7
REMINDER_LEADS = {"day_before": timedelta(days=1), "same_day": timedelta(hours=2)}
# A reminder pushed out of quiet hours must still come this long before the meeting…
MIN_NOTICE = timedelta(minutes=30)
# …or else it goes this long before the quiet hours begin, the evening before.
BEFORE_QUIET = timedelta(minutes=15)

_TIME = re.compile(r"^([0-9]{1,2})(?:(h|:)([0-9]{2})?)?(am|pm)?$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DAY_MONTH = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}))?$")
_DAY_NUMBER = re.compile(r"[0-9]{1,2}")
MAX_YEARS = 100  # a typed year further than this from today is no date (9999 would overflow)
_RELATIVE = {"aujourd'hui": 0, "aujourdhui": 0, "auj": 0, "today": 0, "demain": 1,
             "tomorrow": 1, "apres-demain": 2, "apres demain": 2}  # fmt: skip
_WEEKDAYS = {name: index for index, names in enumerate((
    ("lundi", "monday"), ("mardi", "tuesday"), ("mercredi", "wednesday"), ("jeudi", "thursday"),
    ("vendredi", "friday"), ("samedi", "saturday"), ("dimanche", "sunday"),
)) for name in names}  # fmt: skip
_MONTHS = {name: index + 1 for index, names in enumerate((
    ("janvier", "janv", "january", "jan"), ("fevrier", "fevr", "february", "feb"),
    ("mars", "march", "mar"), ("avril", "avr", "april", "apr"), ("mai", "may"),
    ("juin", "june", "jun"), ("juillet", "juil", "july", "jul"), ("aout", "august", "aug"),
    ("septembre", "sept", "september", "sep"), ("octobre", "oct", "october"),
    ("novembre", "nov", "november"), ("decembre", "dec", "december"),
)) for name in names}  # fmt: skip
_FILLERS = frozenset(("le", "la", "a", "at", "on", "au", "pour", "for", "de", "du", "vers"))


@dataclass(frozen=True)
class Wanted:
    """What the words of `/rdv` name: place words, a day, a start and maybe an end time."""

    place: str = ""
    day: date | None = None
    start: time | None = None
    end: time | None = None
    bad: str = ""  # a word that looks like a date or a time but is none


def parse_words(text: str, today: date) -> Wanted:
    """Read `Sésame 2026-12-03 14:00`, `sesame demain 14h`, `jeudi 9h30-11h salon`."""
    place: list[str] = []
    day = start = end = None
    bad = ""
    for raw in _joined_relatives(text.split()):
        token = fold(raw)
        if token in _FILLERS:
            continue
        span = _time_span(token)
        if span is not None:
            start, end = span
            continue
        found, wrong = _date(token, today)
        if found is None and token in _MONTHS and place and _DAY_NUMBER.fullmatch(place[-1]):
            found, wrong = _day_of_month(int(place.pop()), _MONTHS[token], None, today)
        if found is not None or wrong:
            day, bad = found or day, bad or (raw if wrong else "")
            continue
        place.append(raw)
    return Wanted(" ".join(place), day, start, end, bad)


def _joined_relatives(tokens: list[str]) -> list[str]:
    """ "après demain" typed as two words is one date."""
    out: list[str] = []
    for token in tokens:
        if out and fold(f"{out[-1]} {token}") in _RELATIVE:
            out[-1] = f"{out[-1]} {token}"
        else:
            out.append(token)
    return out


def _time_span(token: str) -> tuple[time, time | None] | None:
    first, sep, second = token.partition("-")
    start = _clock(first)
    if start is None:
        return None
    if not sep:
        return start, None
    end = _clock(second)
    return (start, end) if end is not None else None


def _clock(token: str) -> time | None:
    """`14h`, `14h30`, `14:30`, `2pm`; a bare number is not a time (it may be a day)."""
    match = _TIME.match(token.replace(" ", ""))
    if not match or not (match[2] or match[4]):
        return None
    hour, minute = int(match[1]), int(match[3] or 0)
    if match[4] == "pm" and hour < 12:
        hour += 12
    if match[4] == "am" and hour == 12:
        hour = 0
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _date(token: str, today: date) -> tuple[date | None, bool]:
    """(the day a word names, whether it looked like a date and was not one)."""
    if token in _RELATIVE:
        return today + timedelta(days=_RELATIVE[token]), False
    if token in _WEEKDAYS:
        ahead = (_WEEKDAYS[token] - today.weekday() - 1) % 7 + 1  # the next one, not today
        return today + timedelta(days=ahead), False
    if match := _ISO.match(token):
        return _real_day(int(match[1]), int(match[2]), int(match[3]), today)
    if match := _DAY_MONTH.match(token):
        year = int(match[3]) if match[3] else None
        return _day_of_month(int(match[1]), int(match[2]), year, today)
    return None, False


def _real_day(year: int, month: int, day: int, today: date) -> tuple[date | None, bool]:
    """A date that exists, within MAX_YEARS of today; else (None, True): looked like one."""
    if abs(year - today.year) > MAX_YEARS:
        return None, True
    try:
        return date(year, month, day), False
    except ValueError:
        return None, True


def _day_of_month(day: int, month: int, year: int | None, today: date) -> tuple[date | None, bool]:
    """The date; without a year, the next one to come."""
    if year is not None:
        return _real_day(year, month, day, today)
    found, wrong = _real_day(today.year, month, day, today)
    if found is not None and found < today:
        found, wrong = _real_day(today.year + 1, month, day, today)  # 29/02 may not come back
    return found, wrong


def local(day: date, moment: time, tz: tzinfo) -> datetime:
    """A wall-clock time of a day in the zone, as an aware datetime in that zone."""
    return localtime.local(day, moment, tz).astimezone(tz)


def free_slots(
    windows: Sequence,
    day: date,
    tz: tzinfo,
    taken: Sequence[tuple[datetime, datetime]],
    now: datetime,
    duration: timedelta = DURATION,
) -> list[datetime]:
    """Starts every half hour within the day's windows, not past and not clashing."""
    found = []
    for window in (w for w in windows if w.weekday == day.weekday()):
        start = local(day, window.start, tz)
        while (start + duration).time() <= window.end and (start + duration).date() == day:
            end = start + duration
            if start > now and not any(a < end and start < b for a, b in taken):
                found.append(start)
            start += SLOT_STEP
    return sorted(set(found))


def next_days(today: date, count: int = DAYS_AHEAD) -> list[date]:
    """Today and the days after it, `count` in all."""
    return [today + timedelta(days=n) for n in range(count)]


def in_quiet(moment: time, quiet: tuple[time, time] | None) -> bool:
    """Is a local time inside the quiet hours [start, end) (which may run past midnight)?"""
    if quiet is None:
        return False
    start, end = quiet
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def reminder_time(
    starts_at: datetime, lead: timedelta, tz: tzinfo, quiet: tuple[time, time] | None
) -> datetime:
    """When to remind: `lead` before the meeting, moved out of the quiet hours.

    A reminder that falls in the quiet hours waits for their end, if that still leaves
    MIN_NOTICE before the meeting; otherwise it goes just before they began (the evening before).
    """
    due = (starts_at - lead).astimezone(tz)
    if quiet is None or not in_quiet(due.time(), quiet):
        return due
    start, end = quiet
    after = local(due.date(), end, tz)
    if after <= due:
        after = local(due.date() + timedelta(days=1), end, tz)
    if after <= starts_at - MIN_NOTICE:
        return after
    before = local(due.date(), start, tz)
    if before > due:
        before = local(due.date() - timedelta(days=1), start, tz)
    return before - BEFORE_QUIET
