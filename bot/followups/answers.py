"""A citizen's answer to a check-in reaches a person: who scheduled it, or who is on duty.

"All is well" is told to that worker (campaign answers are only counted). "I'd like to talk",
or any words, reopen the case as a new request: given straight to the worker who scheduled
the check-in when they are on duty, otherwise paged to the workers on duty with its context.
A citizen whose case is still open simply has the answer added to it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from bot.core.casenotes import earlier_notes
from bot.core.events import CaseClaimed
from bot.core.features import Services
from flows import checkin
from flows import messages as m
from flows import worker_messages as wm
from flows.text import Joined
from flows.types import CheckinAnswer, Reply
from storage import audit, workers
from storage import followups as store
from storage import inbound as inbound_store
from storage import requests as request_store
from storage.followups import Followup
from storage.workers import Worker

logger = logging.getLogger(__name__)

FIRST_WORDS_LIMIT = 280


async def recipients(services: Services, conn, worker_id: int | None, now: datetime):
    """(workers to tell, forwarded): the scheduler if on duty, else those on duty, else the
    scheduler anyway (they will read it later)."""
    on_duty = await services.desk.on_duty_workers(conn, now)
    mine = [w for w in on_duty if w.id == worker_id]
    if mine:
        return mine, False
    if on_duty:
        return on_duty, worker_id is not None
    owner = await workers.get(conn, worker_id) if worker_id else None
    return ([owner] if owner and owner.active and owner.linked else []), False


async def on_answer(services: Services, turn, effect: CheckinAnswer) -> None:
    """The effect handler: record the answer, then tell or reopen."""
    row = await store.get(turn.conn, effect.followup_id) if effect.followup_id else None
    if row is None or row.citizen_id != turn.citizen_id:
        row = await store.latest_sent(turn.conn, turn.citizen_id)
    fresh = False
    if row is not None:
        answer = "talk" if effect.talk else "ok"
        fresh = await store.mark_answered(turn.conn, row.id, answer, turn.now)
        actor = f"citizen:{turn.citizen_id}"
        await audit.log(turn.conn, turn.now, actor, "followup.answered", row.request_id, answer)
    if effect.talk:
        await _reopen(services, turn, row, effect.text)
    elif row is not None and row.campaign_id is None and (fresh or effect.text):
        await _tell_ok(services, turn, row, effect.text)


async def _tell_ok(services: Services, turn, row: Followup, words: str = "") -> None:
    """ "All is well" (and the citizen's own words, if any) to the check-in's worker."""
    to, forwarded = await recipients(services, turn.conn, row.worker_id, turn.now)
    by = await _name(turn.conn, row.worker_id) if forwarded else ""
    alias = request_store.alias(row.request_id) if row.request_id else "?"
    for worker in to:
        text = wm.checkin_ok(alias, by)
        if words:
            text = Joined((text, wm.history_line(alias, words)))
        reply = Reply(text)
        await services.desk.tell_worker(turn.conn, worker, reply, request_id=row.request_id)
    if row.request_id is not None:
        await inbound_store.link(turn.conn, turn.inbound_id, request_id=row.request_id)


async def _name(conn, worker_id: int | None) -> str:
    worker = await workers.get(conn, worker_id) if worker_id else None
    return worker.name if worker else ""


async def _reopen(services: Services, turn, row: Followup | None, words: str) -> None:
    """A person is wanted: join the open case, or open a new request for this citizen."""
    current = None
    if turn.state.open_request is not None:
        current = await request_store.get(turn.conn, turn.state.open_request)
    if current is not None and current.status != "closed":
        await _add_to_open(services, turn, current, words, row)
        return
    first = words[:FIRST_WORDS_LIMIT] or services.i18n.render(
        checkin.CHOICES[1].label, turn.state.language
    )
    source = "campaign" if row is not None and row.campaign_id else "checkin"
    request = await request_store.open_request(
        turn.conn, turn.citizen_id, turn.inbound.channel, turn.state.language, first, False,
        out_of_hours=not turn.facts.on_duty, now=turn.now, source=source,
    )  # fmt: skip
    turn.state = replace(turn.state, step="request", open_request=request.id, request_claimed=False)
    await inbound_store.link(turn.conn, turn.inbound_id, request_id=request.id)
    actor = f"citizen:{turn.citizen_id}"
    await audit.log(turn.conn, turn.now, actor, "request.opened", request.id, source)
    owner = None
    if row is not None and row.campaign_id is None:
        on_duty = await services.desk.on_duty_workers(turn.conn, turn.now)
        owner = next((w for w in on_duty if w.id == row.worker_id), None)
    if owner is not None:
        await _give_to(services, turn, request, owner, row, words)
    else:
        await _page(services, turn, request, row)


async def _campaign_context(services: Services, turn, request, row: Followup) -> None:
    """An answer to a campaign ("OUI") is read with the campaign's words, never bare."""
    context = Reply(wm.campaign_context(request.alias, row.campaign_id, row.message))
    for worker in await services.desk.on_duty_workers(turn.conn, turn.now):
        await services.desk.tell_worker(turn.conn, worker, context, request_id=request.id)


async def _add_to_open(services: Services, turn, current, words: str, row: Followup | None) -> None:
    await inbound_store.link(turn.conn, turn.inbound_id, request_id=current.id)
    turn.state = replace(turn.state, step="request")
    holder = await workers.get(turn.conn, current.claimed_by) if current.claimed_by else None
    if holder is not None and row is not None and row.campaign_id is not None:
        context = Reply(wm.campaign_context(current.alias, row.campaign_id, row.message))
        await services.desk.tell_worker(turn.conn, holder, context, request_id=current.id)
    if words:
        await services.desk.citizen_message(turn.conn, current, turn.inbound, turn.now)
    elif current.claimed_by is not None:
        holder = await workers.get(turn.conn, current.claimed_by)
        if holder is not None:
            reply = Reply(wm.checkin_talk(current.alias))
            await services.desk.tell_worker(turn.conn, holder, reply, request_id=current.id)
    facts = turn.facts
    turn.extra.append(Reply(m.added_to_request(facts.on_duty, facts.next_shift_at)))


async def _give_to(
    services: Services, turn, request, owner: Worker, row: Followup, words: str
) -> None:
    """The worker who scheduled the check-in is on duty: the case is theirs at once."""
    request = await request_store.transition(turn.conn, request, "claim", by=owner.id, now=turn.now)
    turn.state = replace(turn.state, request_claimed=True)
    await audit.log(turn.conn, turn.now, f"worker:{owner.id}", "request.claimed", request.id)
    await services.events.publish(turn.conn, CaseClaimed(request.id, owner.id, turn.now))
    previous = request_store.alias(row.request_id) if row.request_id else "?"
    text = wm.checkin_reopened(request.alias, previous, words)
    await services.desk.tell_worker(turn.conn, owner, Reply(text), request_id=request.id)
    language = owner.languages[0] if owner.languages else "fr"
    earlier = await earlier_notes(turn.conn, services.i18n, request, language)
    if earlier is not None:
        await services.desk.tell_worker(turn.conn, owner, Reply(earlier), request_id=request.id)
    turn.extra.append(Reply(m.claimed_for_citizen(owner.name.split()[0], owner.organization)))


async def _page(services: Services, turn, request, row: Followup | None) -> None:
    """Nobody to give it to directly: the ordinary path, with a word of context."""
    facts = turn.facts
    turn.extra.append(Reply(m.request_opened(request.alias, facts.on_duty, facts.next_shift_at)))
    await services.desk.request_opened(turn.conn, request, turn.now)
    if row is not None and row.campaign_id is not None:
        await _campaign_context(services, turn, request, row)
        return
    if row is None or row.request_id is None:
        return
    by = await _name(turn.conn, row.worker_id)
    previous = request_store.alias(row.request_id)
    context = Reply(wm.checkin_context(request.alias, previous, by))
    for worker in await services.desk.on_duty_workers(turn.conn, turn.now):
        await services.desk.tell_worker(turn.conn, worker, context, request_id=request.id)
