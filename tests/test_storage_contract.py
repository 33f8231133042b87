"""One contract for both engines: each storage module's functions, run on SQLite and on
PostgreSQL (tests/pg.py's throwaway server), must give the same answers.

What the other files already run on both engines (places, resource search, the request
lifecycle, rota imports, reports' charts, the service layer) is not repeated here.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.rota.calendars import extend_calendars
from flows.types import Inbound, Kind
from storage import (
    audit,
    case_views,
    citizens,
    dashboard,
    inbound,
    kiosks,
    notes,
    outbox,
    rota,
    web_moves,
    workers,
)
from storage import followups as checkins
from storage import requests as request_store
from storage.base import Unreachable
from storage.db import Busy, open_database
from storage.pg import PgDatabase
from storage.pg_connection import numbered
from tests.pg import integrity_errors
from tests.test_cli_workers_rota import MTL
from tests.test_rota_import_modes import WEEKEND

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
JUNE_15 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
AUGUST_3 = datetime(2026, 8, 3, 12, 0, tzinfo=UTC)
BIG_TELEGRAM_ID = 7_123_456_789  # past 2^31: Telegram's ids are 64-bit
MIGRATIONS = Path(__file__).parent.parent / "storage" / "migrations"


@pytest.fixture
async def db(database: str):
    async with open_database(database) as opened:
        yield opened


async def a_case(conn, address: str = "sms:+15145550111") -> tuple[int, request_store.Request]:
    citizen_id, _ = await citizens.get_or_create(conn, address, "fr", NOW)
    request = await request_store.open_request(
        conn, citizen_id, "sms", "fr", "Bonjour", False, False, NOW
    )
    return citizen_id, request


def sms(provider_id: str, body: str = "Bonjour", at: datetime = NOW) -> Inbound:
    return Inbound(
        provider_id=provider_id,
        address="sms:+15145550111",
        kind=Kind.TEXT,
        text=body,
        received_at=at,
    )


async def test_a_citizen_is_created_once_and_counted_as_one_arrival(db) -> None:
    async with db.transaction() as conn:
        first, _ = await citizens.get_or_create(conn, "sms:+15145550111", "fr", NOW)
        again, state = await citizens.get_or_create(conn, "sms:+15145550111", "en", NOW)
        await citizens.set_opted_out(conn, "sms:+15145550111", NOW)
        row = await citizens.by_id(conn, first)
    assert first == again and state.language == "fr"
    assert row["address"] == "sms:+15145550111" and row["opted_out_at"] is not None
    assert [tuple(r) for r in await db.fetchall("SELECT citizen_id FROM arrivals")] == [(first,)]


async def test_an_inbound_message_is_stored_once_and_processed_once(db) -> None:
    async with db.transaction() as conn:
        [first, repeat] = [await inbound.record(conn, sms("sms:SM1")) for _ in range(2)]
        taken = [await inbound.start_processing(conn, first) for _ in range(2)]
    assert isinstance(first, int) and repeat is None
    assert taken == [True, False]
    row = await db.fetchone("SELECT status, payload FROM inbound WHERE id = ?", (first,))
    assert (row["status"], row["payload"]) == ("processed", None)


async def test_the_outbox_hands_out_due_messages_once_and_counts_what_it_changed(db) -> None:
    async with db.transaction() as conn:
        ids = [
            await outbox.enqueue(conn, "sms:+15145550111", f"réponse {n}", NOW) for n in range(3)
        ]
        await outbox.enqueue(conn, "telegram:42", "à une autre adresse", NOW)
        due = await outbox.due(conn, NOW + timedelta(seconds=1))
        claimed = await outbox.claim(conn, ids[0], 0)  # the attempts it was read with
        twice = await outbox.claim(conn, ids[0], 0)
        cancelled = await outbox.cancel_pending_for(conn, "sms:+15145550111", "opted_out")
        recovered = await outbox.recover_interrupted(conn, NOW)
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert [item.id for item in due][:3] == ids and due[0].body == "réponse 0"
    assert (claimed, twice, cancelled, recovered) == (True, False, 2, 1)


async def test_a_claim_is_guarded_by_the_status_and_the_holder_as_read(db) -> None:
    async with db.transaction() as conn:
        lou = await workers.add(conn, "Lou", NOW, telegram_id=BIG_TELEGRAM_ID)
        _, request = await a_case(conn)
        claimed = await request_store.transition(conn, request, "claim", now=NOW, by=lou.id)
        with pytest.raises(request_store.IllegalTransition):  # read before the claim: stale
            await request_store.transition(conn, request, "claim", now=NOW, by=lou.id)
    assert (claimed.status, claimed.claimed_by) == ("claimed", lou.id)


async def test_workers_names_are_unique_without_case_or_accents_and_ids_are_64_bit(db) -> None:
    jade = await workers.add(db, "Élise Tremblay", NOW, telegram_id=BIG_TELEGRAM_ID)
    with pytest.raises(workers.WorkerError):
        await workers.add(db, "elise tremblay", NOW)
    with pytest.raises(integrity_errors()):  # the index holds even without the check above
        await db.execute(
            "INSERT INTO workers (name, created_at) VALUES (?, ?)", ("ÉLISE TREMBLAY", "x")
        )
    assert (await workers.get_by_telegram_id(db, BIG_TELEGRAM_ID)).id == jade.id
    assert (await workers.get_by_name(db, "ELISE  tremblay")).id == jade.id


async def test_an_invite_code_links_a_telegram_account_once(db) -> None:
    sam = await workers.add(db, "Sam", NOW)
    code = await workers.create_invite(db, sam.id, NOW)
    linked = await workers.redeem_invite(db, code.lower(), BIG_TELEGRAM_ID, NOW)
    assert linked is not None and linked.telegram_id == BIG_TELEGRAM_ID
    assert await workers.redeem_invite(db, code, BIG_TELEGRAM_ID + 1, NOW) is None


async def test_notes_and_held_sms_belong_to_their_case_and_worker(db) -> None:
    async with db.transaction() as conn:
        lou = await workers.add(conn, "Lou", NOW)
        citizen_id, request = await a_case(conn)
        await notes.add(conn, request.id, lou.id, "Rappeler jeudi", NOW)
        held = await notes.hold_sms(conn, request.id, lou.id, "Ça va ?", NOW)
        not_hers = await notes.take_sms(conn, held, lou.id + 1)
        taken = await notes.take_sms(conn, held, lou.id)
        gone = await notes.take_sms(conn, held, lou.id)
    [note] = await notes.of_request(db, request.id)
    assert (note.author, note.body) == ("Lou", "Rappeler jeudi")
    assert [n.body for n in await notes.of_citizen(db, citizen_id)] == ["Rappeler jeudi"]
    assert (not_hers, taken, gone) == (None, (request.id, "Ça va ?"), None)


async def test_check_ins_fall_due_in_order_and_tags_are_set_once(db) -> None:
    async with db.transaction() as conn:
        lou = await workers.add(conn, "Lou", NOW)
        citizen_id, request = await a_case(conn)
        later = await checkins.add(
            conn, citizen_id, NOW + timedelta(days=2), NOW, request_id=request.id
        )
        sooner = await checkins.add(conn, citizen_id, NOW + timedelta(days=1), NOW)
        for _ in range(2):
            await checkins.add_tag(conn, citizen_id, "aines", lou.id, NOW)
    due = await checkins.due(db, NOW + timedelta(days=3))
    assert [f.id for f in due] == [sooner, later]
    assert [f.id for f in await checkins.select(db, "status = 'pending'")] == [sooner, later]
    assert await checkins.tags_of(db, citizen_id) == ["aines"]
    assert await checkins.tag_counts(db) == [("aines", 1)]


async def test_a_case_page_shows_both_ways_in_time_order(db) -> None:
    async with db.transaction() as conn:
        citizen_id, request = await a_case(conn)
        first = await inbound.record(conn, sms("sms:SM1", "Allô"), status="processed")
        await inbound.link(conn, first, citizen_id=citizen_id, request_id=request.id)
        await outbox.enqueue(
            conn, "sms:+15145550111", "Bonjour !", NOW + timedelta(minutes=1),
            citizen_id=citizen_id, request_id=request.id,
        )  # fmt: skip
        await audit.log(conn, NOW, "worker:1", "case.viewed", request.id)
    said = await case_views.exchanges(db, request.id)
    assert [(e.body, e.outgoing) for e in said] == [("Allô", False), ("Bonjour !", True)]
    assert [e.action for e in await case_views.trail(db, request.id)] == ["case.viewed"]
    [case] = await case_views.open_cases(db)
    assert case.request.id == request.id


async def test_a_dashboard_link_signs_in_once_and_its_session_ends(db) -> None:
    lou = await workers.add(db, "Lou", NOW)
    token = await dashboard.create_link(db, lou.id, NOW)
    assert await dashboard.link_worker(db, token, NOW) == lou.id
    async with db.transaction() as conn:
        used = [await dashboard.redeem_link(conn, token, NOW) for _ in range(2)]
        cookie, session = await dashboard.create_session(conn, lou.id, "fr", NOW)
    assert used == [lou.id, None]
    assert (await dashboard.find_session(db, cookie, NOW)).id == session.id
    assert await dashboard.end_sessions_of(db, lou.id) == 1
    assert await dashboard.find_session(db, cookie, NOW) is None


async def test_a_kiosk_session_moves_to_sms_with_its_conversation(db) -> None:
    async with db.transaction() as conn:
        assert await kiosks.add_kiosk(conn, "biblio", "Bibliothèque", NOW)
        token, session = await kiosks.create_session(conn, "fr", NOW, kiosk="biblio")
        web_id, _ = await citizens.get_or_create(conn, session.address, "fr", NOW)
        await outbox.enqueue(conn, session.address, "Bienvenue", NOW, buttons=[["1", "Oui"]])
        listed = await kiosks.list_kiosks(conn)
    assert [k.slug for k in listed] == ["biblio"]
    assert (await kiosks.find_session(db, token, NOW)).address == session.address
    assert [line.text for line in await kiosks.conversation(db, session.address)] == ["Bienvenue"]
    assert await kiosks.choice_label(db, session.address, "1") == "Oui"
    async with db.transaction() as conn:
        moved = await web_moves.move_to_sms(conn, session.address, "sms:+15145550122", "fr", NOW)
        row = await citizens.by_id(conn, moved)
    assert moved == web_id and row["address"] == "sms:+15145550122"


async def test_a_kept_calendar_comes_back_byte_for_byte_and_extends_the_rota(db) -> None:
    """An imported .ics is kept whole (BLOB / BYTEA) and re-expanded by the bot every day."""
    carl = await workers.add(db, "Carl Roy", NOW)
    added = await rota.add(db, [], "ics", JUNE_15, calendar=(WEEKEND, 2))
    [kept] = await rota.calendars(db)
    assert added == 0 and (kept.data, kept.weeks) == (WEEKEND, 2)
    assert await extend_calendars(db, MTL, AUGUST_3) == 2  # two Saturdays ahead
    assert await extend_calendars(db, MTL, AUGUST_3) == 0  # exact repeats are skipped
    days = sorted(s.on_date for s in await rota.list_shifts(db))
    assert days == [date(2026, 8, 8), date(2026, 8, 15)]
    assert {s.worker_id for s in await rota.list_shifts(db)} == {carl.id}


async def test_a_failed_unit_of_work_leaves_nothing(db) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await a_case(conn)
            raise RuntimeError("a bug halfway")
    assert [tuple(r) for r in await db.fetchall("SELECT count(*) FROM requests")] == [(0,)]


def test_placeholders_are_numbered_outside_literals_and_comments() -> None:
    sql = "SELECT ?, '?', \"a?\" FROM t WHERE x = ? AND s::text = :n -- ?\nAND y = :n"
    assert numbered(sql) == (
        "SELECT $1, '?', \"a?\" FROM t WHERE x = $2 AND s::text = $1 -- ?\nAND y = $1",
        ("n",),
    )


def test_both_engines_have_their_migrations_up_to_the_same_number() -> None:
    """From 0019 on, a migration comes in pairs: storage/migrations/NNNN_*.sql for SQLite and
    storage/migrations/pg/NNNN_*.sql for PostgreSQL (README.md there)."""
    sqlite = sorted(int(p.name[:4]) for p in MIGRATIONS.glob("[0-9]*.sql"))
    postgresql = sorted(int(p.name[:4]) for p in (MIGRATIONS / "pg").glob("[0-9]*.sql"))
    assert sqlite[-1] == postgresql[-1]
    assert [n for n in sqlite if n > 18] == [n for n in postgresql if n > 18]


async def test_another_process_writing_makes_a_bounded_wait_give_up_busy(pg_url: str) -> None:
    """Two processes on one PostgreSQL database take turns like SQLite's BEGIN IMMEDIATE (the
    advisory lock); a caller with `wait` gives up with Busy instead of hanging."""
    async with PgDatabase(pg_url) as bot, PgDatabase(pg_url) as cli:
        async with cli.transaction() as conn:
            await conn.execute("INSERT INTO notices (key, sent_at) VALUES ('cli', 'x')")
            with pytest.raises(Busy):
                async with bot.transaction(wait=0.2):
                    pass
            waiting = asyncio.create_task(bot.execute("DELETE FROM notices WHERE key = 'cli'"))
            await _until_one_waits_for_the_lock(pg_url)
            assert not waiting.done()
        await waiting  # it went once the first one committed, and saw its row
    async with PgDatabase(pg_url) as check:
        assert await check.fetchall("SELECT key FROM notices") == []


async def test_a_connection_lost_mid_transaction_is_unreachable_and_the_next_one_works(
    pg_url: str,
) -> None:
    """The server drops the connection (a restart): nothing committed, `Unreachable` (a kind
    of `Busy`: the webhook spools the SMS, Telegram redelivers), and the pool reconnects."""
    async with PgDatabase(pg_url) as db, PgDatabase(pg_url, pool_size=1) as admin:
        with pytest.raises(Unreachable):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO notices (key, sent_at) VALUES ('lost', 'x')")
                [me] = await conn.execute_fetchall("SELECT pg_backend_pid() AS pid")
                await admin.fetchall("SELECT pg_terminate_backend(?)", (me["pid"],))
                await conn.execute("INSERT INTO notices (key, sent_at) VALUES ('after', 'x')")
        await db.execute("INSERT INTO notices (key, sent_at) VALUES ('next', 'x')")
        assert [r["key"] for r in await db.fetchall("SELECT key FROM notices")] == ["next"]


async def _until_one_waits_for_the_lock(url: str) -> None:
    """Until a connection waits for the write lock (the server says so, in pg_locks)."""
    waiting = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    async with asyncio.timeout(10), PgDatabase(url, pool_size=1) as observer:
        while True:
            if await observer.fetchall(waiting):
                return
            await asyncio.sleep(0.01)
