"""`relais rota import|show|now`: load the duty rota and see who is on duty.

An import either *replaces* the rota (the default: the file is the whole rota) or *adds* to it
(`--add`: nothing is removed, exact repeats are skipped). Either way it first works out which
hours of the next 4 weeks would lose every reachable worker, prints them, and refuses (exit 2)
unless `--yes`. A calendar (.ics) is kept whole: the bot re-expands its repeating events daily.
"""

from __future__ import annotations

import argparse
import logging
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.cli.arguments import whole_number
from bot.cli.output import fail, helptext, render, say
from bot.cli.rota_show import (
    format_day,
    format_when,
    hours,
    night_cover,
    rota_now,
    show_rota,
)
from bot.rota.import_plan import (
    ImportPlan,
    RotaFile,
    apply_import,
    plan_import,
    read_rota_file,
    shifts_of,
)
from bot.rota.importer import RotaFileError, ShiftSpec
from bot.rota.rota import quebec_holidays
from flows import cli_messages as cm
from flows.text import _
from storage import rota as rota_store
from storage import workers as worker_store

__all__ = ["add_parser", "format_day", "format_when", "import_rota", "rota_now", "show_rota"]

logger = logging.getLogger(__name__)

ICS_WEEKS = 8
SHOWN_SPANS = 12


def import_help() -> str:
    """The long help of `relais rota import`: what replace and --add do, and --yes."""
    return helptext(
        _(
            "Remplace (par défaut) l'horaire ou y ajoute depuis un CSV (worker,day,start,end) ou "
            "un calendrier (.ics).\n\n"
            "  remplacer (défaut)  le fichier devient tout l'horaire; affiche combien de quarts "
            "sont retirés et ajoutés.\n"
            "  --add               ajoute les quarts du fichier sans rien retirer (les doublons "
            "exacts sont ignorés). Un quart ponctuel (daté) remplace le quart hebdomadaire de "
            "la même personne le même jour seulement là où leurs heures se chevauchent : un "
            "quart ponctuel en soirée garde le quart de jour habituel.\n\n"
            "Avant de rien changer, l'import liste les heures des 4 prochaines semaines (heure "
            "locale) qui resteraient sans intervenant actif relié à Telegram alors qu'elles en "
            "avaient un, et refuse sans --yes. Les événements répétés d'un calendrier continuent "
            "de se répéter : le bot relit le calendrier chaque jour, --weeks à l'avance."
        )
    )


def add_parser(sub: Any) -> None:
    """Add `rota` with its sub-commands import, show and now."""
    parser = sub.add_parser("rota", help=helptext(_("charger et afficher l'horaire de garde")))
    rsub = parser.add_subparsers(dest="rota_command", metavar="{import,show,now}", required=True)
    imp = rsub.add_parser(
        "import",
        help=helptext(
            _("remplacer l'horaire ou y ajouter depuis un fichier CSV ou iCalendar (.ics)")
        ),
        description=import_help(),
    )
    imp.add_argument(
        "file", help=helptext(_("CSV worker,day,start,end, ou un export de calendrier (.ics)"))
    )
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument(
        "--replace", dest="add", action="store_false", help=helptext(_("(par défaut) remplacer"))
    )
    mode.add_argument(
        "--add", action="store_true", help=helptext(_("ajouter à l'horaire, sans rien retirer"))
    )
    imp.add_argument(
        "--yes", action="store_true", help=helptext(_("accepter des heures laissées sans personne"))
    )
    imp.add_argument(
        "--weeks",
        type=whole_number,
        default=ICS_WEEKS,
        help=helptext(_("semaines du calendrier à lire")),
    )
    imp.set_defaults(func=import_rota, add=False)
    show = rsub.add_parser("show", help=helptext(_("les quarts de la semaine, à l'heure locale")))
    show.add_argument(
        "--week",
        metavar="YYYY-MM-DD",
        help=helptext(_("un jour quelconque de la semaine à afficher")),
    )
    show.set_defaults(func=show_rota)
    now = rsub.add_parser("now", help=helptext(_("qui est de garde maintenant, et qui suit")))
    now.set_defaults(func=rota_now)


