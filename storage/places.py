"""Welcoming places lent by organizations, their opening windows, and the appointments held there.

Windows are local wall-clock times in RELAIS_TIMEZONE, written like
`mon 09:00-17:00; wed 13:00-16:00` (see `parse_windows`). Appointment times are UTC.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

import aiosqlite

from flows.normalize import fold
from storage.clock import from_db, to_db
from storage.db import BaseDatabase, Row

logger = logging.getLogger(__name__)

Source = BaseDatabase | aiosqlite.Connection
ACTIVE_STATUSES = ("proposed", "confirmed")
STATUSES = (*ACTIVE_STATUSES, "declined", "cancelled")
REMINDERS = {"day_before": "reminded_day_before_at", "same_day": "reminded_same_day_at"}

_DAY_NAMES = (
    ("mon", "monday", "mo", "lun", "lundi", "lu"),
    ("tue", "tues", "tuesday", "tu", "mar", "mardi", "ma"),
    ("wed", "wednesday", "we", "mer", "mercredi", "me"),
    ("thu", "thur", "thurs", "thursday", "th", "jeu", "jeudi", "je"),
    ("fri", "friday", "fr", "ven", "vendredi", "ve"),
    ("sat", "saturday", "sa", "sam", "samedi"),
    ("sun", "sunday", "su", "dim", "dimanche", "di"),
)
DAYS = {name: index for index, names in enumerate(_DAY_NAMES) for name in names}
_ENTRY = re.compile(r"^(?P<days>[a-z][a-z,\-\s]*?)\s*(?P<times>\d.*)$")
_RANGE = re.compile(
    r"^(?P<a>\d{1,2}(?:[:h]\d{2}|h)?)\s*(?:-|a|to)\s*(?P<b>\d{1,2}(?:[:h]\d{2}|h)?)$"
)


@dataclass(frozen=True)
class Window:
    """A weekly opening: `weekday` 0 = Monday, local `start`-`end` (end before start: overnight)."""

    weekday: int
    start: time
    end: time

    def __str__(self) -> str:
        return f"{_DAY_NAMES[self.weekday][0]} {self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True)
class Place:
    """A welcoming place; withdrawn places are kept for history but never offered."""

    id: int
    organization: str
    name: str
    address: str
    conditions: str
    windows: tuple[Window, ...]
    created_at: datetime
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        """Still offered to workers."""
        return self.withdrawn_at is None


@dataclass(frozen=True)
class Appointment:
    """A meeting at a place for a request; `status` is one of STATUSES."""

    id: int
    place_id: int
    request_id: int | None
    worker_id: int | None
    starts_at: datetime
    ends_at: datetime
    status: str
    reminded_day_before_at: datetime | None
    reminded_same_day_at: datetime | None
    confirmed_at: datetime | None = None
    cancel_reason: str | None = None  # worker | place_withdrawn


class SlotTaken(Exception):
    """The place already has an active appointment overlapping the requested slot."""

    def __init__(self, clash_id: int) -> None:
        super().__init__(f"slot overlaps appointment {clash_id}")
        self.clash_id = clash_id


def _parse_time(text: str) -> time:
    hours, _, minutes = text.replace("h", ":").partition(":")
    hour, minute = int(hours), int(minutes or 0)
    if hour == 24 and minute == 0:
        return time(23, 59)  # "until midnight"
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text}' is not a time of day")
    return time(hour, minute)


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        first, _, last = (part.strip() for part in item.partition("-"))
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"'{item}' is not a day (mon…sun, lun…dim)")
        a, b = DAYS[first], DAYS[last or first]
        days.extend((a + step) % 7 for step in range((b - a) % 7 + 1))
    return days


def parse_windows(text: str) -> tuple[Window, ...]:
    """Parse `mon-fri 9:00-12:00, 13:00-17:00; sam 10h-12h` (French or English day names)."""
    windows: list[Window] = []
    parts = (part.strip() for line in text.splitlines() for part in fold(line).split(";"))
    for entry in filter(None, parts):
        match = _ENTRY.match(entry)
        if not match or not match["days"].strip():
            raise ValueError(f"'{entry}' should look like 'mon 09:00-17:00'")
        spans = []
        for span in (part.strip() for part in match["times"].split(",")):
            found = _RANGE.match(span)
            if not found:
                raise ValueError(f"'{span}' should look like '09:00-17:00'")
            spans.append((_parse_time(found["a"]), _parse_time(found["b"])))
        windows.extend(Window(day, a, b) for day in _parse_days(match["days"]) for a, b in spans)
    if not windows:
        raise ValueError("no opening window given")
    return tuple(sorted(set(windows), key=lambda w: (w.weekday, w.start)))


def format_windows(windows: Iterable[Window]) -> str:
    """The canonical text of some windows, the form `parse_windows` reads back."""
    return "; ".join(str(window) for window in windows)


def slot_fits(windows: Iterable[Window], start_local: datetime, duration: timedelta) -> bool:
    """True when the slot lies inside one daytime window of its weekday (local wall-clock time)."""
    end = start_local + duration
    if duration <= timedelta(0) or end.date() != start_local.date():
        return False
    return any(
        w.weekday == start_local.weekday() and w.start <= start_local.time() and end.time() <= w.end
        for w in windows
    )


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two half-open intervals share time (touching ends do not clash)."""
    return a_start < b_end and b_start < a_end


