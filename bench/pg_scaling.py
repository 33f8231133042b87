"""First-contact SMS on PostgreSQL with 1, 2 and 3 `relais run`: the processing rate at 50 in
flight and how it scales with the processes (issue 14). `bench/soak.py`'s `run` adds these rows.

Each run has its own database and its own processes; no kill. Webhooks are signed for their
process and posted round-robin over the processes; the figures are read from the database.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import asyncpg

from bench import load
from bench.common import Plan, Row, percentile
from bench.cpu import Account, postmaster_pid, snapshot
from storage.clock import to_db, utcnow
from storage.pg import WRITE_LOCK_KEY
from tests.running import Running
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign
from tests.standins.twilio_api import TwilioStandin

PROCESSES = (1, 2, 3)
IN_FLIGHT = 50
TARGET = 2.0  # 3 processes ≥ 2 × one
WARM_UP = 10  # first contacts per process before the measured ones
NOTES = [
    "PostgreSQL scaling: 1, 2 and 3 `relais run` (the soak's settings, no kill) on one"
    " throwaway PostgreSQL, a database of its own per run; first-contact SMS from distinct"
    " citizens, 50 in flight, posted round-robin over the processes by aiohttp from the"
    " benchmark process (each webhook signed for its process), after a warm-up of 10 per"
    " process. Rate: messages over the time from the first measured webhook stored"
    " (received_at) to the last welcome queued in the outbox (its created_at), read from the"
    " database; end to end per message: its webhook stored → its welcome queued; ack: the"
    " webhook's answer as the client saw it. The write lock (storage/pg.py's advisory lock,"
    " taken by every write transaction) is sampled in pg_locks every 20 ms while they are"
    " measured: held alone (the whole database), held shared (transactions with their own keys:"
    " a citizen's turn, storing, the sender's claims), and how many transactions wait for it"
    " (at most one per process: the others wait in their process's own lock). Processes,"
    " PostgreSQL and the client share the machine's cores: the CPU account (bench/cpu.py, from"
    " /proc) divides by the measured messages the CPU time of the relais processes, of the"
    " PostgreSQL server (the postmaster, its live children and those it reaped), of the"
    " benchmark process (load client and Twilio stand-in) and of the rest of the machine (other"
    " users of a shared machine), with the machine's idle share over the same time; each"
    " process paces its own SMS (RELAIS_SMS_RATE 100/s), so more processes also send more"
    " replies within the measured time (given per message).",
]


@dataclass
class Scaled:
    processes: int
    messages: int
    rate: float  # msg/s, first webhook stored → last welcome queued
    end_to_end: list[float] = field(default_factory=list)  # seconds per message
    acks: list[float] = field(default_factory=list)  # seconds per webhook, client side
    held: float = 0.0  # share of samples with the write lock held alone (the whole database)
    waiting: float = 0.0  # mean transactions waiting for it (at most one per process)
    cpu: Account | None = None  # where the machine's CPU went while they were measured
    shared: float = 0.0  # mean transactions holding it shared (each with its own keys)
    sent: int = 0  # replies sent while they were measured (each process paces its own SMS)

    def p(self, values: list[float], pct: float) -> float:
        return percentile(values, pct) * 1000 if values else float("inf")


def _posts(bots: list[Running], senders, count: int) -> list[tuple[str, bytes, dict]]:
    """`count` first-contact webhooks, the i-th signed for and addressed to bots[i % n]."""
    posts = []
    for i in range(count):
        url = bots[i % len(bots)].url + "/twilio/sms"
        params = inbound_sms_params(next(senders), "+15145550100", load.TEXTS[i % 3])
        signature = sign(DEFAULT_AUTH_TOKEN, url, params)
        headers = {"Content-Type": load.FORM, "X-Twilio-Signature": signature}
        posts.append((url, urlencode(params).encode(), headers))
    return posts


async def _post_all(posts: list[tuple[str, bytes, dict]], in_flight: int) -> list[float]:
    """POST them, `in_flight` at a time; each answer's latency. A refusal is an error."""
    latencies: list[float] = []
    queue = iter(posts)
    connector = aiohttp.TCPConnector(limit=in_flight)
    async with aiohttp.ClientSession(
        connector=connector, timeout=aiohttp.ClientTimeout(total=60)
    ) as session:

        async def worker() -> None:
            for url, body, headers in queue:
                sent = time.perf_counter()
                async with session.post(url, data=body, headers=headers) as response:
                    await response.read()
                    if response.status != 200:
                        raise RuntimeError(f"webhook answered {response.status}")
                latencies.append(time.perf_counter() - sent)

        await asyncio.gather(*(worker() for _ in range(in_flight)))
    return latencies


