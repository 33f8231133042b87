"""Start-up of `relais run`: time to /healthz and peak RSS, empty and with 100k check-ins."""

from __future__ import annotations

import sqlite3
import time
from datetime import timedelta
from pathlib import Path

from bench.common import Plan, Row
from bench.relais_proc import RelaisRun
from bench.standins import StandinClient
from storage.clock import to_db, utcnow
from storage.db import Database

CHECKINS = 100_000
NOTES = [
    "Start-up: `relais run` (SMS and Telegram on) from process start until /healthz answers"
    " 200; peak RSS is VmHWM from /proc once it answers, and again once /healthz says the crisis"
    " sentence model (loaded in the background, the patterns answering meanwhile) is ready."
    " With check-ins, 100,000 pending rows are put in the `followups` table first (columns"
    " filled from the schema: due in a day, one citizen each), if the migrated schema has"
    " that table.",
]


async def _started(workdir: Path, standins: StandinClient, name: str) -> str:
    async with RelaisRun(workdir, standins, name, settle=False) as bot:
        started = f"{bot.startup_seconds:.2f} s · peak RSS {bot.child.peak_rss_mb():.0f} MB"
        began = time.perf_counter()
        state = await bot.crisis_reader_loaded()
        waited = time.perf_counter() - began
        loaded = f"crisis model {state} {waited:.1f} s later"
        return f"{started} ({loaded}, peak RSS {bot.child.peak_rss_mb():.0f} MB)"


def _value(column: sqlite3.Row, n: int, citizen: int | None, due: str):
    name, kind = column["name"].lower(), (column["type"] or "").upper()
    if name == "citizen_id":
        return citizen
    if name == "status" or name == "state":
        return "pending"
    if name.endswith("_at") or name in ("due", "at", "when"):
        return due
    if "INT" in kind:
        return 0
    return ""


def seed_followups(db: Path, count: int) -> None:
    """Fill `followups` with `count` pending rows, one new citizen each when it has citizen_id."""
    due = to_db(utcnow() + timedelta(days=1))
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        columns = conn.execute("PRAGMA table_info(followups)").fetchall()
        needed = [c for c in columns if (c["notnull"] and c["dflt_value"] is None
                                         and not c["pk"]) or c["name"] == "citizen_id"]  # fmt: skip
        names = [c["name"] for c in needed]
        rows = []
        for n in range(count):
            citizen = None
            if "citizen_id" in names:
                cur = conn.execute(
                    "INSERT INTO citizens (address, channel, created_at) VALUES (?, 'sms', ?)",
                    (f"sms:+1819{2000000 + n:07d}", due),
                )
                citizen = cur.lastrowid
            rows.append([_value(c, n, citizen, due) for c in needed])
        marks = ", ".join("?" * len(names))
        conn.executemany(f"INSERT INTO followups ({', '.join(names)}) VALUES ({marks})", rows)


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The start-up rows."""
    rows = [Row("Start-up, empty database", await _started(workdir, standins, "startup_empty"))]
    db = workdir / "startup_checkins.db"
    async with Database(str(db)) as opened:
        found = await opened.fetchone(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'followups'"
        )
    label = f"Start-up, {CHECKINS:,} pending check-ins"
    if found is None:
        return [*rows, Row(label, "n/a (check-ins not built yet: no followups table)")]
    try:
        seed_followups(db, CHECKINS)
    except sqlite3.Error as exc:
        return [*rows, Row(label, f"n/a (could not seed followups: {exc})")]
    return [*rows, Row(label, await _started(workdir, standins, "startup_checkins"))]
