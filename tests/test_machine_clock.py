"""The date- and time-sensitive tests again, with the machine's clock moved by libfaketime.

A year ahead, and half a minute before the next America/Montreal DST change (the run crosses
it): a test that pins a date, or that only passes in one season, fails here. (The other
direction of the change is covered by the fixed-date DST tests of the rota, escalation and
check-ins, at 2026-03-08 and 2026-11-01.) Each
run is one test, so that pytest-xdist spreads them over the cores with the rest of the suite.
libfaketime is Debian's `faketime` package, which the README's test command installs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests whose bot reads the machine's clock (the pure DST tests use fixed dates anyway).
DATED = (
    "tests/test_escalation.py",
    "tests/test_followups.py",
    "tests/test_housekeeping.py",
    "tests/test_appointments.py",
)
LIBRARIES = ("/usr/lib/x86_64-linux-gnu/faketime", "/usr/lib/aarch64-linux-gnu/faketime")


def libfaketime() -> str:
    """The preloadable library; its absence is a failure with the fix, never a skip."""
    for folder in LIBRARIES:
        path = Path(folder) / "libfaketime.so.1"
        if path.exists():
            return str(path)
    pytest.fail("libfaketime is missing: apt-get install faketime (the README's test command does)")


def dst_changes(now: datetime, zone: ZoneInfo, count: int = 2) -> list[datetime]:
    """The next `count` instants where the zone's UTC offset changes, to the hour."""
    start = now.replace(minute=0, second=0, microsecond=0)
    found = []
    for hours in range(1, 400 * 24):
        moment = start + timedelta(hours=hours)
        if (
            moment.astimezone(zone).utcoffset()
            != (moment - timedelta(hours=1)).astimezone(zone).utcoffset()
        ):
            found.append(moment)
            if len(found) == count:
                break
    return found


def offset_seconds(which: str) -> int:
    """How far to move the machine's clock for this run."""
    if which == "year-ahead":
        return 365 * 86400
    now = datetime.now(UTC)
    change = dst_changes(now, ZoneInfo("America/Montreal"), count=1)[0]
    return int((change - timedelta(seconds=30) - now).total_seconds())


def test_dst_changes_are_found_in_order():
    changes = dst_changes(datetime(2026, 1, 1, tzinfo=UTC), ZoneInfo("America/Montreal"))
    assert changes == [
        datetime(2026, 3, 8, 7, tzinfo=UTC),
        datetime(2026, 11, 1, 6, tzinfo=UTC),
    ]


@pytest.mark.parametrize("which", ["year-ahead", "next-dst-change"])
def test_dated_tests_pass_with_the_machine_clock_moved(which, tmp_path):
    # A relative offset (not "@date"): child processes (`relais run`) then share the clock.
    # No faked file times, no "monotonic fix" for timed waits (it made the database threads
    # spin); asyncio's monotonic clock stays the real one.
    env = {
        **os.environ,
        "TZ": "UTC",
        "LD_PRELOAD": libfaketime(),
        "FAKETIME": f"+{offset_seconds(which)}s",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        "FAKETIME_FORCE_MONOTONIC_FIX": "0",
        "NO_FAKE_STAT": "1",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    run = subprocess.run(
        [*command, f"--basetemp={tmp_path / 'inner'}", *DATED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
