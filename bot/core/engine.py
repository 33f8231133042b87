"""The engine: one inbound message in, stored once, answered through the outbox, atomically."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta

import aiosqlite

from bot.channels.render import CITIZEN_CHOICE
from bot.core.citizen_turn import CitizenTurn
from bot.core.duty import Desk
from bot.core.events import Events
from bot.core.i18n import I18n
from bot.core.writer import OutboxWriter
from flows import citizen as citizen_flow
from flows import crisis, crisis_semantic
from flows import messages as m
from flows.types import (
    Context,
    Effect,
    Inbound,
    Kind,
    Reply,
)
from storage import audit, citizens
from storage import inbound as inbound_store
from storage.clock import to_db, utcnow
from storage.db import Database

logger = logging.getLogger(__name__)

# A message still 'received' this long after it was stored lost its process (kill -9 between
# the acknowledgement and the processing): the leader's rescue processes it.
RESCUE_AFTER = timedelta(seconds=5)


class Engine:
    """Handles inbound messages: record, step the flow, apply effects, queue replies."""

    def __init__(
        self,
        db: Database,
        i18n: I18n,
        *,
        retention_days: int = 365,
        default_language: str = "fr",
        clock: Callable[[], datetime] = utcnow,
        wake: Callable[[], None] = lambda: None,
        desk: Desk | None = None,
        directory: object | None = None,
        events: Events | None = None,
        writer: OutboxWriter | None = None,
    ) -> None:
        self.db = db
        self.i18n = i18n
        self.retention_days = retention_days
        self.default_language = default_language
        self.clock = clock
        self.wake = wake
        self.desk = desk or Desk()
        self.directory = directory
        self.writer = writer or OutboxWriter(i18n, clock)
        self.events = events or Events()  # opted out, erased: published in the citizen's turn
        # Extensions (check-ins, appointments…) handle their own effects: type → handler.
        self.effect_handlers: dict[type, Callable[[CitizenTurn, Effect], Awaitable[None]]] = {}
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._draining: set[str] = set()
        self._dirty: set[str] = set()
        self._drains: set[asyncio.Task] = set()
        # address → the id of its latest message the crisis patterns recognise, until processed:
        # its messages up to that one are processed before the ordinary backlog (`urgent`).
        self._urgent: dict[str, int] = {}
        self._store = inbound_store.GroupCommit(db)
        self.on_accepted: Callable[[Inbound], None] | None = None  # metrics (bot/ops)

    async def accept(
        self, inbound: Inbound, *, process: bool = True, wait: float | None = None
    ) -> bool:
        """Store a message (all a webhook waits for); False if it was a duplicate.

        Processing follows in the background, in order for each address. Storage errors
        raise (`storage.db.Busy` after `wait` seconds): a provider that gets no 200 keeps
        (or reroutes) its message.
        """
        (new,) = await self.accept_all([inbound], process=process, wait=wait)
        return new

    async def accept_all(
        self, inbounds: list[Inbound], *, process: bool = True, wait: float | None = None
    ) -> list[bool]:
        """Store several messages in one transaction (all or none); which ones were new."""
        if not inbounds:
            return []
        ids = await self._store.store(inbounds, wait)  # durable: acknowledged next
        for inbound, inbound_id in zip(inbounds, ids, strict=True):
            if inbound_id is None:
                logger.info("inbound.duplicate", extra={"provider_id": inbound.provider_id})
            else:
                if _speaks_of_crisis(inbound):
                    self._urgent[inbound.address] = inbound_id
                if self.on_accepted is not None:
                    self.on_accepted(inbound)
                if process:
                    self._spawn(inbound.address)
        return [inbound_id is not None for inbound_id in ids]

    async def handle(self, inbound: Inbound) -> bool:
        """Store and process one message before returning; False if it was a duplicate."""
        if not await self.accept(inbound, process=False):
            return False
        while await self._process_next(inbound.address):
            pass
        return True

    async def recover(self) -> int:
        """At start: process what was stored but not processed before a crash."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT address FROM inbound WHERE status = 'received'"
        )
        for row in rows:
            self._spawn(row["address"])
        return len(rows)

    async def rescue(self, older_than: timedelta = RESCUE_AFTER) -> int:
        """What was stored but is still 'received' after `older_than`: processed here.

        With several processes on one database, the one that stored a message processes it;
        if it died in between, the leader's periodic rescue (bot/core/rescue.py) does. A row
        another live process is processing right now is harmless to pick too: the pick in
        the transaction (`_process_next`) takes each row once, in order.
        """
        rows = await self.db.fetchall(
            "SELECT DISTINCT address FROM inbound WHERE status = 'received' AND received_at < ?",
            (to_db(self.clock() - older_than),),
        )
        for row in rows:
            self._spawn(row["address"])
        return len(rows)

    async def drain(self) -> None:
        """Wait until every accepted message has been processed (tests, shutdown)."""
        while self._drains:
            await asyncio.wait(set(self._drains))

    def _spawn(self, address: str) -> None:
        self._dirty.add(address)
        if address in self._draining:
            return
        self._draining.add(address)
        task = asyncio.create_task(self._drain_address(address))
        self._drains.add(task)
        task.add_done_callback(self._drains.discard)

    async def _drain_address(self, address: str) -> None:
        try:
            # `_dirty` catches a message stored while the last look found nothing.
            while address in self._dirty:
                self._dirty.discard(address)
                while await self._process_next(address):
                    pass
        except Exception:
            logger.exception("inbound.drain_failed")
        finally:
            self._draining.discard(address)

    async def _process_next(self, address: str) -> bool:
        """Process the oldest received message of this address; False when there is none.

        The row is read outside the transaction (so the crisis model can read its text
        outside the write lock), then the transaction checks that it is still the oldest
        'received' row of the address before taking it. Every transaction that stores or
        processes an address's messages holds its inbox lock (SQLite: the process's write
        lock and BEGIN IMMEDIATE; PostgreSQL: the address's key, `inbound.order_key`, with
        the whole-database lock shared), so "the oldest received row, taken in the
        transaction" is a total order per address across every process on the database:
        another process that took this row, or an older one stored meanwhile, and this one
        looks again. The asyncio lock per address only spares this process the useless round
        trips. On PostgreSQL a citizen's turn holds her key alone, and turns of different
        citizens run at once in different processes; a message the desk may take (a
        worker's, `Desk.may_handle`) is rolled back and taken again with the whole database.

        A message the crisis patterns recognise (`flows.crisis.by_patterns`: cheap, checked
        here before the lock) is processed `urgent`: before the ordinary processing queued
        for the lock, so its answer does not wait for a campaign's replies. So are that
        address's earlier messages still waiting when it was accepted here (and their read
        of the row): the citizen's order holds. The flow still decides what the message is
        (`detect_crisis`). A crisis found at start (`recover`) is urgent from its own row.
        """
        lock = self._locks.setdefault(address, asyncio.Lock())
        async with lock:
            row = await self.db.fetchone(
                "SELECT id, payload FROM inbound WHERE address = ? AND status = 'received'"
                " ORDER BY id LIMIT 1",
                (address,),
                urgent=address in self._urgent,
            )
            if row is None:
                self._urgent.pop(address, None)
                return False
            inbound = inbound_store.decode(row["payload"])
            await self._read_ahead(inbound)
            marked = self._urgent.get(address, 0)  # dropped once the address has none left
            urgent = row["id"] <= marked or _speaks_of_crisis(inbound)
            try:
                try:
                    await self._take(
                        inbound, row["id"], urgent, (inbound_store.order_key(address),)
                    )
                except _WholeDatabase:
                    await self._take(inbound, row["id"], urgent, None)
            except Exception:
                logger.exception("inbound.failed", extra={"inbound_id": row["id"]})
                if not await self._fallback(inbound, row["id"]):
                    return False  # left 'received': the next start tries again
        self.wake()
        return True

    async def _take(
        self, inbound: Inbound, inbound_id: int, urgent: bool, keys: tuple[str, ...] | None
    ) -> None:
        """One transaction: the row taken if it is still the oldest, and processed."""
        async with self.db.transaction(urgent=urgent, keys=keys) as conn:
            if await inbound_store.oldest_received(conn, inbound.address) != inbound_id:
                return  # taken elsewhere (or an older one came): look again
            if await inbound_store.start_processing(conn, inbound_id):
                await self._process(conn, inbound, inbound_id)

    @staticmethod
    async def _read_ahead(inbound: Inbound) -> None:
        """Let the crisis sentence model read the text in its own thread, outside the write
        lock; the flow then finds its answer memoized (flows/crisis_semantic.py)."""
        reader = crisis_semantic.READER
        if inbound.text and reader.wants(inbound.text):
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(reader.executor, reader.read_ahead, inbound.text)

    async def say(
        self, conn: aiosqlite.Connection, address: str, reply: Reply, language: str, **ids: int
    ) -> list[int]:
        """Render a reply for its recipient and queue it in this transaction (the writer's)."""
        return await self.writer.say(conn, address, reply, language, **ids)

    async def say_to_citizen(
        self, conn: aiosqlite.Connection, citizen_id: int, reply: Reply, **options
    ) -> bool:
        """An unsolicited message, queued unless opted out (bot/core/writer.py)."""
        return await self.writer.say_to_citizen(conn, citizen_id, reply, **options)

    async def _process(self, conn: aiosqlite.Connection, inbound: Inbound, inbound_id: int) -> None:
        now = self.clock()
        if inbound.channel == "telegram":
            if not conn.whole_database and await self.desk.may_handle(conn, inbound):
                raise _WholeDatabase  # rolled back, taken again with the whole database
            if await self.desk.handle_worker(conn, inbound, inbound_id, now):
                return
        await self._citizen(conn, inbound, inbound_id, now)

    async def _fallback(self, inbound: Inbound, inbound_id: int) -> bool:
        """The step failed: keep the message, apologize kindly, tell the coordinators (ids).

        The one error path of a message: the traceback is logged by the caller, the sender
        gets the apology (unless opted out), the coordinators a note naming the message's id.
        """
        try:
            async with self.db.transaction() as conn:
                await inbound_store.mark_failed(conn, inbound_id)
                row = await citizens.by_address(conn, inbound.address)
                language = row["language"] if row else self.default_language
                if row is None or citizens.reachable(row):
                    await self.say(conn, inbound.address, Reply(m.sorry()), language)
                await audit.log(conn, self.clock(), "system", "inbound.failed")
        except Exception:
            logger.exception("inbound.fallback_failed", extra={"inbound_id": inbound_id})
            return False
        try:
            async with self.db.transaction() as conn:
                await self.desk.step_failed(conn, inbound_id, self.clock())
        except Exception:
            logger.exception("inbound.alert_failed", extra={"inbound_id": inbound_id})
        return True

    async def _citizen(
        self, conn: aiosqlite.Connection, inbound: Inbound, inbound_id: int, now: datetime
    ) -> None:
        citizen_id, state = await citizens.get_or_create(
            conn, inbound.address, self.default_language, now
        )
        await inbound_store.link(conn, inbound_id, citizen_id=citizen_id)
        facts = await self.desk.facts(conn, now)
        ctx = Context(
            now=now,
            retention_days=self.retention_days,
            on_duty=facts.on_duty,
            next_shift_at=facts.next_shift_at,
            default_language=self.default_language,
            night=facts.night,
            on_call=facts.on_call,
        )
        if inbound.kind is Kind.CHOICE and inbound.choice:
            inbound = replace(inbound, choice=inbound.choice.removeprefix(CITIZEN_CHOICE))
        outcome = citizen_flow.step(state, inbound, ctx)
        turn = CitizenTurn(conn, self, inbound, inbound_id, citizen_id, outcome.state, facts, now)
        await turn.apply(outcome)


class _WholeDatabase(Exception):
    """A turn begun with its inbox key alone found it needs the whole database (the desk)."""


def _speaks_of_crisis(inbound: Inbound) -> bool:
    """A text the crisis patterns recognise (what the flow checks first, flows/citizen.py)."""
    if inbound.kind not in (Kind.TEXT, Kind.EDITED):
        return False
    return crisis.by_patterns(inbound.text.strip()) is not None
