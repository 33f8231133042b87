"""`/ressource`: a worker finds a resource and sends it to the citizen of a case, end to end."""

from __future__ import annotations

import pytest

from bot.channels.gsm7 import segment_count
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty, take_button

CHAT = 5151  # a citizen on Telegram


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, languages=("fr", "en"), org="Maison")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def take_sms_case(bot):
    await bot.sms("J'ai besoin d'aide pour manger cette semaine")
    (card,) = await bot.telegram_replies(JADE)
    bot.tg.push_callback(JADE, card["message_id"], take_button(card))
    await bot.sms_replies(count=2)


async def worker_message(bot, chat_id, fragment):
    return await bot.tg.wait_for(
        lambda: next((m for m in reversed(bot.tg.sent_messages(chat_id))
                      if fragment in m.get("text", "")), None)
    )  # fmt: skip


def buttons(message):
    keyboard = message["reply_markup"]["inline_keyboard"]
    return [(row[0]["text"], row[0]["callback_data"]) for row in keyboard]


async def referrals(bot) -> list[tuple]:
    rows = await bot.rows(
        "SELECT s.name, r.category, r.channel, r.request_id FROM referrals AS r"
        " JOIN resources AS s ON s.id = r.resource_id ORDER BY r.id"
    )
    return [tuple(row) for row in rows]


async def test_worker_picks_a_resource_and_the_citizen_gets_it_by_sms(desk):
    await take_sms_case(desk)
    desk.tg.push_text(JADE, "/ressource repas communautaire")
    shown = await worker_message(desk, JADE, "Ressources pour #A1")
    choices = buttons(shown)
    assert 1 <= len(choices) <= 5 and choices[0][0] == "Dîners communautaires"
    assert "Repas chaud" in shown["text"]  # as the citizen will read it
    assert all(data.startswith("w:res:1:") and len(data.encode()) <= 64 for _, data in choices)
    assert await referrals(desk) == []  # showing the worker is not a referral
    desk.tg.push_callback(JADE, shown["message_id"], choices[0][1])
    sent = (await desk.sms_replies(count=3))[2]
    assert sent.startswith("Jade vous envoie cette ressource:\nDîners communautaires - 514")
    assert segment_count(sent) <= 3
    await worker_message(desk, JADE, "Ressource envoyée à #A1: Dîners communautaires")
    assert await referrals(desk) == [("Dîners communautaires", "food", "sms", 1)]
    # The activity report counts it as a worker's referral, not a citizen's own search.
    assert [r["given_by"] for r in await desk.rows("SELECT given_by FROM referrals")] == ["worker"]


async def test_a_telegram_citizen_gets_it_in_english(desk):
    desk.tg.push_text(CHAT, "Hello, I need food for my kids", language_code="en")
    card = await worker_message(desk, JADE, "#A1")
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.tg.wait_for(lambda: len(desk.tg.sent_messages(CHAT)) >= 2)
    desk.tg.push_text(JADE, "/ressource épicerie")
    shown = await worker_message(desk, JADE, "Ressources pour #A1")
    desk.tg.push_callback(JADE, shown["message_id"], buttons(shown)[0][1])
    sent = await desk.tg.wait_for(
        lambda: next((t for t in desk.tg.texts(CHAT) if "sends you this resource" in t), None)
    )
    assert sent.startswith("Jade sends you this resource:\nÉpicerie solidaire du quartier")
    assert "Low-cost grocery" in sent
    assert await referrals(desk) == [("Épicerie solidaire du quartier", "food", "telegram", 1)]


async def test_only_the_worker_with_the_case_can_send(desk):
    await take_sms_case(desk)
    desk.tg.push_text(JADE, "/ressource repas")
    shown = await worker_message(desk, JADE, "Ressources pour #A1")
    desk.tg.push_callback(KARIM, 1, buttons(shown)[0][1])
    await worker_message(desk, KARIM, "pas permise")
    desk.tg.push_text(KARIM, "/ressource repas")
    await worker_message(desk, KARIM, "aucun dossier ouvert")
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 2
    assert await referrals(desk) == []


async def test_usage_and_no_result(desk):
    await take_sms_case(desk)
    desk.tg.push_text(JADE, "/ressource")
    await worker_message(desk, JADE, "Écrivez /ressource suivi de quelques mots")
    desk.tg.push_text(JADE, "/ressource xylophone quantique")
    await worker_message(desk, JADE, "Aucune ressource trouvée pour « xylophone quantique »")
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 2
