"""Running it for real: health figures, Prometheus metrics, alerts to coordinators, backups."""

from __future__ import annotations

from bot.ops import alerts
from bot.ops.service import Ops


async def install(relais) -> None:
    """Count what goes in, out and fails: hooks on the engine and the outbox sender."""
    relais.ops = Ops(relais)
    relais.engine.on_accepted = relais.ops.accepted
    relais.sender.observer = relais.ops


async def started(relais) -> None:
    """Channels run: track each one, and start the alert watch."""
    await relais.ops.track_channels()
    await alerts.started(relais)
