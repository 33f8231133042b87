"""`relais run` as a child process, configured like production but pointed at the stand-ins."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import aiohttp

from bench.common import HOST, Child, free_port, wait_http
from bench.standins import StandinClient
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

RELAIS_NUMBER = "+15145550100"
WEBHOOK_SECRET = "bench-webhook-secret"


def relais_env(
    db: Path,
    port: int,
    standins: StandinClient,
    *,
    sms: bool = True,
    telegram: bool = True,
    sms_rate: float | None = None,
) -> dict[str, str]:
    """RELAIS_*, TWILIO_* and TELEGRAM_* for a bot on `port` using the stand-ins."""
    env = {
        "RELAIS_DATABASE": str(db),
        "RELAIS_HOST": HOST,
        "RELAIS_PORT": str(port),
        "RELAIS_PUBLIC_URL": f"http://{HOST}:{port}",
        "RELAIS_QUIET_HOURS": "",
    }
    if sms:
        env.update(
            TWILIO_ACCOUNT_SID=DEFAULT_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN=DEFAULT_AUTH_TOKEN,
            TWILIO_PHONE_NUMBER=RELAIS_NUMBER,
            TWILIO_API_URL=standins.twilio_url,
        )
        if sms_rate is not None:
            env["RELAIS_SMS_RATE"] = str(sms_rate)
    if telegram:  # webhook mode: no long poll running beside the measurements
        env.update(
            TELEGRAM_BOT_TOKEN=standins.token,
            TELEGRAM_API_URL=standins.telegram_url + "/bot",
            TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
        )
    return env


class RelaisRun:
    """`async with RelaisRun(workdir, standins, …) as bot:` — bot.url answers /healthz inside."""

    def __init__(
        self, workdir: Path, standins: StandinClient, name: str, *, settle: bool = True,
        window: Path | None = None, hold: bool = False, **options,
    ) -> None:  # fmt: skip
        self.workdir, self.name, self.settle = workdir, name, settle
        self.db = workdir / f"{name}.db"
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.env = relais_env(self.db, self.port, standins, **options)
        self.child: Child | None = None
        self.startup_seconds = 0.0
        # `window`: run under bench/profiled.py (SIGUSR1/SIGUSR2 profile a window into that
        # file); `hold`: its engine stores without processing (the acknowledgement alone).
        self.window, self.hold = window, hold
        if hold:
            self.env["BENCH_HOLD_PROCESSING"] = "1"

    async def __aenter__(self) -> RelaisRun:
        log = self.workdir / f"{self.name}.log"
        # BENCH_PROFILE=FILE: the bot's main thread under cProfile, its figures written on stop.
        profile = os.environ.get("BENCH_PROFILE")
        prefix = ["-m", "cProfile", "-o", profile] if profile else []
        command = ["-m", "bot.cli.main", "run"]
        if self.window is not None or self.hold:
            command = ["-m", "bench.profiled", str(self.window or os.devnull), "run"]
        self.child = Child([*prefix, *command], self.env, self.workdir, log)
        start = time.perf_counter()
        try:
            await wait_http(self.url + "/healthz", child=self.child)
        except BaseException:
            self.child.stop()
            raise
        self.startup_seconds = time.perf_counter() - start
        if self.settle:  # measure the steady state, not the sentence model's loading thread
            self.crisis_reader = await self.crisis_reader_loaded()
        return self

    async def crisis_reader_loaded(self, within: float = 60.0) -> str:
        """Wait until /healthz no longer says the crisis sentence model is loading (it loads in
        a background thread after start); its state then."""
        began = time.perf_counter()
        state = "loading"
        async with aiohttp.ClientSession() as http:
            while state == "loading" and time.perf_counter() - began < within:
                async with http.get(self.url + "/healthz") as response:
                    state = (await response.json()).get("crisis_reader", "none")
                if state == "loading":
                    await asyncio.sleep(0.1)
        return state

    async def __aexit__(self, *exc: object) -> None:
        if self.child is not None:
            self.child.stop()
