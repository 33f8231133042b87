"""`relais kiosk add|list|remove`: the tablets in public places, each at /kiosque/<slug>.

    relais kiosk add caisse-mercier-est "Caisse Desjardins Mercier-Est"
    relais kiosk list
    relais kiosk remove caisse-mercier-est

The slug is lowercase letters, digits and dashes; the name is what the kiosk shows and what
the workers' request card says ("Kiosque — Caisse Desjardins Mercier-Est"). Adding a slug
again renames it. The activity report counts contacts per kiosk name.
"""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.output import fail, helptext, say
from flows import cli_kiosk_messages as km
from flows.text import _
from storage import kiosks


def add_parser(sub: Any) -> None:
    """Add `kiosk` with its sub-commands add, list and remove."""
    parser = sub.add_parser(
        "kiosk", help=helptext(_("bornes (tablettes dans des lieux publics) à /kiosque/SLUG"))
    )
    ksub = parser.add_subparsers(dest="kiosk_command", metavar="{add,list,remove}", required=True)
    add = ksub.add_parser(
        "add", help=helptext(_("ajouter une borne (ou renommer celle qui a ce SLUG)"))
    )
    add.add_argument(
        "slug", metavar="SLUG", help=helptext(_("dans l'adresse : minuscules, chiffres, tirets"))
    )
    add.add_argument(
        "name",
        nargs="+",
        metavar="NAME",
        help=helptext(_("le lieu, comme les gens le connaissent")),
    )
    add.set_defaults(func=add_kiosk)
    show = ksub.add_parser("list", help=helptext(_("les bornes et leurs adresses")))
    show.set_defaults(func=list_kiosks)
    remove = ksub.add_parser("remove", help=helptext(_("retirer une borne (sa page répond 404)")))
    remove.add_argument("slug", metavar="SLUG")
    remove.set_defaults(func=remove_kiosk)


async def add_kiosk(args: argparse.Namespace, env: Any) -> int:
    """Add or rename one kiosk."""
    name = " ".join(args.name).strip()
    async with env.db.transaction() as conn:
        done = await kiosks.add_kiosk(conn, args.slug, name, env.now())
    if not done:
        return fail(env, km.BAD_SLUG)
    say(env, km.added(args.slug, name, _url(env, args.slug)))
    return 0


async def list_kiosks(args: argparse.Namespace, env: Any) -> int:
    async with env.db.transaction() as conn:
        found = await kiosks.list_kiosks(conn)
    if not found:
        say(env, km.NO_KIOSK_YET)
    for kiosk in found:
        say(env, km.listed(kiosk.slug, kiosk.name, _url(env, kiosk.slug)))
    return 0


async def remove_kiosk(args: argparse.Namespace, env: Any) -> int:
    async with env.db.transaction() as conn:
        removed = await kiosks.remove_kiosk(conn, args.slug)
    if not removed:
        return fail(env, km.no_such_kiosk(args.slug))
    say(env, km.removed(args.slug))
    return 0


def _url(env: Any, slug: str) -> str:
    base = env.settings.base_url if env.settings is not None else ""
    return f"{base}/kiosque/{slug}"
