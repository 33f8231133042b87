"""Issue 13, desk in the field: notes are readable, a transfer carries the case, names match."""

from __future__ import annotations

import pytest

from flows.text import When
from storage.clock import from_db
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty, jade_takes, take_button
from tests.test_followups import close, said

KARIM_B = 9004


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def test_notes_are_listed_by_slash_notes(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "/note Préfère être appelée le matin")
    await said(desk, JADE, "Note ajoutée à #A1")
    desk.tg.push_text(JADE, "/note Vit seule, 3e étage sans ascenseur")
    await said(desk, JADE, "Note ajoutée", count=2)
    desk.tg.push_text(JADE, "/notes")
    (shown,) = await said(desk, JADE, "notes de #A1")
    text = shown["text"]
    assert text.startswith("2 notes de #A1 (visibles seulement par l'équipe):")
    assert "Jade: Préfère être appelée le matin" in text
    assert text.index("le matin") < text.index("ascenseur")  # oldest first


async def test_notes_of_a_case_without_any_say_so(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "/notes #A1")
    await said(desk, JADE, "#A1 n'a aucune note.")


async def test_transfer_by_first_name_carries_card_history_and_notes(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    await desk.sms("Je suis au 3e étage")
    await said(desk, JADE, "#A1: Je suis au 3e étage")
    desk.tg.push_text(JADE, "Je passe demain vers 10 h")
    await desk.sms_replies(count=3)
    desk.tg.push_text(JADE, "/note Préfère le matin")
    await said(desk, JADE, "Note ajoutée")
    first = "2026-11-02T15:00:00+00:00"  # the first words came another day: its date is shown
    await desk.db.execute("UPDATE inbound SET received_at = ? WHERE id = 1", (first,))
    desk.tg.push_text(JADE, "/transferer karim")  # first name, lowercase
    await said(desk, JADE, "#A1 est transféré à Karim Haddad.")
    (history,) = await said(desk, KARIM, "Historique de #A1")
    text = history["text"]
    day = desk.relais.i18n.when(When(from_db(first)), "fr")
    assert f"{day}, la personne: Bonjour, je voudrais de l'aide pour mes courses" in text
    assert "la personne: Je suis au 3e étage" in text
    assert "Relais: Je passe demain vers 10 h" in text
    assert text.index("courses") < text.index("3e étage") < text.index("demain vers")
    (notes,) = await said(desk, KARIM, "Note de #A1")
    assert "Jade: Préfère le matin" in notes["text"]
    rows = await desk.rows("SELECT claimed_by FROM requests")
    assert rows[0]["claimed_by"] == 2


async def test_an_ambiguous_first_name_offers_a_choice(desk):
    await add_worker(desk.db, "Karim Benali", KARIM_B, org="Sésame")
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "/transferer Karim")
    (ask,) = await said(desk, JADE, "Plusieurs intervenants s'appellent Karim")
    buttons = [row[0] for row in ask["reply_markup"]["inline_keyboard"]]
    assert sorted(b["text"] for b in buttons) == ["Karim Benali", "Karim Haddad"]
    benali = next(b for b in buttons if b["text"] == "Karim Benali")
    desk.tg.push_callback(KARIM, 1, benali["callback_data"])  # not Karim's case: refused
    await said(desk, KARIM, "pas permise")
    desk.tg.push_callback(JADE, ask["message_id"], benali["callback_data"])
    await said(desk, JADE, "#A1 est transféré à Karim Benali.")
    await said(desk, KARIM_B, "Historique de #A1")
    rows = await desk.rows("SELECT claimed_by FROM requests")
    assert rows[0]["claimed_by"] == 3


async def test_an_unknown_name_is_still_refused(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "/transferer Zoé")
    await said(desk, JADE, "Je ne trouve pas d'intervenant actif nommé Zoé.")


async def test_a_returning_citizens_new_case_comes_with_the_earlier_notes(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    desk.tg.push_text(JADE, "/note Préfère le matin; fille à Laval")
    await said(desk, JADE, "Note ajoutée")
    await close(desk, "#A1")
    await desk.sms("Bonjour, c'est encore moi pour l'épicerie")
    (card,) = await said(desk, KARIM, "Nouvelle demande #A2")
    desk.tg.push_callback(KARIM, card["message_id"], take_button(card))
    (earlier,) = await said(desk, KARIM, "Notes des dossiers précédents")
    assert earlier["text"].startswith("Notes des dossiers précédents de la personne (#A2):")
    assert "Jade (#A1): Préfère le matin; fille à Laval" in earlier["text"]
