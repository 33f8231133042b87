"""The web chat: the conversation page and what the person posts (a line, a choice, quick
exit, continue by SMS). The kiosk (bot/web/kiosk.py) uses the same handlers on its own
`Surface`; every path is in bot/web/routes.py."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.web import pages
from bot.web.channel import Hub
from bot.web.forms import MAX_TEXT, clean, client, read_form
from bot.web.identity import to_phone
from bot.web.limits import Buckets
from bot.web.sessions import CHAT, Sessions, Surface
from bot.web.stream import LiveStream
from flows import web_messages as wm
from flows.types import Inbound, Kind
from storage import kiosks
from storage.clock import from_db
from storage.kiosks import WebSession

logger = logging.getLogger(__name__)

NO_JS_WAIT = 3.0  # a plain form post waits this long for the answer before reloading


class WebApp(Sessions, LiveStream):
    """The web chat's handlers, handed the running bot (database, engine, i18n, settings)."""

    def __init__(self, relais, hub: Hub) -> None:
        self.relais = relais
        self.hub = hub
        settings = relais.settings
        self.hours = settings.web_session_hours
        self.idle = settings.kiosk_idle_seconds
        self.https = settings.base_url.startswith("https://")
        self._forgot_at: datetime | None = None
        per_minute = settings.web_new_sessions_per_minute
        self.new_sessions = Buckets(rate=per_minute / 60, burst=2 * per_minute)  # per IP address
        self.session_posts = Buckets(rate=1.0, burst=5)  # per session
        # per IP address, all its sessions: 5 a second with the default 10 sessions a minute
        self.ip_posts = Buckets(rate=max(5.0, per_minute / 2), burst=max(30.0, 3 * per_minute))

    @property
    def db(self):
        return self.relais.db

    @property
    def i18n(self):
        return self.relais.i18n

    async def chat_page(self, request: Request) -> Response:
        return await self.show(request, CHAT)

    async def chat_message(self, request: Request) -> Response:
        return await self.message(request, CHAT)

    async def chat_events(self, request: Request) -> Response:
        return await self.events(request, CHAT)

    async def chat_quit(self, request: Request) -> Response:
        return await self.end(request, CHAT, leave=True)

    async def chat_sms(self, request: Request) -> Response:
        return await self.to_phone(request, CHAT, callback=False)

    # Pages ----------------------------------------------------------------------------

    async def show(
        self, request: Request, surface: Surface, notice: str = "", status: int = 200
    ) -> Response:
        """The conversation page; a first visit opens a session."""
        session = await self.session(request, surface)
        language = self.language(request, session)
        token = None
        if session is None:
            created = await self.new_session(request, surface, language)
            if created is None:
                return self.refuse(wm.too_many(), language, 429)
            token, session = created
        elif language != session.language:
            async with self.db.transaction() as conn:
                await kiosks.set_language(conn, session, language, self.relais.clock())
        lines = await kiosks.conversation(self.db, session.address)
        response = pages.page(
            "chat.html", status, **self.context(surface, session, language, lines, notice)
        )
        if token is not None:
            self.set_cookie(response, surface, token)
        return response

    def context(self, surface, session, language, lines, notice) -> dict:
        """What chat.html needs."""
        settings = self.relais.settings
        texts = wm.chrome(settings.retention_days, self.hours)
        if surface.kiosk is not None:
            texts |= wm.kiosk_chrome(surface.kiosk.name)
        outs = [int(line.key[1:]) for line in lines if not line.mine]
        last = lines[-1] if lines else None
        return {
            "t": pages.strings(self.i18n, texts, language),
            "lang": language,
            "base": surface.base,
            "csrf": session.csrf,
            "seq": secrets.token_urlsafe(8),
            "lines": lines,
            "after": max(outs, default=0),
            "buttons": last.buttons or [] if last is not None and not last.mine else [],
            "kiosk": surface.kiosk,
            "idle": self.idle,
            "notice": notice,
        }

    def refuse(self, text, language: str, status: int) -> Response:
        return pages.notice(self.i18n, text, language, status, back="/chat")

    # Posts ----------------------------------------------------------------------------

    async def checked_post(
        self, request: Request, surface: Surface
    ) -> tuple[WebSession, dict] | Response:
        """The session and form of a post, or the refusal: 413, 403 (no session, bad CSRF)."""
        form = await read_form(request)
        if form is None:
            return pages.secure(Response("Payload Too Large", status_code=413))
        session = await self.session(request, surface)
        language = session.language if session else self.relais.settings.locale
        if session is None or not secrets.compare_digest(
            form.get("csrf", "").encode(), session.csrf.encode()
        ):
            logger.info("web.post_refused", extra={"has_session": session is not None})
            return pages.notice(self.i18n, wm.expired(), language, 403, back=surface.base)
        return session, form

    async def message(self, request: Request, surface: Surface) -> Response:
        """A line or a choice from the person: stored through the engine, then answered."""
        checked = await self.checked_post(request, surface)
        if isinstance(checked, Response):
            return checked
        session, form = checked
        if not (self.session_posts.take(session.address) and self.ip_posts.take(client(request))):
            logger.warning("web.post_rate_limited")
            return self.refuse(wm.too_many(), session.language, 429)
        inbound = await self.inbound(session, form)
        if inbound is None:
            return _back(request, surface)
        future = self.hub.watch(session.address)
        new = await self.relais.engine.accept(inbound)
        await self.touch(session)
        if request.headers.get("x-relais-fetch") == "1":
            return pages.secure(Response(status_code=204))
        # A post seen before (a double tap, a retry) gets no second answer: the page at once.
        await self.hub.wait(session.address, future, NO_JS_WAIT if new else 0)
        return _back(request, surface)

    async def touch(self, session: WebSession) -> None:
        """Keep the session alive; written at most once a minute."""
        now = self.relais.clock()
        if now - from_db(session.last_seen_at) < timedelta(minutes=1):
            return
        async with self.db.transaction() as conn:
            await kiosks.touch_session(conn, session.token_hash, now)

    async def inbound(self, session: WebSession, form: dict) -> Inbound | None:
        """The engine's form of the post; None when it holds nothing to say."""
        seq = "".join(c for c in form.get("seq", "") if c.isalnum() or c in "-_")[:40]
        base = {
            "provider_id": f"{session.address}:{seq or secrets.token_urlsafe(8)}",
            "address": session.address,
            "received_at": self.relais.clock(),
            "language_hint": session.language,
        }
        choice = form.get("choice", "")[:64]
        if choice:
            label = await kiosks.choice_label(self.db, session.address, choice)
            return Inbound(kind=Kind.CHOICE, choice=choice, text=label or "", **base)
        text = clean(form.get("text", ""))[:MAX_TEXT]
        return Inbound(kind=Kind.TEXT, text=text, **base) if text else None

    async def end(self, request: Request, surface: Surface, *, leave: bool) -> Response:
        """Quick exit or "Terminer": the session ends, the cookie goes, the page is wiped."""
        form = await read_form(request) or {}
        session = await self.session(request, surface)
        if session is not None and secrets.compare_digest(
            form.get("csrf", "").encode(), session.csrf.encode()
        ):
            async with self.db.transaction() as conn:
                await kiosks.end_session(conn, session.token_hash)
            self.hub.notify(session.address)
        language = session.language if session else self.relais.settings.locale
        if leave:
            response = pages.notice(self.i18n, wm.goodbye(), language, 200, leave=True)
        else:
            response = pages.secure(RedirectResponse(surface.base, status_code=303))
        response.delete_cookie(surface.cookie, path=surface.cookie_path)
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response

    async def to_phone(self, request: Request, surface: Surface, *, callback: bool) -> Response:
        """Continue by SMS, or be called back: the case moves to the phone number."""
        checked = await self.checked_post(request, surface)
        if isinstance(checked, Response):
            return checked
        session, form = checked
        done = await to_phone(self, session, form, callback=callback)
        if not isinstance(done, str):
            text = pages.strings(self.i18n, {"x": done}, session.language)["x"]
            return await self.show(request, surface, notice=text, status=400)
        self.hub.notify(session.address)
        text = wm.callback_noted(done) if callback else wm.moved_to_sms(done)
        back = surface.base if surface.kiosk else ""
        response = pages.notice(self.i18n, text, session.language, 200, back=back)
        response.delete_cookie(surface.cookie, path=surface.cookie_path)
        return response


def _back(request: Request, surface: Surface) -> Response:
    if request.headers.get("x-relais-fetch") == "1":
        return pages.secure(Response(status_code=204))
    return pages.secure(RedirectResponse(surface.base, status_code=303))
