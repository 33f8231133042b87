"""Coordinator commands in Telegram: /garde (who is on duty) and /remplacer (swap a shift).

Only workers with the coordinator role may use them; the buttons check the role again and
re-read the rota, so forged or stale callback data changes nothing.

A replacement is written with one-off shifts, the rota's own vocabulary (bot/rota/rota.py): the
absent worker's shifts of that day become one-offs with the replaced one cut at this minute,
and the substitute gets a one-off from now to the shift's end (their own shifts of today kept
as one-offs too, since a one-off replaces a worker's weekly shifts of its day).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import args as parse
from bot.core.events import ShiftStarted
from bot.core.features import Button, Feature, Services
from bot.core.turns import WORKER_CHOICE
from bot.desk.turn import WorkerTurn
from bot.rota import rota
from flows import worker_messages as wm
from flows.text import Raw, When
from flows.types import Choice, Reply
from storage import audit, workers
from storage import rota as rota_store
from storage.workers import Worker, name_key

logger = logging.getLogger(__name__)

_FOR = re.compile(r"\s+(?:pour|for|à la place de|a la place de)\s+", re.IGNORECASE)


def feature(services: Services) -> Feature:
    """/garde and /remplacer and their buttons; /aide mentions them to coordinators."""
    commands = CoordinatorCommands(services.settings.timezone)
    return Feature(
        name="coordinator",
        commands={"garde": commands.duty, "remplacer": commands.replace},
        buttons=(
            Button("rpick", commands.pick, (parse.ident, parse.ident)),
            Button("repl", commands.confirm, (parse.ident, parse.ident, parse.epoch)),
            Button("replno", commands.cancel),
        ),
        help={"coordinator": wm.coordinator_help},
    )


async def _allowed(turn: WorkerTurn) -> bool:
    if turn.worker.is_coordinator:
        return True
    logger.info("coordinator.refused", extra={"worker_id": turn.worker.id})
    await turn.reply(wm.not_allowed())
    return False


class CoordinatorCommands:
    """The commands, in the rota's zone (RELAIS_TIMEZONE)."""

    def __init__(self, timezone: ZoneInfo) -> None:
        self.timezone = timezone

    def _until(self, moment: datetime, now: datetime) -> When:
        same_day = moment.astimezone(self.timezone).date() == now.astimezone(self.timezone).date()
        return When(moment, "time" if same_day else "datetime")

    async def duty(self, turn: WorkerTurn, args: str) -> None:
        """`/garde`: who is on duty now (until when) and who comes next."""
        if not await _allowed(turn):
            return
        shifts = await rota_store.list_shifts(turn.conn)
        names = {w.id: w.name for w in await workers.list_all(turn.conn)}

        def render(item) -> str:
            return turn.desk.engine.i18n.render(item, turn.language)

        today = turn.now.astimezone(self.timezone).date()
        holidays = rota.quebec_holidays(turn.language)
        parts = [wm.duty_holiday(holidays.get(today))] if today in holidays else []
        running = rota.current_slots(shifts, turn.now, self.timezone)
        lines = [
            render(wm.duty_line(names[s.worker_id], self._until(s.end, turn.now))) for s in running
        ]
        parts.append(wm.duty_now("\n".join(lines)) if lines else wm.duty_nobody())
        parts.append(self._next(shifts, names, turn.now))
        await turn.reply(Raw("\n\n".join(render(p) for p in parts)))

    def _next(self, shifts: list, names: dict[int, str], now: datetime):
        upcoming = rota.next_shift_start(shifts, now, self.timezone)
        if upcoming is None:
            return wm.duty_no_next()
        when, ids = upcoming
        return wm.duty_next(", ".join(names[i] for i in ids), When(when))

    async def replace(self, turn: WorkerTurn, args: str) -> None:
        """`/remplacer NAME [pour OTHER]`: NAME takes OTHER's (or my) current shift, confirmed."""
        if not await _allowed(turn):
            return
        if not args.strip():
            await turn.reply(wm.replace_usage())
            return
        sub_text, *absent_text = _FOR.split(args.strip(), maxsplit=1)
        substitute = await find_worker(turn.conn, sub_text)
        if substitute is None or not substitute.active or not substitute.linked:
            await turn.reply(wm.unknown_worker(sub_text))
            return
        absent = turn.worker
        if absent_text:
            absent = await find_worker(turn.conn, absent_text[0])
            if absent is None:
                await turn.reply(wm.unknown_worker(absent_text[0]))
                return
        slot = await self._slot_of(turn, absent.id)
        if slot is None and not absent_text:
            await self._offer(turn, substitute)
            return
        await self._ask(turn, substitute, absent, slot)

    async def _slot_of(self, turn: WorkerTurn, worker_id: int) -> rota.Slot | None:
        shifts = await rota_store.list_shifts(turn.conn)
        running = rota.current_slots(shifts, turn.now, self.timezone)
        return next((s for s in running if s.worker_id == worker_id), None)

    async def _offer(self, turn: WorkerTurn, substitute: Worker) -> None:
        """The coordinator is not on duty: whose shift? One button per worker on duty."""
        shifts = await rota_store.list_shifts(turn.conn)
        choices = []
        for slot in rota.current_slots(shifts, turn.now, self.timezone):
            worker = await workers.get(turn.conn, slot.worker_id)
            if worker is None or worker.id == substitute.id:
                continue
            label = wm.replace_pick_label(worker.name, self._until(slot.end, turn.now))
            choices.append(Choice(f"{WORKER_CHOICE}rpick:{substitute.id}:{worker.id}", label))
        if not choices:
            await turn.reply(wm.not_on_duty(turn.worker.name))
            return
        choices.append(Choice(f"{WORKER_CHOICE}replno", wm.CANCEL))
        await turn.reply(wm.replace_pick(substitute.name), tuple(choices))

    async def _ask(
        self, turn: WorkerTurn, substitute: Worker, absent: Worker, slot: rota.Slot | None
    ) -> None:
        if slot is None:
            await turn.reply(wm.not_on_duty(absent.name))
            return
        if substitute.id == absent.id:
            await turn.reply(wm.replace_self(absent.name))
            return
        key = f"{substitute.id}:{absent.id}:{int(slot.start.timestamp())}"
        choices = (
            Choice(f"{WORKER_CHOICE}repl:{key}", wm.CONFIRM),
            Choice(f"{WORKER_CHOICE}replno", wm.CANCEL),
        )
        until = self._until(slot.end, turn.now)
        await turn.reply(wm.replace_confirm(substitute.name, absent.name, until), choices)

    async def pick(self, turn: WorkerTurn, args: tuple[int, int]) -> None:
        """The button naming whose shift: ask for the confirmation."""
        if not await _allowed(turn):
            return
        found = await self._workers(turn, args[:2])
        if found is None:
            return
        substitute, absent = found
        await self._ask(turn, substitute, absent, await self._slot_of(turn, absent.id))

    async def cancel(self, turn: WorkerTurn, args: tuple) -> None:
        """The Cancel button: nothing changes."""
        if await _allowed(turn):
            await turn.reply(wm.replace_cancelled())

    async def confirm(self, turn: WorkerTurn, args: tuple[int, int, int]) -> None:
        """The Confirm button: re-check everything, then write the one-off shifts."""
        if not await _allowed(turn):
            return
        found = await self._workers(turn, args[:2])
        if found is None:
            return
        substitute, absent = found
        slot = await self._slot_of(turn, absent.id)
        if slot is None or int(slot.start.timestamp()) != args[2]:
            await turn.reply(wm.replace_stale())
            return
        cut = await swap_shift(turn.conn, slot, substitute, turn.now, self.timezone)
        if cut is None:
            await turn.reply(wm.replace_stale())
            return
        await self._announce(turn, substitute, absent, slot)

    async def _workers(
        self, turn: WorkerTurn, ids: tuple[int, ...]
    ) -> tuple[Worker, Worker] | None:
        found = [await workers.get(turn.conn, i) for i in ids]
        if len(found) != 2 or None in found or not (found[0].active and found[0].linked):
            await turn.reply(wm.not_allowed())
            return None
        if found[0].id == found[1].id:
            await turn.reply(wm.replace_self(found[0].name))
            return None
        return found[0], found[1]

    async def _announce(
        self, turn: WorkerTurn, substitute: Worker, absent: Worker, slot: rota.Slot
    ) -> None:
        until = self._until(slot.end, turn.now)
        await audit.log(
            turn.conn, turn.now, f"worker:{turn.worker.id}", "rota.replaced", None,
            f"worker:{absent.id} by worker:{substitute.id}",
        )  # fmt: skip
        await turn.reply(wm.replace_done(substitute.name, absent.name, until))
        await turn.desk.tell_worker(
            turn.conn, substitute, Reply(wm.you_replace(absent.name, until))
        )
        if absent.id != turn.worker.id:
            await turn.desk.tell_worker(turn.conn, absent, Reply(wm.replaced_you(substitute.name)))
        # Requests only the absent worker held go to the substitute now (bot/escalation listens).
        await turn.desk.events.publish(turn.conn, ShiftStarted(substitute.id, turn.now))


