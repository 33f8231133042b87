"""Coordinators in Telegram: /garde shows the rota; /remplacer swaps a shift once confirmed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.desk.coordinator import swap_shift
from bot.rota import rota
from storage import rota as rota_store
from storage import workers
from storage.db import Database
from tests.test_e2e_worker import add_worker, always_on_duty, take_button

JADE, LEA, CLAUDE = 9201, 9202, 9203
MTL = ZoneInfo("America/Montreal")


@pytest.fixture
async def crew(bot):
    """Jade on duty all week; Léa off the rota; Claude, coordinator, off the rota."""
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    await add_worker(bot.db, "Léa Martin", LEA, org="Sésame")
    await add_worker(bot.db, "Claude Roy", CLAUDE, role="coordinator", org="Table de quartier")
    await always_on_duty(bot.db, jade)
    return bot


async def on_duty_soon(harness) -> list[str]:
    """Names on duty two minutes from now (past the minute a swap is cut at)."""
    shifts = await rota_store.list_shifts(harness.db)
    ids = rota.on_duty(shifts, datetime.now(UTC) + timedelta(minutes=2), MTL)
    return sorted([(await workers.get(harness.db, i)).name for i in ids])


async def message_with(harness, chat_id: int, words: str) -> dict:
    return await harness.tg.wait_for(
        lambda: next((m for m in harness.tg.sent_messages(chat_id) if words in m["text"]), None)
    )


def buttons(message: dict) -> list[tuple[str, str]]:
    rows = message["reply_markup"]["inline_keyboard"]
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def test_garde_says_who_is_on_duty_and_who_is_next(crew):
    crew.tg.push_text(CLAUDE, "/garde")
    answer = await message_with(crew, CLAUDE, "De garde maintenant")
    assert "- Jade Tremblay, jusqu'à " in answer["text"]
    assert "Prochain quart: Jade Tremblay, " in answer["text"] and " à 0 h" in answer["text"]


async def test_workers_who_are_not_coordinators_are_refused(crew):
    shifts_before = await rota_store.count(crew.db)
    for text in ("/garde", "/remplacer Léa"):
        crew.tg.push_text(JADE, text)
    lea = (await workers.get_by_name(crew.db, "Léa Martin")).id
    jade = (await workers.get_by_name(crew.db, "Jade Tremblay")).id
    crew.tg.push_callback(JADE, 1, f"w:rpick:{lea}:{jade}")
    crew.tg.push_callback(JADE, 1, f"w:repl:{lea}:{jade}:0")
    await crew.tg.wait_for(
        lambda: sum("pas permise" in t for t in crew.tg.texts(JADE)) == 4, timeout=10
    )
    assert not any("De garde" in t for t in crew.tg.texts(JADE))
    assert await rota_store.count(crew.db) == shifts_before
    assert await on_duty_soon(crew) == ["Jade Tremblay"]


async def test_replace_a_worker_after_confirming_and_the_queue_follows(crew):
    await crew.sms("Besoin d'aide pour un formulaire")
    await crew.telegram_replies(JADE)
    crew.tg.push_text(CLAUDE, "/remplacer lea pour Jade Tremblay")
    ask = await message_with(crew, CLAUDE, "Confirmer?")
    assert ask["text"].startswith("Léa Martin remplace Jade Tremblay dès maintenant, jusqu'à")
    (confirm, _), (cancel, _) = buttons(ask)
    assert (confirm, cancel) == ("Confirmer", "Annuler")
    assert await on_duty_soon(crew) == ["Jade Tremblay"]  # nothing changes before the press
    crew.tg.push_callback(CLAUDE, ask["message_id"], buttons(ask)[0][1])
    await message_with(crew, CLAUDE, "C'est fait: Léa Martin remplace Jade Tremblay")
    await message_with(crew, JADE, "Léa Martin prend la suite de votre quart")
    await message_with(crew, LEA, "Vous remplacez Jade Tremblay")
    queued = await message_with(crew, LEA, "Nouvelle demande #A1")
    assert take_button(queued) == "w:claim:1"
    assert await on_duty_soon(crew) == ["Léa Martin"]
    await crew.sms("J'ai besoin de parler a quelqu'un", from_="+15145550122")
    await message_with(crew, LEA, "Nouvelle demande #A2")
    await crew.quiet()
    assert not any("#A2" in t for t in crew.tg.texts(JADE))


async def test_replace_the_coordinators_own_shift(crew):
    claude = await workers.get_by_name(crew.db, "Claude Roy")
    jade = await workers.get_by_name(crew.db, "Jade Tremblay")
    await always_on_duty(crew.db, jade, claude)
    crew.tg.push_text(CLAUDE, "/remplacer Léa Martin")
    ask = await message_with(crew, CLAUDE, "Confirmer?")
    assert ask["text"].startswith("Léa Martin remplace Claude Roy dès maintenant")
    crew.tg.push_callback(CLAUDE, ask["message_id"], buttons(ask)[0][1])
    await message_with(crew, LEA, "Vous remplacez Claude Roy")
    assert await on_duty_soon(crew) == ["Jade Tremblay", "Léa Martin"]


async def test_off_duty_coordinator_picks_whose_shift_then_can_cancel(crew):
    before = await rota_store.count(crew.db)
    crew.tg.push_text(CLAUDE, "/remplacer Léa")
    pick = await message_with(crew, CLAUDE, "remplace qui?")
    labels = [label for label, _ in buttons(pick)]
    assert labels[0].startswith("Jade Tremblay (jusqu'à ") and labels[-1] == "Annuler"
    crew.tg.push_callback(CLAUDE, pick["message_id"], buttons(pick)[0][1])
    ask = await message_with(crew, CLAUDE, "Confirmer?")
    crew.tg.push_callback(CLAUDE, ask["message_id"], buttons(ask)[1][1])
    await message_with(crew, CLAUDE, "Remplacement annulé")
    assert await rota_store.count(crew.db) == before
    assert await on_duty_soon(crew) == ["Jade Tremblay"]


async def test_stale_or_unknown_requests_change_nothing(crew):
    lea = (await workers.get_by_name(crew.db, "Léa Martin")).id
    jade = (await workers.get_by_name(crew.db, "Jade Tremblay")).id
    crew.tg.push_callback(CLAUDE, 1, f"w:repl:{lea}:{jade}:12345")
    await message_with(crew, CLAUDE, "Ce quart a changé entre-temps")
    crew.tg.push_text(CLAUDE, "/remplacer Personne Inconnue")
    await message_with(crew, CLAUDE, "Je ne trouve pas d'intervenant actif nommé Personne Inconnue")
    crew.tg.push_text(CLAUDE, "/remplacer Léa pour Claude Roy")
    await message_with(crew, CLAUDE, "Claude Roy n'est pas de garde en ce moment.")
    assert await on_duty_soon(crew) == ["Jade Tremblay"]


async def test_coordinator_help_lists_the_coordination_commands(crew):
    crew.tg.push_text(CLAUDE, "/aide")
    await message_with(crew, CLAUDE, "Coordination: /garde")
    crew.tg.push_text(JADE, "/aide")
    await message_with(crew, JADE, "Commandes:")
    await crew.quiet()
    assert not any("Coordination" in t for t in crew.tg.texts(JADE))


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
