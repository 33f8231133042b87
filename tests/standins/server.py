"""Serving for the stand-ins: uvicorn in the test's own loop, a base class, request decoding."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import Callable, Iterator
from email.parser import BytesParser
from email.policy import HTTP
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import parse_qsl

import uvicorn
from starlette.requests import Request
from starlette.types import ASGIApp

T = TypeVar("T")


def _multipart(content_type: str, body: bytes) -> dict[str, Any]:
    # The stdlib MIME parser, so the stand-ins need no python-multipart.
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        fields[name] = {"filename": filename, "content": payload} if filename else payload.decode()
    return fields


def _urlencoded(body: bytes) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, value in parse_qsl(body.decode(), keep_blank_values=True):
        if name in fields:  # repeated fields (Twilio's MediaUrl) become lists
            previous = fields[name] if isinstance(fields[name], list) else [fields[name]]
            value = [*previous, value]
        fields[name] = value
    return fields


async def read_fields(request: Request) -> dict[str, Any]:
    """Fields from the query string and a JSON, multipart or urlencoded body."""
    fields: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    body = await request.body()
    if content_type.startswith("application/json"):
        fields.update(json.loads(body or b"{}"))
    elif content_type.startswith("multipart/form-data"):
        fields.update(_multipart(content_type, body))
    elif body:
        fields.update(_urlencoded(body))
    return fields


class _QuietServer(uvicorn.Server):
    """A uvicorn server that leaves SIGINT/SIGTERM to pytest and stops as soon as asked
    (uvicorn's own loop looks at `should_exit` every 0.1 s: three servers a test add up)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.exit_now = asyncio.Event()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):  # on_tick refreshes the Date header
            counter += 10
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await self.exit_now.wait()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown (stop accepting, ask connections to close, wait for them up to
        the graceful timeout, then cancel) without its fixed 0.1 s pauses."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        state = self.server_state
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.config.timeout_graceful_shutdown):
                while state.connections or state.tasks:  # noqa: ASYNC110 (no event in uvicorn)
                    await asyncio.sleep(0.005)
        for task in state.tasks:
            task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")


class LocalServer:
    """`async with LocalServer(app) as server:` serves `app` at `server.url` inside the block."""

    def __init__(self, app: ASGIApp, *, graceful_timeout: int = 1) -> None:
        config = uvicorn.Config(
            app,
            http="h11",
            ws="none",
            lifespan="off",
            log_config=None,  # don't reconfigure logging for the whole test session
            access_log=False,
            timeout_graceful_shutdown=graceful_timeout,
        )
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        """The base URL, such as http://127.0.0.1:54321 (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Bind a free port and return once the server accepts connections."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._task.done():
                sock.close()
                await self._task  # re-raise the startup failure
                raise RuntimeError("uvicorn stopped during startup")
            await asyncio.sleep(0.005)

    async def stop(self) -> None:
        """Ask uvicorn to exit and wait until it has."""
        if self._task is None:
            return
        self._server.should_exit = True
        self._server.exit_now.set()
        task, self._task = self._task, None
        await task

    async def __aenter__(self) -> LocalServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()


class Standin:
    """Base of the API stand-ins: an ASGI `app`, change notification and `async with` serving."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.closing = False
        self._changed = asyncio.Event()
        self._server: LocalServer | None = None

    @property
    def url(self) -> str:
        """Where the stand-in is served while inside `async with`."""
        if self._server is None:
            raise RuntimeError("the stand-in is served only inside `async with`")
        return self._server.url

    def _notify(self) -> None:
        """Wake everything waiting for a change (a call, an update)."""
        event, self._changed = self._changed, asyncio.Event()
        event.set()

    async def _changed_within(self, seconds: float) -> bool:
        """Wait for the next change; False if none came in `seconds`."""
        try:
            await asyncio.wait_for(self._changed.wait(), max(seconds, 0))
        except TimeoutError:
            return False
        return True

    async def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109 (same shape as asyncio.wait_for)
    ) -> T:
        """Return `predicate()`'s first truthy value, re-checked after every recorded call."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (result := predicate()):
            if not await self._changed_within(deadline - loop.time()):
                if result := predicate():
                    return result
                raise TimeoutError(f"{type(self).__name__}: condition not met in {timeout}s")
        return result

    async def __aenter__(self) -> Self:
        self.closing = False
        self._server = LocalServer(self.app)
        await self._server.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.closing = True
        self._notify()  # release long polls so uvicorn can shut down at once
        if self._server is not None:
            await self._server.stop()
