"""/tableau/horaire/importer: a rota file (CSV or .ics) previewed as a difference, then applied.

The preview is `bot.rota.import_plan` — the same reading and plan as `relais rota import`:
shifts added and removed, usual shifts a dated one hides, hours of the next 4 weeks that lose
every reachable worker. "Appliquer" finds the previewed file again (admin_uploads), plans it
again and writes it only if the plan's digest is the one shown; hours left without anyone
need the box ticked, as the CLI needs `--yes`.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from bot.dashboard import admin_format as fmt
from bot.dashboard import pages
from bot.dashboard.admin_rota import ADMIN_CSS, back_to_week, holidays
from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import form_of
from bot.rota.import_plan import (
    ImportPlan,
    RotaChanged,
    RotaFile,
    apply_import,
    plan_import,
    read_rota_file,
    shifts_of,
)
from bot.rota.importer import RotaFileError
from bot.rota.rota import Shift
from flows import dashboard_admin_messages as am
from flows.text import Text
from storage import audit
from storage import rota as rota_store
from storage import workers as worker_store
from storage.workers import Worker

logger = logging.getLogger(__name__)

ICS_WEEKS = 8  # as `relais rota import --weeks`
MODES = ("remplacer", "ajouter")


def _weeks(text: str) -> int:
    return min(int(text), 52) if text.strip().isdigit() and int(text) > 0 else ICS_WEEKS


def _mode(text: str) -> str:
    return text if text in MODES else "remplacer"


@require("coordinator")
async def import_page(request: Request, actor: Actor) -> Response:
    """The upload form."""
    return form_page(request, actor)


def form_page(
    request: Request, actor: Actor, *, error: Text | None = None, status: int = 200
) -> Response:
    language = pages.page_language(request, actor)
    fields = form_of(request).fields
    return pages.render(
        request, actor, "admin_rota_import.html", status=status,
        t=pages.strings(request, language, am.rota_import_page()), error=error,
        mode=_mode(fields.get("mode", "")), weeks=_weeks(fields.get("semaines", "")),
        stylesheet=ADMIN_CSS,
    )  # fmt: skip


async def _plan(request: Request, data: bytes, filename: str, mode: str, weeks: int):
    """Read and plan the file against the rota as it is now: (file, plan, workers)."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, None)
    now = dash.clock()
    everyone = await worker_store.list_all(dash.db)
    hols = holidays(dash, language)
    today = now.astimezone(dash.timezone).date()
    read = read_rota_file(data, filename, everyone, dash.timezone, today, weeks, hols)
    before = await rota_store.list_shifts(dash.db, include_inactive=True)
    plan = plan_import(
        before,
        shifts_of(read.specs, everyone),
        add=mode == "ajouter",
        reachable={w.id for w in everyone if w.active and w.linked},
        now=now,
        tz=dash.timezone,
        holidays=hols,
    )
    return read, plan, everyone


@require("coordinator")
async def preview(request: Request, actor: Actor) -> Response:
    """The uploaded file as a difference with the rota; nothing written."""
    dash = pages.dashboard_of(request)
    form = form_of(request)
    upload = form.files.get("fichier")
    if upload is None or not upload.data.strip():
        return form_page(request, actor, error=am.no_file(), status=400)
    mode, weeks = _mode(form.get("mode")), _weeks(form.get("semaines"))
    try:
        read, plan, everyone = await _plan(request, upload.data, upload.filename, mode, weeks)
    except RotaFileError as exc:
        return form_page(request, actor, error=am.file_refused(exc.line, exc.text), status=400)
    key = dash.uploads.keep(actor.session_id, upload.filename, upload.data, dash.clock())
    return preview_page(request, actor, read, plan, everyone, key=key, mode=mode, weeks=weeks)


def _shift_row(shift: Shift, names: dict[int, str], language: str) -> dict[str, str]:
    weekdays = fmt.weekday_names(language)
    day = (
        weekdays[shift.weekday]
        if shift.weekday is not None
        else fmt.long_day(shift.on_date, language)
    )
    return {
        "worker": names.get(shift.worker_id, "?"),
        "day": day,
        "hours": fmt.hour_span(shift.start, shift.end, language),
        "weekly": shift.weekly,
    }


