"""`relais run` as an operator runs it: a real process, configured by its environment."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.conftest import machine_clock
from tests.standins import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    inbound_sms_params,
    sign,
)

RELAIS_NUMBER = "+15145550100"
CITIZEN_NUMBER = "+15145550191"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("relais")
    return (
        [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot.cli.main", "run"]
    )


class Running:
    """`relais run` in a child process, with its output in files."""

    def __init__(self, tmp_path: Path, name: str = "relais", **settings: str) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = tmp_path / "relais.db"
        self.out, self.err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "RELAIS_PORT": str(self.port),
            "RELAIS_PUBLIC_URL": self.url,
            "RELAIS_DATABASE": str(self.database),
            **machine_clock(),
            **settings,
        }
        self.cwd = tmp_path
        self.proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Running:
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.proc = await asyncio.create_subprocess_exec(
                *_command(), env=self.env, cwd=self.cwd, stdout=out, stderr=err
            )
        try:
            await self._healthy()
        except BaseException:
            await self.kill()  # `async with` does not call __aexit__ when __aenter__ fails
            raise
        return self

    async def _healthy(self) -> None:
        deadline = time.monotonic() + 15
        async with httpx.AsyncClient(timeout=1) as http:
            while time.monotonic() < deadline:
                assert self.proc.returncode is None, self.err.read_text()
                try:
                    if (await http.get(self.url + "/healthz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError("no answer on /healthz: " + self.err.read_text())

    async def __aexit__(self, *exc: object) -> None:
        await self.kill()

    async def kill(self) -> None:
        """kill -9: no clean-up of any kind, as in a crash or an out-of-memory kill."""
        if self.proc is not None and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGKILL)
            await self.proc.wait()

    async def stop_with(self, sig: signal.Signals, within: float = 8.0) -> int:
        """Send `sig`; the exit code, or fail if the process is still there after `within` s."""
        self.proc.send_signal(sig)
        try:
            return await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            raise AssertionError(f"still running {within}s after {sig.name}") from None

    def lines(self) -> list[str]:
        return self.out.read_text().splitlines()

    def closed_cleanly(self) -> bool:
        """SQLite folds the write-ahead log back into the file when the last connection closes."""
        return not Path(f"{self.database}-wal").exists()


async def test_with_no_channel_it_starts_and_says_how_to_turn_each_on(tmp_path):
    async with Running(tmp_path) as relais:
        async with httpx.AsyncClient() as http:
            health = await http.get(relais.url + "/healthz")
        assert health.status_code == 200
        assert health.headers["content-type"].startswith("application/json")
        assert health.json()["status"] == "ok"
        (telegram,) = [line for line in relais.lines() if line.startswith("Telegram")]
        (sms,) = [line for line in relais.lines() if line.startswith("SMS")]
        assert "off" in telegram and "TELEGRAM_BOT_TOKEN" in telegram
        assert "off" in sms and "TWILIO_ACCOUNT_SID" in sms
        assert "TWILIO_AUTH_TOKEN" in sms and "TWILIO_PHONE_NUMBER" in sms


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_stops_it_cleanly(tmp_path, sig):
    async with Running(tmp_path) as relais:
        assert await relais.stop_with(sig) == 0, relais.err.read_text()
    assert relais.closed_cleanly()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_with_both_channels_it_answers_then_stops_cleanly(
    tmp_path, telegram_api, twilio_api, sig
):
    settings = {
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "20",
        "TELEGRAM_BOT_TOKEN": telegram_api.token,
        "TELEGRAM_API_URL": telegram_api.bot_base_url,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    async with Running(tmp_path, **settings) as relais:
        assert any(line.startswith("Telegram: on") for line in relais.lines())
        assert any(line.startswith("SMS: on") for line in relais.lines())
        params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "Bonjour")
        signature = sign(DEFAULT_AUTH_TOKEN, relais.url + "/twilio/sms", params)
        async with httpx.AsyncClient() as http:
            response = await http.post(
                relais.url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
            )
        assert response.status_code == 200
        await twilio_api.wait_for(lambda: twilio_api.messages_to(CITIZEN_NUMBER), timeout=10)
        telegram_api.push_text(801, "/start")
        await telegram_api.wait_for(lambda: telegram_api.sent_messages(801), timeout=10)

        assert await relais.stop_with(sig) == 0, relais.err.read_text()
    assert relais.closed_cleanly()


# ---- kill -9 ---------------------------------------------------------------------------


async def test_kill_9_mid_stream_loses_nothing_and_sends_nothing_twice(twilio_api, tmp_path):
    settings = {
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "100",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    numbers = [f"+151455520{i:02d}" for i in range(40)]
    webhooks = {n: inbound_sms_params(n, RELAIS_NUMBER, "Bonjour") for n in numbers}
    answered: dict[str, int | None] = {}
    async with Running(tmp_path, "first", **settings) as first:
        await _stream_then_kill(first, webhooks, answered, kill_after=15)
    accepted = [n for n in numbers if answered[n] == 200]
    assert 15 <= len(accepted) < len(numbers)  # killed mid-stream

    async with Running(tmp_path, "second", **settings) as second:
        recovered = _recovered_count(second.err.read_text())
        async with httpx.AsyncClient(timeout=5) as http:
            # Twilio retries what got no 200; a retry of an answered one must change nothing.
            for number in [n for n in numbers if answered[n] != 200] + accepted[:5]:
                assert await _post_sms(http, second.url, webhooks[number]) == 200
        await twilio_api.wait_for(
            lambda: {m["to"] for m in twilio_api.messages} >= set(numbers), timeout=10
        )
        await _until_nothing_left(str(second.database))

    replies = Counter(m["to"] for m in twilio_api.messages)
    assert set(replies) == set(numbers)
    duplicates = sum(count - 1 for count in replies.values())
    assert duplicates <= recovered  # only rows caught mid-send ('sending') may go out twice
    database = str(first.database)
    stored = _sqlite(database, "SELECT provider_id FROM inbound")
    assert sorted(r[0] for r in stored) == sorted(
        f"sms:{w['MessageSid']}" for w in webhooks.values()
    )
    assert _sqlite(database, "SELECT id FROM outbox WHERE status != 'sent'") == []
    # What was stored but not yet processed at the kill was processed after the restart.
    assert _sqlite(database, "SELECT DISTINCT status FROM inbound") == [("processed",)]


async def _until_nothing_left(database: str, within: float = 10) -> None:
    """Wait until the process has done all it had to: every message processed, every reply
    sent (then no more can go out); TimeoutError past `within` seconds."""
    left = (
        "SELECT 1 FROM inbound WHERE status != 'processed'"
        " UNION ALL SELECT 1 FROM outbox WHERE status != 'sent' LIMIT 1"
    )
    async with asyncio.timeout(within):
        while _sqlite(database, left):  # noqa: ASYNC110 (another process writes it)
            await asyncio.sleep(0.02)


async def _stream_then_kill(
    relais: Running, webhooks: dict[str, dict], answered: dict, kill_after: int
) -> None:
    """Post the webhooks from four clients at once; kill -9 after `kill_after` got a 200."""
    queue = list(webhooks)

    async def poster(http: httpx.AsyncClient) -> None:
        while queue:
            number = queue.pop(0)
            answered[number] = await _post_sms(http, relais.url, webhooks[number])
            if sum(1 for s in answered.values() if s == 200) == kill_after:
                await relais.kill()

    async with httpx.AsyncClient(timeout=5) as http:
        await asyncio.gather(*(poster(http) for _ in range(4)))


async def _post_sms(http: httpx.AsyncClient, url: str, params: dict[str, str]) -> int | None:
    signature = sign(DEFAULT_AUTH_TOKEN, url + "/twilio/sms", params)
    try:
        response = await http.post(
            url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
        )
    except httpx.TransportError:
        return None
    return response.status_code


def _recovered_count(log: str) -> int:
    """How many rows the new start found in 'sending': the at-least-once window."""
    found = re.search(r"outbox\.recovered_interrupted count=(\d+)", log)
    return int(found.group(1)) if found else 0


def _sqlite(path: str, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
