"""The outbox sender's own timing: pacing from the channel's rates, and a prompt stop."""

from __future__ import annotations

import asyncio
import socket

import pytest

from bot.app import Relais
from bot.channels.sms_channel import SmsChannel
from bot.channels.transports import SendError, TelegramRates
from bot.core.settings import Settings
from storage.outbox import OutboxItem
from tests.conftest import CITIZEN_NUMBER, RELAIS_NUMBER
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN


async def test_stop_right_after_a_wake_returns_at_once(make_bot):
    """A wake-up landing with the stop (a send just finished) must not keep stop() waiting
    out its bound: on Python 3.11 asyncio.wait_for swallowed that cancellation."""
    bot = await make_bot(TELEGRAM_BOT_TOKEN="")
    await bot.sms("Bonjour")
    await bot.sms_replies()
    sender = bot.relais.sender
    for _ in range(3):  # the runner is idle, waiting for a wake-up or its timer
        await asyncio.sleep(0)
    sender.wake()
    stopping = asyncio.create_task(sender.stop())
    # A hang guard, not a measure: stuck, stop() would wait for the runner's 30 s idle timer.
    done, _ = await asyncio.wait({stopping}, timeout=5)
    assert stopping in done and sender._runner.done()
    assert len(bot.tw.bodies_to(CITIZEN_NUMBER)) == 1


def most_within(stamps: list[float], window: float) -> int:
    """The most arrivals that fall within any `window` seconds."""
    stamps = sorted(stamps)
    return max(
        (sum(1 for t in stamps[i:] if t - s < window) for i, s in enumerate(stamps)), default=0
    )


def test_the_production_pacing_is_telegrams():
    assert TelegramRates() == TelegramRates(overall=30.0, per_chat=1.0)
    assert Relais(Settings.from_mapping({})).telegram_rates == TelegramRates()


async def test_telegram_messages_to_one_chat_are_paced(make_bot):
    """Scaled down from 1 per second: 5 per second in one chat, in bursts of at most 3."""
    bot = await make_bot(telegram_rates=TelegramRates(overall=1000.0, per_chat=5.0))
    for _ in range(10):
        bot.tg.push_text(701, "/start")
    await bot.telegram_replies(701, count=10)
    calls = zip(bot.tg.calls, bot.tg.arrivals, strict=True)
    arrivals = [at for call, at in calls if call.method.lower() == "sendmessage"]
    assert len(arrivals) == 10
    # The token bucket lets 3 + 5 × 0.4 = 5 through in 0.4 s; one more for scheduling jitter.
    assert most_within(arrivals, 0.4) <= 6


async def test_concurrent_sends_claim_and_settle_in_shared_transactions(tmp_path):
    """Each send took two transactions of its own (claim, then 'sent'): four lock turns and
    commits per reply with the dispatch. Sends that run together now share them."""
    from datetime import UTC, datetime

    from bot.channels.memory import MemoryChannel
    from bot.channels.sender import OutboxSender
    from storage import outbox
    from storage.db import Database

    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
    async with Database(str(tmp_path / "relais.db")) as db:
        async with db.transaction() as conn:
            for n in range(10):
                await outbox.enqueue(conn, f"sms:+151455501{n:02d}", f"Bonjour {n}", now)
        channel = MemoryChannel("sms", lambda: now)
        sender = OutboxSender(db, {"sms": channel}, clock=lambda: now)
        statements: list[str] = []
        conn = db.conn
        await conn._execute(conn._conn.set_trace_callback, statements.append)  # sqlite3's own
        assert await sender.flush() == 10
        await conn._execute(conn._conn.set_trace_callback, None)
    assert sum(len(sent) for sent in channel.transcripts.values()) == 10
    claims = sent = 0
    for sql in statements:
        if sql.startswith("BEGIN"):
            claimed_here = sent_here = 0
        elif sql.startswith("UPDATE outbox SET status = 'sending'"):
            claimed_here += 1
        elif sql.startswith("UPDATE outbox SET status = 'sent'"):
            sent_here += 1
        elif sql == "COMMIT":
            claims += bool(claimed_here)
            sent += bool(sent_here)
    assert claims <= 2 and sent <= 2, (claims, sent)


async def test_an_sms_to_an_unreachable_twilio_is_a_network_failure_retried_later() -> None:
    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}"
    channel = SmsChannel(
        DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, RELAIS_NUMBER, api_url=closed, status_callback=None
    )
    item = OutboxItem(
        id=1, address=f"sms:{CITIZEN_NUMBER}", kind="text", body="Bonjour", buttons=None,
        payload=None, attempts=0, citizen_id=None, worker_id=None, request_id=None,
    )  # fmt: skip
    try:
        with pytest.raises(SendError) as failed:
            await channel.send(item)
    finally:
        await channel.close()
    assert failed.value.reason == "twilio.network: ConnectError"
    assert not failed.value.permanent  # the sender tries again later
