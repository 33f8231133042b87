"""The HTTP routes: health, the Twilio webhooks (signed), and Telegram's webhook (secret)."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import phonenumbers
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application
from twilio.request_validator import RequestValidator

from bot.engine import Engine
from flows.types import Inbound, Kind
from storage.clock import utcnow

logger = logging.getLogger(__name__)

MAX_BODY = 64 * 1024  # Twilio bodies are at most 1,600 characters; updates are small too
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


@dataclass
class HttpDeps:
    """What the routes need; built in bot/app.py."""

    engine: Engine
    public_url: str
    health: Callable[[], Awaitable[dict]]
    twilio_auth_token: str | None = None
    on_sms_status: Callable[[str, str, str | None], Awaitable[None]] | None = None
    telegram: Application | None = None
    telegram_secret: str | None = None


def build_http_app(deps: HttpDeps) -> Starlette:
    """The Starlette application served by uvicorn."""

    async def healthz(request: Request) -> Response:
        return JSONResponse(await deps.health())

    async def twilio_sms(request: Request) -> Response:
        form = await _signed_form(request, deps)
        if form is None:
            return Response("Forbidden", status_code=403)
        inbound = sms_inbound(form)
        if inbound is not None:
            await deps.engine.handle(inbound)
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def twilio_status(request: Request) -> Response:
        form = await _signed_form(request, deps)
        if form is None:
            return Response("Forbidden", status_code=403)
        sid, status = form.get("MessageSid"), form.get("MessageStatus")
        if sid and status and deps.on_sms_status is not None:
            await deps.on_sms_status(str(sid), str(status), _str(form.get("ErrorCode")))
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def telegram_webhook(request: Request) -> Response:
        return await _telegram(request, deps)

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/twilio/sms", twilio_sms, methods=["POST"]),
        Route("/twilio/status", twilio_status, methods=["POST"]),
        Route("/telegram/webhook", telegram_webhook, methods=["POST"]),
    ]
    return Starlette(routes=routes)


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


async def _body(request: Request) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return body


async def _signed_form(request: Request, deps: HttpDeps) -> FormData | None:
    """The form if `X-Twilio-Signature` matches, checked against the public URL; else None."""
    if deps.twilio_auth_token is None:
        return None
    signature = request.headers.get("x-twilio-signature", "")
    body = await _body(request)
    if not signature or body is None:
        return None
    from urllib.parse import parse_qsl

    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return None
    form = FormData(pairs)
    url = deps.public_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    if not RequestValidator(deps.twilio_auth_token).validate(url, form, signature):
        logger.warning("twilio.bad_signature", extra={"path": request.url.path})
        return None
    return form


def sms_inbound(form: FormData) -> Inbound | None:
    """Decode Twilio's inbound message fields; None when there is no one to answer."""
    sid, sender = _str(form.get("MessageSid")), _str(form.get("From"))
    address = phone_address(sender or "")
    if not sid or address is None:
        logger.warning("twilio.unusable_webhook", extra={"has_sid": bool(sid)})
        return None
    text = _clean(str(form.get("Body") or ""))
    media_count = (
        int(form.get("NumMedia") or 0) if str(form.get("NumMedia") or "0").isdigit() else 0
    )
    if text:
        kind = Kind.TEXT
    elif media_count:
        kind = Kind.MEDIA
    else:
        kind = Kind.EMPTY
    media = "mms" if media_count else None
    return Inbound(
        provider_id=f"sms:{sid}",
        address=address,
        kind=kind,
        text=text,
        media=media,
        received_at=utcnow(),
    )


def phone_address(raw: str) -> str | None:
    """ "sms:+15145550111" for a valid number (North American by default), else None."""
    try:
        number = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return "sms:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _clean(text: str) -> str:
    """Drop control characters (keep line breaks and tabs)."""
    return "".join(c for c in text if c in "\n\t" or (ord(c) >= 32 and ord(c) != 127)).strip()


async def _telegram(request: Request, deps: HttpDeps) -> Response:
    if deps.telegram is None or deps.telegram_secret is None:
        return Response("Not Found", status_code=404)
    given = request.headers.get("x-telegram-bot-api-secret-token", "")
    if not secrets.compare_digest(given.encode(), deps.telegram_secret.encode()):
        return Response("Forbidden", status_code=403)
    body = await _body(request)
    try:
        data = json.loads(body) if body else None
        update = Update.de_json(data, deps.telegram.bot) if isinstance(data, dict) else None
    except (ValueError, TypeError, KeyError):
        update = None
    if update is None:
        return Response("Bad Request", status_code=400)
    # Processed before answering: the update is stored before Telegram hears 200.
    await deps.telegram.process_update(update)
    return Response()
