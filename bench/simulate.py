"""`relais simulate`: how long a simulated week takes, in process (no network)."""

from __future__ import annotations

import logging
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import Plan, Row
from bench.standins import StandinClient
from bot.sim.check import Checker
from bot.sim.run import play
from bot.sim.scenario import generate

NOTES = [
    "Simulate: the default scenario of seed 1 from Monday 2026-11-30 (America/Montreal), played"
    " on the real engine with memory channels and a virtual clock, then checked; wall time of"
    " the play and the check.",
]


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """One simulated week (two days with --quick)."""
    days = int(plan.pick(7, 2))
    scenario = generate(1, date(2026, 11, 30), days, ZoneInfo("America/Montreal"))
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    try:
        played = await play(scenario)
        findings = await Checker(played).check()
        await played.service.__aexit__(None, None, None)
    finally:
        logging.disable(logging.NOTSET)
    seconds = time.perf_counter() - started
    value = (f"{seconds:.1f} s for {days} days · {len(scenario.messages)} messages,"
             f" {played.service.clock_work.runs} alarms rung,"
             f" {len(findings.broken)} broken promises")  # fmt: skip
    target = "a week in seconds (≤ 10 s)"
    return [Row(f"relais simulate, {days} virtual days", value, target,
                seconds <= 10 * days / 7)]  # fmt: skip
