"""The service layer: the engine and features over a memory database, memory channels and a
fake clock, no HTTP. Each test runs in milliseconds. The tests taking `database` run on both
engines: SQLite in memory and PostgreSQL (tests/pg.py's throwaway server)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.core.clock import FakeClock, SystemClock
from bot.rota.rota import Shift
from bot.sim.harness import Service
from flows import crisis_semantic

# Tuesday 1 December 2026, 15:00 in Montréal (20:00 UTC): inside a 9:00–17:00 shift.
AFTERNOON = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
NUMBER = "+15145550111"
JADE_TG = 7001


async def _with_jade(service: Service):
    jade = await service.add_worker("Jade Tremblay", JADE_TG, organization="CLSC")
    await service.set_rota([Shift(jade.id, time(9), time(17), weekday=d) for d in range(5)])
    return jade


async def _cards(service: Service, worker) -> list:
    return [s for s in service.worker_transcript(worker) if any("claim" in c for c in s.choices)]


async def test_a_greeting_gets_the_welcome(database: str) -> None:
    async with Service(AFTERNOON, database=database) as service:
        await service.citizen_sms(NUMBER, "Bonjour")
        [welcome] = service.transcript(f"sms:{NUMBER}")
        assert "Relais" in welcome.body and "STOP" in welcome.body


async def test_a_request_reaches_the_worker_on_duty_who_claims_and_answers(database: str) -> None:
    async with Service(AFTERNOON, database=database) as service:
        jade = await _with_jade(service)
        await service.citizen_sms(NUMBER, "J'ai besoin d'aide pour mon loyer")
        [card] = await _cards(service, jade)
        request_id = int(card.choices[0].rsplit(":", 1)[1])
        await service.advance(timedelta(minutes=3))
        await service.worker_claim(jade, request_id)
        await service.worker_text(jade, "Bonjour, je vous appelle demain.")
        received = [s.body for s in service.transcript(f"sms:{NUMBER}")]
        assert any("Jade" in body and "pris" in body for body in received)
        assert "Bonjour, je vous appelle demain." in received[-1]
        row = await service.db.fetchone(
            "SELECT created_at, first_reply_at FROM requests WHERE id = ?", (request_id,)
        )
        waited = datetime.fromisoformat(row["first_reply_at"]) - datetime.fromisoformat(
            row["created_at"]
        )
        assert waited == timedelta(minutes=3)


async def test_an_unclaimed_request_escalates_on_the_virtual_clock(database: str) -> None:
    async with Service(AFTERNOON, database=database) as service:
        jade = await _with_jade(service)
        coordinator = await service.add_worker("Lou", 7002, role="coordinator")
        await service.citizen_telegram(42, "I need help with groceries", language_code="en")
        assert await _cards(service, jade)
        assert not service.worker_transcript(coordinator)
        await service.advance(timedelta(minutes=service.settings.escalate_after_minutes + 1))
        assert await _cards(service, coordinator)


async def test_a_citizen_message_is_relayed_to_the_worker_who_has_the_case(database: str) -> None:
    async with Service(AFTERNOON, database=database) as service:
        jade = await _with_jade(service)
        await service.citizen_sms(NUMBER, "Je cherche une banque alimentaire")
        [card] = await _cards(service, jade)
        await service.worker_claim(jade, int(card.choices[0].rsplit(":", 1)[1]))
        await service.citizen_sms(NUMBER, "Je suis libre demain matin")
        assert "Je suis libre demain matin" in service.worker_transcript(jade)[-1].body


async def test_out_of_hours_the_request_waits_for_the_next_shift(database: str) -> None:
    evening = AFTERNOON + timedelta(hours=5)  # 20:00 in Montréal
    # The 30-second sweeps run every 5 virtual minutes; the shift start is an exact alarm.
    async with Service(evening, database=database, min_interval=timedelta(minutes=5)) as service:
        jade = await _with_jade(service)
        await service.citizen_sms(NUMBER, "J'ai besoin d'aide pour mon loyer")
        assert not await _cards(service, jade)
        await service.advance(timedelta(hours=12, minutes=59))  # Wednesday 8:59
        assert not await _cards(service, jade)
        await service.advance(timedelta(minutes=1))  # 9:00, the shift starts
        [card] = await _cards(service, jade)
        assert card.at == datetime(2026, 12, 2, 14, 0, tzinfo=UTC)


def test_the_fake_clock_moves_only_forward_and_only_when_told() -> None:
    clock = FakeClock(AFTERNOON)
    assert clock() == clock.now() == AFTERNOON
    clock.set(AFTERNOON - timedelta(hours=1))
    assert clock() == AFTERNOON
    assert clock.advance(timedelta(minutes=5)) == AFTERNOON + timedelta(minutes=5)
    with pytest.raises(ValueError):
        clock.advance(timedelta(seconds=-1))
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 12, 1))
    assert SystemClock()().tzinfo is not None


async def test_virtual_alarms_ring_in_time_order_on_the_fake_clock() -> None:
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    from bot.core.scheduler import VirtualClockwork

    tz = ZoneInfo("America/Montreal")
    clock = FakeClock(AFTERNOON)
    work = VirtualClockwork(tz, clock)
    rang: list[tuple[str, datetime]] = []

    async def ring(name: str) -> None:
        rang.append((name, clock()))

    work.every("tick", IntervalTrigger(minutes=20), ring, "tick")
    work.every("daily", CronTrigger(hour=16, minute=0, timezone=tz), ring, "daily")
    work.at("once", AFTERNOON + timedelta(minutes=30), ring, "once")
    work.at("cancelled", AFTERNOON + timedelta(minutes=10), ring, "cancelled")
    work.cancel("cancelled")
    assert await work.run_until(AFTERNOON + timedelta(hours=1, minutes=5)) == 5
    minutes = [(name, int((at - AFTERNOON).total_seconds() // 60)) for name, at in rang]
    # same moment: in the order they were added
    assert minutes == [("tick", 20), ("once", 30), ("tick", 40), ("tick", 60), ("daily", 60)]
    assert clock() == AFTERNOON + timedelta(hours=1, minutes=5)
    assert not work.has("once") and work.has("daily")


async def test_a_recurring_alarm_can_ring_less_often_in_virtual_time() -> None:
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.interval import IntervalTrigger

    from bot.core.scheduler import VirtualClockwork

    clock = FakeClock(AFTERNOON)
    slow = {"sweep": timedelta(minutes=15)}
    work = VirtualClockwork(ZoneInfo("UTC"), clock, timedelta(minutes=5), slow)
    rang: list[str] = []

    async def ring(name: str) -> None:
        rang.append(name)

    work.every("sweep", IntervalTrigger(seconds=30), ring, "sweep")
    work.every("tick", IntervalTrigger(seconds=30), ring, "tick")
    await work.run_until(AFTERNOON + timedelta(minutes=30))
    assert rang.count("sweep") == 2 and rang.count("tick") == 6


async def test_an_edit_replaces_the_text_of_the_message_it_names(database: str) -> None:
    async with Service(AFTERNOON, database=database) as service:
        jade = await _with_jade(service)
        sam = await service.add_worker("Sam Côté", 7003)
        await service.set_rota([Shift(w.id, time(9), time(17), weekday=1) for w in (jade, sam)])
        await service.citizen_sms(NUMBER, "J'ai besoin d'aide pour mon loyer")
        [card] = await _cards(service, sam)
        await service.worker_claim(jade, int(card.choices[0].rsplit(":", 1)[1]))
        [edited] = service.worker_transcript(sam)
        assert edited.edits and edited.body != edited.edits[0] and not edited.choices


def test_an_sms_is_stamped_by_the_clock_it_is_given_not_the_wall() -> None:
    from starlette.datastructures import FormData

    from handlers.http import sms_inbound

    form = FormData([("MessageSid", "SM1"), ("From", NUMBER), ("Body", "Bonjour")])
    assert sms_inbound(form, AFTERNOON).received_at == AFTERNOON


def test_a_telegram_update_is_stamped_by_the_clock_it_is_given_not_the_wall() -> None:
    from telegram import Update

    from handlers.telegram import decode

    data = {
        "update_id": 7,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 42, "type": "private"},
            "from": {"id": 42, "is_bot": False, "first_name": "A"},
            "text": "Bonjour",
        },
    }
    assert decode(Update.de_json(data, None), AFTERNOON).received_at == AFTERNOON


class _ThreadRecordingEncoder:
    """A sentence model stand-in (the model is the library's edge): records the thread of
    each call and gives the same vector for everything."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def encode(self, texts: str | list[str]) -> list[float] | list[list[float]]:
        self.threads.append(threading.current_thread().name)
        if isinstance(texts, list):  # a batch: one vector per text, as the library does
            return [[0.0] * 512 for _ in texts]
        return [0.0] * 512


async def test_the_crisis_sentence_model_reads_outside_the_event_loop(monkeypatch) -> None:
    """Its ~5 ms of numpy ran on the event loop inside the write lock: every other message
    waited (web chat p99). Now the engine has it read ahead in its own thread, once."""
    encoder = _ThreadRecordingEncoder()
    reader = crisis_semantic.SemanticReader(lambda: encoder)
    assert reader.load() is crisis_semantic.State.READY
    encoder.threads.clear()  # the warm-up call of load()
    monkeypatch.setattr(crisis_semantic, "READER", reader)
    async with Service(AFTERNOON) as service:
        await service.citizen_sms(NUMBER, "J'ai besoin d'aide pour mon loyer")
        assert service.transcript(f"sms:{NUMBER}")
    assert len(encoder.threads) == 1
    assert encoder.threads[0].startswith("crisis-read")


async def test_the_escalation_sweep_takes_the_write_lock_one_request_at_a_time() -> None:
    """A sweep over the whole queue was one transaction: the night's queue held the write
    lock for 90 ms under the web benchmark and every citizen's message waited behind it. Now
    each request the sweep acts on is its own short transaction (seen in SQLite's trace)."""
    async with Service(AFTERNOON) as service:
        jade = await _with_jade(service)
        coordinator = await service.add_worker("Lou", 7002, role="coordinator")
        for n in range(4):
            await service.citizen_sms(f"+1514555020{n}", "J'ai besoin d'aide pour mon loyer")
        statements: list[str] = []
        conn = service.db.conn
        await conn._execute(conn._conn.set_trace_callback, statements.append)  # sqlite3's own
        await service.advance(timedelta(minutes=service.settings.escalate_after_minutes + 1))
        await conn._execute(conn._conn.set_trace_callback, None)
        assert len(await _cards(service, coordinator)) == 4
        escalations_per_transaction, current = [], 0
        for sql in statements:
            if sql.startswith("BEGIN"):
                current = 0
            elif sql.startswith("UPDATE requests SET") and "escalations = escalations + 1" in sql:
                current += 1
            elif sql.startswith("COMMIT"):
                escalations_per_transaction.append(current)
        assert sum(escalations_per_transaction) == 4
        assert max(escalations_per_transaction) == 1
        assert jade  # on duty: the first round also went to her


async def test_a_unit_of_work_is_one_hop_to_the_database_thread() -> None:
    """Every statement went to aiosqlite's thread and back (about 25 hops for one message);
    now a transaction's statements run in the event loop's thread and only COMMIT (which may
    flush to disk) goes to the database thread. Seen in SQLite's trace, per thread."""
    async with Service(AFTERNOON) as service:
        await _with_jade(service)
        seen: list[tuple[str, str]] = []

        def trace(sql: str) -> None:
            seen.append((threading.current_thread().name, sql.split()[0]))

        conn = service.db.conn
        await conn._execute(conn._conn.set_trace_callback, trace)  # sqlite3's own
        await service.citizen_sms(NUMBER, "J'ai besoin d'aide pour mon loyer")
        await conn._execute(conn._conn.set_trace_callback, None)
    here = threading.current_thread().name
    away = [verb for thread, verb in seen if thread != here]
    assert len(seen) > 20  # the message, its request, its card, the replies and their sending
    assert away and set(away) == {"COMMIT"}, away