async def _welcomed(conn: asyncpg.Connection, since: str, expected: int, within: float) -> None:
    """Wait until `expected` messages stored since `since` each have a reply queued."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        done = await conn.fetchval(
            "SELECT count(*) FROM inbound i WHERE i.received_at >= $1 AND EXISTS"
            " (SELECT 1 FROM outbox o WHERE o.address = i.address)",
            since,
        )
        if done >= expected:
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"not every first contact was welcomed within {within:.0f} s")


async def _sample_lock(url: str, samples: list[tuple[int, int, int]], stop: asyncio.Event) -> None:
    """Every 20 ms until `stop`: the whole-database lock (storage/pg.py's advisory lock) held
    alone (1/0), shared by how many transactions, and how many wait for it, from pg_locks."""
    conn = await asyncpg.connect(url)
    try:
        while not stop.is_set():
            row = await conn.fetchrow(
                "SELECT count(*) FILTER (WHERE granted AND mode = 'ExclusiveLock') AS alone,"
                " count(*) FILTER (WHERE granted AND mode = 'ShareLock') AS shared,"
                " count(*) FILTER (WHERE NOT granted) AS waiting FROM pg_locks"
                " WHERE locktype = 'advisory' AND objsubid = 1"
                " AND (classid::bigint << 32) + objid::bigint = $1",
                WRITE_LOCK_KEY,
            )
            samples.append((row["alone"], row["shared"], row["waiting"]))
            await asyncio.sleep(0.02)
    finally:
        await conn.close()


async def _end_to_end(conn: asyncpg.Connection, since: str) -> tuple[float, list[float]]:
    rows = await conn.fetch(
        "SELECT i.received_at AS a, min(o.created_at) AS b FROM inbound i JOIN outbox o"
        " ON o.address = i.address AND o.created_at >= i.received_at"
        " WHERE i.received_at >= $1 GROUP BY i.id, i.received_at",
        since,
    )
    pairs = [(datetime.fromisoformat(r["a"]), datetime.fromisoformat(r["b"])) for r in rows]
    wall = (max(b for _, b in pairs) - min(a for a, _ in pairs)).total_seconds()
    return len(pairs) / max(wall, 1e-9), [(b - a).total_seconds() for a, b in pairs]


async def scaled(
    workdir: Path, pg_url: str, settings: dict[str, str], processes: int, messages: int,
    first_number: int, within: float = 300.0, postmaster: int | None = None,
) -> Scaled:  # fmt: skip
    """One run: `processes` `relais run` on `pg_url`, `messages` first contacts, 50 in flight;
    with the server's `postmaster` pid, the CPU account of the measured part."""
    bots = [Running(workdir, f"scale{processes}-{i}", **settings) for i in range(processes)]
    senders = load.numbers(first_number)
    conn = await asyncpg.connect(pg_url)
    try:
        for bot in bots:
            await bot.__aenter__()
        warm_up = _posts(bots, senders, WARM_UP * processes)
        since = to_db(utcnow())
        await _post_all(warm_up, IN_FLIGHT)
        await _welcomed(conn, since, len(warm_up), within)
        measured = _posts(bots, senders, messages)
        since = to_db(utcnow())
        samples: list[tuple[int, int, int]] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(_sample_lock(pg_url, samples, stop))
        pids = [bot.proc.pid for bot in bots if bot.proc is not None]
        before = snapshot(pids, postmaster) if postmaster else None
        acks = await _post_all(measured, IN_FLIGHT)
        await _welcomed(conn, since, messages, within)
        cpu = Account.between(before, snapshot(pids, postmaster)) if before else None
        sent = await conn.fetchval(
            "SELECT count(*) FROM outbox WHERE sent_at >= $1 AND sent_at <= $2",
            since, to_db(utcnow()),
        )  # fmt: skip
        stop.set()
        await sampler
        rate, seconds = await _end_to_end(conn, since)
    finally:
        await conn.close()
        for bot in bots:
            await bot.kill()
    n = max(len(samples), 1)
    held = sum(1 for alone, _, _ in samples if alone) / n
    shared = sum(s for _, s, _ in samples) / n
    waiting = sum(w for _, _, w in samples) / n
    return Scaled(processes, len(seconds), rate, seconds, acks, held, waiting, cpu, shared, sent)


async def run_on(server, workdir: Path, plan: Plan, settings) -> tuple[list[Row], list[Scaled]]:
    """The scaling rows, on a running tests.pg server; `settings(pg_url, twilio)` → env."""
    from tests.pg import new_database

    messages = int(plan.pick(2000, 300))
    results = []
    for n in PROCESSES:
        url = await new_database(server)
        async with TwilioStandin() as twilio:
            env = settings(url, twilio)
            results.append(
                await scaled(workdir, url, env, n, messages, n * 100_000,
                             postmaster=postmaster_pid(server.data))
            )  # fmt: skip
    return rows(results), results


async def run(workdir: Path, standins, plan: Plan) -> list[Row]:
    """`python -m bench --only pg_scaling`: the scaling rows alone, on a throwaway server."""
    from bench.soak import _settings
    from tests.pg import start_server

    server = start_server()
    try:
        found, _ = await run_on(server, workdir, plan, _settings)
    finally:
        server.stop()
    return found


def rows(results: list[Scaled]) -> list[Row]:
    one = results[0].rate
    out = []
    for r in results:
        name = f"PostgreSQL, {r.processes} process{'es' if r.processes > 1 else ''}"
        out.append(Row(
            f"{name}: first-contact"
            f" SMS end to end (webhook → welcome queued), {IN_FLIGHT} in flight, {r.messages} msgs",
            f"{r.rate:.0f} msg/s · p50 {r.p(r.end_to_end, 50):.0f} ms · p99"
            f" {r.p(r.end_to_end, 99):.0f} ms · ack p99 {r.p(r.acks, 99):.0f} ms",
        ))  # fmt: skip
        out.append(Row(
            f"{name}: whole-database lock held alone · transactions sharing it · waiting (means)",
            f"{r.held:.0%} of the time · {r.shared:.2f} · {r.waiting:.2f}",
        ))  # fmt: skip
        if r.cpu is not None:
            out.append(Row(
                f"{name}: CPU per message (relais · postgres · client · rest of the machine),"
                " idle share · replies sent meanwhile per message",
                f"{r.cpu.per_message(r.messages)} · {r.sent / max(r.messages, 1):.2f} sent",
            ))  # fmt: skip
    for r in results[1:]:
        ratio = r.rate / max(one, 1e-9)
        last = r.processes == PROCESSES[-1]
        out.append(Row(
            f"PostgreSQL throughput, {r.processes} processes / 1", f"{ratio:.2f}",
            f"≥ {TARGET:.0f}" if last else "", ratio >= TARGET if last else None,
        ))  # fmt: skip
    return out
