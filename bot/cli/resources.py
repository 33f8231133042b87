"""`relais resources import|search|sources|remove`: the resource directory."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from bot.cli.arguments import whole_number
from bot.cli.output import fail, helptext, render, say
from bot.resources.importer import (
    EXAMPLE_SOURCE,
    DirectoryError,
    example_directory_in_use,
    import_directory,
)
from bot.resources.search import CATEGORIES, format_hit, search
from flows import cli_directory_messages as dm
from flows.text import _
from storage import resources as resource_store

logger = logging.getLogger(__name__)


def add_parser(sub: Any) -> None:
    """Add `resources` with its sub-commands import, search, sources and remove."""
    parser = sub.add_parser(
        "resources", help=helptext(_("le répertoire des ressources (Open Referral HSDS ou CSV)"))
    )
    rsub = parser.add_subparsers(
        dest="resources_command", metavar="{import,search,sources,remove}", required=True
    )
    load = rsub.add_parser(
        "import", help=helptext(_("charger un dossier HSDS, un datapackage.json, un zip ou un CSV"))
    )
    load.add_argument("path", metavar="PATH")
    load.add_argument(
        "--source",
        help=helptext(
            _("nom de la source remplacée (par défaut : le nom du dossier, du zip ou du CSV)")
        ),
    )
    load.set_defaults(func=import_resources)
    find = rsub.add_parser(
        "search", help=helptext(_("essayer une recherche comme le ferait une personne"))
    )
    find.add_argument("words", nargs="*", metavar="WORDS")
    find.add_argument("--category", choices=sorted(CATEGORIES))
    find.add_argument("--lang", choices=("fr", "en"), help=helptext(_("la langue de la personne")))
    find.add_argument("--limit", type=whole_number, default=3)
    find.set_defaults(func=search_resources)
    rsub.add_parser("sources", help=helptext(_("ce que chaque import a chargé"))).set_defaults(
        func=list_sources
    )
    remove = rsub.add_parser(
        "remove", help=helptext(_("retirer toutes les ressources d'une source"))
    )
    remove.add_argument("source", metavar="SOURCE")
    remove.set_defaults(func=remove_source)


async def import_resources(args: argparse.Namespace, env: Any) -> int:
    """Import a directory; print added/updated/removed, or refuse it whole with the reason."""
    try:
        result = await import_directory(env.db, args.path, now=env.now(), source=args.source)
    except DirectoryError as exc:
        return fail(env, dm.nothing_imported(str(exc)))
    except OSError as exc:
        return fail(env, dm.cannot_open(args.path, exc.strerror or str(exc)))
    c = result.counts
    say(env, dm.imported(result.source, result.kind, c.added, c.updated, c.removed, c.unchanged))
    if result.skipped:
        say(env, dm.left_out(result.skipped))
    if result.source != EXAMPLE_SOURCE and await example_directory_in_use(env.db):
        say(env, dm.example_loaded(EXAMPLE_SOURCE))
    return 0


async def search_resources(args: argparse.Namespace, env: Any) -> int:
    """Print what a citizen would get for these words or this category."""
    words = " ".join(args.words)
    if not words and not args.category:
        return fail(env, dm.SEARCH_NEEDS)
    hits = await search(
        env.db,
        None if args.category else words,
        category=args.category,
        language=args.lang or env.locale,
        now_utc=env.now(),
        tz=env.timezone,
        limit=max(args.limit, 1),
    )
    if not hits:
        say(env, dm.NO_RESOURCE)
    language = args.lang or env.locale  # what a citizen writing in that language reads
    for hit in hits:
        env.out.write(f"[{hit.id}] {render(env, format_hit(hit), language)}\n\n")
    return 0


async def list_sources(args: argparse.Namespace, env: Any) -> int:
    """Print each source with its number of resources."""
    sources = await resource_store.list_sources(env.db)
    if not sources:
        say(env, dm.DIRECTORY_EMPTY)
    for source, count in sources:
        note = render(env, dm.FICTITIOUS) if source == EXAMPLE_SOURCE else ""
        env.out.write(render(env, dm.source_count(source, count)) + note + "\n")
    return 0


async def remove_source(args: argparse.Namespace, env: Any) -> int:
    """Remove one source's resources (their referrals stay counted)."""
    async with env.db.transaction() as conn:
        removed = await resource_store.remove_source(conn, args.source)
    if not removed:
        return fail(env, dm.no_source(args.source))
    say(env, dm.removed_source(removed, args.source))
    return 0
