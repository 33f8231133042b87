"""The outbox sender's cost per message: a recipient's rows follow one another without a pass
over the outbox each, a channel's bound on sends at once, and the Telegram send's answer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.channels.memory import MemoryChannel
from bot.channels.sender import OutboxSender
from bot.channels.telegram_channel import TelegramChannel
from bot.channels.transports import TelegramRates
from handlers.telegram import build_application
from storage import outbox
from storage.db import Database
from storage.outbox import OutboxItem

NOW = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


async def _settled(sender: OutboxSender, within: float = 10) -> None:
    """Until every delivery the sender started (and what they started) has ended."""
    async with asyncio.timeout(within):
        while True:
            if not sender.in_flight:
                return
            await asyncio.sleep(0.005)


async def _statuses(db: Database) -> list[str]:
    return [r["status"] for r in await db.fetchall("SELECT status FROM outbox ORDER BY id")]


async def test_a_recipients_next_rows_go_out_after_one_pass(tmp_path):
    """Each delivery's end woke a pass that read up to 500 due rows again to start the one
    row behind it: O(backlog) per message. The pass now leaves each recipient's later rows
    waiting behind its delivery, started as it ends, in order."""
    async with Database(str(tmp_path / "relais.db")) as db:
        async with db.transaction() as conn:
            for n in range(6):
                await outbox.enqueue(conn, "sms:+15145550100", f"Message {n}", NOW)
            await outbox.enqueue(conn, "sms:+15145550101", "Autre", NOW)
        channel = MemoryChannel("sms", lambda: NOW)
        sender = OutboxSender(db, {"sms": channel}, clock=lambda: NOW)
        assert await sender.dispatch_due() == 2  # one pass, the runner not started
        await _settled(sender)
        assert await _statuses(db) == ["sent"] * 7
    bodies = [sent.body for sent in channel.transcripts["sms:+15145550100"]]
    assert bodies == [f"Message {n}" for n in range(6)]


class _Wire(MemoryChannel):
    """A channel whose sends stay on the wire for a few turns of the loop; how many at once."""

    def __init__(self, in_flight: int | None) -> None:
        super().__init__("sms", lambda: NOW)
        self.in_flight = in_flight
        self.on_wire = self.most = 0

    async def send(self, item: OutboxItem) -> str | None:
        self.on_wire += 1
        self.most = max(self.most, self.on_wire)
        try:
            for _ in range(5):
                await asyncio.sleep(0)
            return await super().send(item)
        finally:
            self.on_wire -= 1


async def _most_on_wire(tmp_path, in_flight: int | None) -> int:
    async with Database(str(tmp_path / f"relais-{in_flight}.db")) as db:
        async with db.transaction() as conn:
            for n in range(8):
                await outbox.enqueue(conn, f"sms:+151455502{n:02d}", f"Bonjour {n}", NOW)
        channel = _Wire(in_flight)
        sender = OutboxSender(db, {"sms": channel}, clock=lambda: NOW)
        assert await sender.flush() == 8
        assert await _statuses(db) == ["sent"] * 8
    return channel.most


async def test_a_channel_bounds_its_sends_at_once(tmp_path):
    """Every due recipient had a send on the wire at once, up to the sender's 16: on
    Telegram each is a pooled HTTP connection that httpcore polls on every request."""
    assert await _most_on_wire(tmp_path, None) == 8  # the sender's own bound only
    assert await _most_on_wire(tmp_path, 2) == 2


def test_telegram_sends_at_most_eight_at_once_by_default():
    """8 in flight carry Telegram's 30 messages/s up to ~260 ms a round trip (4 cost no less
    CPU on a quiet machine, `python -m bench --only telegram`, and carry it only to ~130 ms)."""
    app = build_application("123:abc", "http://127.0.0.1:9/bot")
    assert TelegramChannel(app.bot, TelegramRates()).in_flight == 8


async def test_telegram_keeps_the_provider_id_and_the_buttons(telegram_api, tmp_path):
    """sendMessage's answer is read as a dict (no Message built): its message_id is still the
    row's provider id, and the buttons still reach Telegram."""
    app = build_application(telegram_api.token, telegram_api.bot_base_url)
    async with app, Database(str(tmp_path / "relais.db")) as db:
        async with db.transaction() as conn:
            await outbox.enqueue(
                conn, "telegram:901", "Bonjour", NOW, buttons=[["oui:1", "Oui"], ["non:1", "Non"]]
            )
        sender = OutboxSender(db, {"telegram": TelegramChannel(app.bot)}, clock=lambda: NOW)
        assert await sender.flush() == 1
        row = await db.fetchone("SELECT status, provider_message_id FROM outbox")
    (sent,) = telegram_api.sent_messages(901)
    assert (row["status"], row["provider_message_id"]) == ("sent", str(sent["message_id"]))
    (params,) = telegram_api.calls_to("sendMessage")
    keyboard = params["reply_markup"]["inline_keyboard"]
    assert [[b["callback_data"] for b in line] for line in keyboard] == [["oui:1"], ["non:1"]]
