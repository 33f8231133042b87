"""Telegram's "/" menu (setMyCommands): citizens, workers and coordinators, French and English."""

from __future__ import annotations

from storage import workers
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


def key(scope: dict) -> str:
    import json

    return json.dumps(scope, sort_keys=True)
