"""Recurring jobs: the hand-over summary at each shift start, the daily retention purge, the
weekly summary to coordinators.

Each is once-only by a key in `notices` (a restart never sends one twice); the hand-over tick
runs every minute and looks for shifts begun in the last two hours, so a shift that started
while the bot was down still gets its summary; the purge also runs at every start.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.features import AT_START, Feature, Job, Services
from bot.privacy import retention
from bot.rota import rota
from flows import checkin
from flows import worker_messages as wm
from flows.text import Joined, Raw, When
from flows.types import Reply
from storage import followups as store
from storage import requests as request_store
from storage import rota as rota_store
from storage import workers
from storage.clock import to_db

logger = logging.getLogger(__name__)

HANDOVER_WINDOW = timedelta(hours=2)
PURGE_AT = time(3, 30)  # never inside a DST change in America/Montreal (02:00-03:00)
WEEKLY_AT = time(8, 0)


def feature(services: Services) -> Feature:
    """The recurring jobs; the purge also runs once at start (a night missed while down)."""
    tz = services.settings.timezone
    purge_trigger = CronTrigger(hour=PURGE_AT.hour, minute=PURGE_AT.minute, timezone=tz)
    weekly = CronTrigger(day_of_week="mon", hour=WEEKLY_AT.hour, minute=0, timezone=tz)
    return Feature(
        name="housekeeping",
        jobs=(
            Job("housekeeping:handover", IntervalTrigger(seconds=60), handover_tick, (services,)),
            Job("housekeeping:purge", purge_trigger, purge_job, (services,)),
            Job("housekeeping:weekly", weekly, weekly_job, (services,)),
            Job("housekeeping:purge-at-start", AT_START, purge_job, (services,)),
        ),
    )


async def _once(conn, key: str, now: datetime) -> bool:
    """True the first time a key is claimed; the claim commits with what it guards."""
    cursor = await conn.execute(
        "INSERT INTO notices (key, sent_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        (key, to_db(now)),
    )
    return cursor.rowcount == 1


# ---- hand-over --------------------------------------------------------------------------------


async def handover_tick(relais: Services) -> None:
    await handover(relais, relais.clock())


async def handover(relais: Services, now: datetime) -> int:
    """Summaries to the workers whose shift began in the last two hours; how many went out."""
    tz = relais.settings.timezone
    slots = rota.current_slots(await rota_store.list_shifts(relais.db), now, tz)
    told = 0
    for slot in slots:
        if slot.start < now - HANDOVER_WINDOW:
            continue
        async with relais.db.transaction() as conn:
            worker = await workers.get(conn, slot.worker_id)
            if worker is None or not worker.active or not worker.linked:
                continue
            if not await _once(conn, f"handover:{worker.id}:{to_db(slot.start)}", now):
                continue
            await relais.desk.tell_worker(conn, worker, await _summary(relais, conn, worker, slot))
            told += 1
    if told:
        relais.engine.wake()
    return told


async def _summary(relais: Services, conn, worker, slot) -> Reply:
    """Open cases (theirs named), waiting requests, check-ins due before the shift ends."""
    claimed = await conn.execute_fetchall(
        "SELECT id, claimed_by FROM requests WHERE status = 'claimed' ORDER BY id"
    )
    mine = ", ".join(request_store.alias(r["id"]) for r in claimed if r["claimed_by"] == worker.id)
    waiting = await request_store.waiting(conn)
    urgent = ", ".join(r.alias for r in waiting if r.urgent)
    parts = [
        wm.handover_greeting(worker.name.split()[0]),
        wm.handover_cases(len(claimed), mine),
        wm.handover_waiting(len(waiting), ", ".join(r.alias for r in waiting[:30])),
    ]
    if urgent:
        parts.append(wm.handover_urgent(urgent))
    due = await store.select(
        conn, "status = 'pending' AND campaign_id IS NULL AND due_at < ?", (to_db(slot.end),)
    )
    parts.append(wm.handover_checkins(len(due), Raw(await _lines(relais, conn, worker, due))))
    return Reply(Joined(tuple(parts)))


async def _lines(relais: Services, conn, worker, due: list) -> str:
    """One line per check-in, rendered in the worker's language (times through Babel)."""
    language = worker.languages[0] if worker.languages else "fr"
    lines = []
    for row in due[:20]:
        by = await workers.get(conn, row.worker_id) if row.worker_id else None
        alias = request_store.alias(row.request_id) if row.request_id else "?"
        line = wm.handover_checkin_line(alias, When(row.due_at), by.name if by else "?")
        lines.append(relais.i18n.render(line, language))
    return "\n".join(lines)


# ---- retention --------------------------------------------------------------------------------


async def purge_job(relais: Services) -> None:
    """The daily retention purge (bot/privacy/retention.py)."""
    counts = await retention.purge(
        relais.db, relais.clock(), relais.settings.retention_days, relais.engine.i18n
    )
    if any(counts.values()):
        logger.info("retention.purged", extra=counts)
        relais.engine.wake()  # the edits of the workers' copies


async def purge(db, now: datetime, retention_days: int) -> dict[str, int]:
    """Delete what is past retention; see bot/privacy/retention.py for what and when."""
    return await retention.purge(db, now, retention_days)


# ---- weekly summary ---------------------------------------------------------------------------


async def weekly_job(relais: Services) -> None:
    await weekly_summary(relais, relais.clock())


async def weekly_summary(relais: Services, now: datetime) -> int:
    """The week's figures to every coordinator, once per week; how many were told."""
    tz = relais.settings.timezone
    monday = now.astimezone(tz).date() - timedelta(days=now.astimezone(tz).weekday())
    since = checkin.local(monday - timedelta(days=7), time(0), tz)
    until = checkin.local(monday, time(0), tz)
    span = (to_db(since), to_db(until))
    async with relais.db.transaction() as conn:
        if not await _once(conn, f"weekly:{monday.isoformat()}", now):
            return 0
        text = wm.weekly_summary(When(since, "date"), *await _figures(conn, span))
        if not await workers.on_call(conn):
            text = Joined((text, wm.nobody_on_call()))
        coordinators = await workers.coordinators(conn)
        if not coordinators:
            logger.warning("night.nobody_on_call")  # urgent requests at night reach no one
        for coordinator in coordinators:
            await relais.desk.tell_worker(conn, coordinator, Reply(text))
    relais.engine.wake()
    return len(coordinators)


async def _figures(conn, span: tuple[str, str]) -> tuple[int, ...]:
    async def count(sql: str) -> int:
        return (await conn.execute_fetchall(sql, span))[0][0]

    return (
        await count("SELECT count(*) FROM requests WHERE created_at >= ? AND created_at < ?"),
        await count(
            "SELECT count(*) FROM requests WHERE urgent = 1 AND created_at >= ? AND created_at < ?"
        ),
        await count("SELECT count(*) FROM requests WHERE closed_at >= ? AND closed_at < ?"),
        await count("SELECT count(*) FROM followups WHERE sent_at >= ? AND sent_at < ?"),
        await count(
            "SELECT count(*) FROM followups WHERE status = 'answered' AND sent_at >= ?"
            " AND sent_at < ?"
        ),
        await count(
            "SELECT count(*) FROM followups WHERE status = 'unanswered' AND sent_at >= ?"
            " AND sent_at < ?"
        ),
    )
