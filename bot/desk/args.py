"""The typed argument parsers now live in bot/core/args.py (features use them too)."""

from __future__ import annotations

from bot.core.args import (  # noqa: F401
    MAX_ID,
    Parser,
    alias,
    clock,
    day,
    epoch,
    ident,
    is_alias,
    number,
    one_of,
)
