"""A request reaches the worker on duty, who takes it and answers through the bot.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP); the
Twilio status callback stays over HTTP. `add_worker`, `always_on_duty`, `jade_takes` and
`take_button` serve the whole-bot tests of other files.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.sim.harness import Service
from storage import rota as rota_store
from storage import workers
from tests import service as svc
from tests.conftest import CITIZEN_NUMBER
from tests.service import CITIZEN, CITIZEN_SMS, COORD, JADE, KARIM, take, takes  # noqa: F401  (other test files import them here)
from tests.standins import status_callback_params


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


async def jade_takes(desk, first_words):
    """A citizen texts, Jade takes the request; both sides have had their first message."""
    await desk.sms(first_words)
    (card,) = await desk.telegram_replies(JADE)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.sms_replies(count=2)


def take_button(message):
    return message["reply_markup"]["inline_keyboard"][0][0]["callback_data"]


@pytest.fixture
async def office():
    """Jade (fr) and Karim (fr, en) on duty all week, on the service layer."""
    async with svc.running() as service:
        jade, karim = await svc.jade_and_karim(service)
        yield service, jade, karim


async def test_request_pages_on_duty_workers_and_first_press_wins(office):
    service, jade, karim = office
    await service.citizen_sms(CITIZEN, "J'ai besoin de parler à quelqu'un, je suis seule")
    [card] = service.worker_transcript(jade)
    assert "Nouvelle demande #A1" in card.body and "SMS" in card.body
    assert "je suis seule" in card.body
    assert CITIZEN not in card.body
    [karim_card] = service.worker_transcript(karim)
    karim_take = take(karim_card)  # the button as Karim still sees it
    await service.worker_press(jade, take(card), card.message_id)
    assert "pris par Jade" in karim_card.body  # his card, edited
    await service.worker_press(karim, karim_take, karim_card.message_id)
    assert any("déjà pris" in t for t in service.worker_texts(karim))
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 2
    assert "Jade, de Maison des familles, a pris votre demande" in replies[1]
    rows = await service.rows("SELECT status, claimed_by FROM requests")
    assert [tuple(r) for r in rows] == [("claimed", 1)]


async def test_relay_both_ways_without_numbers(office):
    service, jade, _ = office
    await takes(service, jade, CITIZEN, "Bonjour, je voudrais de l'aide pour mes courses")
    await service.citizen_sms(CITIZEN, "Je suis au 3e étage")
    assert "#A1: Je suis au 3e étage" in service.worker_texts(jade)
    await service.worker_text(jade, "Je passe demain à 10h, ça vous va?")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    assert replies[2].startswith("Je passe demain à 10h")
    assert replies[2].endswith("- Jade, Maison des familles")
    assert "Tremblay" not in replies[2] and str(JADE) not in replies[2]
    for text in service.worker_texts(jade):
        assert CITIZEN not in text and "5550111" not in text


async def test_close_with_type_and_profile_buttons(office):
    service, jade, _ = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    await service.worker_text(jade, "/fin")
    ask = svc.last(service, jade, "type d'intervention")
    assert ask.choices[0] == "w:fin:1:ecoute"
    await service.worker_press(jade, "w:fin:1:ecoute", ask.message_id)
    prof = svc.last(service, jade, "quel profil")
    await service.worker_press(jade, "w:prof:1:aine", prof.message_id)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3 and "terminée" in replies[2]
    row = (await service.rows("SELECT status, intervention_type, profile FROM requests"))[0]
    assert tuple(row) == ("closed", "ecoute", "aine")


async def test_forged_callback_cannot_close_another_workers_case(office):
    service, jade, karim = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    await service.worker_press(karim, "w:prof:1:aine", "1")
    assert any("pas permise" in t for t in service.worker_texts(karim))
    row = (await service.rows("SELECT status FROM requests"))[0]
    assert row["status"] == "claimed"


async def test_note_is_private(office):
    service, jade, _ = office
    await takes(service, jade, CITIZEN, "Besoin d'aide")
    await service.worker_text(jade, "/note Semble isolée, voisine inquiète")
    assert any("Note ajoutée" in t for t in service.worker_texts(jade))
    assert len(service.texts(CITIZEN_SMS)) == 2
    assert (await service.rows("SELECT body FROM notes"))[0]["body"].startswith("Semble isolée")


async def test_worker_message_to_opted_out_citizen_is_refused(office):
    service, jade, _ = office
    await takes(service, jade, CITIZEN, "Besoin d'aide")
    await service.citizen_sms(CITIZEN, "STOP")
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.worker_text(jade, "Êtes-vous là?")
    assert any("STOP" in t for t in service.worker_texts(jade))
    assert len(service.texts(CITIZEN_SMS)) == 3


async def test_transfer_moves_the_case(office):
    service, jade, karim = office
    await takes(service, jade, CITIZEN, "Besoin d'aide")
    await service.worker_text(jade, "/transferer Karim Haddad")
    assert any("vous a transféré #A1" in t for t in service.worker_texts(karim))
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3 and "suivie par Karim" in replies[2]
    await service.citizen_sms(CITIZEN, "Merci")
    assert "#A1: Merci" in service.worker_texts(karim)


async def test_invite_links_a_worker_and_bad_code_is_refused():
    async with svc.running() as service:
        worker = await workers.add(service.db, "Léa Roy", service.now(), organization="CLSC")
        code = await workers.create_invite(service.db, worker.id, service.now())
        await service.citizen_telegram(7777, "/start ZZZZZZ")
        assert any("pas valide" in t for t in service.texts("telegram:7777"))
        await service.citizen_telegram(7777, f"/start {code}")
        assert any("Bienvenue Léa" in t for t in service.texts("telegram:7777"))
        assert (await workers.get(service.db, worker.id)).telegram_id == 7777


async def test_deactivated_worker_is_refused(office):
    service, _, karim = office
    await workers.deactivate(service.db, "Karim Haddad")
    await service.worker_text(karim, "/dossiers")
    assert any("désactivé" in t for t in service.worker_texts(karim))


async def test_citizen_typing_a_worker_command_gets_the_menu(office):
    service: Service = office[0]
    await service.citizen_telegram(4242, "/start")
    assert len(service.transcript("telegram:4242")) == 1
    await service.citizen_telegram(4242, "/dossiers")
    messages = service.transcript("telegram:4242")
    assert len(messages) == 2
    assert "commande" in messages[1].body and messages[1].buttons


# Over HTTP: the point is Twilio's signed status callback reaching the worker.
@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def test_undelivered_sms_on_a_case_is_shown_to_its_worker(desk):
    await jade_takes(desk, "Besoin d'aide")
    desk.tg.push_text(JADE, "Je vous appelle demain?")
    await desk.sms_replies(count=3)
    # Twilio has it; wait until the bot has stored its SID too (it raced the callback: 1 in 6).
    await desk.quiet()
    sent = desk.tw.messages_to(CITIZEN_NUMBER)[2]
    callback = status_callback_params(sent, "undelivered", error_code=30006)
    response = await desk.post_signed("/twilio/status", callback)
    assert response.status_code == 200
    await desk.tg.wait_for(
        lambda: any("non livré à #A1" in t and "textos" in t for t in desk.tg.texts(JADE))
    )
