"""Nothing lost, nothing sent twice: provider failures, status callbacks, duplicates, restarts."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from datetime import timedelta

import httpx

from bot.channels.sender import OutboxSender
from bot.channels.sms_channel import SmsChannel
from storage.clock import from_db, to_db, utcnow
from storage.db import Database
from tests.conftest import CITIZEN_NUMBER, RELAIS_NUMBER
from tests.standins import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    inbound_sms_params,
    sign,
    status_callback_params,
)

FAST = {"RELAIS_SMS_RATE": "50"}  # the default (1 per second) would slow every test down
SMS_ONLY = {**FAST, "TELEGRAM_BOT_TOKEN": ""}  # no long polling to wind down: faster teardown
WEBHOOK_SECRET = "relais-webhook-secret_0123"


async def eventually(check, within: float = 5.0):
    """Poll an async `check()` until it returns something truthy; fail after `within` s."""
    deadline = time.monotonic() + within
    while True:
        result = await check()
        if result or time.monotonic() > deadline:
            assert result, f"condition not met in {within}s"
            return result
        await asyncio.sleep(0.02)


async def outbox_to(bot, address: str) -> list:
    return await bot.rows("SELECT * FROM outbox WHERE address = ? ORDER BY id", (address,))


def twilio_requests_to(bot, number: str) -> list[dict]:
    """Every create-message request Twilio received for `number`, failed ones included."""
    return [r for r in bot.tw.requests if r.get("To") == number]


# ---- outbox retries ------------------------------------------------------------------------


async def test_telegram_429_is_retried_after_retry_after_and_delivered_once(bot):
    bot.tg.fail_next("sendMessage", status=429, retry_after=5, chat_id=601)
    before = bot.clock()
    bot.tg.push_text(601, "/start")
    await bot.tg.wait_for(lambda: bot.tg.calls_to("sendMessage"), timeout=5)
    row = await eventually(lambda: _retry_of(bot, "telegram:601"))
    assert from_db(row["next_attempt_at"]) - before >= timedelta(seconds=5)  # as Telegram asked
    await bot.quiet()
    assert len(bot.tg.calls_to("sendMessage")) == 1  # not before its time

    bot.advance(timedelta(seconds=5))
    (message,) = await bot.telegram_replies(601)
    assert "Relais" in message["text"]
    await bot.quiet()
    assert len(bot.tg.sent_messages(601)) == 1
    assert len(bot.tg.calls_to("sendMessage")) == 2
    (row,) = await outbox_to(bot, "telegram:601")
    assert (row["status"], row["attempts"], row["error"]) == ("sent", 2, None)


async def test_telegram_server_errors_are_retried_with_backoff(bot):
    bot.tg.fail_next("sendMessage", status=500, chat_id=611)
    bot.tg.fail_next("sendMessage", status=502, chat_id=612)
    before = bot.clock()
    bot.tg.push_text(611, "/start")
    bot.tg.push_text(612, "/start")
    await bot.tg.wait_for(lambda: len(bot.tg.calls_to("sendMessage")) >= 2, timeout=5)
    for chat in ("telegram:611", "telegram:612"):
        row = await eventually(lambda c=chat: _retry_of(bot, c))
        assert row["error"].startswith("telegram.network")
        assert from_db(row["next_attempt_at"]) - before >= timedelta(seconds=2)  # backoff

    bot.advance(timedelta(seconds=2))
    await bot.telegram_replies(611)
    await bot.telegram_replies(612)
    await bot.quiet()
    assert len(bot.tg.sent_messages(611)) == len(bot.tg.sent_messages(612)) == 1


async def test_twilio_transient_errors_are_retried_and_delivered_once(make_bot):
    bot = await make_bot(**SMS_ONLY)
    failures = {"+15145550121": 20500, "+15145550122": 20429, "+15145550123": 30003}
    before = bot.clock()
    for number, code in failures.items():  # HTTP 500, 429 Too Many Requests, handset unreachable
        bot.tw.fail_to(number, code=code)
        assert (await bot.sms("Bonjour", from_=number)).status_code == 200
    await bot.tw.wait_for(lambda: len(bot.tw.requests) == 3, timeout=5)
    for number in failures:
        row = await eventually(lambda n=number: _retry_of(bot, f"sms:{n}"))
        assert from_db(row["next_attempt_at"]) - before >= timedelta(seconds=2)  # backoff

    bot.advance(timedelta(seconds=2))
    for number in failures:
        (reply,) = await bot.sms_replies(number)
        assert "Relais" in reply
    await bot.quiet()
    for number in failures:
        assert len(bot.tw.messages_to(number)) == 1
        assert len(twilio_requests_to(bot, number)) == 2
        (row,) = await outbox_to(bot, f"sms:{number}")
        assert (row["status"], row["attempts"]) == ("sent", 2)


async def _retry_of(bot, address: str):
    """The outbox row to `address` once a refused send put it back to wait, else None."""
    rows = await outbox_to(bot, address)
    waiting = [r for r in rows if r["status"] == "pending" and r["attempts"] >= 1]
    return waiting[0] if waiting else None


async def _status_is(bot, outbox_id: int, status: str) -> bool:
    rows = await bot.rows("SELECT status FROM outbox WHERE id = ?", (outbox_id,))
    return bool(rows) and rows[0]["status"] == status


async def test_twilio_21610_opts_the_citizen_out_and_nothing_more_is_sent(make_bot):
    bot = await make_bot(**SMS_ONLY)
    number = "+15145550131"
    bot.tw.fail_to(number, code=21610, times=5)
    first, second = await asyncio.gather(
        bot.sms("Bonjour", from_=number), bot.sms("AIDE", from_=number)
    )
    assert first.status_code == second.status_code == 200
    await bot.tw.wait_for(lambda: twilio_requests_to(bot, number), timeout=5)
    citizen = await eventually(lambda: _opted_out(bot, f"sms:{number}"))
    assert citizen["opted_out_at"] is not None

    assert (await bot.sms("Bonjour?", from_=number)).status_code == 200
    await bot.quiet()
    assert len(twilio_requests_to(bot, number)) == 1  # only the refused welcome
    rows = await outbox_to(bot, f"sms:{number}")
    assert rows and all(r["status"] == "failed" for r in rows)
    assert rows[0]["error"] == "twilio.21610"
    stored = await bot.rows("SELECT body FROM inbound WHERE address = ?", (f"sms:{number}",))
    assert sorted(r["body"] for r in stored) == ["AIDE", "Bonjour", "Bonjour?"]
    audit = await bot.rows("SELECT action FROM audit WHERE action = 'citizen.opt_out_by_provider'")
    assert len(audit) == 1


async def _opted_out(bot, address: str):
    rows = await bot.rows(
        "SELECT * FROM citizens WHERE address = ? AND opted_out_at IS NOT NULL", (address,)
    )
    return rows[0] if rows else None


async def test_telegram_blocked_by_the_user_opts_out_until_they_restart_the_bot(bot):
    bot.tg.block(621)
    bot.tg.push_text(621, "Bonjour")
    await eventually(lambda: _opted_out(bot, "telegram:621"))
    (row,) = await outbox_to(bot, "telegram:621")
    assert row["status"] == "failed" and row["error"].startswith("telegram.forbidden")

    bot.tg.push_text(621, "Allo?")  # still blocked: the bot stays silent, tries nothing
    await eventually(lambda: _inbound_count(bot, "telegram:621", 2))
    await bot.quiet()
    assert len(bot.tg.calls_to("sendMessage")) == 1

    bot.tg.unblock(621)
    bot.tg.push_text(621, "/start")  # what Telegram's "Restart bot" button sends
    (message,) = await bot.telegram_replies(621)
    assert message["reply_markup"]["inline_keyboard"]


async def _inbound_count(bot, address: str, count: int) -> bool:
    rows = await bot.rows("SELECT id FROM inbound WHERE address = ?", (address,))
    return len(rows) >= count


async def test_twilio_invalid_number_fails_for_good_with_the_reason(make_bot):
    bot = await make_bot(**SMS_ONLY)
    number = "+15145550141"
    bot.tw.fail_to(number, code=21211)
    assert (await bot.sms("J'ai besoin d'aide", from_=number)).status_code == 200
    (row,) = await eventually(lambda: _failed_rows(bot, f"sms:{number}"))
    assert (row["error"], row["attempts"]) == ("twilio.21211", 1)
    await bot.quiet()
    assert len(twilio_requests_to(bot, number)) == 1  # never retried
    (stored,) = await bot.rows("SELECT body FROM inbound WHERE address = ?", (f"sms:{number}",))
    assert stored["body"] == "J'ai besoin d'aide"
    assert await _opted_out(bot, f"sms:{number}") is None


async def _failed_rows(bot, address: str) -> list:
    return [r for r in await outbox_to(bot, address) if r["status"] == "failed"]


# ---- Twilio status callbacks ---------------------------------------------------------------


async def test_status_callbacks_record_delivery_and_failure(bot):
    ok, bad = "+15145550151", "+15145550152"
    await bot.sms("Bonjour", from_=ok)
    await bot.sms("Bonjour", from_=bad)
    await bot.sms_replies(ok)
    await bot.sms_replies(bad)
    (ok_message,) = bot.tw.messages_to(ok)
    (bad_message,) = bot.tw.messages_to(bad)
    assert bot.tw.form_for(ok_message["sid"])["StatusCallback"] == bot.url + "/twilio/status"
    await eventually(lambda: _status_of_sid(bot, ok_message["sid"], "sent"))

    for status in ("sent", "delivered"):
        response = await bot.post_signed(
            "/twilio/status", status_callback_params(ok_message, status)
        )
        assert response.status_code == 200
    failed = status_callback_params(bad_message, "undelivered", error_code=30006)
    assert (await bot.post_signed("/twilio/status", failed)).status_code == 200

    (row,) = await bot.rows(
        "SELECT status FROM outbox WHERE provider_message_id = ?", (ok_message["sid"],)
    )
    assert row["status"] == "delivered"
    (row,) = await bot.rows(
        "SELECT status, error FROM outbox WHERE provider_message_id = ?", (bad_message["sid"],)
    )
    assert (row["status"], row["error"]) == ("failed", "twilio.30006")


async def _status_of_sid(bot, sid: str, status: str) -> bool:
    rows = await bot.rows("SELECT status FROM outbox WHERE provider_message_id = ?", (sid,))
    return bool(rows) and rows[0]["status"] == status


async def test_unsigned_or_forged_status_callbacks_change_nothing(bot):
    await bot.sms("Bonjour")
    await bot.sms_replies()
    (message,) = bot.tw.messages_to(CITIZEN_NUMBER)
    await eventually(lambda: _status_of_sid(bot, message["sid"], "sent"))
    params = status_callback_params(message, "failed", error_code=30007)

    unsigned = await bot.http.post("/twilio/status", data=params)
    forged = await bot.http.post(
        "/twilio/status",
        data=params,
        headers={"X-Twilio-Signature": sign("not-the-token", bot.url + "/twilio/status", params)},
    )
    assert unsigned.status_code == forged.status_code == 403
    assert await _status_of_sid(bot, message["sid"], "sent")


async def test_carrier_stop_reported_by_status_callback_opts_out(bot):
    await bot.sms("Bonjour")
    await bot.sms_replies()
    (message,) = bot.tw.messages_to(CITIZEN_NUMBER)
    await eventually(lambda: _status_of_sid(bot, message["sid"], "sent"))
    params = status_callback_params(message, "failed", error_code=21610)
    assert (await bot.post_signed("/twilio/status", params)).status_code == 200
    assert await _opted_out(bot, f"sms:{CITIZEN_NUMBER}") is not None


# ---- duplicates ----------------------------------------------------------------------------


async def test_same_message_sid_twice_is_stored_once_and_answered_once(bot):
    params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "Bonjour")
    first = await bot.post_signed("/twilio/sms", params)
    again = await asyncio.gather(*(bot.post_signed("/twilio/sms", params) for _ in range(3)))
    assert {r.status_code for r in [first, *again]} == {200}
    await bot.sms_replies()
    await bot.quiet()
    assert len(bot.tw.messages_to(CITIZEN_NUMBER)) == 1
    rows = await bot.rows("SELECT provider_id FROM inbound")
    assert [r["provider_id"] for r in rows] == [f"sms:{params['MessageSid']}"]


def private_update(update_id: int, chat_id: int, text: str) -> dict:
    """A private text message as Telegram posts it to a webhook."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "fr"}
    chat = {"id": chat_id, "type": "private", "first_name": "Test"}
    message = {"message_id": 1, "from": user, "chat": chat, "date": 1_764_000_000, "text": text}
    return {"update_id": update_id, "message": message}


