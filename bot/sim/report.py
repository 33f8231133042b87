"""The simulation's report: the period, SLA figures per request, and the broken promises.

Ids, aliases and times only: no message text, no number.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.rota.rota import quebec_holidays
from bot.sim.check import Findings
from bot.sim.scenario import Scenario

KINDS = {
    "unanswered": "message without answer",
    "urgent_unreached": "urgent request that reached no one",
    "false_statement": "'someone will answer' said, no one had it",
    "spoke_after_stop": "message sent after STOP",
}


def duration(delta: timedelta | None) -> str:
    """ "12 min", "3 h 05", or "-"."""
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


def local(moment: datetime, tz: ZoneInfo) -> str:
    """ "2026-11-30 08:08" in the network's zone."""
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def notes(scenario: Scenario) -> list[str]:
    """Holidays and clock changes inside the period."""
    tz, found = scenario.timezone, []
    holidays = quebec_holidays("en")
    first = scenario.start.astimezone(tz).date()
    for n in range(scenario.days):
        day = first + timedelta(days=n)
        if day in holidays:
            found.append(f"holiday: {day} ({holidays.get(day)})")
        before = scenario.start + timedelta(days=n)
        after = before + timedelta(days=1)
        if before.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            found.append(f"clock change: {day}")
    return found


def write(out: TextIO, scenario: Scenario, findings: Findings, rota_name: str) -> None:
    """The whole report."""
    tz = scenario.timezone
    print(f"Simulation: {scenario.days} day(s) from {local(scenario.start, tz)[:10]} ({tz.key}),"
          f" seed {scenario.seed}, rota: {rota_name}", file=out)  # fmt: skip
    citizens = len({v.sent.citizen.alias for v in findings.verdicts})
    print(f"Citizens: {citizens}, messages: {len(findings.verdicts)}", file=out)
    for note in notes(scenario) + scenario.notes:
        print(f"Note: {note}", file=out)
    _figures(out, findings)
    _per_request(out, findings, tz)
    _broken(out, findings, tz)


def _figures(out: TextIO, findings: Findings) -> None:
    requests = findings.requests
    urgent = sum(r.urgent for r in requests)
    unanswered = sum(r.first_reply is None for r in requests)
    print(f"Requests: {len(requests)} ({urgent} urgent), without a human reply: {unanswered}",
          file=out)  # fmt: skip
    print(f"Time to first human reply: median {duration(findings.quantile(0.5))},"
          f" p90 {duration(findings.quantile(0.9))}", file=out)  # fmt: skip
    print(f"Escalations: {sum(r.escalations for r in requests)}", file=out)
    paged = Counter(name for r in requests for name in r.paged)
    who = ", ".join(f"{name} {n}" for name, n in sorted(paged.items())) or "no one"
    print(f"Paged (requests per person): {who}", file=out)
    outcomes = Counter(v.outcome for v in findings.verdicts)
    print("Messages: " + ", ".join(f"{k} {n}" for k, n in sorted(outcomes.items())), file=out)


def _per_request(out: TextIO, findings: Findings, tz: ZoneInfo) -> None:
    print("\nalias   citizen  opened            urgent  first reply  escalations  paged", file=out)
    for r in findings.requests:
        urgent = "yes" if r.urgent else ""
        print(f"{r.alias:<7} {r.citizen:<8} {local(r.created_at, tz)}  {urgent:<6}"
              f"  {duration(r.first_reply):<11}  {r.escalations:<11}  {', '.join(r.paged) or '-'}",
              file=out)  # fmt: skip


def _broken(out: TextIO, findings: Findings, tz: ZoneInfo) -> None:
    print(f"\nBroken promises: {len(findings.broken)}", file=out)
    for b in findings.broken:
        print(f"  {local(b.at, tz)}  {b.citizen:<5} {b.request or '-':<6} {KINDS[b.kind]}",
              file=out)  # fmt: skip
