"""What a rota import would change, worked out before anything is written; then applying it.

`relais rota import` and the dashboard's import page share this: the file is read
(`read_rota_file`), the difference planned (`plan_import`: shifts added and removed, the
usual shifts a dated one hides, the hours of the next 4 weeks that lose every reachable
worker), and `apply_import` writes exactly that plan, or nothing if the rota changed since.

Two modes (see `relais rota import --help`): *replace* (the default: the file becomes the whole
rota) and *add* (nothing stored is removed; exact repeats are skipped).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from zoneinfo import ZoneInfo

from bot.rota.coverage import CHECK_DAYS, Span, lost
from bot.rota.importer import ShiftSpec, decode_text, parse_rota_csv, read_rota_ics
from bot.rota.rota import Shift, Slot, shifts_between
from storage import rota as rota_store
from storage.db import Database
from storage.workers import Worker, name_key

CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb")


class RotaChanged(RuntimeError):
    """The rota is no longer the one the plan was made against: plan again."""


@dataclass(frozen=True)
class RotaFile:
    """A rota file read whole: its shift specs and, for a calendar, what it also says."""

    specs: tuple[ShiftSpec, ...]
    source: str  # "csv" or "ics"
    data: bytes
    weeks: int
    skipped_holidays: tuple[date, ...] = ()
    ending: tuple[tuple[str, str], ...] = ()  # repeating events whose rule ends

    @property
    def calendar(self) -> tuple[bytes, int] | None:
        """What storage keeps so that the bot re-expands the calendar's repeating events."""
        return (self.data, self.weeks) if self.source == "ics" else None


def is_calendar(name: str, data: bytes) -> bool:
    """A calendar by its file name's extension or its first line."""
    head = data.lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    return PurePath(name).suffix.lower() in CALENDAR_SUFFIXES or head.startswith(b"BEGIN:")


def read_rota_file(
    data: bytes,
    name: str,
    workers: Iterable[Worker],
    tz: ZoneInfo,
    today: date,
    weeks: int,
    holidays: Container[date],
) -> RotaFile:
    """Read a CSV or an .ics (its next `weeks` weeks from local `today`); RotaFileError if bad."""
    everyone = list(workers)
    active = [w.name for w in everyone if w.active]
    inactive = [w.name for w in everyone if not w.active]
    weeks = max(weeks, 1)
    if not is_calendar(name, data):
        specs = parse_rota_csv(decode_text(data), active, inactive)
        return RotaFile(tuple(specs), "csv", data, weeks)
    horizon = (today, today + timedelta(weeks=weeks))
    found = read_rota_ics(data, active, tz, horizon, holidays, inactive)
    return RotaFile(
        tuple(found.shifts),
        "ics",
        data,
        weeks,
        tuple(found.skipped_holidays),
        tuple(found.ending),
    )


def shifts_of(specs: Iterable[ShiftSpec], workers: Iterable[Worker]) -> list[Shift]:
    """The specs as shifts of the active workers they name (the reader checked the names)."""
    ids = {name_key(w.name): w.id for w in workers if w.active}
    return [Shift(ids[name_key(s.worker)], s.start, s.end, s.weekday, s.on_date) for s in specs]


@dataclass(frozen=True)
class ImportPlan:
    """The difference an import makes to the stored rota, and what it costs in coverage."""

    add: bool  # True: add to the rota; False: replace it
    before: tuple[Shift, ...]  # every stored shift, deactivated workers' included
    new: tuple[Shift, ...]  # the file's shifts
    lost: tuple[Span, ...]  # UTC spans of the next CHECK_DAYS days that lose every reachable one
    hidden: tuple[Slot, ...]  # usual shifts still stored but hidden by a dated one, same window

    @property
    def after(self) -> tuple[Shift, ...]:
        """The rota once applied."""
        return tuple(dict.fromkeys([*self.before, *self.new])) if self.add else self.new

    @property
    def added(self) -> list[Shift]:
        """Shifts the rota gains (exact repeats of stored ones are not)."""
        old = set(self.before)
        return [s for s in dict.fromkeys(self.new) if s not in old]

    @property
    def removed(self) -> list[Shift]:
        """Stored shifts the import deletes (none when adding)."""
        kept = set(self.after)
        return [s for s in self.before if s not in kept]

    @property
    def repeats(self) -> int:
        """The file's shifts that are already stored."""
        return len(set(self.new) & set(self.before))

    @property
    def digest(self) -> str:
        """Names this exact change: the mode, the rota it starts from and the file's shifts."""
        return plan_digest(self.add, self.before, self.new)


def plan_digest(add: bool, before: Iterable[Shift], new: Iterable[Shift]) -> str:
    """A stable sha256 of a mode, a starting rota and the shifts to write."""
    lines = ["add" if add else "replace", *sorted(map(repr, set(before))), "--"]
    lines += sorted(map(repr, set(new)))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _hidden(
    before: Collection[Shift], after: Collection[Shift], now: datetime, tz: ZoneInfo, hols
) -> tuple[Slot, ...]:
    """Usual shifts kept in the rota whose days a new dated shift now overrides."""
    today = now.astimezone(tz).date()
    window = (today, today + timedelta(days=CHECK_DAYS))
    stay = set(after)
    old = {(s.worker_id, s.day, s.shift): s for s in shifts_between(before, *window, tz, hols)}
    new = {(s.worker_id, s.day, s.shift) for s in shifts_between(after, *window, tz, hols)}
    return tuple(
        slot
        for key, slot in old.items()
        if key not in new and slot.shift in stay and slot.shift.weekly and slot.end > now
    )


def plan_import(
    before: Sequence[Shift],
    new: Sequence[Shift],
    *,
    add: bool,
    reachable: Container[int],
    now: datetime,
    tz: ZoneInfo,
    holidays: Container[date],
) -> ImportPlan:
    """Plan replacing the rota by `new`, or adding `new` to it, as of `now`."""
    draft = ImportPlan(add, tuple(before), tuple(new), (), ())
    after = draft.after
    gaps = tuple(lost(before, after, reachable, now, tz, holidays))
    return ImportPlan(add, draft.before, draft.new, gaps, _hidden(before, after, now, tz, holidays))


async def apply_import(db: Database, plan: ImportPlan, rota_file: RotaFile, now: datetime) -> int:
    """Write the plan in one transaction; RotaChanged (nothing written) if the rota moved."""
    async with db.transaction() as conn:
        current = await rota_store.list_shifts(conn, include_inactive=True)
        if plan_digest(plan.add, current, plan.new) != plan.digest:
            raise RotaChanged("the rota changed since the plan was made")
        if plan.add:
            return await rota_store.add(conn, plan.new, rota_file.source, now, rota_file.calendar)
        return await rota_store.replace_all(
            conn, plan.new, rota_file.source, now, rota_file.calendar
        )
