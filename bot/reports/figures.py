"""The network's activity figures for a period, as in its yearly activity report.

Request figures count the requests opened in the period (local days of RELAIS_TIMEZONE, both
ends included); referrals and check-ins count those made in it. An erased citizen's requests
still count, anonymously: each one is a contact and, if a worker took it, a person followed.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rota.rota import local_moment
from flows import worker_messages as wm
from storage import resources
from storage.clock import from_db, to_db
from storage.db import Database

CHANNELS = ("sms", "telegram", "web", "kiosk")  # a kiosk's requests: "kiosk:<place name>"
LANGUAGES = ("fr", "en")
CATEGORIES = ("food", "housing", "health", "seniors", "families", "employment", "legal", "other")


@dataclass(frozen=True)
class Report:
    """Every figure of one period; dicts keep a fixed order of keys (the CSV's rows)."""

    first_day: date
    last_day: date
    contacts: int
    persons_followed: int
    requests: int
    by_channel: dict[str, int]
    by_language: dict[str, int]
    interventions: dict[str, int]
    profiles: dict[str, int]
    crisis: int  # urgent or closed as crisis, and taken by a person
    crisis_unclaimed: int  # urgent, and nobody took it
    first_reply_median: float | None  # minutes
    first_reply_p90: float | None
    replied: int
    escalations: int
    escalated_requests: int
    out_of_hours: int
    referrals: dict[str, int]  # every resource given, by category
    worker_referrals: dict[str, int]  # sent by a worker (`/ressource`)
    searches: dict[str, int]  # shown by a citizen's own search
    checkins: dict[str, int] | None  # None: the follow-ups table does not exist
    # First contacts by where they came from: a deep link's payload ("affiche"), "direct".
    arrivals: dict[str, int] = field(default_factory=dict)
    by_kiosk: dict[str, int] = field(default_factory=dict)  # requests per kiosk place name


def bounds(first_day: date, last_day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local days first_day..last_day."""
    return local_moment(first_day, time(0), tz), local_moment(last_day + timedelta(1), time(0), tz)


async def compute(db: Database, first_day: date, last_day: date, tz: ZoneInfo) -> Report:
    """Read the figures of the local days first_day..last_day (both included)."""
    start, end = bounds(first_day, last_day, tz)
    period = (to_db(start), to_db(end))
    rows = await db.fetchall(
        "SELECT * FROM requests WHERE created_at >= ? AND created_at < ?", period
    )
    times = _reply_minutes(rows)
    return Report(
        first_day=first_day,
        last_day=last_day,
        contacts=await _contacts(db, period, rows),
        persons_followed=len(_followed(rows)),
        requests=len(rows),
        by_channel=_by_channel(rows),
        by_language=_count(rows, "language", LANGUAGES),
        interventions=_count(rows, "intervention_type", tuple(wm.INTERVENTION_TYPES)),
        profiles=_profiles(rows),
        crisis=sum(1 for r in rows if _crisis(r) and r["claimed_at"] is not None),
        crisis_unclaimed=sum(1 for r in rows if r["urgent"] and r["claimed_at"] is None),
        first_reply_median=statistics.median(times) if times else None,
        first_reply_p90=percentile(times, 90) if times else None,
        replied=len(times),
        escalations=sum(r["escalations"] for r in rows),
        escalated_requests=sum(1 for r in rows if r["escalations"]),
        out_of_hours=sum(1 for r in rows if r["out_of_hours"]),
        referrals={
            **dict.fromkeys(CATEGORIES, 0),
            **await resources.referral_counts(db, start, end),
        },
        worker_referrals=await _referrals(db, period, "worker"),
        searches=await _referrals(db, period, "search"),
        checkins=await _checkins(db, period),
        arrivals=await _arrivals(db, period),
        by_kiosk=_by_kiosk(rows),
    )


_TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
    "postgresql": "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_name = ?",
}


async def _has_table(db: Database, name: str) -> bool:
    """The table exists (an older database, restored from a backup, may lack one)."""
    return await db.fetchone(_TABLES[db.dialect], (name,)) is not None


async def _arrivals(db: Database, period: tuple[str, str]) -> dict[str, int]:
    """New citizens in the period by source ('' = wrote directly), erased ones included."""
    if not await _has_table(db, "arrivals"):
        return {}
    rows = await db.fetchall(
        "SELECT source, count(*) AS n FROM arrivals WHERE at >= ? AND at < ?"
        " GROUP BY source ORDER BY source",
        period,
    )
    return {(r["source"] or "direct"): r["n"] for r in rows}


def _crisis(row) -> bool:
    return bool(row["urgent"]) or row["intervention_type"] == "crise"


async def _referrals(db: Database, period: tuple[str, str], given_by: str) -> dict[str, int]:
    """Referrals per category made by a worker, or shown by a citizen's own search."""
    rows = await db.fetchall(
        "SELECT category, count(*) AS n FROM referrals WHERE at >= ? AND at < ? AND given_by = ?"
        " GROUP BY category",
        (*period, given_by),
    )
    return {**dict.fromkeys(CATEGORIES, 0), **{r["category"]: r["n"] for r in rows}}


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with pct % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def _by_channel(rows: list) -> dict[str, int]:
    """Requests per channel; every kiosk counts as "kiosk"."""
    counts = dict.fromkeys(CHANNELS, 0)
    for row in rows:
        channel = row["channel"].split(":", 1)[0]
        counts[channel] = counts.get(channel, 0) + 1
    return counts


def _by_kiosk(rows: list) -> dict[str, int]:
    """Requests per kiosk place, by name."""
    counts: dict[str, int] = {}
    for row in rows:
        if row["channel"].startswith("kiosk:"):
            name = row["channel"].removeprefix("kiosk:")
            counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


def _count(rows: list, column: str, keys: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for row in rows:
        if row[column] is not None:
            counts[row[column]] = counts.get(row[column], 0) + 1
    return counts


async def _contacts(db: Database, period: tuple[str, str], rows: list) -> int:
    """Distinct citizens who wrote (or whose request was opened), plus erased ones' requests."""
    found = await db.fetchall(
        "SELECT DISTINCT citizen_id FROM inbound WHERE citizen_id IS NOT NULL"
        " AND received_at >= ? AND received_at < ?",
        period,
    )
    known = {r["citizen_id"] for r in found} | {r["citizen_id"] for r in rows if r["citizen_id"]}
    return len(known) + sum(1 for r in rows if r["citizen_id"] is None)


def _followed(rows: list) -> dict:
    """Each person a worker took a request of: their key, and the rows of their taken requests."""
    people: dict = {}
    for row in rows:
        if row["claimed_at"] is None:
            continue
        key = row["citizen_id"] if row["citizen_id"] is not None else f"anonymous:{row['id']}"
        people.setdefault(key, []).append(row)
    return people


def _profiles(rows: list) -> dict[str, int]:
    """One profile per person followed: the last one given when closing, else "inconnu"."""
    counts = dict.fromkeys(wm.PROFILES, 0)
    for taken in _followed(rows).values():
        given = [r for r in sorted(taken, key=lambda r: r["id"]) if r["profile"] in wm.PROFILES]
        counts[given[-1]["profile"] if given else "inconnu"] += 1
    return counts


def _reply_minutes(rows: list) -> list[float]:
    return [
        (from_db(r["first_reply_at"]) - from_db(r["created_at"])).total_seconds() / 60
        for r in rows
        if r["first_reply_at"] is not None
    ]


async def _checkins(db: Database, period: tuple[str, str]) -> dict[str, int] | None:
    """Check-ins sent in the period and how they ended, if follow-ups exist in this database."""
    if not await _has_table(db, "followups"):
        return None
    rows = await db.fetchall(
        "SELECT status, count(*) AS n FROM followups WHERE sent_at >= ? AND sent_at < ?"
        " GROUP BY status",
        period,
    )
    by_status = {r["status"]: r["n"] for r in rows}
    return {
        "sent": sum(by_status.values()),
        "answered": by_status.get("answered", 0),
        "unanswered": by_status.get("unanswered", 0),
    }
