"""A worker's turn as features see it, so that they need not import the desk (bot/desk).

bot/desk/turn.py's `WorkerTurn` and bot/desk/desk.py's `RotaDesk` implement these protocols;
`Action` is what the one authorization path (bot/desk/policy.py) decides about.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

import aiosqlite

from flows.text import Raw, Text
from flows.types import Choice, Inbound
from storage.requests import Request
from storage.workers import Worker

WORKER_CHOICE = "w:"  # callback data of worker buttons: `w:<prefix>:<field>…`


class Action(StrEnum):
    """What a worker wants to do with a case."""

    CLAIM = "claim"
    WORK = "work"
    FOLLOW_UP = "follow_up"
    VIEW = "view"  # read a case on the dashboard
    ASSIGN = "assign"  # give a case to a worker (a coordinator, on the dashboard)


class TurnDesk(Protocol):
    """The desk's side of a turn: its zone, its writer, the citizen of a case."""

    timezone: Any
    engine: Any  # the outbox writer: say(), say_to_citizen(), i18n

    async def reachable(self, turn: Any, request: Request, **ids: int) -> Any:
        """The citizen's row if they can still be written to; else the worker is told why."""

    async def send_to_citizen(
        self, turn: Any, request: Request, text: Text, human: bool = False
    ) -> bool:
        """Queue a message to the citizen of a case, unless they opted out or erased."""


class WorkerTurn(Protocol):
    """One message from a worker being handled."""

    desk: TurnDesk
    conn: aiosqlite.Connection
    worker: Worker
    inbound: Inbound
    now: datetime

    @property
    def language(self) -> str:
        """The worker's first language."""

    async def reply(self, text: Text | Raw, choices: tuple[Choice, ...] = (), **ids) -> None:
        """Queue a message to this worker."""

    async def own_case(
        self, request_id: int | None, action: Action = Action.WORK
    ) -> Request | None:
        """The case a button names, if this worker may act on it."""

    async def case(self, explicit: str = "", action: Action = Action.WORK) -> Request | None:
        """The case meant (named, answered-to, the only one open); else ask."""
