"""Shared pieces: result rows, percentiles, free ports, the machine, and child processes."""

from __future__ import annotations

import asyncio
import json
import os
import platform
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
_PREFIXES = ("RELAIS_", "TELEGRAM_", "TWILIO_")


@dataclass
class Row:
    """One line of the results table; `ok` is None when there is no target or no figure."""

    figure: str
    value: str
    target: str = ""
    ok: bool | None = None


@dataclass
class Plan:
    """How long each benchmark runs: the full run, or `--quick`."""

    quick: bool

    def pick(self, full: float, quick: float) -> float:
        return quick if self.quick else full


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile of `values` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def free_port() -> int:
    """A port that was free a moment ago on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def machine() -> list[tuple[str, str]]:
    """What the figures were measured on."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return [
        ("CPUs (nproc)", str(os.cpu_count())),
        ("CPU model", model),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("Kernel", platform.release()),
    ]


def child_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment of a child: ours without any Relais setting, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_PREFIXES)}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


class Child:
    """A child process we started: its pid, CPU time, peak RSS, and a clean stop."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self._log = open(log, "ab")  # closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, *args],
            env=child_env(env),
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self.started_at = time.perf_counter()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def cpu_seconds(self) -> float:
        """User + system CPU time so far (all threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_mb(self) -> float:
        """VmHWM: the most resident memory the process has had."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def read_json_line(self, timeout: float = 20.0) -> dict:
        """The first line the child prints, as JSON (children announce their URLs so)."""
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline() if ready else b""
        if not line:
            raise RuntimeError(f"child {self.pid} said nothing (see {self._log.name})")
        return json.loads(line)

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL if it is still there after `timeout`."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()  # the stand-ins process exits when its stdin closes
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._log.close()


async def wait_http(url: str, within: float = 30.0, child: Child | None = None) -> float:
    """Poll `url` until it answers 200; the seconds it took."""
    start = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        while time.perf_counter() - start < within:
            if child is not None and child.proc.poll() is not None:
                raise RuntimeError(f"process {child.pid} exited with {child.proc.returncode}")
            try:
                async with session.get(url) as response:
                    if response.status == 200:
                        return time.perf_counter() - start
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.02)
    raise TimeoutError(f"{url} did not answer within {within}s")
