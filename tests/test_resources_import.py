"""Importing resource directories: HSDS 3.0 and 1.1 datapackages, zips, simple CSVs, re-imports."""

from __future__ import annotations

import csv
import logging
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.resources.importer import (
    EXAMPLE_SOURCE,
    DirectoryError,
    example_directory_in_use,
    import_directory,
    load_example_directory,
)
from storage.db import Database, open_database
from tests.conftest import run_cli

HSDS = Path(__file__).parent / "fixtures" / "hsds"
HSDS3 = HSDS / "hsds3_spec_examples"
HSDS1 = HSDS / "hsds1_1_sample_datapackage"
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        yield database


async def run(db: Database, *argv: str) -> tuple[int, str]:
    """Run `relais resources …` as the coordinator would; return the code and the output."""
    return await run_cli(db, "resources", *argv, now=NOW, locale="en")  # French: test_cli_output


async def rows(db: Database) -> list[tuple]:
    """Everything the directory holds, to compare before and after."""
    found = await db.fetchall("SELECT * FROM resources ORDER BY id")
    return [tuple(row) for row in found]


async def by_name(db: Database, name: str):
    return await db.fetchone("SELECT * FROM resources WHERE name = ?", (name,))


def copy_package(source: Path, tmp_path: Path, name: str = "directory") -> Path:
    target = tmp_path / name
    shutil.copytree(source, target)
    return target


def edit_csv(path: Path, change) -> None:
    """Rewrite one CSV through `change(rows) -> rows` (header first)."""
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(change(table))


async def test_hsds3_spec_example_is_imported_despite_its_oddities(db):
    code, out = await run(db, "import", str(HSDS3))
    assert code == 0
    assert "hsds3_spec_examples (hsds): 1 added, 0 updated, 0 removed" in out
    row = await by_name(db, "Community Counselling")
    assert row["organization"] == "Example Organization Inc."
    assert row["phone"] == "+44 1234 234567 #100"  # the literal quotes of the example are gone
    assert row["address"] == "1-30 Main Street, MyVillage, MyCity"
    assert row["latitude"] is None and row["longitude"] is None  # 100, 101 are not on Earth
    assert row["category"] == "health"
    assert row["url"] == "http://example.com/counselling"
    assert row["languages"] == "Urdu"


async def test_hsds1_datapackage_json_path_leaves_out_inactive_services(db, caplog):
    caplog.set_level(logging.INFO)  # log records must build (no clash with LogRecord fields)
    code, out = await run(db, "import", str(HSDS1 / "datapackage.json"))
    assert code == 0
    assert "10 added" in out and "Left out 3 inactive" in out
    assert await by_name(db, "Food Safety Program") is None  # status inactive
    helpline = await by_name(db, "Never Homeless Helpline")
    assert helpline["category"] == "housing"
    assert helpline["address"] == "Address 1, Address 2, New York City"
    assert (await by_name(db, "Meals To-Go at The Cross"))["phone"] == "(223) 346 12361"
    assert (await by_name(db, "Bubbles at The Cross"))["phone"] == "(773) 2351 2461"
    assert (await by_name(db, "Yound Minds"))["latitude"] == pytest.approx(39.428192)
    assert {"resources.sync", "resources.imported"} <= set(caplog.messages)


async def test_a_zip_with_the_package_in_a_subfolder_is_imported(db, tmp_path):
    archive = tmp_path / "exemple-hsds.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in HSDS1.iterdir():
            zipped.write(file, f"export/{file.name}")
    result = await import_directory(db, archive, now=NOW)
    assert (result.source, result.kind, result.counts.added) == ("exemple-hsds", "hsds", 10)
    assert await by_name(db, "The City's Kitchen") is not None


async def test_a_malformed_service_refuses_the_whole_import_and_names_line_and_field(db, tmp_path):
    folder = copy_package(HSDS1, tmp_path)
    assert (await run(db, "import", str(folder)))[0] == 0
    before = await rows(db)

    def blank_kitchen_name(table):
        for row in table:
            if row[3] == "Shop Assist":
                row[0] = "NEW-ID"  # would be an addition…
            if row[3] == "The City's Kitchen":
                row[3] = ""  # …but this line is broken
        return table

    edit_csv(folder / "services.csv", blank_kitchen_name)
    lines = (folder / "services.csv").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("756b5a9d"))
    code, out = await run(db, "import", str(folder))
    assert code == 2
    assert f"services.csv, line {line}, field 'name': required value is empty" in out
    assert "nothing was imported" in out
    assert await rows(db) == before


