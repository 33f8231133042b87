"""The soak of several `relais run` on one PostgreSQL: SMS and Telegram webhooks spread over the
processes, one process killed with -9 midway and restarted; what was lost, doubled or out of
order.

`python -m bench --only soak` runs the full size (bench/pg_scaling.py, its own suite, the 1, 2
and 3 processes without a kill); tests/test_soak.py a small one (the same `soak` function). Needs
PostgreSQL's server binaries (tests/pg.py starts a throwaway server).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import asyncpg
import httpx

from bench.common import Plan, Row
from bench.standins import StandinClient
from storage.clock import to_db, utcnow
from tests.conftest import http_client
from tests.running import Running
from tests.standins import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    TelegramStandin,
    inbound_sms_params,
    sign,
)
from tests.standins.twilio_api import TwilioStandin

RELAIS_NUMBER = "+15145550100"
CHECKIN = "Un petit mot pour prendre de vos nouvelles"
WEBHOOK_SECRET = "soak-webhook-secret_0123"
FIRST_CHAT = 7_000_000  # the Telegram citizens' private chats: FIRST_CHAT + their index
# What Relais calls to put something before a citizen on Telegram (an outbox row each).
TELEGRAM_SENDS = ("sendmessage", "editmessagetext", "sendlocation", "sendvenue")
NOTES = [
    "Soak: N `relais run` on one throwaway PostgreSQL (tests/pg.py), SMS and Telegram webhooks"
    " (signed SMS; Telegram updates with the secret header, private chats, distinct update ids)"
    " from distinct citizens, half of them on each channel, posted round-robin over the"
    " processes (a refused connection goes to the next process, as a proxy would), the leader"
    " killed with -9 midway and restarted on its port. A check-in per citizen falls due at the"
    " kill. Lost: webhooks answered 200 whose message was not processed; duplicated: SMS and"
    " Telegram messages sent more than their outbox rows; out of order: citizens whose messages"
    " were processed in another order than stored (xmin of the processing transactions).",
]


@dataclass
class Figures:
    messages: int
    lost: int
    duplicated: int  # outside the at-least-once window
    in_window: int  # sent twice because the kill caught them between claim and settlement
    out_of_order: int
    checkins_twice: int
    checkins_missing: int
    failover_seconds: float
    seconds: float


async def _rows(url: str, sql: str, *args) -> list:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


def _settings(
    pg_url: str, twilio: TwilioStandin, telegram: TelegramStandin | None = None
) -> dict[str, str]:
    """The processes' settings: SMS, and Telegram in webhook mode when `telegram` is given."""
    env = {
        "RELAIS_DATABASE": pg_url,
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "100",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio.url,
    }
    if telegram is not None:
        env["TELEGRAM_BOT_TOKEN"] = telegram.token
        env["TELEGRAM_API_URL"] = telegram.bot_base_url
        env["TELEGRAM_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    return env


def _sms(http: httpx.AsyncClient, url: str, number: str, text: str):
    """The signed Twilio webhook of an SMS from `number` (a coroutine, not yet sent)."""
    params = inbound_sms_params(number, RELAIS_NUMBER, text)
    signature = sign(DEFAULT_AUTH_TOKEN, url + "/twilio/sms", params)
    return http.post(url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature})


def _update(http: httpx.AsyncClient, url: str, update: dict):
    """Telegram's webhook POST of `update`, with the secret header (a coroutine)."""
    return http.post(
        url + "/telegram/webhook",
        content=json.dumps(update),
        headers={
            "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET,
            "Content-Type": "application/json",
        },
    )


