"""Running it for real: health figures, Prometheus metrics, alerts to coordinators, backups."""

from __future__ import annotations

from apscheduler.triggers.interval import IntervalTrigger

from bot.core.features import Feature, Job
from bot.ops import alerts
from bot.ops.service import Ops, Running


def feature(relais: Running) -> Feature:
    """Once channels run, track each one; the alert watch every 30 s.

    `relais` is the running bot (bot/app.py's Relais): ops watches the channels and the
    Telegram application themselves, which no feature else needs. bot/app.py builds `Ops`
    first and hooks its counters into the engine and the outbox sender.
    """
    every = IntervalTrigger(seconds=alerts.EVERY_SECONDS)
    return Feature(
        name="ops",
        on_start=(relais.ops.track_channels,),
        jobs=(Job("ops:alerts", every, alerts.tick, (relais,)),),
    )


__all__ = ["Ops", "Running", "feature"]
