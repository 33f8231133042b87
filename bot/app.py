"""Wiring and lifecycle: settings → storage → channels → engine → sender → HTTP and Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

import uvicorn
from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot import appointments, ops
from bot.channels.delivery import record_sms_status
from bot.channels.sender import OutboxSender
from bot.channels.transports import Channel, SmsChannel, TelegramChannel
from bot.core import features
from bot.core.engine import Engine
from bot.core.events import Events
from bot.core.features import Feature, Services
from bot.core.i18n import I18n
from bot.core.scheduler import Clockwork
from bot.core.settings import Settings
from bot.core.writer import OutboxWriter
from bot.desk import commands as worker_commands
from bot.desk import coordinator
from bot.desk.callbacks import DuplicatePrefix
from bot.desk.desk import RotaDesk
from bot.escalation import escalation, housekeeping
from bot.escalation.escalation import Escalation
from bot.followups import checkins
from bot.ops.service import Ops
from bot.resources import commands as resource_commands
from bot.resources.directory import Directory
from bot.resources.importer import example_directory_in_use, load_example_directory
from handlers.http import HttpDeps, build_http_app
from handlers.telegram import attach, build_application
from storage.clock import utcnow
from storage.db import Database

logger = logging.getLogger(__name__)


class StartError(RuntimeError):
    """The bot cannot start; the message is one line for the operator."""


class Relais:
    """The whole bot in one process: build with settings, `await start()`, `await stop()`."""

    def __init__(self, settings: Settings, *, clock: Callable[[], datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock
        self.db = Database(settings.database)
        self.i18n = I18n(settings.timezone, settings.locale)
        self.channels: dict[str, Channel] = {}
        self.telegram: Application | None = None
        self.sms: SmsChannel | None = None
        self.sender: OutboxSender | None = None
        self.engine: Engine | None = None
        self.clock_work: Clockwork | None = None
        self.escalation: Escalation | None = None
        self.ops: Ops | None = None  # health, metrics, alerts
        self.features: list[Feature] = []
        self.started = False

    async def start(self) -> None:
        """Open the database, start the channels and the sender."""
        await self.db.open()
        await load_example_directory(self.db, self.clock())
        self.sender = OutboxSender(
            self.db, self.channels, clock=self.clock, on_failure=self._delivery_failed
        )
        self.events = events = Events()
        writer = OutboxWriter(self.i18n, self.clock)
        self.desk = RotaDesk(writer, self.settings.timezone, events)
        self.engine = Engine(
            self.db,
            self.i18n,
            retention_days=self.settings.retention_days,
            default_language=self.settings.locale,
            clock=self.clock,
            wake=self.sender.wake,
            directory=Directory(self.i18n, self.settings.timezone),
            events=events,
            writer=writer,
            desk=self.desk,
        )
        self.clock_work = Clockwork(self.settings.timezone)
        self._compose(events)
        if self.settings.sms_enabled:
            self._start_sms()
        if self.settings.telegram_enabled:
            await self._start_telegram()
        await self.sender.start()
        await self.engine.recover()
        self.clock_work.start()
        await features.start(self.features, self.clock_work, self.clock)
        self.started = True

    def _compose(self, events: Events) -> None:
        """The services, built once; the features, in this order; their offers registered."""
        self.services = s = Services(
            self.settings, self.db, self.clock, self.i18n, self.engine, self.desk,
            self.clock_work, events,
        )  # fmt: skip
        self.escalation = Escalation(s)
        self.ops = s.ops = Ops(self)
        self.engine.on_accepted = self.ops.accepted
        self.sender.observer = self.ops
        self.features = [
            worker_commands.feature(s),
            coordinator.feature(s),
            escalation.offers(self.escalation),
            checkins.feature(s),
            housekeeping.feature(s),
            appointments.feature(s),
            resource_commands.feature(s),
            ops.feature(self),
        ]
        try:
            features.compose(self.features, self.desk, self.engine.effect_handlers, events)
        except (features.StartConflict, DuplicatePrefix) as exc:
            raise StartError(str(exc)) from None

    def _start_sms(self) -> None:
        s = self.settings
        self.sms = SmsChannel(
            s.twilio_account_sid,
            s.twilio_auth_token,
            s.twilio_phone_number,
            api_url=s.twilio_api_url,
            status_callback=f"{s.base_url}/twilio/status",
            rate=s.sms_rate,
        )
        self.channels["sms"] = self.sms

    async def _start_telegram(self) -> None:
        s = self.settings
        webhook = s.telegram_webhook_secret is not None
        app = build_application(s.telegram_bot_token, s.telegram_api_url, polling=not webhook)
        attach(app, self.engine)
        try:
            await app.initialize()
        except InvalidToken:
            raise StartError("TELEGRAM_BOT_TOKEN: Telegram refused this token") from None
        except TelegramError as exc:
            raise StartError(f"TELEGRAM_API_URL: cannot reach Telegram ({exc})") from None
        await app.start()
        self.telegram = app
        self.channels["telegram"] = TelegramChannel(app.bot)
        if webhook:
            await app.bot.set_webhook(
                f"{s.base_url}/telegram/webhook",
                secret_token=s.telegram_webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)

    async def stop(self) -> None:
        """Stop in order: no more input, finish what was accepted, stop sending, close.

        What is still queued stays in the outbox (and the inbox) for the next start. Each
        step is bounded in time: a stuck peer must never keep the process from exiting.
        """
        if self.clock_work is not None:
            self.clock_work.shutdown()
        telegram, self.telegram = self.telegram, None
        if telegram is not None and telegram.updater is not None and telegram.updater.running:
            await _bounded(telegram.updater.stop(), "telegram.updater")
        if self.engine is not None:
            await _bounded(self.engine.drain(), "engine.drain")
        if self.sender is not None:
            await _bounded(self.sender.stop(), "sender")
        if telegram is not None:
            if telegram.running:
                await _bounded(telegram.stop(), "telegram.stop")
            await _bounded(telegram.shutdown(), "telegram.shutdown")
        if self.sms is not None:
            await _bounded(self.sms.close(), "sms")
        self.channels.clear()
        await self.db.close()
        self.started = False

    async def _delivery_failed(self, conn, item, error, now) -> None:
        await self.desk.delivery_failed(conn, item, error, now)

    async def health(self) -> dict:
        """The /healthz body (bot/ops/health.py); "ok" only when started and nothing is wrong."""
        if not self.started or self.ops is None:
            return {"status": "starting"}
        return await self.ops.health()

    async def on_sms_status(self, sid: str, status: str, error_code: str | None) -> None:
        """Twilio's status callback: record delivery, or the reason it failed."""
        await record_sms_status(self, sid, status, error_code)

    def http_app(self):
        s = self.settings
        deps = HttpDeps(
            engine=self.engine,
            public_url=s.base_url,
            health=self.health,
            twilio_auth_token=s.twilio_auth_token,
            on_sms_status=self.on_sms_status,
            telegram=self.telegram,
            telegram_secret=s.telegram_webhook_secret,
            metrics=self.ops.metrics_response if self.ops else None,
        )
        return build_http_app(deps)


