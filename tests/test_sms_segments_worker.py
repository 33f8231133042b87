"""Issue 13: a worker's words and a campaign by SMS show their segment count before sending, with
the accent-free spelling offered when one character forces UCS-2; "Répondez OUI" gets no menu.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP): the bodies read
are the ones the SMS channel is handed, as rendered for Twilio.
"""

from __future__ import annotations

import pytest

from bot.channels import gsm7
from bot.channels.memory import Sent
from bot.followups import checkins as followups
from bot.sim.harness import Service
from flows.checkin import asks_own_question
from storage import citizens
from storage import followups as followup_store
from storage.workers import Worker
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS
from tests.test_e2e_worker import COORD, JADE, KARIM

# 145 characters: GSM-7 but for one "Ê" (which GSM-7 lacks; "É" it has).
LONG = (
    "ÊTES-VOUS disponible jeudi matin? Je peux passer vers 10 h avec les formulaires "
    "pour la banque alimentaire et on remplit tout ensemble, ca ira :)"
)


def test_folding_touches_only_what_gsm7_lacks():
    assert len(LONG) == 145
    assert gsm7.segment_count(LONG) == 3
    assert gsm7.fold_to_gsm7("Ê été à Noël ç") == "E été à Noel c"
    assert gsm7.fold_to_gsm7("Il fera 32° demain, n° 4") == "Il fera 32 degres demain, no 4"
    assert gsm7.fold_to_gsm7("déjà GSM-7: é è à ù") is None  # nothing to fold
    assert gsm7.fold_to_gsm7("un cœur ❤") is None  # no plain spelling for the emoji


def test_a_message_that_says_how_to_answer_asks_its_own_question():
    assert asks_own_question("Répondez OUI si vous avez besoin d'eau")
    assert asks_own_question("Reply YES if you need water")
    assert not asks_own_question("Comment allez-vous?")  # the menu answers it
    assert not asks_own_question("Il fait chaud, buvez de l'eau")


@pytest.fixture
async def office():
    """Jade (fr) and Karim (fr, en) on duty all week, on the service layer."""
    async with svc.running() as service:
        jade, _ = await svc.jade_and_karim(service)
        yield service, jade


@pytest.fixture
async def network():
    """Jade and Karim on duty, Lise the coordinator, on the service layer."""
    async with svc.running() as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        karim = await svc.add_worker(service, "Karim Haddad", KARIM, org="Sésame")
        coord = await svc.add_worker(service, "Lise Coord", COORD, role="coordinator", org="Relais")
        await svc.always_on_duty(service, jade, karim)
        yield service, jade, coord


async def tagged(service: Service, numbers: list[str], tag: str = "canicule") -> None:
    """Citizens known to the bot (they wrote once, long ago) who carry a tag."""
    now = service.now()
    async with service.db.transaction() as conn:
        for number in numbers:
            citizen_id, _ = await citizens.get_or_create(conn, f"sms:{number}", "fr", now)
            await followup_store.add_tag(conn, citizen_id, tag, None, now)


def _buttons(message: Sent) -> list[tuple[str, str]]:
    """(callback data, label) of each button."""
    return [(data, label) for data, label in message.buttons or []]


async def _held(service: Service, jade: Worker) -> Sent:
    await svc.takes(service, jade, CITIZEN, "Bonjour, je voudrais de l'aide pour mes courses")
    await service.worker_text(jade, LONG)
    [ask] = service.said(jade, "ce message partira en 3 SMS")
    return ask


async def test_worker_words_forcing_ucs2_wait_for_a_choice_then_go_without_accents(office):
    service, jade = office
    ask = await _held(service, jade)
    assert "Sans accents: 2 SMS" in ask.body
    as_is, folded = _buttons(ask)
    assert as_is[1] == "Envoyer tel quel (3 SMS)"
    assert folded[1] == "Envoyer sans accents (2 SMS)"
    assert len(service.texts(CITIZEN_SMS)) == 2  # held: nothing more went to the citizen
    await service.worker_press(jade, folded[0], ask.message_id)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    assert replies[2].startswith("ETES-VOUS disponible jeudi matin?")
    assert replies[2].endswith("- Jade, Maison des familles")
    assert gsm7.is_gsm7(replies[2]) and gsm7.segment_count(replies[2]) == 2
    await service.worker_press(jade, as_is[0], ask.message_id)  # pressed again
    assert service.said(jade, "déjà été envoyé")
    assert len(service.texts(CITIZEN_SMS)) == 3


