"""Translatable text as data: flows say *what* to say; bot/i18n renders it per recipient.

`_("Bonjour {name}", name="Ana")` returns a `Text` that carries the message id and its
parameters; the translation into the recipient's language happens when the reply is
queued, never here. pybabel extracts `_` and `n_` (see README, "Translations").
Message ids are written in French: French is the source language of the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Text:
    """A message id with named parameters; `plural`/`count` for ngettext."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    plural: str | None = None
    count: int | None = None

    def kwargs(self) -> dict[str, Any]:
        return dict(self.params)


@dataclass(frozen=True)
class When:
    """A moment to show in the recipient's language and the configured time zone.

    `style` is "datetime" (weekday, day, month and time), "date", "time" or "numeric"
    (2026-12-01, with the year).
    """

    moment: datetime
    style: str = "datetime"


@dataclass(frozen=True)
class Raw:
    """Text that is not translated: a worker's own words relayed to a citizen, a name."""

    value: str


@dataclass(frozen=True)
class Joined:
    """Several texts shown as one message, separated by blank lines."""

    parts: tuple[Text | Raw, ...] = field(default_factory=tuple)


def _(msgid: str, **params: Any) -> Text:
    """Mark `msgid` for translation (extracted by pybabel)."""
    return Text(msgid, tuple(sorted(params.items())))


def n_(singular: str, plural: str, count: int, **params: Any) -> Text:
    """Mark a message with a plural form; `count` selects the form and is a parameter too."""
    params.setdefault("count", count)
    return Text(singular, tuple(sorted(params.items())), plural=plural, count=count)
