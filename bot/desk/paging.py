"""Request cards: who is paged when a request opens or becomes urgent, and the recorded cards."""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.core.events import Events, UrgentWaiting
from bot.core.turns import WORKER_CHOICE
from flows import worker_messages as wm
from flows.text import Text
from flows.types import Choice, Reply
from storage import workers
from storage.clock import to_db
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)


class Paging:
    """The desk's cards (mixed into bot/desk/desk.py's `RotaDesk`; uses its roster and
    `tell_worker`)."""

    events: Events

    async def request_opened(
        self, conn: aiosqlite.Connection, request: Request, now: datetime
    ) -> None:
        """Page every on-duty worker who speaks the citizen's language (or all on duty)."""
        on_duty = await self.on_duty_workers(conn, now)
        if not on_duty:
            # The request waits for the next shift (bot/escalation/escalation.py pages it then); an
            # urgent one reaches the coordinators at once.
            if request.urgent:
                await self.events.publish(conn, UrgentWaiting(request.id, now))
            return
        speakers = [w for w in on_duty if request.language in w.languages] or on_duty
        await self.page(conn, request, speakers, now)

    async def urgent(self, conn: aiosqlite.Connection, request: Request, now: datetime) -> None:
        """A request just became urgent: its worker is told at once, or it is paged as urgent."""
        if request.status == "claimed" and request.claimed_by is not None:
            holder = await workers.get(conn, request.claimed_by)
            if holder is not None:
                reply = Reply(wm.became_urgent(request.alias))
                await self.tell_worker(conn, holder, reply, request_id=request.id)
            return
        await self.request_opened(conn, request, now)

    async def page(
        self,
        conn: aiosqlite.Connection,
        request: Request,
        to: list[Worker],
        now: datetime,
        kind: str = "new",
    ) -> None:
        """Send the request's card, with its Take button, to these workers."""
        text = wm.card(
            request.alias, request.channel, request.language, request.urgent, request.first_words
        )
        await self.send_cards(conn, request, to, text, now, kind)
        logger.info("request.paged", extra={"request_id": request.id, "workers": len(to)})

    async def send_cards(
        self,
        conn: aiosqlite.Connection,
        request: Request,
        to: list[Worker],
        text: Text,
        now: datetime,
        kind: str,
    ) -> None:
        """A card with its Take button to each worker, recorded (claims edit them; policy)."""
        take = (Choice(f"{WORKER_CHOICE}claim:{request.id}", wm.TAKE),)
        for worker in to:
            for outbox_id in await self.tell_worker(
                conn, worker, Reply(text, take), request_id=request.id
            ):
                await conn.execute(
                    "INSERT INTO cards (request_id, worker_id, outbox_id, kind, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (request.id, worker.id, outbox_id, kind, to_db(now)),
                )
