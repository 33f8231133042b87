"""A request reaches the worker on duty, who takes it and answers through the bot."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from storage import rota as rota_store
from storage import workers
from tests.conftest import CITIZEN_NUMBER
from tests.standins import status_callback_params

JADE, KARIM, COORD = 9001, 9002, 9003


async def add_worker(db, name, telegram_id, languages=("fr",), role="worker", org="Maison"):
    return await workers.add(
        db,
        name,
        datetime.now(UTC),
        telegram_id=telegram_id,
        organization=org,
        languages=languages,
        role=role,
    )


async def always_on_duty(db, *worker_list):
    """Every worker given is on duty all week (24 h shifts)."""
    shifts = [
        rota_store.Shift(worker_id=w.id, start=time(0), end=time(0), weekday=day)
        for w in worker_list
        for day in range(7)
    ]
    await rota_store.replace_all(db, shifts, "cli", datetime.now(UTC))


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def jade_takes(desk, first_words):
    """A citizen texts, Jade takes the request; both sides have had their first message."""
    await desk.sms(first_words)
    (card,) = await desk.telegram_replies(JADE)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.sms_replies(count=2)


def take_button(message):
    return message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]


async def test_request_pages_on_duty_workers_and_first_press_wins(desk):
    await desk.sms("J'ai besoin de parler à quelqu'un, je suis seule")
    (card,) = await desk.telegram_replies(JADE)
    assert "Nouvelle demande #A1" in card["text"] and "SMS" in card["text"]
    assert "je suis seule" in card["text"]
    assert CITIZEN_NUMBER not in card["text"]
    (karim_card,) = await desk.telegram_replies(KARIM)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.tg.wait_for(
        lambda: "pris par Jade" in desk.tg.message(KARIM, karim_card["message_id"])["text"]
    )
    desk.tg.push_callback(KARIM, karim_card["message_id"], take_button(karim_card))
    await desk.tg.wait_for(lambda: any("déjà pris" in t for t in desk.tg.texts(KARIM)))
    replies = await desk.sms_replies(count=2)
    assert "Jade, de Maison des familles, a pris votre demande" in replies[1]
    rows = await desk.rows("SELECT status, claimed_by FROM requests")
    assert [tuple(r) for r in rows] == [("claimed", 1)]


async def test_relay_both_ways_without_numbers(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    await desk.sms("Je suis au 3e étage")
    await desk.tg.wait_for(
        lambda: any(t == "#A1: Je suis au 3e étage" for t in desk.tg.texts(JADE))
    )
    desk.tg.push_text(JADE, "Je passe demain à 10h, ça vous va?")
    replies = await desk.sms_replies(count=3)
    assert replies[2].startswith("Je passe demain à 10h")
    assert replies[2].endswith("- Jade, Maison des familles")
    assert "Tremblay" not in replies[2] and str(JADE) not in replies[2]
    for text in desk.tg.texts(JADE):
        assert CITIZEN_NUMBER not in text and "5550111" not in text


async def test_close_with_type_and_profile_buttons(desk):
    await jade_takes(desk, "J'ai besoin d'aide")
    desk.tg.push_text(JADE, "/fin")
    ask = await desk.tg.wait_for(
        lambda: next(
            (m for m in desk.tg.sent_messages(JADE) if "type d'intervention" in m["text"]), None
        )
    )
    buttons = [b[0]["callback_data"] for b in ask["reply_markup"]["inline_keyboard"]]
    assert buttons[0] == "w:fin:1:ecoute"
    desk.tg.push_callback(JADE, ask["message_id"], "w:fin:1:ecoute")
    prof = await desk.tg.wait_for(
        lambda: next((m for m in desk.tg.sent_messages(JADE) if "quel profil" in m["text"]), None)
    )
    desk.tg.push_callback(JADE, prof["message_id"], "w:prof:1:aine")
    replies = await desk.sms_replies(count=3)
    assert "terminée" in replies[2]
    row = (await desk.rows("SELECT status, intervention_type, profile FROM requests"))[0]
    assert tuple(row) == ("closed", "ecoute", "aine")


async def test_forged_callback_cannot_close_another_workers_case(desk):
    await jade_takes(desk, "J'ai besoin d'aide")
    desk.tg.push_callback(KARIM, 1, "w:prof:1:aine")
    await desk.tg.wait_for(lambda: any("pas permise" in t for t in desk.tg.texts(KARIM)))
    row = (await desk.rows("SELECT status FROM requests"))[0]
    assert row["status"] == "claimed"


async def test_note_is_private(desk):
    await jade_takes(desk, "Besoin d'aide")
    desk.tg.push_text(JADE, "/note Semble isolée, voisine inquiète")
    await desk.tg.wait_for(lambda: any("Note ajoutée" in t for t in desk.tg.texts(JADE)))
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 2
    assert (await desk.rows("SELECT body FROM notes"))[0]["body"].startswith("Semble isolée")


async def test_worker_message_to_opted_out_citizen_is_refused(desk):
    await jade_takes(desk, "Besoin d'aide")
    await desk.sms("STOP")
    await desk.sms_replies(count=3)
    desk.tg.push_text(JADE, "Êtes-vous là?")
    await desk.tg.wait_for(lambda: any("STOP" in t for t in desk.tg.texts(JADE)))
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 3


async def test_transfer_moves_the_case(desk):
    await jade_takes(desk, "Besoin d'aide")
    desk.tg.push_text(JADE, "/transferer Karim Haddad")
    await desk.tg.wait_for(lambda: any("vous a transféré #A1" in t for t in desk.tg.texts(KARIM)))
    replies = await desk.sms_replies(count=3)
    assert "suivie par Karim" in replies[2]
    await desk.sms("Merci")
    await desk.tg.wait_for(lambda: "#A1: Merci" in desk.tg.texts(KARIM))


async def test_invite_links_a_worker_and_bad_code_is_refused(bot):
    worker = await workers.add(bot.db, "Léa Roy", datetime.now(UTC), organization="CLSC")
    code = await workers.create_invite(bot.db, worker.id, datetime.now(UTC))
    bot.tg.push_text(7777, "/start ZZZZZZ")
    await bot.tg.wait_for(lambda: any("pas valide" in t for t in bot.tg.texts(7777)))
    bot.tg.push_text(7777, f"/start {code}")
    await bot.tg.wait_for(lambda: any("Bienvenue Léa" in t for t in bot.tg.texts(7777)))
    assert (await workers.get(bot.db, worker.id)).telegram_id == 7777


async def test_deactivated_worker_is_refused(desk):
    await workers.deactivate(desk.db, "Karim Haddad")
    desk.tg.push_text(KARIM, "/dossiers")
    await desk.tg.wait_for(lambda: any("désactivé" in t for t in desk.tg.texts(KARIM)))


async def test_citizen_typing_a_worker_command_gets_the_menu(desk):
    desk.tg.push_text(4242, "/start")
    await desk.telegram_replies(4242)
    desk.tg.push_text(4242, "/dossiers")
    messages = await desk.telegram_replies(4242, count=2)
    assert "commande" in messages[1]["text"] and messages[1]["reply_markup"]


async def test_undelivered_sms_on_a_case_is_shown_to_its_worker(desk):
    await jade_takes(desk, "Besoin d'aide")
    desk.tg.push_text(JADE, "Je vous appelle demain?")
    await desk.sms_replies(count=3)
    sent = desk.tw.messages_to(CITIZEN_NUMBER)[2]
    callback = status_callback_params(sent, "undelivered", error_code=30006)
    response = await desk.post_signed("/twilio/status", callback)
    assert response.status_code == 200
    await desk.tg.wait_for(
        lambda: any("non livré à #A1" in t and "textos" in t for t in desk.tg.texts(JADE))
    )
