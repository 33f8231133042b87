"""`relais campaign send|status|tags`: mass check-ins from the command line.

This process only writes rows: the campaign and one pending check-in per citizen, in one
transaction. The running bot (`relais run`) sends them: its sweep looks every 10 seconds,
and its outbox sender paces them (SMS at RELAIS_SMS_RATE, Telegram 30/s and 1/s per chat).
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any

from bot.followups.campaigns import MAX_MESSAGE, Progress, clean_tag, create, progress
from storage import followups as store

POLL_SECONDS = 2.0
SILENCE_SECONDS = 60.0  # no progress for this long: the bot is probably not running


def add_parser(sub: Any) -> None:
    """Add `campaign` with send, status and tags."""
    parser = sub.add_parser("campaign", help="mass check-ins to the citizens with a tag")
    csub = parser.add_subparsers(dest="campaign_command", metavar="{send,status,tags}")
    csub.required = True
    send = csub.add_parser("send", help="send a check-in to every opted-in citizen with a tag")
    send.add_argument("--tag", required=True, help="the tag workers gave with /tag")
    send.add_argument("message", help="the message, in the words citizens will read")
    send.add_argument(
        "--no-wait", action="store_true", help="return once queued, without following progress"
    )
    send.set_defaults(func=send_campaign)
    status = csub.add_parser("status", help="where a campaign stands (the latest by default)")
    status.add_argument("id", nargs="?", type=int, help="campaign number")
    status.set_defaults(func=campaign_status)
    tags = csub.add_parser("tags", help="the tags and how many opted-in citizens carry each")
    tags.set_defaults(func=list_tags)


async def send_campaign(args: argparse.Namespace, env: Any) -> int:
    """Queue the campaign's check-ins, then follow them out unless --no-wait."""
    tag, message = clean_tag(args.tag), " ".join(args.message.split())
    if tag is None:
        env.out.write("error: a tag has 1 to 30 letters a-z, digits, - or _\n")
        return 2
    if not message or len(message) > MAX_MESSAGE:
        env.out.write(f"error: the message must have 1 to {MAX_MESSAGE} characters\n")
        return 2
    now = env.now()
    async with env.db.transaction() as conn:
        created = await create(conn, tag, message, now, env.settings)
    if created is None:
        env.out.write(f"No opted-in citizen has the tag {tag!r}: nothing sent.\n")
        return 1
    campaign_id, count, due = created
    env.out.write(f"Campaign {campaign_id} (tag {tag}): {count} citizen(s).\n")
    if due > now:
        local = due.astimezone(env.timezone)
        env.out.write(f"Quiet hours: the messages go out at {local:%Y-%m-%d %H:%M}.\n")
    env.out.write(_estimate(await _channels(env, campaign_id), env.settings.sms_rate))
    if args.no_wait or due > now:
        env.out.write(f"Follow it with: relais campaign status {campaign_id}\n")
        return 0
    return await _follow(env, campaign_id)


async def _channels(env: Any, campaign_id: int) -> dict[str, int]:
    rows = await env.db.fetchall(
        "SELECT c.channel, count(*) AS n FROM followups f JOIN citizens c ON c.id = f.citizen_id"
        " WHERE f.campaign_id = ? GROUP BY c.channel",
        (campaign_id,),
    )
    return {r["channel"]: r["n"] for r in rows}


def _estimate(channels: dict[str, int], sms_rate: float) -> str:
    """How long pacing will take: SMS at the configured rate, Telegram at 30 a second."""
    seconds = channels.get("sms", 0) / sms_rate + channels.get("telegram", 0) / 30
    parts = ", ".join(f"{n} by {name}" for name, n in sorted(channels.items()))
    seconds = max(round(seconds), 1)
    return f"Channels: {parts}. Sending takes about {seconds} s once the bot has them.\n"


def _line(campaign_id: int, p: Progress) -> str:
    return (
        f"Campaign {campaign_id}: {p.sent}/{p.total} sent, {p.failed} failed, "
        f"{p.waiting + p.in_flight} waiting; answers: {p.ok} fine, {p.talk} want to talk.\n"
    )


async def _follow(env: Any, campaign_id: int) -> int:
    """Print progress as it changes until everything is out, or the bot seems absent."""
    last, changed = None, time.monotonic()
    while True:
        state = await progress(env.db, campaign_id)
        if state != last:
            env.out.write(_line(campaign_id, state))
            env.out.flush()
            last, changed = state, time.monotonic()
        if state.out:
            return 0
        if time.monotonic() - changed > SILENCE_SECONDS:
            env.out.write(
                "No progress for a minute: is the bot running (relais run)? "
                "The messages wait in the database and go out once it runs.\n"
            )
            return 0
        await asyncio.sleep(POLL_SECONDS)


async def campaign_status(args: argparse.Namespace, env: Any) -> int:
    """One line for the campaign asked for, or the latest one."""
    if args.id is None:
        row = await env.db.fetchone("SELECT id FROM campaigns ORDER BY id DESC LIMIT 1")
    else:
        row = await env.db.fetchone("SELECT id FROM campaigns WHERE id = ?", (args.id,))
    if row is None:
        env.out.write("No such campaign.\n")
        return 1
    env.out.write(_line(row["id"], await progress(env.db, row["id"])))
    return 0


async def list_tags(args: argparse.Namespace, env: Any) -> int:
    counts = await store.tag_counts(env.db)
    if not counts:
        env.out.write("No tags yet: workers add them with /tag in Telegram.\n")
    for tag, count in counts:
        env.out.write(f"{tag}: {count}\n")
    return 0
