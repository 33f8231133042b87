"""The series behind the report's charts, read with the same rules as bot/reports/figures.py.

Months are local calendar months clipped to the period; a request's hour of the week is its
local arrival time in RELAIS_TIMEZONE. The duty side of the hours chart is the usual week of
the current rota (no holiday), counting only workers the bot can reach.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.reports.figures import bounds, compute
from bot.rota.rota import Shift
from bot.rota.week_grid import week_grid
from storage.clock import from_db, to_db
from storage.db import Database
from storage.workers import Worker

Hour = tuple[int, int]  # (weekday 0 = Monday, hour 0–23)


def months(first_day: date, last_day: date) -> list[tuple[date, date]]:
    """The period cut at month ends: (first day, last day) of each piece, in order."""
    pieces = []
    start = first_day
    while start <= last_day:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        end = min(last_day, following - timedelta(days=1))
        pieces.append((start, end))
        start = following
    return pieces


async def monthly_contacts(
    db: Database, first_day: date, last_day: date, tz: ZoneInfo
) -> list[tuple[date, int]]:
    """Each month's contacts, counted exactly as the report counts them for that month."""
    found = []
    for start, end in months(first_day, last_day):
        found.append((start, (await compute(db, start, end, tz)).contacts))
    return found


async def _requests(db: Database, first_day: date, last_day: date, tz: ZoneInfo) -> list:
    start, end = bounds(first_day, last_day, tz)
    return await db.fetchall(
        "SELECT created_at, first_reply_at, out_of_hours FROM requests"
        " WHERE created_at >= ? AND created_at < ?",
        (to_db(start), to_db(end)),
    )


async def reply_minutes(db: Database, first_day: date, last_day: date, tz: ZoneInfo) -> list[float]:
    """Minutes to the first human reply of each answered request opened in the period."""
    return [
        (from_db(r["first_reply_at"]) - from_db(r["created_at"])).total_seconds() / 60
        for r in await _requests(db, first_day, last_day, tz)
        if r["first_reply_at"] is not None
    ]


async def arrivals_by_hour(
    db: Database, first_day: date, last_day: date, tz: ZoneInfo
) -> dict[Hour, tuple[int, int]]:
    """Requests opened in the period by local (weekday, hour): (in hours, out of hours)."""
    counts: dict[Hour, list[int]] = {}
    for row in await _requests(db, first_day, last_day, tz):
        local = from_db(row["created_at"]).astimezone(tz)
        cell = counts.setdefault((local.weekday(), local.hour), [0, 0])
        cell[1 if row["out_of_hours"] else 0] += 1
    return {key: (a, b) for key, (a, b) in sorted(counts.items())}


def usual_duty(
    shifts: Iterable[Shift],
    workers: Iterable[Worker],
    day: date,
    tz: ZoneInfo,
    holidays: Container[date] = frozenset(),
) -> dict[Hour, int]:
    """Reachable workers on duty in each (weekday, hour) of `day`'s week of the rota."""
    grid = week_grid(shifts, workers, day, tz, holidays)
    return {(c.day.weekday(), c.hour): len(c.on_duty) for c in grid.cells if not c.skipped}
