"""/tableau/repertoire: the resource directory — its sources, and an import previewed first.

Upload a CSV or the zip of an HSDS package → `bot.resources.preview` reads it with the
importer's own code and plans the sync (added, updated, removed, unchanged; or the line and
field that refuse it) → "Appliquer" imports the kept file only if the plan is unchanged.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response

from bot.dashboard import pages
from bot.dashboard.admin_rota import ADMIN_CSS
from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import clean, form_of
from bot.resources.importer import EXAMPLE_SOURCE
from bot.resources.preview import (
    DirectoryChanged,
    DirectoryPreview,
    apply_upload,
    preview_upload,
)
from flows import dashboard_admin_messages as am
from flows.text import Text
from storage import audit
from storage import resources as resource_store

logger = logging.getLogger(__name__)


@require("coordinator")
async def directory_page(request: Request, actor: Actor) -> Response:
    """The sources and their counts; the upload form."""
    return await render_directory(request, actor)


async def render_directory(
    request: Request,
    actor: Actor,
    *,
    error: Text | None = None,
    done: Text | None = None,
    status: int = 200,
) -> Response:
    dash = pages.dashboard_of(request)
    language = pages.page_language(request, actor)
    sources = await resource_store.list_sources(dash.db)
    return pages.render(
        request, actor, "admin_directory.html", status=status,
        t=pages.strings(request, language, am.directory_page()), error=error, done=done,
        sources=sources, stylesheet=ADMIN_CSS,
        example_loaded=am.example_loaded(EXAMPLE_SOURCE)
        if any(name == EXAMPLE_SOURCE for name, _ in sources)
        else None,
    )  # fmt: skip


def _source(text: str) -> str | None:
    name = clean(text, 80)
    return name or None


@require("coordinator")
async def preview(request: Request, actor: Actor) -> Response:
    """The uploaded file's counts, or why it is refused; nothing written."""
    dash = pages.dashboard_of(request)
    form = form_of(request)
    upload = form.files.get("fichier")
    if upload is None or not upload.data.strip():
        return await render_directory(request, actor, error=am.no_file(), status=400)
    found = await preview_upload(
        dash.db, upload.data, upload.filename, source=_source(form.get("source"))
    )
    key = (
        ""
        if found.refused
        else dash.uploads.keep(actor.session_id, found.filename, upload.data, dash.clock())
    )
    return preview_page(request, actor, found, key, status=400 if found.refused else 200)


def preview_page(
    request: Request,
    actor: Actor,
    found: DirectoryPreview,
    key: str,
    *,
    notice: Text | None = None,
    status: int = 200,
) -> Response:
    language = pages.page_language(request, actor)
    c = found.counts
    return pages.render(
        request, actor, "admin_directory_preview.html", status=status,
        t=pages.strings(request, language, am.directory_preview_page()), found=found, key=key,
        notice=notice, stylesheet=ADMIN_CSS,
        summary=None if found.refused else am.directory_summary(
            found.source, c.added, c.updated, c.removed, c.unchanged
        ),
        kind=am.kind_name(found.kind) if found.kind else None,
        categories=[(am.category_name(k), n) for k, n in found.categories.items()],
    )  # fmt: skip


@require("coordinator")
async def apply(request: Request, actor: Actor) -> Response:
    """Import the previewed file if the directory did not change since the preview."""
    dash = pages.dashboard_of(request)
    form = form_of(request)
    key = form.get("cle")
    kept = dash.uploads.get(actor.session_id, key, dash.clock())
    if kept is None:
        return await render_directory(request, actor, error=am.preview_expired(), status=410)
    shown = DirectoryPreview(kept.filename, form.get("source"), digest=form.get("empreinte"))
    try:
        result = await apply_upload(dash.db, kept.data, shown, now=dash.clock())
    except DirectoryChanged:
        again = await preview_upload(dash.db, kept.data, kept.filename, source=shown.source)
        return preview_page(request, actor, again, key, notice=am.directory_moved(), status=409)
    dash.uploads.drop(actor.session_id, key)
    async with dash.db.transaction() as conn:
        await audit.log(
            conn, dash.clock(), f"worker:{actor.worker.id}", "resources.imported", None,
            f"source:{result.source}",
        )  # fmt: skip
    c = result.counts
    done = am.directory_imported(result.source, c.added, c.updated, c.removed, c.unchanged)
    return await render_directory(request, actor, done=done)
