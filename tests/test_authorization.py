"""Who may act on which case: forged Take buttons, replies to closed cases, odd digits.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP), but for the
forged Take, kept over HTTP as an attacker sends it: a callback query through Telegram.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.desk.policy import Action, Refusal, Standing, may
from bot.sim.harness import Service
from storage.requests import Request
from storage.workers import Worker
from tests import service as svc
from tests.conftest import CITIZEN_NUMBER
from tests.service import CITIZEN, CITIZEN_SMS, takes
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty

LEA = 9004  # linked, active, never on duty, never paged
SORRY = "problème technique"


@pytest.fixture
async def desk(bot):
    """Jade and Karim on duty all week; Léa linked but off duty; a coordinator off duty."""
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await add_worker(bot.db, "Léa Roy", LEA)
    await add_worker(bot.db, "Chantal Coord", COORD, role="coordinator")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def said(bot, chat_id: int, words: str) -> str:
    return await bot.tg.wait_for(
        lambda: next((t for t in bot.tg.texts(chat_id) if words in t), None)
    )


async def test_forged_take_from_a_worker_who_never_got_the_card_is_refused(desk):
    await desk.sms("J'ai besoin d'aide")
    await desk.telegram_replies(JADE)
    desk.tg.push_callback(LEA, 1, "w:claim:1")
    await said(desk, LEA, "pas permise")
    (row,) = await desk.rows("SELECT status, claimed_by FROM requests")
    assert tuple(row) == ("waiting", None)
    audit = await desk.rows("SELECT actor, action, request_id FROM audit WHERE action = ?",
                            ("case.refused",))  # fmt: skip
    assert [tuple(r) for r in audit] == [("worker:3", "case.refused", 1)]
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 1  # only "your request is passed on"


@pytest.fixture
async def office():
    """The same team on the service layer: Jade, Karim, Léa, the coordinator."""
    async with svc.running() as service:
        jade, karim = await svc.jade_and_karim(service)
        await svc.add_worker(service, "Léa Roy", LEA)
        coord = await svc.add_worker(service, "Chantal Coord", COORD, role="coordinator")
        yield service, jade, karim, coord


async def status(service: Service) -> tuple:
    (row,) = await service.rows("SELECT status, claimed_by FROM requests")
    return tuple(row)


async def test_on_duty_worker_without_the_card_and_a_coordinator_off_duty_may_take(office):
    service, jade, karim, coord = office
    await service.citizen_telegram(7777, "I need help with groceries", language_code="en")
    assert service.cards(karim)
    cards = await service.rows("SELECT worker_id FROM cards")
    assert [r["worker_id"] for r in cards] == [2]  # English: the card went to Karim only
    await service.worker_press(jade, "w:claim:1", "1")  # on duty: may cover for the English
    assert service.said(jade, "Vous avez pris #A1")
    assert await status(service) == ("claimed", 1)
    await service.citizen_sms("+15145550122", "Other thing")
    assert len(service.worker_transcript(karim)) == 2
    await service.worker_press(coord, "w:claim:2", "1")  # coordinators may take any
    assert service.said(coord, "Vous avez pris #A2")


async def test_reply_to_a_message_of_a_closed_case_does_not_reach_the_citizen(office):
    service, jade, _, _ = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    [took] = service.said(jade, "Vous avez pris")
    await service.worker_press(jade, "w:fin:1:ecoute", "1")
    assert service.said(jade, "quel profil")
    await service.worker_press(jade, "w:prof:1:aine", "1")
    assert len(service.texts(CITIZEN_SMS)) == 3  # "your request is closed"
    await service.worker_text(jade, "Un dernier mot pour vous", reply_to=took.message_id)
    [answer] = service.said(jade, "rien n'a été envoyé")
    assert answer.body.startswith("#A1 est fermé") and "/dossiers" in answer.body
    assert len(service.texts(CITIZEN_SMS)) == 3


@pytest.mark.parametrize(
    "data",
    [
        "w:claim:²",
        "w:claim:99999999999999999999",
        "w:claim:1:1",
        "w:fin:²:ecoute",
        "w:prof:99999999999999999999:aine",
        "w:rdvd:1:1:99991231",
        "w:rdvt:1:1:20261203:2575",
        "w:suivi:1:²",
        "w:suivix:٣",
        "w:repl:1:2:99999999999999999999",
        "w:nothing:1",
    ],
)
async def test_odd_callback_data_is_refused_without_an_apology(office, data):
    service, jade, _, _ = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    await service.worker_press(jade, data, "1")
    assert service.said(jade, "pas permise")
    assert not any(SORRY in t for t in service.worker_texts(jade))
    assert await service.rows("SELECT id FROM inbound WHERE status = 'failed'") == []
    assert await status(service) == ("claimed", 1)


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("/suivi 9999-12-31 23:59", "/suivi 3j"),
        ("/suivi #A99999999999999999999 3j", "À quel dossier"),
        ("/fin #A99999999999999999999", "À quel dossier"),
        ("/rdv #A² Sésame demain 14h", "À quel dossier"),
        ("/rdv Sésame 9999-12-31 23h", "9999-12-31"),
    ],
)
async def test_odd_command_arguments_get_the_usage_line(office, command, usage):
    service, jade, _, _ = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    await service.worker_text(jade, command)
    assert service.said(jade, usage)
    assert not any(SORRY in t for t in service.worker_texts(jade))
    assert await service.rows("SELECT id FROM inbound WHERE status = 'failed'") == []


async def test_a_failed_step_tells_the_coordinators_by_id_only(office):
    service, jade, _, coord = office
    await takes(service, jade, CITIZEN, "J'ai besoin d'aide")
    async with service.db.transaction() as conn:
        await conn.execute("DROP TABLE notes")  # a real fault: the next /note cannot be stored
    await service.worker_text(jade, "/note Semble isolée")
    assert service.said(jade, SORRY)
    [alert] = service.said(coord, "Erreur technique")
    (failed,) = await service.rows("SELECT id FROM inbound WHERE status = 'failed'")
    assert f"n° {failed['id']}" in alert.body and "isolée" not in alert.body


async def test_every_feature_registers_its_button_prefixes_once(office):
    prefixes = office[0].relais.desk.callbacks.prefixes()
    expected = {"claim", "fin", "prof", "suivi", "suivix", "camp", "rdvp", "rdvd", "rdvt", "rdvx"}
    assert expected | {"res", "rpick", "repl", "replno"} <= set(prefixes)


def test_the_rules_of_who_may_act_on_which_request():
    def worker(id_: int, role: str = "worker", active: bool = True) -> Worker:
        return Worker(id_, f"W{id_}", 100 + id_, "", ("fr",), role, active)

    def request(status: str, by: int | None = None) -> Request:
        at = datetime(2026, 12, 1, tzinfo=UTC)
        return Request(7, 1, "sms", "fr", "", False, status, False, at, by, None, 0, "citizen")

    nothing, card, duty = Standing(), Standing(got_card=True), Standing(on_duty=True)
    waiting = request("waiting")
    assert may(worker(1), Action.CLAIM, waiting, nothing) is Refusal.NOT_ALLOWED
    assert may(worker(1), Action.CLAIM, waiting, card) is None
    assert may(worker(1), Action.CLAIM, waiting, duty) is None
    assert may(worker(1, "coordinator"), Action.CLAIM, waiting, nothing) is None
    assert may(worker(1, active=False), Action.CLAIM, waiting, card) is Refusal.NOT_ALLOWED
    assert may(worker(1), Action.CLAIM, request("claimed", 2), card) is Refusal.TAKEN
    assert may(worker(1), Action.CLAIM, request("claimed", 2), nothing) is Refusal.NOT_ALLOWED
    assert may(worker(1), Action.WORK, request("claimed", 1), nothing) is None
    assert may(worker(1), Action.WORK, request("claimed", 2), duty) is Refusal.NOT_ALLOWED
    assert may(worker(1), Action.WORK, request("closed", 1), nothing) is Refusal.CLOSED
    assert may(worker(1), Action.FOLLOW_UP, request("closed", 1), nothing) is None
    assert may(worker(1), Action.FOLLOW_UP, request("closed", 2), nothing) is Refusal.NOT_ALLOWED
