"""HTML for the web chat and the kiosk: Jinja2 templates, page strings, security headers."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse, Response

from bot.core.i18n import I18n
from bot.core.web_headers import HEADERS
from flows.text import Text

NEUTRAL_SITE = "https://www.google.ca/"
OTHER = {"fr": "en", "en": "fr"}
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}

_env = Environment(
    loader=PackageLoader("bot.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def secure(response: Response) -> Response:
    """Every web response: strict CSP, nothing cached, nothing referred, never framed."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def strings(i18n: I18n, texts: dict[str, Text], language: str) -> dict[str, str]:
    """Page strings in the page's language."""
    return {key: i18n.render(text, language) for key, text in texts.items()}


def page(template: str, status: int = 200, **context: Any) -> Response:
    """Render a template into a secured HTML response."""
    html = _env.get_template(template).render(
        neutral=NEUTRAL_SITE, other=OTHER, language_names=LANGUAGE_NAMES, **context
    )
    return secure(HTMLResponse(html, status_code=status))


def notice(
    i18n: I18n, text: Text, language: str, status: int, *, leave: bool = False, back: str = ""
) -> Response:
    """A one-sentence page: an error, a goodbye (leaving for the neutral site), a confirmation."""
    return page(
        "notice.html",
        status,
        lang=language,
        text=i18n.render(text, language),
        leave=leave,
        back=back,
    )
