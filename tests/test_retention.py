"""The retention purge (issue 10, item 8): inactive people go, number included; counts stay."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.escalation import housekeeping
from bot.privacy import retention
from storage.clock import from_db, to_db, utcnow
from tests.test_e2e_worker import JADE, take_button
from tests.test_followups import claimed_case, desk, said, schedule  # noqa: F401 (fixture)
from tests.test_privacy import database_files, every_row, needles

GONE, OPEN, HELLO = "+15145550177", "+15145550188", "+15145550199"


async def a_year_passes(db) -> None:
    """Every time in the database moves 366 days back: the purge then runs at today's time."""
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


async def taken(bot, number: str, case: int) -> dict:
    """She writes; Jade takes case #A<case> (waiting for that very card: cards race)."""
    await bot.sms("J'ai besoin d'aide pour mes courses", from_=number)
    (card,) = await said(bot, JADE, f"Nouvelle demande #A{case} ")
    bot.tg.push_callback(JADE, card["message_id"], take_button(card))
    await bot.sms_replies(number, count=2)
    return card


async def test_purge_deletes_inactive_people_with_their_numbers_and_keeps_counts(desk):  # noqa: F811
    card = await taken(desk, GONE, 1)
    await taken(desk, OPEN, 2)
    await desk.sms("Bonjour", from_=HELLO)
    await desk.sms_replies(HELLO)
    await desk.db.execute(
        "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1", (to_db(utcnow()),)
    )
    await a_year_passes(desk.db)
    counts = await retention.purge(desk.db, utcnow(), 365, desk.relais.engine.i18n)
    desk.relais.engine.wake()
    assert counts["citizens"] == 2
    # Jade's copies of the old case, in her Telegram, are edited too (the open case's are not).
    await desk.tg.wait_for(
        lambda: "conservation" in desk.tg.message(JADE, card["message_id"])["text"]
    )
    await desk.tg.wait_for(
        lambda: not any("#A1: " in t and "courses" in t for t in desk.tg.texts(JADE))
    )
    assert not any("#A2" in t and "conservation" in t for t in desk.tg.texts(JADE))
    rows = await desk.rows("SELECT address FROM citizens")
    assert [r["address"] for r in rows] == [f"sms:{OPEN}"]  # her case is still open
    values = " ".join(await every_row(desk))
    for number in (GONE, HELLO):
        assert number[2:] not in values, number
        for content in database_files(desk).values():
            for needle in needles(number):
                assert needle not in content
    # The anonymous counts stay: both requests, three first contacts.
    assert (await desk.rows("SELECT count(*) FROM requests"))[0][0] == 2
    assert (await desk.rows("SELECT count(*) FROM arrivals"))[0][0] == 3
    assert not any((await housekeeping.purge(desk.db, utcnow(), 365)).values())


async def test_purge_keeps_a_person_with_a_check_in_planned(desk):  # noqa: F811
    await claimed_case(desk, GONE)
    assert len(await schedule(desk, "/suivi 2h")) == 1
    await desk.db.execute(
        "UPDATE requests SET status = 'closed', closed_at = ? WHERE id = 1", (to_db(utcnow()),)
    )
    counts = await housekeeping.purge(desk.db, utcnow() + timedelta(days=366), 365)
    assert counts["citizens"] == 0
    assert len(await desk.rows("SELECT id FROM citizens")) == 1
    assert (await desk.rows("SELECT status FROM followups"))[0]["status"] == "pending"


async def test_purge_removes_resource_search_words_a_day_after_her_last_message(bot):
    await bot.sms("Bonjour")
    await bot.sms_replies()
    await bot.sms("2")  # Trouver une ressource
    await bot.sms_replies(count=2)
    await bot.sms("dépannage Lachapelle")
    await bot.sms_replies(count=3)
    row = (await bot.rows("SELECT state_data FROM citizens"))[0]
    assert json.loads(row["state_data"])["search"]["words"] == "dépannage Lachapelle"
    assert not (await housekeeping.purge(bot.db, utcnow() + timedelta(hours=12), 365))[
        "search_words"
    ]
    counts = await housekeeping.purge(bot.db, utcnow() + timedelta(days=2), 365)
    assert counts["search_words"] == 1 and counts["citizens"] == 0
    row = (await bot.rows("SELECT state_data FROM citizens"))[0]
    assert "Lachapelle" not in row["state_data"]
