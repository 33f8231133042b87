"""`relais rota import|show|now`: load the duty rota and see who is on duty."""

from __future__ import annotations

import argparse
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.rota.importer import (
    RotaFileError,
    ShiftSpec,
    decode_text,
    parse_rota_csv,
    read_rota_ics,
)
from bot.rota.rota import (
    Shift,
    Slot,
    current_slots,
    next_shift_start,
    quebec_holidays,
    shifts_between,
)
from storage import rota as rota_store
from storage import workers as worker_store

logger = logging.getLogger(__name__)

BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
WEEKDAY_WORDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ICS_WEEKS = 8


def format_day(day: date, locale: str) -> str:
    """The day in the locale: "mercredi 24 juin 2026" / "Wednesday, June 24, 2026"."""
    return format_date(day, "full", locale=BABEL_LOCALES.get(locale, "fr_CA"))


def format_when(moment: datetime, tz: ZoneInfo, locale: str) -> str:
    """A UTC moment as the local day and HH:MM."""
    local = moment.astimezone(tz)
    return f"{format_day(local.date(), locale)} {local:%H:%M}"


def add_parser(sub: Any) -> None:
    """Add `rota` with its sub-commands import, show and now."""
    parser = sub.add_parser("rota", help="load and show the duty rota")
    rsub = parser.add_subparsers(dest="rota_command", metavar="{import,show,now}", required=True)
    imp = rsub.add_parser("import", help="load shifts from a CSV or iCalendar (.ics) file")
    imp.add_argument("file", help="worker,day,start,end CSV, or a calendar export (.ics)")
    imp.add_argument("--add", action="store_true", help="add to the rota instead of replacing it")
    imp.add_argument("--weeks", type=int, default=ICS_WEEKS, help="weeks of a calendar to read")
    imp.set_defaults(func=import_rota)
    show = rsub.add_parser("show", help="the week's shifts in the local time zone")
    show.add_argument("--week", metavar="YYYY-MM-DD", help="any day of the week to show")
    show.set_defaults(func=show_rota)
    now = rsub.add_parser("now", help="who is on duty now, and who is next")
    now.set_defaults(func=rota_now)


def _is_calendar(path: Path, data: bytes) -> bool:
    return path.suffix.lower() in (".ics", ".ical", ".ifb") or data.lstrip(
        b"\xef\xbb\xbf \r\n\t"
    ).upper().startswith(b"BEGIN:")


def _read(args: argparse.Namespace, env: Any, names: list[str]) -> tuple[list, list, str]:
    """Parse the file: (specs, skipped holidays, source); raises OSError or RotaFileError."""
    path = Path(args.file)
    data = path.read_bytes()
    if not _is_calendar(path, data):
        return parse_rota_csv(decode_text(data), names), [], "csv"
    today = env.now().astimezone(env.timezone).date()
    horizon = (today, today + timedelta(weeks=max(args.weeks, 1)))
    result = read_rota_ics(data, names, env.timezone, horizon, quebec_holidays(env.locale))
    return result.shifts, result.skipped_holidays, "ics"


async def import_rota(args: argparse.Namespace, env: Any) -> int:
    """Load a rota file whole or refuse it, naming the line."""
    active = [w for w in await worker_store.list_all(env.db) if w.active]
    try:
        specs, skipped, source = _read(args, env, [w.name for w in active])
    except OSError as exc:
        env.out.write(f"error: cannot read {args.file}: {exc.strerror or exc}\n")
        return 2
    except RotaFileError as exc:
        env.out.write(f"error: {args.file} refused, line {exc.line}: {exc.reason}\n")
        return 2
    ids = {worker_store.name_key(w.name): w.id for w in active}
    shifts = [
        Shift(ids[worker_store.name_key(s.worker)], s.start, s.end, s.weekday, s.on_date)
        for s in specs
    ]
    before = await rota_store.count(env.db)
    if args.add:
        added = await rota_store.add(env.db, shifts, source, env.now())
        env.out.write(f"Added {added} shift(s) from {args.file} to the rota.\n")
    else:
        added = await rota_store.replace_all(env.db, shifts, source, env.now())
        env.out.write(f"Rota replaced: {added} shift(s) from {args.file} ({before} before).\n")
    logger.info("rota.imported", extra={"shifts": added, "source": source})
    _summary(env, specs)
    if source == "ics":
        _calendar_notes(env, args.weeks, skipped)
    await _night_cover(env)
    return 0


async def _night_cover(env: Any) -> None:
    """Say plainly when urgent requests out of hours would reach no one."""
    from bot.escalation.escalation import night_cover

    warning = await night_cover(env.db)
    if warning is not None:
        env.out.write(warning + "\n")


def _summary(env: Any, specs: Sequence[ShiftSpec]) -> None:
    by_worker: dict[str, list[ShiftSpec]] = defaultdict(list)
    for spec in specs:
        by_worker[spec.worker].append(spec)
    for name, own in sorted(by_worker.items(), key=lambda item: worker_store.name_key(item[0])):
        weekly = [f"{WEEKDAY_WORDS[s.weekday]} {_hours(s)}" for s in own if s.weekday is not None]
        dates = sorted(s.on_date for s in own if s.on_date is not None)
        parts = [", ".join(weekly)] if weekly else []
        if len(dates) == 1:
            parts.append(f"1 one-off shift on {dates[0]}")
        elif dates:
            parts.append(f"{len(dates)} one-off shifts from {dates[0]} to {dates[-1]}")
        env.out.write(f"  {name}: {'; '.join(parts)}\n")


