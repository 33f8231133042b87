"""The coordinators hear of a stuck backlog or a failing channel, through a channel that works.

A scheduler job looks every 30 seconds. A new problem is told once per incident: its key in
`notices` ("ops:alert:outbox_stuck:sms") stays while the problem lasts — across restarts too —
and is removed, with a "resolved" message, when it is over (a channel down: once a send on it
went through).

Coordinators are told on Telegram unless Telegram is the failing channel; then, or when no
coordinator has a linked account, by SMS to the numbers of `RELAIS_ALERT_SMS`. Alerts go
straight to the channel, not through the outbox: the outbox may be the very thing that is stuck.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from bot.channels.render import render
from bot.ops.service import Running
from flows import worker_messages as wm
from flows.text import Text
from flows.types import Reply
from storage import workers
from storage.clock import from_db, to_db
from storage.outbox import OutboxItem

logger = logging.getLogger(__name__)

PREFIX = "ops:alert:"
EVERY_SECONDS = 30  # a stuck backlog is declared after minutes; half a minute more is nothing
SEND_TIMEOUT = 20.0  # one alert send must not hold the job when the peer hangs


async def tick(relais: Running) -> None:
    await watch(relais, relais.clock())


async def watch(relais: Running, now: datetime) -> list[str]:
    """Tell new problems and the end of old ones; the problems told this time."""
    current = await relais.ops.problems(now)
    told_before = await _open(relais)
    told = []
    for problem in current:
        if problem in told_before:
            continue
        if await _tell(relais, current, wm.ops_alert(wm.ops_problem(problem))):
            await relais.db.execute(
                "INSERT INTO notices (key, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (PREFIX + problem, to_db(now)),
            )
            told.append(problem)
            logger.warning("ops.alert", extra={"problem": problem})
        else:
            logger.error("ops.alert_undelivered", extra={"problem": problem})
    for problem in sorted(set(told_before) - set(current)):
        if not _over(relais, problem, told_before[problem]):
            continue
        await _tell(relais, current, wm.ops_resolved(wm.ops_problem(problem)))
        await relais.db.execute("DELETE FROM notices WHERE key = ?", (PREFIX + problem,))
        logger.warning("ops.resolved", extra={"problem": problem})
    return told


async def _open(relais: Running) -> dict[str, datetime]:
    """The problems told and not yet over: key → when they were told."""
    rows = await relais.db.fetchall(
        "SELECT key, sent_at FROM notices WHERE key >= ? AND key < ?", (PREFIX, PREFIX[:-1] + ";")
    )
    return {row["key"].removeprefix(PREFIX): from_db(row["sent_at"]) for row in rows}


def _over(relais: Running, problem: str, told_at: datetime) -> bool:
    """Gone from the figures, and for a channel down: something went out on it since.

    Failures in a row are counted in memory: after a restart they start from zero, which says
    nothing about the channel; only a send that goes through ends that incident.
    """
    kind, _sep, channel = problem.partition(":")
    if kind != "channel_down":
        return True
    state = relais.ops.channels.get(channel)
    return state is None or state.sent_since(told_at)


async def _tell(relais: Running, current: list[str], text: Text) -> bool:
    """Telegram to coordinators, else SMS to RELAIS_ALERT_SMS; True if anyone got it."""
    failing = {p.partition(":")[2] for p in current if ":" in p}
    if "telegram" in relais.channels and "telegram" not in failing:
        coordinators = await workers.coordinators(relais.db)
        to = [(f"telegram:{w.telegram_id}", (w.languages or ("fr",))[0]) for w in coordinators]
        if to and await _send_all(relais, to, text):
            return True
    numbers = relais.settings.alert_sms
    if "sms" in relais.channels and "sms" not in failing and numbers:
        return await _send_all(
            relais, [(f"sms:{n}", relais.settings.locale) for n in numbers], text
        )
    return False


async def _send_all(relais: Running, to: list[tuple[str, str]], text: Text) -> bool:
    """Send to each address; True when at least one got it."""
    delivered = 0
    for address, language in to:
        channel = relais.channels[address.split(":", 1)[0]]
        try:
            for part in render(Reply(text), language, address, relais.i18n):
                item = OutboxItem(0, address, "text", part.body, None, None, 0, None, None, None)
                await asyncio.wait_for(channel.send(item), SEND_TIMEOUT)
            delivered += 1
        except Exception as exc:  # SendError, a timeout, or a library surprise: next one
            logger.warning("ops.alert_send_failed", extra={"error": type(exc).__name__})
    return delivered > 0
