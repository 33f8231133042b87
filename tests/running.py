"""`relais run` in a child process, as an operator runs it, for the tests that kill or starve it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.conftest import RELAIS_NUMBER, http_client, inherited
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command() -> list[str]:
    script = Path(sys.executable).with_name("relais")
    return (
        [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot.cli.main", "run"]
    )


class Running:
    """`relais run` in a child process, with its output in files."""

    def __init__(
        self,
        tmp_path: Path,
        name: str = "relais",
        *,
        preexec: Callable[[], None] | None = None,
        **settings: str,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = tmp_path / "relais.db"
        self.out, self.err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "RELAIS_PORT": str(self.port),
            "RELAIS_PUBLIC_URL": self.url,
            "RELAIS_DATABASE": str(self.database),
            # the sentence model costs ~2 s of CPU to load per process: only where a test asks
            "RELAIS_CRISIS_READER": "patterns",
            **inherited(),  # a faked machine clock (test_machine_clock) reaches it too
            **settings,
        }
        self.cwd = tmp_path
        self.preexec = preexec
        self.proc: asyncio.subprocess.Process | None = None

    async def spawn(self) -> None:
        """Start the process; its output goes to the files."""
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.proc = await asyncio.create_subprocess_exec(
                *command(),
                env=self.env,
                cwd=self.cwd,
                stdout=out,
                stderr=err,
                preexec_fn=self.preexec,
            )

    async def exit_code(self, within: float = 15.0) -> int:
        """Start it and wait for it to stop by itself (a start-up failure): its exit code."""
        await self.spawn()
        try:
            return await asyncio.wait_for(self.proc.wait(), within)
        except TimeoutError:
            await self.kill()
            raise AssertionError(f"still running after {within}s") from None

    async def __aenter__(self) -> Running:
        await self.spawn()
        try:
            await self._healthy()
        except BaseException:
            await self.kill()  # `async with` does not call __aexit__ when __aenter__ fails
            raise
        return self

    async def _healthy(self) -> None:
        deadline = time.monotonic() + 15
        async with http_client(timeout=1) as http:
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


def sqlite_rows(path: str | Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the bot's database from outside, as another process would."""
    conn = sqlite3.connect(path, timeout=15)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


async def post_sms(http: httpx.AsyncClient, relais: Running, number: str, text: str) -> None:
    """A signed Twilio webhook: an SMS from `number` to Relais's number, answered 200."""
    params = inbound_sms_params(number, RELAIS_NUMBER, text)
    signature = sign(DEFAULT_AUTH_TOKEN, relais.url + "/twilio/sms", params)
    response = await http.post(
        relais.url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
    )
    assert response.status_code == 200, response.text
