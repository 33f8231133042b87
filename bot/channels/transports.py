"""Channels behind one small protocol. Each channel is a module of its own, which bot/app.py
loads, and its library with it, only when the channel is on: Telegram
(bot/channels/telegram_channel.py, python-telegram-bot) and SMS (bot/channels/sms_channel.py,
twilio's REST client and requests)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from storage.outbox import OutboxItem

logger = logging.getLogger(__name__)


@dataclass
class SendError(Exception):
    """A send that did not go through. `permanent` ones are not retried."""

    reason: str
    permanent: bool = False
    retry_after: float | None = None
    opted_out: bool = False  # the person blocked the bot or texted STOP to the carrier
    unreachable: bool = False  # not a mobile, not a valid number

    def __str__(self) -> str:
        return self.reason


class Channel(Protocol):
    """What the outbox sender needs from a channel."""

    prefix: str  # "telegram" | "sms"
    rate: float  # messages per second, overall
    per_chat_rate: float | None  # messages per second to one address, or None
    # Optional, read with getattr: sends on the wire at once to this channel (None: only the
    # sender's own bound).
    in_flight: int | None

    async def send(self, item: OutboxItem) -> str | None:
        """Deliver one message; return the provider's message id or raise SendError."""
        ...


@dataclass(frozen=True)
class TelegramRates:
    """Telegram's pacing, messages per second; the defaults are Telegram's limits."""

    overall: float = 30.0  # Telegram FAQ: about 30 messages per second overall
    per_chat: float = 1.0  # and one per second in one chat (AIORateLimiter skips private chats)


# Twilio error codes: https://www.twilio.com/docs/api/errors/<code>
TWILIO_OPTED_OUT = {21610}
TWILIO_UNREACHABLE = {21211, 21214, 21612, 21614, 30005, 30006}
TWILIO_TRANSIENT = {20429, 30003, 30001, 30008}
