"""Coordinators in Telegram: /garde shows the rota; /remplacer swaps a shift once confirmed.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.channels.memory import Sent
from bot.desk.coordinator import swap_shift
from bot.rota import rota
from bot.sim.harness import Service
from storage import rota as rota_store
from storage import workers
from storage.db import Database
from storage.workers import Worker
from tests import service as svc
from tests.service import CITIZEN

JADE, LEA, CLAUDE = 9201, 9202, 9203
MTL = ZoneInfo("America/Montreal")


@dataclass
class Crew:
    service: Service
    jade: Worker
    lea: Worker
    claude: Worker


@pytest.fixture
async def crew() -> AsyncIterator[Crew]:
    """Jade on duty all week; Léa off the rota; Claude, coordinator, off the rota."""
    async with svc.running() as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        lea = await svc.add_worker(service, "Léa Martin", LEA, org="Sésame")
        claude = await svc.add_worker(
            service, "Claude Roy", CLAUDE, role="coordinator", org="Table de quartier"
        )
        await svc.always_on_duty(service, jade)
        yield Crew(service, jade, lea, claude)


async def on_duty_soon(service: Service) -> list[str]:
    """Names on duty two minutes from now (past the minute a swap is cut at)."""
    shifts = await rota_store.list_shifts(service.db)
    ids = rota.on_duty(shifts, service.now() + timedelta(minutes=2), MTL)
    return sorted([(await workers.get(service.db, i)).name for i in ids])


def buttons(message: Sent) -> list[tuple[str, str]]:
    return [(label, data) for data, label in message.buttons or []]


async def test_garde_says_who_is_on_duty_and_who_is_next(crew):
    service = crew.service
    await service.worker_text(crew.claude, "/garde")
    answer = svc.last(service, crew.claude, "De garde maintenant")
    assert "- Jade Tremblay, jusqu'à " in answer.body
    assert "Prochain quart: Jade Tremblay, " in answer.body and " à 0 h" in answer.body


async def test_workers_who_are_not_coordinators_are_refused(crew):
    service, jade, lea = crew.service, crew.jade, crew.lea
    shifts_before = await rota_store.count(service.db)
    for text in ("/garde", "/remplacer Léa"):
        await service.worker_text(jade, text)
    await service.worker_press(jade, f"w:rpick:{lea.id}:{jade.id}", "1")
    await service.worker_press(jade, f"w:repl:{lea.id}:{jade.id}:0", "1")
    assert len(service.said(jade, "pas permise")) == 4
    assert not service.said(jade, "De garde")
    assert await rota_store.count(service.db) == shifts_before
    assert await on_duty_soon(service) == ["Jade Tremblay"]


async def test_replace_a_worker_after_confirming_and_the_queue_follows(crew):
    service, jade, lea, claude = crew.service, crew.jade, crew.lea, crew.claude
    await service.citizen_sms(CITIZEN, "Besoin d'aide pour un formulaire")
    assert service.cards(jade)
    await service.worker_text(claude, "/remplacer lea pour Jade Tremblay")
    ask = svc.last(service, claude, "Confirmer?")
    assert ask.body.startswith("Léa Martin remplace Jade Tremblay dès maintenant, jusqu'à")
    (confirm, _), (cancel, _) = buttons(ask)
    assert (confirm, cancel) == ("Confirmer", "Annuler")
    assert await on_duty_soon(service) == ["Jade Tremblay"]  # nothing changes before the press
    await service.worker_press(claude, buttons(ask)[0][1], ask.message_id)
    svc.last(service, claude, "C'est fait: Léa Martin remplace Jade Tremblay")
    svc.last(service, jade, "Léa Martin prend la suite de votre quart")
    svc.last(service, lea, "Vous remplacez Jade Tremblay")
    queued = svc.last(service, lea, "Nouvelle demande #A1")
    assert svc.take(queued) == "w:claim:1"
    assert await on_duty_soon(service) == ["Léa Martin"]
    await service.citizen_sms("+15145550122", "J'ai besoin de parler a quelqu'un")
    svc.last(service, lea, "Nouvelle demande #A2")
    assert not service.said(jade, "#A2")


async def test_replace_the_coordinators_own_shift(crew):
    service, claude = crew.service, crew.claude
    await svc.always_on_duty(service, crew.jade, claude)
    await service.worker_text(claude, "/remplacer Léa Martin")
    ask = svc.last(service, claude, "Confirmer?")
    assert ask.body.startswith("Léa Martin remplace Claude Roy dès maintenant")
    await service.worker_press(claude, buttons(ask)[0][1], ask.message_id)
    svc.last(service, crew.lea, "Vous remplacez Claude Roy")
    assert await on_duty_soon(service) == ["Jade Tremblay", "Léa Martin"]


async def test_off_duty_coordinator_picks_whose_shift_then_can_cancel(crew):
    service, claude = crew.service, crew.claude
    before = await rota_store.count(service.db)
    await service.worker_text(claude, "/remplacer Léa")
    pick = svc.last(service, claude, "remplace qui?")
    labels = [label for label, _ in buttons(pick)]
    assert labels[0].startswith("Jade Tremblay (jusqu'à ") and labels[-1] == "Annuler"
    await service.worker_press(claude, buttons(pick)[0][1], pick.message_id)
    ask = svc.last(service, claude, "Confirmer?")
    await service.worker_press(claude, buttons(ask)[1][1], ask.message_id)
    svc.last(service, claude, "Remplacement annulé")
    assert await rota_store.count(service.db) == before
    assert await on_duty_soon(service) == ["Jade Tremblay"]


async def test_stale_or_unknown_requests_change_nothing(crew):
    service, claude = crew.service, crew.claude
    await service.worker_press(claude, f"w:repl:{crew.lea.id}:{crew.jade.id}:12345", "1")
    svc.last(service, claude, "Ce quart a changé entre-temps")
    await service.worker_text(claude, "/remplacer Personne Inconnue")
    svc.last(service, claude, "Je ne trouve pas d'intervenant actif nommé Personne Inconnue")
    await service.worker_text(claude, "/remplacer Léa pour Claude Roy")
    svc.last(service, claude, "Claude Roy n'est pas de garde en ce moment.")
    assert await on_duty_soon(service) == ["Jade Tremblay"]


async def test_coordinator_help_lists_the_coordination_commands(crew):
    service = crew.service
    await service.worker_text(crew.claude, "/aide")
    svc.last(service, crew.claude, "Coordination: /garde")
    await service.worker_text(crew.jade, "/aide")
    svc.last(service, crew.jade, "Commandes:")
    assert not service.said(crew.jade, "Coordination")


async def test_swap_of_an_overnight_shift_keeps_both_workers_other_shifts(tmp_path):
    start = datetime(2026, 11, 1, tzinfo=UTC)
    async with Database(str(tmp_path / "relais.db")) as db:
        jade = await workers.add(db, "Jade", start, telegram_id=1)
        lea = await workers.add(db, "Léa", start, telegram_id=2)
        await rota_store.add(
            db,
            [
                rota_store.Shift(jade.id, time(22), time(6), weekday=1),  # Tuesday night
                rota_store.Shift(jade.id, time(18), time(20), weekday=1),
                rota_store.Shift(lea.id, time(9), time(17), weekday=2),  # Wednesday day
            ],
            "cli",
            start,
        )
        tuesday, wednesday = date(2026, 11, 24), date(2026, 11, 25)
        now = rota.local_moment(wednesday, time(1, 30, 20), MTL)
        (slot,) = rota.current_slots(await rota_store.list_shifts(db), now, MTL)
        async with db.transaction() as conn:
            assert await swap_shift(conn, slot, lea, now, MTL) is not None
        shifts = await rota_store.list_shifts(db)

    def at(day: date, hour: int, minute: int = 0) -> list[int]:
        return rota.on_duty(shifts, rota.local_moment(day, time(hour, minute), MTL), MTL)

    assert at(tuesday, 19) == [jade.id]  # her other shift of that day is kept
    assert at(tuesday, 23) == [jade.id]
    assert at(wednesday, 1, 29) == [jade.id]
    assert at(wednesday, 1, 31) == [lea.id]
    assert at(wednesday, 5, 59) == [lea.id]
    assert at(wednesday, 6, 1) == []
    assert at(wednesday, 10) == [lea.id]  # her own weekly shift of that day is kept
    assert at(date(2026, 12, 1), 23) == [jade.id]  # next week: the weekly rota again
