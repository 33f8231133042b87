"""Continue by SMS, or be called back: a web or kiosk conversation moves to a phone number."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

import phonenumbers

from flows import web_messages as wm
from flows.text import Text
from flows.types import Inbound, Kind, Reply
from storage import audit, kiosks, web_moves
from storage.kiosks import WebSession

logger = logging.getLogger(__name__)


def phone_address(raw: str) -> str | None:
    """ "sms:+15145550111" for a valid number (North American by default), else None."""
    try:
        number = phonenumbers.parse(raw[:40], "CA")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return "sms:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


async def to_phone(web, session: WebSession, form: dict, *, callback: bool) -> str | Text:
    """Move the session's conversation to the number given; its last two digits, or why not."""
    if form.get("consent") != "yes":
        return wm.no_consent()
    address = phone_address(form.get("number", ""))
    if address is None:
        return wm.bad_number()
    engine = web.relais.engine
    if callback:  # the request (opened here if need be) says where she was, and what she asks
        words = web.i18n.render(wm.callback_words(), session.language)
        await engine.handle(_said(session, words, engine.clock()))
    now = engine.clock()
    async with web.db.transaction() as conn:
        citizen_id = await web_moves.move_to_sms(
            conn, session.address, address, session.language, now
        )
        await kiosks.end_session(conn, session.token_hash)
        action = "citizen.callback_asked" if callback else "citizen.moved_to_sms"
        await audit.log(conn, now, f"citizen:{citizen_id}", action)
        await engine.say(
            conn, address, Reply(wm.sms_welcome()), session.language, citizen_id=citizen_id
        )
    engine.wake()
    logger.info("web.moved_to_sms", extra={"citizen_id": citizen_id, "callback": callback})
    return address[-2:]


def _said(session: WebSession, words: str, now: datetime) -> Inbound:
    return Inbound(
        provider_id=f"{session.address}:callback:{secrets.token_urlsafe(8)}",
        address=session.address,
        kind=Kind.TEXT,
        text=words,
        received_at=now,
        language_hint=session.language,
    )
