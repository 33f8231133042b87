"""What an operator needs to know: backlogs and their age, channel streaks, and what is wrong.

The figures come from one set of queries on the inbox, outbox and requests tables (counts and
ages only: never a number, a name or a message). What is wrong is a pure rule over them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.channels.transports import SendError
from storage.clock import from_db, to_db
from storage.db import Database

# A received message is processed within milliseconds of its acknowledgement; two minutes
# still 'received' means processing is broken (it would also be retried at the next start).
INBOX_STUCK = timedelta(minutes=2)
# Five minutes is past any 429 pause; a message due that long, not sent, while nothing at all
# went out on its channel, is not slow, it is stuck. "Due" and not "queued": a message waiting
# out its backoff (one person's phone off all night) is that person's matter, not the outbox's;
# and a long campaign that moves is not stuck.
OUTBOX_STUCK = timedelta(minutes=5)
# One person's number can fail again and again (full phone, old number); channel-wide failures
# to three different people in a row, with no success between, are the channel itself.
DOWN_AFTER_RECIPIENTS = 3
# Telegram keeps its last webhook error for a while; only a recent one with updates waiting
# says that Telegram cannot reach us now.
WEBHOOK_ERROR_RECENT = timedelta(minutes=5)


@dataclass
class Backlog:
    """How many rows wait, and since when the oldest."""

    count: int = 0
    oldest: datetime | None = None
    due_since: datetime | None = None  # outbox: since when the longest-due row could have gone

    def age(self, now: datetime) -> float | None:
        """Seconds the oldest has waited, or None when nothing waits."""
        return None if self.oldest is None else max((now - self.oldest).total_seconds(), 0.0)


@dataclass
class Figures:
    """Backlogs of the three tables an operator watches."""

    inbox: Backlog
    outbox: dict[str, Backlog]  # per channel prefix: pending and sending rows
    unclaimed: Backlog


# An address's channel: "sms" of "sms:+1514…".
_PREFIX = {
    "sqlite": "substr(address, 1, instr(address, ':') - 1)",
    "postgresql": "split_part(address, ':', 1)",
}


async def read_figures(db: Database, now: datetime) -> Figures:
    """The backlogs, read with indexed queries (status indexes on each table)."""
    inbox = await db.fetchone(
        "SELECT COUNT(*) AS n, MIN(received_at) AS oldest FROM inbound WHERE status = 'received'"
    )
    outbox = await db.fetchall(
        f"SELECT {_PREFIX[db.dialect]} AS channel, COUNT(*) AS n,"
        " MIN(created_at) AS oldest, MIN(CASE WHEN status = 'sending' OR next_attempt_at <= ?"
        " THEN next_attempt_at END) AS due FROM outbox WHERE status IN ('pending', 'sending')"
        " GROUP BY channel",
        (to_db(now),),
    )
    unclaimed = await db.fetchone(
        "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM requests WHERE status = 'waiting'"
    )
    return Figures(
        inbox=_backlog(inbox),
        outbox={row["channel"]: _backlog(row, from_db(row["due"])) for row in outbox},
        unclaimed=_backlog(unclaimed),
    )


def _backlog(row, due_since: datetime | None = None) -> Backlog:
    return Backlog(row["n"], from_db(row["oldest"]) if row["oldest"] else None, due_since)


async def last_sent_at(db: Database, channel: str) -> datetime | None:
    """When a message last went out on this channel (read once at start)."""
    row = await db.fetchone(
        "SELECT MAX(sent_at) AS at FROM outbox WHERE status IN ('sent', 'delivered')"
        " AND address >= ? AND address < ?",
        (f"{channel}:", f"{channel};"),
    )
    return from_db(row["at"]) if row and row["at"] else None


def channel_level(error: SendError) -> bool:
    """False for a failure that is about one recipient (opted out, bad number, unknown chat)."""
    if error.opted_out or error.unreachable:
        return False
    return not error.reason.startswith(("telegram.bad_request", "nothing to edit"))


@dataclass
class ChannelState:
    """One channel's outcomes since start: last success, failures since then."""

    last_sent_at: datetime | None = None
    failures_in_a_row: int = 0
    failed_recipients: set[str] = field(default_factory=set)

    def sent(self, now: datetime) -> None:
        self.last_sent_at = now
        self.failures_in_a_row = 0
        self.failed_recipients.clear()

    def failed(self, address: str, error: SendError) -> None:
        if channel_level(error):
            self.failures_in_a_row += 1
            if len(self.failed_recipients) < 100:
                self.failed_recipients.add(address)

    @property
    def down(self) -> bool:
        return len(self.failed_recipients) >= DOWN_AFTER_RECIPIENTS

    def sent_since(self, moment: datetime) -> bool:
        return self.last_sent_at is not None and self.last_sent_at >= moment


