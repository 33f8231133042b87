"""Argument types of the command-line parser whose refusals speak the help language.

argparse's own "invalid int value: 'x'" is English only (Python ships no French catalog for
it); these types give the reason themselves, through the catalog, and `Parser.error` puts
"erreur : argument --seed: " before it.
"""

from __future__ import annotations

import argparse
from datetime import date

from bot.cli.output import help_locale, render_in
from flows import cli_messages as cm
from flows.text import Text


def refusal(text: Text) -> argparse.ArgumentTypeError:
    """The error an argument type raises, in `help_locale()` (no `%` escaping: not a help line)."""
    return argparse.ArgumentTypeError(render_in(help_locale(), text))


def whole_number(text: str) -> int:
    """An integer argument (`--seed 3`, `--weeks 8`, `--limit 5`)."""
    try:
        return int(text)
    except ValueError:
        raise refusal(cm.not_a_number(text)) from None


def iso_day(text: str) -> date:
    """A date argument written YYYY-MM-DD (`--start 2026-11-30`)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise refusal(cm.not_a_day(text)) from None
