"""Recurring jobs: hand-over at shift start, the retention purge, the weekly summary."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.escalation import housekeeping
from storage import followups as store
from storage import rota as rota_store
from storage.clock import to_db, utcnow
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty
from tests.test_followups import claimed_case, said

COORD = 9003


def shift_begun(bot, worker, ago: timedelta, hours: int = 8) -> rota_store.Shift:
    """A one-off shift of `worker` that began `ago` (local wall-clock time, whatever the day)."""
    tz = bot.relais.settings.timezone
    start = (utcnow() - ago).astimezone(tz).replace(second=0, microsecond=0)
    end = start + timedelta(hours=hours)
    return rota_store.Shift(worker.id, start.time(), end.time(), on_date=start.date())


async def test_handover_at_shift_start_once_with_cases_requests_and_check_ins(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, org="Sésame")
    now = utcnow()
    shifts = [
        shift_begun(bot, jade, timedelta(hours=5), 12),
        shift_begun(bot, karim, timedelta(minutes=30)),
    ]
    await rota_store.replace_all(bot.db, shifts, "cli", now)
    alias = await claimed_case(bot)
    await bot.sms("Besoin d'aide aussi", from_="+15145550201")  # waits, unclaimed
    await said(bot, JADE, "Nouvelle demande #A2")
    async with bot.db.transaction() as conn:
        await store.add(conn, 1, now + timedelta(hours=2), now, request_id=1, worker_id=jade.id)
        await store.add(conn, 1, now + timedelta(days=9), now, request_id=1, worker_id=jade.id)

    assert await housekeeping.handover(bot.relais, now) == 1  # Jade's shift began 5 h ago
    (summary,) = await said(bot, KARIM, "Bonne garde, Karim!")
    text = summary["text"]
    assert "1 dossier ouvert dans le réseau." in text
    assert "1 demande en attente: #A2." in text
    assert f"1 suivi prévu pendant votre garde:\n{alias}: " in text and "(Jade Tremblay)" in text
    assert await housekeeping.handover(bot.relais, now + timedelta(minutes=1)) == 0


async def test_no_handover_for_a_shift_begun_long_ago(bot):
    karim = await add_worker(bot.db, "Karim Haddad", KARIM)
    await always_on_duty(bot.db, karim)
    tz = bot.relais.settings.timezone
    midday = datetime.combine(utcnow().astimezone(tz).date(), time(12), tzinfo=tz)
    assert await housekeeping.handover(bot.relais, midday.astimezone(UTC)) == 0


async def test_purge_deletes_words_of_old_closed_cases_and_keeps_counts(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison")
    await always_on_duty(bot.db, jade)
    await claimed_case(bot)
    bot.tg.push_text(JADE, "/note Vit seule au 3e")
    await said(bot, JADE, "Note ajoutée")
    await claimed_case(bot, "+15145550202")  # a recent case, still open
    old = to_db(utcnow() - timedelta(days=400))
    await bot.db.execute(
        "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1", (old,)
    )
    counts = await housekeeping.purge(bot.db, utcnow(), 365)
    assert counts["notes"] == 1 and counts["inbound"] >= 1 and counts["first_words"] == 1
    assert await bot.rows("SELECT * FROM notes") == []
    # The messages of the old case are gone, rows and addresses included (issue 10, item 8).
    assert await bot.rows("SELECT * FROM inbound WHERE request_id = 1") == []
    assert await bot.rows("SELECT * FROM outbox WHERE request_id = 1") == []
    assert (await bot.rows("SELECT count(*) FROM requests"))[0][0] == 2  # counts stay
    recent = await bot.rows("SELECT first_words FROM requests WHERE id = 2")
    assert recent[0]["first_words"].startswith("J'ai besoin")
    assert any(r["body"] for r in await bot.rows("SELECT body FROM inbound WHERE request_id = 2"))
    again = await housekeeping.purge(bot.db, utcnow(), 365)
    assert not any(again.values())


async def test_weekly_summary_goes_to_coordinators_once(bot):
    await add_worker(bot.db, "Lise Coord", COORD, role="coordinator")
    jade = await add_worker(bot.db, "Jade Tremblay", JADE)
    await always_on_duty(bot.db, jade)
    await claimed_case(bot)
    tz = bot.relais.settings.timezone
    today = utcnow().astimezone(tz).date()
    next_monday = today + timedelta(days=7 - today.weekday())
    monday = datetime.combine(next_monday, time(8), tzinfo=tz).astimezone(UTC)
    assert await housekeeping.weekly_summary(bot.relais, monday) == 1
    (summary,) = await said(bot, COORD, "Bilan de la semaine")
    assert "Demandes reçues: 1 (dont 0 urgentes)" in summary["text"]
    assert await housekeeping.weekly_summary(bot.relais, monday + timedelta(hours=1)) == 0
    assert not [t for t in bot.tg.texts(JADE) if "Bilan" in t]


async def test_the_recurring_jobs_are_registered(bot):
    for job in ("housekeeping:handover", "housekeeping:purge", "housekeeping:weekly"):
        assert bot.relais.clock_work.has(job)
    assert bot.relais.clock_work.has("followups:sweep")
