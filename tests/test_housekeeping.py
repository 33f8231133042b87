"""Recurring jobs: hand-over at shift start, the retention purge, the weekly summary.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.escalation import housekeeping
from bot.sim.harness import Service
from storage import followups as store
from storage import rota as rota_store
from storage.clock import to_db
from storage.workers import Worker
from tests import service as svc
from tests.test_e2e_worker import JADE, KARIM
from tests.test_followups import taken

COORD = 9003


def shift_begun(service: Service, worker: Worker, ago: timedelta, hours: int = 8):
    """A one-off shift of `worker` that began `ago` (local wall-clock time)."""
    tz = service.settings.timezone
    start = (service.now() - ago).astimezone(tz).replace(second=0, microsecond=0)
    end = start + timedelta(hours=hours)
    return rota_store.Shift(worker.id, start.time(), end.time(), on_date=start.date())


async def test_handover_at_shift_start_once_with_cases_requests_and_check_ins():
    async with svc.running() as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison")
        karim = await svc.add_worker(service, "Karim Haddad", KARIM, org="Sésame")
        now = service.now()
        shifts = [
            shift_begun(service, jade, timedelta(hours=5), 12),
            shift_begun(service, karim, timedelta(minutes=30)),
        ]
        await service.set_rota(shifts)
        alias = await taken(service, jade)
        await service.citizen_sms("+15145550201", "Besoin d'aide aussi")  # waits, unclaimed
        assert service.said(jade, "Nouvelle demande #A2")
        async with service.db.transaction() as conn:
            await store.add(conn, 1, now + timedelta(hours=2), now, request_id=1, worker_id=jade.id)
            await store.add(conn, 1, now + timedelta(days=9), now, request_id=1, worker_id=jade.id)

        assert await housekeeping.handover(service.relais, now) == 1  # Jade's began 5 h ago
        await service.drain()
        [summary] = service.said(karim, "Bonne garde, Karim!")
        text = summary.body
        assert "1 dossier ouvert dans le réseau." in text
        assert "1 demande en attente: #A2." in text
        assert (
            f"1 suivi prévu pendant votre garde:\n{alias}: " in text and "(Jade Tremblay)" in text
        )
        assert await housekeeping.handover(service.relais, now + timedelta(minutes=1)) == 0
        await service.advance(timedelta(minutes=2))  # the job itself rings: nothing again
        assert len(service.said(karim, "Bonne garde")) == 1
        assert not service.said(jade, "Bonne garde")


async def test_no_handover_for_a_shift_begun_long_ago():
    async with svc.running() as service:
        karim = await svc.add_worker(service, "Karim Haddad", KARIM)
        await svc.always_on_duty(service, karim)
        tz = service.settings.timezone
        midday = datetime.combine(service.now().astimezone(tz).date(), time(12), tzinfo=tz)
        assert await housekeeping.handover(service.relais, midday.astimezone(UTC)) == 0
        await service.advance(timedelta(minutes=2))  # nor from the job
        assert not service.said(karim, "Bonne garde")


async def test_purge_deletes_words_of_old_closed_cases_and_keeps_counts():
    async with svc.running() as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison")
        await svc.always_on_duty(service, jade)
        await taken(service, jade)
        await service.worker_text(jade, "/note Vit seule au 3e")
        assert service.said(jade, "Note ajoutée")
        await taken(service, jade, "+15145550202")  # a recent case, still open
        old = to_db(service.now() - timedelta(days=400))
        await service.db.execute(
            "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1", (old,)
        )
        counts = await housekeeping.purge(service.db, service.now(), 365)
        assert counts["notes"] == 1 and counts["inbound"] >= 1 and counts["first_words"] == 1
        assert await service.rows("SELECT * FROM notes") == []
        # The messages of the old case are gone, rows and addresses included (issue 10, item 8).
        assert await service.rows("SELECT * FROM inbound WHERE request_id = 1") == []
        assert await service.rows("SELECT * FROM outbox WHERE request_id = 1") == []
        assert (await service.rows("SELECT count(*) FROM requests"))[0][0] == 2  # counts stay
        recent = await service.rows("SELECT first_words FROM requests WHERE id = 2")
        assert recent[0]["first_words"].startswith("J'ai besoin")
        bodies = await service.rows("SELECT body FROM inbound WHERE request_id = 2")
        assert any(r["body"] for r in bodies)
        again = await housekeeping.purge(service.db, service.now(), 365)
        assert not any(again.values())


async def test_weekly_summary_goes_to_coordinators_once():
    # Six days of virtual time: the sweeps ring hourly; the weekly job is a cron at its minute.
    async with svc.running(min_interval=timedelta(hours=1)) as service:
        coord = await svc.add_worker(service, "Lise Coord", COORD, role="coordinator")
        jade = await svc.add_worker(service, "Jade Tremblay", JADE)
        await svc.always_on_duty(service, jade)
        await taken(service, jade)
        tz = service.settings.timezone
        today = service.now().astimezone(tz).date()
        next_monday = today + timedelta(days=7 - today.weekday())
        monday = datetime.combine(next_monday, time(8), tzinfo=tz).astimezone(UTC)
        assert await housekeeping.weekly_summary(service.relais, monday) == 1
        await service.drain()
        [summary] = service.said(coord, "Bilan de la semaine")
        assert "Demandes reçues: 1 (dont 0 urgentes)" in summary.body
        assert await housekeeping.weekly_summary(service.relais, monday + timedelta(hours=1)) == 0
        await service.run_until(monday + timedelta(hours=1))  # the job rings Monday at 8:00
        assert len(service.said(coord, "Bilan de la semaine")) == 1
        assert not service.said(jade, "Bilan")


async def test_the_weekly_job_sends_the_summary_on_monday_morning():
    async with svc.running(min_interval=timedelta(hours=1)) as service:
        coord = await svc.add_worker(service, "Lise Coord", COORD, role="coordinator")
        tz = service.settings.timezone
        await service.run_until(datetime(2026, 12, 7, 7, 59, tzinfo=tz))  # Monday 7:59
        assert not service.said(coord, "Bilan de la semaine")
        await service.run_until(datetime(2026, 12, 7, 8, 1, tzinfo=tz))
        [summary] = service.said(coord, "Bilan de la semaine")
        assert summary.at == datetime(2026, 12, 7, 8, 0, tzinfo=tz)


async def test_the_recurring_jobs_are_registered():
    async with svc.running() as service:
        for job in ("housekeeping:handover", "housekeeping:purge", "housekeeping:weekly"):
            assert service.clock_work.has(job)
        assert service.clock_work.has("followups:sweep")