@pytest.mark.parametrize(
    ("body", "line", "field", "message"),
    [
        ('A,desc,food\nB,"desc,food,extra\n', 3, None, "broken CSV"),
        ("A,desc,food\nB,desc,food,x,y\n", 3, None, "5 fields where the header has 3"),
        ("A,desc,food\n,desc,food\n", 3, "name", "required value is empty"),
        ("A,desc,food\nA,other,food\n", 3, "name", "same name and address as line 2"),
    ],
)
async def test_a_malformed_simple_csv_is_refused_whole(db, tmp_path, body, line, field, message):
    path = tmp_path / "repertoire.csv"
    path.write_text("name,description,category\n" + body, encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        await import_directory(db, path, now=NOW)
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
    assert message in str(caught.value)
    assert await rows(db) == []


async def test_a_bad_coordinate_is_refused_with_its_line_after_comment_lines(db, tmp_path):
    path = tmp_path / "repertoire.csv"
    path.write_text(
        "# comment\n# another\nname,latitude,longitude\nA,45.5,-73.5\nB,quarante,-73.5\n",
        encoding="utf-8",
    )
    code, out = await run(db, "import", str(path))
    assert code == 2
    assert "line 5, field 'latitude': 'quarante' is not a number" in out


async def test_reimport_updates_in_place_and_removes_what_disappeared(db, tmp_path):
    folder = copy_package(HSDS1, tmp_path)
    await import_directory(db, folder, now=NOW)
    helpline_id = (await by_name(db, "Never Homeless Helpline"))["id"]

    def change(table):
        kept = [row for row in table if row[3] != "Shop Assist"]
        for row in kept:
            if row[3] == "Never Homeless Helpline":
                row[5] = "Aide au logement d'urgence."
        return kept

    edit_csv(folder / "services.csv", change)
    code, out = await run(db, "import", str(folder))
    assert code == 0
    assert "1 added" not in out
    assert "0 added, 1 updated, 1 removed, 8 unchanged" in out
    helpline = await by_name(db, "Never Homeless Helpline")
    assert (
        helpline["id"] == helpline_id and helpline["description"] == "Aide au logement d'urgence."
    )
    assert await by_name(db, "Shop Assist") is None


async def test_simple_csv_reimport_keeps_ids_from_name_and_address(db, tmp_path):
    path = tmp_path / "quartier.csv"
    header = "name,description,category,phone,address,hours,url,languages\n"
    path.write_text(
        header + "Épicerie,Aliments,food,514-555-0100,1 rue A,,,fr\n"
        "Clinique,Droits,legal,514-555-0101,2 rue B,,,fr\n",
        encoding="utf-8",
    )
    await import_directory(db, path, now=NOW)
    first_id = (await by_name(db, "Épicerie"))["id"]
    path.write_text(
        header + "ÉPICERIE,Aliments,food,514-555-0199,1 rue A,,,fr\n"
        "Halte,Chaleur,housing,514-555-0102,3 rue C,,,fr\n",
        encoding="utf-8",
    )
    result = await import_directory(db, path, now=NOW)
    assert (result.counts.added, result.counts.updated, result.counts.removed) == (1, 1, 1)
    renamed = await by_name(db, "ÉPICERIE")
    assert renamed["id"] == first_id and renamed["phone"] == "514-555-0199"
    assert await by_name(db, "Clinique") is None


async def test_each_source_is_replaced_alone(db, tmp_path):
    await load_example_directory(db, NOW)
    example = await rows(db)
    await import_directory(db, HSDS3, now=NOW)
    code, out = await run(db, "import", str(HSDS3))
    assert code == 0 and "0 added, 0 updated, 0 removed, 1 unchanged" in out
    assert f"relais resources remove {EXAMPLE_SOURCE}" in out
    assert [r for r in await rows(db) if r[1] == EXAMPLE_SOURCE] == example


async def test_example_directory_loads_only_into_an_empty_directory(db):
    result = await load_example_directory(db, NOW)
    assert result is not None and result.source == EXAMPLE_SOURCE
    assert 15 <= result.counts.added <= 25
    assert await example_directory_in_use(db)
    assert await load_example_directory(db, NOW) is None
    found = await db.fetchall("SELECT phone, category, description FROM resources")
    for row in found:
        assert re.fullmatch(r"514-555-01\d\d|211|811", row["phone"]), row["phone"]
        assert row["description"]
    expected = {"food", "housing", "health", "seniors", "families", "employment", "legal"}
    assert expected <= {row["category"] for row in found}


async def test_example_directory_is_not_loaded_over_a_real_one(db):
    await import_directory(db, HSDS3, now=NOW)
    assert await load_example_directory(db, NOW) is None
    assert not await example_directory_in_use(db)


async def test_a_datapackage_listing_a_missing_table_is_refused(db, tmp_path):
    folder = copy_package(HSDS3, tmp_path)
    (folder / "phones.csv").unlink()
    code, out = await run(db, "import", str(folder))
    assert code == 2 and "phones.csv: listed in datapackage.json but missing" in out


async def test_a_folder_without_datapackage_is_read_by_file_names(db, tmp_path):
    folder = tmp_path / "loose"
    folder.mkdir()
    for name in ("services.csv", "organizations.csv", "regular_schedules.csv"):
        shutil.copy(HSDS1 / name, folder / name)
    result = await import_directory(db, folder, now=NOW)
    assert result.counts.added == 10  # no locations table: one resource per active service
    helpline = await by_name(db, "Never Homeless Helpline")
    assert '"opens": "09:00"' in helpline["schedule"]


async def test_a_bad_weekday_and_a_missing_path_are_named(db, tmp_path):
    folder = copy_package(HSDS1, tmp_path)

    def bad_day(table):
        table[2][4] = "huit"
        return table

    edit_csv(folder / "regular_schedules.csv", bad_day)
    code, out = await run(db, "import", str(folder))
    assert code == 2 and "regular_schedules.csv, line 3, field 'weekday'" in out
    code, out = await run(db, "import", str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in out


async def test_sources_and_remove(db):
    await load_example_directory(db, NOW)
    code, out = await run(db, "sources")
    assert code == 0 and f"{EXAMPLE_SOURCE}: 21 resources  (fictitious example)" in out
    code, out = await run(db, "remove", EXAMPLE_SOURCE)
    assert code == 0 and "Removed 21 resources" in out
    assert (await run(db, "remove", EXAMPLE_SOURCE))[0] == 2
