"""The HTTP routes: health, the Twilio webhooks (signed), and Telegram's webhook (secret)."""

from __future__ import annotations

import logging
import re
import secrets
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import phonenumbers
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator

from flows.types import Inbound, Kind
from handlers.accepting import Accepts
from storage.db import Busy
from storage.spool import Spool

if TYPE_CHECKING:  # python-telegram-bot stays unloaded where Telegram is off (bot/app.py)
    from handlers.telegram import Intake

logger = logging.getLogger(__name__)

STORE_WAIT = 5.0  # seconds a webhook waits for the database: well under Twilio's 15 s
MAX_BODY = 64 * 1024  # Twilio bodies are at most 1,600 characters; updates are small too
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


@dataclass
class HttpDeps:
    """What the routes need; built in bot/app.py."""

    engine: Accepts
    public_url: str
    health: Callable[[], Awaitable[dict]]
    twilio_auth_token: str | None = None
    on_sms_status: Callable[[str, str, str | None], Awaitable[None]] | None = None
    telegram: Intake | None = None
    telegram_secret: str | None = None
    metrics: Callable[[Request], Awaitable[Response]] | None = None
    spool: Spool | None = None
    store_wait: float = STORE_WAIT  # RELAIS_STORE_WAIT: then spooled (SMS) or 503 (Telegram)
    extra_routes: list = field(default_factory=list)  # the web chat and kiosk (bot/web)


def build_http_app(deps: HttpDeps) -> Starlette:
    """The Starlette application served by uvicorn."""

    async def healthz(request: Request) -> Response:
        body = await deps.health()  # 503 when starting, a channel is down or a backlog stuck
        return JSONResponse(body, status_code=200 if body.get("status") == "ok" else 503)

    async def metrics(request: Request) -> Response:
        return await deps.metrics(request) if deps.metrics else _status(404)

    async def twilio_sms(request: Request) -> Response:
        form = await _signed_form(request, deps)
        if isinstance(form, Response):
            return form
        inbound = sms_inbound(form, deps.engine.clock())
        if inbound is not None:
            problem = await _store_sms(deps, inbound)
            if problem is not None:
                return _not_stored(problem, request.url.path)
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def twilio_status(request: Request) -> Response:
        form = await _signed_form(request, deps)
        if isinstance(form, Response):
            return form
        sid, status = form.get("MessageSid"), form.get("MessageStatus")
        if sid and status and deps.on_sms_status is not None:
            await deps.on_sms_status(str(sid), str(status), _str(form.get("ErrorCode")))
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def telegram_webhook(request: Request) -> Response:
        return await _telegram(request, deps)

    routes = [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        Route("/twilio/sms", twilio_sms, methods=["POST"]),
        Route("/twilio/status", twilio_status, methods=["POST"]),
        Route("/telegram/webhook", telegram_webhook, methods=["POST"]),
        *deps.extra_routes,
    ]
    return Starlette(routes=routes)


def _status(code: int) -> Response:
    return Response(HTTPStatus(code).phrase, status_code=code)


async def _store_sms(deps: HttpDeps, inbound: Inbound) -> Exception | None:
    """Store an SMS (in the inbox, or the spool if the database cannot take it in time, or
    if earlier messages wait there: they go first); the error if neither could."""
    if deps.spool is not None and deps.spool.pending() and await _spooled(deps, inbound):
        return None
    try:
        await deps.engine.accept(inbound, wait=deps.store_wait)
    except (Busy, sqlite3.Error) as exc:
        return None if await _spooled(deps, inbound) else exc  # Twilio would not send again
    except Exception as exc:
        return exc
    return None


async def _spooled(deps: HttpDeps, inbound: Inbound) -> bool:
    """Written to the spool (flushed to disk): it may be acknowledged."""
    if deps.spool is None:
        return False
    try:
        await deps.spool.append(inbound)
    except Exception:
        logger.exception("spool.append_failed")
        return False
    return True


