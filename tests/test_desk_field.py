"""Issue 13, desk in the field: cards keep the words, STOP/START reach the worker, alerts help."""

from __future__ import annotations

from datetime import timedelta

from bot.followups import checkins as followups
from storage.clock import to_db, utcnow
from tests.test_e2e_worker import JADE, KARIM, jade_takes, take_button
from tests.test_followups import claimed_case, close, desk, fall_due, said, schedule

__all__ = ["desk"]  # the fixture


async def test_a_claimed_card_keeps_the_citizens_words(desk):
    await desk.sms("J'ai besoin de parler à quelqu'un, je suis seule")
    (card,) = await desk.telegram_replies(JADE)
    (karim_card,) = await desk.telegram_replies(KARIM)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.tg.wait_for(
        lambda: "pris par Jade" in desk.tg.message(KARIM, karim_card["message_id"])["text"]
    )
    edited = desk.tg.message(KARIM, karim_card["message_id"])
    assert edited["text"] == (
        "#A1 a été pris par Jade Tremblay.\n« J'ai besoin de parler à quelqu'un, je suis seule »"
    )
    assert not edited.get("reply_markup")


async def test_the_worker_is_told_when_her_citizen_stops_and_comes_back(desk):
    await jade_takes(desk, "Bonjour, je voudrais de l'aide pour mes courses")
    await desk.sms("STOP")
    (told,) = await said(desk, JADE, "a écrit STOP")
    assert told["text"].startswith("#A1: la personne a écrit STOP")
    await desk.sms("REPRENDRE")
    (back,) = await said(desk, JADE, "accepte de nouveau")
    assert back["text"] == (
        "#A1: la personne accepte de nouveau les messages; vous pouvez lui écrire."
    )
    assert not [t for t in desk.tg.texts(KARIM) if "STOP" in t]  # only the worker of the case


async def test_the_no_answer_alert_gives_steps_not_a_phone_call(desk):
    alias = await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 1j")
    await fall_due(desk, row)
    await desk.sms_replies(count=3)
    day_ago = to_db(utcnow() - timedelta(hours=24, minutes=1))
    await desk.db.execute("UPDATE followups SET sent_at = ? WHERE id = ?", (day_ago, row.id))
    await desk.db.execute("UPDATE inbound SET received_at = ?", ("2020-01-01T00:00:00+00:00",))
    await followups.checkin_timeout(desk.relais, row.id)
    (alert,) = await said(desk, JADE, "pas de réponse")
    text = alert["text"]
    assert "appeler" not in text and "passer" not in text  # no number, no address is known
    assert f"/suivi {alias} 2h" in text
    assert "coordination" in text
    assert "avec son accord" in text


async def test_fin_offers_no_check_in_when_one_is_already_scheduled(desk):
    alias = await claimed_case(desk)
    await schedule(desk, "/suivi 1sem")
    await close(desk, alias, offer=False)
    desk.tg.push_text(JADE, "/aide")  # a later reply: the offer would have come before it
    await said(desk, JADE, "Commandes:")
    assert not [t for t in desk.tg.texts(JADE) if "Prévoir un suivi" in t]


async def test_fin_still_offers_a_check_in_when_none_is_scheduled(desk):
    alias = await claimed_case(desk)
    offer = await close(desk, alias)
    assert offer["reply_markup"]["inline_keyboard"]
