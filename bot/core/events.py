"""A few domain events, and the dispatcher that hands them to the features that subscribed.

Features do not call each other: the desk says "case closed", the check-ins listen. Publishing
is synchronous and inside the publisher's transaction: each handler gets the same connection,
so what it writes (an outbox row, an audit line) commits or rolls back with the change that
caused it. A handler that raises rolls the whole unit of work back, like any other step.
Handlers run in the order they subscribed, which is the order of the features in bot/app.py.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseClaimed:
    """A worker took a case (a card's button, or a check-in answer given to its worker)."""

    request_id: int
    worker_id: int
    at: datetime


@dataclass(frozen=True)
class CaseClosed:
    """A case was closed by a worker (`/fin`'s last button); `citizen_id` None if erased."""

    request_id: int
    worker_id: int
    citizen_id: int | None
    claimed_by: int | None
    at: datetime


@dataclass(frozen=True)
class UrgentWaiting:
    """An urgent request was opened with nobody on duty: the coordinators must hear at once."""

    request_id: int
    at: datetime


@dataclass(frozen=True)
class ShiftStarted:
    """A worker's shift begins now outside the rota's planned starts (a replacement)."""

    worker_id: int
    at: datetime


@dataclass(frozen=True)
class CitizenOptedOut:
    """A citizen sent STOP (or its equivalent)."""

    citizen_id: int
    at: datetime


@dataclass(frozen=True)
class CitizenErased:
    """A citizen's data was erased at their request; the id no longer names a row."""

    citizen_id: int
    at: datetime


@dataclass(frozen=True)
class WorkerDeactivated:
    """A worker was deactivated in the running bot (the dashboard); her open cases are back in
    the queue. (`relais workers deactivate` runs in its own process: the next sweep pages.)"""

    worker_id: int
    at: datetime


Event = (
    CaseClaimed | CaseClosed | UrgentWaiting | ShiftStarted | CitizenOptedOut | CitizenErased
    | WorkerDeactivated
)  # fmt: skip
Handler = Callable[[aiosqlite.Connection, Any], Awaitable[None]]
EVENT_TYPES: tuple[type, ...] = (
    CaseClaimed, CaseClosed, UrgentWaiting, ShiftStarted, CitizenOptedOut, CitizenErased,
    WorkerDeactivated,
)  # fmt: skip


class Events:
    """Event type → handlers, in subscription order."""

    def __init__(self) -> None:
        self._handlers: dict[type, list[Handler]] = {}

    def subscribe(self, event_type: type, handler: Handler) -> None:
        """Call `handler(conn, event)` for every event of this type."""
        if event_type not in EVENT_TYPES:
            raise ValueError(f"{event_type!r} is not a domain event")
        self._handlers.setdefault(event_type, []).append(handler)

    def handlers(self, event_type: type) -> list[Handler]:
        """The handlers of one event type, in order."""
        return list(self._handlers.get(event_type, ()))

    async def publish(self, conn: aiosqlite.Connection, event: Event) -> None:
        """Run every handler of this event now, in this transaction."""
        handlers = self._handlers.get(type(event), ())
        for handler in handlers:
            await handler(conn, event)
        if handlers:
            logger.debug("event.published", extra={"event": type(event).__name__})
