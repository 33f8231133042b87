"""Web chat: 200 concurrent sessions, each posting and waiting for the answer on its stream,
while signed SMS and Telegram webhooks keep arriving."""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from pathlib import Path

import aiohttp

from bench import load
from bench.common import Plan, Row, percentile
from bench.relais_proc import WEBHOOK_SECRET, RelaisRun
from bench.standins import StandinClient
from bench.telegram import updates

SESSIONS = 200
TARGET_P99_MS = 100.0
THINK = (1.0, 3.0)  # seconds a person waits between two messages
SIDE_RATE = 10.0  # SMS webhooks per second, and as many Telegram updates, during the load
NOTES = [
    "Web chat: `relais run` in its own process (SMS and Telegram on, Telegram in webhook mode)."
    " The benchmark process opens 200 browser-like sessions (GET /chat for the cookie and the"
    " CSRF token, then the Server-Sent Events stream), and each session posts `MENU` as"
    " `fetch` does, then waits for the answer's event on its own stream, then thinks 1–3 s:"
    " about 100 messages a second, each through the engine, the flow and the outbox."
    " Round trip = from the post leaving the client to the answer's event read from the"
    " stream. Meanwhile 10 signed SMS webhooks and 10 Telegram webhook updates a second are"
    " posted; their latency is compared with the same webhooks on the idle bot (ratio)."
    " Client and server share the machine's cores.",
]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


async def _session(url: str, until: float, trips: list, errors: list[str]) -> None:
    """One person: open the page and its stream, then post and wait, until `until`."""
    jar = aiohttp.CookieJar(unsafe=True)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=30)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as http:
        async with http.get(url + "/chat") as page:
            csrf = CSRF.search(await page.text()).group(1)
        events: asyncio.Queue[int] = asyncio.Queue()
        async with http.get(url + "/chat/events?after=0") as stream:
            reader = asyncio.create_task(_read(stream, events))
            try:
                await _converse(http, url, csrf, events, until, trips, errors)
            finally:
                reader.cancel()


async def _read(stream: aiohttp.ClientResponse, events: asyncio.Queue[int]) -> None:
    async for raw in stream.content:
        line = raw.decode().strip()
        if line.startswith("data: "):
            data = json.loads(line[6:])
            if "key" in data:
                events.put_nowait(int(data["key"][1:]))


async def _converse(http, url, csrf, events, until, trips, errors) -> None:
    seq = 0
    await asyncio.sleep(random.uniform(0, THINK[1]))
    while time.perf_counter() < until:
        seq += 1
        sent = time.perf_counter()
        form = {"text": "MENU", "csrf": csrf, "seq": f"b{seq}"}
        async with http.post(
            url + "/chat/message", data=form, headers={"X-Relais-Fetch": "1"}
        ) as answer:
            if answer.status != 204:
                errors.append(str(answer.status))
                await asyncio.sleep(1)
                continue
        try:
            await asyncio.wait_for(events.get(), 10)
        except TimeoutError:
            errors.append("no answer")
            continue
        trips.append((seq, time.perf_counter() - sent))
        while not events.empty():  # a long answer may come in several rows
            events.get_nowait()
        await asyncio.sleep(random.uniform(*THINK))


async def _side(bot_url: str, seconds: float, first: int) -> tuple[load.Load, load.Load]:
    """SMS and Telegram webhooks at SIDE_RATE each for `seconds`."""
    count = int(seconds * SIDE_RATE)
    sms = load.signed_sms(bot_url + "/twilio/sms", count, load.numbers(first))
    headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET,
               "Content-Type": "application/json"}  # fmt: skip
    tg = [(json.dumps(u).encode(), headers) for u in updates(count, first)]
    sms_load = _paced(bot_url + "/twilio/sms", sms, seconds)
    tg_load = _paced(bot_url + "/telegram/webhook", tg, seconds)
    return tuple(await asyncio.gather(sms_load, tg_load))


