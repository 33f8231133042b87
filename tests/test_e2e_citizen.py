"""A citizen writes by SMS and Telegram; the whole bot answers over real HTTP."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "telegram" / "updates"


async def test_sms_first_contact_gets_welcome_and_menu(bot):
    response = await bot.sms("Bonjour")
    assert response.status_code == 200
    assert "<Response" in response.text
    (reply,) = await bot.sms_replies()
    assert "Relais" in reply and "STOP" in reply and "OUBLIER" in reply
    assert "1) Parler" in reply and "3) Aide urgente" in reply


async def test_telegram_first_contact_has_buttons(bot):
    bot.tg.push_text(501, "/start")
    (message,) = await bot.telegram_replies(501)
    assert "Relais" in message["text"]
    keyboard = message["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard] == [
        "Parler à quelqu'un",
        "Trouver une ressource",
        "Aide urgente",
    ]


async def test_telegram_english_user(bot):
    bot.tg.push_text(502, "/start", language_code="en")
    (message,) = await bot.telegram_replies(502)
    assert "Hello! This is Relais" in message["text"]
    assert message["reply_markup"]["inline_keyboard"][0][0]["text"] == "Talk to someone"


async def test_unblocking_the_bot_opts_back_in(bot):
    bot.tg.push_text(503, "/start")
    await bot.telegram_replies(503)
    bot.tg.block(503)
    bot.tg.push_text(503, "Allo?")
    await bot.rows_until(
        "SELECT 1 FROM citizens WHERE address = 'telegram:503' AND opted_out_at IS NOT NULL"
    )
    bot.tg.unblock(503)
    update = json.loads(
        (FIXTURES / "autogram_my_chat_member_private_unblocked_member.json").read_text()
    )
    member = update["my_chat_member"]
    member["chat"]["id"] = member["from"]["id"] = 503
    bot.tg.push_update(update)
    messages = await bot.telegram_replies(503, count=2)
    assert "Bon retour" in messages[-1]["text"] or "Welcome back" in messages[-1]["text"]
