"""The worker side as the engine sees it: duty facts, and the desk's default (no rota).

Its own module so that the engine, the citizen's turn and the desk can all name it without
importing each other; `bot.desk.desk.RotaDesk` is the real one, handed to the engine by
bot/app.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from flows.types import Inbound
from storage import requests as request_store


@dataclass(frozen=True)
class DutyFacts:
    """What the rota says right now, as the citizen flow needs it."""

    on_duty: bool = False
    next_shift_at: datetime | None = None
    night: str = ""
    on_call: bool = False  # someone (on call, coordinator) receives urgent cards out of hours


class Desk:
    """The worker side, seen from the engine; the default has no rota and no workers.

    `bot.desk.desk.RotaDesk` (duty rota, worker cards, relay) replaces it when wired in.
    """

    async def facts(self, conn: aiosqlite.Connection, now: datetime) -> DutyFacts:
        return DutyFacts()

    async def handle_worker(
        self, conn: aiosqlite.Connection, inbound: Inbound, inbound_id: int, now: datetime
    ) -> bool:
        """Handle a message from a worker; False when the sender is not a worker."""
        return False

    async def may_handle(self, conn: aiosqlite.Connection, inbound: Inbound) -> bool:
        """Whether `handle_worker` might take this message (a worker's, or a `/start CODE`):
        read in the transaction, before it changes anything. The desk's work needs the whole
        database (claims, relays, /fin: storage/pg.py), a citizen's turn only her inbox."""
        return False

    async def request_opened(
        self, conn: aiosqlite.Connection, request: request_store.Request, now: datetime
    ) -> None:
        """Page the workers on duty."""

    async def urgent(
        self, conn: aiosqlite.Connection, request: request_store.Request, now: datetime
    ) -> None:
        """A request just became urgent: tell who holds it, or page it again as urgent."""

    async def citizen_message(
        self,
        conn: aiosqlite.Connection,
        request: request_store.Request,
        inbound: Inbound,
        now: datetime,
    ) -> None:
        """Relay a citizen's message to the worker who has the case."""

    async def step_failed(self, conn: aiosqlite.Connection, inbound_id: int, now: datetime) -> None:
        """Tell the coordinators that a message could not be handled (ids only)."""

    async def citizen_status(
        self, conn: aiosqlite.Connection, citizen_id: int, status: str, now: datetime
    ) -> None:
        """Tell the worker of a citizen's open cases that she opted out, came back or erased."""
