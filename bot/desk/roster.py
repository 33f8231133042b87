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
        return await self._on_duty(conn, await self._shifts(conn), now)

    async def _on_duty(
        self, conn: aiosqlite.Connection, shifts: list, now: datetime
    ) -> list[Worker]:
        ids = rota.on_duty(shifts, now, self.timezone) if shifts else []
        found = [await workers.get(conn, i) for i in ids]
        return [w for w in found if w is not None and w.active and w.linked]

    async def facts(self, conn: aiosqlite.Connection, now: datetime) -> DutyFacts:
        """On duty, the next shift start and on-call, counting only who can receive a card."""
        shifts = await self._shifts(conn)  # read once for both questions
        on_duty = await self._on_duty(conn, shifts, now)
        next_start, on_call = None, False
        if not on_duty:  # (by day the on-duty workers get urgent cards themselves)
            reachable = await workers.active_linked(conn)
            next_start = self._next_start(shifts, reachable, now)
            # workers.night_contacts: the on-call workers and the coordinators among these
            on_call = any(w.on_call or w.is_coordinator for w in reachable)
        night = (now.astimezone(self.timezone) - timedelta(hours=12)).date().isoformat()
        return DutyFacts(bool(on_duty), next_start, night, on_call=on_call)

    async def next_reachable_start(
        self, conn: aiosqlite.Connection, now: datetime
    ) -> datetime | None:
        """The next shift start of an active, linked worker (a shift nobody can work is none)."""
        shifts = await self._shifts(conn)
        return self._next_start(shifts, await workers.active_linked(conn), now)

    def _next_start(self, shifts: list, reachable: list[Worker], now: datetime) -> datetime | None:
        ids = {w.id for w in reachable}
        upcoming = rota.next_shift_start(
            [s for s in shifts if s.worker_id in ids], now, self.timezone
        )
        return upcoming[0] if upcoming else None
