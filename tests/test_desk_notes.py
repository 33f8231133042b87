"""Issue 13, desk in the field: notes are readable, a transfer carries the case, names match.

On the service layer (tests/service.py): the real bot on a fake clock, no HTTP.
"""

from __future__ import annotations

import pytest

from flows.text import When
from storage.clock import from_db
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS, close, take, takes

JADE, KARIM, KARIM_B = 9001, 9002, 9004
FIRST_WORDS = "Bonjour, je voudrais de l'aide pour mes courses"


@pytest.fixture
async def desk(database: str):
    """Jade takes a citizen's request; Karim is on duty too (on both engines, tests/pg.py)."""
    async with svc.running(database=database) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        karim = await svc.add_worker(
            service, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame"
        )
        await svc.always_on_duty(service, jade, karim)
        await takes(service, jade, CITIZEN, FIRST_WORDS)
        yield service, jade, karim


async def test_notes_are_listed_by_slash_notes(desk):
    service, jade, _ = desk
    await service.worker_text(jade, "/note Préfère être appelée le matin")
    assert len(service.said(jade, "Note ajoutée à #A1")) == 1
    await service.worker_text(jade, "/note Vit seule, 3e étage sans ascenseur")
    assert len(service.said(jade, "Note ajoutée")) == 2
    await service.worker_text(jade, "/notes")
    [shown] = service.said(jade, "notes de #A1")
    text = shown.body
    assert text.startswith("2 notes de #A1 (visibles seulement par l'équipe):")
    assert "Jade: Préfère être appelée le matin" in text
    assert text.index("le matin") < text.index("ascenseur")  # oldest first


async def test_notes_of_a_case_without_any_say_so(desk):
    service, jade, _ = desk
    await service.worker_text(jade, "/notes #A1")
    assert service.said(jade, "#A1 n'a aucune note.")


async def test_transfer_by_first_name_carries_card_history_and_notes(desk):
    service, jade, karim = desk
    await service.citizen_sms(CITIZEN, "Je suis au 3e étage")
    assert service.said(jade, "#A1: Je suis au 3e étage")
    await service.worker_text(jade, "Je passe demain vers 10 h")
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.worker_text(jade, "/note Préfère le matin")
    assert service.said(jade, "Note ajoutée")
    first = "2026-11-02T15:00:00+00:00"  # the first words came another day: its date is shown
    await service.db.execute("UPDATE inbound SET received_at = ? WHERE id = 1", (first,))
    await service.worker_text(jade, "/transferer karim")  # first name, lowercase
    assert service.said(jade, "#A1 est transféré à Karim Haddad.")
    [history] = service.said(karim, "Historique de #A1")
    text = history.body
    day = service.relais.i18n.when(When(from_db(first)), "fr")
    assert f"{day}, la personne: {FIRST_WORDS}" in text
    assert "la personne: Je suis au 3e étage" in text
    assert "Relais: Je passe demain vers 10 h" in text
    assert text.index("courses") < text.index("3e étage") < text.index("demain vers")
    [notes] = service.said(karim, "Note de #A1")
    assert "Jade: Préfère le matin" in notes.body
    rows = await service.rows("SELECT claimed_by FROM requests")
    assert rows[0]["claimed_by"] == 2


async def test_an_ambiguous_first_name_offers_a_choice(desk):
    service, jade, karim = desk
    benali = await svc.add_worker(service, "Karim Benali", KARIM_B, org="Sésame")
    await service.worker_text(jade, "/transferer Karim")
    [ask] = service.said(jade, "Plusieurs intervenants s'appellent Karim")
    buttons = ask.buttons or []
    assert sorted(label for _, label in buttons) == ["Karim Benali", "Karim Haddad"]
    benali_data = next(data for data, label in buttons if label == "Karim Benali")
    await service.worker_press(karim, benali_data, "1")  # not Karim's case: refused
    assert service.said(karim, "pas permise")
    await service.worker_press(jade, benali_data, ask.message_id)
    assert service.said(jade, "#A1 est transféré à Karim Benali.")
    assert service.said(benali, "Historique de #A1")
    rows = await service.rows("SELECT claimed_by FROM requests")
    assert rows[0]["claimed_by"] == 3


async def test_an_unknown_name_is_still_refused(desk):
    service, jade, _ = desk
    await service.worker_text(jade, "/transferer Zoé")
    assert service.said(jade, "Je ne trouve pas d'intervenant actif nommé Zoé.")


async def test_a_returning_citizens_new_case_comes_with_the_earlier_notes(desk):
    service, jade, karim = desk
    await service.worker_text(jade, "/note Préfère le matin; fille à Laval")
    assert service.said(jade, "Note ajoutée")
    await close(service, jade, "#A1")
    await service.citizen_sms(CITIZEN, "Bonjour, c'est encore moi pour l'épicerie")
    [card] = service.said(karim, "Nouvelle demande #A2")
    await service.worker_press(karim, take(card), card.message_id)
    [earlier] = service.said(karim, "Notes des dossiers précédents")
    assert earlier.body.startswith("Notes des dossiers précédents de la personne (#A2):")
    assert "Jade (#A1): Préfère le matin; fille à Laval" in earlier.body