def find_clash(
    appointments: Iterable[Appointment], starts_at: datetime, ends_at: datetime
) -> Appointment | None:
    """The first active appointment overlapping the slot, if any."""
    for other in appointments:
        if other.status in ACTIVE_STATUSES and overlaps(
            other.starts_at, other.ends_at, starts_at, ends_at
        ):
            return other
    return None


async def _fetchall(src: Source, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    if isinstance(src, BaseDatabase):
        return await src.fetchall(sql, params)
    return list(await src.execute_fetchall(sql, params))


async def _places(src: Source, where: str, params: Sequence[Any]) -> list[Place]:
    rows = await _fetchall(src, f"SELECT * FROM places {where} ORDER BY organization, name", params)
    ids = [row["id"] for row in rows]
    windows: dict[int, list[Window]] = {pid: [] for pid in ids}
    marks = ",".join("?" * len(ids))
    found = ids and await _fetchall(  # no place: no query (PostgreSQL refuses `IN ()`)
        src,
        f"SELECT * FROM place_windows WHERE place_id IN ({marks}) ORDER BY weekday, starts",
        ids,
    )
    for w in found or ():
        windows[w["place_id"]].append(
            Window(w["weekday"], time.fromisoformat(w["starts"]), time.fromisoformat(w["ends"]))
        )
    return [
        Place(row["id"], row["organization"], row["name"], row["address"], row["conditions"],
              tuple(windows[row["id"]]), from_db(row["created_at"]), from_db(row["withdrawn_at"]))
        for row in rows
    ]  # fmt: skip


async def list_places(src: Source, *, include_withdrawn: bool = False) -> list[Place]:
    """The places on offer (and the withdrawn ones if asked), by organization and name."""
    return await _places(src, "" if include_withdrawn else "WHERE withdrawn_at IS NULL", ())


async def find_places(src: Source, key: str) -> list[Place]:
    """Places whose id is `key`, or whose name is `key` (any case)."""
    if key.strip().isdigit():
        return await _places(src, "WHERE id = ?", (int(key),))
    return await _places(src, "WHERE lower(name) = lower(?)", (key.strip(),))


async def save_place(
    conn: aiosqlite.Connection,
    *,
    organization: str,
    name: str,
    address: str,
    windows: Sequence[Window],
    conditions: str,
    now: datetime,
) -> tuple[int, bool]:
    """Add a place, or update the one with that organization and name (and offer it again).

    Returns (place id, created?). Windows must not run past midnight.
    """
    if any(w.end <= w.start for w in windows):
        raise ValueError("a window must end after it starts, on the same day")
    stamp = to_db(now)
    found = await conn.execute_fetchall(
        "SELECT id FROM places WHERE lower(organization) = lower(?) AND lower(name) = lower(?)",
        (organization, name),
    )
    if found:
        place_id = found[0]["id"]
        await conn.execute(
            "UPDATE places SET organization = ?, name = ?, address = ?, conditions = ?, "
            "updated_at = ?, withdrawn_at = NULL WHERE id = ?",
            (organization, name, address, conditions, stamp, place_id),
        )
        await conn.execute("DELETE FROM place_windows WHERE place_id = ?", (place_id,))
    else:
        added = await conn.execute_fetchall(
            "INSERT INTO places (organization, name, address, conditions, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (organization, name, address, conditions, stamp, stamp),
        )
        place_id = added[0]["id"]
    await conn.executemany(
        "INSERT INTO place_windows (place_id, weekday, starts, ends) VALUES (?, ?, ?, ?)",
        [(place_id, w.weekday, f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in windows],
    )
    logger.info("place.saved", extra={"place_id": place_id, "new": not found})
    return place_id, not found


async def withdraw_place(
    conn: aiosqlite.Connection, place_id: int, now: datetime
) -> list[Appointment]:
    """Stop offering a place and cancel its upcoming appointments; return them.

    They are cancelled "not yet notified": the running bot tells both sides at its next sweep
    (the CLI that withdraws runs in another process and sends nothing).
    """
    await conn.execute(
        "UPDATE places SET withdrawn_at = coalesce(withdrawn_at, ?), updated_at = ? WHERE id = ?",
        (to_db(now), to_db(now), place_id),
    )
    upcoming = await appointments_at(conn, place_id, now, now + timedelta(days=3660))
    for appointment in upcoming:
        if appointment.starts_at > now:
            await cancel_appointment(conn, appointment.id, "place_withdrawn", now, notified=False)
    logger.info("place.withdrawn", extra={"place_id": place_id, "cancelled": len(upcoming)})
    return upcoming


def _appointment(row: Row) -> Appointment:
    return Appointment(
        row["id"], row["place_id"], row["request_id"], row["worker_id"],
        from_db(row["starts_at"]), from_db(row["ends_at"]), row["status"],
        from_db(row["reminded_day_before_at"]), from_db(row["reminded_same_day_at"]),
        from_db(row["confirmed_at"]), row["cancel_reason"],
    )  # fmt: skip


async def appointments_at(
    src: Source, place_id: int, start: datetime, end: datetime
) -> list[Appointment]:
    """Active appointments at a place that overlap [start, end), in time order."""
    rows = await _fetchall(
        src,
        "SELECT * FROM appointments WHERE place_id = ? AND status IN ('proposed', 'confirmed') "
        "AND starts_at < ? AND ends_at > ? ORDER BY starts_at",
        (place_id, to_db(end), to_db(start)),
    )
    return [_appointment(row) for row in rows]


async def get_appointment(src: Source, appointment_id: int) -> Appointment | None:
    """One appointment by id."""
    rows = await _fetchall(src, "SELECT * FROM appointments WHERE id = ?", (appointment_id,))
    return _appointment(rows[0]) if rows else None


async def create_appointment(
    conn: aiosqlite.Connection,
    *,
    place_id: int,
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    request_id: int | None = None,
    worker_id: int | None = None,
) -> int:
    """Propose a meeting at an offered place; raise SlotTaken if it clashes, LookupError if gone."""
    place = await conn.execute_fetchall(
        "SELECT id FROM places WHERE id = ? AND withdrawn_at IS NULL", (place_id,)
    )
    if not place:
        raise LookupError(f"place {place_id} is not on offer")
    clash = find_clash(
        await appointments_at(conn, place_id, starts_at, ends_at), starts_at, ends_at
    )
    if clash is not None:
        raise SlotTaken(clash.id)
    rows = await conn.execute_fetchall(
        "INSERT INTO appointments (place_id, request_id, worker_id, starts_at, ends_at, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (place_id, request_id, worker_id, to_db(starts_at), to_db(ends_at), to_db(now), to_db(now)),
    )
    appointment_id = rows[0]["id"]
    logger.info("appointment.proposed", extra={"appointment_id": appointment_id})
    return appointment_id


async def set_appointment_status(
    conn: aiosqlite.Connection, appointment_id: int, status: str, now: datetime
) -> None:
    """Move an appointment to `status` (proposed, confirmed, declined, cancelled)."""
    if status not in STATUSES:
        raise ValueError(f"unknown appointment status {status!r}")
    await conn.execute(
        "UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?",
        (status, to_db(now), appointment_id),
    )
    logger.info("appointment.status", extra={"appointment_id": appointment_id, "status": status})


async def mark_reminded(
    conn: aiosqlite.Connection, appointment_id: int, which: str, at: datetime
) -> None:
    """Record that the `day_before` or `same_day` reminder of an appointment went out."""
    column = REMINDERS[which]
    await conn.execute(
        f"UPDATE appointments SET {column} = ?, updated_at = ? WHERE id = ?",
        (to_db(at), to_db(at), appointment_id),
    )


async def claim_reminder(
    conn: aiosqlite.Connection, appointment_id: int, which: str, at: datetime
) -> bool:
    """Mark a reminder of a confirmed appointment as sent; False if it was already (or can't be).

    Call it in the transaction that queues the reminder: the mark and the message go together.
    """
    column = REMINDERS[which]
    cursor = await conn.execute(
        f"UPDATE appointments SET {column} = ?, updated_at = ? "
        f"WHERE id = ? AND {column} IS NULL AND status = 'confirmed'",
        (to_db(at), to_db(at), appointment_id),
    )
    return cursor.rowcount == 1


async def answer_appointment(
    conn: aiosqlite.Connection, appointment_id: int, accepted: bool, now: datetime
) -> bool:
    """The citizen's answer to a proposal; False when it is no longer a proposal."""
    cursor = await conn.execute(
        "UPDATE appointments SET status = ?, confirmed_at = ?, updated_at = ? "
        "WHERE id = ? AND status = 'proposed'",
        ("confirmed" if accepted else "declined", to_db(now) if accepted else None, to_db(now),
         appointment_id),
    )  # fmt: skip
    logger.info("appointment.answered", extra={"appointment_id": appointment_id, "yes": accepted})
    return cursor.rowcount == 1


async def cancel_appointment(
    conn: aiosqlite.Connection, appointment_id: int, reason: str, now: datetime, *, notified: bool
) -> bool:
    """Cancel an active appointment; `notified`: both sides are told in this transaction."""
    cursor = await conn.execute(
        "UPDATE appointments SET status = 'cancelled', cancel_reason = ?, cancel_notified_at = ?,"
        " updated_at = ? WHERE id = ? AND status IN ('proposed', 'confirmed')",
        (reason, to_db(now) if notified else None, to_db(now), appointment_id),
    )
    logger.info("appointment.cancelled", extra={"appointment_id": appointment_id, "why": reason})
    return cursor.rowcount == 1


async def unnotified_cancellations(src: Source) -> list[Appointment]:
    """Cancelled appointments whose worker and citizen have not been told yet."""
    rows = await _fetchall(
        src,
        "SELECT * FROM appointments WHERE status = 'cancelled' AND cancel_notified_at IS NULL "
        "ORDER BY id",
    )
    return [_appointment(row) for row in rows]


async def mark_cancel_notified(
    conn: aiosqlite.Connection, appointment_id: int, now: datetime
) -> None:
    """Both sides have been told of this cancellation."""
    await conn.execute(
        "UPDATE appointments SET cancel_notified_at = ? WHERE id = ?",
        (to_db(now), appointment_id),
    )


async def upcoming_for_request(src: Source, request_id: int, now: datetime) -> list[Appointment]:
    """A case's active appointments that have not started yet, in time order."""
    rows = await _fetchall(
        src,
        "SELECT * FROM appointments WHERE request_id = ? AND status IN ('proposed', 'confirmed') "
        "AND starts_at > ? ORDER BY starts_at",
        (request_id, to_db(now)),
    )
    return [_appointment(row) for row in rows]


async def confirmed_upcoming(src: Source, now: datetime) -> list[Appointment]:
    """Confirmed appointments that have not started: the ones that may still need reminders."""
    rows = await _fetchall(
        src,
        "SELECT * FROM appointments WHERE status = 'confirmed' AND starts_at > ? "
        "ORDER BY starts_at",
        (to_db(now),),
    )
    return [_appointment(row) for row in rows]


async def get_place(src: Source, place_id: int) -> Place | None:
    """One place by id, withdrawn or not."""
    found = await _places(src, "WHERE id = ?", (place_id,))
    return found[0] if found else None
