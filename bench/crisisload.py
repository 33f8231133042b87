"""A crisis message under load: its answer queued while a campaign's replies pour in (issue 14)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from bench import load
from bench.common import Plan, Row, percentile
from bench.inbound import _processed
from bench.relais_proc import RELAIS_NUMBER, RelaisRun
from bench.standins import StandinClient
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign

IN_FLIGHT = 50
EVERY = 200  # a crisis message after each 200th reply
TARGET_P99_S = 1.0
# The crisis answer (flows/messages.py `crisis`): 911 and the text line, which no ordinary reply
# carries (an acknowledgement ends with "Urgence: 911").
LINES = ("911", "535353")
REPLIES = ("Oui", "Non merci", "Ça va bien, merci", "Oui svp", "Yes please", "Arrêt")
CRISES = (
    "je veux mourir",
    "i want to end my life",
    "J'ai envie de me tuer",
    "I'm going to kill myself tonight",
    "jveux pu vivre",
)
NOTES = [
    "Crisis under load: `relais run` (SMS and Telegram on, default SMS rate) is posted signed"
    " Twilio webhooks by aiohttp, 50 in flight, each as soon as the last one is acknowledged:"
    " 10,000 campaign replies from distinct citizens (1,000 with --quick) and, after every"
    " 200th, a crisis message from another citizen. Per crisis message, from its webhook"
    " (inbound.received_at) to its crisis answer queued (the first outbox row to that"
    " address, checked to carry 911 and the text line 535353, which no ordinary reply"
    " carries), read from the database once everything was processed.",
]


def _posts(url: str, replies: int) -> tuple[list[tuple[bytes, dict]], list[str]]:
    """The signed webhooks in posting order, and the crisis senders' numbers."""
    ordinary = load.numbers(3_000_000)
    crisis = load.numbers(6_000_000)
    posts, crisis_senders = [], []
    for i in range(replies):
        texts = [(next(ordinary), REPLIES[i % len(REPLIES)])]
        if (i + 1) % EVERY == 0:
            sender = next(crisis)
            crisis_senders.append(sender)
            texts.append((sender, CRISES[len(crisis_senders) % len(CRISES)]))
        for sender, text in texts:
            params = inbound_sms_params(sender, RELAIS_NUMBER, text)
            signature = sign(DEFAULT_AUTH_TOKEN, url, params)
            headers = {"Content-Type": load.FORM, "X-Twilio-Signature": signature}
            posts.append((urlencode(params).encode(), headers))
    return posts, crisis_senders


def _crisis_answers(db: Path, senders: list[str]) -> tuple[list[float], int]:
    """Seconds from each crisis webhook to the first outbox row to that address, and how many
    of those first rows are not the crisis answer (or are missing)."""
    seconds, wrong = [], 0
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        for sender in senders:
            address = f"sms:{sender}"
            received = conn.execute(
                "SELECT received_at FROM inbound WHERE address = ? ORDER BY id LIMIT 1", (address,)
            ).fetchone()
            first = conn.execute(
                "SELECT created_at, body FROM outbox WHERE address = ? ORDER BY id LIMIT 1",
                (address,),
            ).fetchone()
            if received is None or first is None or not all(n in first[1] for n in LINES):
                wrong += 1
                continue
            delta = datetime.fromisoformat(first[0]) - datetime.fromisoformat(received[0])
            seconds.append(delta.total_seconds())
    return seconds, wrong


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The crisis-under-load rows."""
    replies = int(plan.pick(10_000, 1_000))
    await standins.reset("twilio")
    async with RelaisRun(workdir, standins, "crisisload") as bot:
        url = bot.url + "/twilio/sms"
        posts, senders = _posts(url, replies)
        result = await load.run(url, posts, IN_FLIGHT, 3600.0)
        await _processed(bot.db, within=1800.0)
        seconds, wrong = _crisis_answers(bot.db, senders)
    p50, p99, worst = (percentile(seconds, q) if seconds else float("inf") for q in (50, 99, 100))
    errors = f" · {result.errors} errors" if result.errors else ""
    ok = bool(seconds) and wrong == 0 and p99 <= TARGET_P99_S
    return [
        Row(
            f"Crisis under load: {replies:,} replies + {len(senders)} crisis, webhooks",
            f"{result.rate:.0f} req/s · ack p99 {result.p(99):.1f} ms{errors}",
        ),
        Row(
            "Crisis under load: webhook → crisis answer queued",
            f"p50 {p50 * 1000:.0f} ms · p99 {p99 * 1000:.0f} ms · max {worst * 1000:.0f} ms"
            + (f" · {wrong} not the crisis answer" if wrong else ""),
        ),
        Row("crisis answer queued ≤ 1 s (p99)", f"{p99:.2f} s", f"≤ {TARGET_P99_S:.0f} s", ok),
    ]
