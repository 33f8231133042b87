"""Issue 13: a worker's words and a campaign by SMS show their segment count before sending, with
the accent-free spelling offered when one character forces UCS-2; "Répondez OUI" gets no menu."""

from __future__ import annotations

from bot.channels import gsm7
from bot.followups import checkins as followups
from flows.checkin import asks_own_question
from tests.conftest import CITIZEN_NUMBER
from tests.test_campaign import COORD, tagged_citizens, team
from tests.test_e2e_worker import JADE, jade_takes
from tests.test_followups import desk, said

__all__ = ["desk"]  # the fixture

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


def _buttons(message: dict) -> list[dict]:
    return [row[0] for row in message["reply_markup"]["inline_keyboard"]]


async def _held(desk) -> dict:
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, LONG)
    (ask,) = await said(desk, JADE, "ce message partira en 3 SMS")
    return ask


async def test_worker_words_forcing_ucs2_wait_for_a_choice_then_go_without_accents(desk):
    ask = await _held(desk)
    assert "Sans accents: 2 SMS" in ask["text"]
    as_is, folded = _buttons(ask)
    assert as_is["text"] == "Envoyer tel quel (3 SMS)"
    assert folded["text"] == "Envoyer sans accents (2 SMS)"
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 2  # held: nothing more went to the citizen
    desk.tg.push_callback(JADE, ask["message_id"], folded["callback_data"])
    replies = await desk.sms_replies(count=3)
    assert replies[2].startswith("ETES-VOUS disponible jeudi matin?")
    assert replies[2].endswith("- Jade, Maison des familles")
    assert gsm7.is_gsm7(replies[2])
    desk.tg.push_callback(JADE, ask["message_id"], as_is["callback_data"])  # pressed again
    await said(desk, JADE, "déjà été envoyé")
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 3


async def test_worker_words_can_go_as_typed(desk):
    ask = await _held(desk)
    as_is, _folded = _buttons(ask)
    desk.tg.push_callback(JADE, ask["message_id"], as_is["callback_data"])
    replies = await desk.sms_replies(count=3)
    assert replies[2].startswith(LONG)


async def test_short_accented_words_go_at_once(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "Êtes-vous là?")  # one SMS either way: nothing to choose
    replies = await desk.sms_replies(count=3)
    assert replies[2].startswith("Êtes-vous là?")


async def test_campaign_confirmation_shows_the_exact_sms_and_offers_the_cheaper_spelling(bot):
    await team(bot)
    numbers = [f"+1514555040{i}" for i in range(2)]
    await tagged_citizens(bot, numbers)
    bot.tg.push_text(COORD, "/campagne canicule Alerte chaleur: 34° prévus demain. Buvez de l'eau.")
    (ask,) = await said(bot, COORD, "Envoyer à 2 personnes (canicule)")
    exact = "Alerte chaleur: 34° prévus demain. Buvez de l'eau.\n- Lise, Relais (Relais)"
    assert exact in ask["text"]
    assert "1) Tout va bien" in ask["text"]  # the menu is part of what they get
    assert "(2 SMS par personne)" in ask["text"]
    go, fold, no = _buttons(ask)
    assert go["text"] == "Envoyer tel quel (2 SMS)"
    assert fold["text"] == "Envoyer sans accents (1 SMS)"
    assert no["text"] == "Annuler"
    bot.tg.push_callback(COORD, ask["message_id"], fold["callback_data"])
    await said(bot, COORD, "Campagne 1")
    for number in numbers:
        (body,) = await bot.sms_replies(number)
        assert body.startswith("Alerte chaleur: 34 degres prévus demain.")
        assert gsm7.segment_count(body) == 1


async def test_a_campaign_that_asks_for_oui_gets_no_menu(bot):
    await team(bot)
    await tagged_citizens(bot, ["+15145550410"])
    bot.tg.push_text(COORD, "/campagne canicule Répondez OUI si vous voulez de l'eau livrée.")
    (ask,) = await said(bot, COORD, "Envoyer à 1 personne (canicule)")
    assert "Tout va bien" not in ask["text"]
    go, _no = _buttons(ask)
    bot.tg.push_callback(COORD, ask["message_id"], go["callback_data"])
    (body,) = await bot.sms_replies("+15145550410")
    assert body.startswith("Répondez OUI si vous voulez de l'eau livrée.")
    assert "1)" not in body and "Tout va bien" not in body
    await bot.sms("OUI", from_="+15145550410")
    (context,) = await said(bot, JADE, "répond à la campagne")
    assert context["text"] == (
        "#A1 répond à la campagne 1: « Répondez OUI si vous voulez de l'eau livrée. »"
    )
    await followups.sweep(bot.relais)


async def test_erasure_deletes_the_held_words(desk):
    ask = await _held(desk)
    assert len(await desk.rows("SELECT id FROM pending_sms")) == 1
    await desk.sms("OUBLIER")
    await desk.sms_replies(CITIZEN_NUMBER, count=3)
    await desk.sms("OUI")
    await desk.sms_replies(CITIZEN_NUMBER, count=4)
    assert await desk.rows("SELECT id FROM pending_sms") == []
    _as_is, folded = _buttons(ask)
    desk.tg.push_callback(JADE, ask["message_id"], folded["callback_data"])
    await said(desk, JADE, "déjà été envoyé")
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 4


async def test_check_in_words_show_their_count_and_can_go_without_accents(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, f"/suivi 2h {LONG}")
    (confirmed,) = await said(desk, JADE, "Ce suivi partira en 4 SMS")  # the menu included
    assert "sans accents: 2 SMS" in confirmed["text"]
    (button,) = _buttons(confirmed)
    assert button["text"] == "Envoyer sans accents (2 SMS)"
    desk.tg.push_callback(JADE, confirmed["message_id"], button["callback_data"])
    await said(desk, JADE, "le suivi partira sans accents")
    (row,) = await desk.rows("SELECT message FROM followups")
    assert row["message"].startswith("ETES-VOUS disponible")
