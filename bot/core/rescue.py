"""The leader's rescue: what a process that died left half done, taken up again.

A message stored (and acknowledged) by a process killed before it processed it stays
'received'; an outbox row claimed by a process killed mid-send stays 'sending'. A process
that restarts takes up its own (`Engine.recover`, `OutboxSender.start`); this job, run by the
leader alone (bot/core/leader.py), takes up those of a process that did not come back: inbox
rows older than `engine.RESCUE_AFTER`, outbox rows whose lease expired (`sender.LEASE`).
"""

from __future__ import annotations

from apscheduler.triggers.interval import IntervalTrigger

from bot.channels.sender import OutboxSender
from bot.core.engine import Engine
from bot.core.features import Feature, Job

EVERY_SECONDS = 5


async def rescue(engine: Engine, sender: OutboxSender) -> None:
    """One pass: stranded inbox rows processed here, expired claims pending again."""
    await engine.rescue()
    await sender.rescue()


def feature(engine: Engine, sender: OutboxSender) -> Feature:
    return Feature(
        name="rescue",
        jobs=(
            Job("relais:rescue", IntervalTrigger(seconds=EVERY_SECONDS), rescue, (engine, sender)),
        ),
    )
