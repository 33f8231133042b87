"""Channels behind one small protocol: Telegram (python-telegram-bot) and SMS (twilio)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import httpx
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot.channels.twilio_http import RebasedAsyncHttpClient
from storage.outbox import OutboxItem

logger = logging.getLogger(__name__)

SEND_MESSAGE = "sendmessage"  # the Bot API's sendMessage (method names are case-insensitive)


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


class TelegramChannel:
    """Sends through the Bot API with python-telegram-bot's Bot."""

    prefix = "telegram"

    def __init__(
        self, bot: Bot, rates: TelegramRates = TelegramRates(), *, in_flight: int = 8
    ) -> None:
        self.bot = bot
        self.rate = rates.overall
        self.per_chat_rate = rates.per_chat
        self.in_flight = in_flight

    async def send(self, item: OutboxItem) -> str | None:
        try:
            chat_id = int(item.address.split(":", 1)[1])
        except ValueError:
            raise SendError("telegram.bad_address", permanent=True) from None
        markup = _keyboard(item.buttons)
        try:
            return await self._send(chat_id, item, markup)
        except RetryAfter as exc:
            raise SendError("telegram.429", retry_after=_seconds(exc.retry_after)) from None
        except Forbidden as exc:
            raise SendError(
                f"telegram.forbidden: {exc.message[:80]}", permanent=True, opted_out=True
            ) from None
        except BadRequest as exc:
            if "not modified" in exc.message:
                return None
            raise SendError(f"telegram.bad_request: {exc.message[:80]}", permanent=True) from None
        except NetworkError as exc:  # includes TimedOut and 5xx answers
            raise SendError(f"telegram.network: {type(exc).__name__}") from None
        except TelegramError as exc:
            raise SendError(f"telegram.error: {type(exc).__name__}", permanent=True) from None

    async def _send(self, chat_id: int, item: OutboxItem, markup: InlineKeyboardMarkup | None):
        payload = item.payload or {}
        if item.kind == "edit":
            await self.bot.edit_message_text(
                item.body, chat_id=chat_id, message_id=payload["message_id"], reply_markup=markup
            )
            return str(payload["message_id"])
        if item.kind == "location":
            message = await self.bot.send_location(
                chat_id, latitude=payload["latitude"], longitude=payload["longitude"]
            )
            return str(message.message_id)
        # PTB's own request (HTTPXRequest, its RetryAfter/Forbidden/BadRequest mapping), but
        # the answer stays a dict: only its message_id is kept, so no Message (chat, sender,
        # keyboard) is built from it, ~0.15 ms of CPU a message. The Bot API's method names
        # are case-insensitive; the lower-case name is not a `Bot` attribute, so PTB does not
        # warn that `send_message` exists.
        result = await self.bot.do_api_request(
            SEND_MESSAGE, api_kwargs={"chat_id": chat_id, "text": item.body, "reply_markup": markup}
        )
        return str(result["message_id"])


def _keyboard(buttons: list[list[str]] | None) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data)] for data, label in buttons]
    )


def _seconds(value: object) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


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
