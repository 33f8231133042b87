"""Read a rota file (CSV, or iCalendar from Google Calendar / Outlook) into shift specs.

Anything wrong refuses the whole file with `RotaFileError(line, reason)`, written for the
coordinator. iCalendar events are expanded over a horizon into one-off dated shifts: calendars
carry EXDATEs, moved instances, UNTIL/COUNT and fortnightly rules that a weekly shift can't say,
and the coordinator re-imports the calendar as it changes. To keep the CSV rule that weekly shifts
don't apply on a holiday, occurrences of a *recurring* event on a holiday are dropped (and
reported); a single event or a moved instance on a holiday is kept, as a one-off CSV shift is.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.rota.rota import local_moment, quebec_holidays
from flows import rota_file_messages as cm
from flows.text import Text
from storage.workers import name_key

if TYPE_CHECKING:
    import icalendar

WEEKDAYS = {
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{d: i for i, d in enumerate(("lun", "mar", "mer", "jeu", "ven", "sam", "dim"))},
    **{d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday"))},
    **{d: i for i, d in enumerate(("lundi", "mardi", "mercredi", "jeudi", "vendredi"))},
    "saturday": 5, "sunday": 6, "samedi": 5, "dimanche": 6,
}  # fmt: skip
COLUMNS = {
    "worker": "worker", "intervenant": "worker", "intervenante": "worker", "name": "worker",
    "nom": "worker", "day": "day", "jour": "day", "start": "start", "debut": "start",
    "end": "end", "fin": "end",
}  # fmt: skip
_TIME = re.compile(r"(\d{1,2})\s*[:h]\s*(\d{2})?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RotaFileError(ValueError):
    """The file is refused whole; `line` (1-based) and `text` (translatable) say where and why."""

    def __init__(self, line: int, text: Text) -> None:
        self.line = line
        self.text = text
        self.reason = text.msgid.format(**text.kwargs())  # French, for logs of ids and tests
        super().__init__(f"line {line}: {self.reason}")


@dataclass(frozen=True)
class ShiftSpec:
    """A shift as read from a file, for a worker named as registered."""

    worker: str
    start: time
    end: time
    weekday: int | None = None
    on_date: date | None = None
    line: int = 0

    @property
    def key(self) -> tuple:
        return (name_key(self.worker), self.weekday, self.on_date, self.start, self.end)


class _Names:
    """Known worker names, matched ignoring case, accents and extra spaces."""

    def __init__(self, known: Iterable[str], inactive: Iterable[str] = ()) -> None:
        self.by_key: dict[str, list[str]] = {}
        for name in known:
            self.by_key.setdefault(name_key(name), []).append(name)
        self.inactive = {name_key(n): n for n in inactive if name_key(n) not in self.by_key}

    def exact(self, text: str, line: int) -> str | None:
        found = self.by_key.get(name_key(text), [])
        if len(found) > 1:
            raise RotaFileError(line, cm.several_workers(text, ", ".join(found)))
        return found[0] if found else None

    def within(self, text: str, line: int) -> list[str]:
        """Names that appear as whole words in `text` ("Garde : Élise" names Élise)."""
        folded = name_key(text)
        keys = [k for k in self.by_key if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded)]
        # "Marie" inside "Marie Roy" is not a second worker.
        keys = [k for k in keys if not any(k != o and k in o for o in keys)]
        return [n for k in keys for n in [self.exact(k, line)] if n]

    def unknown(self, text: str, line: int) -> RotaFileError:
        """A name no active worker has: deactivated, or unknown with the closest name."""
        if (name := self.inactive.get(name_key(text))) is not None:
            return RotaFileError(line, cm.worker_deactivated(name))
        close = difflib.get_close_matches(name_key(text), list(self.by_key), n=1, cutoff=0.7)
        return RotaFileError(
            line, cm.unknown_worker(text, self.by_key[close[0]][0] if close else None)
        )


def decode_text(data: bytes) -> str:
    """Text of a file saved by a spreadsheet: UTF-8 (with or without BOM) or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_time(text: str, line: int, what: str, *, allow_24: bool = False) -> time:
    """Read 9:00, 09:00, 9h, 9 h 30 (and 24:00 as an end) into a time."""
    m = _TIME.fullmatch(text.strip().lower())
    hour, minute = (int(m[1]), int(m[2] or 0)) if m else (-1, -1)
    if allow_24 and (hour, minute) == (24, 0):
        return time(0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise RotaFileError(line, cm.bad_start(text) if what == "start" else cm.bad_end(text))
    return time(hour, minute)


def parse_day(text: str, line: int) -> tuple[int | None, date | None]:
    """A weekday (mon…sun, lun…dim) or a date YYYY-MM-DD."""
    word = name_key(text).rstrip(".")
    if word in WEEKDAYS:
        return WEEKDAYS[word], None
    if _DATE.fullmatch(word):
        try:
            return None, date.fromisoformat(word)
        except ValueError:
            pass
    raise RotaFileError(line, cm.bad_day(text))


def _rows(text: str) -> list[tuple[int, list[str]]]:
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    delimiter = ";" if ";" in first and "," not in first else ","  # French Excel saves with ;
    reader = csv.reader(lines, delimiter=delimiter)
    rows = []
    for fields in reader:
        cells = [f.strip() for f in fields]
        if any(cells) and not cells[0].startswith("#"):
            rows.append((reader.line_num, cells))
    return rows


def _columns(line: int, header: list[str]) -> dict[str, int]:
    columns = {COLUMNS[k]: i for i, h in enumerate(header) if (k := name_key(h)) in COLUMNS}
    if len(columns) < 4:
        found = ",".join(header)
        raise RotaFileError(line, cm.missing_header(found))
    return columns


def _csv_spec(line: int, cells: list[str], columns: dict[str, int], names: _Names) -> ShiftSpec:
    if len(cells) <= max(columns.values()):
        raise RotaFileError(line, cm.columns_count(len(cells)))
    raw = {field: cells[i] for field, i in columns.items()}
    worker = names.exact(raw["worker"], line)
    if worker is None:
        raise names.unknown(raw["worker"], line)
    weekday, on_date = parse_day(raw["day"], line)
    start = parse_time(raw["start"], line, "start")
    end = parse_time(raw["end"], line, "end", allow_24=True)
    return ShiftSpec(worker, start, end, weekday, on_date, line)


def _no_duplicates(specs: Sequence[ShiftSpec]) -> None:
    seen: dict[tuple, int] = {}
    for spec in specs:
        if spec.key in seen:
            raise RotaFileError(spec.line, cm.same_shift(seen[spec.key]))
        seen[spec.key] = spec.line


def parse_rota_csv(
    text: str, known_worker_names: Iterable[str], inactive_names: Iterable[str] = ()
) -> list[ShiftSpec]:
    """Read `worker,day,start,end` rows (a header first) into shift specs."""
    rows = _rows(text)
    if not rows:
        raise RotaFileError(1, cm.EMPTY_CSV)
    header_line, header = rows[0]
    columns = _columns(header_line, header)
    names = _Names(known_worker_names, inactive_names)
    specs = [_csv_spec(line, cells, columns, names) for line, cells in rows[1:]]
    if not specs:
        raise RotaFileError(header_line, cm.NO_SHIFT)
    _no_duplicates(specs)
    return specs


# --- iCalendar ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IcsImport:
    """Shifts read from a calendar, and holidays on which a recurring event was dropped."""

    shifts: list[ShiftSpec]
    skipped_holidays: list[date]
    ending: list[tuple[str, str]] = ()  # (title, "2026-08-31" or "12 fois") of rules that end


def _load_calendar(data: bytes) -> icalendar.Calendar:
    # The calendar libraries load with the first calendar read (~35 ms of CPU), not with
    # every `relais run` and every command: most never read one.
    import icalendar
    import x_wr_timezone

    if not data.strip():
        raise RotaFileError(1, cm.EMPTY_FILE)
    try:
        component = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise RotaFileError(1, cm.not_ical(str(exc))) from None
    if component.name == "VEVENT":  # some exports hold a bare VEVENT
        calendar = icalendar.Calendar()
        calendar.add_component(component)
        component = calendar
    if component.name != "VCALENDAR":
        raise RotaFileError(1, cm.not_vcalendar(component.name))
    return x_wr_timezone.to_standard(component)


def _event_lines(data: bytes, calendar: icalendar.Calendar) -> dict[str, int]:
    """UID → line of its first BEGIN:VEVENT (events are walked in file order)."""
    starts = [
        i for i, ln in enumerate(decode_text(data).splitlines(), 1) if ln.strip() == "BEGIN:VEVENT"
    ]
    lines: dict[str, int] = {}
    for event, line in zip(calendar.walk("VEVENT"), starts, strict=False):
        lines.setdefault(str(event.get("UID", "")), line)
    return lines


def _instant(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return value


def _local(value: date | datetime, tz: ZoneInfo) -> datetime:
    if not isinstance(value, datetime):  # an all-day event starts and ends at midnight
        return local_moment(value, time(0), tz).astimezone(tz)
    if value.tzinfo is None:  # floating time: the rota's zone
        return local_moment(value.date(), value.time(), tz).astimezone(tz)
    return value.astimezone(tz)


def _pieces(start: datetime, end: datetime, tz: ZoneInfo) -> list[tuple[date, time, time]]:
    """Cut [start, end) into shifts of at most one day, cutting at local midnights."""
    pieces = []
    cur = start
    while cur < end:
        day, at = cur.date(), cur.time().replace(second=0, microsecond=0)
        if end <= local_moment(day + timedelta(days=1), at, tz):
            pieces.append((day, at, end.time().replace(second=0, microsecond=0)))
            break
        pieces.append((day, at, time(0)))
        cur = local_moment(day + timedelta(days=1), time(0), tz).astimezone(tz)
    return pieces


def _attendee_names(event: icalendar.Event) -> list[str]:
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    return [str(a.params["CN"]) for a in attendees if "CN" in getattr(a, "params", {})]


def _workers_of(event: icalendar.Event, names: _Names, line: int) -> list[str]:
    summary = str(event.get("SUMMARY", "")).strip()
    found = [hit] if (hit := names.exact(summary, line)) else names.within(summary, line)
    found += [n for cn in _attendee_names(event) if (n := names.exact(cn, line))]
    if not found:
        gone = _Names(names.inactive.values())
        hits = [n for text in (summary, *_attendee_names(event)) for n in gone.within(text, line)]
        if hits:
            raise names.unknown(hits[0], line)
        raise RotaFileError(line, cm.names_nobody(summary))
    return list(dict.fromkeys(found))


class _Expander:
    """Turns each occurrence of a calendar event into per-worker one-off shift specs."""

    def __init__(
        self,
        data: bytes,
        calendar: icalendar.Calendar,
        names: _Names,
        tz: ZoneInfo,
        horizon: tuple[date, date],
        holidays: Container[date],
    ) -> None:
        self.lines = _event_lines(data, calendar)
        masters = calendar.walk("VEVENT")
        self.recurring = {str(e.get("UID")) for e in masters if "RRULE" in e or "RDATE" in e}
        self.moved = {
            (str(e.get("UID")), _instant(e["RECURRENCE-ID"].dt))
            for e in masters
            if "RECURRENCE-ID" in e
        }
        self.names, self.tz, self.horizon, self.holidays = names, tz, horizon, holidays
        self.specs: list[ShiftSpec] = []
        self.skipped: set[date] = set()

    def _pattern(self, event: icalendar.Event, uid: str) -> bool:
        """True for an occurrence generated by a rule (not a single or moved event)."""
        rid = event.get("RECURRENCE-ID")
        return uid in self.recurring and (uid, _instant(rid.dt) if rid else None) not in self.moved

    def add(self, event: icalendar.Event) -> None:
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return
        uid = str(event.get("UID", ""))
        line = self.lines.get(uid, 1)
        start, end = _local(event.start, self.tz), _local(event.end, self.tz)
        if end <= start:
            raise RotaFileError(line, cm.NO_DURATION)
        workers = _workers_of(event, self.names, line)
        for day, at, until in _pieces(start, end, self.tz):
            if not self.horizon[0] <= day < self.horizon[1]:
                continue
            if day in self.holidays and self._pattern(event, uid):
                self.skipped.add(day)
                continue
            self.specs.extend(ShiftSpec(w, at, until, None, day, line) for w in workers)


def _ending(calendar: icalendar.Calendar) -> list[tuple[str, str]]:
    """Repeating events whose rule ends (UNTIL or COUNT): their title and when."""
    found = []
    for event in calendar.walk("VEVENT"):
        rule = event.get("RRULE")
        if rule is None or "RECURRENCE-ID" in event:
            continue
        title = str(event.get("SUMMARY", "")).strip()
        if rule.get("UNTIL"):
            until = rule["UNTIL"][0]
            found.append(
                (title, (until.date() if isinstance(until, datetime) else until).isoformat())
            )
        elif rule.get("COUNT"):
            found.append((title, f"×{rule['COUNT'][0]}"))
    return found


def read_rota_ics(
    data: bytes,
    known_worker_names: Iterable[str],
    tz: ZoneInfo,
    horizon: tuple[date, date],
    holidays: Container[date] | None = None,
    inactive_names: Iterable[str] = (),
) -> IcsImport:
    """Expand the calendar's events on local days horizon[0] <= day < horizon[1]."""
    calendar = _load_calendar(data)
    hols = quebec_holidays() if holidays is None else holidays
    names = _Names(known_worker_names, inactive_names)
    expander = _Expander(data, calendar, names, tz, horizon, hols)
    window = [local_moment(d, time(0), tz) for d in horizon]  # overlapping events come too
    import recurring_ical_events  # as icalendar, in _load_calendar

    try:
        for event in recurring_ical_events.of(calendar).between(*window):
            expander.add(event)
    except RotaFileError:
        raise
    except ValueError as exc:  # broken dates, rules or zones; icalendar says which
        raise RotaFileError(1, cm.unreadable_calendar(str(exc))) from None
    specs = sorted(expander.specs, key=lambda s: (s.on_date, s.start, s.line, s.worker))
    if not specs and not expander.skipped:
        first, last = horizon[0], horizon[1] - timedelta(days=1)
        raise RotaFileError(1, cm.no_event(str(first), str(last)))
    _no_duplicates(specs)
    return IcsImport(specs, sorted(expander.skipped), _ending(calendar))


def parse_rota_ics(
    data: bytes,
    known_worker_names: Iterable[str],
    tz: ZoneInfo,
    horizon: tuple[date, date],
    holidays: Container[date] | None = None,
) -> list[ShiftSpec]:
    """One-off shifts for every event occurrence in the horizon (see `read_rota_ics`)."""
    return read_rota_ics(data, known_worker_names, tz, horizon, holidays).shifts
