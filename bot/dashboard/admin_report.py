"""/tableau/bilan: the network's figures for a chosen period, its charts, and /tableau/bilan.csv.

The figures are bot/reports/figures.py's (`relais report`), the CSV is bot/reports/table.py's
(the bytes of `relais report --format csv` for the same days), the charts are inline SVG drawn
by bot/reports/charts.py, each followed by its table.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from babel.dates import format_date
from starlette.requests import Request
from starlette.responses import Response

from bot.core.i18n import BABEL_LOCALES
from bot.dashboard import admin_format as fmt
from bot.dashboard import pages
from bot.dashboard.admin_rota import ADMIN_CSS
from bot.dashboard.auth import Actor, require
from bot.reports.charts import (
    Chart,
    WeekHoursText,
    bar_chart,
    response_time_chart,
    week_hours_chart,
)
from bot.reports.figures import Report, compute
from bot.reports.series import arrivals_by_hour, monthly_contacts, reply_minutes, usual_duty
from bot.reports.table import decimal, write_csv
from flows import dashboard_admin_messages as am
from flows import worker_messages as wm
from flows.text import Text
from storage import rota as rota_store
from storage import workers as worker_store


class BadPeriod(ValueError):
    """The asked period cannot be read; `text` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.msgid)
        self.text = text


def period(request: Request, today: date) -> tuple[date, date]:
    """`?du=…&au=…` (both included); by default 1 January of the last day's year to today."""
    asked_first, asked_last = request.query_params.get("du", ""), request.query_params.get("au", "")
    try:
        last = date.fromisoformat(asked_last) if asked_last else today
        first = date.fromisoformat(asked_first) if asked_first else date(last.year, 1, 1)
    except ValueError:
        raise BadPeriod(am.bad_period()) from None
    if first > last:
        raise BadPeriod(am.period_reversed())
    return first, last


def minutes(value: float | None, language: str) -> str:
    """ "0,2 min" / "0.2 min", as the CSV's one decimal; "—" when nothing was answered."""
    if value is None:
        return "—"
    shown = decimal(value)
    return (shown.replace(".", ",") if language != "en" else shown) + " min"


def _counts(labels: dict[str, Text], counts: dict[str, int]) -> list[tuple[Text | str, int]]:
    return [(labels.get(k, k), n) for k, n in counts.items()]


def figures_rows(r: Report, language: str) -> list[tuple[Text, Any]]:
    """The headline figures, each a (label, value) row."""
    rows: list[tuple[Text, Any]] = [
        (am.fig_contacts(), r.contacts),
        (am.fig_followed(), r.persons_followed),
        (am.fig_requests(), r.requests),
        (am.fig_crisis(), r.crisis),
        (am.fig_crisis_unclaimed(), r.crisis_unclaimed),
        (am.fig_reply_median(), minutes(r.first_reply_median, language)),
        (am.fig_reply_p90(), minutes(r.first_reply_p90, language)),
        (am.fig_replied(), r.replied),
        (am.fig_escalations(), r.escalations),
        (am.fig_escalated(), r.escalated_requests),
        (am.fig_out_of_hours(), r.out_of_hours),
        (am.fig_worker_referrals(), sum(r.worker_referrals.values())),
        (am.fig_searches(), sum(r.searches.values())),
    ]
    if r.checkins is not None:
        rows += [
            (am.fig_checkins_sent(), r.checkins["sent"]),
            (am.fig_checkins_answered(), r.checkins["answered"]),
        ]
    return rows


def breakdowns(r: Report) -> list[dict[str, Any]]:
    """The figures by kind: each a captioned two-column table."""
    found = [
        {"caption": am.by_profile(), "rows": _counts(wm.PROFILES, r.profiles)},
        {"caption": am.by_intervention(), "rows": _counts(wm.INTERVENTION_TYPES, r.interventions)},
        {"caption": am.by_channel(), "rows": _counts(am.CHANNELS, r.by_channel)},
        {"caption": am.by_language(), "rows": _counts(am.LANGUAGE_NAMES, r.by_language)},
        {"caption": am.by_worker_referral(), "rows": _counts(am.CATEGORIES, r.worker_referrals)},
        {"caption": am.by_search(), "rows": _counts(am.CATEGORIES, r.searches)},
    ]
    if r.by_kiosk:
        found.append({"caption": am.by_kiosk(), "rows": list(r.by_kiosk.items())})
    if r.arrivals:
        found.append({"caption": am.by_arrival(), "rows": list(r.arrivals.items())})
    return found