def _hours(spec: ShiftSpec | Shift) -> str:
    """09:00–17:00, 22:00–06:00, and 18:00–24:00 for a shift that ends at midnight."""
    midnight = spec.end == time(0) and spec.start != time(0)
    return f"{spec.start:%H:%M}–{'24:00' if midnight else f'{spec.end:%H:%M}'}"


def _calendar_notes(env: Any, weeks: int, skipped: Sequence[date]) -> None:
    until = env.now().astimezone(env.timezone).date() + timedelta(weeks=max(weeks, 1))
    env.out.write(
        f"The calendar was read up to {until - timedelta(days=1)}: "
        f"import it again before {until} to extend the rota.\n"
    )
    if skipped:
        names = quebec_holidays(env.locale)
        days = ", ".join(f"{d} ({names.get(d)})" for d in skipped)
        env.out.write(
            f"Not imported: repeating events on holidays {days}. "
            "A one-off event on that day staffs it.\n"
        )


def _parse_week(text: str | None, env: Any) -> date:
    if text is None:
        day = env.now().astimezone(env.timezone).date()
    else:
        day = date.fromisoformat(text)  # ValueError is reported by the caller
    return day - timedelta(days=day.weekday())


def _span(slot: Slot) -> str:
    """Hours as "22:00–06:00 (next day)", with the real length when a clock change alters it."""
    start, end = slot.shift.start, slot.shift.end
    minutes = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % 1440 or 1440
    next_day = end < start and end != time(0)
    note = " (next day)" if next_day else " (24 h)" if end == start else ""
    text = _hours(slot.shift) + note
    if slot.duration != timedelta(minutes=minutes):
        text += f", {slot.duration.total_seconds() / 3600:g} h: the clocks change"
    return text


async def show_rota(args: argparse.Namespace, env: Any) -> int:
    """Print the week's shifts, day by day, holidays marked."""
    try:
        monday = _parse_week(args.week, env)
    except ValueError:
        env.out.write(f"error: bad --week {args.week!r}: use a date YYYY-MM-DD\n")
        return 2
    names = {w.id: w.name for w in await worker_store.list_all(env.db)}
    hols = quebec_holidays(env.locale)
    slots = shifts_between(
        await rota_store.list_shifts(env.db), monday, monday + timedelta(days=7), env.timezone, hols
    )
    env.out.write(f"Rota, week of {format_day(monday, env.locale)} ({env.timezone.key})\n")
    for offset in range(7):
        day = monday + timedelta(days=offset)
        holiday = f" — holiday: {hols.get(day)} (no weekly shifts)" if day in hols else ""
        env.out.write(f"\n{format_day(day, env.locale)}{holiday}\n")
        todays = [s for s in slots if s.day == day]
        for slot in todays:
            one_off = " (one-off)" if slot.shift.on_date else ""
            env.out.write(f"  {_span(slot)}  {names[slot.worker_id]}{one_off}\n")
        if not todays:
            env.out.write("  nobody on duty\n")
    return 0


async def rota_now(args: argparse.Namespace, env: Any) -> int:
    """Print who is on duty now and who comes next, and whether the bot can reach them."""
    now, tz = env.now(), env.timezone
    everyone = await worker_store.list_all(env.db)
    names = {w.id: w.name for w in everyone}
    reachable = {w.id for w in everyone if w.active and w.linked}
    shifts = await rota_store.list_shifts(env.db)
    hols = quebec_holidays(env.locale)
    today = now.astimezone(tz).date()
    env.out.write(f"Now: {format_when(now, tz, env.locale)} ({tz.key})\n")
    if today in hols:
        env.out.write(f"Today is a holiday ({hols.get(today)}): weekly shifts don't apply.\n")
    running = current_slots(shifts, now, tz, hols)
    if running:
        who = ", ".join(
            f"{names[s.worker_id]} (until {_until(s, today, env)}){_mark(s.worker_id, reachable)}"
            for s in running
        )
        env.out.write(f"On duty: {who}\n")
    else:
        env.out.write("On duty: nobody, out of hours.\n")
    if running and not any(s.worker_id in reachable for s in running):
        env.out.write("The bot counts nobody on duty: no one on shift can receive a card.\n")
    _next(env, shifts, names, reachable, hols)
    await _night_cover(env)
    return 0


def _mark(worker_id: int, reachable: set[int]) -> str:
    return "" if worker_id in reachable else " [gets no cards: inactive or Telegram not linked]"


def _next(env: Any, shifts: list, names: dict, reachable: set[int], hols) -> None:
    """The next shift start; and the next one the bot counts, when it differs."""
    now, tz = env.now(), env.timezone
    upcoming = next_shift_start(shifts, now, tz, hols)
    if upcoming is None:
        env.out.write("Next: nobody is scheduled (load a rota with: relais rota import FILE).\n")
        return
    when, ids = upcoming
    who = ", ".join(names[i] + _mark(i, reachable) for i in ids)
    env.out.write(f"Next: {who}, from {format_when(when, tz, env.locale)}\n")
    if all(i in reachable for i in ids):
        return
    counted = next_shift_start([s for s in shifts if s.worker_id in reachable], now, tz, hols)
    if counted is None:
        env.out.write(
            "Citizens are told the team returns: as soon as possible (no reachable shift).\n"
        )
    else:
        env.out.write(
            f"Citizens are told the team returns: {format_when(counted[0], tz, env.locale)}\n"
        )


def _until(slot: Slot, today: date, env: Any) -> str:
    end = slot.end.astimezone(env.timezone)
    return (
        f"{end:%H:%M}" if end.date() == today else format_when(slot.end, env.timezone, env.locale)
    )
