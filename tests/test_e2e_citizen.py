"""A citizen writes by SMS and Telegram; the whole bot answers over real HTTP."""

from __future__ import annotations


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
