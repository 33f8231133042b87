"""Welcoming places: opening windows, the `relais places` commands, appointments and clashes."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage import places as place_store
from storage.db import Database, open_database
from storage.places import SlotTaken, Window, find_clash, parse_windows, slot_fits
from tests.conftest import run_cli

EXAMPLE_PLACES = Path(__file__).parent.parent / "bot" / "resources" / "data" / "places_example.csv"
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
TZ = ZoneInfo("America/Montreal")


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        yield database


async def run(db: Database, *argv: str) -> tuple[int, str]:
    """Run `relais places …` as the coordinator would; return the code and the output."""
    return await run_cli(db, "places", *argv, now=NOW, locale="en")  # the French: test_cli_output


def test_windows_read_french_and_english_days_ranges_and_several_spans():
    assert parse_windows("mon 09:00-17:00; wed 13:00-16:00") == (
        Window(0, time(9), time(17)),
        Window(2, time(13), time(16)),
    )
    assert parse_windows("Lun-Mer 9h-12h, 13h30-16h") == tuple(
        Window(day, start, end)
        for day in range(3)
        for start, end in ((time(9), time(12)), (time(13, 30), time(16)))
    )
    assert parse_windows("mardi,JEUDI 10:00 à 15:00") == (
        Window(1, time(10), time(15)),
        Window(3, time(10), time(15)),
    )
    assert parse_windows("sam-lun 10:00-12:00")[0].weekday == 0  # a range across the week end


@pytest.mark.parametrize(
    "text", ["", "lundi", "xyz 9:00-10:00", "mon 25:00-26:00", "mon 9:00", "sur rendez-vous"]
)
def test_unreadable_windows_are_refused(text):
    with pytest.raises(ValueError):
        parse_windows(text)


def test_a_slot_fits_only_inside_a_window_of_its_weekday():
    windows = parse_windows("mon 09:00-12:00; wed 13:00-16:00")
    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
    assert slot_fits(windows, monday_10, timedelta(hours=1))
    assert slot_fits(windows, monday_10, timedelta(hours=2))  # ends exactly at closing
    assert not slot_fits(windows, monday_10, timedelta(hours=2, minutes=1))
    assert not slot_fits(windows, monday_10 + timedelta(days=1), timedelta(hours=1))  # Tuesday
    assert not slot_fits(windows, monday_10 - timedelta(hours=2), timedelta(hours=1))  # 8:00
    late = parse_windows("fri 20:00-23:59")
    assert not slot_fits(late, datetime(2026, 11, 27, 23, 30), timedelta(hours=1))  # past midnight


async def test_add_list_and_withdraw_a_place(db):
    code, out = await run(
        db, "add", "Petit", "salon", "--org", "Le Chez-Nous de Mercier-Est",
        "--windows", "lun 13:00-16:00; mer 9:00-12:00",
        "--address", "1000 rue Exemple", "--conditions", "Demander à l'accueil",
    )  # fmt: skip
    assert code == 0 and "Added place" in out
    code, out = await run(db, "list")
    assert "Le Chez-Nous de Mercier-Est - Petit salon" in out
    assert "mon 13:00-16:00; wed 09:00-12:00" in out and "Demander à l'accueil" in out
    code, out = await run(db, "withdraw", "petit", "SALON")
    assert code == 0 and "Withdrew place" in out
    assert "Petit salon" not in (await run(db, "list"))[1]
    assert "(withdrawn 2026-11-23)" in (await run(db, "list", "--all"))[1]
    assert (await run(db, "withdraw", "Nulle part"))[0] == 2


async def test_add_refuses_unreadable_windows(db):
    code, out = await run(db, "add", "Salle", "--org", "X", "--windows", "tous les jours")
    assert code == 2 and out.startswith("error: --windows")
    code, out = await run(db, "add", "Salle", "--org", "X", "--windows", "mon 20:00-02:00")
    assert code == 2 and "end after it starts" in out
    assert await place_store.list_places(db) == []


async def test_import_the_example_places_then_again(db, caplog):
    caplog.set_level(logging.INFO)  # log records must build (no clash with LogRecord fields)
    code, out = await run(db, "import", str(EXAMPLE_PLACES))
    assert code == 0 and "3 added, 0 updated" in out
    places = await place_store.list_places(db)
    assert {p.organization for p in places} == {
        "Le Chez-Nous de Mercier-Est",
        "Le Sésame",
        "Service d'aide à l'emploi de l'Est",
    }
    sesame = next(p for p in places if p.organization == "Le Sésame")
    assert [w.weekday for w in sesame.windows] == [1, 3]
    code, out = await run(db, "import", str(EXAMPLE_PLACES))
    assert "0 added, 3 updated" in out
    assert "place.saved" in caplog.messages


async def test_a_bad_places_file_is_refused_whole_naming_line_and_field(db, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_text(
        "organization,name,address,windows,conditions\n"
        "Le Sésame,Salle,,tue 10:00-12:00,\n"
        "Le Sésame,Bureau,,mardi matin,\n",
        encoding="utf-8",
    )
    code, out = await run(db, "import", str(path))
    assert code == 2
    assert f"{path}, line 3, field 'windows'" in out and "nothing was imported" in out
    assert await place_store.list_places(db, include_withdrawn=True) == []


async def test_importing_a_withdrawn_place_offers_it_again(db, tmp_path):
    await run(db, "import", str(EXAMPLE_PLACES))
    place = (await place_store.list_places(db))[0]
    await run(db, "withdraw", str(place.id))
    assert len(await place_store.list_places(db)) == 2
    await run(db, "import", str(EXAMPLE_PLACES))
    assert len(await place_store.list_places(db)) == 3


async def test_appointments_clash_and_withdrawal_warns_about_them(db, caplog):
    caplog.set_level(logging.INFO)
    await run(db, "import", str(EXAMPLE_PLACES))
    place = (await place_store.list_places(db))[0]
    start = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    async with db.transaction() as conn:
        first = await place_store.create_appointment(
            conn, place_id=place.id, starts_at=start, ends_at=start + timedelta(hours=1), now=NOW
        )
    async with db.transaction() as conn:
        with pytest.raises(SlotTaken) as caught:
            await place_store.create_appointment(
                conn, place_id=place.id, starts_at=start + timedelta(minutes=30),
                ends_at=start + timedelta(minutes=90), now=NOW,
            )  # fmt: skip
        assert caught.value.clash_id == first
        after = await place_store.create_appointment(  # touching the end is no clash
            conn, place_id=place.id, starts_at=start + timedelta(hours=1),
            ends_at=start + timedelta(hours=2), now=NOW,
        )  # fmt: skip
        await place_store.set_appointment_status(conn, after, "cancelled", NOW)
        await place_store.mark_reminded(conn, first, "day_before", NOW)
    stored = await place_store.get_appointment(db, first)
    assert stored.status == "proposed" and stored.reminded_day_before_at == NOW
    code, out = await run(db, "withdraw", str(place.id))
    assert code == 0
    assert f"1 planned meetings there need another place: {first}" in out
    async with db.transaction() as conn:
        with pytest.raises(LookupError):
            await place_store.create_appointment(
                conn, place_id=place.id, starts_at=start + timedelta(days=7),
                ends_at=start + timedelta(days=7, hours=1), now=NOW,
            )  # fmt: skip


def test_find_clash_ignores_declined_and_cancelled_meetings():
    start = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)

    def meeting(status):
        return place_store.Appointment(
            1, 1, None, None, start, start + timedelta(hours=1), status, None, None
        )

    assert find_clash([meeting("confirmed")], start, start + timedelta(minutes=15))
    later = start + timedelta(minutes=15)
    assert find_clash([meeting("declined"), meeting("cancelled")], start, later) is None
