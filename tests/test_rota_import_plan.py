"""Planning a rota import before writing it: shifts added and removed, hidden ones, lost hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rota.import_plan import (
    RotaChanged,
    apply_import,
    is_calendar,
    plan_import,
    read_rota_file,
    shifts_of,
)
from bot.rota.importer import RotaFileError
from bot.rota.rota import Shift
from storage import rota as rota_store
from storage import workers as worker_store
from storage.db import Database, open_database

MTL = ZoneInfo("America/Montreal")
NOW = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)  # Tuesday 23 June 2026, 14:00 in Montréal
TODAY = date(2026, 6, 23)
WEEKDAYS = b"worker,day,start,end\nBob Gagnon,tue,13:00,17:00\nCarl Roy,mon,09:00,17:00\n"
WEEKEND = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//relais//FR
BEGIN:VEVENT
UID:weekend-1@relais
DTSTART;TZID=America/Montreal:20260627T100000
DTEND;TZID=America/Montreal:20260627T160000
RRULE:FREQ=WEEKLY
SUMMARY:Carl Roy
END:VEVENT
END:VCALENDAR
"""
NO_HOLIDAYS: set[date] = set()


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        for name, telegram, role in (
            ("Bob Gagnon", 1001, "worker"),
            ("Carl Roy", 1002, "coordinator"),
            ("Élise Tremblay", None, "worker"),
        ):
            await worker_store.add(database, name, NOW, telegram_id=telegram, role=role)
        yield database


async def plan_of(db: Database, data: bytes, name: str, *, add: bool):
    everyone = await worker_store.list_all(db)
    read = read_rota_file(data, name, everyone, MTL, TODAY, 8, NO_HOLIDAYS)
    before = await rota_store.list_shifts(db, include_inactive=True)
    reachable = {w.id for w in everyone if w.active and w.linked}
    new = shifts_of(read.specs, everyone)
    plan = plan_import(
        before, new, add=add, reachable=reachable, now=NOW, tz=MTL, holidays=NO_HOLIDAYS
    )
    return read, plan


async def weekday_rota(db: Database) -> None:
    read, plan = await plan_of(db, WEEKDAYS, "semaine.csv", add=False)
    assert await apply_import(db, plan, read, NOW) == 2


async def test_replacing_the_weekdays_by_a_weekend_calendar_names_what_goes_and_what_is_lost(db):
    await weekday_rota(db)
    bob = await worker_store.get_by_name(db, "Bob Gagnon")
    carl = await worker_store.get_by_name(db, "Carl Roy")
    read, plan = await plan_of(db, WEEKEND, "fin-de-semaine.ics", add=False)
    assert read.source == "ics" and read.calendar == (WEEKEND, 8)
    assert {(s.worker_id, s.weekday) for s in plan.removed} == {(bob.id, 1), (carl.id, 0)}
    assert len(plan.added) == 8  # eight Saturdays from 27 June
    assert all(s.on_date and s.on_date.weekday() == 5 for s in plan.added)
    # Bob's afternoon from now (14:00) to 17:00 is the first span lost.
    assert plan.lost[0] == (NOW, datetime(2026, 6, 23, 21, 0, tzinfo=UTC))
    monday = (datetime(2026, 6, 29, 13, 0, tzinfo=UTC), datetime(2026, 6, 29, 21, 0, tzinfo=UTC))
    assert monday in plan.lost
    assert plan.hidden == ()


async def test_adding_removes_nothing_and_an_evening_one_off_hides_no_usual_shift(db):
    await weekday_rota(db)
    extra = b"worker,day,start,end\nBob Gagnon,2026-06-30,18:00,22:00\n"
    _, plan = await plan_of(db, extra, "soir.csv", add=True)
    assert plan.removed == [] and len(plan.added) == 1
    assert plan.lost == () and plan.hidden == ()
    assert set(plan.after) == {*plan.before, *plan.added}