async def test_worker_words_can_go_as_typed(office):
    service, jade = office
    ask = await _held(service, jade)
    as_is, _folded = _buttons(ask)
    await service.worker_press(jade, as_is[0], ask.message_id)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3 and replies[2].startswith(LONG)


async def test_short_accented_words_go_at_once(office):
    service, jade = office
    await svc.takes(service, jade, CITIZEN, "Bonjour, je voudrais de l'aide pour mes courses")
    await service.worker_text(jade, "Êtes-vous là?")  # one SMS either way: nothing to choose
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3 and replies[2].startswith("Êtes-vous là?")
    assert not service.said(jade, "partira en")


async def test_campaign_confirmation_shows_the_exact_sms_and_offers_the_cheaper_spelling(network):
    service, _, coord = network
    numbers = [f"+1514555040{i}" for i in range(2)]
    await tagged(service, numbers)
    await service.worker_text(
        coord, "/campagne canicule Alerte chaleur: 34° prévus demain. Buvez de l'eau."
    )
    [ask] = service.said(coord, "Envoyer à 2 personnes (canicule)")
    exact = "Alerte chaleur: 34° prévus demain. Buvez de l'eau.\n- Lise, Relais (Relais)"
    assert exact in ask.body
    assert "1) Tout va bien" in ask.body  # the menu is part of what they get
    assert "(2 SMS par personne)" in ask.body
    go, fold, no = _buttons(ask)
    assert go[1] == "Envoyer tel quel (2 SMS)"
    assert fold[1] == "Envoyer sans accents (1 SMS)"
    assert no[1] == "Annuler"
    await service.worker_press(coord, fold[0], ask.message_id)
    assert service.said(coord, "Campagne 1")
    for number in numbers:
        (body,) = service.texts(f"sms:{number}")
        assert body.startswith("Alerte chaleur: 34 degres prévus demain.")
        assert gsm7.segment_count(body) == 1


async def test_a_campaign_that_asks_for_oui_gets_no_menu(network):
    service, jade, coord = network
    number = "+15145550410"
    await tagged(service, [number])
    await service.worker_text(
        coord, "/campagne canicule Répondez OUI si vous voulez de l'eau livrée."
    )
    [ask] = service.said(coord, "Envoyer à 1 personne (canicule)")
    assert "Tout va bien" not in ask.body
    go, _no = _buttons(ask)
    await service.worker_press(coord, go[0], ask.message_id)
    (body,) = service.texts(f"sms:{number}")
    assert body.startswith("Répondez OUI si vous voulez de l'eau livrée.")
    assert "1)" not in body and "Tout va bien" not in body
    await service.citizen_sms(number, "OUI")
    [context] = service.said(jade, "répond à la campagne")
    assert context.body == (
        "#A1 répond à la campagne 1: « Répondez OUI si vous voulez de l'eau livrée. »"
    )
    await followups.sweep(service.relais)
    await service.drain()


async def test_erasure_deletes_the_held_words(office):
    service, jade = office
    ask = await _held(service, jade)
    _as_is, folded = _buttons(ask)  # as she holds them before the erasure
    assert len(await service.rows("SELECT id FROM pending_sms")) == 1
    await service.citizen_sms(CITIZEN, "OUBLIER")
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.citizen_sms(CITIZEN, "OUI")
    assert len(service.texts(CITIZEN_SMS)) == 4
    assert await service.rows("SELECT id FROM pending_sms") == []
    assert ask.body == "#A1: effacé à la demande de la personne." and not ask.buttons
    await service.worker_press(jade, folded[0], ask.message_id)  # a press from before the edit
    assert service.said(jade, "déjà été envoyé")
    assert len(service.texts(CITIZEN_SMS)) == 4


async def test_check_in_words_show_their_count_and_can_go_without_accents(office):
    service, jade = office
    await svc.takes(service, jade, CITIZEN, "Bonjour, je voudrais de l'aide pour mes courses")
    await service.worker_text(jade, f"/suivi 2h {LONG}")
    [confirmed] = service.said(jade, "Ce suivi partira en 4 SMS")  # the menu included
    assert "sans accents: 2 SMS" in confirmed.body
    (button,) = _buttons(confirmed)
    assert button[1] == "Envoyer sans accents (2 SMS)"
    await service.worker_press(jade, button[0], confirmed.message_id)
    assert service.said(jade, "le suivi partira sans accents")
    (row,) = await service.rows("SELECT message FROM followups")
    assert row["message"].startswith("ETES-VOUS disponible")
