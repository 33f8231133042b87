"""Keep imported calendars' repeating events repeating: the bot re-expands them every day.

`relais rota import FILE.ics` keeps the calendar whole (table rota_calendars); at start and
each night the bot reads it again over [today, today + its weeks) and adds the shifts that
came into range. A rule that truly ends (UNTIL, COUNT) simply stops producing shifts.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.core.features import AT_START, Feature, Job, Services
from bot.rota.importer import RotaFileError, read_rota_ics
from bot.rota.rota import Shift
from storage import rota as rota_store
from storage import workers as worker_store
from storage.db import Database

logger = logging.getLogger(__name__)

EXTEND_AT = time(3, 40)  # after the purge, outside the DST change (02:00–03:00)


def feature(services: Services) -> Feature:
    """Extend once at start (a night missed while down is caught up), then every night."""
    tz = services.settings.timezone
    trigger = CronTrigger(hour=EXTEND_AT.hour, minute=EXTEND_AT.minute, timezone=tz)
    return Feature(
        name="rota calendars",
        jobs=(
            Job("rota:calendars:start", AT_START, extend_job, (services,)),
            Job("rota:calendars", trigger, extend_job, (services,)),
        ),
    )


async def extend_job(relais: Services) -> None:
    """The scheduled job: extend every kept calendar from the bot's clock."""
    await extend_calendars(relais.db, relais.settings.timezone, relais.clock())


async def extend_calendars(db: Database, tz: ZoneInfo, now: datetime) -> int:
    """Add the shifts each kept calendar has over its coming weeks; how many were new."""
    everyone = await worker_store.list_all(db)
    ids = {worker_store.name_key(w.name): w.id for w in everyone}
    today = now.astimezone(tz).date()
    added = 0
    for calendar in await rota_store.calendars(db):
        horizon = (today, today + timedelta(weeks=calendar.weeks))
        try:
            found = read_rota_ics(calendar.data, [w.name for w in everyone], tz, horizon)
        except RotaFileError as exc:  # the series ended, or a worker was removed
            logger.warning(
                "rota.calendar_not_extended", extra={"calendar_id": calendar.id, "line": exc.line}
            )
            continue
        shifts = [
            Shift(ids[worker_store.name_key(s.worker)], s.start, s.end, s.weekday, s.on_date)
            for s in found.shifts
        ]
        added += await rota_store.extend(db, calendar.id, shifts, now)
    logger.info("rota.calendars_extended", extra={"shifts": added})
    return added
