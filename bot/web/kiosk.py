"""Kiosk mode (/kiosque/<place>): the chat on a shared tablet, with next steps fit for it."""

from __future__ import annotations

import segno
from babel.dates import get_day_names
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.web import pages
from bot.web.chat import WebApp
from bot.web.sessions import Surface
from flows import web_messages as wm
from storage import kiosks
from storage.places import Window, list_places
from storage.resources import get_resource, resources_in_category

CATEGORIES = ("food", "housing", "health", "seniors", "families", "employment", "legal", "other")
PER_CATEGORY = 3


class KioskPages:
    """The kiosk's routes, on the chat's handlers with a per-place `Surface`."""

    def __init__(self, web: WebApp) -> None:
        self.web = web

    def routes(self) -> list[BaseRoute]:
        base = "/kiosque/{slug}"
        post = ["POST"]
        return [
            Route(base, self._on(self.web.show)),
            Route(base + "/message", self._on(self.web.message), methods=post),
            Route(base + "/events", self._on(self.web.events)),
            Route(base + "/fin", self._on(self.end), methods=["GET", "POST"]),
            Route(base + "/texto", self._on(self.phone_form)),
            Route(base + "/sms", self._on(self.to_sms), methods=post),
            Route(base + "/rappel", self._on(self.phone_form)),
            Route(base + "/rappel", self._on(self.callback), methods=post),
            Route(base + "/lieux", self._on(self.places)),
            Route(base + "/ressources", self._on(self.resources)),
            Route(base + "/ressources/{rid:int}", self._on(self.resource)),
        ]

    def _on(self, handler):
        """Resolve the place of the URL; an unknown one gets the 404 page."""

        async def endpoint(request: Request) -> Response:
            surface = await self.surface(request.path_params["slug"])
            if surface is None:
                language = self.web.language(request, None)
                return pages.notice(self.web.i18n, wm.not_found(), language, 404)
            return await handler(request, surface)

        return endpoint

    async def surface(self, slug: str) -> Surface | None:
        if not kiosks.SLUG.match(slug):
            return None
        async with self.web.db.transaction() as conn:
            kiosk = await kiosks.get_kiosk(conn, slug)
        if kiosk is None:
            return None
        base = f"/kiosque/{slug}"
        return Surface(base, "relais_kiosk", base, kiosk)

    async def end(self, request: Request, surface: Surface) -> Response:
        if request.method == "GET":  # the no-script idle refresh: a new, empty screen
            response = pages.secure(Response(status_code=303, headers={"Location": surface.base}))
            response.delete_cookie(surface.cookie, path=surface.cookie_path)
            return response
        return await self.web.end(request, surface, leave=False)

    async def to_sms(self, request: Request, surface: Surface) -> Response:
        return await self.web.to_phone(request, surface, callback=False)

    async def callback(self, request: Request, surface: Surface) -> Response:
        return await self.web.to_phone(request, surface, callback=True)

    async def sub_page(self, request: Request, surface: Surface, section: str, **extra):
        """A kiosk page besides the conversation, in the session's language."""
        session = await self.web.session(request, surface)
        if session is None:
            return pages.secure(Response(status_code=303, headers={"Location": surface.base}))
        language = session.language
        texts = wm.chrome(self.web.relais.settings.retention_days, self.web.hours)
        texts |= wm.kiosk_chrome(surface.kiosk.name)
        return pages.page(
            "kiosk_page.html",
            t=pages.strings(self.web.i18n, texts, language),
            lang=language,
            base=surface.base,
            csrf=session.csrf,
            idle=self.web.idle,
            kiosk=surface.kiosk,
            section=section,
            **extra,
        )

    async def phone_form(self, request: Request, surface: Surface) -> Response:
        action = "rappel" if request.url.path.endswith("/rappel") else "sms"
        return await self.sub_page(request, surface, "phone", action=action)

    async def places(self, request: Request, surface: Surface) -> Response:
        session = await self.web.session(request, surface)
        language = session.language if session else "fr"
        found = [
            {
                "name": p.name,
                "organization": p.organization,
                "address": p.address,
                "conditions": p.conditions,
                "hours": hours(p.windows, language),
            }
            for p in await list_places(self.web.db)
        ]
        return await self.sub_page(request, surface, "places", places=found)

    async def resources(self, request: Request, surface: Surface) -> Response:
        found = []
        for category in CATEGORIES:
            found += await resources_in_category(self.web.db, category, PER_CATEGORY)
        return await self.sub_page(request, surface, "resources", resources=found)

    async def resource(self, request: Request, surface: Surface) -> Response:
        resource = await get_resource(self.web.db, request.path_params["rid"])
        if resource is None:
            return pages.notice(self.web.i18n, wm.not_found(), "fr", 404, back=surface.base)
        session = await self.web.session(request, surface)
        english = session is not None and session.language == "en"
        record = resource.record
        description = record.description_en if english and record.description_en else None
        return await self.sub_page(
            request,
            surface,
            "resource",
            resource=resource,
            description=description or record.description,
            qr=segno.make(_qr_text(record), error="m").svg_data_uri(scale=6),
        )


def hours(windows: tuple[Window, ...], language: str) -> str:
    """Opening windows in the page's language: "lundi 13:00–16:00; mercredi 09:00–12:00"."""
    names = get_day_names("wide", locale="fr_CA" if language == "fr" else "en_CA")
    return "; ".join(f"{names[w.weekday]} {w.start:%H:%M}–{w.end:%H:%M}" for w in windows)


def _qr_text(record) -> str:
    """What the phone reads: the web address, else the number, else the name and address."""
    if record.url:
        return record.url
    if record.phone:
        return "tel:" + "".join(c for c in record.phone if c.isdigit() or c == "+")
    return f"{record.name}\n{record.address}".strip()
