"""Unclaimed requests escalate; waiting ones are handed to each new shift, with the queue.

One sweep job every 30 s rather than one job per request: the CLI (another process) changes
rows the bot must notice — a deactivation returns cases to the queue, a rota import moves
the next shift start — and only reading the rows finds those. The sweep pages waiting
requests that no worker on duty holds a card for, escalates the overdue ones, and re-plans
the shift-start job. Rows are the truth: a restart loses nothing, the first sweep catches up.

Escalation rules (RELAIS_ESCALATE_AFTER = N minutes; an urgent request: max(1, N // 5)):
- a request put before workers on duty and not taken after the period goes to the workers on
  duty who did not get it (other languages) and to the coordinators; then again to the
  coordinators every period while someone is on duty, until it is taken;
- out of hours a request waits for the next shift quietly, except an urgent one: it reaches the
  on-call workers at once (the coordinators when there is none), then on-call workers and
  coordinators every N minutes until one of them takes it (a crisis service). When nobody at
  all can receive it, `nobody_at_night` says so at start, in `rota now|import` and weekly;
- each new shift gets every waiting request again, with a summary, and the count restarts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.events import ShiftStarted, UrgentWaiting, WorkerDeactivated
from bot.core.features import AT_START, Feature, Job, Services
from bot.escalation import housekeeping
from bot.rota import rota
from flows import worker_messages as wm
from storage import audit, workers
from storage import requests as request_store
from storage import rota as rota_store
from storage.clock import from_db, to_db
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 30
SWEEP_JOB, SHIFT_JOB = "escalation:sweep", "escalation:shift-start"
PAGE = "page"  # what an unattended request needs (beside the escalation rounds "first", "again")


def feature(services: Services) -> Feature:
    """The escalation feature of a new `Escalation` (bot/app.py keeps its own to hand)."""
    return offers(Escalation(services))


def offers(escalation: Escalation) -> Feature:
    """The sweep (at start, then every 30 s); pages after a replacement or an urgent request."""
    services = escalation.relais

    async def urgent_waiting(conn: aiosqlite.Connection, event: UrgentWaiting) -> None:
        # Nobody on duty: sweep right after this transaction commits, not at the next tick.
        services.clock_work.at(f"{SWEEP_JOB}:urgent", services.clock(), escalation.sweep)

    async def shift_started(conn: aiosqlite.Connection, event: ShiftStarted) -> None:
        # Requests only the absent worker held go to the substitute now, not at the next sweep.
        await escalation.page_unattended(conn, event.at)

    async def worker_deactivated(conn: aiosqlite.Connection, event: WorkerDeactivated) -> None:
        # Her cases went back to the queue: the workers on duty get them now, not in 30 s.
        await escalation.page_unattended(conn, event.at)

    async def warn_if_nobody_at_night() -> None:
        if await nobody_at_night(services.db):
            logger.warning("night.nobody_on_call")

    trigger = IntervalTrigger(seconds=SWEEP_SECONDS, timezone=services.settings.timezone)
    # As jobs, not awaited at start: a failing sweep is logged and retried, never stops it.
    return Feature(
        name="escalation",
        jobs=(
            Job(f"{SWEEP_JOB}:start", AT_START, escalation.sweep),
            Job(SWEEP_JOB, trigger, escalation.sweep),
        ),
        subscriptions={
            UrgentWaiting: urgent_waiting,
            ShiftStarted: shift_started,
            WorkerDeactivated: worker_deactivated,
        },
        on_start=(warn_if_nobody_at_night,),
    )


def period(minutes: int, urgent: bool) -> timedelta:
    """How long a request waits before (and between) escalations."""
    return timedelta(minutes=max(1, minutes // 5) if urgent else minutes)


@dataclass(frozen=True)
class Waiting:
    """A waiting request with its paging history since it was (re)queued."""

    request: Request
    last_escalated_at: datetime | None
    cards: tuple[tuple[int, str, datetime], ...] = ()  # (worker id, kind, sent), oldest first

    @property
    def paged_at(self) -> datetime | None:
        """The latest round of cards to workers on duty (escalations are not rounds)."""
        return max((at for _, kind, at in self.cards if kind != "escalation"), default=None)

    @property
    def holders(self) -> set[int]:
        """Workers holding a card of a paging round."""
        return {w for w, kind, _ in self.cards if kind != "escalation"}

    def got_since(self, moment: datetime | None) -> set[int]:
        """Workers who got any card of this request at or after `moment`."""
        return {w for w, _, at in self.cards if moment is None or at >= moment}


def escalation_due(item: Waiting, now: datetime, minutes: int, anyone_on_duty: bool) -> str | None:
    """ "first" (others on duty and coordinators), "again" (coordinators), or None: pure rule."""
    urgent, last = item.request.urgent, item.last_escalated_at
    every = period(minutes, urgent)
    if item.paged_at is not None and (last is None or last < item.paged_at):
        return "first" if now >= item.paged_at + every else None
    if last is None:
        return "first" if urgent and not anyone_on_duty else None
    if not anyone_on_duty:
        if not urgent:
            return None  # it waits for the next shift, which gets it again
        every = period(minutes, False)
    return "again" if now >= last + every else None


def waited(request: Request, now: datetime) -> str:
    """How long the citizen has waited: "12 min", "3 h 05"."""
    minutes = max(0, int((now - request.created_at).total_seconds() // 60))
    return f"{minutes} min" if minutes < 90 else f"{minutes // 60} h {minutes % 60:02d}"


class Escalation:
    """The sweep, the shift-start hand-over and escalations, for one running bot."""

    def __init__(self, relais: Services) -> None:
        self.relais = relais
        self.planned: datetime | None = None

    @property
    def desk(self):
        """The running bot's worker desk."""
        return self.relais.desk

    async def sweep(self, now: datetime | None = None) -> None:
        """Page unattended requests, escalate overdue ones, re-plan the next shift start.

        One short look at the queue, then one transaction per request that needs something,
        re-read inside it: the write lock is never held for the whole queue (a night's queue
        held it for 90 ms in the web benchmark, and every message waited)."""
        now = now or self.relais.clock()
        async with self.relais.db.transaction() as conn:
            on_duty = await self.desk.on_duty_workers(conn, now)
            queue = await waiting(conn)
        ids = {w.id for w in on_duty}
        for looked in queue:
            if self._needs(looked, now, on_duty, ids) is None:
                continue
            async with self.relais.db.transaction() as conn:
                for item in await waiting(conn, looked.request.id):  # still waiting?
                    need = self._needs(item, now, on_duty, ids)
                    if need == PAGE:
                        await self._page(conn, item, on_duty, now)
                    elif need is not None:
                        await self._escalate(conn, item, need, on_duty, now)
        self.relais.engine.wake()
        await self.replan(now)

    def _needs(
        self, item: Waiting, now: datetime, on_duty: list[Worker], ids: set[int]
    ) -> str | None:
        """What a waiting request needs now: PAGE when no worker on duty holds its card, else
        the escalation round that is due ("first", "again"), else None."""
        if on_duty and not item.holders & ids:
            return PAGE
        return escalation_due(item, now, self._minutes, bool(on_duty))

    @property
    def _minutes(self) -> int:
        return self.relais.settings.escalate_after_minutes

    async def page_unattended(self, conn: aiosqlite.Connection, now: datetime) -> None:
        """Waiting requests no worker on duty holds a card for go to the workers on duty."""
        on_duty = await self.desk.on_duty_workers(conn, now)
        if not on_duty:
            return
        ids = {w.id for w in on_duty}
        for item in await waiting(conn):
            if not item.holders & ids:
                await self._page(conn, item, on_duty, now)

    async def _page(
        self, conn: aiosqlite.Connection, item: Waiting, on_duty: list[Worker], now: datetime
    ) -> None:
        """The request's card to the workers on duty, those who speak its language first."""
        speakers = [w for w in on_duty if item.request.language in w.languages] or on_duty
        await self.desk.page(conn, item.request, speakers, now, kind="queue")

    async def _escalate(
        self, conn: aiosqlite.Connection, item: Waiting, due: str, on_duty: list, now: datetime
    ) -> None:
        coordinators = await workers.coordinators(conn)
        if not on_duty:
            to = await _night_round(conn, due)
        elif due == "first":
            others = [w for w in on_duty if w.id not in item.got_since(item.paged_at)]
            to = _unique([*others, *coordinators])
        else:
            to = coordinators or on_duty
        request = item.request
        text = wm.escalated_card(_card(request), request.alias, waited(request, now))
        if not on_duty and item.last_escalated_at is None:
            text = _card(request)  # the night's first page: a plain URGENT card, not a reminder
        await self.send_cards(conn, request, to, text, now, "escalation")
        await request_store.transition(conn, request, "escalate", now=now)
        await audit.log(conn, now, "system", "request.escalated", request.id, due)
        if getattr(self.relais, "ops", None) is not None:  # metrics (bot/ops)
            self.relais.ops.escalated(bool(request.urgent))
        if not to:
            logger.warning("request.escalated_to_nobody", extra={"request_id": request.id})
        logger.info(
            "request.escalated",
            extra={"request_id": request.id, "round": due, "workers": len(to)},
        )

    async def send_cards(
        self, conn: aiosqlite.Connection, request: Request, to: list, text, now, kind: str
    ) -> None:
        """A card with its Take button, recorded so that a claim edits it like the others."""
        await self.desk.send_cards(conn, request, to, text, now, kind)

    # ---- shift start ----------------------------------------------------------------------

    async def shift_started(self, when: datetime) -> None:
        """The workers starting now get a summary of the queue, then every waiting request."""
        # One hand-over summary (cases, queue, check-ins), shared with the periodic check
        # in bot/escalation/housekeeping.py, which then does not repeat it; then a card per request.
        await housekeeping.handover(self.relais, when)
        async with self.relais.db.transaction() as conn:
            starters = await self._starting(conn, when)
            queue = await waiting(conn)
            if starters and queue:
                await self._hand_over(conn, starters, queue, when)
        self.relais.engine.wake()
        await self.replan(when)

    async def _starting(self, conn: aiosqlite.Connection, when: datetime) -> list[Worker]:
        shifts = await rota_store.list_shifts(conn)
        tz = self.relais.settings.timezone
        ids = {s.worker_id for s in rota.current_slots(shifts, when, tz) if s.start == when}
        on_duty = await self.desk.on_duty_workers(conn, when)
        return [w for w in on_duty if w.id in ids]

    async def _hand_over(
        self, conn: aiosqlite.Connection, starters: list[Worker], queue: list[Waiting], now
    ) -> None:
        for item in queue:
            request = item.request
            speakers = [w for w in starters if request.language in w.languages] or starters
            fresh = [w for w in speakers if w.id not in item.got_since(now)]
            await self.send_cards(conn, request, fresh, _card(request), now, "queue")
        logger.info("queue.handed_over", extra={"requests": len(queue), "workers": len(starters)})

    async def replan(self, now: datetime) -> None:
        """Keep one alarm at the next shift start (the rota may change from the CLI)."""
        shifts = await rota_store.list_shifts(self.relais.db)
        upcoming = rota.next_shift_start(shifts, now, self.relais.settings.timezone)
        when = upcoming[0] if upcoming else None
        if when == self.planned and (when is None or self.relais.clock_work.has(SHIFT_JOB)):
            return
        self.planned = when
        if when is None:
            self.relais.clock_work.cancel(SHIFT_JOB)
        else:
            self.relais.clock_work.at(SHIFT_JOB, when, self.shift_started, when)
        logger.info("shift_start.planned", extra={"at": to_db(when) if when else None})


