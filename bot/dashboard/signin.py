"""Signing in with a single-use link, and out.

GET /tableau/entrer?jeton=… shows an "Entrer" button and uses nothing (link previewers in chat
apps fetch links); its POST uses the link once and opens a 12-hour session. Without a usable
link the page explains how to get one. POST /tableau/sortir ends the session.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.dashboard import auth, forms, pages
from bot.dashboard.auth import Actor, require
from flows import dashboard_messages as dm
from storage import dashboard as store
from storage import workers

logger = logging.getLogger(__name__)


async def sign_in_page(request: Request) -> Response:
    """The link's page: the "Entrer" button, or how to get a link."""
    dash = pages.dashboard_of(request)
    token = request.query_params.get("jeton", "")
    if token and await store.link_worker(dash.db, token, dash.clock()) is not None:
        language = pages.page_language(request, None)
        return pages.render(
            request, None, "sign_in.html", t=pages.strings(request, language, dm.sign_in()),
            token=token,
        )  # fmt: skip
    actor = await auth.actor_of(request, dash)
    if actor is not None and not token:
        return pages.secure(RedirectResponse("/tableau", status_code=303))
    return help_page(request, spent=bool(token))


def help_page(request: Request, spent: bool = False) -> Response:
    """How to sign in; with why the link did not work when one was used."""
    language = pages.page_language(request, None)
    return pages.render(
        request, None, "sign_in_help.html", status=410 if spent else 200,
        t=pages.strings(request, language, dm.sign_in_help()),
        spent=dm.link_spent() if spent else None,
    )  # fmt: skip


async def sign_in(request: Request) -> Response:
    """The "Entrer" button: the link is used, a session opens, on to the board."""
    dash = pages.dashboard_of(request)
    if request.headers.get("sec-fetch-site") == "cross-site":
        # No session yet, so no CSRF token: another site must not sign a browser in as someone
        # else (with that someone's link).
        logger.info("dashboard.cross_site_sign_in_refused")
        return pages.notice(request, None, dm.expired_form(), 403)
    form = await forms.read_form(request)
    if form is None:
        return pages.notice(request, None, dm.too_large(), 413)
    now = dash.clock()
    await store.forget_expired(dash.db, now)
    async with dash.db.transaction() as conn:
        worker_id = await store.redeem_link(conn, form.get("jeton"), now)
        worker = await workers.get(conn, worker_id) if worker_id is not None else None
        if worker is None or not worker.active:
            created = None
        else:
            language = pages.page_language(request, None) if "lang" in request.query_params else ""
            created = await store.create_session(
                conn, worker.id, language or auth.first_language(worker), now
            )
    if created is None:
        return help_page(request, spent=True)
    response = pages.secure(RedirectResponse("/tableau", status_code=303))
    auth.set_cookie(dash, response, created[0])
    return response


@require()
async def sign_out(request: Request, actor: Actor) -> Response:
    """End this session; the cookie goes."""
    dash = pages.dashboard_of(request)
    await store.end_session(dash.db, actor.session_id)
    response = pages.notice(request, None, dm.signed_out(), language=actor.language)
    auth.clear_cookie(response)
    return response