@dataclass
class WebhookState:
    """Telegram's view of our webhook (getWebhookInfo), without the URL."""

    pending_update_count: int | None = None
    last_error_message: str | None = None
    last_error_at: datetime | None = None
    reachable: bool = True


def problems(
    figures: Figures,
    channels: dict[str, ChannelState],
    webhook: WebhookState | None,
    now: datetime,
) -> list[str]:
    """What is wrong now, as stable keys: "inbox_stuck", "outbox_stuck:sms", "channel_down:…"."""
    found = []
    if figures.inbox.oldest is not None and now - figures.inbox.oldest > INBOX_STUCK:
        found.append("inbox_stuck")
    for name, state in sorted(channels.items()):
        if state.down:
            found.append(f"channel_down:{name}")
        waiting = figures.outbox.get(name)
        if waiting and waiting.due_since and now - waiting.due_since > OUTBOX_STUCK:
            if not state.sent_since(now - OUTBOX_STUCK):
                found.append(f"outbox_stuck:{name}")
    if webhook is not None and webhook.pending_update_count and webhook.last_error_at:
        if now - webhook.last_error_at <= WEBHOOK_ERROR_RECENT:
            found.append("webhook_failing:telegram")
    return found


def report(
    figures: Figures,
    channels: dict[str, ChannelState],
    webhook: WebhookState | None,
    now: datetime,
    modes: dict[str, str],
) -> dict:
    """The /healthz body: status, problems, and the figures behind them."""
    found = problems(figures, channels, webhook, now)
    body = {
        "status": "ok" if not found else "failing",
        "problems": found,
        "inbox": {"backlog": figures.inbox.count, "oldest_seconds": figures.inbox.age(now)},
        "outbox": _outbox(figures, now),
        "requests": {
            "unclaimed": figures.unclaimed.count,
            "oldest_wait_seconds": figures.unclaimed.age(now),
        },
        "channels": {
            name: _channel(name, channels, figures, now, mode) for name, mode in modes.items()
        },
    }
    if webhook is not None:
        body["channels"]["telegram"]["webhook"] = _webhook(webhook)
    return body


def _outbox(figures: Figures, now: datetime) -> dict:
    oldest = [b.oldest for b in figures.outbox.values() if b.oldest is not None]
    return {
        "pending": sum(b.count for b in figures.outbox.values()),
        "oldest_seconds": Backlog(0, min(oldest)).age(now) if oldest else None,
    }


def _channel(name: str, channels, figures: Figures, now: datetime, mode: str) -> dict:
    state = channels.get(name)
    if state is None:
        return {"state": "off"}
    waiting = figures.outbox.get(name, Backlog())
    return {
        "state": "down" if state.down else "on",
        "mode": mode,
        "last_sent_at": to_db(state.last_sent_at) if state.last_sent_at else None,
        "failures_in_a_row": state.failures_in_a_row,
        "outbox_pending": waiting.count,
        "outbox_oldest_seconds": waiting.age(now),
    }


def _webhook(webhook: WebhookState) -> dict:
    return {
        "reachable": webhook.reachable,
        "pending_update_count": webhook.pending_update_count,
        "last_error_message": webhook.last_error_message,
        "last_error_at": to_db(webhook.last_error_at) if webhook.last_error_at else None,
    }
