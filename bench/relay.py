"""Citizen → worker relay latency: from the citizen's SMS to the message queued for the worker."""

from __future__ import annotations

import asyncio
import importlib.util
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from bench import load
from bench.common import Plan, Row, percentile
from bench.relais_proc import RELAIS_NUMBER, RelaisRun
from bench.standins import StandinClient
from storage import workers
from storage.clock import to_db, utcnow
from storage.db import Database
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign

WORKER_TELEGRAM_ID = 770_000_001
OPENERS = ("J'ai besoin d'aide pour mes courses", "Je voudrais parler à quelqu'un")
NOTES = [
    "Relay: a worker is registered, each citizen texts until a request is open, the requests"
    " are marked claimed by that worker, then each citizen sends one more SMS (one at a time);"
    " latency runs from the start of the webhook POST until the relayed message is in the"
    " outbox for the worker's Telegram chat (the database is polled every millisecond).",
]


def _na(reason: str) -> list[Row]:
    return [Row("Citizen → worker relay latency", f"n/a ({reason})")]


async def _post(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> None:
    """One signed Twilio webhook from `sender` saying `text`."""
    params = inbound_sms_params(sender, RELAIS_NUMBER, text)
    signature = sign(DEFAULT_AUTH_TOKEN, url, params)
    headers = {"Content-Type": load.FORM, "X-Twilio-Signature": signature}
    async with session.post(url, data=urlencode(params).encode(), headers=headers) as response:
        await response.read()


def _open_request(db: Path, sender: str) -> int | None:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT r.id FROM requests r JOIN citizens c ON c.id = r.citizen_id"
            " WHERE c.address = ? AND r.status != 'closed'",
            (f"sms:{sender}",),
        ).fetchone()
    return row[0] if row else None


async def _wait_request(db: Path, sender: str, within: float = 0.3) -> int | None:
    deadline = time.perf_counter() + within
    while time.perf_counter() < deadline:
        if (request := _open_request(db, sender)) is not None:
            return request
        await asyncio.sleep(0.005)
    return None


async def _relayed(db: Path, marker: str, within: float) -> bool:
    """Poll until a message containing `marker` is queued for the worker."""
    address = f"telegram:{WORKER_TELEGRAM_ID}"
    deadline = time.perf_counter() + within
    with sqlite3.connect(db) as conn:
        while time.perf_counter() < deadline:
            query = "SELECT 1 FROM outbox WHERE address = ? AND body LIKE ?"
            if conn.execute(query, (address, f"%{marker}%")).fetchone():
                return True
            await asyncio.sleep(0.001)
    return False


async def measure(workdir: Path, standins: StandinClient, count: int) -> list[float] | str:
    """The latencies in seconds, or why there are none."""
    async with Database(str(workdir / "relay.db")) as db:
        worker = await workers.add(db, "Banc Essai", utcnow(), telegram_id=WORKER_TELEGRAM_ID)
    async with RelaisRun(workdir, standins, "relay") as bot, aiohttp.ClientSession() as session:
        url = bot.url + "/twilio/sms"
        senders = [f"+1450{2000000 + n:07d}" for n in range(count)]
        requests = []
        for sender in senders:
            for text in OPENERS:
                await _post(session, url, sender, text)
                # The webhook answers once the message is stored; processing follows.
                if (request := await _wait_request(bot.db, sender)) is not None:
                    requests.append(request)
                    break
        if len(requests) < count:
            return "the citizen flow opened no request"
        with sqlite3.connect(bot.db) as conn:
            conn.executemany(
                "UPDATE requests SET status = 'claimed', claimed_by = ?, claimed_at = ?"
                " WHERE id = ?",
                [(worker.id, to_db(utcnow()), r) for r in requests],
            )
        latencies = []
        for n, sender in enumerate(senders):
            marker = f"repere{n:05d}"
            start = time.perf_counter()
            post = asyncio.ensure_future(_post(session, url, sender, f"Merci {marker}"))
            if not await _relayed(bot.db, marker, 3.0):
                await post
                return "no relay reached the worker's outbox"
            latencies.append(time.perf_counter() - start)
            await post
        return latencies


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The relay row."""
    if importlib.util.find_spec("bot.desk.desk") is None:
        return _na("worker relay not built yet")
    result = await measure(workdir, standins, int(plan.pick(100, 20)))
    if isinstance(result, str):
        return _na(result)
    p50, p99 = percentile(result, 50) * 1000, percentile(result, 99) * 1000
    value = f"p50 {p50:.1f} ms · p99 {p99:.1f} ms"
    return [Row("Citizen → worker relay latency (1 in flight)", value)]
