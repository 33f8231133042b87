"""Follow-up check-ins: /suivi, /suivis, buttons after /fin, sending, answers, no-answer alerts.

A check-in is a row (storage/followups.py); the scheduler only rings. Sending marks the row
sent and queues its outbox row in one transaction, and does nothing for a row that is not
pending: a restart (clean or kill -9) neither loses nor doubles one. At start every pending
row gets its alarm back (one due while the bot was down rings at once: misfire grace None),
and a sweep every few seconds sends whatever is due that has no alarm (campaign rows, rows
written by `relais campaign send` in another process).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from functools import partial

from apscheduler.triggers.interval import IntervalTrigger

from bot.core import args as parse
from bot.core.events import CaseClosed
from bot.core.features import AT_START, Button, Feature, Job, Services
from bot.core.turns import WORKER_CHOICE, Action, WorkerTurn
from bot.followups import campaigns as campaign
from bot.followups import segments
from bot.followups.answers import on_answer, recipients
from flows import checkin
from flows import worker_messages as wm
from flows.text import Joined, When
from flows.types import CheckinAnswer, Choice, Reply
from storage import audit, citizens, workers
from storage import followups as store
from storage import requests as request_store
from storage.followups import Followup
from storage.requests import Request

logger = logging.getLogger(__name__)

JOB, TIMEOUT_JOB = "followup:{}", "followup-timeout:{}"
SWEEP_SECONDS = 10
ALARM_HORIZON = timedelta(hours=1)  # alarms are armed this far ahead
ALARM_BATCH = 2000  # at most this many armed per look
BUTTON_TIME = time(10, 0)  # "tomorrow" from a button means tomorrow morning, not at 23:40
EARLY = timedelta(seconds=1)  # an alarm may ring a hair early; later than that, it waits


def feature(services: Services) -> Feature:
    """`/suivi`, `/suivis`, their buttons, the answer effect, the offer after `/fin`, the sweep;
    tags and campaigns (bot/followups/campaigns.py) with them."""
    days = parse.one_of(*wm.FOLLOWUP_BUTTONS)
    tags = campaign.offers(services, sweep)
    return Feature(
        name="followups",
        commands={
            "suivi": partial(suivi, services), "suivis": partial(my_followups, services),
            **tags.commands,
        },
        buttons=(
            Button("suivi", partial(suivi_button, services), (parse.ident, days)),
            Button("suivix", partial(cancel_button, services), (parse.ident,)),
            Button(segments.PREFIX, segments.fold_checkin, (parse.ident,)),
            *tags.buttons,
        ),
        effects={CheckinAnswer: partial(on_answer, services)},
        subscriptions={CaseClosed: partial(offer_after_close, services)},
        on_start=(partial(started, services),),
        jobs=(
            Job("followups:sweep", IntervalTrigger(seconds=SWEEP_SECONDS), sweep, (services,)),
            Job("followups:sweep-at-start", AT_START, sweep, (services,)),
        ),
    )  # fmt: skip


async def started(services: Services) -> None:
    """Rebuild the alarms from the rows (the sweep arms the rest)."""
    await arm(services, services.clock())


async def arm(services: Services, now: datetime) -> None:
    """Alarms for what falls due within ALARM_HORIZON; the sweep arms the rest as it nears.

    Arming every row at start would cost seconds and hundreds of MB with 100,000 pending
    check-ins; rows are the truth, alarms only give the exact minute.
    """
    horizon = now + ALARM_HORIZON
    for row in await store.pending_before(services.db, horizon, ALARM_BATCH):
        if not services.clock_work.has(JOB.format(row.id)):
            _alarm(services, row.id, row.due_at)
    sent_by = horizon - _timeout(services)
    for row in await store.awaiting_answer_since(services.db, sent_by, ALARM_BATCH):
        if not services.clock_work.has(TIMEOUT_JOB.format(row.id)):
            _timeout_alarm(services, row.id, row.sent_at + _timeout(services))


def _timeout(services: Services) -> timedelta:
    return timedelta(hours=services.settings.checkin_timeout_hours)


def _alarm(services: Services, followup_id: int, when: datetime) -> None:
    services.clock_work.at(JOB.format(followup_id), when, send_checkin, services, followup_id)


def _timeout_alarm(services: Services, followup_id: int, when: datetime) -> None:
    job = TIMEOUT_JOB.format(followup_id)
    services.clock_work.at(job, when, checkin_timeout, services, followup_id)


# ---- sending ------------------------------------------------------------------------------


async def send_checkin(services: Services, followup_id: int) -> None:
    """The alarm: send this check-in if it is still pending and due; idempotent."""
    now = services.clock()
    async with services.db.transaction() as conn:
        retry_at, sent = await _send_one(services, conn, followup_id, now)
    if retry_at is not None:
        _alarm(services, followup_id, retry_at)
    if sent is not None:
        services.engine.wake()
        if sent.campaign_id is None:
            _timeout_alarm(services, followup_id, now + _timeout(services))


async def _send_one(services: Services, conn, followup_id: int, now: datetime):
    """(when to ring again, the row sent): queue the message and mark the row, atomically."""
    row = await store.get(conn, followup_id)
    if row is None or row.status != "pending":
        return None, None
    if row.due_at > now + EARLY:
        return row.due_at, None
    reason = await _cannot_send(conn, row)
    if reason:
        await store.cancel(conn, row.id, reason)
        await audit.log(conn, now, "system", "followup.cancelled", row.request_id, reason)
        return None, None
    moved = checkin.after_quiet(now, services.settings.quiet_hours, services.settings.timezone)
    if moved > now:
        await store.postpone(conn, row.id, moved)
        return moved, None
    await services.engine.say_to_citizen(
        conn, row.citizen_id, await _reply(conn, row), step=checkin.STEP,
        data={"checkin": row.id}, request_id=row.request_id,
    )  # fmt: skip
    outbox = await conn.execute_fetchall(
        "SELECT max(id) AS id FROM outbox WHERE citizen_id = ?", (row.citizen_id,)
    )
    await store.mark_sent(conn, row.id, now, outbox[0]["id"])
    await audit.log(conn, now, "system", "followup.sent", row.request_id, str(row.id))
    return None, row


async def _cannot_send(conn, row: Followup) -> str:
    """Why this check-in must not go: the person erased, opted out, or did since."""
    citizen = await citizens.by_id(conn, row.citizen_id)
    if not citizens.reachable(citizen):
        return "erased" if citizen is None else "opted out"
    if await store.opted_out_since(conn, row.citizen_id, row.created_at):
        return "opted out since"
    return ""


async def _reply(conn, row: Followup) -> Reply:
    worker = await workers.get(conn, row.worker_id) if row.worker_id else None
    if worker is None:
        return checkin.checkin_reply(row.message)
    return checkin.checkin_reply(row.message, worker.name.split()[0], worker.organization)


async def sweep(services: Services) -> None:
    """Send every due pending check-in, one transaction each (webhooks slip in between)."""
    for row in await store.due(services.db, services.clock(), limit=1000):
        try:
            await send_checkin(services, row.id)
        except Exception:
            logger.exception("followup.send_failed", extra={"followup_id": row.id})
            async with services.db.transaction() as conn:
                await store.cancel(conn, row.id, "error")
    await campaign.follow_up(services)
    await arm(services, services.clock())


async def checkin_timeout(services: Services, followup_id: int) -> None:
    """No answer in RELAIS_CHECKIN_TIMEOUT: the worker (or the one on duty) is told, once."""
    now = services.clock()
    async with services.db.transaction() as conn:
        row = await store.get(conn, followup_id)
        if row is None or row.status != "sent" or row.campaign_id is not None:
            return
        if row.sent_at + _timeout(services) > now + EARLY:
            _timeout_alarm(services, row.id, row.sent_at + _timeout(services))
            return
        if await store.wrote_since(conn, row.citizen_id, row.sent_at):
            await store.mark_answered(conn, row.id, "message", now)  # a crisis, STOP, words…
            return
        await store.mark_unanswered(conn, row.id, now)
        await _alert(services, conn, row, now)
    services.engine.wake()


async def _alert(services: Services, conn, row: Followup, now: datetime) -> None:
    to, forwarded = await recipients(services, conn, row.worker_id, now)
    by = await _name(conn, row.worker_id) if forwarded else ""
    hours = services.settings.checkin_timeout_hours
    coordinators = ", ".join(w.name.split()[0] for w in await workers.coordinators(conn))
    steps = wm.no_answer_steps(_alias(row), coordinators)
    text = wm.checkin_no_answer(_alias(row), When(row.sent_at), hours, by, steps)
    for worker in to:
        await services.desk.tell_worker(conn, worker, Reply(text), request_id=row.request_id)
    await audit.log(conn, now, "system", "followup.unanswered", row.request_id, str(row.id))


async def _name(conn, worker_id: int | None) -> str:
    worker = await workers.get(conn, worker_id) if worker_id else None
    return worker.name if worker else ""


def _alias(row: Followup) -> str:
    return request_store.alias(row.request_id) if row.request_id else "?"


# ---- worker commands ------------------------------------------------------------------------


async def suivi(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/suivi [#A7] 3j|2h|1sem|YYYY-MM-DD HH:MM|chaque semaine 4 [message]`."""
    words = args.split()
    explicit = words[0] if words and parse.is_alias(words[0]) else ""
    rest = " ".join(words[1:]) if explicit else args
    tz = services.settings.timezone
    schedule = checkin.parse_schedule(rest, turn.now, tz)
    if schedule is None:
        await turn.reply(wm.followup_usage())
        return
    problem = checkin.check(schedule, turn.now)
    if problem:
        await turn.reply(wm.followup_past() if problem == "past" else wm.followup_too_far())
        return
    request = await turn.case(explicit, Action.FOLLOW_UP)
    if request is not None:
        await schedule_for(services, turn, request, schedule)


