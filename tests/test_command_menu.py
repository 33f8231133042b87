"""Telegram's "/" menu (setMyCommands): citizens, workers and coordinators, French and English.

The two whole-bot tests are the Bot API contract itself: setMyCommands and deleteMyCommands as
the Telegram stand-in receives them, per scope and language_code (the service layer has no
Telegram bot to call). What the menus offer is checked on the service layer too.
"""

from __future__ import annotations

from flows.command_menu import menu
from storage import workers
from tests import service as svc
from tests.test_e2e_worker import COORD, JADE, add_worker

PRIVATE = {"type": "all_private_chats"}


def chat(chat_id: int) -> dict:
    return {"type": "chat", "chat_id": chat_id}


async def test_each_kind_of_person_gets_its_menu_in_french_and_english(bot):
    tg = bot.tg
    assert tg.menu(PRIVATE) == ["start", "aide"]  # French: every language without its own
    assert tg.menu(PRIVATE, "en") == ["start", "aide"]
    await add_worker(bot.db, "Jade Tremblay", JADE)
    await add_worker(bot.db, "Carl Roy", COORD, role="coordinator")
    await bot.relais.command_menus.refresh()  # the job run every few minutes
    jade, coord = tg.menu(chat(JADE)), tg.menu(chat(COORD))
    assert {"dossiers", "fin", "note", "transferer", "ressource", "aide"} <= set(jade)
    assert "garde" not in jade and "remplacer" not in jade
    assert {"garde", "remplacer"} <= set(coord) and set(jade) <= set(coord)
    english = {c["command"]: c["description"] for c in tg.menus[(key(chat(JADE)), "en")]}
    french = {c["command"]: c["description"] for c in tg.menus[(key(chat(JADE)), "")]}
    assert (french["dossiers"], english["dossiers"]) == ("Mes demandes ouvertes", "My open cases")


async def test_a_deactivated_worker_loses_the_worker_menu(bot):
    await add_worker(bot.db, "Jade Tremblay", JADE)
    await bot.relais.command_menus.refresh()
    assert "dossiers" in bot.tg.menu(chat(JADE))
    await workers.deactivate(bot.db, "Jade Tremblay")
    await bot.relais.command_menus.refresh()
    assert bot.tg.menu(chat(JADE)) == [] and bot.tg.menu(chat(JADE), "en") == []


async def test_every_command_a_menu_offers_is_one_the_bot_answers():
    async with svc.running() as service:
        available = set(service.relais.desk.commands)
        coordinator = [c for c, _ in menu("coordinator")]
        assert set(coordinator) <= available  # none is left out of a menu for want of a handler
        assert [c for c, _ in menu("coordinator", available)] == coordinator
        carl = await svc.add_worker(service, "Carl Roy", COORD, role="coordinator")
        for command in coordinator:
            before = len(service.worker_texts(carl))
            await service.worker_text(carl, f"/{command}")
            answers = service.worker_texts(carl)[before:]
            # an unknown command gets the help; each of these its own answer
            assert answers and (command == "aide") == answers[0].startswith("Commandes:"), answers
        for kind in ("citizen", "worker", "coordinator"):
            for _command, text in menu(kind, available):
                fr, en = (
                    service.relais.i18n.render(text, "fr"),
                    service.relais.i18n.render(text, "en"),
                )
                assert 0 < len(fr) <= 256 and 0 < len(en) <= 256 and fr != en


def key(scope: dict) -> str:
    import json

    return json.dumps(scope, sort_keys=True)