def _not_stored(exc: Exception, path: str) -> Response:
    """The message could not be stored in time: 503, so the provider redelivers it."""
    event = "http.store_busy" if isinstance(exc, Busy) else "http.store_failed"
    logger.error(event, extra={"path": path, "error": type(exc).__name__})
    return Response("Service Unavailable", status_code=503, headers={"Retry-After": "5"})


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


async def _body(request: Request) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        return None
    body = b""
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return None
    except ClientDisconnect:  # gone mid-body: nobody to answer, nothing to log
        return None
    return body


async def _signed_form(request: Request, deps: HttpDeps) -> FormData | Response:
    """The form if `X-Twilio-Signature` matches, checked against the public URL; else a 4xx."""
    if deps.twilio_auth_token is None:
        return _status(403)
    signature = request.headers.get("x-twilio-signature", "")
    if not signature:
        return _status(403)
    body = await _body(request)
    if body is None:
        return _status(413)
    url = deps.public_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    form = verify_twilio(deps.twilio_auth_token, url, body, signature)
    if form is None:
        logger.warning("twilio.bad_signature", extra={"path": request.url.path})
        return _status(403)
    return form


def verify_twilio(auth_token: str, url: str, body: bytes, signature: str) -> FormData | None:
    """The urlencoded `body` as a form if Twilio signed it for `url` with `auth_token`."""
    if not signature:
        return None
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return None
    form = FormData(pairs)
    validator = RequestValidator(auth_token)
    # Twilio signs an apostrophe in the query as %27, whether or not the request line has it so.
    urls = dict.fromkeys([url, url.replace("'", "%27")])
    return form if any(validator.validate(u, form, signature) for u in urls) else None


def sms_inbound(form: FormData, now: datetime) -> Inbound | None:
    """Decode Twilio's inbound message fields; None when there is no one to answer."""
    sid, sender = _str(form.get("MessageSid")), _str(form.get("From"))
    address = phone_address(sender or "")
    if not sid or address is None:
        logger.warning("twilio.unusable_webhook", extra={"has_sid": bool(sid)})
        return None
    text = _clean(str(form.get("Body") or ""))
    media_count = _count(form.get("NumMedia"))
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
        received_at=now,
    )


def _count(raw: object) -> int:
    """A small count sent as text ("0".."10"); anything else counts as none."""
    value = str(raw or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 3 else 0


# What Twilio sends for a North American mobile: "+1", then an area code and an exchange that
# start with 2-9. phonenumbers reads such a number as itself (tests/test_phone_address.py);
# parsing it costs ~20 µs a message.
_NANP_E164 = re.compile(r"\+1[2-9][0-9]{2}[2-9][0-9]{6}")


def phone_address(raw: str) -> str | None:
    """ "sms:+15145550111" for a valid number (North American by default), else None."""
    if _NANP_E164.fullmatch(raw):
        return "sms:" + raw
    try:
        number = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return "sms:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Control characters but line breaks and tabs: below 32 except \t (9) and \n (10), and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _clean(text: str) -> str:
    """Drop control characters (keep line breaks and tabs)."""
    return _CONTROL.sub("", text).strip()


async def _telegram(request: Request, deps: HttpDeps) -> Response:
    if deps.telegram is None or deps.telegram_secret is None:
        return _status(404)
    given = request.headers.get("x-telegram-bot-api-secret-token", "")
    if not secrets.compare_digest(given.encode(), deps.telegram_secret.encode()):
        return _status(403)
    body = await _body(request)
    if body is None:
        return _status(413)
    update = deps.telegram.parse(body)
    if update is None:
        return _status(400)
    # Stored here, before answering: Telegram hears 200 only for what is stored.
    try:
        follow = await deps.telegram.store([update], wait=deps.store_wait)
    except (Busy, sqlite3.Error) as exc:
        return _not_stored(exc, request.url.path)
    except Exception as exc:  # not the database: retrying the same update would not help
        extra = {"update_id": update.update_id, "error": type(exc).__name__}
        logger.error("telegram.update_unstorable", extra=extra)
        return _status(400)
    await deps.telegram.follow_up(follow)  # a button's spinner, leaving a group: never raises
    return Response()