async def schedule_for(
    services: Services, turn: WorkerTurn, request: Request, schedule: checkin.Schedule
) -> list[int]:
    """Store the check-ins of a schedule for a case, ring their alarms, confirm; their ids."""
    refusal = await _refusal(turn, request)
    if refusal is not None:
        await turn.reply(refusal, request_id=request.id)
        return []
    ids, first = [], None
    for moment in schedule.moments:
        due = checkin.after_quiet(moment, services.settings.quiet_hours, services.settings.timezone)
        followup_id = await store.add(
            turn.conn, request.citizen_id, due, turn.now, request_id=request.id,
            worker_id=turn.worker.id, message=schedule.message, series=ids[0] if ids else None,
        )  # fmt: skip
        ids.append(followup_id)
        first = first or (moment, due)
        _alarm(services, followup_id, due)
    if schedule.every:
        await store.set_series(turn.conn, ids[0], ids[0])
        text = wm.followup_series(request.alias, len(ids), schedule.every, When(first[1]))
    else:
        text = wm.followup_scheduled(request.alias, When(first[1]), moved=first[1] != first[0])
    actor = f"worker:{turn.worker.id}"
    await audit.log(turn.conn, turn.now, actor, "followup.scheduled", request.id, str(len(ids)))
    offer = await segments.checkin_offer(turn, request, schedule.message, ids[0])
    if offer is not None:
        text, choices = Joined((text, offer[0])), offer[1]
        await turn.reply(text, choices, request_id=request.id)
        return ids
    await turn.reply(text, request_id=request.id)
    return ids


