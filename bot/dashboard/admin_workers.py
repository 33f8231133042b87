"""/tableau/intervenants: the network's workers, invites (code and QR for /start), deactivation.

An invite is shown once, in the answer to the POST that made it (never in a URL): the code as
text and as a QR code (segno, inline SVG) of the bot's `t.me` link with the code, so the new
worker's phone opens Telegram on `/start CODE`. Deactivating a worker sends her open cases
back to the queue in the same transaction, as `relais workers deactivate` does.
"""

from __future__ import annotations

import logging
import re

import segno
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.core.events import WorkerDeactivated
from bot.dashboard import admin_format as fmt
from bot.dashboard import pages
from bot.dashboard.admin_rota import ADMIN_CSS
from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import clean, form_of
from flows import dashboard_admin_messages as am
from flows.text import Text
from flows.worker_refusal_messages import refusal
from storage import audit
from storage import requests as request_store
from storage import workers as worker_store
from storage.workers import LANGUAGES, ROLES, Worker, WorkerError

logger = logging.getLogger(__name__)

_USERNAME = re.compile(r"[A-Za-z0-9_]{5,32}")


def invite_target(username: str | None, code: str) -> str:
    """What the QR code holds: the bot's deep link with the code, else the command to send."""
    if username and _USERNAME.fullmatch(username):
        return f"https://t.me/{username}?start={code}"
    return f"/start {code}"


