"""`/ressource`: a worker finds a resource and sends it to the citizen of a case, end to end.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP).
"""

from __future__ import annotations

import pytest

from bot.channels.gsm7 import segment_count
from bot.channels.memory import Sent
from bot.sim.harness import Service
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS, take, takes

JADE, KARIM = 9001, 9002
CHAT = 5151  # a citizen on Telegram


@pytest.fixture
async def desk():
    async with svc.running() as service:
        jade = await svc.add_worker(
            service, "Jade Tremblay", JADE, languages=("fr", "en"), org="Maison"
        )
        karim = await svc.add_worker(service, "Karim Haddad", KARIM, org="Sésame")
        await svc.always_on_duty(service, jade, karim)
        yield service, jade, karim


async def take_sms_case(service: Service, jade) -> None:
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide pour manger cette semaine")
    assert len(service.texts(CITIZEN_SMS)) == 2


def buttons(message: Sent) -> list[tuple[str, str]]:
    return [(label, data) for data, label in message.buttons or []]


async def referrals(service: Service) -> list[tuple]:
    rows = await service.rows(
        "SELECT s.name, r.category, r.channel, r.request_id FROM referrals AS r"
        " JOIN resources AS s ON s.id = r.resource_id ORDER BY r.id"
    )
    return [tuple(row) for row in rows]


async def test_worker_picks_a_resource_and_the_citizen_gets_it_by_sms(desk):
    service, jade, _ = desk
    await take_sms_case(service, jade)
    await service.worker_text(jade, "/ressource repas communautaire")
    shown = svc.last(service, jade, "Ressources pour #A1")
    choices = buttons(shown)
    assert 1 <= len(choices) <= 5 and choices[0][0] == "Dîners communautaires"
    assert "Repas chaud" in shown.body  # as the citizen will read it
    assert all(data.startswith("w:res:1:") and len(data.encode()) <= 64 for _, data in choices)
    assert await referrals(service) == []  # showing the worker is not a referral
    await service.worker_press(jade, choices[0][1], shown.message_id)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    sent = replies[2]
    assert sent.startswith("Jade vous envoie cette ressource:\nDîners communautaires - 514")
    assert segment_count(sent) <= 3
    assert service.said(jade, "Ressource envoyée à #A1: Dîners communautaires")
    assert await referrals(service) == [("Dîners communautaires", "food", "sms", 1)]
    # The activity report counts it as a worker's referral, not a citizen's own search.
    rows = await service.rows("SELECT given_by FROM referrals")
    assert [r["given_by"] for r in rows] == ["worker"]


async def test_a_telegram_citizen_gets_it_in_english(desk):
    service, jade, _ = desk
    await service.citizen_telegram(CHAT, "Hello, I need food for my kids", language_code="en")
    card = svc.last(service, jade, "#A1")
    await service.worker_press(jade, take(card), card.message_id)
    assert len(service.transcript(f"telegram:{CHAT}")) >= 2
    await service.worker_text(jade, "/ressource épicerie")
    shown = svc.last(service, jade, "Ressources pour #A1")
    await service.worker_press(jade, buttons(shown)[0][1], shown.message_id)
    [sent] = [t for t in service.texts(f"telegram:{CHAT}") if "sends you this resource" in t]
    assert sent.startswith("Jade sends you this resource:\nÉpicerie solidaire du quartier")
    assert "Low-cost grocery" in sent
    assert await referrals(service) == [("Épicerie solidaire du quartier", "food", "telegram", 1)]


async def test_only_the_worker_with_the_case_can_send(desk):
    service, jade, karim = desk
    await take_sms_case(service, jade)
    await service.worker_text(jade, "/ressource repas")
    shown = svc.last(service, jade, "Ressources pour #A1")
    await service.worker_press(karim, buttons(shown)[0][1], "1")
    assert service.said(karim, "pas permise")
    await service.worker_text(karim, "/ressource repas")
    assert service.said(karim, "aucun dossier ouvert")
    assert len(service.texts(CITIZEN_SMS)) == 2
    assert await referrals(service) == []


async def test_usage_and_no_result(desk):
    service, jade, _ = desk
    await take_sms_case(service, jade)
    await service.worker_text(jade, "/ressource")
    assert service.said(jade, "Écrivez /ressource suivi de quelques mots")
    await service.worker_text(jade, "/ressource xylophone quantique")
    assert service.said(jade, "Aucune ressource trouvée pour « xylophone quantique »")
    assert len(service.texts(CITIZEN_SMS)) == 2
