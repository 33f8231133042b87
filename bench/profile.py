"""`python -m bench --profile`: where a message's CPU goes, by component, and its SQL.

Three accounts, each measured twice: first without a profiler (the CPU ms per message that
the table shows), then under cProfile (timed in thread CPU time) for the shares, which scale
the first figure; a profiler slows Python calls more than C, so shares are approximate.

- SMS first contact: `relais run` under bench/profiled.py, signed webhooks from distinct
  numbers at 50 in flight, the window running from the first webhook until every message is
  processed (webhook, storage, flow, replies queued). Statements and transactions per message
  from SQLite's trace callback.
- Telegram: Relais's `process_update` path and its delivery (bench/telegram.py), and the bare
  echo bot, profiled in this process.
- The acknowledgement alone (issue 14, target 2): the bare endpoint, `relais run` with its
  engine held (stores, acknowledges, does not process: bench/profiled.py) and `relais run`
  processing its backlog, at 50 in flight, one after the other in this run.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import os
import pstats
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from bench import cpu_account, load
from bench import telegram as tg
from bench.common import Child, Plan, Row, free_port, wait_http
from bench.inbound import _processed
from bench.profiled import statement_shape, thread_cpu
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient
from bot.core import heap

IN_FLIGHT = 50
NOTES = [
    "Profile (`--profile`): CPU ms per message measured without a profiler (process CPU, main"
    " thread apart), divided among components by the shares of a cProfile run of the same"
    " load (own time per function, timed in thread CPU time; builtins and generic standard"
    " library charged to their callers: bench/cpu_account.py). Other threads are shown by"
    " name. SQL counts come from SQLite's trace callback over the profiled window. Ranges are"
    " over the unprofiled passes.",
]


def _main_thread_cpu(pid: int) -> float:
    """CPU seconds of a process's main thread (its task id is its pid)."""
    fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _range(values: list[float], digits: int = 2) -> str:
    low, high = min(values), max(values)
    if abs(high - low) < 10**-digits:
        return f"{low:.{digits}f}"
    return f"{low:.{digits}f}–{high:.{digits}f}"


def _component_rows(
    title: str, shares: dict[str, float], main_ms: list[float], threads: dict[str, list[float]]
) -> list[Row]:
    """One row per component of the main thread (its share × the main thread's CPU ms) and
    one per other thread; percentages of the whole message."""
    whole = sum(main_ms) / len(main_ms) + sum(sum(v) / len(v) for v in threads.values())
    total = sum(shares.values()) or 1.0
    rows = []
    for component in cpu_account.COMPONENTS:
        part = shares.get(component, 0.0) / total
        if part < 0.005:
            continue
        ms = [m * part for m in main_ms]
        pct = 100 * sum(ms) / len(ms) / whole
        rows.append(Row(f"{title}: {component}", f"{_range(ms)} ms · {pct:.0f} %"))
    for name, values in sorted(threads.items(), key=lambda kv: -sum(kv[1])):
        pct = 100 * sum(values) / len(values) / whole
        if pct >= 0.5:
            rows.append(Row(f"{title}: thread {name}", f"{_range(values)} ms · {pct:.0f} %"))
    return rows


def _print_top(title: str, stats: pstats.Stats) -> None:
    print(f"\n{title}: own time (profiled), top functions", file=sys.stderr)
    total = sum(v[2] for v in stats.stats.values()) or 1.0
    for where, seconds, calls in cpu_account.top(stats, 30):
        print(f"  {100 * seconds / total:5.1f} %  {calls:8d}  {where}", file=sys.stderr)


async def _window(child: Child, out: Path, action) -> tuple[pstats.Stats, dict]:
    """Run `action()` inside a profiled window of the bot (SIGUSR1 … SIGUSR2)."""
    summary = Path(f"{out}.json")
    _forget(summary)
    os.kill(child.pid, signal.SIGUSR1)
    await asyncio.sleep(0.3)  # the loop wakes and the handler runs
    result = await action()
    os.kill(child.pid, signal.SIGUSR2)
    for _ in range(200):
        figures = _summary(summary)
        if figures is not None:
            return pstats.Stats(str(out)), figures | {"result": result}
        await asyncio.sleep(0.05)
    raise TimeoutError("the bot wrote no profile")


def _forget(path: Path) -> None:
    path.unlink(missing_ok=True)


