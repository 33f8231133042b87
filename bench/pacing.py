"""Campaign pacing: a big outbox queued at once, drained by `relais run` against rate limits."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from bench.common import Plan, Row
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient
from storage import outbox
from storage.clock import utcnow
from storage.db import Database

SMS_RATE = 100.0  # the highest RELAIS_SMS_RATE accepts
TELEGRAM_RATE = 30.0  # TelegramChannel.rate, from Telegram's FAQ
TARGET_SHARE = 0.95
NOTES = [
    "Pacing: rows are queued with storage.outbox.enqueue in one transaction before `relais run`"
    " starts (SMS to distinct numbers, Telegram to distinct chats). The stand-ins enforce the"
    " configured rate like the providers (token bucket, burst 10; above it a 429), and the rate"
    f" is measured from the times the stand-in accepted sends. RELAIS_SMS_RATE is capped at"
    f" {SMS_RATE:.0f}/s, so the full run measures the SMS rate over a bounded window while the"
    " whole 10,000-row backlog is queued, rather than waiting for it all to drain.",
]


async def seed(db_path: Path, addresses: list[str]) -> None:
    """Queue one message per address, all in one transaction."""
    now = utcnow()
    body = "Bonjour! Le marché solidaire est ouvert samedi de 10 h à 14 h. STOP pour arrêter."
    async with Database(str(db_path)) as db, db.transaction() as conn:
        for address in addresses:
            await outbox.enqueue(conn, address, body, now)


async def _drain(standins: StandinClient, provider: str, count: int, seconds: float) -> dict:
    """Wait until `count` sends went through or `seconds` passed; the gate's stats."""
    deadline = time.perf_counter() + seconds
    stats = await standins.stats(provider)
    while len(stats["accepted"]) < count and time.perf_counter() < deadline:
        await asyncio.sleep(0.5)
        stats = await standins.stats(provider)
    return stats


def _row(label: str, stats: dict, rate: float, count: int) -> list[Row]:
    times = stats["accepted"]
    achieved = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    share = achieved / rate
    return [
        Row(f"{label} pacing: achieved / configured rate",
            f"{achieved:.1f}/s of {rate:.0f}/s = {share:.0%} ({len(times)} of {count} sent)",
            f"≥ {TARGET_SHARE:.0%}", share >= TARGET_SHARE),
        Row(f"{label} pacing: 429s from the provider", str(stats["limited"]), "0",
            stats["limited"] == 0),
    ]  # fmt: skip


async def sms(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    count = int(plan.pick(10_000, 1_000))
    db = workdir / "pacing_sms.db"
    await seed(db, [f"sms:+1438{2000000 + n:07d}" for n in range(count)])
    await standins.reset("twilio", rate=SMS_RATE)
    async with RelaisRun(workdir, standins, "pacing_sms", telegram=False, sms_rate=SMS_RATE):
        stats = await _drain(standins, "twilio", count, plan.pick(45, 12))
    await standins.reset("twilio")
    return _row("SMS", stats, SMS_RATE, count)


async def telegram(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    count = int(plan.pick(450, 90))
    await seed(workdir / "pacing_telegram.db", [f"telegram:{500_000 + n}" for n in range(count)])
    await standins.reset("telegram", rate=TELEGRAM_RATE)
    async with RelaisRun(workdir, standins, "pacing_telegram", sms=False):
        stats = await _drain(standins, "telegram", count, count / TELEGRAM_RATE * 1.5 + 5)
    await standins.reset("telegram")
    return _row("Telegram", stats, TELEGRAM_RATE, count)


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The pacing rows."""
    return await sms(workdir, standins, plan) + await telegram(workdir, standins, plan)
