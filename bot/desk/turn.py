"""One message from a worker being handled (`WorkerTurn`): what commands and buttons are handed."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import aiosqlite

from bot.core.turns import TurnDesk
from bot.desk import policy
from bot.desk.policy import Action, Refusal
from flows import worker_messages as wm
from flows.text import Raw, Text
from flows.types import Choice, Inbound, Reply
from storage import inbound as inbound_store
from storage import requests as request_store
from storage.requests import Request
from storage.workers import Worker


class TurnsDesk(TurnDesk, Protocol):
    """What a turn asks of the desk (bot/desk/desk.py's `RotaDesk`)."""

    async def tell_worker(
        self, conn: aiosqlite.Connection, worker: Worker, reply: Reply, **ids: int | None
    ) -> list[int]: ...

    async def refusal(
        self, conn: aiosqlite.Connection, worker: Worker, action: Action,
        request: Request | None, now: datetime,
    ) -> Refusal | None: ...  # fmt: skip

    async def resolve_case(
        self, conn: aiosqlite.Connection, worker: Worker, inbound: Inbound, explicit: str = ""
    ) -> Request | None: ...

    async def open_cases(self, conn: aiosqlite.Connection, worker_id: int) -> list[Request]: ...


class WorkerTurn:
    """One message from a worker being handled, with what commands need."""

    def __init__(
        self,
        desk: TurnsDesk,
        conn: aiosqlite.Connection,
        worker: Worker,
        inbound: Inbound,
        now: datetime,
        inbound_id: int | None = None,
    ) -> None:
        self.desk, self.conn, self.worker, self.inbound, self.now = desk, conn, worker, inbound, now
        self.inbound_id = inbound_id

    async def _about(self, request: Request) -> Request:
        """This message concerns the case: an erasure of its person deletes it too."""
        if self.inbound_id is not None:
            await inbound_store.link(self.conn, self.inbound_id, request_id=request.id)
        return request

    @property
    def language(self) -> str:
        return self.worker.languages[0] if self.worker.languages else "fr"

    async def reply(self, text: Text | Raw, choices: tuple[Choice, ...] = (), **ids) -> None:
        await self.desk.tell_worker(self.conn, self.worker, Reply(text, choices), **ids)

    async def own_case(
        self, request_id: int | None, action: Action = Action.WORK
    ) -> Request | None:
        """The case a button names, if this worker may act on it: callback data can be forged."""
        request = await request_store.get(self.conn, request_id) if request_id else None
        return await self.allowed(request, action, request_id or 0)

    async def allowed(
        self, request: Request | None, action: Action, request_id: int = 0
    ) -> Request | None:
        """`request` if the policy lets this worker do `action` on it; else say why, None."""
        refusal = await self.desk.refusal(self.conn, self.worker, action, request, self.now)
        if refusal is None:
            return await self._about(request) if request is not None else None
        await self.refuse(refusal, action, request, request_id)
        return None

    async def refuse(
        self, refusal: Refusal, action: Action, request: Request | None, request_id: int = 0
    ) -> None:
        """Say no (the case is closed, or not allowed) and leave an audit row."""
        request_id = request.id if request is not None else request_id
        await policy.refused(self.conn, self.worker, action, request_id, self.now)
        if refusal is Refusal.CLOSED and request is not None:
            await self.reply(wm.case_closed(request.alias), request_id=request.id)
        else:
            await self.reply(wm.not_allowed())

    async def case(self, explicit: str = "", action: Action = Action.WORK) -> Request | None:
        """The case meant: named (#A7), answered-to, or the only one open; else ask."""
        request = await self.desk.resolve_case(self.conn, self.worker, self.inbound, explicit)
        if request is None:
            cases = await self.desk.open_cases(self.conn, self.worker.id)
            await self.reply(wm.which_case() if cases else wm.no_case())
            return None
        return await self.allowed(request, action)
