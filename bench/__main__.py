"""`python -m bench [--quick] [--only NAME …]`: run the benchmarks, print a table."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import sys
import tempfile
import time
from pathlib import Path

from bench import report
from bench.common import ROOT, Child, Plan, Row, machine
from bench.standins import StandinClient

# name → module with `run(workdir, standins, plan) -> list[Row]` and `NOTES: list[str]`
SUITES = (
    "inbound",
    "telegram",
    "pacing",
    "relay",
    "startup",
    "crisis",
    "simulate",
    "web",
    "pg_scaling",
    "soak",
    "memory",
    "crisisload",
)
EXTRA = ("profile",)  # run only when asked: `--profile` or `--only profile`


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a short run (well under a minute)")
    parser.add_argument(
        "--only", nargs="+", choices=SUITES + EXTRA, help="run only these benchmarks"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also account for each message's CPU by component, and its SQL (bench/profile.py);"
        " its top functions and statements go to stderr",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="Markdown results file (default: bench/RESULTS.md after a full run; a quick or"
        " partial run writes no file unless given one, so the full table is never half replaced)",
    )
    return parser.parse_args(argv)


async def _suites(names: list[str], workdir: Path, plan: Plan) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    standins = Child(["-m", "bench.standins"], {}, ROOT, workdir / "standins.log")
    try:
        client = StandinClient(standins.read_json_line())
        for name in names:
            module = importlib.import_module(f"bench.{name}")
            started = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            rows += await module.run(workdir, client, plan)
            notes += module.NOTES
            print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    finally:
        standins.stop()
    return rows, notes


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    plan = Plan(quick=args.quick)
    names = list(args.only or SUITES)
    if args.profile and "profile" not in names:
        names.append("profile")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="relais-bench-") as tmp:
        rows, notes = asyncio.run(_suites(names, Path(tmp), plan))
    rows.append(Row("Benchmark wall time", f"{time.perf_counter() - started:.0f} s"))
    host = machine()
    print(report.text_table(rows, host, notes))
    command = "python -m bench" + (" --quick" if args.quick else "")
    if args.only:
        command += " --only " + " ".join(args.only)
    if args.profile:
        command += " --profile"
    output = args.output
    if output is None and not (args.quick or args.only or args.profile):
        output = ROOT / "bench" / "RESULTS.md"
    if output is not None:
        output.write_text(report.markdown(rows, host, notes, command), encoding="utf-8")
        print(f"\nWritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
