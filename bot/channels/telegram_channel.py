"""The Telegram channel: sends through the Bot API with python-telegram-bot.

Its own module, apart from the protocol and SMS (bot/channels/transports.py): bot/app.py loads
it, and with it python-telegram-bot (~0.2 s of CPU, a third of a start), only when
TELEGRAM_BOT_TOKEN is set."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.channels.transports import SendError, TelegramRates
from storage.outbox import OutboxItem

SEND_MESSAGE = "sendmessage"  # the Bot API's sendMessage (method names are case-insensitive)
TELEGRAM_LIMITS = TelegramRates()  # Telegram's own limits


class TelegramChannel:
    """Sends through the Bot API with python-telegram-bot's Bot."""

    prefix = "telegram"

    def __init__(
        self, bot: Bot, rates: TelegramRates = TELEGRAM_LIMITS, *, in_flight: int = 8
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
