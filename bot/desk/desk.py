"""The worker desk: duty facts from the rota, request cards, claims, and the two-way relay."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core import args as parse
from bot.core.duty import Desk, DutyFacts
from bot.core.events import Events, UrgentWaiting
from bot.core.writer import OutboxWriter
from bot.desk import policy, segments
from bot.desk.callbacks import PREFIX, Callbacks
from bot.desk.policy import Action, Refusal
from bot.rota import rota
from flows import messages as m
from flows import worker_messages as wm
from flows.text import Raw, Text
from flows.types import Choice, Inbound, Kind, Reply
from storage import audit, citizens, workers
from storage import inbound as inbound_store
from storage import requests as request_store
from storage import rota as rota_store
from storage.clock import to_db
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)

WORKER_CHOICE = PREFIX
Command = Callable[["WorkerTurn", str], Awaitable[None]]


class WorkerTurn:
    """One message from a worker being handled, with what commands need."""

    def __init__(
        self,
        desk: RotaDesk,
        conn: aiosqlite.Connection,
        worker: Worker,
        inbound: Inbound,
        now: datetime,
        inbound_id: int | None = None,
    ) -> None:
        self.desk, self.conn, self.worker, self.inbound, self.now = desk, conn, worker, inbound, now
        self.inbound_id = inbound_id

    async def _about(self, request: Request) -> Request:
        """This message concerns the case: an erasure of its person deletes it too."""
        if self.inbound_id is not None:
            await inbound_store.link(self.conn, self.inbound_id, request_id=request.id)
        return request

    @property
    def language(self) -> str:
        return self.worker.languages[0] if self.worker.languages else "fr"

    async def reply(self, text: Text | Raw, choices: tuple[Choice, ...] = (), **ids) -> None:
        await self.desk.tell_worker(self.conn, self.worker, Reply(text, choices), **ids)

    async def own_case(
        self, request_id: int | None, action: Action = Action.WORK
    ) -> Request | None:
        """The case a button names, if this worker may act on it: callback data can be forged."""
        request = await request_store.get(self.conn, request_id) if request_id else None
        return await self.allowed(request, action, request_id or 0)

    async def allowed(
        self, request: Request | None, action: Action, request_id: int = 0
    ) -> Request | None:
        """`request` if the policy lets this worker do `action` on it; else say why, None."""
        refusal = await self.desk.refusal(self.conn, self.worker, action, request, self.now)
        if refusal is None:
            return await self._about(request) if request is not None else None
        await self.refuse(refusal, action, request, request_id)
        return None

    async def refuse(
        self, refusal: Refusal, action: Action, request: Request | None, request_id: int = 0
    ) -> None:
        """Say no (the case is closed, or not allowed) and leave an audit row."""
        request_id = request.id if request is not None else request_id
        await policy.refused(self.conn, self.worker, action, request_id, self.now)
        if refusal is Refusal.CLOSED and request is not None:
            await self.reply(wm.case_closed(request.alias), request_id=request.id)
        else:
            await self.reply(wm.not_allowed())

    async def case(self, explicit: str = "", action: Action = Action.WORK) -> Request | None:
        """The case meant: named (#A7), answered-to, or the only one open; else ask."""
        request = await self.desk.resolve_case(self.conn, self.worker, self.inbound, explicit)
        if request is None:
            cases = await self.desk.open_cases(self.conn, self.worker.id)
            await self.reply(wm.which_case() if cases else wm.no_case())
            return None
        return await self.allowed(request, action)


class RotaDesk(Desk):
    """The desk of interfaces.md: on-duty workers by rota, cards, claims, relay, commands."""

    def __init__(
        self, writer: OutboxWriter, timezone: ZoneInfo, events: Events | None = None
    ) -> None:
        self.engine = writer  # say(), say_to_citizen(), i18n: the outbox writer, not the engine
        self.i18n = writer.i18n
        self.timezone = timezone
        self.events = events or Events()
        self.commands: dict[str, Command] = {}
        self.callbacks = Callbacks()
        self.help: list[tuple[str, Callable[[], Text]]] = []  # (role, text), composed by /aide
        self._rota_cache: tuple[tuple, list] | None = None

    def add_button(self, prefix: str, handler: Callable, *fields: parse.Parser) -> None:
        """A feature's button prefix, in the one registry (a duplicate refuses to start)."""
        self.callbacks.add(prefix, handler, *fields)

    # ---- duty facts -------------------------------------------------------------------

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

    # ---- talking to workers -----------------------------------------------------------

    async def tell_worker(
        self, conn: aiosqlite.Connection, worker: Worker, reply: Reply, **ids: int | None
    ) -> list[int]:
        """Queue a message to a worker's Telegram chat; choices become worker buttons."""
        if worker.telegram_id is None:
            return []
        language = worker.languages[0] if worker.languages else "fr"
        ids.setdefault("worker_id", worker.id)
        return await self.engine.say(conn, f"telegram:{worker.telegram_id}", reply, language, **ids)

    # ---- routing ----------------------------------------------------------------------

    async def request_opened(
        self, conn: aiosqlite.Connection, request: Request, now: datetime
    ) -> None:
        """Page every on-duty worker who speaks the citizen's language (or all on duty)."""
        on_duty = await self.on_duty_workers(conn, now)
        if not on_duty:
            # The request waits for the next shift (bot/escalation/escalation.py pages it then); an
            # urgent one reaches the coordinators at once.
            if request.urgent:
                await self.events.publish(conn, UrgentWaiting(request.id, now))
            return
        speakers = [w for w in on_duty if request.language in w.languages] or on_duty
        await self.page(conn, request, speakers, now)

    async def urgent(self, conn: aiosqlite.Connection, request: Request, now: datetime) -> None:
        """A request just became urgent: its worker is told at once, or it is paged as urgent."""
        if request.status == "claimed" and request.claimed_by is not None:
            holder = await workers.get(conn, request.claimed_by)
            if holder is not None:
                reply = Reply(wm.became_urgent(request.alias))
                await self.tell_worker(conn, holder, reply, request_id=request.id)
            return
        await self.request_opened(conn, request, now)

    async def page(
        self,
        conn: aiosqlite.Connection,
        request: Request,
        to: list[Worker],
        now: datetime,
        kind: str = "new",
    ) -> None:
        """Send the request's card, with its Take button, to these workers."""
        text = wm.card(
            request.alias, request.channel, request.language, request.urgent, request.first_words
        )
        await self.send_cards(conn, request, to, text, now, kind)
        logger.info("request.paged", extra={"request_id": request.id, "workers": len(to)})

    async def send_cards(
        self,
        conn: aiosqlite.Connection,
        request: Request,
        to: list[Worker],
        text: Text,
        now: datetime,
        kind: str,
    ) -> None:
        """A card with its Take button to each worker, recorded (claims edit them; policy)."""
        take = (Choice(f"{WORKER_CHOICE}claim:{request.id}", wm.TAKE),)
        for worker in to:
            for outbox_id in await self.tell_worker(
                conn, worker, Reply(text, take), request_id=request.id
            ):
                await conn.execute(
                    "INSERT INTO cards (request_id, worker_id, outbox_id, kind, created_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (request.id, worker.id, outbox_id, kind, to_db(now)),
                )

    # ---- inbound from workers ---------------------------------------------------------

    async def handle_worker(
        self, conn: aiosqlite.Connection, inbound: Inbound, inbound_id: int, now: datetime
    ) -> bool:
        if inbound.sender_id is None:
            return False
        text = inbound.text.strip()
        if text.startswith("/start ") and await self._link(conn, inbound, text, now):
            return True
        worker = await workers.get_by_telegram_id(conn, inbound.sender_id)
        if worker is None:
            return False
        await inbound_store.link(conn, inbound_id, worker_id=worker.id)
        turn = WorkerTurn(self, conn, worker, inbound, now, inbound_id)
        if not worker.active:
            await turn.reply(wm.deactivated())
            return True
        await self._dispatch(turn, text)
        return True

    async def _dispatch(self, turn: WorkerTurn, text: str) -> None:
        inbound = turn.inbound
        if inbound.kind is Kind.CHOICE:
            await self._callback(turn, inbound.choice or "")
        elif text.startswith("/"):
            name, _, rest = text[1:].partition(" ")
            command = self.commands.get(name.split("@", 1)[0].lower())
            await (command(turn, rest.strip()) if command else turn.reply(wm.worker_help()))
        elif inbound.kind in (Kind.TEXT, Kind.EDITED) and text:
            await self.relay_to_citizen(turn, text)
        else:
            await turn.reply(wm.text_only_worker())

    async def _callback(self, turn: WorkerTurn, data: str) -> None:
        parsed = self.callbacks.parse(data)
        if parsed is None:
            logger.info("callback.refused", extra={"worker_id": turn.worker.id})
            await turn.reply(wm.not_allowed())
            return
        route, values = parsed
        await route.handler(turn, values)

    async def _link(
        self, conn: aiosqlite.Connection, inbound: Inbound, text: str, now: datetime
    ) -> bool:
        """`/start CODE`: link this Telegram account to the worker the code was made for.

        A payload that is not shaped like an invite (`/start affiche`, a poster's deep link)
        is a citizen's first contact: False, and the citizen flow welcomes her. One in lower
        case that is no live code ("marche") is taken as a poster's too; every code-shaped
        payload counts as a try, so guessing in lower case is limited as well.
        """
        payload = text.split(maxsplit=1)[1]
        if not _looks_like_invite(payload):
            return False
        poster = any(c.islower() for c in payload)
        if await self._too_many_tries(conn, inbound.sender_id, now):
            if poster:
                return False
            await self.engine.say(conn, inbound.address, Reply(wm.too_many_codes()), "fr")
            return True
        worker = await workers.redeem_invite(conn, payload, inbound.sender_id, now)
        if worker is None:
            if poster or await workers.get_by_telegram_id(conn, inbound.sender_id) is not None:
                return False  # a poster, or a linked worker pressing an old link: carry on
            await self.engine.say(conn, inbound.address, Reply(wm.bad_code()), "fr")
            return True
        await audit.log(conn, now, f"worker:{worker.id}", "worker.linked")
        await self.tell_worker(conn, worker, Reply(wm.linked(worker.name.split()[0])))
        return True

    async def _too_many_tries(
        self, conn: aiosqlite.Connection, telegram_id: int, now: datetime, limit: int = 5
    ) -> bool:
        """At most `limit` codes an hour per Telegram account: codes are short. Kept in the
        database, so a restart does not hand out fresh tries."""
        since = to_db(now - timedelta(hours=1))
        await conn.execute("DELETE FROM invite_tries WHERE at < ?", (since,))
        await conn.execute(
            "INSERT INTO invite_tries (telegram_id, at) VALUES (?, ?)", (telegram_id, to_db(now))
        )
        rows = await conn.execute_fetchall(
            "SELECT count(*) FROM invite_tries WHERE telegram_id = ? AND at >= ?",
            (telegram_id, since),
        )
        return rows[0][0] > limit

    # ---- cases --------------------------------------------------------------------------

    async def open_cases(self, conn: aiosqlite.Connection, worker_id: int) -> list[Request]:
        rows = await conn.execute_fetchall(
            "SELECT id FROM requests WHERE claimed_by = ? AND status = 'claimed' ORDER BY id",
            (worker_id,),
        )
        return [await request_store.get(conn, r["id"]) for r in rows]

    async def resolve_case(
        self, conn: aiosqlite.Connection, worker: Worker, inbound: Inbound, explicit: str = ""
    ) -> Request | None:
        """Named (#A7), answered-to (Telegram reply), or the worker's only open case.

        A case named or answered-to is returned whoever holds it: the policy decides next.
        """
        request_id = parse.alias(explicit)
        if explicit.strip() and request_id is None:
            return None  # a name that is no case (#A², #A99999999999) picks none
        if request_id is None and inbound.reply_to:
            rows = await conn.execute_fetchall(
                "SELECT request_id FROM outbox WHERE address = ? AND provider_message_id = ?"
                " AND request_id IS NOT NULL",
                (inbound.address, inbound.reply_to),
            )
            request_id = rows[0]["request_id"] if rows else None
        if request_id is not None:
            request = await request_store.get(conn, request_id)
            return request if request and request.claimed_by == worker.id else None
        cases = await self.open_cases(conn, worker.id)
        return cases[0] if len(cases) == 1 else None

    async def relay_to_citizen(self, turn: WorkerTurn, text: str) -> None:
        """A worker's words go to the citizen of the case, signed; never their number.

        By SMS, words that force UCS-2 where an accent-free spelling costs fewer segments are
        held: the worker sees the count and chooses (the "sms" buttons, bot/desk/commands.py).
        """
        request = await turn.case()
        if request is None:
            return
        if await segments.hold_if_cheaper(turn, request, text):
            return
        await self.send_signed(turn, request, text)

    async def send_signed(self, turn: WorkerTurn, request: Request, text: str) -> bool:
        """The worker's words, signed, to the citizen of the case."""
        signed = m.signed(text, *self._signature(turn.worker))
        return await self.send_to_citizen(turn, request, signed, human=True)

    async def send_to_citizen(
        self, turn: WorkerTurn, request: Request, text: Text, human: bool = False
    ) -> bool:
        """Queue a message to the citizen of a case, unless they opted out or erased.

        `human`: a worker's own words, which count for the time to the first human reply.
        """
        row = await self.reachable(turn, request)
        if row is None:
            return False
        await self.engine.say(
            turn.conn,
            row["address"],
            Reply(text),
            row["language"],
            citizen_id=row["id"],
            request_id=request.id,
        )
        if human:
            await request_store.mark_first_reply(turn.conn, request.id, turn.now)
        return True

    async def reachable(
        self, turn: WorkerTurn, request: Request, **ids: int
    ) -> aiosqlite.Row | None:
        """The citizen of a case if they can still be written to; else the worker is told why."""
        row = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
        if not citizens.reachable(row):
            refusal = wm.erased_refusal if row is None else wm.opted_out_refusal
            await turn.reply(refusal(request.alias), **ids)
            return None
        return row

    async def refusal(
        self,
        conn: aiosqlite.Connection,
        worker: Worker,
        action: Action,
        request: Request | None,
        now: datetime,
    ) -> Refusal | None:
        """The policy's answer for this worker, action and request (None: allowed)."""
        if request is None:
            return Refusal.NOT_ALLOWED
        on_duty = await self.on_duty_workers(conn, now) if action is Action.CLAIM else []
        standing = await policy.standing(conn, worker, request, on_duty)
        return policy.may(worker, action, request, standing)

    @staticmethod
    def _signature(worker: Worker) -> tuple[str, str]:
        return worker.name.split()[0], worker.organization

    async def citizen_message(
        self, conn: aiosqlite.Connection, request: Request, inbound: Inbound, now: datetime
    ) -> None:
        """Relay what the citizen wrote to the worker who has the case, with its alias."""
        if request.status != "claimed" or request.claimed_by is None:
            return  # kept with the request; shown to whoever claims it
        worker = await workers.get(conn, request.claimed_by)
        if worker is None:
            return
        if inbound.kind is Kind.MEDIA or (inbound.media and not inbound.text):
            text = wm.citizen_media(request.alias, inbound.media or "?")
        else:
            text = wm.history_line(request.alias, inbound.text)
        await self.tell_worker(conn, worker, Reply(text), request_id=request.id)

    async def citizen_status(
        self, conn: aiosqlite.Connection, citizen_id: int, status: str, now: datetime
    ) -> None:
        """The citizen opted out ("stop"), came back ("start") or erased ("erased"): the worker
        holding each of her open cases is told, so a case never just goes quiet."""
        rows = await conn.execute_fetchall(
            "SELECT id FROM requests WHERE citizen_id = ? AND status = 'claimed'"
            " AND claimed_by IS NOT NULL ORDER BY id",
            (citizen_id,),
        )
        for row in rows:
            request = await request_store.get(conn, row["id"])
            holder = await workers.get(conn, request.claimed_by)
            if holder is not None and holder.active:
                reply = Reply(wm.citizen_status(request.alias, status))
                await self.tell_worker(conn, holder, reply, request_id=request.id)
        logger.info("citizen.status_told", extra={"cases": len(rows), "status": status})

    async def step_failed(self, conn: aiosqlite.Connection, inbound_id: int, now: datetime) -> None:
        """A message could not be handled: each coordinator is told its id, never its text."""
        for coordinator in await workers.coordinators(conn):
            await self.tell_worker(conn, coordinator, Reply(wm.step_failed(inbound_id)))
        logger.warning("inbound.coordinators_told", extra={"inbound_id": inbound_id})

    async def delivery_failed(self, conn: aiosqlite.Connection, item, error, now: datetime) -> None:
        """A message to a case's citizen failed for good: its worker is told why."""
        if item.citizen_id is None or item.request_id is None:
            return
        request = await request_store.get(conn, item.request_id)
        if request is None or request.claimed_by is None:
            return
        worker = await workers.get(conn, request.claimed_by)
        if worker is not None:
            reason = wm.failure_reason(error.opted_out, error.unreachable)
            reply = Reply(wm.not_delivered(request.alias, reason))
            await self.tell_worker(conn, worker, reply, request_id=request.id)


def _looks_like_invite(payload: str) -> bool:
    """Shaped like the codes `relais workers invite` prints (ABC234, abc-234): 6 letters and
    digits of the invite alphabet. Poster payloads mostly are not (`affiche`, `metro-1`)."""
    code = workers.normalize_code(payload)
    return len(code) == workers.INVITE_LENGTH and all(c in workers.INVITE_ALPHABET for c in code)
