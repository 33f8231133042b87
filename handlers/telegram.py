"""Telegram: decode an Update into an Inbound (pure), and the python-telegram-bot wiring."""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import httpx
from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes, TypeHandler
from telegram.request import HTTPXRequest

from flows.types import Inbound, Kind
from handlers.accepting import Accepts

logger = logging.getLogger(__name__)

MEDIA_FIELDS = (
    "photo",
    "voice",
    "video",
    "video_note",
    "audio",
    "document",
    "sticker",
    "animation",
    "dice",
    "poll",
    "story",
    "venue",
)


@dataclass(frozen=True)
class LeaveChat:
    """The bot was added to a group: leave it (Relais talks in private chats only)."""

    chat_id: int


def decode(update: Update, now: datetime) -> Inbound | LeaveChat | None:
    """Turn an update into what the engine understands; None for what Relais ignores.

    `now` is the engine's clock (simulations and tests run on a fake one): a message is
    received then.
    """
    try:
        return _decode(update, now)
    except (AttributeError, TypeError, ValueError):
        # A required field missing or of the wrong type: nothing Telegram sends; don't crash.
        logger.warning("telegram.undecodable_update", extra={"update_id": update.update_id})
        return None


def _decode(update: Update, now: datetime) -> Inbound | LeaveChat | None:
    if update.my_chat_member is not None:
        chat = update.my_chat_member.chat
        status = update.my_chat_member.new_chat_member.status
        if chat.type != ChatType.PRIVATE and status in ("member", "administrator"):
            return LeaveChat(chat.id)
        old = update.my_chat_member.old_chat_member.status
        if chat.type == ChatType.PRIVATE and old == "kicked" and status == "member":
            # The person unblocked the bot: as if they wrote /start (which opts back in).
            return Inbound(
                kind=Kind.TEXT,
                text="/start",
                **_base(update, chat.id, update.my_chat_member.from_user, now),
            )
        return None
    if update.callback_query is not None:
        return _callback(update, now)
    message = update.message or update.edited_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return _message(update, message, now, edited=update.edited_message is not None)


def _base(update: Update, chat_id: int, user, now: datetime) -> dict:
    language, sender = getattr(user, "language_code", None), getattr(user, "id", None)
    return {
        "provider_id": f"telegram:update:{_checked(update.update_id, int)}",
        "address": f"telegram:{_checked(chat_id, int)}",
        "received_at": now,
        "language_hint": _storable(language) if isinstance(language, str) else None,
        "sender_id": sender if isinstance(sender, int) else None,
    }


def _checked(value, kind: type):
    """python-telegram-bot does not check types; a wrong one makes the update undecodable."""
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}")
    return _storable(value) if isinstance(value, str) else value


def _storable(text: str) -> str:
    """A lone UTF-16 surrogate (valid JSON, not UTF-8) would make the update unstorable."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _callback(update: Update, now: datetime) -> Inbound | None:
    query = update.callback_query
    message = query.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return Inbound(
        kind=Kind.CHOICE,
        choice=_checked(query.data or "", str)[:64],
        reply_to=str(message.message_id),
        **_base(update, message.chat.id, query.from_user, now),
    )


def _message(update: Update, message: Message, now: datetime, edited: bool) -> Inbound:
    base = _base(update, message.chat.id, message.from_user, now)
    reply_to = str(message.reply_to_message.message_id) if message.reply_to_message else None
    text = _checked(message.text or message.caption or "", str)
    media = next((f for f in MEDIA_FIELDS if getattr(message, f, None)), None)
    if edited:
        kind = Kind.EDITED
    elif media and not message.text:
        kind = Kind.MEDIA
    elif message.location is not None:
        kind, media = Kind.LOCATION, "location"
    elif message.contact is not None:
        kind, media = Kind.CONTACT, "contact"
    elif text:
        kind = Kind.TEXT
    else:
        kind = Kind.EMPTY
    return Inbound(kind=kind, text=text, media=media, reply_to=reply_to, **base)


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS context, built once: loading the CA bundle costs ~50 ms a client."""
    return httpx.create_ssl_context()


def _request(pool_size: int) -> HTTPXRequest:
    """The Bot API client python-telegram-bot would build itself, with the shared context."""
    return HTTPXRequest(connection_pool_size=pool_size, httpx_kwargs={"verify": _tls()})


def build_application(token: str, base_url: str) -> Application:
    """The python-telegram-bot Application, without PTB's Updater.

    Relais fetches updates itself (`handlers.polling`): PTB's Updater confirms a batch to
    Telegram before it is stored, and a crash in between loses it.
    """
    builder = Application.builder().token(token).base_url(base_url).updater(None)
    builder = builder.request(_request(256)).get_updates_request(_request(1))  # PTB's sizes
    builder = builder.base_file_url(base_url.rstrip("/").removesuffix("/bot") + "/file/bot")
    return builder.build()


class Intake:
    """Updates in: stored first (the acknowledgement waits for this), then the side effects."""

    def __init__(self, bot: Bot, engine: Accepts) -> None:
        self.bot = bot
        self.engine = engine

    def parse(self, body: bytes) -> Update | None:
        """The Update in a webhook body; None for bad JSON or a shape python-telegram-bot
        rejects."""
        try:
            data = json.loads(body)
            return Update.de_json(data, self.bot) if isinstance(data, dict) else None
        except Exception:  # de_json raises AttributeError, TypeError, KeyError… on odd shapes
            logger.warning("telegram.bad_update")
            return None

    async def store(self, updates: Sequence[Update], *, wait: float | None = None) -> list[Update]:
        """Store the messages of a batch in one transaction; the updates that need a follow-up.

        Raises on a storage error (`storage.db.Busy` after `wait` s): then nothing may be
        confirmed to Telegram. Duplicates (already stored) need no follow-up.
        """
        now = self.engine.clock()
        decoded = [(update, decode(update, now)) for update in updates]
        inbounds = [d for _, d in decoded if isinstance(d, Inbound)]
        new = iter(await self.engine.accept_all(inbounds, wait=wait))
        return [u for u, d in decoded if not isinstance(d, Inbound) or next(new)]

    async def follow_up(self, updates: Sequence[Update]) -> None:
        """Stop the buttons' spinners and leave groups; failures are logged, never raised."""
        await asyncio.gather(*(self._follow_up(update) for update in updates))

    async def _follow_up(self, update: Update) -> None:
        if update.callback_query is not None:
            await _answer(update)
        decoded = decode(update, self.engine.clock())
        if isinstance(decoded, LeaveChat):
            logger.info("telegram.leave_group", extra={"chat_id": decoded.chat_id})
            try:
                await self.bot.leave_chat(decoded.chat_id)
            except Exception:
                logger.warning("telegram.leave_failed", extra={"chat_id": decoded.chat_id})


def attach(application: Application, intake: Intake) -> None:
    """`application.process_update(update)` stores the update too (benchmarks use it)."""

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await intake.follow_up(await intake.store([update]))

    application.add_handler(TypeHandler(Update, on_update))


async def _answer(update: Update) -> None:
    """Stop the button's spinner; a failure here must not stop the message."""
    try:
        await update.callback_query.answer()
    except Exception:
        logger.warning("telegram.answer_callback_failed", extra={"update_id": update.update_id})
