"""Telegram: decode an Update into an Inbound (pure), and the python-telegram-bot wiring."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes, TypeHandler

from flows.types import Inbound, Kind
from handlers.accepting import Accepts
from storage.clock import utcnow

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


def decode(update: Update) -> Inbound | LeaveChat | None:
    """Turn an update into what the engine understands; None for what Relais ignores."""
    try:
        return _decode(update)
    except (AttributeError, TypeError, ValueError):
        # A required field missing or of the wrong type: nothing Telegram sends; don't crash.
        logger.warning("telegram.undecodable_update", extra={"update_id": update.update_id})
        return None


def _decode(update: Update) -> Inbound | LeaveChat | None:
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
                **_base(update, chat.id, update.my_chat_member.from_user),
            )
        return None
    if update.callback_query is not None:
        return _callback(update)
    message = update.message or update.edited_message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return _message(update, message, edited=update.edited_message is not None)


def _base(update: Update, chat_id: int, user) -> dict:
    language, sender = getattr(user, "language_code", None), getattr(user, "id", None)
    return {
        "provider_id": f"telegram:update:{_checked(update.update_id, int)}",
        "address": f"telegram:{_checked(chat_id, int)}",
        "received_at": utcnow(),
        "language_hint": language if isinstance(language, str) else None,
        "sender_id": sender if isinstance(sender, int) else None,
    }


def _checked(value, kind: type):
    """python-telegram-bot does not check types; a wrong one makes the update undecodable."""
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"expected {kind.__name__}")
    return value


def _callback(update: Update) -> Inbound | None:
    query = update.callback_query
    message = query.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return None
    return Inbound(
        kind=Kind.CHOICE,
        choice=_checked(query.data or "", str)[:64],
        reply_to=str(message.message_id),
        **_base(update, message.chat.id, query.from_user),
    )


def _message(update: Update, message: Message, edited: bool) -> Inbound:
    base = _base(update, message.chat.id, message.from_user)
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


def build_application(token: str, base_url: str, *, polling: bool) -> Application:
    """The python-telegram-bot Application; no Updater in webhook mode."""
    builder = Application.builder().token(token).base_url(base_url)
    builder = builder.base_file_url(base_url.rstrip("/").removesuffix("/bot") + "/file/bot")
    if not polling:
        builder = builder.updater(None)
    return builder.build()


def attach(application: Application, engine: Accepts) -> None:
    """Every update goes to one handler that decodes it and hands it to the engine."""

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        decoded = decode(update)
        if update.callback_query is not None:
            await _answer(update)
        if isinstance(decoded, LeaveChat):
            logger.info("telegram.leave_group", extra={"chat_id": decoded.chat_id})
            await context.bot.leave_chat(decoded.chat_id)
        elif decoded is not None:
            await engine.accept(decoded)

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        logger.error("telegram.handler_error", exc_info=context.error)

    application.add_handler(TypeHandler(Update, on_update))
    application.add_error_handler(on_error)


async def _answer(update: Update) -> None:
    """Stop the button's spinner; a failure here must not stop the message."""
    try:
        await update.callback_query.answer()
    except Exception:
        logger.warning("telegram.answer_callback_failed", extra={"update_id": update.update_id})
