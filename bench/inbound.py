"""Inbound SMS webhooks through uvicorn, beside the bare baseline and the raw SQLite commit rate."""

from __future__ import annotations

import time
from pathlib import Path

import aiosqlite

from bench import load
from bench.common import Child, Plan, Row, free_port, wait_http
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient

LEVELS = (1, 10, 50)
TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0
NOTES = [
    "Inbound SMS: `relais run` in its own process (uvicorn defaults, SMS and Telegram on,"
    " RELAIS_SMS_RATE at its default 1/s), signed Twilio webhooks from distinct numbers with"
    " distinct MessageSids (each one creates a citizen, a request and outbox rows), posted over"
    " keep-alive by aiohttp from the benchmark process; latency is measured by the client."
    " The bare baseline is a one-route Starlette app under the same uvicorn settings that reads"
    " the body and checks the signature the same way, without engine or storage."
    " CPU ms/req is the server process's CPU time divided by the requests served.",
]


async def sqlite_commits(workdir: Path, seconds: float) -> float:
    """Commits per second: one connection, WAL, BEGIN IMMEDIATE + one INSERT + COMMIT per op."""
    async with aiosqlite.connect(workdir / "raw.db", isolation_level=None) as conn:
        for pragma in ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"):
            await conn.execute(pragma)
        await conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT, at TEXT)")
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            await conn.execute("BEGIN IMMEDIATE")
            await conn.execute("INSERT INTO t (body, at) VALUES (?, ?)", ("Bonjour", "now"))
            await conn.execute("COMMIT")
            count += 1
        return count / (time.perf_counter() - start)


async def _levels(url: str, plan: Plan, first_number: int, child: Child) -> dict[int, tuple]:
    """Load at each level with fresh senders; {level: (Load, server CPU ms per request)}."""
    results = {}
    seconds = plan.pick(6.0, 2.0)
    for i, level in enumerate(LEVELS):
        senders = load.numbers(first_number + i * 100_000)
        await load.run(url, load.signed_sms(url, 3 * level, senders), level, 5.0)  # warm-up
        posts = load.signed_sms(url, int(seconds * 1500), senders)
        cpu = child.cpu_seconds()
        result = await load.run(url, posts, level, seconds)
        spent = (child.cpu_seconds() - cpu) * 1000 / max(len(result.latencies), 1)
        results[level] = (result, spent)
    return results


def _line(result: load.Load, cpu_ms: float) -> str:
    errors = f" · {result.errors} errors" if result.errors else ""
    return (
        f"{result.rate:.0f} req/s · p50 {result.p(50):.1f} ms · p99 {result.p(99):.1f} ms"
        f" · {cpu_ms:.2f} CPU ms/req{errors}"
    )


async def bare_levels(workdir: Path, plan: Plan) -> dict[int, tuple]:
    """The bare signature-checking endpoint at each level."""
    port = free_port()
    child = Child(["-m", "bench.bare", str(port)], {}, workdir, workdir / "bare.log")
    try:
        await wait_http(f"http://127.0.0.1:{port}/healthz", child=child)
        return await _levels(f"http://127.0.0.1:{port}/twilio/sms", plan, 0, child)
    finally:
        child.stop()


async def sms_levels(workdir: Path, standins: StandinClient, plan: Plan) -> dict[int, tuple]:
    """`relais run` (SMS and Telegram on, default SMS rate) at each level."""
    await standins.reset("twilio")
    async with RelaisRun(workdir, standins, "inbound") as bot:
        return await _levels(bot.url + "/twilio/sms", plan, 1_000_000, bot.child)


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """All the inbound rows."""
    commits = await sqlite_commits(workdir, plan.pick(3.0, 1.0))
    rows = [Row("SQLite commit rate (aiosqlite, WAL, 1 INSERT+COMMIT)", f"{commits:.0f} /s")]
    bare = await bare_levels(workdir, plan)
    sms = await sms_levels(workdir, standins, plan)
    for level in LEVELS:
        rows.append(Row(f"Bare signed endpoint, {level} in flight", _line(*bare[level])))
        rows.append(Row(f"Inbound SMS webhook, {level} in flight", _line(*sms[level])))
    for level in LEVELS:
        ratio = sms[level][0].rate / max(bare[level][0].rate, 1e-9)
        target = f"≥ {TARGET_RATIO}" if level == 50 else ""
        ok = ratio >= TARGET_RATIO if level == 50 else None
        figure = f"SMS/bare throughput ratio, {level} in flight"
        rows.append(Row(figure, f"{ratio:.2f}", target, ok))
    p99 = sms[50][0].p(99)
    rows.append(
        Row("Inbound SMS p99, 50 in flight", f"{p99:.1f} ms", f"≤ {TARGET_P99_MS:.0f} ms",
            p99 <= TARGET_P99_MS)
    )  # fmt: skip
    return rows
