"""`relais simulate --rota FILE`: a rota file not imported yet, with the workers it names.

The simulation has its own database, so the workers are taken from the file itself: the
`worker` column of a CSV, the attendees (or else the title) of each calendar event. Each one
takes the cards they get after a few minutes; a coordinator is on call. What is left to see
is the rota itself: the nights and weekends nobody holds.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from bot.rota import importer
from bot.rota.rota import quebec_holidays
from bot.sim.scenario import ShiftPlan, WorkerPlan

COORDINATOR = "Coordination Relais"


def read(path: Path, tz: ZoneInfo, first: date, days: int) -> tuple[list[WorkerPlan], list]:
    """The workers and shifts of a CSV or iCalendar rota; raises RotaFileError or OSError."""
    data = path.read_bytes()
    if data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:"):
        names = _calendar_names(data)
        horizon = (first, first + timedelta(days=days + 4))
        specs = importer.read_rota_ics(data, names, tz, horizon, quebec_holidays()).shifts
    else:
        text = importer.decode_text(data)
        names = _csv_names(text)
        specs = importer.parse_rota_csv(text, names)
    return _workers(names), [ShiftPlan(s.worker, s.weekday, s.start, s.end, s.on_date)
                             for s in specs]  # fmt: skip


def _csv_names(text: str) -> list[str]:
    rows = importer._rows(text)
    if not rows:
        return []
    column = importer._columns(rows[0][0], rows[0][1])["worker"]
    return _unique(cells[column] for _, cells in rows[1:] if len(cells) > column)


def _calendar_names(data: bytes) -> list[str]:
    calendar = icalendar.Calendar.from_ical(data)
    names = []
    for event in calendar.walk("VEVENT"):
        names += importer._attendee_names(event) or [str(event.get("SUMMARY", "")).strip()]
    return _unique(names)


def _unique(names) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        if name.strip():
            seen.setdefault(importer.name_key(name), " ".join(name.split()))
    return list(seen.values())


def _workers(names: list[str]) -> list[WorkerPlan]:
    plans = [WorkerPlan(n, 9100 + i, ("fr", "en") if i == 0 else ("fr",), delay=(2, 20))
             for i, n in enumerate(names)]  # fmt: skip
    if importer.name_key(COORDINATOR) not in {importer.name_key(n) for n in names}:
        plans.append(WorkerPlan(COORDINATOR, 9099, ("fr", "en"), role="coordinator"))
    return plans