async def _paced(url: str, posts: list[tuple[bytes, dict]], seconds: float) -> load.Load:
    """Post one at a time at SIDE_RATE (each in its own task), recording latencies."""
    result = load.Load()
    async with aiohttp.ClientSession() as http:

        async def one(body: bytes, headers: dict) -> None:
            sent = time.perf_counter()
            try:
                async with http.post(url, data=body, headers=headers) as response:
                    await response.read()
                    ok = response.status == 200
            except (aiohttp.ClientError, TimeoutError):
                ok = False
            if ok:
                result.latencies.append(time.perf_counter() - sent)
            else:
                result.errors += 1

        start = time.perf_counter()
        tasks = []
        for i, (body, headers) in enumerate(posts):
            await asyncio.sleep(max(0.0, start + i / SIDE_RATE - time.perf_counter()))
            tasks.append(asyncio.create_task(one(body, headers)))
        await asyncio.gather(*tasks)
        result.wall = max(time.perf_counter() - start, seconds)
    return result


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The web rows."""
    await standins.reset("twilio")
    seconds = plan.pick(30.0, 8.0)
    sessions = SESSIONS if not plan.quick else 50
    run = RelaisRun(workdir, standins, "web")
    run.env["RELAIS_WEB_SESSIONS_PER_MINUTE"] = "1000000"  # every session comes from 127.0.0.1
    async with run as bot:
        alone_sms, alone_tg = await _side(bot.url, plan.pick(5.0, 2.0), 3_000_000)
        trips: list[tuple[int, float]] = []  # (the session's message number, seconds)
        errors: list[str] = []
        until = time.perf_counter() + seconds
        people = [_session(bot.url, until, trips, errors) for _ in range(sessions)]
        cpu = bot.child.cpu_seconds()
        (sms, tg), *_ = await asyncio.gather(
            _side(bot.url, seconds, 4_000_000), *people, return_exceptions=False
        )
        cpu_ms = (bot.child.cpu_seconds() - cpu) * 1000 / max(len(trips), 1)
    return _rows(sessions, seconds, trips, errors, cpu_ms, (alone_sms, alone_tg), (sms, tg))


def _trip_row(figure: str, trips: list[float], seconds: float, extra: str, errors) -> Row:
    p99 = percentile(trips, 99) * 1000 if trips else float("inf")
    p50 = percentile(trips, 50) * 1000 if trips else float("inf")
    detail = f" ({', '.join(sorted(set(errors)))})" if errors else ""
    return Row(
        figure,
        f"{len(trips) / seconds:.0f} msg/s · p50 {p50:.1f} ms · p99 {p99:.1f} ms{extra}{detail}",
        f"p99 ≤ {TARGET_P99_MS:.0f} ms",
        p99 <= TARGET_P99_MS and not errors,
    )


def _rows(sessions, seconds, trips, errors, cpu_ms, alone, loaded) -> list[Row]:
    every = [t for _, t in trips]
    later = [t for n, t in trips if n > 1]  # after each person's first contact (new citizen)
    rows = [
        _trip_row(f"Web chat, {sessions} sessions: post → answer on the page", every, seconds,
                  f" · {cpu_ms:.2f} server CPU ms/msg · {len(errors)} errors", errors),
        _trip_row(f"Web chat, {sessions} sessions, after each first contact", later, seconds,
                  "", errors),
    ]  # fmt: skip
    for name, idle, busy in zip(("SMS", "Telegram"), alone, loaded, strict=True):
        ratio = busy.p(99) / max(idle.p(99), 1e-9)
        rows.append(
            Row(
                f"{name} webhooks during the web load ({SIDE_RATE:.0f}/s)",
                f"{len(busy.latencies)} served · {busy.errors} errors · p99 {busy.p(99):.1f} ms"
                f" (idle bot: {idle.p(99):.1f} ms, ratio {ratio:.1f})",
                "all served",
                busy.errors == 0 and len(busy.latencies) > 0,
            )
        )
    return rows