async def post_update(bot, update: dict, secret: str = WEBHOOK_SECRET) -> httpx.Response:
    return await bot.http.post(
        "/telegram/webhook",
        content=json.dumps(update),
        headers={"X-Telegram-Bot-Api-Secret-Token": secret, "Content-Type": "application/json"},
    )


async def test_same_telegram_update_twice_is_stored_once_and_answered_once(make_bot):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET)
    assert bot.tg.webhook["url"] == bot.url + "/telegram/webhook"
    update = private_update(7001, 631, "Bonjour")
    first = await post_update(bot, update)
    again = await asyncio.gather(*(post_update(bot, update) for _ in range(3)))
    assert {r.status_code for r in [first, *again]} == {200}
    await bot.telegram_replies(631)
    await bot.quiet()
    assert len(bot.tg.sent_messages(631)) == 1
    rows = await bot.rows("SELECT provider_id FROM inbound")
    assert [r["provider_id"] for r in rows] == ["telegram:update:7001"]


# ---- stop and restart ----------------------------------------------------------------------


async def test_restart_delivers_what_was_pending_exactly_once(make_bot, tmp_path):
    database = str(tmp_path / "restart.db")
    first = await make_bot(RELAIS_DATABASE=database, **FAST)
    failing = ["+15145550161", "+15145550162"]
    for number in failing:
        first.tw.fail_to(number, code=20500)
        await first.sms("Bonjour", from_=number)
    await first.tw.wait_for(lambda: all(twilio_requests_to(first, n) for n in failing), 5)
    for number in failing:
        (row,) = await eventually(lambda n=number: outbox_to(first, f"sms:{n}"))
        await eventually(lambda r=row: _status_is(first, r["id"], "pending"))
    await first.relais.stop()

    # A crash mid-send leaves rows in 'sending'; some were never sent at all ('pending').
    crashed = {"sms:+15145550163": "sending", "telegram:641": "sending", "sms:+15145550164": ""}
    await _write_rows(database, crashed)

    second = await make_bot(RELAIS_DATABASE=database, **FAST)
    second.advance(timedelta(seconds=2))  # the refused ones wait out their backoff
    for number in [*failing, "+15145550163", "+15145550164"]:
        await second.sms_replies(number)
    await second.telegram_replies(641)
    await second.quiet()
    for number in [*failing, "+15145550163", "+15145550164"]:
        assert len(second.tw.messages_to(number)) == 1, number
    assert len(second.tg.sent_messages(641)) == 1
    rows = await second.rows("SELECT status FROM outbox")
    assert {r["status"] for r in rows} == {"sent"}