def qr_svg(text: str, label: str) -> str:
    """An inline SVG QR code, named for screen readers."""
    svg = segno.make(text, error="m").svg_inline(
        scale=6, border=2, title=label, svgclass="qr", lineclass="qr-line", omitsize=True
    )
    return svg.replace("<svg ", '<svg role="img" aria-label="' + _attr(label) + '" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


async def _state(dash, worker: Worker, language: str) -> Text:
    if not worker.active:
        return am.state_deactivated()
    if worker.linked:
        return am.state_linked()
    expiry = await worker_store.pending_invite_expiry(dash.db, worker.id, dash.clock())
    if expiry is None:
        return am.state_no_invite()
    return am.state_invited(fmt.moment(expiry, dash.timezone, language))


@require("coordinator")
async def workers_page(request: Request, actor: Actor) -> Response:
    """Every worker and her state; the form to add one."""
    return await render_list(request, actor)


async def render_list(
    request: Request, actor: Actor, *, error: Text | None = None, status: int = 200
) -> Response:
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    everyone = await worker_store.list_all(dash.db)
    rows = [
        {"worker": w, "role": am.role_name(w.role), "state": await _state(dash, w, language)}
        for w in everyone
    ]
    done = {"desactive": am.worker_deactivated, "reactive": am.worker_reactivated}.get(
        request.query_params.get("fait", "")
    )
    return pages.render(
        request, actor, "admin_workers.html", status=status,
        t=pages.strings(request, language, am.workers_page()), rows=rows, error=error,
        roles=[(r, am.role_name(r)) for r in ROLES], languages=LANGUAGES,
        done=done() if done else None, stylesheet=ADMIN_CSS,
    )  # fmt: skip


@require("coordinator")
async def add_worker(request: Request, actor: Actor) -> Response:
    """Register a worker and show her invite."""
    dash = pages.dashboard_of(request)
    fields = form_of(request)
    languages = [x for x in LANGUAGES if fields.get(f"langue_{x}") == "oui"]
    role = fields.get("role") if fields.get("role") in ROLES else "worker"
    name = " ".join(clean(fields.get("nom"), 80).split())
    if not name:
        return await render_list(request, actor, error=am.name_required(), status=400)
    taken = await worker_store.get_by_name(dash.db, name)
    if taken is not None:
        return await render_list(request, actor, error=am.name_taken(taken.name), status=409)
    try:
        worker = await worker_store.add(
            dash.db, name, dash.clock(),
            organization=clean(fields.get("organisme"), 80), languages=languages or ["fr"],
            role=role,
        )  # fmt: skip
    except WorkerError as exc:
        why = refusal(exc.reason, exc.params, str(exc))
        return await render_list(request, actor, error=am.worker_refused(why), status=400)
    await _audit(dash, actor, "worker.added", worker.id)
    return await invite_page(request, actor, worker)


async def _audit(dash, actor: Actor, action: str, worker_id: int) -> None:
    async with dash.db.transaction() as conn:
        await audit.log(
            conn, dash.clock(), f"worker:{actor.worker.id}", action, None, f"worker:{worker_id}"
        )


async def _worker(request: Request) -> Worker | None:
    dash = pages.dashboard_of(request)
    key = request.path_params.get("worker_id", "")
    return await worker_store.get(dash.db, int(key)) if str(key).isdigit() else None


@require("coordinator")
async def new_invite(request: Request, actor: Actor) -> Response:
    """A new single-use code for an active worker (it replaces her unused ones)."""
    worker = await _worker(request)
    if worker is None:
        return pages.notice(request, actor, am.no_such_worker(), 404)
    if not worker.active:
        return await render_list(
            request, actor, error=am.invite_deactivated(worker.name), status=409
        )
    return await invite_page(request, actor, worker)


async def invite_page(request: Request, actor: Actor, worker: Worker) -> Response:
    """Make an invite and show it: the code, its QR code, until when, how to use it."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    now = dash.clock()
    code = await worker_store.create_invite(dash.db, worker.id, now)
    expiry = await worker_store.pending_invite_expiry(dash.db, worker.id, now)
    await _audit(dash, actor, "invite.created", worker.id)
    label = dash.i18n.render(am.qr_label(worker.name), language)
    target = invite_target(dash.telegram_username, code)
    return pages.render(
        request, actor, "admin_invite.html",
        t=pages.strings(request, language, am.invite_page()), worker=worker, code=code,
        until=am.invite_until(fmt.moment(expiry, dash.timezone, language)) if expiry else None,
        how=am.invite_how(code), replaces=am.invite_replaces() if worker.linked else None,
        qr=qr_svg(target, label), link=target if target.startswith("https://") else None,
        stylesheet=ADMIN_CSS,
    )  # fmt: skip


@require("coordinator")
async def confirm_deactivate(request: Request, actor: Actor) -> Response:
    """What deactivating this worker does (her open cases go back to the queue)."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    worker = await _worker(request)
    if worker is None:
        return pages.notice(request, actor, am.no_such_worker(), 404)
    rows = await dash.db.fetchall(
        "SELECT count(*) AS n FROM requests WHERE claimed_by = ? AND status = 'claimed'",
        (worker.id,),
    )
    return pages.render(
        request, actor, "admin_deactivate.html",
        t=pages.strings(request, language, am.deactivate_page()), worker=worker,
        consequence=am.deactivate_consequence(worker.name, rows[0]["n"]), stylesheet=ADMIN_CSS,
    )  # fmt: skip


@require("coordinator")
async def deactivate(request: Request, actor: Actor) -> Response:
    """Deactivate: shifts ignored, invites void, open cases back to the queue (one transaction)."""
    dash = pages.dashboard_of(request)
    worker = await _worker(request)
    if worker is None:
        return pages.notice(request, actor, am.no_such_worker(), 404)
    if worker.id == actor.worker.id:
        return await render_list(request, actor, error=am.not_yourself(), status=409)
    now = dash.clock()
    async with dash.db.transaction() as conn:
        await worker_store.set_active(conn, worker.id, False)
        by = f"worker:{actor.worker.id}"
        requeued = await request_store.requeue_claimed_by(conn, worker.id, now, by)
        await audit.log(
            conn,
            now,
            f"worker:{actor.worker.id}",
            "worker.deactivated",
            None,
            f"worker:{worker.id}",
        )
        await dash.services.events.publish(conn, WorkerDeactivated(worker.id, now))
    logger.info(
        "dashboard.worker_deactivated", extra={"worker_id": worker.id, "requeued": len(requeued)}
    )
    return pages.secure(RedirectResponse("/tableau/intervenants?fait=desactive", status_code=303))


@require("coordinator")
async def reactivate(request: Request, actor: Actor) -> Response:
    """Reactivate a worker: her shifts count again."""
    dash = pages.dashboard_of(request)
    worker = await _worker(request)
    if worker is None:
        return pages.notice(request, actor, am.no_such_worker(), 404)
    await worker_store.set_active(dash.db, worker.id, True)
    await _audit(dash, actor, "worker.reactivated", worker.id)
    return pages.secure(RedirectResponse("/tableau/intervenants?fait=reactive", status_code=303))
