"""/tableau/lieux: welcoming places lent by the organizations — list, add or update, withdraw.

Reuses storage/places.py as `relais places` does: a place is known by its organization and
name (saving it again updates it and offers it again); withdrawing cancels its upcoming
meetings "not yet notified", and the running bot tells both sides at its next sweep.
"""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.dashboard import admin_format as fmt
from bot.dashboard import pages
from bot.dashboard.admin_rota import ADMIN_CSS
from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import clean, form_of
from flows import dashboard_admin_messages as am
from flows.text import Text
from storage import audit
from storage import places as place_store
from storage.places import Place, Window, parse_windows


def windows_text(windows: tuple[Window, ...], language: str) -> str:
    """ "lundi 9 h – 12 h; mercredi 13 h – 16 h" in the page's language."""
    days = fmt.weekday_names(language)
    return "; ".join(
        f"{days[w.weekday]} {fmt.hour_span(w.start, w.end, language)}" for w in windows
    )


@require("coordinator")
async def places_page(request: Request, actor: Actor) -> Response:
    """The places on offer (withdrawn ones with ?tous=1) and the form to add one."""
    return await render_places(request, actor)


async def render_places(
    request: Request, actor: Actor, *, error: Text | None = None, status: int = 200
) -> Response:
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    everything = request.query_params.get("tous") == "1"
    places = await place_store.list_places(dash.db, include_withdrawn=everything)
    done = {"ajoute": am.place_saved, "retire": am.place_withdrawn}.get(
        request.query_params.get("fait", "")
    )
    fields = form_of(request).fields
    return pages.render(
        request, actor, "admin_places.html", status=status,
        t=pages.strings(request, language, am.places_page()), error=error, everything=everything,
        places=[_row(p, dash, language) for p in places], done=done() if done else None,
        typed=fields, stylesheet=ADMIN_CSS,
    )  # fmt: skip


def _row(place: Place, dash, language: str) -> dict:
    gone = place.withdrawn_at
    return {
        "place": place,
        "windows": windows_text(place.windows, language),
        "withdrawn": am.withdrawn_on(fmt.long_day(gone.astimezone(dash.timezone).date(), language))
        if gone
        else None,
    }


@require("coordinator")
async def add_place(request: Request, actor: Actor) -> Response:
    """Add a place, or update the one with that organization and name."""
    dash = pages.dashboard_of(request)
    fields = form_of(request)
    org, name = clean(fields.get("organisme"), 120), clean(fields.get("nom"), 120)
    if not org or not name:
        return await render_places(request, actor, error=am.place_needs_names(), status=400)
    try:
        windows = parse_windows(clean(fields.get("plages"), 400))
        if not windows:
            raise ValueError("no window")
        async with dash.db.transaction() as conn:
            place_id, _created = await place_store.save_place(
                conn, organization=org, name=name, address=clean(fields.get("adresse"), 200),
                windows=windows, conditions=clean(fields.get("conditions"), 400), now=dash.clock(),
            )  # fmt: skip
            await audit.log(
                conn, dash.clock(), f"worker:{actor.worker.id}", "place.saved", None,
                f"place:{place_id}",
            )  # fmt: skip
    except ValueError:
        return await render_places(request, actor, error=am.bad_windows(), status=400)
    return pages.secure(RedirectResponse("/tableau/lieux?fait=ajoute", status_code=303))


async def _place(request: Request) -> Place | None:
    dash = pages.dashboard_of(request)
    key = str(request.path_params.get("place_id", ""))
    found = await place_store.find_places(dash.db, key) if key.isdigit() else []
    return found[0] if found else None


async def _upcoming(dash, place: Place) -> int:
    now = dash.clock()
    found = await place_store.appointments_at(dash.db, place.id, now, now + timedelta(days=3660))
    return sum(1 for a in found if a.starts_at > now)


@require("coordinator")
async def confirm_withdraw(request: Request, actor: Actor) -> Response:
    """What withdrawing this place does to its upcoming meetings."""
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    place = await _place(request)
    if place is None:
        return pages.notice(request, actor, am.no_such_place(), 404)
    return pages.render(
        request, actor, "admin_withdraw.html",
        t=pages.strings(request, language, am.withdraw_page()), place=place,
        consequence=am.withdraw_consequence(await _upcoming(dash, place)), stylesheet=ADMIN_CSS,
    )  # fmt: skip


@require("coordinator")
async def withdraw(request: Request, actor: Actor) -> Response:
    """Stop offering the place; its upcoming meetings are cancelled and both sides told."""
    dash = pages.dashboard_of(request)
    place = await _place(request)
    if place is None:
        return pages.notice(request, actor, am.no_such_place(), 404)
    async with dash.db.transaction() as conn:
        await place_store.withdraw_place(conn, place.id, dash.clock())
        await audit.log(
            conn, dash.clock(), f"worker:{actor.worker.id}", "place.withdrawn", None,
            f"place:{place.id}",
        )  # fmt: skip
    return pages.secure(RedirectResponse("/tableau/lieux?fait=retire", status_code=303))