def _summary(path: Path) -> dict | None:
    """The window's figures, once the bot has written them (renamed into place whole)."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


async def sms(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """First-contact SMS at 50 in flight: CPU per message by component, SQL per message."""
    count, passes = int(plan.pick(3000, 800)), int(plan.pick(3, 1))
    out = workdir / "sms.prof"
    await standins.reset("twilio")
    async with RelaisRun(workdir, standins, "profile-sms", window=out) as bot:
        url, senders = bot.url + "/twilio/sms", load.numbers(3_000_000)
        await load.run(url, load.signed_sms(url, 300, senders), IN_FLIGHT, 20)  # warm-up
        await _processed(bot.db)
        main_ms: list[float] = []
        whole_ms: list[float] = []
        for _ in range(passes):
            main, whole = _main_thread_cpu(bot.child.pid), bot.child.cpu_seconds()
            result = await load.run(url, load.signed_sms(url, count, senders), IN_FLIGHT, 30)
            await _processed(bot.db)
            served = max(len(result.latencies), 1)
            main_ms.append((_main_thread_cpu(bot.child.pid) - main) * 1000 / served)
            whole_ms.append((bot.child.cpu_seconds() - whole) * 1000 / served)

        async def profiled_load() -> int:
            result = await load.run(url, load.signed_sms(url, count, senders), IN_FLIGHT, 60)
            await _processed(bot.db)
            return len(result.latencies)

        stats, summary = await _window(bot.child, out, profiled_load)
    served = max(summary["result"], 1)
    _print_top("SMS first contact", stats)
    shares = cpu_account.account(stats)
    rest = [w - m for w, m in zip(whole_ms, main_ms, strict=True)]
    threads = _other_threads(summary["threads"], rest)
    rows = [Row(
        "CPU account, SMS first contact at 50 in flight (per message)",
        f"{_range(whole_ms)} CPU ms (main thread {_range(main_ms)})",
    )]  # fmt: skip
    rows += _component_rows("SMS first contact", shares, main_ms, threads)
    rows.append(_sql_row("SQL per SMS first contact", summary["statements"], served))
    gc_ms = [1000 * s / served for s in summary["gc_seconds"]]
    rows.append(Row(
        "SMS first contact: garbage collector (profiled, inside the components above)",
        f"{sum(gc_ms):.3f} ms/msg (generations 0/1/2: {' / '.join(f'{g:.3f}' for g in gc_ms)};"
        f" {' / '.join(str(n) for n in summary['gc_counts'])} collections)",
    ))  # fmt: skip
    print("\nSMS first contact: statements in the window (per message)", file=sys.stderr)
    for sql, n in summary["top_statements"]:
        print(f"  {n / served:6.2f}  {sql}", file=sys.stderr)
    return rows


def _other_threads(profiled: dict[str, float], rest_ms: list[float]) -> dict[str, list[float]]:
    """The unprofiled CPU of the threads other than the main one, divided among them by the
    profiled window's shares (a profiler only slows the main thread down)."""
    others = {n: s for n, s in profiled.items() if n != "MainThread" and s > 0}
    total = sum(others.values())
    if not total:
        return {}
    return {n: [r * s / total for r in rest_ms] for n, s in others.items()}


def _add_threads(
    into: dict[str, list[float]], before: dict[str, float], after: dict[str, float], count: int
) -> None:
    """Each thread's CPU ms per item between two readings of `thread_cpu`."""
    for name, seconds in after.items():
        into.setdefault(name, []).append((seconds - before.get(name, 0.0)) * 1000 / count)


def _sql_row(figure: str, statements: dict[str, int], messages: int) -> Row:
    per = {k: v / messages for k, v in statements.items()}
    commits = per.get("COMMIT", 0.0)
    shown = ", ".join(
        f"{k} {v:.1f}" for k, v in sorted(per.items(), key=lambda kv: -kv[1]) if v >= 0.05
    )
    return Row(figure, f"{sum(per.values()):.1f} statements ({shown}) · {commits:.2f} transactions")


class _Trace:
    """SQLite statements counted on one connection while `on`."""

    def __init__(self) -> None:
        self.on, self.counts, self.statements = False, Counter(), Counter()

    def __call__(self, sql: str) -> None:
        if self.on:
            word = sql.lstrip().split(None, 1)
            self.counts[word[0].upper() if word else ""] += 1
            self.statements[statement_shape(sql)] += 1


