"""Repeating calendar events keep repeating: the running bot re-expands imported calendars
(on the service layer: the real bot on a fake clock, no HTTP)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.rota.calendars import extend_calendars
from bot.rota.rota import shifts_between
from storage import rota as rota_store
from storage.db import Database
from tests import service as svc
from tests.test_cli_workers_rota import MTL, Env, relais, staff
from tests.test_rota_import_modes import WEEKEND

JUNE_15 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
AUGUST_3 = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)  # 7 weeks later: the import read 2


async def test_the_bot_extends_a_weekly_calendar_event_past_the_import_horizon(tmp_path):
    path = str(tmp_path / "relais.db")
    async with Database(path) as db:
        env = Env(db, moment=JUNE_15)
        await staff(env)
        ics = tmp_path / "weekend.ics"
        ics.write_bytes(WEEKEND)  # Carl Roy, Saturdays 10:00–16:00, no end
        assert await relais(env, "rota", "import", str(ics), "--weeks", "2") == 0
        assert "Carl Roy: 1 quart ponctuel le 2026-06-27" in env.take()  # June 15–28 only
    # The bot starts seven weeks later, on the virtual clock (hourly sweeps: days pass).
    async with svc.running(AUGUST_3, database=path, min_interval=timedelta(hours=1)) as service:
        # The extension is a job run once the scheduler runs (at start).
        shifts = await rota_store.list_shifts(service.db)
        saturdays = {
            s.day for s in shifts_between(shifts, date(2026, 8, 1), date(2026, 9, 27), MTL)
        }
        # From the start day on, the calendar's 2 weeks are there again: 8 and 15 August.
        assert saturdays == {date(2026, 8, 8), date(2026, 8, 15)}
        assert service.clock_work.has("rota:calendars")
        # Each night at 3:40 the next week comes into range: by Sunday the 9th, the 22nd.
        await service.run_until(datetime(2026, 8, 9, 12, 0, tzinfo=UTC))
        shifts = await rota_store.list_shifts(service.db)
        saturdays = {
            s.day for s in shifts_between(shifts, date(2026, 8, 1), date(2026, 9, 27), MTL)
        }
        assert saturdays == {date(2026, 8, 8), date(2026, 8, 15), date(2026, 8, 22)}


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
