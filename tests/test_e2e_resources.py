"""A citizen looks for a resource by SMS and Telegram.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP); the
map pin as Telegram's sendLocation stays whole-bot.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.channels.gsm7 import encoding, segment_count
from bot.channels.render import render
from bot.core.i18n import I18n
from bot.resources.directory import Directory
from bot.resources.importer import import_directory, load_example_directory
from bot.resources.search import CATEGORIES
from bot.sim.harness import Service
from flows.types import SearchResources
from storage import citizens
from storage import requests as request_store
from storage.db import Database
from tests import service as svc
from tests.service import CITIZEN

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
async def service():
    """The bot with the example directory, on the service layer."""
    async with svc.running() as running:
        yield running


async def referrals(service) -> list:
    return await service.rows(
        "SELECT r.category, r.channel, r.request_id, s.name FROM referrals AS r"
        " JOIN resources AS s ON s.id = r.resource_id ORDER BY r.id"
    )


async def converse(service: Service, *texts: str, number: str = CITIZEN) -> str:
    """Send each SMS in turn; each gets exactly one answer; the last answer."""
    for text in texts:
        before = len(service.texts(f"sms:{number}"))
        await service.citizen_sms(number, text)
        replies = service.texts(f"sms:{number}")
        assert len(replies) == before + 1, replies[before:]
    return replies[-1]


async def test_sms_food_category_then_more_then_talk(service):
    categories = await converse(service, "Bonjour", "2")
    assert "1) Alimentation" in categories
    first = await converse(service, "1")
    assert [name in first for name in FOOD] == [True, True, True, False]
    assert "514-555-0103" in first and "2600, boulevard Langelier" in first
    assert first.endswith("1) Plus de résultats\n2) Parler à quelqu'un")
    assert encoding(first) == "GSM-7" and segment_count(first) <= 3
    rows = await referrals(service)
    assert [(r["category"], r["channel"], r["request_id"]) for r in rows] == [
        ("food", "sms", None)
    ] * 3

    more = await converse(service, "plus")
    assert "Épicerie solidaire du quartier" in more and "514-555-0101" in more
    assert not any(name in more for name in FOOD[:3])
    assert "Plus de résultats" not in more and more.endswith("1) Parler à quelqu'un")
    assert [r["name"] for r in await referrals(service)][3:] == ["Épicerie solidaire du quartier"]

    talk = await converse(service, "1")
    assert "de quoi avez-vous besoin" in talk


async def test_sms_free_words_are_accent_and_case_blind(service):
    found = await converse(service, "Bonjour", "2", "banque alimentaire")
    assert "Dépannage alimentaire de l'Est" in found and "514-555-0102" in found
    assert segment_count(found) <= 3
    assert "Épicerie solidaire du quartier" in await converse(service, "EPICERIE")
    seniors = await converse(service, "aines")
    assert "Centre des a" in seniors and "514-555-0106" in seniors  # aînés, whatever accent
    assert "Comité logement de l'Est" in await converse(service, "comite LOGEMENT")
    names = {r["name"] for r in await referrals(service)}
    assert {"Épicerie solidaire du quartier", "Comité logement de l'Est"} <= names


async def test_sms_english_citizen_searches_food_bank(service):
    prompt = await converse(service, "ENGLISH", "2", number=OTHER_NUMBER)
    assert "What kind of resource?" in prompt and "1) Food" in prompt
    found = await converse(service, "food bank", number=OTHER_NUMBER)
    assert "514-555-01" in found
    assert "Emergency food aid" in found or "Low-cost grocery" in found
    assert "Talk to someone" in found and "Parler" not in found
    assert "Today: " in found or "Closed today" in found
    assert segment_count(found) <= 3


async def test_sms_search_without_result_offers_211_and_a_person(service):
    answer = await converse(service, "Bonjour", "2", "xylophone quantique")
    assert "Je n'ai rien trouvé" in answer and "2-1-1" in answer and "211qc.ca" in answer
    assert answer.endswith("1) Parler à quelqu'un")
    assert await referrals(service) == []
    assert "de quoi avez-vous besoin" in await converse(service, "1")


async def test_telegram_category_button_gives_results_and_a_map(service, tmp_path):
    (tmp_path / "located.csv").write_text(LOCATED, encoding="utf-8")
    await import_directory(service.db, tmp_path / "located.csv", now=MONDAY)
    await service.citizen_telegram(601, "/start")
    (menu,) = service.transcript("telegram:601")
    await service.citizen_press(601, "c:resource", on=menu.message_id)
    categories = service.transcript("telegram:601")[-1]
    assert categories.choices[0] == "c:food"
    await service.citizen_press(601, "c:food", on=categories.message_id)
    await service.advance(timedelta(seconds=1))  # the pin is queued a second after the results
    *_, results, pin = service.transcript("telegram:601")
    assert len(service.transcript("telegram:601")) == 4
    assert results.body.startswith("Armoire alimentaire du coin - 514-555-0190")
    assert "Dîners communautaires" not in results.body  # 4th by name: on the next page
    assert "Sur la carte: Armoire alimentaire du coin" in results.body
    assert results.buttons == [
        ["c:more", "Plus de résultats"],
        ["c:talk", "Parler à quelqu'un"],
    ]
    assert pin.kind == "location" and pin.at == results.at + timedelta(seconds=1)
    (row,) = await service.rows("SELECT payload FROM outbox WHERE id = ?", (pin.outbox_id,))
    assert json.loads(row["payload"]) == {"latitude": 45.5931, "longitude": -73.542}
    rows = await referrals(service)
    assert [(r["channel"], r["category"]) for r in rows] == [("telegram", "food")] * 3


async def test_the_map_pin_reaches_telegram_as_a_location(make_bot, tmp_path):
    """The contract part: the pin is Telegram's sendLocation, with the place's coordinates."""
    bot = await make_bot()
    (tmp_path / "located.csv").write_text(LOCATED, encoding="utf-8")
    await import_directory(bot.db, tmp_path / "located.csv", now=MONDAY)
    bot.tg.push_text(601, "/start")
    (menu,) = await bot.telegram_replies(601)
    bot.tg.push_callback(601, menu["message_id"], "c:resource")
    categories = (await bot.telegram_replies(601, count=2))[-1]
    bot.tg.push_callback(601, categories["message_id"], "c:food")
    await bot.telegram_replies(601, count=3)  # the results; the pin is due a second later
    bot.advance(timedelta(seconds=1))
    *_, pin = await bot.telegram_replies(601, count=4)
    assert pin["location"] == {"latitude": 45.5931, "longitude": -73.542}


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
