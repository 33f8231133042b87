"""The bot without the network: a `Relais` over its own SQLite database, memory channels for SMS
and Telegram, a fake clock and virtual alarms. The service tests and `relais simulate` drive it.

Nothing here sleeps: `drain()` processes what was received, delivers what is due and runs the
alarms due at the current virtual time, until nothing is left to do.
"""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.app import Relais
from bot.channels.memory import MemoryChannel, Sent
from bot.core.clock import FakeClock
from bot.core.scheduler import VirtualClockwork
from bot.core.settings import Settings
from bot.core.turns import WORKER_CHOICE
from bot.rota.rota import Shift
from flows.types import Inbound, Kind
from storage import rota as rota_store
from storage import workers as worker_store
from storage.workers import Worker


def service_settings(base: Settings | None = None, database: str = ":memory:") -> Settings:
    """The given settings (or the defaults) on another database, with no real channel."""
    return dataclasses.replace(
        base or Settings(),
        database=database,
        telegram_bot_token=None,
        telegram_webhook_secret=None,
        twilio_account_sid=None,
        twilio_auth_token=None,
        twilio_phone_number=None,
    )


class Service:
    """A running bot on a virtual clock; `async with Service(start) as s: ...`."""

    def __init__(
        self,
        start: datetime,
        settings: Settings | None = None,
        *,
        database: str = ":memory:",
        min_interval: timedelta | None = None,
        intervals: dict[str, timedelta] | None = None,
    ) -> None:
        self.clock = FakeClock(start)
        self.settings = service_settings(settings, database)
        self.sms = MemoryChannel("sms", self.clock)
        self.telegram = MemoryChannel("telegram", self.clock)
        self.clock_work = VirtualClockwork(
            self.settings.timezone, self.clock, min_interval, intervals
        )
        self.relais = Relais(
            self.settings,
            clock=self.clock,
            channels={"sms": self.sms, "telegram": self.telegram},
            clock_work=self.clock_work,
        )
        self._ids = itertools.count(1)
        # provider ids unique per run: a Service started again on a database it filled (a file,
        # a copy) must not send ids the inbox already holds (they would be redeliveries)
        self._run = f"{start:%Y%m%dT%H%M%S}"

    async def __aenter__(self) -> Service:
        await self.relais.start()
        await self.drain()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.relais.stop()

    @property
    def db(self):
        """The bot's open database."""
        return self.relais.db

    def now(self) -> datetime:
        """The virtual time."""
        return self.clock()

    # ---- people writing -------------------------------------------------------------------

    async def citizen_sms(self, number: str, text: str, *, mms: bool = False) -> str:
        """A text message from this number (with a picture when `mms`), processed with all that
        follows; its provider id. Kinds as Twilio's webhook is decoded (handlers/http.py)."""
        kind = Kind.TEXT if text else Kind.MEDIA if mms else Kind.EMPTY
        return await self._receive(Inbound(self._pid("sms"), f"sms:{number}", kind, self.now(),
                                           text=text, media="mms" if mms else None))  # fmt: skip

    async def citizen_telegram(
        self,
        chat: int,
        text: str,
        language_code: str | None = None,
        *,
        media: str | None = None,
        reply_to: str | None = None,
    ) -> str:
        """A private Telegram message from this chat (its user id is the chat id); its id.
        `media` ("photo", "voice"…) with no text is a media message, as Telegram's is decoded."""
        kind = Kind.MEDIA if media and not text else Kind.TEXT if text else Kind.EMPTY
        inbound = Inbound(self._pid("telegram"), f"telegram:{chat}", kind, self.now(), text=text,
                          media=media, language_hint=language_code, sender_id=chat,
                          reply_to=reply_to)  # fmt: skip
        return await self._receive(inbound)

    async def citizen_press(
        self, chat: int, data: str, on: str = "1", language_code: str | None = None
    ) -> str:
        """A Telegram citizen presses a button: `data` as sent, on the message `on`."""
        inbound = Inbound(self._pid("telegram"), f"telegram:{chat}", Kind.CHOICE, self.now(),
                          choice=data, reply_to=on, language_hint=language_code,
                          sender_id=chat)  # fmt: skip
        return await self._receive(inbound)

    async def worker_press(self, worker: Worker, data: str, reply_to: str | None = None) -> None:
        """A worker presses a button: `data` as the bot sent it (e.g. "w:claim:3"), on the
        message `reply_to` (its message id; a forged press may name any)."""
        inbound = Inbound(self._pid("telegram"), _chat(worker), Kind.CHOICE, self.now(),
                          choice=data, reply_to=reply_to, sender_id=worker.telegram_id)  # fmt: skip
        await self._receive(inbound)

    async def worker_claim(self, worker: Worker, request_id: int) -> None:
        """The worker presses Take on the card of this request."""
        await self.worker_press(worker, f"{WORKER_CHOICE}claim:{request_id}")

    async def worker_text(self, worker: Worker, text: str, reply_to: str | None = None) -> None:
        """A worker writes to the bot (a command, or words for the citizen of their case)."""
        inbound = Inbound(self._pid("telegram"), _chat(worker), Kind.TEXT, self.now(),
                          text=text, reply_to=reply_to, sender_id=worker.telegram_id)  # fmt: skip
        await self._receive(inbound)

    async def _receive(self, inbound: Inbound) -> str:
        await self.relais.engine.accept(inbound)
        await self.drain()
        return inbound.provider_id

    def _pid(self, channel: str) -> str:
        return f"{channel}:sim:{self._run}:{next(self._ids)}"

    # ---- time and work --------------------------------------------------------------------

    async def drain(self) -> None:
        """Process the inbox, deliver the outbox, run the alarms due now; until all is quiet."""
        while True:
            await self._settle()
            if not await self.clock_work.run_until(self.now(), between=self._settle):
                return

    async def _settle(self) -> None:
        await self.relais.engine.drain()
        await self.relais.sender.flush()

    async def advance(self, delta: timedelta) -> None:
        """Let `delta` of virtual time pass, ringing every alarm due on the way."""
        await self.run_until(self.now() + delta)

    async def run_until(self, moment: datetime) -> None:
        """Move the clock to `moment`, ringing every alarm due on the way."""
        await self.clock_work.run_until(moment, between=self._settle)
        await self.drain()

    # ---- set-up and reading ---------------------------------------------------------------

    async def add_worker(
        self,
        name: str,
        telegram_id: int | None,
        *,
        languages: Sequence[str] = ("fr",),
        role: str = "worker",
        organization: str = "",
    ) -> Worker:
        """Register a worker (linked when `telegram_id` is given)."""
        return await worker_store.add(self.db, name, self.now(), telegram_id=telegram_id,
                                      organization=organization, languages=languages,
                                      role=role)  # fmt: skip

    async def set_rota(self, shifts: Sequence[Shift], source: str = "csv") -> int:
        """Replace the rota."""
        return await rota_store.replace_all(self.db, shifts, source, self.now())

    def transcript(self, address: str) -> list[Sent]:
        """What an address ("sms:+1514…", "telegram:42") received, oldest first."""
        channel = self.sms if address.startswith("sms:") else self.telegram
        return channel.transcript(address)

    def worker_transcript(self, worker: Worker) -> list[Sent]:
        """What a worker's Telegram chat received."""
        return self.transcript(_chat(worker))

    def texts(self, address: str) -> list[str]:
        """The texts an address received (as they read now, after edits), oldest first."""
        return [sent.body for sent in self.transcript(address)]

    def worker_texts(self, worker: Worker) -> list[str]:
        """The texts a worker's Telegram chat received, oldest first."""
        return self.texts(_chat(worker))

    def said(self, worker: Worker, fragment: str) -> list[Sent]:
        """The messages to a worker whose text holds `fragment`, oldest first."""
        return [sent for sent in self.worker_transcript(worker) if fragment in sent.body]

    def cards(self, worker: Worker) -> list[Sent]:
        """The request cards a worker holds: messages with a Take button, oldest first."""
        take = f"{WORKER_CHOICE}claim:"
        return [s for s in self.worker_transcript(worker) if any(take in c for c in s.choices)]

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """The rows of a query on the bot's database."""
        return list(await self.db.fetchall(sql, tuple(params)))

    def follow(self, before: Service) -> None:
        """This service restarts the bot `before` ran (over its database file): the provider
        ids of what people write next continue after its ones (the same id again would be a
        redelivery, stored once)."""
        self._ids = itertools.count(next(before._ids))


def _chat(worker: Worker) -> str:
    if worker.telegram_id is None:
        raise ValueError("this worker has no Telegram account linked")
    return f"telegram:{worker.telegram_id}"