def _bytes(path: str) -> bytes:
    return Path(path).read_bytes()


async def import_rota(args: argparse.Namespace, env: Any) -> int:
    """Replace or add to the rota from a file, or refuse it naming the line."""
    everyone = await worker_store.list_all(env.db)
    hols = quebec_holidays(env.locale)
    today = env.now().astimezone(env.timezone).date()
    try:
        data = _bytes(args.file)
        read = read_rota_file(data, args.file, everyone, env.timezone, today, args.weeks, hols)
    except OSError as exc:
        return fail(env, cm.cannot_read(args.file, exc.strerror or str(exc)))
    except RotaFileError as exc:
        return fail(env, cm.refused(args.file, exc.line, render(env, exc.text)))
    before = await rota_store.list_shifts(env.db, include_inactive=True)
    plan = plan_import(
        before,
        shifts_of(read.specs, everyone),
        add=args.add,
        reachable={w.id for w in everyone if w.active and w.linked},
        now=env.now(),
        tz=env.timezone,
        holidays=hols,
    )
    if plan.lost and not args.yes:
        if not args.add:
            say(env, cm.would_replace(len(plan.removed)))
        _gaps(env, plan.lost, cm.LOST_HEADER)
        say(env, cm.REFUSED_LOST)
        return 2
    await _store(args, env, read, plan)
    if plan.lost:
        _gaps(env, plan.lost, cm.LOST_ACCEPTED)
    _summary(env, read.specs)
    _calendar_notes(env, read)
    await night_cover(env)
    return 0


async def _store(args, env: Any, read: RotaFile, plan: ImportPlan) -> None:
    added = await apply_import(env.db, plan, read, env.now())
    if args.add:
        say(env, cm.added(args.file, added, len(set(plan.new)) - added))
    else:
        say(env, cm.replaced(args.file, len(plan.removed), len(plan.added)))
    logger.info("rota.imported", extra={"shifts": added, "source": read.source})


def _gaps(env: Any, gaps: Sequence[tuple], header) -> None:
    """Print the spans that lose coverage, in local time."""
    say(env, header)
    tz = env.timezone
    for start, end in gaps[:SHOWN_SPANS]:
        s, e = start.astimezone(tz), end.astimezone(tz)
        tail = f"{e:%H:%M}" if e.date() == s.date() else format_when(end, tz, env.locale)
        env.out.write(f"  {format_when(start, tz, env.locale)}–{tail}\n")
    if len(gaps) > SHOWN_SPANS:
        say(env, cm.more(len(gaps) - SHOWN_SPANS))


def _summary(env: Any, specs: Sequence[ShiftSpec]) -> None:
    by_worker: dict[str, list[ShiftSpec]] = defaultdict(list)
    for spec in specs:
        by_worker[spec.worker].append(spec)
    for name, own in sorted(by_worker.items(), key=lambda item: worker_store.name_key(item[0])):
        weekly = [
            f"{render(env, cm.WEEKDAYS[s.weekday])} {hours(s)}"
            for s in own
            if s.weekday is not None
        ]
        dates = sorted(s.on_date for s in own if s.on_date is not None)
        parts = [", ".join(weekly)] if weekly else []
        if len(dates) == 1:
            parts.append(render(env, cm.one_off(str(dates[0]))))
        elif dates:
            parts.append(render(env, cm.one_offs(len(dates), str(dates[0]), str(dates[-1]))))
        env.out.write(f"  {name}: {'; '.join(parts)}\n")


def _weekday(env: Any, weekday: int) -> str:
    return render(env, cm.WEEKDAYS[weekday])


def _calendar_notes(env: Any, read: RotaFile) -> None:
    if read.source != "ics":
        return
    say(env, cm.calendar_repeats(read.weeks))
    for title, until in read.ending:
        if until.startswith("×"):
            say(env, cm.series_count(title, until[1:]))
        else:
            say(env, cm.series_until(title, until))
    if read.skipped_holidays:
        names = quebec_holidays(env.locale)
        days = ", ".join(f"{d} ({names.get(d)})" for d in read.skipped_holidays)
        say(env, cm.holidays_skipped(days))
