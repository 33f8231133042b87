"""Telegram updates are confirmed only once stored: a real `relais run`, killed with -9.

The stand-in forgets an update for good once getUpdates asks past it, as the Bot API does;
its `on_confirm` hook lets the test look in the database at that very moment.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from pathlib import Path

import httpx

from tests.conftest import http_client
from tests.running import Running, sqlite_rows
from tests.standins import TelegramStandin


def polling(telegram_api: TelegramStandin) -> dict[str, str]:
    return {
        "RELAIS_QUIET_HOURS": "",
        "TELEGRAM_BOT_TOKEN": telegram_api.token,
        "TELEGRAM_API_URL": telegram_api.bot_base_url,
    }


class ConfirmWatch:
    """Records every update id Telegram forgot while the database did not hold it."""

    def __init__(self, telegram_api: TelegramStandin, database: Path) -> None:
        self.database = database
        self.unstored: list[int] = []
        self.confirmed: list[int] = []
        telegram_api.on_confirm = self.check

    def check(self, update_ids: list[int]) -> None:
        self.confirmed += update_ids
        stored = stored_update_ids(self.database)
        self.unstored += [u for u in update_ids if u not in stored]


def stored_update_ids(database: Path) -> set[int]:
    try:
        rows = sqlite_rows(database, "SELECT provider_id FROM inbound")
    except sqlite3.OperationalError:  # not created yet
        return set()
    return {int(r[0].rsplit(":", 1)[1]) for r in rows if r[0].startswith("telegram:update:")}


async def until(check, within: float = 10.0):
    """Poll `check()` until it is truthy; fail after `within` s."""
    deadline = time.monotonic() + within
    while not (result := check()):
        assert time.monotonic() < deadline, f"condition not met in {within}s"
        await asyncio.sleep(0.01)
    return result


def push_from_chats(telegram_api: TelegramStandin, count: int, first_chat: int) -> set[int]:
    return {telegram_api.push_text(first_chat + i, "Bonjour")["update_id"] for i in range(count)}


async def test_backlog_waiting_at_start_survives_a_kill_9(telegram_api, tmp_path):
    watch = ConfirmWatch(telegram_api, tmp_path / "relais.db")
    pushed = push_from_chats(telegram_api, 30, 9000)  # written while the bot was down
    first = Running(tmp_path, "first", **polling(telegram_api))
    await first.spawn()
    await until(lambda: stored_update_ids(first.database), within=15)
    await first.kill()  # as soon as some are stored

    async with Running(tmp_path, "second", **polling(telegram_api)):
        await until(lambda: stored_update_ids(first.database) >= pushed)
        await telegram_api.wait_for(
            lambda: all(telegram_api.sent_messages(9000 + i) for i in range(30)), timeout=10
        )
    assert watch.unstored == []
    assert set(watch.confirmed) <= pushed


async def test_live_burst_survives_a_kill_9_and_nothing_is_confirmed_unstored(
    telegram_api, tmp_path
):
    watch = ConfirmWatch(telegram_api, tmp_path / "relais.db")
    async with Running(tmp_path, "first", **polling(telegram_api)) as first:
        pushed = push_from_chats(telegram_api, 300, 20000)
        await until(lambda: len(stored_update_ids(first.database)) >= 20)
        await first.kill()
    assert len(stored_update_ids(first.database)) < 300  # killed mid-burst

    async with Running(tmp_path, "second", **polling(telegram_api)):
        await until(lambda: stored_update_ids(first.database) >= pushed)
        await telegram_api.wait_for(lambda: not telegram_api.updates, timeout=10)
    assert watch.unstored == []
    assert set(watch.confirmed) == pushed
    (count,) = sqlite_rows(first.database, "SELECT count(*) FROM inbound")[0]
    assert count == 300  # each update stored once, repeats after the restart included


async def test_kill_9_at_random_points_loses_no_update(telegram_api, tmp_path):
    watch = ConfirmWatch(telegram_api, tmp_path / "relais.db")
    pushed: set[int] = set()
    for round_ in range(3):
        async with Running(tmp_path, f"run{round_}", **polling(telegram_api)) as relais:
            pushed |= push_from_chats(telegram_api, 40, 30000 + 100 * round_)
            await asyncio.sleep(0.05 * round_)  # a different moment of the stream each time
            await relais.kill()
    async with Running(tmp_path, "last", **polling(telegram_api)) as relais:
        await until(lambda: stored_update_ids(relais.database) >= pushed)
    assert watch.unstored == []


async def test_an_update_with_a_lone_surrogate_does_not_stop_polling(bot):
    """Valid JSON, not UTF-8: stored with a replacement character, and the next one gets in."""
    bot.tg.push_text(9501, "Bonjour \ud83d")  # half an emoji
    bot.tg.push_text(9502, "Bonjour")
    await bot.telegram_replies(9501)
    await bot.telegram_replies(9502)
    (row,) = await bot.rows("SELECT body FROM inbound WHERE address = 'telegram:9501'")
    assert row["body"] == "Bonjour ?"


async def test_webhook_updates_answered_200_survive_a_kill_9(telegram_api, tmp_path):
    settings = {**polling(telegram_api), "TELEGRAM_WEBHOOK_SECRET": SECRET}
    updates = {70000 + i: private_update(70000 + i, 40000 + i, "Bonjour") for i in range(40)}
    answered: dict[int, int | None] = {}
    async with Running(tmp_path, "first", **settings) as first:
        queue = list(updates)

        async def poster(http: httpx.AsyncClient) -> None:
            while queue:
                update_id = queue.pop(0)
                answered[update_id] = await _post_update(http, first.url, updates[update_id])
                if sum(1 for s in answered.values() if s == 200) == 15:
                    await first.kill()

        async with http_client(timeout=5) as http:
            await asyncio.gather(*(poster(http) for _ in range(4)))
    acknowledged = {u for u, status in answered.items() if status == 200}
    assert 15 <= len(acknowledged) < 40
    assert acknowledged <= stored_update_ids(first.database)

    async with Running(tmp_path, "second", **settings) as second:
        async with http_client(timeout=5) as http:  # Telegram redelivers the others
            for update_id in sorted(set(updates) - acknowledged):
                assert await _post_update(http, second.url, updates[update_id]) == 200
    assert stored_update_ids(first.database) == set(updates)


SECRET = "polling-test-secret_0123"


def private_update(update_id: int, chat_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "fr"}
    chat = {"id": chat_id, "type": "private", "first_name": "Test"}
    message = {"message_id": 1, "from": user, "chat": chat, "date": 1_764_000_000, "text": text}
    return {"update_id": update_id, "message": message}


async def _post_update(http: httpx.AsyncClient, url: str, update: dict) -> int | None:
    try:
        response = await http.post(
            url + "/telegram/webhook",
            content=json.dumps(update),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
    except httpx.TransportError:
        return None
    return response.status_code
