"""Appointments at welcoming places: the citizen's answer, reminders, and cancellations.

Proposing is bot/appointments/commands.py (`/rdv`); cancelling (`/rdv annuler`, the button under a
proposal) is here, with the notices that a cancellation sends to both sides.

Rows are the truth (storage/places.py); scheduler jobs are alarms rebuilt from them at start.
Only confirmed appointments get reminders: a day before and two hours before, moved out of the
quiet hours (flows/slots.py `reminder_time`); a reminder that was already due when the citizen
confirmed is not sent. Each reminder is marked sent in the transaction that queues it, so a
job that runs twice, or a restart, never sends it twice. Cancellations made by the CLI (a
withdrawn place) are rows "not yet notified": the sweep, every minute and at start, tells the
worker and the citizen.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

import aiosqlite

from bot.core.features import Services
from bot.core.turns import WORKER_CHOICE, WorkerTurn
from flows import appointments as ap
from flows import worker_messages as wm
from flows.slots import REMINDER_LEADS, in_quiet, reminder_time
from flows.text import When
from flows.types import AppointmentAnswer, Choice, Reply
from storage import audit, workers
from storage import places as place_store
from storage import requests as request_store
from storage.places import REMINDERS, Appointment
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)

SWEEP_JOB = "appointments:sweep"
SWEEP_EVERY = timedelta(minutes=1)


async def started(services: Services) -> None:
    """Tell what the CLI cancelled meanwhile, rebuild the reminder alarms."""
    now = services.clock()
    await sweep(services, now)
    for appointment in await place_store.confirmed_upcoming(services.db, now):
        plan_reminders(services, appointment)


def job_id(appointment_id: int, which: str) -> str:
    """The alarm of one reminder of one appointment."""
    return f"appointment:{appointment_id}:{which}"


def plan_reminders(
    services: Services, appointment: Appointment, missing_after: datetime | None = None
) -> None:
    """Set the alarms of the reminders not sent yet (replacing any set before); with
    `missing_after`, only those still to come after it that have no alarm here."""
    settings = services.settings
    for which, lead in REMINDER_LEADS.items():
        if getattr(appointment, REMINDERS[which]) is not None:
            continue
        due = reminder_time(appointment.starts_at, lead, settings.timezone, settings.quiet_hours)
        confirmed = appointment.confirmed_at
        if due >= appointment.starts_at or (confirmed is not None and due < confirmed):
            continue  # already due when the citizen said yes: they were just told
        if missing_after is not None and (
            due <= missing_after or services.clock_work.has(job_id(appointment.id, which))
        ):
            continue
        services.clock_work.at(job_id(appointment.id, which), due, remind, services, appointment.id,
                             which)  # fmt: skip


async def remind(
    services: Services, appointment_id: int, which: str, now: datetime | None = None
) -> bool:
    """The reminder job: queue the reminder unless sent, cancelled, past or quiet; True if sent."""
    now = now or services.clock()
    tz, quiet = services.settings.timezone, services.settings.quiet_hours
    async with services.db.transaction() as conn:
        found = await place_store.get_appointment(conn, appointment_id)
        if found is None or found.status != "confirmed" or now >= found.starts_at:
            return False
        if in_quiet(now.astimezone(tz).time(), quiet):
            later = reminder_time(found.starts_at, found.starts_at - now, tz, quiet)
            if later > now:  # late (the bot was down): wait for the end of the quiet hours
                services.clock_work.at(
                    job_id(found.id, which), later, remind, services, found.id, which
                )
            return False
        same_day = reminder_time(found.starts_at, REMINDER_LEADS["same_day"], tz, quiet)
        if which == "day_before" and now >= same_day:
            return False  # a late day-before reminder: the same-day one says it all
        if not await place_store.claim_reminder(conn, found.id, which, now):
            return False
        sent = await _say_reminder(services, conn, found)
        await audit.log(conn, now, "system", f"appointment.reminded.{which}", found.request_id)
    logger.info("appointment.reminded", extra={"appointment_id": found.id, "which": which})
    services.engine.wake()
    return sent


async def _say_reminder(services: Services, conn: aiosqlite.Connection, found: Appointment) -> bool:
    request = await _request(conn, found)
    place = await place_store.get_place(conn, found.place_id)
    if request is None or request.citizen_id is None or place is None:
        return False
    text = ap.reminder(When(found.starts_at), ap.where(place.name, place.organization),
                       place.address)  # fmt: skip
    return await services.engine.say_to_citizen(
        conn, request.citizen_id, Reply(text), request_id=request.id
    )


async def on_answer(services: Services, turn, effect: AppointmentAnswer) -> None:
    """The citizen said yes or no: record it, answer them, tell the worker, plan reminders."""
    found = await place_store.get_appointment(turn.conn, effect.appointment_id or 0)
    request = await _request(turn.conn, found) if found is not None else None
    if found is None or request is None or request.citizen_id != turn.citizen_id:
        turn.extra.append(Reply(ap.no_longer_open("cancelled")))
        return
    if not await place_store.answer_appointment(turn.conn, found.id, effect.accepted, turn.now):
        turn.extra.append(Reply(ap.no_longer_open(found.status)))
        return
    label, moment = await _label(turn.conn, found), When(found.starts_at)
    event = "appointment.confirmed" if effect.accepted else "appointment.declined"
    await audit.log(turn.conn, turn.now, f"citizen:{turn.citizen_id}", event, request.id)
    if effect.accepted:
        turn.extra.append(Reply(ap.confirmed(moment, label)))
        plan_reminders(services, replace(found, status="confirmed", confirmed_at=turn.now))
        said = wm.rdv_accepted(request.alias, label, moment)
    else:
        turn.extra.append(Reply(ap.declined()))
        said = wm.rdv_declined(request.alias, label, moment)
    worker = await _worker(turn.conn, found, request)
    if worker is not None:
        await services.desk.tell_worker(turn.conn, worker, Reply(said), request_id=request.id)


async def sweep(services: Services, now: datetime | None = None) -> int:
    """Tell both sides of the cancellations nobody heard of yet (a place withdrawn by the CLI);
    arm the reminders of appointments confirmed through a process that does not lead (it keeps
    no alarm, bot/core/scheduler.py): the leader's sweep sets them within a minute."""
    now = now or services.clock()
    for appointment in await place_store.confirmed_upcoming(services.db, now):
        plan_reminders(services, appointment, missing_after=now)
    if not await place_store.unnotified_cancellations(services.db):
        return 0  # the usual case: no write transaction every minute for nothing
    async with services.db.transaction() as conn:
        pending = await place_store.unnotified_cancellations(conn)
        for appointment in pending:
            await tell_cancelled(services, conn, appointment, now)
    services.engine.wake()
    return len(pending)