async def charts(request: Request, first: date, last: date, language: str) -> list[Chart]:
    """The three charts of the period, in the page's language."""
    dash = pages.dashboard_of(request)

    def tr(text: Text) -> str:
        return dash.i18n.render(text, language)

    tz, locale = dash.timezone, BABEL_LOCALES.get(language, "fr_CA")
    months = [
        (format_date(m, "MMM y", locale=locale), n)
        for m, n in await monthly_contacts(dash.db, first, last, tz)
    ]
    busiest = max(months, key=lambda m: m[1], default=("—", 0))
    contacts = bar_chart(
        "mois", months, title=tr(am.chart_months_title()),
        desc=tr(am.chart_months_desc(sum(n for _, n in months), busiest[0], busiest[1])),
        value_header=tr(am.fig_contacts()), label_header=tr(am.month_header()),
    )  # fmt: skip
    times = await reply_minutes(dash.db, first, last, tz)
    replies = response_time_chart(
        "delais", times, title=tr(am.chart_replies_title()),
        desc=tr(am.chart_replies_desc(len(times))),
        value_header=tr(am.fig_requests()), label_header=tr(am.delay_header()),
    )  # fmt: skip
    arrivals = await arrivals_by_hour(dash.db, first, last, tz)
    everyone = await worker_store.list_all(dash.db)
    duty = usual_duty(
        await rota_store.list_shifts(dash.db), everyone, dash.clock().astimezone(tz).date(), tz
    )
    late = sum(b for _, b in arrivals.values())
    week = week_hours_chart("semaine", arrivals, duty, WeekHoursText(
        title=tr(am.chart_week_title()),
        desc=tr(am.chart_week_desc(sum(a + b for a, b in arrivals.values()), late)),
        days=tuple(fmt.weekday_names(language)), in_hours=tr(am.legend_in_hours()),
        out_of_hours=tr(am.legend_out_of_hours()), on_duty=tr(am.legend_on_duty()),
        hour_header=tr(am.hour_header()), cell_note=tr(am.week_cell_note()),
    ))  # fmt: skip
    return [contacts, replies, week]


@require("coordinator")
async def report_page(request: Request, actor: Actor) -> Response:
    """The period's figures, charts and the CSV link."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    today = dash.clock().astimezone(dash.timezone).date()
    t = pages.strings(request, language, am.report_page())
    try:
        first, last = period(request, today)
    except BadPeriod as exc:
        return pages.render(
            request, actor, "admin_report.html", status=400, t=t, error=exc.text,
            first=date(today.year, 1, 1), last=today, stylesheet=ADMIN_CSS,
        )  # fmt: skip
    r = await compute(dash.db, first, last, dash.timezone)
    return pages.render(
        request, actor, "admin_report.html", t=t, first=first, last=last,
        title=am.report_title(fmt.long_day(first, language), fmt.long_day(last, language)),
        figures=figures_rows(r, language), breakdowns=breakdowns(r),
        charts=await charts(request, first, last, language),
        csv=f"/tableau/bilan.csv?du={first.isoformat()}&au={last.isoformat()}",
        stylesheet=ADMIN_CSS,
    )  # fmt: skip


@require("coordinator")
async def report_csv(request: Request, actor: Actor) -> Response:
    """The same `figure,value` rows as `relais report --format csv` for the same days."""
    dash = pages.dashboard_of(request)
    today = dash.clock().astimezone(dash.timezone).date()
    try:
        first, last = period(request, today)
    except BadPeriod as exc:
        return pages.notice(request, actor, exc.text, 400)
    out = io.StringIO()
    write_csv(await compute(dash.db, first, last, dash.timezone), out)
    name = f"relais-bilan-{first.isoformat()}-{last.isoformat()}.csv"
    return pages.secure(
        Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    )
