"""Shared fixtures: the whole bot, running over real HTTP against Telegram and Twilio stand-ins."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

# A bytecode cache even where PYTHONDONTWRITEBYTECODE is set (CI images often set it): the
# suite runs three workers and some 80 `relais run` processes, and without a cache each one
# compiles every module it imports again (from a fresh clone on 2 cores: 11 s of the test
# command and 20 s of CPU). What is imported from here on is cached in __pycache__ folders,
# which git ignores; pytest caches the test modules it rewrites too.
sys.dont_write_bytecode = False

import httpx
import pytest
import pytest_asyncio

from bot.app import Relais
from bot.channels.transports import TelegramRates
from bot.cli.main import CliEnv, build_parser
from bot.core.settings import Settings
from storage.clock import to_db, utcnow
from storage.db import Database
from tests.standins import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    LocalServer,
    TelegramStandin,
    TwilioStandin,
    inbound_sms_params,
    sign,
)

if TYPE_CHECKING:
    from playwright.async_api import Browser, Playwright

# The throwaway PostgreSQL server and the `database` fixture run on both engines.
pytest_plugins = ("tests.pg",)

RELAIS_NUMBER = "+15145550100"
# Tests don't wait out Telegram's real pacing (1 message per second in a chat); the pacing
# tests pass `telegram_rates=TelegramRates()` (the real limits) or scaled ones to make_bot.
FAST_TELEGRAM = TelegramRates(overall=1000.0, per_chat=1000.0)
CITIZEN_NUMBER = "+15145550111"


def machine_clock() -> dict[str, str]:
    """The variables that give a child process this one's clock: under libfaketime (a run with
    the machine's clock moved, tests/test_machine_clock.py) `relais run` must see that date."""
    return {k: v for k, v in os.environ.items() if k.startswith(("FAKETIME", "LD_PRELOAD"))}


def inherited() -> dict[str, str]:
    """What a child process (`relais …`) takes from this one besides PATH and HOME: the
    machine's clock, and PYTHONPATH, so that a checkout run with `PYTHONPATH=$PWD` starts
    its own code in the child, not the code the virtual environment was installed from."""
    found = machine_clock()
    if os.environ.get("PYTHONPATH"):
        found["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return found


async def run_cli(db, *argv: str, now: datetime, locale: str = "fr") -> tuple[int, str]:
    """Run a `relais …` command through the real parser on an open database: (code, output)."""
    args = build_parser().parse_args(list(argv))
    settings = Settings.from_mapping({"RELAIS_LOCALE": locale})
    out = io.StringIO()
    env = CliEnv(
        db=db,
        timezone=settings.timezone,
        locale=locale,
        settings=settings,
        now=lambda: now,
        out=out,
    )
    return await args.func(args, env), out.getvalue()


class _Late:
    """An ASGI app filled in once the server's URL is known (the URL goes into the settings)."""

    def __init__(self) -> None:
        self.app: Any = None

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)


_TLS = httpx.create_ssl_context()  # once: loading the CA bundle costs ~20-50 ms a client


def http_client(**kwargs: Any) -> httpx.AsyncClient:
    """An httpx client for the tests, sharing one TLS context (httpx loads the CA bundle
    anew for each client otherwise, even one that only ever speaks plain HTTP)."""
    return httpx.AsyncClient(verify=_TLS, **kwargs)


