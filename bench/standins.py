"""The Telegram and Twilio stand-ins in their own process, behind a provider-like rate limit.

Run as `python -m bench.standins`: it prints one JSON line with the URLs, then serves until
its stdin closes (the parent exits) or SIGTERM. Each stand-in sits behind a `Gate`: sends above
the configured rate get the provider's 429 reply, and `/_bench/stats` reports what went through,
so "zero 429s" means the sender really stayed under the limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
import time

import aiohttp
import uvicorn
from starlette.requests import Request
from starlette.responses import JSONResponse

from bench.common import HOST, free_port
from tests.standins import TelegramStandin, TwilioStandin

SEND_METHODS = ("sendmessage", "editmessagetext", "sendlocation", "sendvenue")


class Gate:
    """ASGI middleware: a token bucket on sends, plus `/_bench/stats` and `/_bench/reset`."""

    def __init__(self, app, provider: str) -> None:
        self.app, self.provider = app, provider
        self.reset(rate=0.0, burst=10.0)

    def reset(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.stamp = burst, time.monotonic()
        self.accepted: list[float] = []
        self.limited = 0
        self.limited_at: list[float] = []

    def _is_send(self, path: str) -> bool:
        if self.provider == "twilio":
            return path.endswith("/Messages.json")
        return path.rsplit("/", 1)[-1].lower() in SEND_METHODS

    def _admit(self) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def _too_many(self) -> JSONResponse:
        self.limited += 1
        self.limited_at.append(time.monotonic())
        if self.provider == "twilio":
            body = {"code": 20429, "message": "Too Many Requests", "status": 429}
        else:
            body = {
                "ok": False,
                "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": {"retry_after": 1},
            }
        return JSONResponse(body, status_code=429)

    async def _control(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        if scope["path"] == "/_bench/reset":
            params = await request.json()
            self.reset(float(params.get("rate", 0)), float(params.get("burst", 10)))
        stats = {"accepted": self.accepted, "limited": self.limited, "limited_at": self.limited_at}
        await JSONResponse(stats)(scope, receive, send)

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif path.startswith("/_bench/"):
            await self._control(scope, receive, send)
        elif self._is_send(path):
            if not self._admit():
                await self._too_many()(scope, receive, send)
                return
            self.accepted.append(time.monotonic())
            await self.app(scope, receive, send)
        else:
            await self.app(scope, receive, send)


async def _stdin_closed() -> None:
    reader = asyncio.StreamReader()
    loop = asyncio.get_running_loop()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while await reader.read(4096):
        pass


class _Served:
    """Stands for the stand-in's LocalServer: serves its app on a TCP_NODELAY socket.

    tests.standins.LocalServer binds a socket made without IPPROTO_TCP, so asyncio does not
    set TCP_NODELAY on accepted connections and every request waits ~40 ms for a delayed ACK.
    Real providers answer without that wait, so the benchmark serves the apps itself.
    """

    def __init__(self, app) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app, host=HOST, port=self.port, log_config=None, lifespan="off", access_log=False
        )
        self.server = uvicorn.Server(config)
        self.server.capture_signals = contextlib.nullcontext  # SIGTERM is handled in serve()
        self.task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    async def start(self) -> None:
        self.task = asyncio.create_task(self.server.serve())
        while not self.server.started and not self.task.done():  # noqa: ASYNC110 (uvicorn's flag)
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            await self.task


async def serve() -> None:
    """Serve both stand-ins until stdin closes or SIGTERM."""
    telegram, twilio = TelegramStandin(), TwilioStandin()
    served = []
    for standin, provider in ((telegram, "telegram"), (twilio, "twilio")):
        standin._server = _Served(Gate(standin.app, provider))
        await standin._server.start()
        served.append(standin)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    info = {"telegram": telegram.url, "twilio": twilio.url, "token": telegram.token}
    print(json.dumps(info), flush=True)
    closed = asyncio.ensure_future(_stdin_closed())
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait([closed, stopped], return_when=asyncio.FIRST_COMPLETED)
    stopped.cancel()
    for standin in served:
        standin.closing = True
        standin._notify()  # release long polls
        await standin._server.stop()


class StandinClient:
    """The parent's view of the stand-ins process: URLs, and the gates' stats."""

    def __init__(self, info: dict) -> None:
        self.telegram_url = info["telegram"]
        self.twilio_url = info["twilio"]
        self.token = info["token"]

    def base(self, provider: str) -> str:
        return self.telegram_url if provider == "telegram" else self.twilio_url

    async def reset(self, provider: str, rate: float = 0.0, burst: float = 10.0) -> None:
        """Clear the counters; from now on, limit sends to `rate` per second (0: no limit)."""
        async with aiohttp.ClientSession() as session:
            url = self.base(provider) + "/_bench/reset"
            async with session.post(url, json={"rate": rate, "burst": burst}) as response:
                response.raise_for_status()

    async def stats(self, provider: str) -> dict:
        """`accepted`: the monotonic times of sends let through; `limited`: 429s given."""
        async with aiohttp.ClientSession() as session:
            async with session.get(self.base(provider) + "/_bench/stats") as response:
                return await response.json()


if __name__ == "__main__":
    asyncio.run(serve())
