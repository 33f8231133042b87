"""The retention purge (issue 10, item 8): inactive people go, number included; counts stay.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.channels.memory import Sent
from bot.escalation import housekeeping
from bot.privacy import retention
from bot.sim.harness import Service
from storage.clock import from_db, to_db
from storage.workers import Worker
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS, take
from tests.test_followups import scheduled
from tests.test_privacy import database_files, every_row, needles

GONE, OPEN, HELLO = "+15145550177", "+15145550188", "+15145550199"


async def a_year_passes(db) -> None:
    """Every time in the database moves 366 days back: the purge then runs at the clock's time."""
    async with db.transaction() as conn:
        for (table,) in await conn.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
        ):
            info = await conn.execute_fetchall(f"PRAGMA table_info({table})")
            times = [r["name"] for r in info if r["name"] == "at" or r["name"].endswith("_at")]
            for column in times:
                rows = await conn.execute_fetchall(
                    f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL"
                )
                for rowid, value in rows:
                    await conn.execute(
                        f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                        (to_db(from_db(value) - timedelta(days=366)), rowid),
                    )


@pytest.fixture
async def office(tmp_path):
    """Jade and Karim on duty all week, on the service layer over a database file (its bytes
    are read)."""
    async with svc.running(database=str(tmp_path / "relais.db")) as service:
        jade, _ = await svc.jade_and_karim(service)
        yield service, jade


async def taken(service: Service, jade: Worker, number: str, case: int) -> Sent:
    """She writes; Jade takes case #A<case> from its card; the card."""
    await service.citizen_sms(number, "J'ai besoin d'aide pour mes courses")
    [card] = service.said(jade, f"Nouvelle demande #A{case} ")
    await service.worker_press(jade, take(card), card.message_id)
    assert len(service.texts(f"sms:{number}")) == 2
    return card


async def test_purge_deletes_inactive_people_with_their_numbers_and_keeps_counts(office):
    service, jade = office
    card = await taken(service, jade, GONE, 1)
    await taken(service, jade, OPEN, 2)
    await service.citizen_sms(HELLO, "Bonjour")
    assert len(service.texts(f"sms:{HELLO}")) == 1
    await service.db.execute(
        "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1",
        (to_db(service.now()),),
    )
    await a_year_passes(service.db)
    counts = await retention.purge(service.db, service.now(), 365, service.relais.engine.i18n)
    await service.drain()
    assert counts["citizens"] == 2
    # Jade's copies of the old case, in her Telegram, are edited too (the open case's are not).
    assert "conservation" in card.body and card.edits
    assert not any("#A1: " in t and "courses" in t for t in service.worker_texts(jade))
    assert not any("#A2" in t and "conservation" in t for t in service.worker_texts(jade))
    rows = await service.rows("SELECT address FROM citizens")
    assert [r["address"] for r in rows] == [f"sms:{OPEN}"]  # her case is still open
    values = " ".join(await every_row(service))
    for number in (GONE, HELLO):
        assert number[2:] not in values, number
        for content in database_files(service).values():
            for needle in needles(number):
                assert needle not in content
    # The anonymous counts stay: both requests, three first contacts.
    assert (await service.rows("SELECT count(*) FROM requests"))[0][0] == 2
    assert (await service.rows("SELECT count(*) FROM arrivals"))[0][0] == 3
    assert not any((await housekeeping.purge(service.db, service.now(), 365)).values())


async def test_purge_keeps_a_person_with_a_check_in_planned(office):
    service, jade = office
    await taken(service, jade, GONE, 1)
    assert len(await scheduled(service, jade, "/suivi 2h")) == 1
    await service.db.execute(
        "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1",
        (to_db(service.now()),),
    )
    counts = await housekeeping.purge(service.db, service.now() + timedelta(days=366), 365)
    assert counts["citizens"] == 0
    assert len(await service.rows("SELECT id FROM citizens")) == 1
    assert (await service.rows("SELECT status FROM followups"))[0]["status"] == "pending"


async def test_purge_removes_resource_search_words_a_day_after_her_last_message():
    async with svc.running() as service:
        for count, text in enumerate(("Bonjour", "2", "dépannage Lachapelle"), 1):
            await service.citizen_sms(CITIZEN, text)  # 2: Trouver une ressource
            assert len(service.texts(CITIZEN_SMS)) == count
        row = (await service.rows("SELECT state_data FROM citizens"))[0]
        assert json.loads(row["state_data"])["search"]["words"] == "dépannage Lachapelle"
        later = service.now() + timedelta(hours=12)
        assert not (await housekeeping.purge(service.db, later, 365))["search_words"]
        counts = await housekeeping.purge(service.db, service.now() + timedelta(days=2), 365)
        assert counts["search_words"] == 1 and counts["citizens"] == 0
        row = (await service.rows("SELECT state_data FROM citizens"))[0]
        assert "Lachapelle" not in row["state_data"]
