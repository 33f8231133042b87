"""`relais places add|list|import|withdraw`: welcoming places lent for follow-up meetings.

`relais places import FILE` reads a CSV with this header (lines starting with `#` before it are
comments):

    organization,name,address,windows,conditions
    Le Sésame,Salle de rencontre,"1234, rue Exemple","mon 09:00-12:00; wed 13:00-16:00",2 heures max

`organization`, `name` and `windows` are required. `windows` lists when workers may use the place:
`DAYS HH:MM-HH:MM` entries separated by `;`, days in English or French (`mon`…`sun`,
`lun`…`dim`), ranges (`mon-fri`), lists (`tue,thu`) and several spans (`mon 9:00-12:00,
13:00-16:00`); a window ends the day it starts. `conditions` is free text shown to the worker.
A place is known by its organization and name: importing it again updates it and offers it again
if it had been withdrawn. A bad line refuses the whole file, naming the line and the field.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path
from typing import Any

from bot.cli.output import fail, helptext, render, say
from bot.resources.importer import DirectoryError, Table, decode, read_csv
from flows import cli_directory_messages as dm
from flows.text import _
from storage import places as place_store
from storage.places import Place, Window, format_windows, parse_windows

logger = logging.getLogger(__name__)

COLUMNS = ("organization", "name", "address", "windows", "conditions")


def add_parser(sub: Any) -> None:
    """Add `places` with its sub-commands add, list, import and withdraw."""
    parser = sub.add_parser("places", help=helptext(_("lieux d'accueil prêtés par les organismes")))
    psub = parser.add_subparsers(
        dest="places_command", metavar="{add,list,import,withdraw}", required=True
    )
    add = psub.add_parser(
        "add", help=helptext(_("ajouter un lieu (ou mettre à jour celui qui porte ce nom)"))
    )
    add.add_argument("name", nargs="+", metavar="NAME")
    add.add_argument("--org", required=True, help=helptext(_("l'organisme qui le prête")))
    add.add_argument(
        "--windows", required=True, help=helptext(_("p. ex. « mon 09:00-17:00; wed 13:00-16:00 »"))
    )
    add.add_argument("--address", default="")
    add.add_argument(
        "--conditions", default="", help=helptext(_("p. ex. « demander à l'accueil »"))
    )
    add.set_defaults(func=add_place)
    show = psub.add_parser("list", help=helptext(_("les lieux offerts")))
    show.add_argument("--all", action="store_true", help=helptext(_("inclure les lieux retirés")))
    show.set_defaults(func=list_places)
    load = psub.add_parser(
        "import", help=helptext(_("ajouter ou mettre à jour des lieux depuis un CSV (voir --help)"))
    )
    load.add_argument("file", metavar="FILE")
    load.set_defaults(func=import_places)
    withdraw = psub.add_parser("withdraw", help=helptext(_("ne plus offrir un lieu")))
    withdraw.add_argument("place", nargs="+", metavar="ID_OR_NAME")
    withdraw.set_defaults(func=withdraw_place)


def describe(place: Place, env: Any) -> str:
    """A place in a few lines for the coordinator."""
    gone = place.withdrawn_at
    state = (
        render(env, dm.withdrawn_on(f"{gone.astimezone(env.timezone):%Y-%m-%d}")) if gone else ""
    )
    lines = [f"[{place.id}] {place.organization} - {place.name}{state}"]
    lines += [f"    {text}" for text in (place.address, format_windows(place.windows)) if text]
    if place.conditions:
        lines.append(f"    {place.conditions}")
    return "\n".join(lines)


async def add_place(args: argparse.Namespace, env: Any) -> int:
    """Add or update one place from the command line."""
    try:
        windows = parse_windows(args.windows)
        async with env.db.transaction() as conn:
            place_id, created = await place_store.save_place(
                conn, organization=args.org.strip(), name=" ".join(args.name).strip(),
                address=args.address.strip(), windows=windows,
                conditions=args.conditions.strip(), now=env.now(),
            )  # fmt: skip
    except ValueError as exc:
        return fail(env, dm.bad_windows(str(exc)))
    say(env, dm.place_saved(place_id, created))
    return 0


async def list_places(args: argparse.Namespace, env: Any) -> int:
    """Print the places on offer (all of them with --all)."""
    places = await place_store.list_places(env.db, include_withdrawn=args.all)
    if not places:
        say(env, dm.NO_PLACE_YET)
    for place in places:
        env.out.write(describe(place, env) + "\n")
    return 0


def _rows(table: Table) -> list[tuple[str, str, str, tuple[Window, ...], str]]:
    """Check every line of a places CSV before anything is saved."""
    for column in ("organization", "name", "windows"):
        if column not in table.header:
            raise table.fail(None, column, "missing column")
    seen: dict[tuple[str, str], int] = {}
    rows = []
    for row in table.rows:
        org, name, windows_text = (row.get(c) for c in ("organization", "name", "windows"))
        for column, value in (("organization", org), ("name", name), ("windows", windows_text)):
            if not value:
                raise table.fail(row, column, "required value is empty")
        try:
            windows = parse_windows(windows_text)
        except ValueError as exc:
            raise table.fail(row, "windows", str(exc)) from None
        if any(w.end <= w.start for w in windows):
            raise table.fail(row, "windows", "a window must end after it starts, the same day")
        key = (org.casefold(), name.casefold())
        if key in seen:
            raise table.fail(row, "name", f"same place as line {seen[key]}")
        seen[key] = row.line
        rows.append((org, name, row.get("address"), windows, row.get("conditions")))
    return rows


async def import_places(args: argparse.Namespace, env: Any) -> int:
    """Add or update every place of a CSV, all or nothing."""
    path = Path(args.file)
    try:
        data = await asyncio.to_thread(path.read_bytes)
        rows = _rows(read_csv(decode(data), str(path)))
    except DirectoryError as exc:
        return fail(env, dm.nothing_imported(str(exc)))
    except OSError as exc:
        return fail(env, dm.cannot_open(str(path), exc.strerror or str(exc)))
    added = 0
    async with env.db.transaction() as conn:
        for org, name, address, windows, conditions in rows:
            _, created = await place_store.save_place(
                conn, organization=org, name=name, address=address, windows=windows,
                conditions=conditions, now=env.now(),
            )  # fmt: skip
            added += created
    say(env, dm.places_imported(path.name, added, len(rows) - added))
    return 0


async def withdraw_place(args: argparse.Namespace, env: Any) -> int:
    """Stop offering a place, by id or name; its upcoming meetings are cancelled.

    This runs in its own process: the running bot tells both sides of each cancelled meeting
    (bot/appointments/service.py `sweep`).
    """
    key = " ".join(args.place)
    found = await place_store.find_places(env.db, key)
    if not found:
        return fail(env, dm.no_place(key))
    if len(found) > 1:
        return fail(env, dm.several_places(key, ", ".join(str(place.id) for place in found)))
    async with env.db.transaction() as conn:
        upcoming = await place_store.withdraw_place(conn, found[0].id, env.now())
    say(env, dm.place_withdrawn(found[0].id, found[0].name))
    if upcoming:
        ids = ", ".join(str(appointment.id) for appointment in upcoming)
        say(env, dm.meetings_to_move(len(upcoming), ids))
        say(env, dm.MEETINGS_CANCELLED)
    return 0