async def _write_rows(database: str, rows: dict[str, str]) -> None:
    now = to_db(utcnow())
    async with Database(database) as db, db.transaction() as conn:
        for address, status in rows.items():
            await conn.execute(
                "INSERT INTO outbox (address, body, status, attempts, next_attempt_at, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (address, "Message en attente", status or "pending", 1 if status else 0, now, now),
            )


async def test_stop_leaves_queued_messages_pending_and_they_go_out_once_after(make_bot, tmp_path):
    database = str(tmp_path / "stop.db")
    first = await make_bot(RELAIS_DATABASE=database, RELAIS_SMS_RATE="2")
    numbers = [f"+1514555017{i}" for i in range(6)]
    for number in numbers:
        assert (await first.sms("Bonjour", from_=number)).status_code == 200
    await first.relais.stop()  # waits for nothing but sends on the wire: some stay pending
    statuses = Counter(r["status"] for r in await _read(database, "SELECT status FROM outbox", ()))
    assert set(statuses) <= {"sent", "pending"} and statuses["pending"] >= 1
    assert statuses["sent"] == len(first.tw.messages)

    second = await make_bot(RELAIS_DATABASE=database, **FAST)
    for number in numbers:
        await second.sms_replies(number)
    await second.quiet()
    assert Counter(m["to"] for m in second.tw.messages) == dict.fromkeys(numbers, 1)


