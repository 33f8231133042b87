"""The one registry of worker button prefixes, each with the typed fields its data carries.

Callback data is `w:<prefix>:<field>:<field>…` and can be forged by any Telegram client, so a
handler never sees strings: each prefix declares a parser per field (bot/core/args.py), and data
with the wrong number of fields or a field that does not parse never reaches the handler. A
feature declares its prefixes (`Button` in bot/core/features.py), bot/app.py registers them
here at start; a prefix registered twice refuses to start. No handler is replaced or wrapped.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.core.args import Parser
from bot.core.turns import WORKER_CHOICE

PREFIX = WORKER_CHOICE
_NAME = re.compile(r"[a-z]{1,12}")

Handler = Callable[[Any, tuple], Awaitable[None]]


class DuplicatePrefix(ValueError):
    """Two features claimed the same button prefix."""


@dataclass(frozen=True)
class Route:
    """A prefix, the parsers of its fields in order, and its handler."""

    prefix: str
    fields: tuple[Parser, ...]
    handler: Handler


class Callbacks:
    """Button prefixes → typed routes."""

    def __init__(self) -> None:
        self._routes: dict[str, Route] = {}

    def add(self, prefix: str, handler: Handler, *fields: Parser) -> None:
        """Register `prefix`; DuplicatePrefix if some feature already has it."""
        if not _NAME.fullmatch(prefix):
            raise ValueError(f"button prefix {prefix!r}: 1 to 12 lowercase letters")
        if prefix in self._routes:
            raise DuplicatePrefix(f"button prefix {prefix!r} is registered twice")
        self._routes[prefix] = Route(prefix, fields, handler)

    def __contains__(self, prefix: str) -> bool:
        return prefix in self._routes

    def prefixes(self) -> list[str]:
        """Every registered prefix, sorted."""
        return sorted(self._routes)

    def parse(self, data: str) -> tuple[Route, tuple] | None:
        """The route and typed field values of callback data, or None if anything is off."""
        if not data.startswith(PREFIX):
            return None
        prefix, *raw = data.removeprefix(PREFIX).split(":")
        route = self._routes.get(prefix)
        if route is None or len(raw) != len(route.fields):
            return None
        values = tuple(parse(text) for parse, text in zip(route.fields, raw, strict=True))
        return None if any(v is None for v in values) else (route, values)


def data(prefix: str, *values: object) -> str:
    """Callback data for a button: `w:prefix:v1:v2`."""
    return ":".join((PREFIX + prefix, *(str(v) for v in values)))
