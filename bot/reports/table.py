"""The report as `figure,value` rows: the CSV of `relais report --format csv` and of the
dashboard's /tableau/bilan.csv, always the same figures in the same order."""

from __future__ import annotations

import csv
from typing import TextIO

from bot.reports.figures import Report


def rows(r: Report) -> list[tuple[str, object]]:
    """Every figure as (name, value); a missing figure has an empty value."""
    found: list[tuple[str, object]] = [
        ("period_from", r.first_day.isoformat()),
        ("period_to", r.last_day.isoformat()),
        ("contacts", r.contacts),
        ("persons_followed", r.persons_followed),
        *((f"profile_{k}", v) for k, v in r.profiles.items()),
        ("requests", r.requests),
        *((f"requests_{k}", v) for k, v in r.by_channel.items()),
        *((f"requests_lang_{k}", v) for k, v in r.by_language.items()),
        *((f"interventions_{k}", v) for k, v in r.interventions.items()),
        ("crisis_interventions", r.crisis),
        ("crisis_unclaimed", r.crisis_unclaimed),
        ("first_reply_median_minutes", decimal(r.first_reply_median)),
        ("first_reply_p90_minutes", decimal(r.first_reply_p90)),
        ("requests_with_reply", r.replied),
        ("escalations", r.escalations),
        ("escalated_requests", r.escalated_requests),
        ("out_of_hours_requests", r.out_of_hours),
        ("referrals", sum(r.referrals.values())),
        *((f"referrals_{k}", v) for k, v in r.referrals.items()),
        ("referrals_worker", sum(r.worker_referrals.values())),
        *((f"referrals_worker_{k}", v) for k, v in r.worker_referrals.items()),
        ("referrals_search", sum(r.searches.values())),
        *((f"referrals_search_{k}", v) for k, v in r.searches.items()),
        *((f"requests_kiosk_{k}", v) for k, v in r.by_kiosk.items()),
    ]
    checkins = r.checkins or {}
    for key in ("sent", "answered", "unanswered"):
        found.append((f"checkins_{key}", checkins.get(key, "")))
    # First contacts: the total and "direct" always; then one row per deep-link source.
    sources = {"direct": 0, **r.arrivals}
    found += [("arrivals", sum(sources.values()))]
    found += [(f"arrivals_{source}", n) for source, n in sources.items()]
    return found


def decimal(value: float | None) -> str:
    """Minutes with one decimal ("0.2"); empty when there is no value."""
    return "" if value is None else f"{value:.1f}"


def write_csv(r: Report, out: TextIO) -> None:
    """`figure,value` rows, always the same figures in the same order."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "value"))
    writer.writerows(rows(r))
