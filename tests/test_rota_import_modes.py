"""`relais rota import`: replace or add, the hours an import would leave without anyone, names."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.rota.rota import Shift, on_duty
from storage import rota as rota_store
from storage import workers as worker_store
from storage.db import open_database
from tests.test_cli_workers_rota import MTL, Env, relais, staff

WEEKDAYS = "worker,day,start,end\nBob Gagnon,tue,13:00,17:00\nCarl Roy,mon,09:00,17:00\n"
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


@pytest.fixture
async def env(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as db:
        yield Env(db)


async def weekday_rota(env, tmp_path) -> None:
    await staff(env)
    csv = tmp_path / "semaine.csv"
    csv.write_text(WEEKDAYS)
    assert await relais(env, "rota", "import", str(csv)) == 0
    env.take()


async def test_replacing_by_a_weekend_calendar_is_refused_naming_the_lost_hours(env, tmp_path):
    await weekday_rota(env, tmp_path)
    ics = tmp_path / "fin-de-semaine.ics"
    ics.write_bytes(WEEKEND)
    assert await relais(env, "rota", "import", str(ics)) == 2
    output = env.take()
    assert "Remplacer l'horaire retirerait 2 quart(s)." in output
    # Now is Tuesday 23 June 14:00: Bob's afternoon from now, the next Tuesdays, Carl's Mondays.
    assert "  mardi 23 juin 2026 14:00–17:00\n" in output
    assert "  lundi 29 juin 2026 09:00–17:00\n" in output
    assert "  mardi 30 juin 2026 13:00–17:00\n" in output
    assert "relancez avec --yes" in output
    assert await rota_store.count(env.db) == 2  # nothing changed
    assert await relais(env, "rota", "import", str(ics), "--yes") == 0
    output = env.take()
    assert "fin-de-semaine.ics : 2 quart(s) retiré(s), " in output
    assert "Ces heures n'ont plus personne de joignable" in output


async def test_adding_a_weekend_calendar_keeps_the_weekdays(env, tmp_path):
    await weekday_rota(env, tmp_path)
    ics = tmp_path / "fin-de-semaine.ics"
    ics.write_bytes(WEEKEND)
    assert await relais(env, "rota", "import", str(ics), "--add") == 0
    assert "rien n'est retiré" in env.take()
    shifts = await rota_store.list_shifts(env.db)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    tuesday_afternoon = datetime(2026, 6, 30, 19, 0, tzinfo=UTC)  # 15:00 in Montréal
    assert on_duty(shifts, tuesday_afternoon, MTL) == [bob.id]


async def test_an_evening_one_off_added_keeps_the_workers_day_shift(env, tmp_path):
    await weekday_rota(env, tmp_path)
    extra = tmp_path / "soir.csv"
    extra.write_text("worker,day,start,end\nBob Gagnon,2026-06-30,18:00,22:00\n")
    assert await relais(env, "rota", "import", str(extra), "--add") == 0
    shifts = await rota_store.list_shifts(env.db)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    assert on_duty(shifts, datetime(2026, 6, 30, 19, 0, tzinfo=UTC), MTL) == [bob.id]  # 15:00
    assert on_duty(shifts, datetime(2026, 7, 1, 0, 0, tzinfo=UTC), MTL) == [bob.id]  # 20:00


async def test_a_one_off_that_shortens_a_shift_needs_yes(env, tmp_path):
    await weekday_rota(env, tmp_path)
    extra = tmp_path / "court.csv"
    extra.write_text("worker,day,start,end\nBob Gagnon,2026-06-30,13:00,15:00\n")
    assert await relais(env, "rota", "import", str(extra), "--add") == 2
    assert "  mardi 30 juin 2026 15:00–17:00\n" in env.take()
    assert await relais(env, "rota", "import", str(extra), "--add", "--yes") == 0


async def test_deactivated_and_unknown_workers_are_told_apart(env, tmp_path):
    await staff(env)
    await relais(env, "workers", "deactivate", "Carl Roy")
    env.take()
    rota = tmp_path / "rota.csv"
    rota.write_text("worker,day,start,end\nCarl Roy,mon,09:00,17:00\n")
    assert await relais(env, "rota", "import", str(rota)) == 2
    assert "« Carl Roy » est désactivé·e : réactivez avec : relais workers reactivate" in (
        env.take()
    )
    rota.write_text("worker,day,start,end\nBob Gagon,mon,09:00,17:00\n")
    assert await relais(env, "rota", "import", str(rota)) == 2
    assert "intervenant inconnu « Bob Gagon » (vouliez-vous dire « Bob Gagnon »?)" in env.take()
    env.locale = "en"
    assert await relais(env, "rota", "import", str(rota)) == 2
    assert "unknown worker 'Bob Gagon' (did you mean 'Bob Gagnon'?)" in env.take()
    ics = tmp_path / "carl.ics"
    ics.write_bytes(WEEKEND)
    assert await relais(env, "rota", "import", str(ics)) == 2
    assert "'Carl Roy' is deactivated" in env.take()  # named in the event's title


async def test_a_full_replacement_that_loses_nothing_needs_no_yes(env, tmp_path):
    await weekday_rota(env, tmp_path)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    more = tmp_path / "plus.csv"
    more.write_text(WEEKDAYS + "Bob Gagnon,wed,09:00,12:00\n")
    assert await relais(env, "rota", "import", str(more)) == 0
    assert "plus.csv : 0 quart(s) retiré(s), 1 ajouté(s)." in env.take()
    assert Shift(bob.id, time(9), time(12), weekday=2) in await rota_store.list_shifts(env.db)


def test_import_help_documents_both_modes_and_yes(monkeypatch):
    from tests.test_cli_workers_rota import parser

    def import_help() -> str:
        rota = parser()._subparsers._group_actions[0].choices["rota"]
        text = rota._subparsers._group_actions[0].choices["import"].format_help()
        return " ".join(text.split())

    monkeypatch.setenv("RELAIS_LOCALE", "en")
    text = import_help()
    assert "replace (default)" in text and "--add" in text and "removes nothing" in text
    assert "--yes" in text and "only where their hours overlap" in text
    monkeypatch.setenv("RELAIS_LOCALE", "fr")
    text = import_help()
    assert "remplacer (défaut)" in text and "sans rien retirer" in text and "--yes" in text