async def _bounded(step, name: str, seconds: float = 15) -> None:
    """Await one shutdown step for at most `seconds`; say so if it did not finish."""
    try:
        await asyncio.wait_for(step, seconds)
    except TimeoutError:
        logger.error("stop.step_timed_out", extra={"step": name})


class _Server(uvicorn.Server):
    """uvicorn's server, minus re-raising SIGINT/SIGTERM after its shutdown (uvicorn 0.29+),
    so that `Relais.stop()` runs to the end and the process exits 0."""

    @contextlib.contextmanager
    def capture_signals(self):
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.handle_exit, sig, None)
        try:
            yield
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)


def channel_report(settings: Settings) -> list[str]:
    """One line per channel: on, or which variable turns it on."""
    lines = []
    if settings.telegram_enabled:
        mode = "webhook" if settings.telegram_webhook_secret else "long polling"
        lines.append(f"Telegram: on ({mode})")
    else:
        lines.append("Telegram: off (set TELEGRAM_BOT_TOKEN to turn it on)")
    if settings.sms_enabled:
        lines.append(f"SMS: on ({settings.base_url}/twilio/sms)")
    else:
        lines.append(
            "SMS: off (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER"
            " to turn it on)"
        )
    return lines


async def serve(settings: Settings, out: TextIO = sys.stdout) -> int:
    """`relais run`: start everything, serve HTTP until SIGINT/SIGTERM, stop cleanly."""
    relais = Relais(settings)
    try:
        await relais.start()
    except StartError as exc:
        await relais.stop()
        print(f"relais: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        await relais.stop()  # an open database thread would keep the process alive
        raise
    for line in channel_report(settings):
        print(line, file=out)
    if await example_directory_in_use(relais.db):
        print(
            "Resources: the fictitious example directory is in use; "
            "import the real one with `relais resources import PATH`",
            file=out,
        )
    config = uvicorn.Config(
        relais.http_app(),
        host=settings.host,
        port=settings.port,
        log_config=None,
        lifespan="off",
        access_log=False,
    )
    server = _Server(config)
    print(f"HTTP: listening on http://{settings.host}:{settings.port}", file=out, flush=True)
    try:
        await server.serve()
    finally:
        await relais.stop()
    return 0 if server.started else 1