async def _refusal(turn: WorkerTurn, request: Request):
    citizen = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
    if citizens.reachable(citizen):
        return None
    return (wm.followup_no_citizen if citizen is None else wm.followup_opted_out)(request.alias)


async def offer_after_close(services: Services, conn, event: CaseClosed) -> None:
    """After /fin's last button, offer check-in buttons: tomorrow, in 3 days, in a week."""
    if event.citizen_id is None or event.claimed_by != event.worker_id:
        return
    worker = await workers.get(conn, event.worker_id)
    if worker is None or await _has_pending_checkin(conn, event.request_id):
        return  # one is already scheduled: /suivis shows it
    choices = tuple(
        Choice(f"{WORKER_CHOICE}suivi:{event.request_id}:{days}", label)
        for days, label in wm.FOLLOWUP_BUTTONS.items()
    )
    offer = Reply(wm.followup_offer(request_store.alias(event.request_id)), choices)
    await services.desk.tell_worker(conn, worker, offer, request_id=event.request_id)


async def _has_pending_checkin(conn, request_id: int) -> bool:
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM followups WHERE request_id = ? AND status = 'pending'"
        " AND campaign_id IS NULL LIMIT 1",
        (request_id,),
    )
    return bool(rows)


async def suivi_button(services: Services, turn: WorkerTurn, args: tuple[int, str]) -> None:
    """A button after /fin: a check-in at 10:00 in 1, 3 or 7 days."""
    request_id, days = args
    request = await turn.own_case(request_id, Action.FOLLOW_UP)
    if request is None:
        return
    moment = checkin.day_at(turn.now, int(days), BUTTON_TIME, services.settings.timezone)
    await schedule_for(services, turn, request, checkin.Schedule((moment,), ""))


async def my_followups(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/suivis`: the worker's check-ins still to send, each with a cancel button."""
    rows = (await store.of_worker(turn.conn, turn.worker.id))[:30]
    if not rows:
        await turn.reply(wm.no_followups())
        return
    lines = [wm.followups_header(len(rows))]
    for number, row in enumerate(rows, start=1):
        lines.append(wm.followup_line(number, _alias(row), When(row.due_at), row.message))
    choices = tuple(
        Choice(f"{WORKER_CHOICE}suivix:{row.id}", wm.cancel_followup(number))
        for number, row in enumerate(rows, start=1)
    )
    await turn.reply(Joined(tuple(lines)), choices)


async def cancel_button(services: Services, turn: WorkerTurn, args: tuple[int]) -> None:
    """Cancel one of one's own check-ins (a forged button cannot cancel another's)."""
    row = await store.get(turn.conn, args[0])
    if row is None or row.worker_id != turn.worker.id:
        await turn.reply(wm.not_allowed())
        return
    if not await store.cancel(turn.conn, row.id, "cancelled by worker"):
        await turn.reply(wm.followup_gone())
        return
    services.clock_work.cancel(JOB.format(row.id))
    actor = f"worker:{turn.worker.id}"
    await audit.log(turn.conn, turn.now, actor, "followup.cancelled", row.request_id, str(row.id))
    await turn.reply(wm.followup_cancelled(_alias(row), When(row.due_at)))
