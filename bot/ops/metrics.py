"""Prometheus metrics (prometheus-client), one registry per bot, and who may read them.

Counters are bumped where messages go in (the engine's accept), out and fail (the outbox
sender), and where a request escalates; gauges are set from the health figures at each scrape.
Labels are channels and failure reasons from the code's own vocabulary: never a number or text.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

from bot.channels.transports import SendError
from bot.ops.health import ChannelState, Figures, WebhookState, problems

_REASON = re.compile(r"[^a-z0-9_.]+")
KNOWN_PROBLEMS = ("inbox_stuck", "outbox_stuck", "channel_down", "webhook_failing")


def reason_label(error: SendError) -> str:
    """The reason's code part ("twilio.30003", "telegram.network"), without any free text."""
    code = error.reason.split(":", 1)[0].strip().lower()
    return _REASON.sub("_", code)[:40] or "unknown"


class Metrics:
    """The bot's own registry: several bots in one process (tests) never share a counter."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.messages_in = Counter(
            "relais_messages_in", "Messages accepted, by channel", ["channel"], registry=r
        )
        self.messages_out = Counter(
            "relais_messages_out", "Messages sent, by channel", ["channel"], registry=r
        )
        self.send_failures = Counter(
            "relais_send_failures",
            "Failed send attempts by channel and reason; final=yes when not retried",
            ["channel", "reason", "final"],
            registry=r,
        )
        self.escalations = Counter(
            "relais_escalations", "Requests escalated, by urgency", ["urgency"], registry=r
        )
        self._gauges(r)

    def _gauges(self, r: CollectorRegistry) -> None:
        self.inbox_backlog = Gauge(
            "relais_inbox_backlog", "Messages stored, not processed", registry=r
        )
        self.inbox_oldest = Gauge(
            "relais_inbox_oldest_seconds", "Age of the oldest unprocessed message", registry=r
        )
        self.outbox_pending = Gauge(
            "relais_outbox_pending", "Messages waiting to be sent", ["channel"], registry=r
        )
        self.outbox_oldest = Gauge(
            "relais_outbox_oldest_seconds", "Age of the oldest waiting message", ["channel"],
            registry=r,
        )  # fmt: skip
        self.unclaimed = Gauge(
            "relais_requests_unclaimed", "Requests waiting for a worker", registry=r
        )
        self.unclaimed_oldest = Gauge(
            "relais_requests_oldest_wait_seconds",
            "Wait of the oldest unclaimed request",
            registry=r,
        )
        self.last_sent = Gauge(
            "relais_last_send_timestamp_seconds", "Last successful send (Unix time)", ["channel"],
            registry=r,
        )  # fmt: skip
        self.failures_in_a_row = Gauge(
            "relais_send_failures_in_a_row", "Channel-wide failures since the last success",
            ["channel"], registry=r,
        )  # fmt: skip
        self.webhook_pending = Gauge(
            "relais_telegram_webhook_pending_updates", "Updates Telegram holds for us", registry=r
        )
        self.problem = Gauge(
            "relais_problem", "1 while this problem lasts (see /healthz)", ["problem", "channel"],
            registry=r,
        )  # fmt: skip

    def sent(self, channel: str) -> None:
        self.messages_out.labels(channel).inc()

    def failed(self, channel: str, error: SendError, final: bool) -> None:
        self.send_failures.labels(channel, reason_label(error), "yes" if final else "no").inc()

    def render(
        self,
        figures: Figures,
        channels: dict[str, ChannelState],
        webhook: WebhookState | None,
        now: datetime,
    ) -> bytes:
        """Set the gauges from the figures, then the whole registry in the text format."""
        self.inbox_backlog.set(figures.inbox.count)
        self.inbox_oldest.set(figures.inbox.age(now) or 0)
        self.unclaimed.set(figures.unclaimed.count)
        self.unclaimed_oldest.set(figures.unclaimed.age(now) or 0)
        for name, state in channels.items():
            waiting = figures.outbox.get(name)
            self.outbox_pending.labels(name).set(waiting.count if waiting else 0)
            self.outbox_oldest.labels(name).set((waiting.age(now) or 0) if waiting else 0)
            self.last_sent.labels(name).set(
                state.last_sent_at.timestamp() if state.last_sent_at else 0
            )
            self.failures_in_a_row.labels(name).set(state.failures_in_a_row)
        if webhook is not None:
            self.webhook_pending.set(webhook.pending_update_count or 0)
        self._problems(problems(figures, channels, webhook, now), list(channels))
        return generate_latest(self.registry)

    def _problems(self, found: list[str], channels: list[str]) -> None:
        active = {tuple(p.split(":", 1)) if ":" in p else (p, "") for p in found}
        for kind in KNOWN_PROBLEMS:
            for channel in [""] if kind == "inbox_stuck" else channels:
                self.problem.labels(kind, channel).set(1 if (kind, channel) in active else 0)


def allowed(rule: str, client_host: str | None, headers) -> bool:
    """May this request read /metrics? `loopback`, `open` or `token:<secret>` (RELAIS_METRICS)."""
    if rule == "open":
        return True
    if rule.startswith("token:"):
        given = headers.get("authorization", "")
        expected = "Bearer " + rule.removeprefix("token:")
        return secrets.compare_digest(given.encode(), expected.encode())
    # Loopback: a request forwarded by a reverse proxy on this machine also comes from
    # 127.0.0.1; its forwarding headers betray it, and it is refused.
    if any(h in headers for h in ("forwarded", "x-forwarded-for", "x-real-ip")):
        return False
    try:
        address = ipaddress.ip_address(client_host or "")
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # "::ffff:127.0.0.1" on a dual-stack socket
    return address.is_loopback or bool(mapped and mapped.is_loopback)