async def find_worker(src, text: str) -> Worker | None:
    """A worker by full name, or by a first name (or start of name) only one worker has."""
    exact = await workers.get_by_name(src, text)
    if exact is not None:
        return exact
    key = name_key(text)
    if not key:
        return None
    found = [
        w for w in await workers.list_all(src) if w.active and name_key(w.name).startswith(key)
    ]
    return found[0] if len(found) == 1 else None


async def swap_shift(
    conn, slot: rota.Slot, substitute: Worker, now: datetime, tz
) -> datetime | None:
    """Cut `slot` at this minute and give the rest to `substitute`; None if nothing is left."""
    cut = now.astimezone(tz).replace(second=0, microsecond=0)
    if cut <= slot.start:
        cut = slot.start.astimezone(tz) + timedelta(minutes=1)
    if slot.end - cut < timedelta(minutes=1):
        return None
    shifts = await rota_store.list_shifts(conn)
    today = cut.date()
    absent_day = [s for s in rota.shifts_on(shifts, slot.day) if s.worker_id == slot.worker_id]
    kept = [s for s in absent_day if s != slot.shift]
    kept.append(rota_store.Shift(slot.worker_id, slot.shift.start, cut.time(), on_date=slot.day))
    end = slot.end.astimezone(tz).time()
    own = [s for s in rota.shifts_on(shifts, today) if s.worker_id == substitute.id]
    taken = rota_store.Shift(substitute.id, cut.time(), end, on_date=today)
    await _set_one_offs(conn, slot.worker_id, slot.day, kept, now)
    await _set_one_offs(conn, substitute.id, today, [*own, taken], now)
    logger.info("rota.swapped", extra={"worker_id": slot.worker_id, "substitute": substitute.id})
    return cut


async def _set_one_offs(conn, worker_id: int, day, shifts: list, now: datetime) -> None:
    """The worker's shifts of `day`, written as that day's one-offs (replacing any before)."""
    await conn.execute(
        "DELETE FROM shifts WHERE worker_id = ? AND on_date = ?", (worker_id, day.isoformat())
    )
    dated = [rota_store.Shift(s.worker_id, s.start, s.end, on_date=day) for s in shifts]
    await rota_store.add(conn, dated, "cli", now)