async def nobody_at_night(src) -> bool:
    """True when urgent requests out of hours would reach no one (no linked, active on-call
    worker or coordinator)."""
    return not await workers.night_contacts(src)


async def _night_round(conn: aiosqlite.Connection, due: str) -> list[Worker]:
    """Out of hours: on-call workers first (coordinators if none), then both."""
    contacts = await workers.night_contacts(conn)
    on_call = [w for w in contacts if w.on_call]
    if due == "first" and on_call:
        return on_call
    return contacts


def _card(request: Request):
    return wm.card(
        request.alias, request.channel, request.language, request.urgent, request.first_words
    )


def _unique(found: list[Worker]) -> list[Worker]:
    return list({w.id: w for w in found}.values())


async def waiting(conn: aiosqlite.Connection, request_id: int | None = None) -> list[Waiting]:
    """Every waiting request (or only that one, if still waiting), urgent first, with its
    cards since it was (re)queued."""
    requests = await request_store.waiting(conn, request_id)
    one = "" if request_id is None else " AND r.id = ?"
    params = () if request_id is None else (request_id,)
    rows = await conn.execute_fetchall(
        "SELECT c.request_id, c.worker_id, c.kind, c.created_at"
        " FROM cards c JOIN requests r ON r.id = c.request_id"
        " JOIN workers w ON w.id = c.worker_id"
        " WHERE r.status = 'waiting' AND w.active = 1"
        " AND c.created_at >= coalesce(r.requeued_at, '')" + one,
        params,
    )
    escalated = await conn.execute_fetchall(
        "SELECT id, last_escalated_at FROM requests r WHERE status = 'waiting'" + one, params
    )
    last = {r["id"]: from_db(r["last_escalated_at"]) for r in escalated}
    cards: dict[int, list] = {}
    for row in rows:
        cards.setdefault(row["request_id"], []).append(row)
    return [_waiting(req, cards.get(req.id, []), last) for req in requests]


def _waiting(request: Request, cards: list, last: dict) -> Waiting:
    found = [(c["worker_id"], c["kind"], from_db(c["created_at"])) for c in cards]
    return Waiting(request, last.get(request.id), tuple(sorted(found, key=lambda c: c[2])))
