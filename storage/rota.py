"""Duty shifts: weekly ones by weekday, one-off ones by date, in local wall-clock time."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from storage.clock import to_db
from storage.db import Row
from storage.workers import Source, fetch, writing

logger = logging.getLogger(__name__)

SOURCES = ("csv", "ics", "cli")


@dataclass(frozen=True)
class Shift:
    """One shift of one worker: on a weekday (0 = Monday) every week, or on one date.

    `start`/`end` are local wall-clock times; `end` before `start` runs past midnight and
    `end == start` lasts until the same time the next day. The shift belongs to its start day.
    """

    worker_id: int
    start: time
    end: time
    weekday: int | None = None
    on_date: date | None = None

    def __post_init__(self) -> None:
        if (self.weekday is None) == (self.on_date is None):
            raise ValueError("a shift has either a weekday or a date, not both or neither")
        if self.weekday is not None and not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday out of range: {self.weekday}")

    @property
    def weekly(self) -> bool:
        return self.weekday is not None


def _row(shift: Shift, source: str, now: datetime) -> tuple:
    return (
        shift.worker_id,
        shift.weekday,
        shift.on_date.isoformat() if shift.on_date else None,
        shift.start.strftime("%H:%M"),
        shift.end.strftime("%H:%M"),
        source,
        to_db(now),
    )


def _shift(row: Row) -> Shift:
    return Shift(
        worker_id=row["worker_id"],
        start=time.fromisoformat(row["start_time"]),
        end=time.fromisoformat(row["end_time"]),
        weekday=row["weekday"],
        on_date=date.fromisoformat(row["on_date"]) if row["on_date"] else None,
    )


_INSERT = (
    "INSERT INTO shifts"
    " (worker_id, weekday, on_date, start_time, end_time, source, created_at, calendar_id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)


@dataclass(frozen=True)
class Calendar:
    """An imported .ics kept whole, re-expanded `weeks` ahead by the bot every day."""

    id: int
    data: bytes
    weeks: int


async def _insert(
    conn, shifts: Sequence[Shift], source: str, now: datetime, calendar_id: int | None = None
) -> int:
    added = 0
    for shift in shifts:
        cur = await conn.execute(_INSERT, (*_row(shift, source, now), calendar_id))
        added += cur.rowcount  # 0 when an identical shift is already there
    return added


async def _keep_calendar(conn, calendar: tuple[bytes, int] | None, now: datetime) -> int | None:
    if calendar is None:
        return None
    rows = await conn.execute_fetchall(
        "INSERT INTO rota_calendars (data, weeks, imported_at) VALUES (?, ?, ?) RETURNING id",
        (calendar[0], calendar[1], to_db(now)),
    )
    return rows[0]["id"]


def _check(source: str) -> None:
    if source not in SOURCES:
        raise ValueError(f"unknown shift source {source!r}")


async def add(
    src: Source,
    shifts: Sequence[Shift],
    source: str,
    now: datetime,
    calendar: tuple[bytes, int] | None = None,
) -> int:
    """Add shifts in one transaction, skipping exact repeats; return how many were new.

    `calendar` (the .ics data, weeks) is kept so that the bot extends its repeating events.
    """
    _check(source)
    async with writing(src) as conn:
        calendar_id = await _keep_calendar(conn, calendar, now)
        added = await _insert(conn, shifts, source, now, calendar_id)
    logger.info("rota.added", extra={"shifts": added, "source": source})
    return added


async def replace_all(
    src: Source,
    shifts: Sequence[Shift],
    source: str,
    now: datetime,
    calendar: tuple[bytes, int] | None = None,
) -> int:
    """Replace the whole rota, calendars included, in one transaction (never half a rota)."""
    _check(source)
    async with writing(src) as conn:
        await conn.execute("DELETE FROM shifts")
        await conn.execute("DELETE FROM rota_calendars")
        calendar_id = await _keep_calendar(conn, calendar, now)
        added = await _insert(conn, shifts, source, now, calendar_id)
    logger.info("rota.replaced", extra={"shifts": added, "source": source})
    return added


async def calendars(src: Source) -> list[Calendar]:
    """The calendars whose repeating events the bot keeps expanding."""
    rows = await fetch(src, "SELECT id, data, weeks FROM rota_calendars ORDER BY id")
    return [Calendar(r["id"], bytes(r["data"]), r["weeks"]) for r in rows]


async def extend(src: Source, calendar_id: int, shifts: Sequence[Shift], now: datetime) -> int:
    """Add a calendar's newly expanded shifts (exact repeats skipped); how many were new."""
    async with writing(src) as conn:
        return await _insert(conn, shifts, "ics", now, calendar_id)


async def list_shifts(src: Source, *, include_inactive: bool = False) -> list[Shift]:
    """The rota as `bot.rota.rota.Shift` values; a deactivated worker's shifts are left out."""
    where = "" if include_inactive else "WHERE w.active = 1"
    rows = await fetch(
        src,
        "SELECT s.* FROM shifts s JOIN workers w ON w.id = s.worker_id "
        f"{where} ORDER BY s.on_date NULLS FIRST, s.weekday NULLS FIRST, s.start_time, s.worker_id",
    )
    return [_shift(r) for r in rows]


async def count(src: Source) -> int:
    """How many shifts are stored, whatever the worker's state."""
    rows = await fetch(src, "SELECT count(*) AS n FROM shifts")
    return rows[0]["n"]


async def remove(src: Source, shift: Shift) -> bool:
    """Delete one stored shift (whoever's it is); False when there was no such shift."""
    async with writing(src) as conn:
        cur = await conn.execute(
            "DELETE FROM shifts WHERE worker_id = ? AND coalesce(weekday, -1) = ?"
            " AND coalesce(on_date, '') = ? AND start_time = ? AND end_time = ?",
            (
                shift.worker_id,
                -1 if shift.weekday is None else shift.weekday,
                shift.on_date.isoformat() if shift.on_date else "",
                shift.start.strftime("%H:%M"),
                shift.end.strftime("%H:%M"),
            ),
        )
    logger.info("rota.removed", extra={"worker_id": shift.worker_id, "found": cur.rowcount})
    return cur.rowcount == 1
