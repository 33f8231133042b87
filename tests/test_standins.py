"""The real python-telegram-bot and twilio clients talk to the local stand-ins over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.channels.twilio_http import TWILIO_API, RebasedAsyncHttpClient, rebase_url
from tests.conftest import http_client
from tests.standins import (
    LocalServer,
    TelegramStandin,
    TwilioStandin,
    inbound_sms_params,
    sign,
    status_callback_params,
)

CITIZEN = "+15145550111"
RELAIS = "+15145550100"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Oui", callback_data="oui")]])


@pytest.fixture
async def tg():
    async with TelegramStandin() as standin:
        yield standin


@pytest.fixture
async def bot(tg: TelegramStandin):
    async with Bot(tg.token, base_url=tg.bot_base_url) as bot:
        yield bot


@pytest.fixture
async def tw():
    async with TwilioStandin() as standin:
        yield standin


@pytest.fixture
async def twilio(tw: TwilioStandin):
    async with RebasedAsyncHttpClient(tw.url) as http_client:
        yield Client(tw.account_sid, tw.auth_token, http_client=http_client)


# ---- Telegram -------------------------------------------------------------------------------


async def test_bot_sends_edits_and_answers(tg: TelegramStandin, bot: Bot) -> None:
    assert bot.username == "relais_test_bot"  # from getMe during initialize()
    sent = await bot.send_message(42, "Avez-vous besoin d'aide ?", reply_markup=KEYBOARD)
    assert sent.chat.type == "private"
    assert sent.reply_markup == KEYBOARD
    method, params = tg.calls[-1]
    assert (method, params["chat_id"], params["reply_markup"]["inline_keyboard"][0][0]["text"]) == (
        "sendMessage",
        42,
        "Oui",
    )
    # PTB 22 sends form-urlencoded fields, non-string values JSON-encoded.
    assert tg.content_types[-1] == "application/x-www-form-urlencoded"

    edited = await bot.edit_message_text("Merci, c'est noté.", chat_id=42, message_id=sent.id)
    assert edited.text == "Merci, c'est noté." and edited.reply_markup is None
    assert tg.texts(42) == ["Merci, c'est noté."]
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Merci, c'est noté.", chat_id=42, message_id=sent.id)
    assert await bot.answer_callback_query("7", text="Reçu")
    assert tg.calls_to("answerCallbackQuery") == [{"callback_query_id": "7", "text": "Reçu"}]


async def test_message_ids_increase_per_chat(tg: TelegramStandin, bot: Bot) -> None:
    first = await bot.send_message(42, "un")
    second = await bot.send_message(42, "deux")
    await bot.edit_message_reply_markup(chat_id=42, message_id=second.id, reply_markup=KEYBOARD)
    assert second.id == first.id + 1
    assert tg.message(42, second.id)["reply_markup"] == KEYBOARD.to_dict()


async def test_blocked_user_gives_forbidden(tg: TelegramStandin, bot: Bot) -> None:
    tg.block(42)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(42, "Bonjour")
    assert tg.sent_messages(42) == []
    await bot.send_message(43, "Bonjour")  # other chats are unaffected
    assert tg.texts() == ["Bonjour"]


async def test_block_can_tell_the_bot(tg: TelegramStandin, bot: Bot) -> None:
    tg.block(42, notify=True)
    [update] = await bot.get_updates()
    assert update.my_chat_member.new_chat_member.status == "kicked"
    with pytest.raises(BadRequest, match="Chat_id is empty"):
        await bot.send_location(None, 45.5, -73.5)


async def test_flood_limit_gives_retry_after_once(
    tg: TelegramStandin, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without PTB_TIMEDELTA, PTB 22 warns (PTBDeprecationWarning) while building RetryAfter.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    tg.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(42, "Bonjour")
    assert caught.value.retry_after == dtm.timedelta(seconds=3)
    await bot.send_message(42, "Bonjour")
    assert len(tg.calls_to("sendMessage")) == 2 and tg.texts(42) == ["Bonjour"]


async def test_server_and_request_errors(tg: TelegramStandin, bot: Bot) -> None:
    tg.fail_next("sendMessage", status=500, times=2)
    tg.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(42, "x")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(42, "x")
    assert (await bot.send_message(42, "enfin")).text == "enfin"


async def test_wrong_token_is_rejected(tg: TelegramStandin) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:wrong", base_url=tg.bot_base_url):
            pass


async def test_get_updates_long_polls_until_an_update_arrives(
    tg: TelegramStandin, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await tg.wait_for(lambda: tg.calls_to("getUpdates"))
    for _ in range(20):
        await asyncio.sleep(0)
    assert not poll.done()  # nothing to return yet: the poll waits
    tg.push_text(42, "/start")
    updates = await poll
    assert [u.message.text for u in updates] == ["/start"]
    assert updates[0].message.entities[0].type == "bot_command"
    # Confirming with offset forgets the update; an empty poll ends at its timeout.
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0.3) == ()


async def test_leaving_the_standin_releases_a_pending_long_poll() -> None:
    async with TelegramStandin() as tg:
        bot = Bot(tg.token, base_url=tg.bot_base_url)
        await bot.initialize()
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await tg.wait_for(lambda: tg.calls_to("getUpdates"))
    assert await asyncio.wait_for(poll, 5) == ()  # released, long before its 30 s
    await bot.shutdown()


async def test_polling_application_handles_command_and_button(tg: TelegramStandin) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("Bienvenue", reply_markup=KEYBOARD)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"Choix : {update.callback_query.data}")

    app = ApplicationBuilder().token(tg.token).base_url(tg.bot_base_url).build()
    app.add_handlers([CommandHandler("start", start), CallbackQueryHandler(pressed)])
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        tg.push_text(42, "/start")
        [welcome] = await tg.wait_for(lambda: tg.sent_messages(42))
        tg.push_callback(42, welcome["message_id"], "oui")
        await tg.wait_for(lambda: tg.texts(42) == ["Choix : oui"])
        await app.updater.stop()
        await app.stop()
    assert tg.calls_to("answerCallbackQuery")


async def test_webhook_commands_and_other_methods(tg: TelegramStandin, bot: Bot) -> None:
    tg.push_text(42, "bonjour")
    url = "https://relais.example/telegram/webhook"
    assert await bot.set_webhook(url, secret_token="s3cret", allowed_updates=["message"])
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count, info.allowed_updates) == (url, 1, ("message",))
    assert tg.webhook["secret_token"] == "s3cret"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert (await bot.get_webhook_info()).pending_update_count == 0

    await bot.set_my_commands([BotCommand("aide", "Obtenir de l'aide")], language_code="fr")
    assert tg.commands["fr"] == [{"command": "aide", "description": "Obtenir de l'aide"}]
    venue = await bot.send_venue(42, 45.57, -73.54, "Centre", "8200 rue Notre-Dame Est")
    assert venue.venue.title == "Centre" and venue.location.latitude == 45.57
    assert (await bot.send_location(42, 45.5, -73.5)).location.longitude == -73.5
    assert await bot.leave_chat(-1001234)
    assert await bot.close() and await bot.log_out()


async def test_json_and_multipart_bodies_decode_like_forms(tg: TelegramStandin) -> None:
    url = f"{tg.bot_base_url}{tg.token}/sendMessage"
    markup = {"inline_keyboard": [[{"text": "Oui", "callback_data": "oui"}]]}
    async with http_client() as client:
        as_json = await client.post(url, json={"chat_id": 5, "text": "123", "reply_markup": markup})
        multipart = await client.post(
            url,
            data={"chat_id": "5", "text": "123"},
            files={
                "reply_markup": (
                    None,
                    '{"inline_keyboard": [[{"text": "Oui", "callback_data": "oui"}]]}',
                )
            },
        )
    assert as_json.json()["result"]["text"] == multipart.json()["result"]["text"] == "123"
    assert (
        tg.calls[0].params
        == tg.calls[1].params
        == {
            "chat_id": 5,
            "text": "123",
            "reply_markup": markup,
        }
    )


# ---- Twilio ---------------------------------------------------------------------------------


async def test_twilio_client_creates_message(tw: TwilioStandin, twilio: Client) -> None:
    message = await twilio.messages.create_async(
        to=CITIZEN,
        from_=RELAIS,
        body="Bonjour ! Votre demande est bien reçue.",
        status_callback="https://relais.example/twilio/status",
    )
    assert message.sid.startswith("SM") and len(message.sid) == 34
    assert (message.status, message.to, message.num_segments) == ("queued", CITIZEN, "1")
    assert message.date_created.tzinfo is not None
    assert tw.bodies_to(CITIZEN) == ["Bonjour ! Votre demande est bien reçue."]
    assert tw.form_for(message.sid)["StatusCallback"] == "https://relais.example/twilio/status"


async def test_smart_encoding_counts_normalized_segments(tw: TwilioStandin, twilio: Client) -> None:
    body = "« Rendez-vous à 14\u00a0h » " * 4  # 96 characters, UCS-2 until normalized
    message = await twilio.messages.create_async(
        to=CITIZEN, from_=RELAIS, body=body, smart_encoded=True
    )
    assert message.num_segments == "1" and "«" not in message.body


async def test_opt_out_raises_twilio_error_21610(tw: TwilioStandin, twilio: Client) -> None:
    tw.fail_to(CITIZEN, code=21610)
    with pytest.raises(TwilioRestException) as caught:
        await twilio.messages.create_async(to=CITIZEN, from_=RELAIS, body="Bonjour")
    assert (caught.value.code, caught.value.status) == (21610, 400)
    assert "unsubscribed" in caught.value.msg
    await twilio.messages.create_async(to=CITIZEN, from_=RELAIS, body="Bonjour")
    assert len(tw.requests) == 2 and len(tw.messages) == 1


async def test_rate_limit_invalid_number_and_bad_credentials(
    tw: TwilioStandin, twilio: Client
) -> None:
    tw.fail_to(CITIZEN, code=20429)
    with pytest.raises(TwilioRestException) as caught:
        await twilio.messages.create_async(to=CITIZEN, from_=RELAIS, body="x")
    assert (caught.value.code, caught.value.status) == (20429, 429)
    with pytest.raises(TwilioRestException) as caught:
        await twilio.messages.create_async(to="514-555-0111", from_=RELAIS, body="x")
    assert caught.value.code == 21211
    async with RebasedAsyncHttpClient(tw.url) as http_client:
        intruder = Client(tw.account_sid, "wrong-token", http_client=http_client)
        with pytest.raises(TwilioRestException) as caught:
            await intruder.messages.create_async(to=CITIZEN, from_=RELAIS, body="x")
    assert (caught.value.code, caught.value.status) == (20003, 401)
    assert tw.messages == []


async def test_wait_for_sees_messages_sent_concurrently(tw: TwilioStandin, twilio: Client) -> None:
    send = twilio.messages.create_async(to=CITIZEN, from_=RELAIS, body="Salut")
    [message], created = await asyncio.gather(tw.wait_for(lambda: tw.messages_to(CITIZEN)), send)
    assert created.sid == message["sid"]


def test_rebase_url_keeps_path_and_query() -> None:
    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=2"
    local = "http://127.0.0.1:8765/2010-04-01/Accounts/AC1/Messages.json?PageSize=2"
    assert rebase_url(url, "http://127.0.0.1:8765") == local
    assert rebase_url(url, TWILIO_API) == url
    other = "https://api.twilio.com.evil.example/x"
    assert rebase_url(other, "http://127.0.0.1:8765") == other
    assert rebase_url("https://messaging.twilio.com/v1/x", "http://127.0.0.1:1").startswith("https")


def test_client_can_be_built_outside_an_event_loop() -> None:
    # no httpx client (bound to no loop) before the first request
    client = RebasedAsyncHttpClient("http://127.0.0.1:8765/")
    assert client.session is None and client.base_url == "http://127.0.0.1:8765"


def test_sign_matches_twilio_validator() -> None:
    url = "https://relais.example/twilio/sms"
    params = inbound_sms_params(CITIZEN, RELAIS, "AIDE")
    signature = sign("token", url, params)
    assert RequestValidator("token").validate(url, params, signature)
    assert not RequestValidator("other").validate(url, params, signature)
    created = {"sid": "SM" + "0" * 32, "account_sid": "AC1", "from": RELAIS, "to": CITIZEN}
    callback = status_callback_params(created, "undelivered", error_code=30003)
    assert (callback["MessageStatus"], callback["ErrorCode"]) == ("undelivered", "30003")


# ---- LocalServer ----------------------------------------------------------------------------


async def test_local_server_serves_and_stops() -> None:
    app = Starlette(routes=[Route("/", lambda request: PlainTextResponse("ok"))])
    async with LocalServer(app) as server, http_client() as client:
        assert server.url.startswith("http://127.0.0.1:")
        assert (await client.get(server.url)).text == "ok"
    with pytest.raises(OSError):
        await asyncio.open_connection("127.0.0.1", server.port)
