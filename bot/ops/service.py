"""The operator's view of a running bot: health, metrics, and the outcomes they are made of."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from starlette.requests import Request
from starlette.responses import Response

from bot.channels.transports import Channel, SendError
from bot.core.i18n import I18n
from bot.core.settings import Settings
from bot.ops import health
from bot.ops.health import ChannelState, WebhookState
from bot.ops.metrics import Metrics, allowed
from flows import crisis_semantic
from flows.types import Inbound
from storage.db import Busy, Database
from storage.outbox import OutboxItem

if TYPE_CHECKING:  # python-telegram-bot is loaded only where Telegram is on (bot/app.py)
    from telegram.ext import Application

logger = logging.getLogger(__name__)

WEBHOOK_INFO_TTL = 30.0  # seconds: getWebhookInfo at most twice a minute, however often scraped
READ_TIMEOUT = 5.0  # seconds: a health check that hangs tells less than one that says "database"


class Running(Protocol):
    """The running bot as ops watches it (bot/app.py's Relais): its channels themselves."""

    settings: Settings
    db: Database
    i18n: I18n
    clock: Callable[[], datetime]
    channels: dict[str, Channel]
    telegram: Application | None
    ops: Ops | None


class Ops:
    """Health figures, channel streaks and Prometheus counters of one Relais instance."""

    def __init__(self, relais: Running) -> None:
        self.relais = relais
        self.metrics = Metrics()
        self.channels: dict[str, ChannelState] = {}
        self._webhook: WebhookState | None = None
        self._webhook_read = float("-inf")
        self._webhook_lock = asyncio.Lock()

    async def track_channels(self) -> None:
        """Once channels run: one state per channel that is on, with its last send from the db."""
        for name in self.relais.channels:
            self.channels[name] = ChannelState(await health.last_sent_at(self.relais.db, name))

    # ---- outcomes (hooks of the engine, the sender and the escalation) ---------------------

    def accepted(self, inbound: Inbound) -> None:
        """A message was stored (not a duplicate)."""
        self.metrics.messages_in.labels(inbound.address.split(":", 1)[0]).inc()

    def sent(self, item: OutboxItem) -> None:
        channel = item.address.split(":", 1)[0]
        self.metrics.sent(channel)
        if channel in self.channels:
            self.channels[channel].sent(self.relais.clock())

    def send_failed(self, item: OutboxItem, error: SendError, final: bool) -> None:
        channel = item.address.split(":", 1)[0]
        self.metrics.failed(channel, error, final)
        if channel in self.channels:
            self.channels[channel].failed(item.address, error)

    def escalated(self, urgent: bool) -> None:
        self.metrics.escalations.labels("urgent" if urgent else "normal").inc()

    # ---- reading ---------------------------------------------------------------------------

    async def webhook(self) -> WebhookState | None:
        """Telegram's getWebhookInfo in webhook mode (cached); None in long polling."""
        app = self.relais.telegram
        if app is None or self.relais.settings.telegram_webhook_secret is None:
            return None
        async with self._webhook_lock:  # one getWebhookInfo at a time; the others wait for it
            if time.monotonic() - self._webhook_read >= WEBHOOK_INFO_TTL:
                self._webhook = await self._read_webhook(app)
                self._webhook_read = time.monotonic()
        return self._webhook

    async def _read_webhook(self, app) -> WebhookState:
        from telegram.error import TelegramError  # loaded already: Telegram runs (`app`)

        try:
            info = await asyncio.wait_for(app.bot.get_webhook_info(), READ_TIMEOUT)
        except (TelegramError, TimeoutError) as exc:
            logger.warning("ops.webhook_info_failed", extra={"error": type(exc).__name__})
            previous = self._webhook or WebhookState()
            return WebhookState(
                previous.pending_update_count, previous.last_error_message,
                previous.last_error_at, reachable=False,
            )  # fmt: skip
        message = info.last_error_message
        return WebhookState(
            info.pending_update_count, message[:200] if message else None, info.last_error_date
        )

    async def problems(self, now: datetime | None = None) -> list[str]:
        """What is wrong now (the keys of /healthz's `problems`)."""
        now = now or self.relais.clock()
        figures = await health.read_figures(self.relais.db, now)
        return health.problems(figures, self.channels, await self.webhook(), now)

    async def health(self) -> dict:
        """The /healthz body; its status is "ok" only when nothing is wrong."""
        now = self.relais.clock()
        try:
            figures = await asyncio.wait_for(health.read_figures(self.relais.db, now), READ_TIMEOUT)
        except (TimeoutError, Busy, sqlite3.Error) as exc:  # locked for seconds, or unreadable
            logger.error("ops.health_unreadable", extra={"error": type(exc).__name__})
            return {"status": "failing", "problems": ["database"]}
        modes = {name: self._mode(name) for name in ("telegram", "sms")}
        body = health.report(figures, self.channels, await self.webhook(), now, modes)
        # idle (not started: RELAIS_CRISIS_READER=patterns), loading, ready or unavailable
        body["crisis_reader"] = crisis_semantic.READER.state.value
        return body

    def _mode(self, name: str) -> str:
        if name == "telegram":
            return "webhook" if self.relais.settings.telegram_webhook_secret else "polling"
        return "rest"

    async def metrics_response(self, request: Request) -> Response:
        """GET /metrics: the text format, to whom RELAIS_METRICS allows."""
        client = request.client.host if request.client else None
        if not allowed(self.relais.settings.metrics, client, request.headers):
            return Response("Forbidden", status_code=403)
        now = self.relais.clock()
        figures = await health.read_figures(self.relais.db, now)
        body = self.metrics.render(figures, self.channels, await self.webhook(), now)
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")
