"""The `relais` console script: the collector stays off while the command loads
(bot/core/heap.py), then `bot.cli.main.main` runs it and turns the collector back on."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `relais` console script."""
    from bot.core import heap

    heap.loading()
    from bot.cli.main import main as command

    return command(argv)
