"""The date- and time-sensitive tests again, with the machine's clock moved by libfaketime.

One run, half a minute before the first America/Montreal DST change that is at least a year
ahead (the run crosses it). That one moment proves what two runs (a year ahead, then the
next DST change) proved, for half the time: a test that pins a date within the coming
year fails here, since the clock is past it; a test that passes only in one season fails
here or in the ordinary run, since the change is in spring or autumn while today is any
season; a test that breaks across the change fails here. (The other direction of the change
is covered by the fixed-date DST tests of the rota, escalation and check-ins, at 2026-03-08
and 2026-11-01.) The run is one test, so that pytest-xdist spreads it over the cores with
the rest of the suite. libfaketime is Debian's `faketime` package, which the README's test
command installs.
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
    for hours in range(1, 800 * 24):
        moment = start + timedelta(hours=hours)
        if (
            moment.astimezone(zone).utcoffset()
            != (moment - timedelta(hours=1)).astimezone(zone).utcoffset()
        ):
            found.append(moment)
            if len(found) == count:
                break
    return found


def offset_seconds(now: datetime) -> int:
    """How far to move the machine's clock: to 30 s before the first DST change a year or
    more after `now`."""
    year_on = now + timedelta(days=365)
    change = dst_changes(year_on, ZoneInfo("America/Montreal"), count=1)[0]
    return int((change - timedelta(seconds=30) - now).total_seconds())


def test_dst_changes_are_found_in_order():
    changes = dst_changes(datetime(2026, 1, 1, tzinfo=UTC), ZoneInfo("America/Montreal"))
    assert changes == [
        datetime(2026, 3, 8, 7, tzinfo=UTC),
        datetime(2026, 11, 1, 6, tzinfo=UTC),
    ]


def test_the_moved_clock_is_a_year_ahead_or_more_and_just_before_a_dst_change():
    now = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    moved = now + timedelta(seconds=offset_seconds(now))
    assert moved == datetime(2028, 3, 12, 6, 59, 30, tzinfo=UTC)  # 01:59:30 EST, then 03:00
    spring = datetime(2026, 3, 1, tzinfo=UTC)
    assert spring + timedelta(seconds=offset_seconds(spring)) == datetime(
        2027, 3, 14, 6, 59, 30, tzinfo=UTC
    )


def test_dated_tests_pass_with_the_machine_clock_moved(tmp_path):
    # A relative offset (not "@date"): child processes (`relais run`) then share the clock.
    # No faked file times, no "monotonic fix" for timed waits (it made the database threads
    # spin); asyncio's monotonic clock stays the real one.
    env = {
        **os.environ,
        "TZ": "UTC",
        "LD_PRELOAD": libfaketime(),
        "FAKETIME": f"+{offset_seconds(datetime.now(UTC))}s",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
        "FAKETIME_FORCE_MONOTONIC_FIX": "0",
        "NO_FAKE_STAT": "1",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    # Only the plugins these files use: autoloaded plugins (hypothesis, anyio) would be loaded
    # and assertion-rewritten for nothing, ~0.7 s of CPU.
    plugins = ["--disable-plugin-autoload", "-p", "pytest_asyncio.plugin"]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugins]
    # On SQLite only: the dates are the bot's, whichever the engine; a PostgreSQL server and
    # its tools under a moved clock (libfaketime preloaded into them too) test libfaketime.
    run = subprocess.run(
        [*command, f"--basetemp={tmp_path / 'inner'}", "-k", "not postgresql", *DATED],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
