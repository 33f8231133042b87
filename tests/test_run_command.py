"""`relais run` as an operator runs it: a real process, configured by its environment."""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter

import httpx
import pytest

from tests.conftest import http_client
from tests.running import Running, sqlite_rows
from tests.standins import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    inbound_sms_params,
    sign,
)

RELAIS_NUMBER = "+15145550100"
CITIZEN_NUMBER = "+15145550191"


async def test_with_no_channel_it_starts_and_says_how_to_turn_each_on(tmp_path):
    async with Running(tmp_path) as relais:
        async with http_client() as http:
            health = await http.get(relais.url + "/healthz")
        assert health.status_code == 200
        assert health.headers["content-type"].startswith("application/json")
        assert health.json()["status"] == "ok"
        # French by default, like every other command (RELAIS_LOCALE)
        (telegram,) = [line for line in relais.lines() if line.startswith("Telegram")]
        (sms,) = [line for line in relais.lines() if line.startswith("SMS")]
        assert "désactivé" in telegram and "TELEGRAM_BOT_TOKEN" in telegram
        assert "désactivé" in sms and "TWILIO_ACCOUNT_SID" in sms
        assert "TWILIO_AUTH_TOKEN" in sms and "TWILIO_PHONE_NUMBER" in sms


async def test_it_loads_the_sentence_model_and_reads_with_it(tmp_path, twilio_api):
    """By default `relais run` loads the sentence model in the background, says so, shows its
    state in /healthz, and once it is ready a message only that model reads gets the crisis
    answer; RELAIS_CRISIS_READER=patterns leaves it idle."""
    sms = {
        "RELAIS_QUIET_HOURS": "",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    async with Running(
        tmp_path, RELAIS_CRISIS_READER="semantic", RELAIS_LOCALE="en", **sms
    ) as relais:
        (line,) = [line for line in relais.lines() if line.startswith("Crisis reader")]
        assert line == "Crisis reader: patterns + sentence model (loading in the background)"
        async with http_client() as http:
            for _ in range(600):  # until /healthz says it is loaded (at most 60 s)
                state = (await http.get(relais.url + "/healthz")).json()["crisis_reader"]
                if state != "loading":
                    break
                await asyncio.sleep(0.1)
            assert state == "ready"
            params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "he put a tracker on my car")
            signature = sign(DEFAULT_AUTH_TOKEN, relais.url + "/twilio/sms", params)
            response = await http.post(
                relais.url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
            )
        assert response.status_code == 200
        await twilio_api.wait_for(lambda: twilio_api.messages_to(CITIZEN_NUMBER), timeout=10)
        assert "911" in twilio_api.bodies_to(CITIZEN_NUMBER)[0]
        assert await relais.stop_with(signal.SIGTERM) == 0, relais.err.read_text()
    async with Running(tmp_path, name="again") as relais:  # French by default
        (line,) = [line for line in relais.lines() if line.startswith("Lecteur de crise")]
        assert line == "Lecteur de crise : motifs seulement (RELAIS_CRISIS_READER=patterns)"
        async with http_client() as http:
            assert (await http.get(relais.url + "/healthz")).json()["crisis_reader"] == "idle"


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
        "RELAIS_LOCALE": "en",
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
        async with http_client() as http:
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
        async with http_client(timeout=5) as http:
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

    async with http_client(timeout=5) as http:
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
    return sqlite_rows(path, sql)
