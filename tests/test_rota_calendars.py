"""Repeating calendar events keep repeating: the running bot re-expands imported calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.rota.calendars import extend_calendars
from bot.rota.rota import shifts_between
from storage import rota as rota_store
from storage.db import Database
from tests.test_cli_workers_rota import MTL, Env, relais, staff
from tests.test_rota_import_modes import WEEKEND

JUNE_15 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
AUGUST_3 = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)  # 7 weeks later: the import read 2


async def test_the_bot_extends_a_weekly_calendar_event_past_the_import_horizon(make_bot, tmp_path):
    path = str(tmp_path / "relais.db")
    async with Database(path) as db:
        env = Env(db, moment=JUNE_15)
        await staff(env)
        ics = tmp_path / "weekend.ics"
        ics.write_bytes(WEEKEND)  # Carl Roy, Saturdays 10:00–16:00, no end
        assert await relais(env, "rota", "import", str(ics), "--weeks", "2") == 0
        assert "Carl Roy: 1 quart ponctuel le 2026-06-27" in env.take()  # June 15–28 only
    bot = await make_bot(clock=lambda: AUGUST_3, RELAIS_DATABASE=path)
    # The extension is a job run once the scheduler runs: wait for its rows, not for a time.
    await bot.rows_until("SELECT 1 FROM shifts WHERE on_date = '2026-08-15'")
    shifts = await rota_store.list_shifts(bot.db)
    saturdays = {s.day for s in shifts_between(shifts, date(2026, 8, 1), date(2026, 9, 27), MTL)}
    # From the start day on, the calendar's 2 weeks are there again: 8 and 15 August.
    assert {date(2026, 8, 8), date(2026, 8, 15)} <= saturdays
    assert bot.relais.clock_work.has("rota:calendars")


async def test_a_series_that_ends_is_announced_and_stops(tmp_path):
    async with Database(str(tmp_path / "relais.db")) as db:
        env = Env(db, moment=JUNE_15)
        await staff(env)
        ics = tmp_path / "ete.ics"
        ics.write_bytes(WEEKEND.replace(b"FREQ=WEEKLY", b"FREQ=WEEKLY;UNTIL=20260711T235959Z"))
        assert await relais(env, "rota", "import", str(ics), "--add") == 0
        output = env.take()
        assert "la série « Carl Roy » se termine le 2026-07-11" in output
        assert "le bot prolonge l'horaire chaque jour, 8 semaines à l'avance" in output
        assert await extend_calendars(db, MTL, AUGUST_3) == 0
