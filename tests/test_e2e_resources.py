"""A citizen looks for a resource by SMS and Telegram; the whole bot answers over real HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.channels.gsm7 import encoding, segment_count
from bot.channels.render import render
from bot.core.i18n import I18n
from bot.resources.directory import Directory
from bot.resources.importer import import_directory, load_example_directory
from bot.resources.search import CATEGORIES
from flows.types import SearchResources
from storage import citizens
from storage import requests as request_store
from storage.db import Database

OTHER_NUMBER = "+15145550122"
TZ = ZoneInfo("America/Montreal")
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 10:00 in Montréal
FOOD = (
    "Cuisine collective Langelier",
    "Dépannage alimentaire de l'Est",
    "Diners communautaires",  # "Dîners": the î would make the SMS UCS-2
    "Épicerie solidaire du quartier",
)
LOCATED = (
    "name,description,category,phone,address,latitude,longitude\n"
    "Armoire alimentaire du coin,Frigo et armoire en libre-service.,alimentation,"
    '514-555-0190,"8000, rue Hochelaga",45.5931,-73.5420\n'
)


@pytest.fixture
async def rbot(make_bot):
    """The bot with the example directory; SMS unpaced so that a conversation takes no time."""
    bot = await make_bot(RELAIS_SMS_RATE="50")
    return bot


async def referrals(bot) -> list:
    return await bot.rows(
        "SELECT r.category, r.channel, r.request_id, s.name FROM referrals AS r"
        " JOIN resources AS s ON s.id = r.resource_id ORDER BY r.id"
    )


async def converse(bot, *texts: str, number: str = "+15145550111") -> str:
    """Send each SMS in turn, waiting for its answer; the last answer."""
    for text in texts:
        before = len(bot.tw.bodies_to(number))
        await bot.sms(text, from_=number)
        replies = await bot.sms_replies(number, count=before + 1)
    return replies[-1]


async def test_sms_food_category_then_more_then_talk(rbot):
    categories = await converse(rbot, "Bonjour", "2")
    assert "1) Alimentation" in categories
    first = await converse(rbot, "1")
    assert [name in first for name in FOOD] == [True, True, True, False]
    assert "514-555-0103" in first and "2600, boulevard Langelier" in first
    assert first.endswith("1) Plus de résultats\n2) Parler à quelqu'un")
    assert encoding(first) == "GSM-7" and segment_count(first) <= 3
    rows = await referrals(rbot)
    assert [(r["category"], r["channel"], r["request_id"]) for r in rows] == [
        ("food", "sms", None)
    ] * 3

    more = await converse(rbot, "plus")
    assert "Épicerie solidaire du quartier" in more and "514-555-0101" in more
    assert not any(name in more for name in FOOD[:3])
    assert "Plus de résultats" not in more and more.endswith("1) Parler à quelqu'un")
    assert [r["name"] for r in await referrals(rbot)][3:] == ["Épicerie solidaire du quartier"]

    talk = await converse(rbot, "1")
    assert "de quoi avez-vous besoin" in talk


async def test_sms_free_words_are_accent_and_case_blind(rbot):
    found = await converse(rbot, "Bonjour", "2", "banque alimentaire")
    assert "Dépannage alimentaire de l'Est" in found and "514-555-0102" in found
    assert segment_count(found) <= 3
    assert "Épicerie solidaire du quartier" in await converse(rbot, "EPICERIE")
    seniors = await converse(rbot, "aines")
    assert "Centre des a" in seniors and "514-555-0106" in seniors  # aînés, whatever accent
    assert "Comité logement de l'Est" in await converse(rbot, "comite LOGEMENT")
    names = {r["name"] for r in await referrals(rbot)}
    assert {"Épicerie solidaire du quartier", "Comité logement de l'Est"} <= names


async def test_sms_english_citizen_searches_food_bank(rbot):
    prompt = await converse(rbot, "ENGLISH", "2", number=OTHER_NUMBER)
    assert "What kind of resource?" in prompt and "1) Food" in prompt
    found = await converse(rbot, "food bank", number=OTHER_NUMBER)
    assert "514-555-01" in found
    assert "Emergency food aid" in found or "Low-cost grocery" in found
    assert "Talk to someone" in found and "Parler" not in found
    assert "Today: " in found or "Closed today" in found
    assert segment_count(found) <= 3


async def test_sms_search_without_result_offers_211_and_a_person(rbot):
    answer = await converse(rbot, "Bonjour", "2", "xylophone quantique")
    assert "Je n'ai rien trouvé" in answer and "2-1-1" in answer and "211qc.ca" in answer
    assert answer.endswith("1) Parler à quelqu'un")
    assert await referrals(rbot) == []
    assert "de quoi avez-vous besoin" in await converse(rbot, "1")


async def test_telegram_category_button_gives_results_and_a_map(rbot, tmp_path):
    (tmp_path / "located.csv").write_text(LOCATED, encoding="utf-8")
    await import_directory(rbot.db, tmp_path / "located.csv", now=MONDAY)
    rbot.tg.push_text(601, "/start")
    (menu,) = await rbot.telegram_replies(601)
    rbot.tg.push_callback(601, menu["message_id"], "c:resource")
    categories = (await rbot.telegram_replies(601, count=2))[-1]
    assert categories["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c:food"
    rbot.tg.push_callback(601, categories["message_id"], "c:food")
    *_, results, pin = await rbot.telegram_replies(601, count=4)
    assert results["text"].startswith("Armoire alimentaire du coin - 514-555-0190")
    assert "Dîners communautaires" not in results["text"]  # 4th by name: on the next page
    assert "Sur la carte: Armoire alimentaire du coin" in results["text"]
    buttons = [row[0] for row in results["reply_markup"]["inline_keyboard"]]
    assert [(b["callback_data"], b["text"]) for b in buttons] == [
        ("c:more", "Plus de résultats"),
        ("c:talk", "Parler à quelqu'un"),
    ]
    assert pin["location"] == {"latitude": 45.5931, "longitude": -73.542}
    rows = await referrals(rbot)
    assert [(r["channel"], r["category"]) for r in rows] == [("telegram", "food")] * 3


@pytest.fixture
async def directory_db(tmp_path):
    async with Database(str(tmp_path / "relais.db")) as db:
        await load_example_directory(db, MONDAY)
        yield db


async def test_every_page_of_every_category_fits_three_sms_segments(directory_db):
    i18n = I18n(TZ)
    directory = Directory(i18n)
    address = "sms:+15145550111"
    async with directory_db.transaction() as conn:
        for day in range(7):
            now = MONDAY + timedelta(days=day)
            for language in ("fr", "en"):
                for category in CATEGORIES:
                    for offset in (0, 3, 6):
                        effect = SearchResources("", category, offset)
                        (reply,) = await directory.answer(
                            conn, effect, language, now, address, None
                        )
                        (part,) = render(reply, language, address, i18n)
                        assert segment_count(part.body) <= 3, (category, language, day)


async def test_referral_carries_the_open_request_only_while_it_is_open(directory_db):
    directory = Directory(I18n(TZ))
    address = "sms:+15145550111"
    effect = SearchResources("", "legal", 0)
    async with directory_db.transaction() as conn:
        citizen_id, _ = await citizens.get_or_create(conn, address, "fr", MONDAY)
        request = await request_store.open_request(
            conn, citizen_id, "sms", "fr", "avocat", False, False, MONDAY
        )
        await directory.answer(conn, effect, "fr", MONDAY, address, request.id)
        await conn.execute("UPDATE requests SET status = 'closed' WHERE id = ?", (request.id,))
        await directory.answer(conn, effect, "fr", MONDAY, address, request.id)
    rows = await directory_db.fetchall("SELECT request_id, category FROM referrals ORDER BY id")
    assert [(r["request_id"], r["category"]) for r in rows] == [
        (request.id, "legal"),
        (None, "legal"),
    ]