class BotClock:
    """The clock the bot is given: real time, plus how far the test moved it on."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset


class Harness:
    """The running bot and its surroundings, with helpers that act as a person would."""

    def __init__(self, relais: Relais, url: str, tg: TelegramStandin, tw: TwilioStandin) -> None:
        self.relais, self.url, self.tg, self.tw = relais, url, tg, tw
        self.clock: BotClock = relais.clock
        self.http = http_client(base_url=url, timeout=10)
        self._sms_count = 0

    @property
    def db(self):
        return self.relais.db

    async def sms(self, body: str, from_: str = CITIZEN_NUMBER, **fields: str) -> httpx.Response:
        """Post a signed Twilio webhook, as Twilio would for an incoming SMS."""
        params = inbound_sms_params(from_, RELAIS_NUMBER, body)
        params.update(fields)
        return await self.post_signed("/twilio/sms", params)

    async def post_signed(self, path: str, params: dict[str, str]) -> httpx.Response:
        signature = sign(DEFAULT_AUTH_TOKEN, self.url + path, params)
        return await self.http.post(path, data=params, headers={"X-Twilio-Signature": signature})

    async def sms_replies(self, number: str = CITIZEN_NUMBER, count: int = 1) -> list[str]:
        """Wait until `count` SMS went to `number` in all; return their bodies."""
        await self.tw.wait_for(lambda: len(self.tw.bodies_to(number)) >= count, timeout=10)
        return self.tw.bodies_to(number)

    async def telegram_replies(self, chat_id: int, count: int = 1) -> list[dict]:
        """Wait until `count` messages went to the chat; return them (after edits)."""
        await self.tg.wait_for(lambda: len(self.tg.sent_messages(chat_id)) >= count, timeout=10)
        return self.tg.sent_messages(chat_id)

    def advance(self, delta: timedelta) -> None:
        """Move the bot's clock on (retries, backoffs) and let the sender look again."""
        self.clock.offset += delta
        self.relais.sender.wake()

    async def quiet(self, within: float = 10) -> None:
        """Wait until the bot has done all it can do now: every stored message processed,
        nothing being sent, no due message left in the outbox. Then what the stand-ins
        recorded is all there is (for now); raise TimeoutError past `within` seconds."""
        async with asyncio.timeout(within):
            while True:
                await self.relais.engine.drain()
                if not await self._busy():
                    return
                await asyncio.sleep(0.005)

    async def _busy(self) -> bool:
        if self.relais.sender is not None and self.relais.sender.in_flight:
            return True
        now = to_db(self.relais.clock())
        rows = await self.rows(
            "SELECT 1 FROM inbound WHERE status = 'received' UNION ALL"
            " SELECT 1 FROM outbox WHERE status = 'sending'"
            " OR (status = 'pending' AND next_attempt_at <= ?) LIMIT 1",
            (now,),
        )
        return bool(rows)

    async def rows_until(self, sql: str, params: tuple = (), within: float = 10) -> list:
        """Wait until the query returns rows (the bot processes after acknowledging)."""
        deadline = asyncio.get_running_loop().time() + within
        while not (found := await self.rows(sql, params)):
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(sql)
            await asyncio.sleep(0.02)
        return found

    async def rows(self, sql: str, params: tuple = ()) -> list:
        return await self.relais.db.fetchall(sql, params)


async def _telegram_api() -> AsyncIterator[TelegramStandin]:
    async with TelegramStandin() as standin:
        yield standin


async def _twilio_api() -> AsyncIterator[TwilioStandin]:
    async with TwilioStandin() as standin:
        yield standin


telegram_api = pytest_asyncio.fixture(_telegram_api, name="telegram_api")
twilio_api = pytest_asyncio.fixture(_twilio_api, name="twilio_api")


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at the latest schema, migrated once per test process: a bot's own
    database starts as a copy (migrating costs ~30 ms a bot; the schema and an empty database
    do not depend on the clock). `relais run`, storage and backup tests, and a bot given its
    RELAIS_DATABASE, still migrate from nothing."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"

    async def migrate() -> None:
        async with Database(str(path)):
            pass  # closed: the write-ahead log is folded back into the one file

    with ThreadPoolExecutor(1) as pool:  # no event loop of a test's is running here
        pool.submit(asyncio.run, migrate()).result()
    return path


def copy_if_new(template: Path, target: Path) -> None:
    if not target.exists():
        shutil.copyfile(template, target)