async def _read(database: str, sql: str, params: tuple) -> list:
    async with Database(database) as db:
        return await db.fetchall(sql, params)


# ---- two senders on one database -----------------------------------------------------------


async def test_two_senders_on_one_database_send_each_message_once(twilio_api, tmp_path):
    """A row is claimed by compare-and-set: a second sender (another process, a bug) that read
    the same pending rows sends none of them again."""
    database = str(tmp_path / "two.db")
    numbers = [f"+151455503{i:02d}" for i in range(80)]
    now = to_db(utcnow())
    async with Database(database) as db, db.transaction() as conn:
        for number in numbers:
            await conn.execute(
                "INSERT INTO outbox (address, body, next_attempt_at, created_at)"
                " VALUES (?, 'Bienvenue', ?, ?)",
                (f"sms:{number}", now, now),
            )
    senders, dbs = [], []
    for _ in range(2):
        db = Database(database)
        await db.open()
        channel = SmsChannel(
            DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, RELAIS_NUMBER, api_url=twilio_api.url,
            status_callback="http://127.0.0.1/twilio/status", rate=100,
        )  # fmt: skip
        senders.append(OutboxSender(db, {"sms": channel}))
        dbs.append((db, channel))
    try:
        await asyncio.gather(*(sender.dispatch_due() for sender in senders))  # same rows read
        await twilio_api.wait_for(lambda: len(twilio_api.messages) >= len(numbers), timeout=10)
        # each sender finishes what it has on the wire (nothing is pending any more)
        await asyncio.gather(*(sender.flush() for sender in senders))
    finally:
        for db, channel in dbs:
            await channel.close()
            await db.close()
    assert Counter(m["to"] for m in twilio_api.messages) == dict.fromkeys(numbers, 1)
    rows = await _read(database, "SELECT status, attempts FROM outbox", ())
    assert {(r["status"], r["attempts"]) for r in rows} == {("sent", 1)}
