"""The `relais` command line: `relais run` and the coordinator's commands."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, TextIO
from zoneinfo import ZoneInfo

from bot.cli.output import help_locale, helptext, render_in
from bot.core import heap, logs
from bot.core.settings import Settings, SettingsError
from flows import cli_backup_messages as bm
from flows import cli_messages as cm
from flows.text import Text, _
from storage.clock import utcnow
from storage.db import Database, open_database
from storage.targets import is_postgresql, redacted

COMMAND_MODULES = (
    "bot.cli.workers",
    "bot.cli.rota",
    "bot.cli.resources",
    "bot.cli.places",
    "bot.cli.report",
    "bot.cli.campaign",
    "bot.cli.backup",
    "bot.cli.db",
    "bot.cli.simulate",
    "bot.cli.kiosk",
    "bot.cli.dashboard",
)


@dataclass
class CliEnv:
    """What a command gets: the open database, the zone, the language, the clock, the output."""

    db: Database
    timezone: ZoneInfo
    locale: str
    settings: Settings
    now: Callable[[], datetime] = utcnow
    out: TextIO = field(default_factory=lambda: sys.stdout)


class Parser(argparse.ArgumentParser):
    """argparse with its headings in the help language; sub-commands get the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = helptext(_("arguments"))
        self._optionals.title = helptext(_("options"))
        self.add_argument(
            "-h", "--help", action="help", help=helptext(_("afficher cette aide et quitter"))
        )

    def error(self, message: str) -> NoReturn:
        """A usage error: the usage line, then "erreur : …" in the help language (argparse's own
        reason stays in English: Python ships no French catalog for it)."""
        self.print_usage(sys.stderr)
        line = render_in(help_locale(), cm.error(message))  # not helptext: no "%" doubling
        self.exit(2, f"{self.prog}: {line}\n")


class Formatter(argparse.HelpFormatter):
    """The "usage:" prefix in the help language; a description keeps its paragraphs and its
    "  term  text" lines, each wrapped to the terminal."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        prefix = helptext(_("utilisation : ")) if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            term = re.match(r"( +\S+(?: \S+)*? {2,})", line)
            hanging = indent + " " * (len(term.group(1)) if term else 0)
            lines.append(
                textwrap.fill(line, width, initial_indent=indent, subsequent_indent=hanging)
            )
        return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="relais",
        description=helptext(
            _(
                "Relais : le bot Telegram, SMS et web du réseau de travail de proximité "
                "de Mercier-Est."
            )
        ),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=helptext(_("afficher aussi le journal (INFO) sur stderr")),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser(
        "run", help=helptext(_("démarrer le bot (HTTP, Telegram, SMS, tâches planifiées)"))
    )
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one `relais` command (the console script, bot/cli/script.py, calls it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"relais: {exc}", file=sys.stderr)
        return 2
    # A coordinator's command prints its answer, not the log, unless asked (`relais -v …`).
    quiet = args.command != "run" and not args.verbose
    logs.setup(logging.WARNING if quiet else logging.INFO)
    try:
        if args.command == "run":
            from bot.app import serve

            return asyncio.run(serve(settings))  # it turns the collector on once loaded
        heap.loaded()
        return asyncio.run(_command(args, settings))
    except KeyboardInterrupt:
        return 130


def missing_database(database: str) -> Text | None:
    """Why a coordinator's command must not run here: no database at that path (a command
    would create an empty one, and what it does there the bot never sees). None if it exists
    or is a PostgreSQL URL (a server's database, created by its administrator)."""
    path = Path(database).expanduser().absolute()
    if is_postgresql(database) or path.is_file():
        return None
    return bm.missing_database(str(path))


async def _command(args: argparse.Namespace, settings: Settings) -> int:
    # backup, restore: the file itself, never opened here; simulate: a database of its own
    if getattr(args, "own_database", False):
        db = open_database(settings.database)
        env = CliEnv(db=db, timezone=settings.timezone, locale=settings.locale, settings=settings)
        return await args.func(args, env)
    problem = missing_database(settings.database)
    if problem is not None:
        line = render_in(settings.locale, problem, settings.timezone.key)
        print(f"relais: {line}", file=sys.stderr)
        return 2
    db = open_database(settings.database)
    try:
        await db.open()
    except db.errors as exc:  # a PostgreSQL server down, a file that is not a database
        print(f"relais: RELAIS_DATABASE: {redacted(settings.database)}: {exc}", file=sys.stderr)
        return 1
    try:
        env = CliEnv(db=db, timezone=settings.timezone, locale=settings.locale, settings=settings)
        return await args.func(args, env)
    finally:
        await db.close()


if __name__ == "__main__":
    sys.exit(main())