async def _make_bot(
    tmp_path: Path,
    telegram_api: TelegramStandin,
    twilio_api: TwilioStandin,
    migrated_database: Path,
) -> AsyncIterator[Callable[..., Any]]:
    """Start the whole bot with the stand-ins; `await make_bot(RELAIS_X="…")` to vary settings,
    `clock=` to fix the moment (a night, a Saturday)."""
    started: list[tuple[Relais, LocalServer, Harness]] = []

    async def start(
        clock: Callable[[], datetime] | None = None,
        telegram_rates: TelegramRates = FAST_TELEGRAM,
        **env: str,
    ) -> Harness:
        late = _Late()
        server = LocalServer(late)
        await server.start()
        values = {
            "RELAIS_DATABASE": str(tmp_path / f"relais{len(started)}.db"),
            "RELAIS_PUBLIC_URL": server.url,
            "RELAIS_QUIET_HOURS": "",
            "RELAIS_SMS_RATE": "50",
            "TELEGRAM_BOT_TOKEN": telegram_api.token,
            "TELEGRAM_API_URL": telegram_api.bot_base_url,
            "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
            "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
            "TWILIO_API_URL": twilio_api.url,
        }
        values.update(env)
        if "RELAIS_DATABASE" not in env:
            copy_if_new(migrated_database, Path(values["RELAIS_DATABASE"]))
        settings = Settings.from_mapping({k: v for k, v in values.items() if v is not None})
        relais = Relais(settings, clock=clock or BotClock(), telegram_rates=telegram_rates)
        try:
            await relais.start()
        except BaseException:
            await relais.stop()
            await server.stop()
            raise
        late.app = relais.http_app()
        harness = Harness(relais, server.url, telegram_api, twilio_api)
        started.append((relais, server, harness))
        return harness

    yield start
    for relais, server, harness in reversed(started):
        await harness.http.aclose()
        await relais.stop()
        await server.stop()


async def _bot(make_bot) -> AsyncIterator[Harness]:
    """The bot with Telegram (long polling) and SMS on."""
    harness = await make_bot()
    yield harness


make_bot = pytest_asyncio.fixture(_make_bot, name="make_bot")
bot = pytest_asyncio.fixture(_bot, name="bot")


def on_the_browsers_loop() -> tuple[Any, ...]:
    """`telegram_api`, `twilio_api`, `make_bot` and `bot` on the test process's one event loop
    (pytest-asyncio's session loop), for a browser test module, whose tests run on that loop
    too (`pytestmark = BROWSER_LOOP`): the Playwright driver lives there, started once per
    process. A fixture runs on its test's loop, or what it starts (HTTP servers, the bot)
    would not run while the test does."""
    return tuple(
        pytest_asyncio.fixture(function, name=name, loop_scope="session")
        for name, function in (
            ("telegram_api", _telegram_api),
            ("twilio_api", _twilio_api),
            ("make_bot", _make_bot),
            ("bot", _bot),
        )
    )


# The mark of a browser test module: its tests on the loop of the Playwright driver.
BROWSER_LOOP = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture(scope="session")
def chromium_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One headless Chromium per test process, behind a Playwright browser server: where it
    listens (tests/browser.py). Started the first time a test asks for a `browser`."""
    from tests.browser import chromium_server

    with chromium_server(tmp_path_factory.mktemp("chromium")) as endpoint:
        yield endpoint


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def playwright_driver() -> AsyncIterator[Playwright]:
    """Playwright's driver (a node process), started once per test process on the session
    loop: starting one costs about 0.4 s of CPU, which each browser test used to pay."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        yield playwright


@pytest_asyncio.fixture(loop_scope="session")
async def browser(playwright_driver: Playwright, chromium_endpoint: str) -> AsyncIterator[Browser]:
    """A Playwright `Browser` for this test alone: its own connection to the process's
    Chromium. The contexts (cookies, storage, pages) the test opens are its own, and close
    with the connection at the end of the test."""
    connected = await playwright_driver.chromium.connect(chromium_endpoint)
    yield connected
    await connected.close()


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection loaded (pytest, the project, the test modules) is kept for good: set
    aside from the collector (`gc.freeze`), so its full passes in each worker scan only what
    the tests make, not the ~180,000 objects collection leaves (a full pass then takes a
    third of its time: 20 ms instead of 60, measured in the workers on six test files)."""
    import gc

    gc.collect()
    gc.freeze()
