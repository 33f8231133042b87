"""/tableau/horaire: the rota week by week in local time, its gaps, and editing one shift.

The grid is `bot.rota.week_grid` (who the bot can page in each hour, hours without anyone,
night and weekend hours without on-call). A shift is added or removed by a POST that comes
back to the same week; a weekly shift removed is removed for every week.
"""

from __future__ import annotations

import logging
from datetime import date, time, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.dashboard import admin_format as fmt
from bot.dashboard import pages
from bot.dashboard.auth import Actor, require
from bot.dashboard.dashboard import Dashboard
from bot.dashboard.forms import form_of
from bot.rota.rota import Shift, quebec_holidays, shifts_between
from bot.rota.week_grid import Cell, WeekGrid, week_grid, week_start
from flows import dashboard_admin_messages as am
from flows.text import Text
from storage import audit
from storage import rota as rota_store
from storage import workers as worker_store
from storage.workers import Worker

logger = logging.getLogger(__name__)

DONE = {"ajoute": am.shift_added, "retire": am.shift_removed, "importe": am.rota_imported}


def holidays(dash: Dashboard, language: str):
    """Québec's statutory holidays, named in the page's language."""
    return quebec_holidays(language)


def asked_week(request: Request, dash: Dashboard) -> date:
    """The Monday of `?semaine=YYYY-MM-DD` (any day of it), else of this week."""
    asked = request.query_params.get("semaine") or form_of(request).get("semaine")
    try:
        day = date.fromisoformat(asked)
    except ValueError:
        day = dash.clock().astimezone(dash.timezone).date()
    return week_start(day)


def first_names(everyone: list[Worker]) -> dict[int, str]:
    """Each worker's first name, or the full name when two share the first name."""
    first = {w.id: w.name.split()[0] for w in everyone}
    counts: dict[str, int] = {}
    for name in first.values():
        counts[name] = counts.get(name, 0) + 1
    return {w.id: first[w.id] if counts[first[w.id]] == 1 else w.name for w in everyone}


def _cell(cell: Cell, names: dict[int, str]) -> dict[str, Any]:
    kinds = ["skipped"] if cell.skipped else []
    if not cell.skipped and cell.gap:
        kinds.append("gap" if not cell.on_duty else "partial")
    if cell.unguarded:
        kinds.append("unguarded")
    if cell.night or cell.weekend:
        kinds.append("off")
    return {
        "names": [names.get(i, "?") for i in cell.on_duty],
        "unreachable": [names.get(i, "?") for i in cell.unreachable],
        "classes": " ".join(kinds),
        "cell": cell,
    }


def grid_rows(grid: WeekGrid, names: dict[int, str], language: str) -> list[dict[str, Any]]:
    """The grid as 24 rows (one per wall-clock hour) of 7 day cells."""
    return [
        {
            "hour": fmt.clock(time(hour), language),
            "cells": [_cell(grid.days[d][hour], names) for d in range(7)],
        }
        for hour in range(24)
    ]


def night_note(grid: WeekGrid, names: dict[int, str]) -> Text:
    """Who gets urgent requests out of hours, or that nobody does."""
    if grid.on_call:
        return am.on_call_are(", ".join(names[i] for i in grid.on_call))
    if grid.coordinators:
        return am.no_on_call_coordinators(", ".join(names[i] for i in grid.coordinators))
    return am.nobody_at_night()


async def _week_shifts(dash: Dashboard, monday: date, language: str, everyone: list[Worker]):
    """The week's concrete shifts, each with the stored shift a removal would delete."""
    stored = await rota_store.list_shifts(dash.db, include_inactive=True)
    slots = shifts_between(
        stored, monday, monday + timedelta(days=7), dash.timezone, holidays(dash, language)
    )
    by_id = {w.id: w for w in everyone}
    return [
        {
            "day": fmt.long_day(s.day, language),
            "hours": fmt.hour_span(s.shift.start, s.shift.end, language),
            "worker": by_id[s.worker_id].name if s.worker_id in by_id else "?",
            "active": s.worker_id in by_id and by_id[s.worker_id].active,
            "weekly": s.shift.weekly,
            "shift": s.shift,
        }
        for s in slots
    ]


@require("coordinator")
async def rota_page(request: Request, actor: Actor) -> Response:
    """The week grid, the week's shifts (each removable) and the form to add one."""
    return await render_week(request, actor)


