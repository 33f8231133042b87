"""The report's charts: the series match the report's figures, and the SVG is well formed,
named, described, escaped, and carries the same numbers as its table alternative."""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reports.charts import (
    WeekHoursText,
    bar_chart,
    nice_top,
    reply_bins,
    response_time_chart,
    week_hours_chart,
)
from bot.reports.figures import compute
from bot.reports.series import (
    arrivals_by_hour,
    monthly_contacts,
    months,
    reply_minutes,
    usual_duty,
)
from bot.rota.rota import Shift
from storage.clock import to_db
from storage.db import open_database
from storage.workers import Worker

MTL = ZoneInfo("America/Montreal")
SVG = "{http://www.w3.org/2000/svg}"
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        yield database


async def add_request(db, created: datetime, reply_after: float | None, *, late=False) -> None:
    replied = None if reply_after is None else to_db(created + timedelta(minutes=reply_after))
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO requests (channel, language, created_at, first_reply_at, out_of_hours)"
            " VALUES ('sms', 'fr', ?, ?, ?)",
            (to_db(created), replied, int(late)),
        )


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    return root


def test_months_cut_the_period_at_month_ends_and_across_a_year():
    assert months(date(2025, 11, 15), date(2026, 1, 10)) == [
        (date(2025, 11, 15), date(2025, 11, 30)),
        (date(2025, 12, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 10)),
    ]
    assert months(date(2026, 2, 1), date(2026, 2, 28)) == [(date(2026, 2, 1), date(2026, 2, 28))]


async def test_monthly_contacts_add_up_to_the_reports_when_nobody_writes_in_two_months(db):
    # Anonymous requests (an erased citizen's) count one contact each, as in the report.
    for day, n in ((date(2026, 1, 31), 2), (date(2026, 2, 1), 3), (date(2026, 3, 15), 1)):
        for i in range(n):
            await add_request(db, datetime.combine(day, time(14, i), MTL).astimezone(UTC), None)
    found = await monthly_contacts(db, date(2026, 1, 1), date(2026, 3, 31), MTL)
    assert found == [(date(2026, 1, 1), 2), (date(2026, 2, 1), 3), (date(2026, 3, 1), 1)]
    whole = await compute(db, date(2026, 1, 1), date(2026, 3, 31), MTL)
    assert sum(n for _, n in found) == whole.contacts


async def test_reply_minutes_give_the_reports_median_and_the_hours_are_local(db):
    # 23:30 UTC on Monday 9 November is 18:30 in Montréal, a Monday.
    monday_evening = datetime(2026, 11, 9, 23, 30, tzinfo=UTC)
    for minutes in (1, 4, 9, 20, 600):
        await add_request(db, monday_evening, minutes)
    await add_request(db, datetime(2026, 11, 14, 8, 0, tzinfo=UTC), None, late=True)  # Sat 3:00
    times = await reply_minutes(db, date(2026, 11, 1), date(2026, 11, 30), MTL)
    report = await compute(db, date(2026, 11, 1), date(2026, 11, 30), MTL)
    assert statistics.median(times) == report.first_reply_median == 9
    assert await arrivals_by_hour(db, date(2026, 11, 1), date(2026, 11, 30), MTL) == {
        (0, 18): (5, 0),
        (5, 3): (0, 1),
    }


def test_reply_bins_put_each_time_in_one_bin_bounds_going_up():
    found = reply_bins([0, 4.9, 5, 59.9, 60, 239, 240, 1439, 1440, 5000])
    assert found == [
        ("0–5 min", 2),
        ("5–15 min", 1),
        ("15–30 min", 0),
        ("30–60 min", 1),
        ("1–2 h", 1),
        ("2–4 h", 1),
        ("4–24 h", 2),
        ("≥ 24 h", 2),
    ]
    assert sum(n for _, n in found) == 10


def test_nice_axis_tops():
    assert [nice_top(v) for v in (0, 1, 3, 7, 10, 11, 42, 150)] == [1, 1, 5, 10, 10, 20, 50, 200]


def test_a_bar_chart_is_named_described_escaped_and_its_table_has_every_bar():
    bars = [("janv. 2026", 12), ("<févr.> & co", 0), ("mars 2026", 30)]
    chart = bar_chart(
        "contacts",
        bars,
        title="Prises de contact par mois",
        desc="Le plus : mars 2026 (30).",
        value_header="Prises de contact",
        label_header="Mois",
    )
    root = parsed(chart.svg)
    assert root.find(f"{SVG}title").text == "Prises de contact par mois"
    assert root.find(f"{SVG}desc").text == "Le plus : mars 2026 (30)."
    rects = [r for r in root.iter(f"{SVG}rect")]
    assert [r.find(f"{SVG}title").text for r in rects] == [
        "janv. 2026: 12",
        "<févr.> & co: 0",
        "mars 2026: 30",
    ]
    heights = [float(r.get("height")) for r in rects]
    assert heights[1] == 0 and heights[2] > heights[0] > 0
    assert math.isclose(heights[2] / heights[0], 30 / 12)
    assert chart.table.headers == ("Mois", "Prises de contact")
    assert chart.table.rows == (("janv. 2026", "12"), ("<févr.> & co", "0"), ("mars 2026", "30"))


def test_the_response_time_chart_is_a_histogram_of_the_bins():
    chart = response_time_chart(
        "delais", [1, 2, 7, 90], title="Délais", desc="d", value_header="n", label_header="délai"
    )
    parsed(chart.svg)
    assert chart.table.rows[0] == ("0–5 min", "2") and chart.table.rows[4] == ("1–2 h", "1")
    assert len(chart.table.rows) == 8


def text() -> WeekHoursText:
    return WeekHoursText(
        title="Heures d'arrivée des demandes",
        desc="d",
        days=DAYS,
        in_hours="demande reçue pendant une garde",
        out_of_hours="demande reçue hors des heures de garde",
        on_duty="heure avec quelqu'un de garde",
        hour_header="Heure",
        cell_note="demandes / intervenants de garde",
    )


def test_the_week_hours_chart_draws_duty_hours_and_stacks_late_requests_hatched():
    alice = Worker(1, "Alice", 11, "CAP", ("fr",), "worker", True)
    rota = [Shift(1, time(9), time(17), weekday=0)]
    duty = usual_duty(rota, [alice], date(2026, 11, 11), MTL)
    assert duty[(0, 9)] == 1 and duty[(0, 17)] == 0 and len(duty) == 168
    chart = week_hours_chart("semaine", {(0, 10): (3, 0), (5, 3): (0, 2)}, duty, text())
    root = parsed(chart.svg)
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert fills.count("#d6ecd9") == 8 + 1  # Monday 9:00–17:00, and the legend's sample
    assert fills.count("url(#semaine-hatch)") == 1 + 1  # Saturday 3:00, and the legend's
    assert chart.table.headers == ("Heure", *DAYS)
    assert chart.table.rows[10][1] == "3 / 1" and chart.table.rows[3][6] == "2 / 0"
    assert len(chart.table.rows) == 24


def test_the_usual_duty_of_a_spring_forward_week_has_no_0200_hour_on_sunday():
    alice = Worker(1, "Alice", 11, "CAP", ("fr",), "worker", True)
    duty = usual_duty([Shift(1, time(0), time(6), weekday=6)], [alice], date(2026, 3, 8), MTL)
    assert (6, 2) not in duty and duty[(6, 3)] == 1 and len(duty) == 167
