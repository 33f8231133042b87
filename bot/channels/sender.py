"""The outbox sender: delivers queued messages in order per recipient, paced, with retries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta

import aiosqlite
from aiolimiter import AsyncLimiter

from bot.channels.transports import Channel, SendError
from bot.privacy import erasure
from storage import audit, citizens, outbox
from storage.clock import to_db, utcnow
from storage.db import Batched, Database
from storage.outbox import OutboxItem

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # with exponential backoff capped at 10 min: about an hour of trying
STOP_GRACE = 10.0  # seconds a send already on the wire gets to finish when the bot stops
# How long a claim holds: past any send on the wire (the channels' HTTP timeouts) and the stop
# grace. A row still 'sending' after it was claimed by a process that died and did not come
# back is sent again by the leader once its lease expired (`OutboxSender.rescue`).
LEASE = timedelta(minutes=2)
WINDOW = 500  # due rows one pass reads, oldest first
SENT, FAILED, NOT_CLAIMED = "sent", "failed", "not claimed"  # how one delivery ended
FailureHook = Callable[[aiosqlite.Connection, OutboxItem, SendError, datetime], Awaitable[None]]


def bucket(rate: float, burst: float = 1.0) -> AsyncLimiter:
    """A token bucket: `rate` per second, bursts of at most `burst` (aiolimiter's leaky bucket
    holds `burst` and drains at `rate`: the same pacing, waiters served in order)."""
    burst = max(burst, 1.0)
    return AsyncLimiter(burst, burst / rate)


def _claimer(owner: str | None, lease_until: Callable[[], datetime]):
    async def claim_all(conn: aiosqlite.Connection, items: list[OutboxItem]) -> list[bool]:
        """Claim each row for sending (compare-and-set): whether it was taken. A recipient
        another process is claiming right now is not waited for: her row waits a next pass."""
        until = lease_until()
        free = await outbox.lock_recipients(conn, [item.address for item in items])
        return [
            item.address in free and await outbox.claim(conn, item.id, item.attempts, owner, until)
            for item in items
        ]

    return claim_all


async def _settle_all(
    conn: aiosqlite.Connection, sent: list[tuple[OutboxItem, str | None, datetime]]
) -> list[bool]:
    """Mark each row sent; whether it was a confirmation to an erased person, now dropped."""
    dropped = []
    for item, provider_id, at in sent:
        await outbox.mark_sent(conn, item.id, provider_id, at)
        dropped.append(await erasure.drop_after_send(conn, item))
    return dropped


class OutboxSender:
    """Delivers due outbox rows: one at a time per address, concurrently across addresses."""

    def __init__(
        self,
        db: Database,
        channels: dict[str, Channel],
        *,
        clock: Callable[[], datetime] = utcnow,
        on_failure: FailureHook | None = None,
        concurrency: int = 16,
        owner: str | None = None,
    ) -> None:
        """`owner`: this process's stable name when several share the database (claims
        carry it; a restart recovers its own); None for a process alone (SQLite)."""
        self.db = db
        self.owner = owner
        self.channels = channels
        self.clock = clock
        self.on_failure = on_failure
        self._limits: dict[str, AsyncLimiter] = {}
        self._chat_limits: dict[str, AsyncLimiter] = {}
        self._wires: dict[str, asyncio.Semaphore] = {}  # per channel with an `in_flight` bound
        self._in_flight: dict[str, int] = {}  # address → the outbox id being delivered to it
        # What the last pass saw behind each of those: the address's next due rows, in
        # order, started as each delivery ends (no pass reading the window for one row).
        self._behind: dict[str, deque[aiosqlite.Row]] = {}
        self._window_full = False  # the last pass read WINDOW rows: more may be due
        self._started = 0
        self._tasks: set[asyncio.Task] = set()
        self._on_wire: set[asyncio.Task] = set()  # between claim and the outcome
        self._stopping = False
        self._slots = asyncio.Semaphore(concurrency)
        self._event = asyncio.Event()
        self._runner: asyncio.Task | None = None
        self.observer = None  # bot/ops: sent(item), send_failed(item, error, final)
        # Claims and settlements of concurrent sends share transactions (storage.db.Batched).
        # On PostgreSQL claims and settlements hold the whole database shared and no key at
        # BEGIN (a claim tries its recipients' keys; a settlement writes rows it claimed):
        # several processes claim and settle at once, and none waits for another's claims.
        self._claims: Batched[OutboxItem, bool] = Batched(
            db, _claimer(owner, lambda: self.clock() + LEASE), keys=lambda items: ()
        )
        self._settled: Batched[tuple[OutboxItem, str | None, datetime], bool] = Batched(
            db, _settle_all, keys=lambda sent: ()
        )

    @property
    def in_flight(self) -> int:
        """Deliveries started and not finished (waiting for pacing, on the wire, recording)."""
        return len(self._tasks)

    def wake(self) -> None:
        """Something was queued: look now rather than at the next timer."""
        self._event.set()

    async def start(self) -> None:
        async with self.db.transaction() as conn:
            resent = await outbox.recover_interrupted(conn, self.clock(), self.owner)
        if resent:
            logger.warning("outbox.recovered_interrupted", extra={"count": resent})
        self._runner = asyncio.create_task(self._run(), name="outbox-sender")

    async def rescue(self) -> int:
        """Rows claimed by a sender gone for good (lease expired): pending again (the leader's
        periodic rescue; the at-least-once window of a process killed mid-send)."""
        if not await outbox.any_expired(self.db, self.clock()):
            return 0  # the usual pass: no write transaction every 5 s for nothing
        async with self.db.transaction() as conn:
            resent = await outbox.recover_expired(conn, self.clock())
        if resent:
            logger.warning("outbox.recovered_expired", extra={"count": resent})
            self.wake()
        return resent

    async def stop(self) -> None:
        """Stop: sends already on the wire may finish; what waits stays pending for next start."""
        self._stopping = True
        self._event.set()
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.wait({self._runner})  # the runner's own CancelledError stays there
        for task in self._tasks - self._on_wire:
            task.cancel()  # still waiting for a slot or the rate limit: nothing sent yet
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=STOP_GRACE)
        for task in self._tasks:
            task.cancel()  # stuck on the wire: the row stays 'sending', resent at next start
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=STOP_GRACE)

    async def _run(self) -> None:
        while not self._stopping:
            self._event.clear()
            try:
                await self.dispatch_due()
                delay = await self._idle_delay()
            except Exception:
                logger.exception("outbox.pass_failed")
                delay = 1.0
            # asyncio.timeout, not wait_for: on Python 3.11 wait_for swallows a cancellation
            # that lands as the event fires, and stop() then waited out the whole bound.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._event.wait()

    async def flush(self) -> int:
        """Deliver every message due now and wait until each is done (tests, simulations)."""
        started = self._started
        while True:
            await self.dispatch_due()
            if not self._tasks:
                return self._started - started
            await asyncio.wait(set(self._tasks))

    async def _idle_delay(self) -> float:
        rows = await self.db.fetchall(
            "SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'"
        )
        if not rows or rows[0]["at"] is None:
            return 30.0
        due = datetime.fromisoformat(rows[0]["at"])
        return min(max((due - self.clock()).total_seconds(), 0.05), 30.0)

    async def dispatch_due(self) -> int:
        """Start delivering every due message whose recipient has nothing in flight; the
        recipients' later rows wait behind, in order, for their turn."""
        rows = await self.db.fetchall(
            "SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
            " ORDER BY id LIMIT ?",
            (to_db(self.clock()), WINDOW),
        )
        self._window_full = len(rows) >= WINDOW
        started, behind = 0, {}
        for row in rows:
            address = row["address"]
            busy = self._in_flight.get(address)
            if busy is None:
                self._start(outbox.item_from_row(row))
                started += 1
            elif row["id"] > busy:  # not the row on its way (read before it was claimed)
                behind.setdefault(address, deque()).append(row)
        self._behind = behind
        return started

    def _start(self, item: OutboxItem) -> None:
        self._in_flight[item.address] = item.id
        task = asyncio.create_task(self._deliver(item))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        self._started += 1

    async def _deliver(self, item: OutboxItem) -> None:
        outcome = FAILED
        try:
            outcome = await self._deliver_one(item)
        except Exception as exc:  # never spin on a row: back off like any failed send
            logger.exception("outbox.deliver_crashed", extra={"outbox_id": item.id})
            with contextlib.suppress(Exception):
                await self._failed_send(item, SendError(f"error: {type(exc).__name__}"))
        finally:
            self._in_flight.pop(item.address, None)
            self._next_for(item.address, outcome)

    def _next_for(self, address: str, outcome: str) -> None:
        """After a delivery: its recipient's next row, or a pass when one may be needed."""
        behind = self._behind.pop(address, None)
        if self._stopping or outcome == NOT_CLAIMED:
            return  # not after a refused claim: the next timed pass, not a spin
        if outcome == SENT and behind:
            self._start(outbox.item_from_row(behind.popleft()))
            if behind:
                self._behind[address] = behind
        elif outcome != SENT or self._window_full:
            # A retry to time, a failure that frees the recipient, or rows past the window.
            self.wake()

    async def _deliver_one(self, item: OutboxItem) -> str:
        """Deliver one row: SENT, FAILED (retried later or for good) or NOT_CLAIMED (another
        sender has it, or an earlier row of its recipient)."""
        prefix = item.address.split(":", 1)[0]
        channel = self.channels.get(prefix)
        if channel is None:
            await self._fail(item, SendError(f"channel {prefix} is off", permanent=True))
            return FAILED
        # The chat's pace first: waiting for it holds nothing the channel's other chats need.
        if channel.per_chat_rate:
            await self._chat_limiter(item.address, channel.per_chat_rate).acquire()
        async with self._wire(prefix, channel):
            await self._limiter(prefix, channel).acquire()
            if self._stopping:
                return NOT_CLAIMED
            # A slot only once the rate allows: messages waiting for a paced channel (SMS at
            # RELAIS_SMS_RATE) must not hold every slot while other channels' messages wait.
            async with self._slots:
                task = asyncio.current_task()
                self._on_wire.add(task)
                try:
                    return await self._send(channel, prefix, item)
                finally:
                    self._on_wire.discard(task)

    async def _send(self, channel: Channel, prefix: str, item: OutboxItem) -> str:
        (claimed,) = await self._claims.run([item])
        if not claimed:  # cancelled, taken by another sender, or an earlier one on the wire
            logger.info("outbox.not_claimed", extra={"outbox_id": item.id})
            return NOT_CLAIMED
        try:
            provider_id = await channel.send(await self._resolve_edit(item))
        except SendError as error:
            await self._failed_send(item, error)
        except Exception as exc:  # a bug or an unexpected library error: retry, never lose
            logger.exception("outbox.send_crashed", extra={"outbox_id": item.id})
            await self._failed_send(item, SendError(f"error: {type(exc).__name__}"))
        else:
            (dropped,) = await self._settled.run([(item, provider_id, self.clock())])
            self._observe("sent", item)
            logger.info("outbox.sent", extra={"outbox_id": item.id, "channel": prefix})
            if dropped:  # the last trace of an erased person: out of the WAL too
                await self.db.checkpoint()
            return SENT
        return FAILED

    async def _resolve_edit(self, item: OutboxItem) -> OutboxItem:
        """An edit of an earlier message names its outbox row; by now (same recipient, in
        order) that row was sent, so its provider message id is known."""
        ref = (item.payload or {}).get("ref_outbox_id")
        if item.kind != "edit" or ref is None:
            return item
        row = await self.db.fetchone("SELECT provider_message_id FROM outbox WHERE id = ?", (ref,))
        if row is None or not row["provider_message_id"]:
            raise SendError("nothing to edit: the original message was not sent", permanent=True)
        payload = {**item.payload, "message_id": int(row["provider_message_id"])}
        return replace(item, payload=payload)

    def _wire(
        self, prefix: str, channel: Channel
    ) -> asyncio.Semaphore | contextlib.nullcontext[None]:
        """The channel's bound on sends at once (`in_flight`), if it has one."""
        bound = getattr(channel, "in_flight", None)
        if not bound:
            return contextlib.nullcontext()
        if prefix not in self._wires:
            self._wires[prefix] = asyncio.Semaphore(bound)
        return self._wires[prefix]

    def _limiter(self, prefix: str, channel: Channel) -> AsyncLimiter:
        if prefix not in self._limits:
            # A little under the provider's rate, in small bursts: event-loop stalls and the
            # network bunch sends together, and the provider counts arrivals, not departures.
            self._limits[prefix] = bucket(channel.rate * 0.97, burst=min(channel.rate, 2))
        return self._limits[prefix]

    def _chat_limiter(self, address: str, rate: float) -> AsyncLimiter:
        if len(self._chat_limits) > 10_000:
            self._chat_limits.clear()
        return self._chat_limits.setdefault(address, bucket(rate, burst=3))

    async def _failed_send(self, item: OutboxItem, error: SendError) -> None:
        attempts = item.attempts + 1
        if error.permanent or attempts >= MAX_ATTEMPTS:
            await self._fail(item, error)
            return
        at = self.clock() + outbox.backoff(attempts, error.retry_after)
        async with self.db.transaction(keys=()) as conn:  # its own claimed row only
            await outbox.mark_retry(conn, item.id, at, str(error))
        self._observe("send_failed", item, error, False)
        logger.warning("outbox.retry", extra={"outbox_id": item.id, "reason": error.reason})

    async def _fail(self, item: OutboxItem, error: SendError) -> None:
        now = self.clock()
        async with self.db.transaction() as conn:
            await outbox.mark_failed(conn, item.id, str(error))
            if error.opted_out and item.worker_id is None:  # a citizen, even if not linked yet
                await citizens.set_opted_out(conn, item.address, now)
                await outbox.cancel_pending_for(conn, item.address, "opted out at provider")
                await audit.log(
                    conn,
                    now,
                    "system",
                    "citizen.opt_out_by_provider",
                    item.request_id,
                    error.reason,
                )
            if self.on_failure is not None:
                await self.on_failure(conn, item, error, now)
            dropped = await erasure.drop_after_send(conn, item)
        self._observe("send_failed", item, error, True)
        logger.warning("outbox.failed", extra={"outbox_id": item.id, "reason": error.reason})
        if dropped:
            await self.db.checkpoint()

    def _observe(self, event: str, *args) -> None:
        """Tell the observer (health, metrics) an outcome; it never breaks a send."""
        if self.observer is None:
            return
        try:
            getattr(self.observer, event)(*args)
        except Exception:
            logger.exception("outbox.observer_failed")
