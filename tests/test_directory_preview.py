"""Previewing a directory import (counts, refusals) without writing, then applying exactly it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.resources.importer import EXAMPLE_DIRECTORY
from bot.resources.preview import DirectoryChanged, apply_upload, preview_upload, safe_name
from storage.db import Database, open_database

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
HSDS1 = Path(__file__).parent / "fixtures" / "hsds" / "hsds1_1_sample_datapackage"
SMALL = (
    "name,category,phone,address,hours\n"
    'Épicerie solidaire,alimentation,514-555-0101,"8150, rue Hochelaga",mar 13:00-17:00\n'
    "Halte-chaleur,logement,,,\n"
).encode()


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        yield database


async def stored(db: Database) -> list[tuple]:
    return [tuple(r) for r in await db.fetchall("SELECT * FROM resources ORDER BY id")]


async def test_a_preview_counts_what_would_change_and_writes_nothing(db):
    preview = await preview_upload(db, SMALL, "quartier.csv")
    assert not preview.refused and preview.kind == "csv" and preview.source == "quartier"
    assert (preview.counts.added, preview.counts.updated, preview.counts.removed) == (2, 0, 0)
    assert preview.without_phone == 1 and preview.without_address == 1
    assert sum(preview.categories.values()) == 2
    assert await stored(db) == []


async def test_applying_the_preview_imports_exactly_it_and_a_second_preview_shows_no_change(db):
    preview = await preview_upload(db, SMALL, "quartier.csv")
    result = await apply_upload(db, SMALL, preview, now=NOW)
    assert result.source == "quartier" and result.counts == preview.counts
    assert len(await stored(db)) == 2
    again = await preview_upload(db, SMALL, "quartier.csv")
    assert (again.counts.added, again.counts.unchanged) == (0, 2)
    shorter = SMALL.rsplit(b"\n", 2)[0] + b"\n"  # the second line gone
    fewer = await preview_upload(db, shorter, "quartier.csv")
    assert (fewer.counts.removed, fewer.counts.unchanged) == (1, 1)


async def test_a_preview_made_before_the_directory_changed_is_not_applied(db):
    preview = await preview_upload(db, SMALL, "quartier.csv")
    await apply_upload(db, SMALL, preview, now=NOW)
    with pytest.raises(DirectoryChanged):
        await apply_upload(db, SMALL, preview, now=NOW)  # the same file now changes nothing


async def test_a_malformed_file_is_refused_naming_the_uploaded_file_line_and_field(db):
    bad = b"name,category\nEpicerie,alimentation\n,logement\n"
    preview = await preview_upload(db, bad, "../../etc/quartier.csv")
    assert preview.refused and preview.filename == "quartier.csv"
    assert str(preview.error) == "quartier.csv, line 3, field 'name': required value is empty"
    assert "relais-directory" not in str(preview.error)
    assert await stored(db) == []


async def test_an_hsds_zip_is_previewed_with_its_skipped_services(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(HSDS1.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(HSDS1).as_posix())
    preview = await preview_upload(db, buffer.getvalue(), "hsds.zip")
    assert not preview.refused and preview.kind == "hsds" and preview.source == "hsds"
    assert preview.counts.added > 0


async def test_the_example_directory_previews_as_its_lines(db):
    data = EXAMPLE_DIRECTORY.read_bytes()
    preview = await preview_upload(db, data, EXAMPLE_DIRECTORY.name)
    lines = [ln for ln in data.decode().splitlines()[2:] if ln.strip()]
    assert preview.counts.added == len(lines)


def test_safe_names_keep_no_path_and_only_csv_or_zip():
    assert safe_name("C:\\Users\\marie\\Répertoire 2026.CSV") == "Répertoire-2026.csv"
    assert safe_name("../x.zip") == "x.zip"
    assert safe_name("notes.txt") == "notes.csv"
    assert safe_name("...") == "repertoire.csv"
