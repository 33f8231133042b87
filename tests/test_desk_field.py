"""Issue 13, desk in the field: cards keep the words, STOP/START reach the worker, alerts help.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP).
"""

from __future__ import annotations

from tests import service as svc
from tests import test_e2e_worker
from tests.service import CITIZEN, CITIZEN_SMS, take
from tests.test_followups import due, scheduled, taken, unanswered_for_a_day

office = test_e2e_worker.office  # the fixture: Jade (fr) and Karim (fr, en) on duty all week


async def test_a_claimed_card_keeps_the_citizens_words(office):
    service, jade, karim = office
    await service.citizen_sms(CITIZEN, "J'ai besoin de parler à quelqu'un, je suis seule")
    [card] = service.cards(jade)
    [karim_card] = service.cards(karim)
    await service.worker_press(jade, take(card), card.message_id)
    assert karim_card.body == (
        "#A1 a été pris par Jade Tremblay.\n« J'ai besoin de parler à quelqu'un, je suis seule »"
    )
    assert not karim_card.buttons
    assert karim_card.edits and "Nouvelle demande #A1" in karim_card.edits[0]  # edited in place


async def test_the_worker_is_told_when_her_citizen_stops_and_comes_back(office):
    service, jade, karim = office
    await svc.takes(service, jade, CITIZEN, "Bonjour, je voudrais de l'aide pour mes courses")
    await service.citizen_sms(CITIZEN, "STOP")
    [told] = service.said(jade, "a écrit STOP")
    assert told.body.startswith("#A1: la personne a écrit STOP")
    await service.citizen_sms(CITIZEN, "REPRENDRE")
    [back] = service.said(jade, "accepte de nouveau")
    assert back.body == (
        "#A1: la personne accepte de nouveau les messages; vous pouvez lui écrire."
    )
    assert not service.said(karim, "STOP")  # only the worker of the case


async def test_the_no_answer_alert_gives_steps_not_a_phone_call(office):
    service, jade, _ = office
    alias = await taken(service, jade)
    (row,) = await scheduled(service, jade, "/suivi 1j")
    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 3
    await unanswered_for_a_day(service, row)
    [alert] = service.said(jade, "pas de réponse")
    text = alert.body
    assert "appeler" not in text and "passer" not in text  # no number, no address is known
    assert f"/suivi {alias} 2h" in text
    assert "coordination" in text
    assert "avec son accord" in text


async def test_fin_offers_no_check_in_when_one_is_already_scheduled(office):
    service, jade, _ = office
    alias = await taken(service, jade)
    await scheduled(service, jade, "/suivi 1sem")
    closed = await svc.close(service, jade, alias, offer=False)
    assert f"{alias} est fermé" in closed.body
    assert not service.said(jade, "Prévoir un suivi")  # all is drained: none came after


async def test_fin_still_offers_a_check_in_when_none_is_scheduled(office):
    service, jade, _ = office
    alias = await taken(service, jade)
    offer = await svc.close(service, jade, alias)
    assert offer.buttons
    assert all(data.startswith("w:suivi:") for data in offer.choices)
