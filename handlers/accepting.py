"""What the handlers hand a decoded message to: anything with `accept` (the engine)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from flows.types import Inbound


class Accepts(Protocol):
    """Stores inbound messages before the provider is answered; False for a duplicate."""

    async def accept(self, inbound: Inbound, *, wait: float | None = None) -> bool:
        """Store `inbound` (processing follows); False if it was already stored."""

    async def accept_all(
        self, inbounds: list[Inbound], *, process: bool = True, wait: float | None = None
    ) -> list[bool]:
        """Store several in one transaction (all or none); which ones were new."""

    def clock(self) -> datetime:
        """The time messages are stamped with (the bot's clock, faked in simulations)."""
