"""Memory over a long run: one `relais run`, 100,000 SMS from 1,000 citizens writing in turn,
its resident memory sampled every tenth of the run."""

from __future__ import annotations

import itertools
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from bench import load
from bench.common import Plan, Row
from bench.inbound import _processed
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient

CITIZENS = 1_000
IN_FLIGHT = 50
SLICES = 10
SMS_RATE = 100.0  # the highest RELAIS_SMS_RATE accepts
TARGET_MB_PER_10K = 5.0
NOTES = [
    "Memory: one `relais run` (SQLite, SMS and Telegram on, RELAIS_SMS_RATE 100/s, the highest"
    f" it accepts, the Twilio stand-in taking every send), then N signed SMS webhooks (100,000;"
    f" 5,000 with --quick) from {CITIZENS:,} citizens writing in turn (message k from citizen"
    f" k mod {CITIZENS:,}: a first contact each, then follow-ups in continuing conversations),"
    f" {IN_FLIGHT} in flight. The run is posted in {SLICES} tenths; after each tenth the"
    " benchmark waits until every stored message is processed (none left 'received') and reads"
    " VmRSS from /proc/<pid>/status. Warm is the sample after the first tenth; growth is the"
    " least-squares slope of RSS against messages over the 9 samples after it (20 % … 100 %),"
    f" per 10,000 messages. Target: growth ≤ {TARGET_MB_PER_10K:.0f} MB per 10,000 messages"
    " after warm-up. The outbox drains behind at 100/s (the cap), so replies still pending at"
    " the end are counted, not waited for.",
]


def rss_mb(pid: int) -> float:
    """VmRSS: the resident memory of process `pid` now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of y on x (0 with fewer than two distinct x)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _pending_outbox(db: Path) -> int:
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        (left,) = conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE status IN ('pending', 'sending')"
        ).fetchone()
    return left


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The memory rows."""
    total = int(plan.pick(100_000, 5_000))
    per_slice = total // SLICES
    citizens = itertools.cycle(list(itertools.islice(load.numbers(3_000_000), CITIZENS)))
    await standins.reset("twilio")
    samples: list[tuple[int, float]] = []
    errors = 0
    began = time.perf_counter()
    async with RelaisRun(workdir, standins, "memory", sms_rate=SMS_RATE) as bot:
        url = bot.url + "/twilio/sms"
        start_rss = rss_mb(bot.child.pid)
        for tenth in range(1, SLICES + 1):
            posts = load.signed_sms(url, per_slice, citizens)
            result = await load.run(url, posts, IN_FLIGHT, 3600.0)
            errors += result.errors
            await _processed(bot.db, within=1800.0)
            samples.append((tenth * per_slice, rss_mb(bot.child.pid)))
        pending = _pending_outbox(bot.db)
        peak = bot.child.peak_rss_mb()
    seconds = time.perf_counter() - began
    growth = slope([(x, y) for x, y in samples[1:]]) * 10_000
    trail = " · ".join(f"{y:.0f}" for _, y in samples)
    return [
        Row(f"Memory, {total:,} SMS from {CITIZENS:,} citizens, {IN_FLIGHT} in flight: RSS at"
            " start · after the first 10 % (warm) · at the end",
            f"{start_rss:.0f} · {samples[0][1]:.0f} · {samples[-1][1]:.0f} MB (peak {peak:.0f}"
            f" MB; {total / seconds:.0f} msg/s processed, {seconds:.0f} s,"
            f" {errors} errors, {pending:,} replies still queued at the end)"),
        Row("Memory: RSS at each 10 % (MB)", trail),
        Row("Memory flat: growth per 10,000 messages after warm-up (least squares)",
            f"{growth:+.2f} MB", f"≤ {TARGET_MB_PER_10K:.0f} MB", growth <= TARGET_MB_PER_10K),
    ]  # fmt: skip
