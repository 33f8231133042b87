"""What the handlers hand a decoded message to: anything with `accept` (the engine)."""

from __future__ import annotations

from typing import Protocol

from flows.types import Inbound


class Accepts(Protocol):
    """Stores one inbound message before the provider is answered; False for a duplicate."""

    async def accept(self, inbound: Inbound) -> bool:
        """Store `inbound` (processing follows); False if it was already stored."""
