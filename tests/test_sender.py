"""The outbox sender's own timing: pacing from the channel's rates, and a prompt stop."""

from __future__ import annotations

import asyncio

from tests.conftest import CITIZEN_NUMBER


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
