"""HTML of the dashboard: Jinja2 templates under bot/dashboard/templates (each extends
layout.html), the layout's strings and navigation, the security headers, the static files.

The headers and the CSP are those of the web chat (bot/web/pages.py): no inline script or
style, nothing from another site, never framed, nothing cached.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.core.web_headers import HEADERS
from bot.dashboard.actor import Actor
from bot.dashboard.dashboard import Dashboard
from flows import dashboard_messages as dm
from flows.text import Joined, Raw, Text, When

LANGUAGES = ("fr", "en")
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
OTHER = {"fr": "en", "en": "fr"}
STATIC = "/static/tableau"
DASH = "relais.dashboard"  # where the routes put the Dashboard in each request's scope

_env = Environment(
    loader=PackageLoader("bot.dashboard", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def dashboard_of(request: Request) -> Dashboard:
    """The Dashboard serving this request (put there by bot/dashboard/routes.py)."""
    return request.scope[DASH]


def secure(response: Response) -> Response:
    """Every dashboard response: strict CSP, nothing cached, nothing referred, never framed."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def page_language(request: Request, actor: Actor | None) -> str:
    """`?lang=` when given, else the session's language, else the bot's default."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    if actor is not None:
        return actor.language
    return dashboard_of(request).settings.locale


def strings(request: Request, language: str, texts: dict[str, Text]) -> dict[str, str]:
    """Page strings in the page's language."""
    i18n = dashboard_of(request).i18n
    return {key: i18n.render(text, language) for key, text in texts.items()}


def nav(request: Request, actor: Actor | None, language: str) -> list[dict[str, Any]]:
    """The navigation entries this actor may follow (coordinator-only ones hidden)."""
    if actor is None:
        return []
    i18n = dashboard_of(request).i18n
    path = request.url.path.rstrip("/") or "/"
    entries = []
    for href, label, coordinator_only in dm.NAV:
        if coordinator_only and not actor.is_coordinator:
            continue
        here = path == href or (href != "/tableau" and path.startswith(href + "/"))
        if href == "/tableau" and path.startswith("/tableau/dossier/"):
            here = True
        entries.append({"href": href, "label": i18n.render(label, language), "current": here})
    return entries


def render(
    request: Request,
    actor: Actor | None,
    template_name: str,
    *,
    status: int = 200,
    language: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """A dashboard page: `template_name` (extending layout.html) with the layout's context.

    Templates get `lang`, `t_layout` (layout strings), `nav`, `actor`, `csrf` (the hidden
    field of every form), `switch` (the same page in the other language), and `tr(text)` /
    `when(moment, style)` to render `Text` and times in the page's language.
    """
    dash = dashboard_of(request)
    language = language or page_language(request, actor)
    other = OTHER[language]
    query = dict(request.query_params) | {"lang": other}
    switch = request.url.path + "?" + urlencode(query)

    def tr(text: Text | Raw | Joined | str | None) -> str:
        return text if isinstance(text, str) else dash.i18n.render(text, language)

    def when(moment: datetime | None, style: str = "datetime") -> str:
        return dash.i18n.when(When(moment, style), language) if moment is not None else ""

    html = _env.get_template(template_name).render(
        lang=language,
        t_layout=strings(request, language, dm.layout()),
        nav=nav(request, actor, language),
        actor=actor,
        csrf=actor.csrf if actor is not None else "",
        switch=switch,
        other=other,
        language_names=LANGUAGE_NAMES,
        static=STATIC,
        tr=tr,
        when=when,
        **context,
    )
    return secure(HTMLResponse(html, status_code=status))


def notice(
    request: Request,
    actor: Actor | None,
    text: Text,
    status: int = 200,
    *,
    back: bool = True,
    language: str | None = None,
) -> HTMLResponse:
    """A one-sentence page: refused, expired, signed out, not found."""
    return render(
        request, actor, "notice.html", status=status, language=language, message=text,
        back=back and actor is not None, back_text=dm.back_to_board(),
    )  # fmt: skip


def static_mount() -> Mount:
    """/static/tableau: bot/dashboard/static, with the security headers and a short cache."""
    files = StaticFiles(directory=Path(__file__).parent / "static")
    return Mount(STATIC, app=_StaticHeaders(files))


class _StaticHeaders:
    """The static files with the pages' headers (as bot/web/static.py; features do not import
    each other), cached for an hour."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                headers = [h for h in headers if h[0] != b"Cache-Control"]
                headers.append((b"Cache-Control", b"public, max-age=3600"))
                message["headers"] = list(message.get("headers", [])) + headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