async def test_an_overlapping_one_off_hides_that_days_usual_shift_and_loses_its_hours(db):
    await weekday_rota(db)
    bob = await worker_store.get_by_name(db, "Bob Gagnon")
    later = b"worker,day,start,end\nBob Gagnon,2026-06-30,15:00,19:00\n"
    _, plan = await plan_of(db, later, "tard.csv", add=True)
    assert plan.removed == []
    [hidden] = plan.hidden
    assert (hidden.worker_id, hidden.day, hidden.shift.start) == (
        bob.id,
        date(2026, 6, 30),
        time(13),
    )
    # 13:00–15:00 on 30 June is nobody's now.
    start = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
    assert plan.lost == ((start, start + timedelta(hours=2)),)


async def test_applying_writes_exactly_the_plan(db):
    await weekday_rota(db)
    read, plan = await plan_of(db, WEEKEND, "fin-de-semaine.ics", add=True)
    await apply_import(db, plan, read, NOW)
    assert set(await rota_store.list_shifts(db, include_inactive=True)) == set(plan.after)
    assert len(await rota_store.calendars(db)) == 1
    read, plan = await plan_of(db, WEEKDAYS, "semaine.csv", add=False)
    await apply_import(db, plan, read, NOW)
    assert set(await rota_store.list_shifts(db)) == set(plan.after) == set(plan.new)
    assert await rota_store.calendars(db) == []  # replacing drops the kept calendar


async def test_a_plan_made_against_another_rota_writes_nothing(db):
    await weekday_rota(db)
    read, plan = await plan_of(db, WEEKEND, "fin-de-semaine.ics", add=False)
    carl = await worker_store.get_by_name(db, "Carl Roy")
    await rota_store.add(db, [Shift(carl.id, time(8), time(9), weekday=4)], "cli", NOW)
    stored = set(await rota_store.list_shifts(db, include_inactive=True))
    with pytest.raises(RotaChanged):
        await apply_import(db, plan, read, NOW)
    assert set(await rota_store.list_shifts(db, include_inactive=True)) == stored
    assert plan.digest != (await plan_of(db, WEEKEND, "fin-de-semaine.ics", add=False))[1].digest


async def test_the_digest_tells_the_modes_and_files_apart(db):
    await weekday_rota(db)
    _, replace = await plan_of(db, WEEKEND, "a.ics", add=False)
    _, add = await plan_of(db, WEEKEND, "a.ics", add=True)
    _, again = await plan_of(db, WEEKEND, "b.ics", add=False)
    assert replace.digest != add.digest and replace.digest == again.digest


async def test_a_deactivated_worker_is_named_as_such_and_an_unlinked_one_gains_no_coverage(db):
    elise = await worker_store.get_by_name(db, "Élise Tremblay")
    _, plan = await plan_of(
        db, b"worker,day,start,end\nElise Tremblay,wed,9:00,17:00\n", "e.csv", add=False
    )
    assert [s.worker_id for s in plan.added] == [elise.id] and plan.lost == ()
    await worker_store.set_active(db, elise.id, False)
    with pytest.raises(RotaFileError) as refused:
        await plan_of(
            db, b"worker,day,start,end\nElise Tremblay,wed,9:00,17:00\n", "e.csv", add=False
        )
    assert refused.value.line == 2 and "désactivé" in refused.value.reason


def test_a_calendar_is_known_by_its_name_or_its_first_line():
    assert is_calendar("horaire.ICS", b"")
    assert is_calendar("export.txt", b"\xef\xbb\xbf\r\nBEGIN:VCALENDAR\r\n")
    assert not is_calendar("horaire.csv", WEEKDAYS)


async def test_one_stored_shift_is_removed_by_its_fields_and_only_it(db):
    await weekday_rota(db)
    bob = await worker_store.get_by_name(db, "Bob Gagnon")
    tuesday = Shift(bob.id, time(13), time(17), weekday=1)
    assert await rota_store.remove(db, tuesday)
    assert not await rota_store.remove(db, tuesday)
    assert [s.worker_id for s in await rota_store.list_shifts(db)] != [bob.id]
    assert await rota_store.count(db) == 1
