"""Who is asking: the dashboard session of a browser (`actor_of`), and `require`, the check in
front of every dashboard endpoint (signed in, the right role, and for a POST its CSRF token).

The cookie `relais_tableau` holds a random session token (stored hashed, storage/dashboard.py);
it is HttpOnly, SameSite=Strict, limited to /tableau, and Secure unless the bot is served on
this machine over plain http.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.dashboard import forms, pages
from bot.dashboard.actor import Actor
from bot.dashboard.dashboard import Dashboard
from flows import dashboard_messages as dm
from storage import dashboard as store
from storage import workers
from storage.workers import Worker

logger = logging.getLogger(__name__)

COOKIE = "relais_tableau"
COOKIE_PATH = "/tableau"
SIGN_IN = "/tableau/entrer"
ROLES = (None, "coordinator")
__all__ = ["Actor", "actor_of", "require"]


def first_language(worker: Worker) -> str:
    """The language a new session starts in: the worker's first one."""
    return worker.languages[0] if worker.languages else "fr"


async def actor_of(request: Request, dash: Dashboard) -> Actor | None:
    """The actor of this browser's live session, if its worker is still active.

    A `?lang=` different from the session's language is kept for the next pages.
    """
    session = await store.find_session(dash.db, request.cookies.get(COOKIE), dash.clock())
    if session is None:
        return None
    worker = await workers.get(dash.db, session.worker_id)
    if worker is None or not worker.active:
        return None
    language = session.language
    asked = request.query_params.get("lang")
    if asked in pages.LANGUAGES and asked != language:
        await store.set_language(dash.db, session.id, asked)
        language = asked
    return Actor(worker, session.id, session.csrf, language)


Endpoint = Callable[..., Awaitable[Response]]


def require(role: str | None = None) -> Callable[[Endpoint], Endpoint]:
    """Decorate an endpoint `(request, actor) -> Response` (or a method `(self, request,
    actor)`) into a Starlette endpoint `(request) -> Response`.

    Signed out: a redirect to the sign-in explanation. A POST: its form is read (bounded, 413
    when too large) and its `csrf` field checked first (403). Then the role: `"coordinator"`
    lets only coordinators through (403 page otherwise); None any signed-in worker.
    """
    if role not in ROLES:
        raise ValueError(f"unknown dashboard role {role!r}")

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def checked(*args: object) -> Response:
            request = args[-1]
            refused = await _refusal(request, role)
            if isinstance(refused, Response):
                return refused
            return await endpoint(*args, refused)

        return checked

    return decorate


async def _refusal(request: Request, role: str | None) -> Response | Actor:
    """The actor if the request may go on; else the response that refuses it."""
    dash = pages.dashboard_of(request)
    form = None
    if request.method == "POST":
        form = await forms.read_form(request)
        if form is None:
            return pages.notice(request, None, dm.too_large(), 413)
    actor = await actor_of(request, dash)
    if actor is None:
        return pages.secure(RedirectResponse(SIGN_IN, status_code=303))
    if form is not None and not secrets.compare_digest(
        form.get("csrf").encode(), actor.csrf.encode()
    ):
        logger.info("dashboard.csrf_refused", extra={"worker_id": actor.worker.id})
        return pages.notice(request, actor, dm.expired_form(), 403)
    if role == "coordinator" and not actor.is_coordinator:
        logger.info("dashboard.role_refused", extra={"worker_id": actor.worker.id})
        return pages.notice(request, actor, dm.forbidden(), 403)
    return actor


def set_cookie(dash: Dashboard, response: Response, token: str) -> None:
    """The session cookie (its lifetime is the session's)."""
    response.set_cookie(
        COOKIE,
        token,
        max_age=store.SESSION_HOURS * 3600,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=dash.secure_cookie,
    )


def clear_cookie(response: Response) -> None:
    """The cookie goes, and with it what the browser kept of the dashboard."""
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")
    response.headers["Clear-Site-Data"] = '"cache", "storage"'  # the chat's cookie stays
