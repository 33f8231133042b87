"""One headless Chromium (Debian's) per test process, driven by Playwright.

Starting Playwright's driver and a Chromium costs about a second of CPU; a test needs only a
fresh browser context. So each test process (each pytest-xdist worker) starts one Playwright
browser server around one Chromium, the first time a test asks for it, and one Playwright
driver on pytest-asyncio's session loop, which the browser test modules run on
(tests/conftest.py). Every test connects to the server anew (the `browser` fixture) and opens
its own contexts: no cookie, storage or page survives from one test to the next, as with a
browser per test.

The browser is /usr/bin/chromium (or RELAIS_CHROMIUM): Playwright's own browser download
is not used. Missing, the tests that use it fail and say how to install it; they are never
skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("RELAIS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_WITHIN = 60.0  # seconds for the server to say where it listens


def chromium_path() -> str:
    """The browser to drive; fails (never skips) with how to install it when it is missing."""
    assert Path(CHROMIUM).exists(), (
        f"{CHROMIUM} is missing: install Debian's chromium "
        "(apt-get install chromium) or set RELAIS_CHROMIUM"
    )
    return CHROMIUM


@contextmanager
def chromium_server(folder: Path) -> Iterator[str]:
    """`playwright launch-server` around one headless Chromium: its ws:// endpoint, for
    `playwright.chromium.connect()`. The server and its Chromium end with the block."""
    from playwright._impl._driver import compute_driver_executable, get_driver_env

    config = folder / "launch-server.json"
    options = {"executablePath": chromium_path(), "args": ARGS, "headless": True}
    config.write_text(json.dumps(options), encoding="utf-8")
    node, cli = compute_driver_executable()  # the driver itself: `python -m playwright` would
    log = folder / "launch-server.log"  # not pass it a SIGTERM
    with log.open("wb") as errors:
        server = subprocess.Popen(
            [node, cli, "launch-server", "--browser", "chromium", "--config", str(config)],
            env=get_driver_env(),
            stdout=subprocess.PIPE,
            stderr=errors,
            start_new_session=True,  # its own process group: Chromium's processes are in it
        )
    try:
        yield _endpoint(server, log)
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    """SIGTERM (the server closes its Chromium), then whatever is left of the group is killed."""
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.stdout.close()


def _endpoint(server: subprocess.Popen, log: Path) -> str:
    """The first line the server prints: where it listens."""
    deadline = time.monotonic() + START_WITHIN
    line = b""
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        while not line.endswith(b"\n") and time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            chunk = os.read(server.stdout.fileno(), 4096)
            if not chunk:  # it exited
                break
            line += chunk
    endpoint = line.decode(errors="replace").strip()
    assert endpoint.startswith("ws://"), (
        f"playwright launch-server did not start: {endpoint!r} "
        + log.read_text(errors="replace")[-2000:]
    )
    return endpoint
