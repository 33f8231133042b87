"""Cases and the two-way relay: which case a worker means, the worker's words to the citizen
(signed, never a number), the citizen's to the worker, and what the worker is told when a
citizen opts out, erases or cannot be reached."""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.core import args as parse
from bot.desk import segments
from bot.desk.turn import WorkerTurn
from flows import messages as m
from flows import worker_messages as wm
from flows.text import Text
from flows.types import Inbound, Kind, Reply
from storage import citizens, workers
from storage import requests as request_store
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)


class Relay:
    """The desk's cases and relay (mixed into bot/desk/desk.py's `RotaDesk`; uses its
    `tell_worker` and outbox writer)."""

    async def open_cases(self, conn: aiosqlite.Connection, worker_id: int) -> list[Request]:
        rows = await conn.execute_fetchall(
            "SELECT id FROM requests WHERE claimed_by = ? AND status = 'claimed' ORDER BY id",
            (worker_id,),
        )
        return [await request_store.get(conn, r["id"]) for r in rows]

    async def resolve_case(
        self, conn: aiosqlite.Connection, worker: Worker, inbound: Inbound, explicit: str = ""
    ) -> Request | None:
        """Named (#A7), answered-to (Telegram reply), or the worker's only open case.

        A case named or answered-to is returned whoever holds it: the policy decides next.
        """
        request_id = parse.alias(explicit)
        if explicit.strip() and request_id is None:
            return None  # a name that is no case (#A², #A99999999999) picks none
        if request_id is None and inbound.reply_to:
            rows = await conn.execute_fetchall(
                "SELECT request_id FROM outbox WHERE address = ? AND provider_message_id = ?"
                " AND request_id IS NOT NULL",
                (inbound.address, inbound.reply_to),
            )
            request_id = rows[0]["request_id"] if rows else None
        if request_id is not None:
            request = await request_store.get(conn, request_id)
            return request if request and request.claimed_by == worker.id else None
        cases = await self.open_cases(conn, worker.id)
        return cases[0] if len(cases) == 1 else None

    async def relay_to_citizen(self, turn: WorkerTurn, text: str) -> None:
        """A worker's words go to the citizen of the case, signed; never their number.

        By SMS, words that force UCS-2 where an accent-free spelling costs fewer segments are
        held: the worker sees the count and chooses (the "sms" buttons, bot/desk/commands.py).
        """
        request = await turn.case()
        if request is None:
            return
        if await segments.hold_if_cheaper(turn, request, text):
            return
        await self.send_signed(turn, request, text)

    async def send_signed(self, turn: WorkerTurn, request: Request, text: str) -> bool:
        """The worker's words, signed, to the citizen of the case."""
        signed = m.signed(text, *self._signature(turn.worker))
        return await self.send_to_citizen(turn, request, signed, human=True)

    async def send_to_citizen(
        self, turn: WorkerTurn, request: Request, text: Text, human: bool = False
    ) -> bool:
        """Queue a message to the citizen of a case, unless they opted out or erased.

        `human`: a worker's own words, which count for the time to the first human reply.
        """
        row = await self.reachable(turn, request)
        if row is None:
            return False
        await self.engine.say(
            turn.conn,
            row["address"],
            Reply(text),
            row["language"],
            citizen_id=row["id"],
            request_id=request.id,
        )
        if human:
            await request_store.mark_first_reply(turn.conn, request.id, turn.now)
        return True

    async def reachable(
        self, turn: WorkerTurn, request: Request, **ids: int
    ) -> aiosqlite.Row | None:
        """The citizen of a case if they can still be written to; else the worker is told why."""
        row = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
        if not citizens.reachable(row):
            refusal = wm.erased_refusal if row is None else wm.opted_out_refusal
            await turn.reply(refusal(request.alias), **ids)
            return None
        return row

    @staticmethod
    def _signature(worker: Worker) -> tuple[str, str]:
        return worker.name.split()[0], worker.organization

    async def citizen_message(
        self, conn: aiosqlite.Connection, request: Request, inbound: Inbound, now: datetime
    ) -> None:
        """Relay what the citizen wrote to the worker who has the case, with its alias."""
        if request.status != "claimed" or request.claimed_by is None:
            return  # kept with the request; shown to whoever claims it
        worker = await workers.get(conn, request.claimed_by)
        if worker is None:
            return
        if inbound.kind is Kind.MEDIA or (inbound.media and not inbound.text):
            text = wm.citizen_media(request.alias, inbound.media or "?")
        else:
            text = wm.history_line(request.alias, inbound.text)
        await self.tell_worker(conn, worker, Reply(text), request_id=request.id)

    async def citizen_status(
        self, conn: aiosqlite.Connection, citizen_id: int, status: str, now: datetime
    ) -> None:
        """The citizen opted out ("stop"), came back ("start") or erased ("erased"): the worker
        holding each of her open cases is told, so a case never just goes quiet."""
        rows = await conn.execute_fetchall(
            "SELECT id FROM requests WHERE citizen_id = ? AND status = 'claimed'"
            " AND claimed_by IS NOT NULL ORDER BY id",
            (citizen_id,),
        )
        for row in rows:
            request = await request_store.get(conn, row["id"])
            holder = await workers.get(conn, request.claimed_by)
            if holder is not None and holder.active:
                reply = Reply(wm.citizen_status(request.alias, status))
                await self.tell_worker(conn, holder, reply, request_id=request.id)
        logger.info("citizen.status_told", extra={"cases": len(rows), "status": status})

    async def delivery_failed(self, conn: aiosqlite.Connection, item, error, now: datetime) -> None:
        """A message to a case's citizen failed for good: its worker is told why."""
        if item.citizen_id is None or item.request_id is None:
            return
        request = await request_store.get(conn, item.request_id)
        if request is None or request.claimed_by is None:
            return
        worker = await workers.get(conn, request.claimed_by)
        if worker is not None:
            reason = wm.failure_reason(error.opted_out, error.unreachable)
            reply = Reply(wm.not_delivered(request.alias, reason))
            await self.tell_worker(conn, worker, reply, request_id=request.id)
