"""Who may act on which case: forged Take buttons, replies to closed cases, odd digits."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from bot.desk.policy import Action, Refusal, Standing, may
from storage.requests import Request
from storage.workers import Worker
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty, jade_takes

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


def reply_to(bot, chat_id: int, message: dict, text: str) -> None:
    """A worker answers (swipe to reply) one of the bot's messages."""
    bot.tg.push_update(
        {
            "message": {
                "message_id": bot.tg._next_message_id(chat_id),
                "from": bot.tg._user(chat_id, "fr"),
                "chat": bot.tg._chat(chat_id),
                "date": int(time.time()),
                "text": text,
                "reply_to_message": message,
            }
        }
    )


async def said(bot, chat_id: int, words: str) -> str:
    return await bot.tg.wait_for(
        lambda: next((t for t in bot.tg.texts(chat_id) if words in t), None)
    )


async def status(bot) -> tuple:
    (row,) = await bot.rows("SELECT status, claimed_by FROM requests")
    return tuple(row)


async def test_forged_take_from_a_worker_who_never_got_the_card_is_refused(desk):
    await desk.sms("J'ai besoin d'aide")
    await desk.telegram_replies(JADE)
    desk.tg.push_callback(LEA, 1, "w:claim:1")
    await said(desk, LEA, "pas permise")
    assert await status(desk) == ("waiting", None)
    audit = await desk.rows("SELECT actor, action, request_id FROM audit WHERE action = ?",
                            ("case.refused",))  # fmt: skip
    assert [tuple(r) for r in audit] == [("worker:3", "case.refused", 1)]
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 1  # only "your request is passed on"


async def test_on_duty_worker_without_the_card_and_a_coordinator_off_duty_may_take(desk):
    desk.tg.push_text(7777, "I need help with groceries", language_code="en")
    await desk.telegram_replies(KARIM)
    cards = await desk.rows("SELECT worker_id FROM cards")
    assert [r["worker_id"] for r in cards] == [2]  # English: the card went to Karim only
    desk.tg.push_callback(JADE, 1, "w:claim:1")  # on duty: may cover for the English speaker
    await said(desk, JADE, "Vous avez pris #A1")
    assert await status(desk) == ("claimed", 1)
    await desk.sms("Other thing", from_="+15145550122")
    await desk.telegram_replies(KARIM, count=2)
    desk.tg.push_callback(COORD, 1, "w:claim:2")  # coordinators may take any
    await said(desk, COORD, "Vous avez pris #A2")


async def test_reply_to_a_message_of_a_closed_case_does_not_reach_the_citizen(desk):
    await jade_takes(desk, "J'ai besoin d'aide")
    took = await desk.tg.wait_for(
        lambda: next(
            (m for m in desk.tg.sent_messages(JADE) if "Vous avez pris" in m["text"]), None
        )
    )
    desk.tg.push_callback(JADE, 1, "w:fin:1:ecoute")
    await said(desk, JADE, "quel profil")
    desk.tg.push_callback(JADE, 1, "w:prof:1:aine")
    await desk.sms_replies(count=3)  # "your request is closed"
    reply_to(desk, JADE, took, "Un dernier mot pour vous")
    answer = await said(desk, JADE, "rien n'a été envoyé")
    assert answer.startswith("#A1 est fermé") and "/dossiers" in answer
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 3


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
async def test_odd_callback_data_is_refused_without_an_apology(desk, data):
    await jade_takes(desk, "J'ai besoin d'aide")
    desk.tg.push_callback(JADE, 1, data)
    await said(desk, JADE, "pas permise")
    assert not any(SORRY in t for t in desk.tg.texts(JADE))
    assert await desk.rows("SELECT id FROM inbound WHERE status = 'failed'") == []
    assert await status(desk) == ("claimed", 1)


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
async def test_odd_command_arguments_get_the_usage_line(desk, command, usage):
    await jade_takes(desk, "J'ai besoin d'aide")
    desk.tg.push_text(JADE, command)
    await said(desk, JADE, usage)
    assert not any(SORRY in t for t in desk.tg.texts(JADE))
    assert await desk.rows("SELECT id FROM inbound WHERE status = 'failed'") == []


async def test_a_failed_step_tells_the_coordinators_by_id_only(desk):
    await jade_takes(desk, "J'ai besoin d'aide")
    async with desk.relais.db.transaction() as conn:
        await conn.execute("DROP TABLE notes")  # a real fault: the next /note cannot be stored
    desk.tg.push_text(JADE, "/note Semble isolée")
    await said(desk, JADE, SORRY)
    alert = await said(desk, COORD, "Erreur technique")
    (failed,) = await desk.rows("SELECT id FROM inbound WHERE status = 'failed'")
    assert f"n° {failed['id']}" in alert and "isolée" not in alert


async def test_every_feature_registers_its_button_prefixes_once(bot):
    prefixes = bot.relais.desk.callbacks.prefixes()
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