async def telegram(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """Telegram: Relais's processing and delivery per update, and the echo bot's, by component."""
    count, passes = int(plan.pick(600, 150)), int(plan.pick(3, 1))
    await standins.reset("telegram")
    heap.settle()  # as bench/telegram.py does, for both bots
    echo = [(await tg.bare(standins, count))[1] * 1000 / count for _ in range(passes)]
    profile = cProfile.Profile(time.thread_time)
    profile.enable()
    await tg.bare(standins, count)
    profile.disable()
    echo_stats = pstats.Stats(profile)
    processing, delivery, main_processing, main_delivery = [], [], [], []
    threads_processing: dict[str, list[float]] = {}
    threads_delivery: dict[str, list[float]] = {}
    trace = _Trace()
    relais = await tg.started_relais(workdir, standins, "profile-telegram")
    try:
        relais.db.raw.set_trace_callback(trace)
        first = 200_000
        for _ in range(passes):
            batch = tg.updates(count, first)
            first += count
            before = thread_cpu()
            _, cpu = await tg._feed(relais.telegram, batch)
            _add_threads(threads_processing, before, thread_cpu(), count)
            processing.append(cpu * 1000 / count)
            before = thread_cpu()
            delivery.append(await tg._drain(relais, 30) * 1000 / count)
            _add_threads(threads_delivery, before, thread_cpu(), count)
        trace.on = True
        profile = cProfile.Profile(time.thread_time)
        profile.enable()
        await tg._feed(relais.telegram, tg.updates(count, first))
        profile.disable()
        trace.on = False
        processing_stats = pstats.Stats(profile)
        profile = cProfile.Profile(time.thread_time)
        profile.enable()
        await tg._drain(relais, 30)
        profile.disable()
        delivery_stats = pstats.Stats(profile)
    finally:
        await relais.stop()
    _print_top("Telegram echo bot", echo_stats)
    _print_top("Telegram Relais processing", processing_stats)
    _print_top("Telegram Relais delivery", delivery_stats)
    rows = [
        Row("CPU account, Telegram echo bot (per update)", f"{_range(echo)} CPU ms"),
        Row("CPU account, Telegram Relais (per update)",
            f"processing {_range(processing)} + delivery {_range(delivery)} CPU ms"),
    ]  # fmt: skip
    rows += _component_rows("Telegram echo bot", cpu_account.account(echo_stats), echo, {})
    main_processing = threads_processing.pop("MainThread")
    rows += _component_rows(
        "Telegram processing",
        cpu_account.account(processing_stats),
        main_processing,
        threads_processing,
    )
    main_delivery = threads_delivery.pop("MainThread")
    rows += _component_rows(
        "Telegram delivery", cpu_account.account(delivery_stats), main_delivery, threads_delivery
    )
    rows.append(_sql_row("SQL per Telegram update (processing)", dict(trace.counts), count))
    print("\nTelegram processing: statements (per update)", file=sys.stderr)
    for sql, n in trace.statements.most_common(25):
        print(f"  {n / count:6.2f}  {sql}", file=sys.stderr)
    return rows


async def acknowledgement(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """Webhook acknowledgement at 50 in flight: bare endpoint, engine held, backlog processed."""
    count, passes = int(plan.pick(6000, 2000)), int(plan.pick(3, 1))
    seconds = plan.pick(4.0, 2.0)
    figures: dict[str, list[tuple[float, float, float, float]]] = {}

    async def measure(name: str, url: str, child: Child, first: int) -> None:
        senders = load.numbers(first)
        await load.run(url, load.signed_sms(url, 200, senders), IN_FLIGHT, 10)  # warm-up
        for _ in range(passes):
            cpu = child.cpu_seconds()
            result = await load.run(url, load.signed_sms(url, count, senders), IN_FLIGHT, seconds)
            served = max(len(result.latencies), 1)
            ms = (child.cpu_seconds() - cpu) * 1000 / served
            figures.setdefault(name, []).append((result.rate, result.p(50), result.p(99), ms))

    port = free_port()
    bare = Child(["-m", "bench.bare", str(port)], {}, workdir, workdir / "ack-bare.log")
    try:
        await wait_http(f"http://127.0.0.1:{port}/healthz", child=bare)
        await measure("bare signed endpoint", f"http://127.0.0.1:{port}/twilio/sms", bare, 0)
    finally:
        bare.stop()
    await standins.reset("twilio")
    async with RelaisRun(workdir, standins, "ack-held", hold=True) as bot:
        await measure("Relais, processing held", bot.url + "/twilio/sms", bot.child, 4_000_000)
    async with RelaisRun(workdir, standins, "ack-backlog") as bot:
        await measure("Relais, backlog processed", bot.url + "/twilio/sms", bot.child, 5_000_000)
    rows = []
    for name, runs in figures.items():
        rate, p50, p99, ms = (list(v) for v in zip(*runs, strict=True))
        rows.append(Row(
            f"Acknowledgement at 50 in flight: {name}",
            f"{_range(rate, 0)} req/s · p50 {_range(p50, 1)} ms · p99 {_range(p99, 1)} ms"
            f" · {_range(ms)} CPU ms/req",
        ))  # fmt: skip
    return rows


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """Every account."""
    rows = await acknowledgement(workdir, standins, plan)
    rows += await sms(workdir, standins, plan)
    rows += await telegram(workdir, standins, plan)
    return rows