async def tell_cancelled(
    services: Services, conn: aiosqlite.Connection, appointment: Appointment, now: datetime
) -> None:
    """Tell the citizen and the worker that an appointment is off; stop its reminders."""
    for which in REMINDERS:
        services.clock_work.cancel(job_id(appointment.id, which))
    await place_store.mark_cancel_notified(conn, appointment.id, now)
    if appointment.starts_at <= now:
        return  # already past: nobody needs telling
    request, label = await _request(conn, appointment), await _label(conn, appointment)
    moment, withdrawn = When(appointment.starts_at), appointment.cancel_reason == "place_withdrawn"
    if request is not None and request.citizen_id is not None:
        text = ap.cancelled(moment, label, withdrawn)
        await services.engine.say_to_citizen(conn, request.citizen_id, Reply(text),
                                           request_id=request.id)  # fmt: skip
    worker = await _worker(conn, appointment, request)
    if worker is not None and request is not None:
        said = wm.rdv_cancelled(request.alias, label, moment, withdrawn)
        await services.desk.tell_worker(conn, worker, Reply(said), request_id=request.id)
    logger.info("appointment.cancel_told", extra={"appointment_id": appointment.id})


async def cancel_command(services: Services, turn: WorkerTurn, explicit: str) -> None:
    """`/rdv annuler`: the case's only upcoming appointment, or a button for each."""
    request = await turn.case(explicit)
    if request is None:
        return
    upcoming = await place_store.upcoming_for_request(turn.conn, request.id, turn.now)
    if len(upcoming) == 1:
        await cancel(services, turn, (upcoming[0].id,))
        return
    if not upcoming:
        await turn.reply(wm.rdv_none(request.alias), request_id=request.id)
        return
    choices = []
    for found in upcoming:
        text = wm.rdv_line(await _label(turn.conn, found), When(found.starts_at))
        choices.append(Choice(f"{WORKER_CHOICE}rdvx:{found.id}", text))
    await turn.reply(wm.rdv_which(request.alias), tuple(choices), request_id=request.id)


async def cancel(services: Services, turn: WorkerTurn, args: tuple[int]) -> None:
    """`w:rdvx:<appointment>`: only the worker who has the case may cancel."""
    found = await place_store.get_appointment(turn.conn, args[0])
    request = await turn.own_case(found.request_id if found else None)
    if found is None or request is None:
        return
    if not await place_store.cancel_appointment(
        turn.conn, found.id, "worker", turn.now, notified=True
    ):
        await turn.reply(wm.rdv_none(request.alias), request_id=request.id)
        return
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "appointment.cancelled",
                    request.id)  # fmt: skip
    cancelled = await place_store.get_appointment(turn.conn, found.id)
    await tell_cancelled(services, turn.conn, cancelled, turn.now)


async def _label(conn: aiosqlite.Connection, appointment: Appointment) -> str:
    place = await place_store.get_place(conn, appointment.place_id)
    return ap.where(place.name, place.organization) if place is not None else "?"


async def _request(conn: aiosqlite.Connection, appointment: Appointment) -> Request | None:
    if appointment.request_id is None:
        return None
    return await request_store.get(conn, appointment.request_id)


async def _worker(
    conn: aiosqlite.Connection, appointment: Appointment, request: Request | None
) -> Worker | None:
    """Who hears about it: whoever has the case now, else whoever proposed it."""
    holder = request.claimed_by if request and request.status == "claimed" else None
    worker_id = holder or appointment.worker_id
    return await workers.get(conn, worker_id) if worker_id is not None else None
