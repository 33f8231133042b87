"""`relais simulate [--days N] [--rota FILE] [--seed N] [--start YYYY-MM-DD]`.

The real engine, flows, rota and storage on a virtual clock, on a database of its own (in
memory): the network's database is never opened. Exit 1 on any broken promise, 2 on a bad
rota file.
"""

from __future__ import annotations

import argparse
import logging
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.arguments import iso_day, refusal, whole_number
from bot.cli.output import fail, helptext, render
from flows import cli_messages as cm
from flows import cli_simulate_messages as sm
from flows.text import Text, _

if TYPE_CHECKING:
    from bot.sim.scenario import Scenario

logger = logging.getLogger(__name__)

MAX_DAYS = 62


def add_parser(sub: Any) -> None:
    """Add `simulate`."""
    parser = sub.add_parser(
        "simulate", help=helptext(_("une semaine du réseau sur une horloge virtuelle"))
    )
    parser.add_argument(
        "--days",
        type=_days,
        default=7,
        help=helptext(_("durée de la période, 1 à 62 jours (7 par défaut)")),
    )
    parser.add_argument(
        "--rota", metavar="FILE", help=helptext(_("un fichier d'horaire (CSV ou .ics) à essayer"))
    )
    parser.add_argument(
        "--seed",
        type=whole_number,
        default=1,
        help=helptext(_("la graine du scénario (1 par défaut)")),
    )
    parser.add_argument("--start", metavar="YYYY-MM-DD", type=iso_day,
                        help=helptext(_("premier jour (par défaut : lundi prochain)")))  # fmt: skip
    parser.set_defaults(func=simulate, own_database=True)


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise refusal(cm.days_range(MAX_DAYS))
    return days


def next_monday(now: datetime, env: Any) -> date:
    """The Monday after today, in the network's zone."""
    today = now.astimezone(env.timezone).date()
    return today + timedelta(days=7 - today.weekday())


async def simulate(args: argparse.Namespace, env: Any) -> int:
    """Run the scenario, print the report; 1 if any promise was broken, 2 on a bad rota."""
    # The whole bot on a virtual clock: imported here, not by every `relais …` (the parser
    # lists this command for `relais --help`, `relais run` and the coordinator's commands).
    from bot.sim import report
    from bot.sim.check import Checker
    from bot.sim.run import play
    from bot.sim.scenario import generate

    first = args.start or next_monday(env.now(), env)
    scenario = generate(args.seed, first, args.days, env.timezone)
    rota: str | Text = sm.DEFAULT_ROTA
    if args.rota:
        refused = _rota(args, env, scenario, first)
        if refused:
            return fail(env, refused)
        rota = args.rota
    logging.disable(logging.WARNING)  # thousands of the bot's own log lines: not the report
    try:
        played = await play(scenario, env.settings)
        try:
            findings = await Checker(played).check()
        finally:
            await played.service.__aexit__(None, None, None)
    finally:
        logging.disable(logging.NOTSET)
    report.write(env.out, scenario, findings, rota, env.locale)
    logger.info("simulate.done", extra={"seed": args.seed, "broken": len(findings.broken)})
    return 1 if findings.broken else 0


def _rota(args: argparse.Namespace, env: Any, scenario: Scenario, first: date) -> Text | None:
    """Put the file's workers and shifts in the scenario (no deactivation); an error or None."""
    from bot.rota.importer import RotaFileError
    from bot.sim import rota_file

    try:
        scenario.workers, scenario.shifts = rota_file.read(Path(args.rota), env.timezone,
                                                           first, scenario.days)  # fmt: skip
    except OSError as exc:
        return cm.cannot_read(args.rota, exc.strerror or str(exc))
    except RotaFileError as exc:
        return cm.refused(args.rota, exc.line, render(env, exc.text))
    scenario.deactivate = None
    return None
