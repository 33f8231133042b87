"""`relais workers add|invite|list|deactivate|reactivate`: the network's workers."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from bot.cli.output import fail, helptext, render, say
from bot.cli.rota_show import format_when
from flows import cli_messages as cm
from flows.text import _
from flows.worker_refusal_messages import refusal
from storage import workers as worker_store
from storage.requests import alias
from storage.workers import ROLES, WorkerError

logger = logging.getLogger(__name__)


def add_parser(sub: Any) -> None:
    """Add `workers` with its sub-commands add, invite, list, deactivate and reactivate."""
    parser = sub.add_parser(
        "workers", help=helptext(_("inscrire, inviter, lister et désactiver les intervenants"))
    )
    wsub = parser.add_subparsers(
        dest="workers_command", metavar="{add,invite,list,deactivate,reactivate}", required=True
    )
    add = wsub.add_parser("add", help=helptext(_("inscrire un intervenant directement")))
    _name(add)
    add.add_argument(
        "--telegram", metavar="USER_ID", help=helptext(_("son identifiant Telegram numérique"))
    )
    add.add_argument("--org", default="", help=helptext(_("son organisme")))
    add.add_argument(
        "--lang",
        default="fr",
        help=helptext(_("les langues dans lesquelles il travaille, p. ex. fr,en")),
    )
    add.add_argument("--role", choices=ROLES, default="worker")
    add.set_defaults(func=add_worker)
    invite = wsub.add_parser(
        "invite", help=helptext(_("afficher un code à usage unique pour relier un compte Telegram"))
    )
    _name(invite)
    invite.add_argument("--org", default="", help=helptext(_("son organisme (nouvel intervenant)")))
    invite.add_argument(
        "--role", choices=ROLES, default="worker", help=helptext(_("(nouvel intervenant)"))
    )
    invite.set_defaults(func=invite_worker)
    wsub.add_parser("list", help=helptext(_("chaque intervenant et son état"))).set_defaults(
        func=list_workers
    )
    for verb, func, what in (
        (
            "deactivate",
            deactivate_worker,
            helptext(_("ne plus envoyer de dossiers à un intervenant (ses quarts sont gardés)")),
        ),
        ("reactivate", reactivate_worker, helptext(_("réactiver un intervenant désactivé"))),
    ):
        p = wsub.add_parser(verb, help=what)
        _name(p)
        p.set_defaults(func=func)


def _name(parser: argparse.ArgumentParser) -> None:
    # nargs="+" so that `relais workers add Marie Roy` works without quotes.
    parser.add_argument("name", nargs="+", metavar="NAME")


def _telegram_id(env: Any, text: str | None) -> int | None:
    if text is None:
        return None
    if not text.strip().isdigit() or int(text) <= 0:
        raise WorkerError(render(env, cm.bad_telegram_id(text)))
    return int(text)


async def add_worker(args: argparse.Namespace, env: Any) -> int:
    """Register a worker, linked to Telegram when --telegram is given."""
    try:
        worker = await worker_store.add(
            env.db,
            " ".join(args.name),
            env.now(),
            telegram_id=_telegram_id(env, args.telegram),
            organization=args.org,
            languages=[x.strip() for x in args.lang.split(",") if x.strip()],
            role=args.role,
        )
    except WorkerError as exc:
        return fail(env, cm.error(refusal(exc.reason, exc.params, str(exc))))
    say(env, cm.worker_added(worker.name, worker.id, worker.role, worker.linked))
    return 0


async def invite_worker(args: argparse.Namespace, env: Any) -> int:
    """Create the worker if needed and print a single-use code for `/start CODE`."""
    name = " ".join(args.name)
    worker = await worker_store.get_by_name(env.db, name)
    try:
        if worker is None:
            worker = await worker_store.add(
                env.db, name, env.now(), organization=args.org, role=args.role
            )
    except WorkerError as exc:
        return fail(env, cm.error(refusal(exc.reason, exc.params, str(exc))))
    if not worker.active:
        return fail(env, cm.is_deactivated(worker.name))
    code = await worker_store.create_invite(env.db, worker.id, env.now())
    expiry = await worker_store.pending_invite_expiry(env.db, worker.id, env.now())
    until = format_when(expiry, env.timezone, env.locale)
    say(env, cm.invite_code(worker.name, code, until))
    say(env, cm.invite_how(worker.name, code))
    if worker.linked:
        say(env, cm.INVITE_REPLACES)
    return 0


async def _state(env: Any, worker: worker_store.Worker) -> str:
    if not worker.active:
        return render(env, cm.STATE_DEACTIVATED)
    if worker.linked:
        return render(env, cm.STATE_LINKED)
    expiry = await worker_store.pending_invite_expiry(env.db, worker.id, env.now())
    if expiry is None:
        return render(env, cm.STATE_NO_INVITE)
    return render(env, cm.state_invited(format_when(expiry, env.timezone, env.locale)))


async def list_workers(args: argparse.Namespace, env: Any) -> int:
    """Print every worker: name, role, organization, languages, state."""
    workers = await worker_store.list_all(env.db)
    if not workers:
        say(env, cm.NO_WORKERS)
        return 0
    rows = [tuple(render(env, c) for c in cm.WORKER_COLUMNS)]
    for w in workers:
        state = await _state(env, w)
        rows.append((str(w.id), w.name, w.role, w.organization, ",".join(w.languages), state))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        env.out.write("  ".join([*cells, row[-1]]) + "\n")
    return 0


async def deactivate_worker(args: argparse.Namespace, env: Any) -> int:
    """Deactivate a worker: shifts ignored, invites void, open cases back to the queue."""
    from storage.requests import requeue_claimed_by

    name = " ".join(args.name)
    # One transaction: a case is never left with a worker who can no longer answer it.
    async with env.db.transaction() as conn:
        worker_id = await worker_store.deactivate(conn, name)
        requeued = await requeue_claimed_by(conn, worker_id, env.now()) if worker_id else []
    if worker_id is None:
        return fail(env, cm.no_worker(name))
    say(env, cm.deactivated(name, worker_id))
    if requeued:
        say(env, cm.requeued(len(requeued), ", ".join(alias(i) for i in requeued)))
    return 0


async def reactivate_worker(args: argparse.Namespace, env: Any) -> int:
    """Reactivate a worker; their shifts count again."""
    name = " ".join(args.name)
    worker = await worker_store.get_by_name(env.db, name)
    if worker is None:
        return fail(env, cm.no_worker(name))
    await worker_store.set_active(env.db, worker.id, True)
    say(env, cm.reactivated(worker.name, worker.id))
    return 0