def _sorted(shifts: list[Shift], names: dict[int, str]) -> list[Shift]:
    return sorted(
        shifts,
        key=lambda s: (
            s.on_date is not None,
            s.on_date or s.weekday,
            s.start,
            names.get(s.worker_id, ""),
        ),
    )


def preview_page(
    request: Request,
    actor: Actor,
    read: RotaFile,
    plan: ImportPlan,
    everyone: list[Worker],
    *,
    key: str,
    mode: str,
    weeks: int,
    notice: Text | None = None,
    status: int = 200,
) -> Response:
    """What the import would do, and the form that applies exactly it."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    tz = dash.timezone
    names = {w.id: w.name for w in everyone}
    context: dict[str, Any] = {
        "added": [_shift_row(s, names, language) for s in _sorted(plan.added, names)],
        "removed": [_shift_row(s, names, language) for s in _sorted(plan.removed, names)],
        "hidden": [
            {"worker": names.get(s.worker_id, "?"), "when": fmt.span(s.start, s.end, tz, language)}
            for s in plan.hidden
        ],
        "lost": [fmt.span(a, b, tz, language) for a, b in plan.lost],
        "calendar": _calendar_notes(read, weeks, language),
    }
    return pages.render(
        request, actor, "admin_rota_preview.html", status=status,
        t=pages.strings(request, language, am.rota_preview_page()),
        summary=am.preview_summary(
            mode == "ajouter", len(plan.added), len(plan.removed), plan.repeats
        ),
        mode_text=am.mode_add() if mode == "ajouter" else am.mode_replace(),
        filename=read_name(request, key, actor), key=key, mode=mode, weeks=weeks,
        digest=plan.digest, notice=notice, stylesheet=ADMIN_CSS, **context,
    )  # fmt: skip


def read_name(request: Request, key: str, actor: Actor) -> str:
    dash = pages.dashboard_of(request)
    kept = dash.uploads.get(actor.session_id, key, dash.clock())
    return kept.filename if kept else ""


def _calendar_notes(read: RotaFile, weeks: int, language: str) -> list[Text]:
    if read.source != "ics":
        return []
    notes = [am.calendar_repeats(weeks)]
    for title, until in read.ending:
        if until.startswith("×"):
            notes.append(am.series_count(title, int(until[1:])))
        else:
            notes.append(am.series_until(title, until))
    if read.skipped_holidays:
        days = ", ".join(fmt.long_day(d, language) for d in read.skipped_holidays)
        notes.append(am.holidays_skipped(days))
    return notes


@require("coordinator")
async def apply(request: Request, actor: Actor) -> Response:
    """Apply the previewed import if nothing moved since; else show the new difference."""
    dash = pages.dashboard_of(request)
    form = form_of(request)
    key, mode, weeks = form.get("cle"), _mode(form.get("mode")), _weeks(form.get("semaines"))
    kept = dash.uploads.get(actor.session_id, key, dash.clock())
    if kept is None:
        return form_page(request, actor, error=am.preview_expired(), status=410)
    try:
        read, plan, everyone = await _plan(request, kept.data, kept.filename, mode, weeks)
    except RotaFileError as exc:  # a worker renamed or deactivated since the preview
        return form_page(request, actor, error=am.file_refused(exc.line, exc.text), status=409)
    again = {"key": key, "mode": mode, "weeks": weeks}
    if plan.digest != form.get("empreinte"):
        return preview_page(
            request, actor, read, plan, everyone, **again, notice=am.rota_moved(), status=409
        )
    if plan.lost and form.get("accepte") != "oui":
        return preview_page(
            request, actor, read, plan, everyone, **again, notice=am.accept_lost(), status=400
        )
    try:
        await apply_import(dash.db, plan, read, dash.clock())
    except RotaChanged:
        read, plan, everyone = await _plan(request, kept.data, kept.filename, mode, weeks)
        return preview_page(
            request, actor, read, plan, everyone, **again, notice=am.rota_moved(), status=409
        )
    async with dash.db.transaction() as conn:
        detail = f"dashboard {mode}: +{len(plan.added)} -{len(plan.removed)}"
        await audit.log(
            conn, dash.clock(), f"worker:{actor.worker.id}", "rota.imported", None, detail
        )
    dash.uploads.drop(actor.session_id, key)
    logger.info(
        "dashboard.rota_imported", extra={"added": len(plan.added), "removed": len(plan.removed)}
    )
    return back_to_week(request, "importe", dash.clock().astimezone(dash.timezone).date())
