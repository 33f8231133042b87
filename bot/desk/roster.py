"""Duty facts from the rota: who is on duty now, the next reachable shift, on-call at night."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.duty import DutyFacts
from bot.rota import rota
from storage import rota as rota_store
from storage import workers
from storage.workers import Worker


class Roster:
    """The desk's duty side (mixed into bot/desk/desk.py's `RotaDesk`)."""

    timezone: ZoneInfo
    _rota_cache: tuple[tuple, list] | None

    async def _shifts(self, conn: aiosqlite.Connection) -> list:
        """The rota, parsed again only when the shifts table changed (any process)."""
        rows = await conn.execute_fetchall("SELECT COUNT(*), MAX(id), MAX(created_at) FROM shifts")
        fingerprint = tuple(rows[0])
        if self._rota_cache is None or self._rota_cache[0] != fingerprint:
            self._rota_cache = (fingerprint, await rota_store.list_shifts(conn))
        return self._rota_cache[1]

    async def on_duty_workers(self, conn: aiosqlite.Connection, now: datetime) -> list[Worker]:
        """Active, linked workers on duty now, by the rota."""
        shifts = await self._shifts(conn)
        ids = rota.on_duty(shifts, now, self.timezone)
        found = [await workers.get(conn, i) for i in ids]
        return [w for w in found if w is not None and w.active and w.linked]

    async def facts(self, conn: aiosqlite.Connection, now: datetime) -> DutyFacts:
        """On duty, the next shift start and on-call, counting only who can receive a card."""
        on_duty = await self.on_duty_workers(conn, now)
        next_start, on_call = None, False
        if not on_duty:  # (by day the on-duty workers get urgent cards themselves)
            next_start = await self.next_reachable_start(conn, now)
            on_call = bool(await workers.night_contacts(conn))
        night = (now.astimezone(self.timezone) - timedelta(hours=12)).date().isoformat()
        return DutyFacts(bool(on_duty), next_start, night, on_call=on_call)

    async def next_reachable_start(
        self, conn: aiosqlite.Connection, now: datetime
    ) -> datetime | None:
        """The next shift start of an active, linked worker (a shift nobody can work is none)."""
        reachable = {w.id for w in await workers.active_linked(conn)}
        shifts = [s for s in await self._shifts(conn) if s.worker_id in reachable]
        upcoming = rota.next_shift_start(shifts, now, self.timezone)
        return upcoming[0] if upcoming else None
