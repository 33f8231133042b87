"""`relais rota show|now`: the week's shifts and who is on duty, in RELAIS_LOCALE."""

from __future__ import annotations

import argparse
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.cli.output import fail, render, say
from bot.rota.rota import (
    Shift,
    Slot,
    current_slots,
    next_shift_start,
    quebec_holidays,
    shifts_between,
)
from flows import cli_messages as cm
from storage import rota as rota_store
from storage import workers as worker_store

BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}


def format_day(day: date, locale: str) -> str:
    """The day in the locale: "mercredi 24 juin 2026" / "Wednesday, June 24, 2026"."""
    text = format_date(day, "full", locale=BABEL_LOCALES.get(locale, "fr_CA"))
    return text.replace(" 1 ", " 1er ", 1) if locale != "en" and day.day == 1 else text


def format_when(moment: datetime, tz: ZoneInfo, locale: str) -> str:
    """A UTC moment as the local day and HH:MM."""
    local = moment.astimezone(tz)
    return f"{format_day(local.date(), locale)} {local:%H:%M}"


def hours(spec: Any) -> str:
    """09:00–17:00, 22:00–06:00, and 18:00–24:00 for a shift that ends at midnight."""
    midnight = spec.end == time(0) and spec.start != time(0)
    return f"{spec.start:%H:%M}–{'24:00' if midnight else f'{spec.end:%H:%M}'}"


def _parse_week(text: str | None, env: Any) -> date:
    if text is None:
        day = env.now().astimezone(env.timezone).date()
    else:
        day = date.fromisoformat(text)  # ValueError is reported by the caller
    return day - timedelta(days=day.weekday())


def _span(env: Any, slot: Slot) -> str:
    """Hours as "22:00–06:00 (next day)", with the real length when a clock change alters it."""
    start, end = slot.shift.start, slot.shift.end
    minutes = (end.hour * 60 + end.minute - start.hour * 60 - start.minute) % 1440 or 1440
    next_day = end < start and end != time(0)
    note = cm.NEXT_DAY if next_day else cm.FULL_DAY if end == start else None
    text = hours(slot.shift) + (render(env, note) if note else "")
    if slot.duration != timedelta(minutes=minutes):
        text += render(env, cm.clocks_change(f"{slot.duration.total_seconds() / 3600:g}"))
    return text


async def show_rota(args: argparse.Namespace, env: Any) -> int:
    """Print the week's shifts, day by day, holidays marked."""
    try:
        monday = _parse_week(args.week, env)
    except ValueError:
        return fail(env, cm.bad_week(args.week))
    names = {w.id: w.name for w in await worker_store.list_all(env.db)}
    hols = quebec_holidays(env.locale)
    slots = shifts_between(
        await rota_store.list_shifts(env.db), monday, monday + timedelta(days=7), env.timezone, hols
    )
    say(env, cm.week_title(format_day(monday, env.locale), env.timezone.key))
    for offset in range(7):
        day = monday + timedelta(days=offset)
        holiday = render(env, cm.holiday_note(hols.get(day))) if day in hols else ""
        env.out.write(f"\n{format_day(day, env.locale)}{holiday}\n")
        todays = [s for s in slots if s.day == day]
        for slot in todays:
            one_off = render(env, cm.ONE_OFF_MARK) if slot.shift.on_date else ""
            env.out.write(f"  {_span(env, slot)}  {names[slot.worker_id]}{one_off}\n")
        if not todays:
            say(env, cm.NOBODY_ON_DUTY)
    return 0


async def night_cover(env: Any) -> None:
    """Say plainly when urgent requests out of hours would reach no one."""
    if not await worker_store.night_contacts(env.db):
        say(env, cm.NOBODY_AT_NIGHT)


async def rota_now(args: argparse.Namespace, env: Any) -> int:
    """Print who is on duty now and who comes next, and whether the bot can reach them."""
    now, tz = env.now(), env.timezone
    everyone = await worker_store.list_all(env.db)
    names = {w.id: w.name for w in everyone}
    reachable = {w.id for w in everyone if w.active and w.linked}
    shifts = await rota_store.list_shifts(env.db)
    hols = quebec_holidays(env.locale)
    today = now.astimezone(tz).date()
    say(env, cm.now_line(format_when(now, tz, env.locale), tz.key))
    if today in hols:
        say(env, cm.holiday_today(hols.get(today)))
    running = current_slots(shifts, now, tz, hols)
    if running:
        who = ", ".join(
            render(env, cm.until(names[s.worker_id], _until(s, today, env)))
            + _mark(env, s.worker_id, reachable)
            for s in running
        )
        say(env, cm.on_duty(who))
    else:
        say(env, cm.NOBODY_NOW)
    if running and not any(s.worker_id in reachable for s in running):
        say(env, cm.NOBODY_COUNTED)
    _next(env, shifts, names, reachable, hols)
    await night_cover(env)
    return 0


def _mark(env: Any, worker_id: int, reachable: set[int]) -> str:
    return "" if worker_id in reachable else render(env, cm.NO_CARDS)


def _next(env: Any, shifts: list[Shift], names: dict, reachable: set[int], hols) -> None:
    """The next shift start; and the next one the bot counts, when it differs."""
    now, tz = env.now(), env.timezone
    upcoming = next_shift_start(shifts, now, tz, hols)
    if upcoming is None:
        say(env, cm.NOBODY_NEXT)
        return
    when, ids = upcoming
    who = ", ".join(names[i] + _mark(env, i, reachable) for i in ids)
    say(env, cm.next_shift(who, format_when(when, tz, env.locale)))
    if all(i in reachable for i in ids):
        return
    counted = next_shift_start([s for s in shifts if s.worker_id in reachable], now, tz, hols)
    if counted is None:
        say(env, cm.RETURN_SOON)
    else:
        say(env, cm.return_at(format_when(counted[0], tz, env.locale)))


def _until(slot: Slot, today: date, env: Any) -> str:
    end = slot.end.astimezone(env.timezone)
    return (
        f"{end:%H:%M}" if end.date() == today else format_when(slot.end, env.timezone, env.locale)
    )
