"""Inbound SMS webhooks through uvicorn, beside the bare baseline and the raw SQLite commit rate."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bench import load
from bench.common import Child, Plan, Row, free_port, percentile, wait_http
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient

LEVELS = (1, 10, 50)
TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0
TARGET_ACK_MS = 20.0
NOTES = [
    "Inbound SMS: `relais run` in its own process (uvicorn defaults, SMS and Telegram on,"
    " RELAIS_SMS_RATE at its default 1/s), signed Twilio webhooks from distinct numbers with"
    " distinct MessageSids (each one creates a citizen, a request and outbox rows), posted over"
    " keep-alive by aiohttp from the benchmark process; latency is measured by the client."
    " The bare baseline is a one-route Starlette app under the same uvicorn settings that reads"
    " the body and checks the signature the same way, without engine or storage."
    " CPU ms/req is the server process's CPU time divided by the requests served."
    " The webhook is answered once the message is stored; processing follows. End to end"
    " is read from the bot's database after each level has been processed: per message,"
    " from its webhook (received_at) to its first reply queued in the outbox, and the"
    " rate from the first message received to the last reply queued.",
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


async def _levels(
    url: str, plan: Plan, first_number: int, child: Child, db: Path | None = None
) -> dict[int, tuple]:
    """Load at each level with fresh senders; {level: (Load, server CPU ms per request,
    end-to-end figures or None)}. With `db` (Relais's), each level also waits until every
    message was processed and reads, from the database, webhook → replies queued."""
    results = {}
    seconds = plan.pick(6.0, 2.0)
    for i, level in enumerate(LEVELS):
        senders = load.numbers(first_number + i * 100_000)
        await load.run(url, load.signed_sms(url, 3 * level, senders), level, 5.0)  # warm-up
        if db is not None:
            await _processed(db)
        posts = load.signed_sms(url, int(seconds * 1500), senders)
        cpu = child.cpu_seconds()
        since = datetime.now(UTC)
        result = await load.run(url, posts, level, seconds)
        end_to_end = None
        if db is not None:
            await _processed(db)
            end_to_end = _end_to_end(db, since)
        spent = (child.cpu_seconds() - cpu) * 1000 / max(len(result.latencies), 1)
        results[level] = (result, spent, end_to_end)
    return results


async def _processed(db: Path, within: float = 120.0) -> None:
    """Wait until the bot has processed every stored message (none left 'received')."""
    began = time.perf_counter()
    while time.perf_counter() - began < within:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            (left,) = conn.execute(
                "SELECT COUNT(*) FROM inbound WHERE status = 'received'"
            ).fetchone()
        if left == 0:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the bot did not process its backlog")


def _end_to_end(db: Path, since: datetime) -> tuple[float, list[float]]:
    """Messages received since `since`: processed per second (first received → last reply
    queued) and each one's seconds from its webhook to its first reply in the outbox."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        rows = conn.execute(
            "SELECT i.received_at, MIN(o.created_at) FROM inbound i"
            " JOIN outbox o ON o.address = i.address AND o.created_at >= i.received_at"
            " WHERE i.received_at >= ? GROUP BY i.id",
            (since.isoformat(timespec="microseconds"),),
        ).fetchall()
    pairs = [(datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in rows]
    if not pairs:
        return 0.0, []
    wall = (max(b for _, b in pairs) - min(a for a, _ in pairs)).total_seconds()
    return len(pairs) / max(wall, 1e-9), [(b - a).total_seconds() for a, b in pairs]


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
        return await _levels(bot.url + "/twilio/sms", plan, 1_000_000, bot.child, bot.db)


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """All the inbound rows."""
    commits = await sqlite_commits(workdir, plan.pick(3.0, 1.0))
    rows = [Row("SQLite commit rate (aiosqlite, WAL, 1 INSERT+COMMIT)", f"{commits:.0f} /s")]
    bare = await bare_levels(workdir, plan)
    sms = await sms_levels(workdir, standins, plan)
    for level in LEVELS:
        rows.append(Row(f"Bare signed endpoint, {level} in flight", _line(*bare[level][:2])))
        rows.append(Row(f"Inbound SMS webhook, {level} in flight", _line(*sms[level][:2])))
    for level in LEVELS:
        rate, seconds = sms[level][2]
        p50, p99 = (percentile(seconds, q) * 1000 if seconds else float("inf") for q in (50, 99))
        rows.append(Row(
            f"Inbound SMS end to end (webhook → replies queued), {level} in flight",
            f"{rate:.0f} msg/s · p50 {p50:.1f} ms · p99 {p99:.1f} ms",
        ))  # fmt: skip
    for level in LEVELS:
        ratio = sms[level][2][0] / max(bare[level][0].rate, 1e-9)
        target = f"≥ {TARGET_RATIO}" if level == 50 else ""
        ok = ratio >= TARGET_RATIO if level == 50 else None
        figure = f"SMS end to end / bare throughput ratio, {level} in flight"
        rows.append(Row(figure, f"{ratio:.2f}", target, ok))
    seconds = sms[50][2][1]
    p99 = percentile(seconds, 99) * 1000 if seconds else float("inf")
    rows.append(
        Row("Inbound SMS end to end p99, 50 in flight", f"{p99:.1f} ms",
            f"≤ {TARGET_P99_MS:.0f} ms", p99 <= TARGET_P99_MS)
    )  # fmt: skip
    ack = sms[50][0].p(99)
    rows.append(
        Row("Webhook acknowledgement p99, 50 in flight, backlog being processed",
            f"{ack:.1f} ms", f"≤ {TARGET_ACK_MS:.0f} ms", ack <= TARGET_ACK_MS)
    )  # fmt: skip
    return rows
