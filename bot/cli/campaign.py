"""`relais campaign send|status|tags`: mass check-ins from the command line.

This process only writes rows: the campaign and one pending check-in per citizen, in one
transaction. The running bot (`relais run`) sends them: its sweep looks every 10 seconds,
and its outbox sender paces them (SMS at RELAIS_SMS_RATE, Telegram 30/s and 1/s per chat).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import TYPE_CHECKING, Any

from bot.cli.arguments import whole_number
from bot.cli.output import fail, helptext, render, say
from flows import cli_campaign_messages as ccm
from flows.text import Text, _
from storage import followups as store

if TYPE_CHECKING:
    from bot.followups.campaigns import Progress

POLL_SECONDS = 2.0
SILENCE_SECONDS = 60.0  # no progress for this long: the bot is probably not running


def add_parser(sub: Any) -> None:
    """Add `campaign` with send, status and tags."""
    parser = sub.add_parser(
        "campaign",
        help=helptext(_("prises de nouvelles en groupe auprès des personnes d'une étiquette")),
    )
    csub = parser.add_subparsers(dest="campaign_command", metavar="{send,status,tags}")
    csub.required = True
    send = csub.add_parser(
        "send",
        help=helptext(
            _("envoyer une prise de nouvelles à chaque personne consentante qui a l'étiquette")
        ),
    )
    send.add_argument(
        "--tag",
        required=True,
        help=helptext(_("l'étiquette donnée par les intervenants avec /tag")),
    )
    send.add_argument(
        "message", help=helptext(_("le message, dans les mots que les personnes liront"))
    )
    send.add_argument(
        "--no-wait",
        action="store_true",
        help=helptext(_("rendre la main une fois en file, sans suivre l'envoi")),
    )
    send.set_defaults(func=send_campaign)
    status = csub.add_parser(
        "status", help=helptext(_("où en est une campagne (la dernière par défaut)"))
    )
    status.add_argument(
        "id", nargs="?", type=whole_number, help=helptext(_("numéro de la campagne"))
    )
    status.set_defaults(func=campaign_status)
    tags = csub.add_parser(
        "tags",
        help=helptext(_("les étiquettes et combien de personnes consentantes portent chacune")),
    )
    tags.set_defaults(func=list_tags)


async def send_campaign(args: argparse.Namespace, env: Any) -> int:
    """Queue the campaign's check-ins, then follow them out unless --no-wait."""
    from bot.followups.campaigns import MAX_MESSAGE, clean_tag, create  # see _follow

    tag, message = clean_tag(args.tag), " ".join(args.message.split())
    if tag is None:
        return fail(env, ccm.BAD_TAG)
    if not message or len(message) > MAX_MESSAGE:
        return fail(env, ccm.bad_message(MAX_MESSAGE))
    now = env.now()
    async with env.db.transaction() as conn:
        created = await create(conn, tag, message, now, env.settings)
    if created is None:
        say(env, ccm.nobody_tagged(tag))
        return 1
    campaign_id, count, due = created
    say(env, ccm.created(campaign_id, tag, count))
    if due > now:
        say(env, ccm.quiet_hours(f"{due.astimezone(env.timezone):%Y-%m-%d %H:%M}"))
    say(env, _estimate(env, await _channels(env, campaign_id), env.settings.sms_rate))
    if args.no_wait or due > now:
        say(env, ccm.follow_with(campaign_id))
        return 0
    return await _follow(env, campaign_id)


async def _channels(env: Any, campaign_id: int) -> dict[str, int]:
    rows = await env.db.fetchall(
        "SELECT c.channel, count(*) AS n FROM followups f JOIN citizens c ON c.id = f.citizen_id"
        " WHERE f.campaign_id = ? GROUP BY c.channel",
        (campaign_id,),
    )
    return {r["channel"]: r["n"] for r in rows}


def _estimate(env: Any, channels: dict[str, int], sms_rate: float) -> Text:
    """How long pacing will take: SMS at the configured rate, Telegram at 30 a second."""
    seconds = channels.get("sms", 0) / sms_rate + channels.get("telegram", 0) / 30
    parts = ", ".join(render(env, ccm.by_channel(n, name)) for name, n in sorted(channels.items()))
    return ccm.estimate(parts, max(round(seconds), 1))


def _line(env: Any, campaign_id: int, p: Progress) -> str:
    waiting = p.waiting + p.in_flight
    text = ccm.progress(campaign_id, p.sent, p.total, p.failed, waiting, p.ok, p.talk)
    return render(env, text) + "\n"


async def _follow(env: Any, campaign_id: int) -> int:
    """Print progress as it changes until everything is out, or the bot seems absent."""
    # The campaign feature (and the engine it plugs into) is imported by the commands that use
    # it, not by every `relais …` that builds the parser.
    from bot.followups.campaigns import progress

    last, changed = None, time.monotonic()
    while True:
        state = await progress(env.db, campaign_id)
        if state != last:
            env.out.write(_line(env, campaign_id, state))
            env.out.flush()
            last, changed = state, time.monotonic()
        if state.out:
            return 0
        if time.monotonic() - changed > SILENCE_SECONDS:
            say(env, ccm.NO_PROGRESS)
            return 0
        await asyncio.sleep(POLL_SECONDS)


async def campaign_status(args: argparse.Namespace, env: Any) -> int:
    """One line for the campaign asked for, or the latest one."""
    from bot.followups.campaigns import progress

    if args.id is None:
        row = await env.db.fetchone("SELECT id FROM campaigns ORDER BY id DESC LIMIT 1")
    else:
        row = await env.db.fetchone("SELECT id FROM campaigns WHERE id = ?", (args.id,))
    if row is None:
        say(env, ccm.NO_SUCH)
        return 1
    env.out.write(_line(env, row["id"], await progress(env.db, row["id"])))
    return 0


async def list_tags(args: argparse.Namespace, env: Any) -> int:
    counts = await store.tag_counts(env.db)
    if not counts:
        say(env, ccm.NO_TAGS)
    for tag, count in counts:
        env.out.write(f"{tag}: {count}\n")
    return 0
