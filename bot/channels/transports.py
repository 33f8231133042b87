"""Channels behind one small protocol, and SMS (twilio). Telegram's channel is in
bot/channels/telegram_channel.py: python-telegram-bot is loaded only where Telegram is on."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import httpx
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot.channels.twilio_http import RebasedAsyncHttpClient
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


class SmsChannel:
    """Sends SMS through the twilio REST client (async), towards `TWILIO_API_URL`."""

    prefix = "sms"
    per_chat_rate = None

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        *,
        api_url: str,
        status_callback: str | None,
        rate: float = 1.0,
    ) -> None:
        self.http = RebasedAsyncHttpClient(api_url)
        self.client = Client(account_sid, auth_token, http_client=self.http)
        self.from_number = from_number
        self.status_callback = status_callback
        self.rate = rate

    async def send(self, item: OutboxItem) -> str | None:
        to = item.address.split(":", 1)[1]
        kwargs = {"to": to, "from_": self.from_number, "body": item.body}
        if self.status_callback:
            kwargs["status_callback"] = self.status_callback
        try:
            message = await self.client.messages.create_async(**kwargs)
        except TwilioRestException as exc:
            raise _twilio_error(exc) from None
        except (TimeoutError, httpx.HTTPError) as exc:
            raise SendError(f"twilio.network: {type(exc).__name__}") from None
        return message.sid

    async def close(self) -> None:
        await self.http.close()


def _twilio_error(exc: TwilioRestException) -> SendError:
    code = exc.code or 0
    reason = f"twilio.{code or exc.status}"
    if code in TWILIO_OPTED_OUT:
        return SendError(reason, permanent=True, opted_out=True)
    if code in TWILIO_UNREACHABLE:
        return SendError(reason, permanent=True, unreachable=True)
    if code in TWILIO_TRANSIENT or exc.status == 429 or exc.status >= 500:
        return SendError(reason)
    return SendError(reason, permanent=True)
