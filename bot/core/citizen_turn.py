"""One citizen step being applied: the effects of the flow, then the replies, then the state."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

import aiosqlite

from bot.core.duty import Desk, DutyFacts
from bot.core.events import CitizenErased, CitizenOptedOut, Events
from bot.core.i18n import I18n
from bot.privacy import erasure, summary
from flows import messages as m
from flows import resources
from flows.text import Joined, Text
from flows.types import (
    AddToRequest,
    CameFrom,
    CitizenState,
    Effect,
    Erase,
    Inbound,
    MarkUrgent,
    OpenRequest,
    OptIn,
    OptOut,
    Outcome,
    Reply,
    ShowData,
)
from storage import audit, citizens, kiosks, outbox
from storage import inbound as inbound_store
from storage import requests as request_store

logger = logging.getLogger(__name__)


class TurnEngine(Protocol):
    """What a citizen's turn uses of the engine (bot/core/engine.py), without importing it."""

    i18n: I18n
    desk: Desk
    directory: Any
    events: Events
    effect_handlers: dict[type, Any]

    async def say(
        self, conn: aiosqlite.Connection, address: str, reply: Reply, language: str, **ids: int
    ) -> list[int]:
        """Queue a reply in this transaction."""


class CitizenTurn:
    """One citizen step being applied: effects, then replies, then the saved state.

    Extension effect handlers get the turn: `conn`, `engine`, `inbound`, `inbound_id`,
    `citizen_id`, `state` (assignable), `now`, and `extra` (replies to add after the flow's).
    """

    def __init__(
        self,
        conn: aiosqlite.Connection,
        engine: TurnEngine,
        inbound: Inbound,
        inbound_id: int,
        citizen_id: int,
        state: CitizenState,
        facts: DutyFacts,
        now: datetime,
    ) -> None:
        self.conn, self.engine, self.inbound = conn, engine, inbound
        self.inbound_id, self.citizen_id, self.state = inbound_id, citizen_id, state
        self.facts, self.now = facts, now
        self.extra: list[Reply] = []
        self.erased = False

    async def apply(self, outcome: Outcome) -> None:
        for effect in outcome.effects:
            await self._effect(effect)
        replies = [*outcome.replies, *self.extra]
        citizen_id = None if self.erased else self.citizen_id
        queued: list[int] = []
        for reply in replies:
            queued += await self.engine.say(
                self.conn, self.inbound.address, reply, self.state.language, citizen_id=citizen_id
            )
        if self.erased:
            # The confirmation is the only row left with her address, until it went out.
            await erasure.mark_erase_after_send(self.conn, queued)
            return
        self._remember_choices(replies)
        await citizens.save(self.conn, self.citizen_id, self.state, self.now)

    def _remember_choices(self, replies: list[Reply]) -> None:
        if not replies:
            return
        data = dict(self.state.data)
        last = replies[-1]
        if last.choices:
            data["choices"] = self.engine.i18n.labels(last, self.state.language)
        else:
            data.pop("choices", None)
        self.state = replace(self.state, data=data)

    async def _effect(self, effect: Effect) -> None:
        extension = self.engine.effect_handlers.get(type(effect))
        if extension is not None:
            await extension(self, effect)
            return
        handler = getattr(self, f"_on_{type(effect).__name__}", None)
        if handler is None:
            logger.warning("effect.unhandled", extra={"effect": type(effect).__name__})
            return
        await handler(effect)

    async def _on_OpenRequest(self, effect: OpenRequest) -> None:
        request = await request_store.open_request(
            self.conn,
            self.citizen_id,
            await kiosks.request_channel(self.conn, self.inbound.address),
            self.state.language,
            effect.first_words,
            effect.urgent,
            out_of_hours=not self.facts.on_duty,
            now=self.now,
        )
        data = dict(self.state.data)
        if effect.urgent:
            data["urgent"] = request.id  # the crisis lines come again until a person has it
        self.state = replace(self.state, open_request=request.id, request_claimed=False, data=data)
        await inbound_store.link(self.conn, self.inbound_id, request_id=request.id)
        await audit.log(
            self.conn,
            self.now,
            f"citizen:{self.citizen_id}",
            "request.opened",
            request.id,
            "urgent" if effect.urgent else "",
        )
        facts = self.facts
        if effect.urgent:
            said = m.urgent_opened(request.alias, facts.on_duty, facts.on_call, facts.next_shift_at)
        else:
            said = m.request_opened(request.alias, facts.on_duty, facts.next_shift_at)
        lead = effect.lead
        parts: tuple[Text, ...] = (
            (*lead.parts, said) if isinstance(lead, Joined) else (lead, said) if lead else (said,)
        )
        self.extra.append(Reply(Joined(parts)))
        if effect.after is not None:
            self.extra.append(Reply(effect.after))
        await self.engine.desk.request_opened(self.conn, request, self.now)

    async def _on_MarkUrgent(self, effect: MarkUrgent) -> None:
        """Mark the open request urgent; its worker is told at once, or it is paged again."""
        if self.state.open_request is None:
            return
        request = await request_store.get(self.conn, self.state.open_request)
        if request is None or request.status == "closed":
            # The case was closed meanwhile: the crisis answer was given, a new urgent one opens.
            await self._on_OpenRequest(OpenRequest(self.inbound.text[:280], urgent=True))
            return
        await request_store.mark_urgent(self.conn, request.id)
        actor = f"citizen:{self.citizen_id}"
        await audit.log(self.conn, self.now, actor, "request.urgent", request.id)
        self.state = replace(self.state, data={**self.state.data, "urgent": request.id})
        if request.status == "waiting" and request.urgent:
            return  # already paged as urgent; the sweep escalates it
        await self.engine.desk.urgent(self.conn, replace(request, urgent=True), self.now)

    async def _on_AddToRequest(self, effect: AddToRequest) -> None:
        if self.state.open_request is None:
            return
        request = await request_store.get(self.conn, self.state.open_request)
        if request is None or request.status == "closed":
            self.state = replace(self.state, open_request=None, request_claimed=False)
            return
        await inbound_store.link(self.conn, self.inbound_id, request_id=request.id)
        await self.engine.desk.citizen_message(self.conn, request, self.inbound, self.now)

    async def _on_OptOut(self, effect: OptOut) -> None:
        await outbox.cancel_pending_for(self.conn, self.inbound.address, "opted out")
        await audit.log(self.conn, self.now, f"citizen:{self.citizen_id}", "citizen.opt_out")
        await self.engine.events.publish(self.conn, CitizenOptedOut(self.citizen_id, self.now))
        await self.engine.desk.citizen_status(self.conn, self.citizen_id, "stop", self.now)

    async def _on_OptIn(self, effect: OptIn) -> None:
        await audit.log(self.conn, self.now, f"citizen:{self.citizen_id}", "citizen.opt_in")
        await self.engine.desk.citizen_status(self.conn, self.citizen_id, "start", self.now)

    async def _on_SetLanguage(self, effect: Effect) -> None:
        """The flow already changed the state's language; nothing else to do."""

    async def _on_Erase(self, effect: Erase) -> None:
        await erasure.erase(
            self.conn,
            self.citizen_id,
            self.inbound.address,
            self.now,
            self.engine.desk,
            self.engine.i18n,
        )
        await audit.log(self.conn, self.now, "citizen", "citizen.erased")
        self.erased = True
        await self.engine.events.publish(self.conn, CitizenErased(self.citizen_id, self.now))

    async def _on_ShowData(self, effect: ShowData) -> None:
        """MES DONNEES: what is kept about her, since and until when (Law 25 access right)."""
        text = await summary.data_summary(
            self.conn, self.citizen_id, self.inbound.address, self.engine.retention_days, self.now
        )
        self.extra.append(Reply(text))

    async def _on_CameFrom(self, effect: CameFrom) -> None:
        await citizens.record_source(self.conn, self.citizen_id, effect.source)

    async def _on_SearchResources(self, effect: Effect) -> None:
        directory = self.engine.directory
        if directory is None:
            self.extra.append(resources.no_result())
            return
        replies = await directory.answer(
            self.conn,
            effect,
            self.state.language,
            self.now,
            self.inbound.address,
            self.state.open_request,
        )
        self.extra.extend(replies)
