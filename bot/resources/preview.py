"""A directory import shown before it is made: what it would add, update and remove, or why not.

The dashboard's import page receives a file (a CSV or a zip of an HSDS package), previews it
here with the importer's own reading and sync plan (nothing is written), and applies it only
if the plan is still the one previewed (`digest`): a directory changed in between is previewed
again rather than imported blind.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePath

from bot.resources.importer import DirectoryError, ImportResult, import_directory, read_directory
from storage.db import Database
from storage.resources import SyncCounts, plan_sync

UPLOAD_SUFFIXES = (".csv", ".zip")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class DirectoryPreview:
    """The outcome of reading a file: counts and a digest, or the error that refuses it."""

    filename: str
    source: str
    kind: str = ""  # "hsds" or "csv"; "" when refused
    counts: SyncCounts = field(default_factory=SyncCounts)
    skipped: int = 0  # inactive or defunct services left out
    categories: dict[str, int] = field(default_factory=dict)
    without_phone: int = 0
    without_address: int = 0
    error: DirectoryError | None = None
    digest: str = ""

    @property
    def refused(self) -> bool:
        return self.error is not None


def safe_name(filename: str) -> str:
    """The upload's base name reduced to letters, digits, `.`, `-` and `_` (no path)."""
    name = _UNSAFE.sub("-", PurePath(filename.replace("\\", "/")).name).strip(".-")
    stem, suffix = PurePath(name).stem[:60] or "repertoire", PurePath(name).suffix.lower()
    return stem + (suffix if suffix in UPLOAD_SUFFIXES else ".csv")


def _read(data: bytes, filename: str):
    with tempfile.TemporaryDirectory(prefix="relais-directory-") as folder:
        path = Path(folder) / filename
        path.write_bytes(data)
        kind, default_source, records, skipped = read_directory(path)
    return kind, default_source, records, skipped


async def preview_upload(
    db: Database, data: bytes, filename: str, *, source: str | None = None
) -> DirectoryPreview:
    """Read an uploaded directory file and plan its sync; nothing is written."""
    name = safe_name(filename)
    try:
        kind, default_source, records, skipped = await asyncio.to_thread(_read, data, name)
    except DirectoryError as exc:
        shown = DirectoryError(_shown(exc.file, name), exc.message, exc.line, exc.field)
        return DirectoryPreview(name, source or PurePath(name).stem, error=shown)
    target = source or default_source
    plan = await plan_sync(db, target, records)
    digest = hashlib.sha256(
        "\n".join(
            [target, *sorted(repr(r) for r in plan.writes), "--", *sorted(plan.gone)]
        ).encode()
    ).hexdigest()
    return DirectoryPreview(
        filename=name,
        source=target,
        kind=kind,
        counts=plan.counts,
        skipped=skipped,
        categories=dict(sorted(Counter(r.category for r in records).items())),
        without_phone=sum(1 for r in records if not r.phone),
        without_address=sum(1 for r in records if not r.address),
        digest=digest,
    )


def _shown(file: str, name: str) -> str:
    """The file as the coordinator named it, not the temporary folder it was read from."""
    marker = file.find(name)
    return file[marker:] if marker >= 0 else name


class DirectoryChanged(RuntimeError):
    """The directory or the file is not the one previewed: preview again."""


async def apply_upload(
    db: Database, data: bytes, preview: DirectoryPreview, *, now: datetime
) -> ImportResult:
    """Import the previewed file if its plan is unchanged; DirectoryChanged otherwise."""
    again = await preview_upload(db, data, preview.filename, source=preview.source)
    if again.refused or again.digest != preview.digest:
        raise DirectoryChanged("the directory changed since the preview")
    with tempfile.TemporaryDirectory(prefix="relais-directory-") as folder:
        path = Path(folder) / preview.filename
        await asyncio.to_thread(path.write_bytes, data)
        return await import_directory(db, path, now=now, source=preview.source)