async def render_week(
    request: Request, actor: Actor, *, error: Text | None = None, status: int = 200
) -> Response:
    """The rota page for the asked week, with an error above the form when one is given."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    monday = asked_week(request, dash)
    everyone = await worker_store.list_all(dash.db)
    names = first_names(everyone)
    hols = holidays(dash, language)
    stored = await rota_store.list_shifts(dash.db, include_inactive=True)
    grid = week_grid(stored, everyone, monday, dash.timezone, hols)
    done = DONE.get(request.query_params.get("fait", ""))
    return pages.render(
        request, actor, "admin_rota.html", status=status,
        t=pages.strings(request, language, am.rota_page()),
        monday=monday, previous=monday - timedelta(days=7), following=monday + timedelta(days=7),
        week_title=am.week_of(fmt.long_day(monday, language)), zone=dash.timezone.key,
        days=[{"label": fmt.short_day(monday + timedelta(days=i), language),
               "holiday": grid.holidays.get(monday + timedelta(days=i))} for i in range(7)],
        rows=grid_rows(grid, names, language),
        gaps=am.gap_hours(len(grid.gaps)), unguarded=am.unguarded_hours(len(grid.unguarded)),
        night=night_note(grid, names), done=done() if done else None, error=error,
        shifts=await _week_shifts(dash, monday, language, everyone),
        workers=[w for w in everyone if w.active], weekdays=fmt.weekday_names(language),
        stylesheet=ADMIN_CSS,
    )  # fmt: skip


ADMIN_CSS = f"{pages.STATIC}/dashboard_admin.css"


def _time(text: str) -> time | None:
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        return None


def shift_from_form(fields, ids: set[int]) -> Shift | Text:
    """The shift a form describes (worker, weekday or date, start, end), or what is wrong."""
    worker = fields.get("intervenant", "")
    if not worker.isdigit() or int(worker) not in ids:
        return am.choose_worker()
    start, end = _time(fields.get("debut", "")), _time(fields.get("fin", ""))
    if start is None or end is None:
        return am.bad_hours()
    weekday, on_date = fields.get("jour", ""), fields.get("date", "").strip()
    if bool(weekday) == bool(on_date):
        return am.weekday_or_date()
    try:
        day = date.fromisoformat(on_date) if on_date else None
    except ValueError:
        return am.weekday_or_date()
    if weekday and not (weekday.isdigit() and 0 <= int(weekday) <= 6):
        return am.weekday_or_date()
    return Shift(int(worker), start, end, int(weekday) if weekday else None, day)


def back_to_week(request: Request, done: str, week: date | None = None) -> Response:
    """303 to the week the form came from (its hidden `semaine`), saying what was done."""
    fields = form_of(request)
    try:
        monday = week_start(week or date.fromisoformat(fields.get("semaine", "")))
    except ValueError:
        monday = None
    query = f"?semaine={monday.isoformat()}&fait={done}" if monday else f"?fait={done}"
    return pages.secure(RedirectResponse(f"/tableau/horaire{query}", status_code=303))


@require("coordinator")
async def add_shift(request: Request, actor: Actor) -> Response:
    """Add one weekly or one-off shift for an active worker."""
    dash = pages.dashboard_of(request)
    active = {w.id for w in await worker_store.list_all(dash.db) if w.active}
    shift = shift_from_form(form_of(request).fields, active)
    if isinstance(shift, Text):
        return await render_week(request, actor, error=shift, status=400)
    now = dash.clock()
    async with dash.db.transaction() as conn:
        await rota_store.add(conn, [shift], "cli", now)
        await audit.log(
            conn, now, f"worker:{actor.worker.id}", "rota.shift_added", None, "dashboard"
        )
    return back_to_week(request, "ajoute", shift.on_date)


@require("coordinator")
async def remove_shift(request: Request, actor: Actor) -> Response:
    """Remove one stored shift (a weekly one from every week)."""
    dash = pages.dashboard_of(request)
    everyone = {w.id for w in await worker_store.list_all(dash.db)}
    shift = shift_from_form(form_of(request).fields, everyone)
    if isinstance(shift, Text):
        return await render_week(request, actor, error=shift, status=400)
    now = dash.clock()
    async with dash.db.transaction() as conn:
        found = await rota_store.remove(conn, shift)
        if found:
            await audit.log(
                conn, now, f"worker:{actor.worker.id}", "rota.shift_removed", None, "dashboard"
            )
    if not found:
        return await render_week(request, actor, error=am.no_such_shift(), status=404)
    return back_to_week(request, "retire")
