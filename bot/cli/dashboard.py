"""`relais dashboard link NAME`: print a single-use sign-in link to the dashboard (/tableau) for
that worker or coordinator — the first start, or someone without Telegram at hand. The link
is valid 10 minutes, at `RELAIS_PUBLIC_URL`; the token is stored hashed only."""

from __future__ import annotations

import argparse
from typing import Any

from bot.cli.output import fail, helptext, say
from bot.dashboard.dashboard import sign_in_url
from flows import dashboard_messages as dm
from storage import dashboard as store
from storage import workers


def add_parser(sub: Any) -> None:
    """Add `dashboard` with its sub-command `link`."""
    parser = sub.add_parser("dashboard", help=helptext(dm.cli_help()))
    dsub = parser.add_subparsers(dest="dashboard_command", metavar="{link}", required=True)
    link = dsub.add_parser("link", help=helptext(dm.cli_link_help()))
    link.add_argument("name", nargs="+", metavar="NAME")
    link.set_defaults(func=print_link)


async def print_link(args: argparse.Namespace, env: Any) -> int:
    """Print the link of an active worker; refuse an unknown or deactivated name."""
    name = " ".join(args.name)
    worker = await workers.get_by_name(env.db, name)
    if worker is None or not worker.active:
        return fail(env, dm.unknown_worker(name))
    token = await store.create_link(env.db, worker.id, env.now())
    url = sign_in_url(env.settings.base_url, token)
    say(env, dm.link_line(worker.name, url, store.LINK_MINUTES))
    return 0
