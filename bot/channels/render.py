"""Turn a reply into what one channel sends: Telegram buttons or SMS numbered lines."""

from __future__ import annotations

from dataclasses import dataclass

from bot.channels.gsm7 import normalize_for_sms
from bot.core.i18n import I18n
from flows.choices import render_numbered
from flows.types import Reply

TELEGRAM_MAX = 4096
SMS_MAX = 1600
CITIZEN_CHOICE = "c:"


@dataclass(frozen=True)
class Rendered:
    """One message as a channel will send it."""

    body: str
    buttons: list[list[str]] | None  # [[callback_data, label], …]


def render(reply: Reply, language: str, address: str, i18n: I18n) -> list[Rendered]:
    """Render for the recipient's channel; long text is split at the channel's limit."""
    text = i18n.render(reply.text, language)
    labels = i18n.labels(reply, language)
    if address.startswith("sms:"):
        body = render_numbered(text, [label for _, label in labels]) if labels else text
        return [Rendered(part, None) for part in split(normalize_for_sms(body), SMS_MAX)]
    buttons = [[_callback_data(key), label] for key, label in labels] or None
    parts = split(text, TELEGRAM_MAX)
    return [Rendered(p, buttons if i == len(parts) - 1 else None) for i, p in enumerate(parts)]


def _callback_data(key: str) -> str:
    """Citizen choices get the "c:" prefix; worker buttons already carry theirs ("w:…")."""
    return key if ":" in key else CITIZEN_CHOICE + key


def split(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at a line or word break if possible."""
    text = text.strip() or "…"
    parts: list[str] = []
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    parts.append(text)
    return parts
