"""The worker desk: `RotaDesk`, composed of its parts, and how a worker's message is routed.

Where the rest lives: `turn.py` (one worker message being handled), `roster.py` (duty facts
from the rota), `paging.py` (request cards), `relay.py` (cases and the two-way relay),
`linking.py` (`/start CODE`), `policy.py` (who may act on which case), `callbacks.py` (the one
registry of button prefixes), `commands.py` and `coordinator.py` (worker and coordinator
commands), `segments.py` (the SMS segment choice).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core import args as parse
from bot.core.duty import Desk
from bot.core.events import Events
from bot.core.writer import OutboxWriter
from bot.desk import policy
from bot.desk.callbacks import Callbacks
from bot.desk.linking import Linking
from bot.desk.paging import Paging
from bot.desk.policy import Action, Refusal
from bot.desk.relay import Relay
from bot.desk.roster import Roster
from bot.desk.turn import WorkerTurn
from flows import worker_messages as wm
from flows.text import Text
from flows.types import Inbound, Kind, Reply
from storage import inbound as inbound_store
from storage import workers
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)

Command = Callable[[WorkerTurn, str], Awaitable[None]]


class RotaDesk(Roster, Paging, Relay, Linking, Desk):
    """The desk of interfaces.md: on-duty workers by rota, cards, claims, relay, commands."""

    def __init__(
        self, writer: OutboxWriter, timezone: ZoneInfo, events: Events | None = None
    ) -> None:
        self.engine = writer  # say(), say_to_citizen(), i18n: the outbox writer, not the engine
        self.i18n = writer.i18n
        self.timezone = timezone
        self.events = events or Events()
        self.commands: dict[str, Command] = {}
        self.callbacks = Callbacks()
        self.help: list[tuple[str, Callable[[], Text]]] = []  # (role, text), composed by /aide
        self._rota_cache: tuple[tuple, list] | None = None

    def add_button(self, prefix: str, handler: Callable, *fields: parse.Parser) -> None:
        """A feature's button prefix, in the one registry (a duplicate refuses to start)."""
        self.callbacks.add(prefix, handler, *fields)

    # ---- talking to workers -----------------------------------------------------------

    async def tell_worker(
        self, conn: aiosqlite.Connection, worker: Worker, reply: Reply, **ids: int | None
    ) -> list[int]:
        """Queue a message to a worker's Telegram chat; choices become worker buttons."""
        if worker.telegram_id is None:
            return []
        language = worker.languages[0] if worker.languages else "fr"
        ids.setdefault("worker_id", worker.id)
        return await self.engine.say(conn, f"telegram:{worker.telegram_id}", reply, language, **ids)

    # ---- inbound from workers ---------------------------------------------------------

    async def handle_worker(
        self, conn: aiosqlite.Connection, inbound: Inbound, inbound_id: int, now: datetime
    ) -> bool:
        if inbound.sender_id is None:
            return False
        text = inbound.text.strip()
        if text.startswith("/start ") and await self._link(conn, inbound, text, now):
            return True
        worker = await workers.get_by_telegram_id(conn, inbound.sender_id)
        if worker is None:
            return False
        await inbound_store.link(conn, inbound_id, worker_id=worker.id)
        turn = WorkerTurn(self, conn, worker, inbound, now, inbound_id)
        if not worker.active:
            await turn.reply(wm.deactivated())
            return True
        await self._dispatch(turn, text)
        return True

    async def may_handle(self, conn: aiosqlite.Connection, inbound: Inbound) -> bool:
        if inbound.sender_id is None:
            return False
        if inbound.text.strip().startswith("/start "):
            return True  # a link code, maybe: `_link` decides, with the whole database
        return await workers.get_by_telegram_id(conn, inbound.sender_id) is not None

    async def _dispatch(self, turn: WorkerTurn, text: str) -> None:
        inbound = turn.inbound
        if inbound.kind is Kind.CHOICE:
            await self._callback(turn, inbound.choice or "")
        elif text.startswith("/"):
            name, _, rest = text[1:].partition(" ")
            command = self.commands.get(name.split("@", 1)[0].lower())
            await (command(turn, rest.strip()) if command else turn.reply(wm.worker_help()))
        elif inbound.kind in (Kind.TEXT, Kind.EDITED) and text:
            await self.relay_to_citizen(turn, text)
        else:
            await turn.reply(wm.text_only_worker())

    async def _callback(self, turn: WorkerTurn, data: str) -> None:
        parsed = self.callbacks.parse(data)
        if parsed is None:
            logger.info("callback.refused", extra={"worker_id": turn.worker.id})
            await turn.reply(wm.not_allowed())
            return
        route, values = parsed
        await route.handler(turn, values)

    async def refusal(
        self,
        conn: aiosqlite.Connection,
        worker: Worker,
        action: Action,
        request: Request | None,
        now: datetime,
    ) -> Refusal | None:
        """The policy's answer for this worker, action and request (None: allowed)."""
        if request is None:
            return Refusal.NOT_ALLOWED
        on_duty = await self.on_duty_workers(conn, now) if action is Action.CLAIM else []
        standing = await policy.standing(conn, worker, request, on_duty)
        return policy.may(worker, action, request, standing)

    async def step_failed(self, conn: aiosqlite.Connection, inbound_id: int, now: datetime) -> None:
        """A message could not be handled: each coordinator is told its id, never its text."""
        for coordinator in await workers.coordinators(conn):
            await self.tell_worker(conn, coordinator, Reply(wm.step_failed(inbound_id)))
        logger.warning("inbound.coordinators_told", extra={"inbound_id": inbound_id})
