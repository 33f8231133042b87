"""A citizen writes by SMS and Telegram; the bot answers.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP); the
Twilio webhook's answer and the welcome's keyboard as Telegram receives it stay whole-bot.
"""

from __future__ import annotations

import json
from pathlib import Path

from telegram import Update

from handlers.telegram import decode
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS

FIXTURES = Path(__file__).parent / "fixtures" / "telegram" / "updates"
MENU = ["Parler à quelqu'un", "Trouver une ressource", "Aide urgente"]


async def test_sms_first_contact_gets_welcome_and_menu():
    async with svc.running() as service:
        await service.citizen_sms(CITIZEN, "Bonjour")
        (reply,) = service.texts(CITIZEN_SMS)
        assert "Relais" in reply and "STOP" in reply and "OUBLIER" in reply
        assert "1) Parler" in reply and "3) Aide urgente" in reply
        [inbound] = await service.rows("SELECT status FROM inbound")
        assert inbound["status"] == "processed"


async def test_telegram_first_contact_has_buttons():
    async with svc.running() as service:
        await service.citizen_telegram(501, "/start")
        (message,) = service.transcript("telegram:501")
        assert "Relais" in message.body
        assert [label for _, label in message.buttons or []] == MENU


async def test_telegram_english_user():
    async with svc.running() as service:
        await service.citizen_telegram(502, "/start", language_code="en")
        (message,) = service.transcript("telegram:502")
        assert "Hello! This is Relais" in message.body
        assert (message.buttons or [])[0][1] == "Talk to someone"


async def test_unblocking_the_bot_opts_back_in():
    async with svc.running() as service:
        await service.citizen_telegram(503, "/start")
        assert len(service.texts("telegram:503")) == 1
        service.telegram.unreachable.add("telegram:503")  # she blocks the bot
        await service.citizen_telegram(503, "Allo?")
        (citizen,) = await service.rows(
            "SELECT opted_out_at FROM citizens WHERE address = 'telegram:503'"
        )
        assert citizen["opted_out_at"] is not None
        service.telegram.unreachable.discard("telegram:503")  # … and unblocks it
        # The update Telegram sends then, decoded by python-telegram-bot as the webhook does.
        update = json.loads(
            (FIXTURES / "autogram_my_chat_member_private_unblocked_member.json").read_text()
        )
        member = update["my_chat_member"]
        member["chat"]["id"] = member["from"]["id"] = 503
        update["update_id"] = 1  # the stand-in adds one too
        inbound = decode(Update.de_json(update, None), service.now())
        await service.relais.engine.accept(inbound)
        await service.drain()
        texts = service.texts("telegram:503")
        assert len(texts) == 2  # nothing reached her while she blocked the bot
        assert "Bon retour" in texts[-1] or "Welcome back" in texts[-1]
        (citizen,) = await service.rows(
            "SELECT opted_out_at FROM citizens WHERE address = 'telegram:503'"
        )
        assert citizen["opted_out_at"] is None


# ---- the contracts, over real HTTP ----------------------------------------------------------


async def test_the_sms_webhook_answers_with_twiml_and_the_welcome_goes_through_twilio(bot):
    response = await bot.sms("Bonjour")
    assert response.status_code == 200
    assert "<Response" in response.text
    (reply,) = await bot.sms_replies()
    assert "Relais" in reply and "1) Parler" in reply


async def test_the_welcome_buttons_reach_telegram_one_per_row(bot):
    bot.tg.push_text(501, "/start")
    (message,) = await bot.telegram_replies(501)
    keyboard = message["reply_markup"]["inline_keyboard"]
    assert [[button["text"] for button in row] for row in keyboard] == [[t] for t in MENU]