def _private_update(update_id: int, chat_id: int, message_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Soak", "language_code": "fr"}
    chat = {"id": chat_id, "type": "private", "first_name": "Soak"}
    message = {"message_id": message_id, "from": user, "chat": chat, "date": 1_764_000_000}
    return {"update_id": update_id, "message": {**message, "text": text}}


async def _post(http: httpx.AsyncClient, processes: list[Running], first: int, request) -> None:
    """Post `request(http, url)` to processes[first], or the next one that answers 200 (a dead
    one refuses; a 503 is what Telegram and a proxy retry elsewhere)."""
    for step in range(len(processes) * 20):
        relais = processes[(first + step) % len(processes)]
        try:
            response = await request(http, relais.url)
        except httpx.TransportError:
            await asyncio.sleep(0.05)
            continue
        if response.status_code == 200:
            return
    raise RuntimeError("no process took the webhook")


async def _leader(processes: list[Running], http: httpx.AsyncClient) -> Running | None:
    for relais in processes:
        try:
            if (await http.get(relais.url + "/healthz")).json().get("leader"):
                return relais
        except (httpx.TransportError, ValueError):
            continue
    return None


async def _order_breaks(url: str) -> int:
    rows = await _rows(
        url,
        "SELECT address, xmin::text::bigint AS tx FROM inbound WHERE status = 'processed'"
        " ORDER BY address, id",
    )
    broken, last = set(), {}
    for row in rows:
        if row["tx"] <= last.get(row["address"], -1):
            broken.add(row["address"])
        last[row["address"]] = row["tx"]
    return len(broken)


async def soak(
    workdir: Path, pg_url: str, twilio: TwilioStandin, telegram: TelegramStandin, *,
    messages: int, citizens: int, processes: int = 3, in_flight: int = 20, within: float = 120.0,
) -> Figures:  # fmt: skip
    """Run the soak; its figures. Every other citizen writes by Telegram, the others by SMS;
    each citizen's messages are posted one after the other."""
    env = _settings(pg_url, twilio, telegram)
    bots = [Running(workdir, f"soak{i}", **env) for i in range(processes)]
    update_ids = itertools.count(1)
    per_citizen = messages // citizens
    began = time.monotonic()
    failover = float("nan")
    try:
        for bot in bots:
            await bot.__aenter__()
        async with http_client(timeout=20) as http:
            slots = asyncio.Semaphore(in_flight)

            async def citizen(i: int, part: range) -> None:
                for k in part:
                    async with slots:
                        text = f"message {k}"
                        if i % 2:  # a Telegram citizen
                            update = _private_update(next(update_ids), FIRST_CHAT + i, k + 1, text)
                            request = partial(_update, update=update)
                        else:
                            request = partial(_sms, number=f"+1514556{i:04d}", text=text)
                        await _post(http, bots, i + k, request)

            half = range(per_citizen // 2)
            await asyncio.gather(*(citizen(i, half) for i in range(citizens)))
            leader = await _leader(bots, http)
            ids = await _rows(pg_url, "SELECT id FROM citizens")
            await _kill_and_checkins(pg_url, leader, [r["id"] for r in ids])
            killed_at = time.monotonic()
            rest = range(per_citizen // 2, per_citizen)
            posting = asyncio.gather(*(citizen(i, rest) for i in range(citizens)))
            while (await _leader(bots, http)) is None:  # noqa: ASYNC110 (another process)
                await asyncio.sleep(0.05)
            failover = time.monotonic() - killed_at
            await leader.spawn()  # on its port again: its own claims and spool are its own
            await leader._healthy()
            await posting
            await _settled(pg_url, per_citizen * citizens, within)
    finally:
        for bot in bots:
            await bot.kill()
    return await _figures(pg_url, twilio, telegram, per_citizen * citizens, failover, began)


async def _kill_and_checkins(pg_url: str, leader: Running | None, citizen_ids: list[int]):
    if leader is not None:
        await leader.kill()
    now = to_db(utcnow())
    conn = await asyncpg.connect(pg_url)
    try:
        await conn.executemany(
            "INSERT INTO followups (citizen_id, message, due_at, created_at)"
            " VALUES ($1, $2, $3, $3)",
            [(i, CHECKIN, now) for i in citizen_ids],
        )
    finally:
        await conn.close()


async def _settled(pg_url: str, expected: int, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        [row] = await _rows(
            pg_url,
            "SELECT (SELECT count(*) FROM inbound WHERE status = 'processed') AS done,"
            " (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')) AS left,"
            " (SELECT count(*) FROM followups WHERE status = 'pending') AS due",
        )
        if row["done"] >= expected and row["left"] == 0 and row["due"] == 0:
            return
        await asyncio.sleep(0.2)


def _received(twilio: TwilioStandin, telegram: TelegramStandin) -> tuple[Counter, Counter]:
    """What each address ("sms:+1514…", "telegram:7000001") got: sends, and check-ins."""
    got, checkins = Counter(), Counter()
    for m in twilio.messages:
        got["sms:" + m["to"]] += 1
        checkins["sms:" + m["to"]] += CHECKIN in m["body"]
    for call in telegram.calls:
        if call.method.lower() in TELEGRAM_SENDS:
            address = f"telegram:{call.params.get('chat_id')}"
            got[address] += 1
            checkins[address] += CHECKIN in str(call.params.get("text", ""))
    return got, checkins


async def _figures(pg_url, twilio, telegram, expected: int, failover: float, began: float):
    [row] = await _rows(pg_url, "SELECT count(*) AS n FROM inbound WHERE status = 'processed'")
    sent = await _rows(
        pg_url, "SELECT address, attempts FROM outbox WHERE status IN ('sent', 'delivered')"
    )
    rows_per = Counter(r["address"] for r in sent)
    resent = Counter()  # sends again of rows caught 'sending' by the kill: the documented window
    for r in sent:
        resent[r["address"]] += r["attempts"] - 1
    got, checkins = _received(twilio, telegram)
    extra = {a: max(got[a] - rows_per[a], 0) for a in got}
    duplicated = sum(max(extra[a] - resent[a], 0) for a in extra)
    in_window = sum(min(extra[a], resent[a]) for a in extra)
    [pending] = await _rows(pg_url, "SELECT count(*) AS n FROM followups WHERE status = 'pending'")
    return Figures(
        messages=expected,
        lost=expected - row["n"],
        duplicated=duplicated,
        in_window=in_window,
        out_of_order=await _order_breaks(pg_url),
        checkins_twice=sum(1 for c in checkins.values() if c > 1),
        checkins_missing=pending["n"],
        failover_seconds=failover,
        seconds=time.monotonic() - began,
    )


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The soak: 5,000 messages (500 with --quick), half SMS, half Telegram, over 3 processes."""
    from tests.pg import new_database, start_server

    server = start_server()
    try:
        url = await new_database(server)
        messages = int(plan.pick(5000, 500))
        async with TwilioStandin() as twilio, TelegramStandin() as telegram:
            f = await soak(
                workdir, url, twilio, telegram, messages=messages, citizens=50, within=600
            )
    finally:
        server.stop()
    ok = f.lost == f.duplicated == f.out_of_order == f.checkins_twice == f.checkins_missing == 0
    return [
        Row("Soak, 3 processes, kill -9 midway: messages", str(f.messages)),
        Row("Soak: lost · duplicated · out of order", f"{f.lost} · {f.duplicated} · "
            f"{f.out_of_order}", "0 · 0 · 0", ok),
        Row("Soak: sent twice in the at-least-once window (kill between claim and sent)",
            str(f.in_window)),
        Row("Soak: check-ins sent twice · not sent", f"{f.checkins_twice} · "
            f"{f.checkins_missing}", "0 · 0", f.checkins_twice == f.checkins_missing == 0),
        Row("Soak: fail-over (kill -9 → another leads)", f"{f.failover_seconds:.1f} s", "≤ 30 s",
            f.failover_seconds <= 30),
        Row("Soak: throughput", f"{f.messages / f.seconds:.0f} msg/s end to end"),
    ]  # fmt: skip
