"""Load a resource directory, all or nothing: an Open Referral HSDS datapackage or a simple CSV.

HSDS: a Tabular Data Package (`datapackage.json` + CSV tables) of HSDS 3.0 or of the older
1.x/2.x layout (`physical_addresses`, `regular_schedules` with weekday numbers 1 = Monday …
7 = Sunday, `services_taxonomy`), given as its folder, its `datapackage.json`, or a zip. A folder
without `datapackage.json` is read by its file names (`services.csv` …). One resource is made per
service at a location (or per service that has no location); inactive and defunct services are
left out. Locations with impossible coordinates keep no coordinates.

Simple CSV: a header row with `name` and any of `description`, `description_en`, `category`,
`phone`, `address`, `hours`, `url`, `languages`, `latitude`, `longitude` (other columns are
ignored; lines starting with `#` before the header are comments). `hours` written like
`lun-ven 9:00-17:00; sam 10:00-12:00` becomes a schedule, anything else stays free text.
A line's id is derived from its name and address, so a re-import updates it in place.

Every import replaces what its source (the folder, zip or CSV name, or `source=`) held before.
Any malformed table refuses the whole import with a DirectoryError naming file, line and field.
"""

from __future__ import annotations

import asyncio
import copy
import csv
import hashlib
import io
import json
import logging
import re
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath

from bot.resources.search import classify, fold, index_fields
from storage.db import Database
from storage.places import DAYS, parse_windows
from storage.resources import (
    ResourceRecord,
    SyncCounts,
    count_resources,
    delete_records,
    log_sync,
    plan_sync,
    write_records,
)

logger = logging.getLogger(__name__)

EXAMPLE_DIRECTORY = Path(__file__).with_name("data") / "mercier_est_example.csv"
EXAMPLE_SOURCE = EXAMPLE_DIRECTORY.stem
_MAX_FILE = 50_000_000
STEP_SECONDS = 0.1  # one import transaction holds the database about this long…
STEP_PAUSE = 0.1  # …then lets go this long: SQLite's waiters retry at least every 0.1 s
STEP_ROWS = 100
_FILE_TABLES = {
    "organizations": "organization", "services": "service", "locations": "location",
    "service_at_location": "service_at_location", "services_at_location": "service_at_location",
    "phones": "phone", "addresses": "address", "physical_addresses": "physical_address",
    "postal_addresses": "postal_address", "schedules": "schedule",
    "regular_schedules": "regular_schedule", "holiday_schedules": "holiday_schedule",
    "taxonomy": "taxonomy", "taxonomies": "taxonomy", "taxonomy_terms": "taxonomy_term",
    "attributes": "attribute", "service_attributes": "service_attribute",
    "services_taxonomy": "service_taxonomy", "languages": "language",
}  # fmt: skip
_TABLES = set(_FILE_TABLES.values())
_INACTIVE = {"inactive", "defunct", "temporarily closed"}


class DirectoryError(ValueError):
    """A file that cannot be imported, with where: `file, line N, field 'x': message`."""

    def __init__(self, file: str, message: str, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.message = file, line, field, message
        where = (
            [file] + ([f"line {line}"] if line else []) + ([f"field '{field}'"] if field else [])
        )
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass(frozen=True)
class Row:
    """One CSV record and the line it starts on."""

    line: int
    values: dict[str, str]

    def get(self, name: str) -> str:
        """The value of a column, stripped; "" when the column is absent."""
        return (self.values.get(name) or "").strip()


@dataclass(frozen=True)
class Table:
    """A parsed CSV file."""

    label: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]

    def fail(self, row: Row | None, field: str | None, message: str) -> DirectoryError:
        """The error to raise for this row (the header line when None) and field."""
        return DirectoryError(self.label, message, row.line if row else 1, field)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: its source name, kind ("hsds" or "csv") and counts."""

    source: str
    kind: str
    counts: SyncCounts
    skipped: int = 0


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheets in Québec often save."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv(text: str, label: str) -> Table:
    """Parse CSV text strictly; leading `#` comment lines are skipped but still counted."""
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and (not lines[skip].strip() or lines[skip].startswith("#")):
        skip += 1
    reader = csv.reader(io.StringIO("".join(lines[skip:]), newline=""), strict=True)
    header: tuple[str, ...] = ()
    rows: list[Row] = []
    last = 0
    try:
        for record in reader:
            start, last = skip + last + 1, reader.line_num
            if not header:
                header = tuple(name.strip().lower() for name in record)
                if len(set(header)) != len(header):
                    raise DirectoryError(label, "a column name appears twice", start)
            elif any(value.strip() for value in record):
                rows.append(_row(label, header, record, start))
    except csv.Error as exc:
        raise DirectoryError(label, f"broken CSV ({exc})", skip + last + 1) from None
    if not header:
        raise DirectoryError(label, "empty file: no header row")
    return Table(label, header, tuple(rows))


def _row(label: str, header: tuple[str, ...], record: list[str], line: int) -> Row:
    while len(record) > len(header) and not record[-1].strip():
        record = record[:-1]  # trailing empty cells, as spreadsheets write them
    if len(record) != len(header):
        raise DirectoryError(
            label, f"{len(record)} fields where the header has {len(header)}", line
        )
    return Row(line, dict(zip(header, record, strict=True)))


# --- reading the files -----------------------------------------------------------------


def _zip_files(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [
                i for i in archive.infolist() if not i.is_dir() and "__MACOSX" not in i.filename
            ]
            if any(i.file_size > _MAX_FILE for i in infos):
                raise DirectoryError(str(path), "a file in the archive is too large")
            return {
                i.filename: archive.read(i)
                for i in infos
                if i.filename.lower().endswith((".csv", ".json"))
            }
    except zipfile.BadZipFile:
        raise DirectoryError(str(path), "not a readable zip archive") from None


def _folder_files(folder: Path) -> dict[str, bytes]:
    """The CSV and JSON files of a folder and its subfolders (a package may keep data/ apart)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.suffix.lower() in {".csv", ".json"} and p.is_file() and p.stat().st_size <= _MAX_FILE
    }


def _rebase(files: dict[str, bytes], name: str) -> dict[str, bytes] | None:
    """Files relative to the shallowest folder holding `name`, or None if none does."""
    holders = sorted((f for f in files if PurePosixPath(f).name == name), key=len)
    if not holders:
        return None
    base = str(PurePosixPath(holders[0]).parent)
    prefix = "" if base == "." else base + "/"
    return {f[len(prefix) :]: data for f, data in files.items() if f.startswith(prefix)}


def _package_tables(files: dict[str, bytes], label: str) -> dict[str, Table]:
    """Parse the HSDS tables we use, found through datapackage.json or by file name."""
    entries: list[tuple[str, str]] = []
    if "datapackage.json" in files:
        try:
            meta = json.loads(decode(files["datapackage.json"]))
        except json.JSONDecodeError as exc:
            where = f"{label}datapackage.json"
            raise DirectoryError(where, f"not JSON ({exc.msg})", exc.lineno) from None
        for res in meta.get("resources", []) if isinstance(meta, dict) else []:
            path = res.get("path")
            path = path[0] if isinstance(path, list) and path else path
            name = str(res.get("name", ""))
            if isinstance(path, str):
                entries.append((_FILE_TABLES.get(name, name), path))
    else:
        entries = [(_FILE_TABLES[Path(f).stem], f) for f in files if Path(f).stem in _FILE_TABLES]
    tables: dict[str, Table] = {}
    for table, path in entries:
        if table not in _TABLES or table in tables:
            continue
        if path.startswith(("/", "\\")) or ".." in PurePosixPath(path).parts:
            raise DirectoryError(f"{label}datapackage.json", f"unsafe path {path!r}")
        if path not in files:
            raise DirectoryError(f"{label}{path}", "listed in datapackage.json but missing")
        tables[table] = read_csv(decode(files[path]), f"{label}{path}")
    if "service" not in tables:
        raise DirectoryError(label.rstrip("/:") or ".", "no services table found")
    return tables


def read_directory(path: Path) -> tuple[str, str, list[ResourceRecord], int]:
    """Read any supported directory: (kind, default source name, records, skipped services)."""
    path = Path(path)
    if not path.exists():
        raise DirectoryError(str(path), "no such file or folder")
    if path.is_dir():
        files, label, source = _folder_files(path), f"{path}/", path.name
    elif path.name == "datapackage.json":
        files, label, source = _folder_files(path.parent), f"{path.parent}/", path.parent.name
    elif path.suffix.lower() == ".zip":
        files, label, source = _zip_files(path), f"{path}:", path.stem
    else:
        table = read_csv(decode(path.read_bytes()), str(path))
        return "csv", path.stem, [index_fields(r) for r in csv_records(table)], 0
    package = _rebase(files, "datapackage.json") or _rebase(files, "services.csv")
    if package is None:
        csvs = [f for f in files if f.lower().endswith(".csv")]
        if path.suffix.lower() == ".zip" and len(csvs) == 1:
            table = read_csv(decode(files[csvs[0]]), f"{label}{csvs[0]}")
            return "csv", source, [index_fields(r) for r in csv_records(table)], 0
        raise DirectoryError(str(path), "no datapackage.json, services.csv or single CSV found")
    records, skipped = hsds_records(_package_tables(package, label))
    return "hsds", source, [index_fields(r) for r in records], skipped


async def import_directory(
    db: Database, path: str | Path, *, now: datetime, source: str | None = None
) -> ImportResult:
    """Read `path` (refusing it whole if malformed), then sync its source in short steps.

    Each step is a transaction of about STEP_SECONDS, with a pause after it: the bot's
    webhooks, waiting for the same database, get in between (a 60,000-row import in one
    transaction held them for 15 s). Interrupted, an import leaves part of the new rows in
    place; running it again completes it.
    """
    if Path(path) == EXAMPLE_DIRECTORY:
        kind, default_source, records, skipped = copy.deepcopy(_example_directory())
    else:
        read = await asyncio.to_thread(read_directory, Path(path))
        kind, default_source, records, skipped = read
    name = source or default_source
    plan = await plan_sync(db, name, records)
    await _in_steps(db, plan.writes, lambda conn, part: write_records(conn, name, part, now))
    await _in_steps(db, plan.gone, lambda conn, part: delete_records(conn, name, part))
    log_sync(name, plan.counts)
    logger.info("resources.imported", extra={"source": name, "kind": kind, "rows": len(records)})
    return ImportResult(name, kind, plan.counts, skipped)


async def _in_steps(db: Database, items: list, apply) -> None:
    """Apply `items` in transactions of about STEP_SECONDS each, pausing between them."""
    done = 0
    while done < len(items):
        async with db.transaction() as conn:
            started = time.monotonic()
            while done < len(items) and time.monotonic() - started < STEP_SECONDS:
                await apply(conn, items[done : done + STEP_ROWS])
                done += STEP_ROWS
        if done < len(items):
            await asyncio.sleep(STEP_PAUSE)


@lru_cache(maxsize=1)
def _example_directory() -> tuple[str, str, list[ResourceRecord], int]:
    """The example directory read once per process (~9 ms, and every new database gets it):
    it ships with the package and does not change while the bot runs."""
    return read_directory(EXAMPLE_DIRECTORY)


async def load_example_directory(db: Database, now: datetime) -> ImportResult | None:
    """Import the Mercier-Est example directory if the directory is empty; None otherwise."""
    if await count_resources(db):
        return None
    return await import_directory(db, EXAMPLE_DIRECTORY, now=now)


async def example_directory_in_use(db: Database) -> bool:
    """Whether the fictitious example directory is still loaded (to warn the coordinator)."""
    row = await db.fetchone("SELECT 1 FROM resources WHERE source = ? LIMIT 1", (EXAMPLE_SOURCE,))
    return row is not None


# --- field checks ----------------------------------------------------------------------


def _required(table: Table, row: Row, field: str) -> str:
    value = row.get(field)
    if not value:
        raise table.fail(row, field, "required value is empty")
    return value


def _float(table: Table, row: Row, field: str) -> float | None:
    value = row.get(field)
    try:
        return float(value) if value else None
    except ValueError:
        raise table.fail(row, field, f"'{value}' is not a number") from None


def _coordinates(table: Table, row: Row) -> tuple[float | None, float | None]:
    lat, lon = _float(table, row, "latitude"), _float(table, row, "longitude")
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        if lat is not None or lon is not None:
            logger.warning("resources.coordinates_ignored", extra={"line": row.line})
        return None, None
    return lat, lon


def _time(table: Table, row: Row, field: str) -> str | None:
    value = row.get(field)
    found = re.match(r"^(\d{1,2}):(\d{2})", value)
    if not value:
        return None
    if not found or int(found[1]) > 24 or int(found[2]) > 59:
        raise table.fail(row, field, f"'{value}' is not a time (HH:MM)")
    return "23:59" if found[1] == "24" else f"{int(found[1]):02d}:{found[2]}"


def _date(table: Table, row: Row, field: str) -> str | None:
    value = row.get(field)
    try:
        return date.fromisoformat(value[:10]).isoformat() if value else None
    except ValueError:
        raise table.fail(row, field, f"'{value}' is not a date (YYYY-MM-DD)") from None


def _ints(table: Table, row: Row, field: str) -> list[int]:
    items = [item.strip() for item in row.get(field).split(",") if item.strip()]
    if not all(re.fullmatch(r"[+-]?\d+", item) for item in items):
        raise table.fail(row, field, f"'{row.get(field)}' is not a list of numbers")
    return [int(item) for item in items]


def _weekday(table: Table, row: Row) -> str:
    value = fold(_required(table, row, "weekday"))
    if value.isdigit() and int(value) <= 7:
        return ("SU", "MO", "TU", "WE", "TH", "FR", "SA", "SU")[int(value)]
    if value in DAYS:
        return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[DAYS[value]]
    raise table.fail(row, "weekday", f"'{row.get('weekday')}' is not a weekday (1 = Monday … 7)")


def _flag(table: Table, row: Row, field: str) -> bool:
    value = fold(row.get(field))
    if value in {"true", "1", "yes", "oui", "t", "y"}:
        return True
    if value in {"false", "0", "no", "non", "f", "n", ""}:
        return False
    raise table.fail(row, field, f"'{row.get(field)}' is not true or false")


def _unique(table: Table | None, required: tuple[str, ...] = ()) -> dict[str, Row]:
    """Rows by id; every id present and unique, the `required` fields filled."""
    if table is None:
        return {}
    for field in ("id", *required):
        if field not in table.header:
            raise table.fail(None, field, "missing column")
    found: dict[str, Row] = {}
    for row in table.rows:
        key = _required(table, row, "id")
        for field in required:
            _required(table, row, field)
        if key in found:
            raise table.fail(row, "id", f"same id as line {found[key].line}")
        found[key] = row
    return found


def _clean(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


# --- HSDS --------------------------------------------------------------------------------


def _schedule_rules(tables: dict[str, Table]) -> list[tuple[str, str, str, dict]]:
    """(service_at_location id, service id, location id, rule) for every schedule row."""
    found = []
    for name in ("schedule", "regular_schedule", "holiday_schedule"):
        table = tables.get(name)
        for row in table.rows if table else ():
            rule: dict = {
                "opens": _time(table, row, "opens_at"), "closes": _time(table, row, "closes_at"),
                "freq": row.get("freq").upper(),
                "interval": (_ints(table, row, "interval") or [1])[0],
                "byday": [d.strip() for d in row.get("byday").split(",") if d.strip()],
                "bymonthday": _ints(table, row, "bymonthday"),
                "byweekno": _ints(table, row, "byweekno"),
                "byyearday": _ints(table, row, "byyearday"),
                "dtstart": _date(table, row, "dtstart"), "until": _date(table, row, "until"),
                "valid_from": _date(table, row, "valid_from"),
                "valid_to": _date(table, row, "valid_to"),
            }  # fmt: skip
            if name == "regular_schedule" and row.get("weekday"):
                rule["byday"] = [_weekday(table, row)]
            if name == "holiday_schedule":
                rule.update(holiday=True, closed=_flag(table, row, "closed"),
                            valid_from=_date(table, row, "start_date"),
                            valid_to=_date(table, row, "end_date"))  # fmt: skip
            ids = (row.get("service_at_location_id"), row.get("service_id"), row.get("location_id"))
            found.append((*ids, rule))
    return found


def _pick_rules(rules: list[tuple[str, str, str, dict]], sal: str, sid: str, lid: str) -> list:
    """The most specific schedule: of this service at location, of the service, of the place."""
    for match in (
        lambda a, s, loc: bool(sal) and a == sal,
        lambda a, s, loc: s == sid and (not a or not sal) and (loc in ("", lid) or not lid),
        lambda a, s, loc: not a and not s and bool(lid) and loc == lid,
    ):
        picked = [rule for a, s, loc, rule in rules if match(a, s, loc)]
        if picked:
            return picked
    return []


def _first_by(table: Table | None, key: str, skip=lambda row: False) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for row in table.rows if table else ():
        if row.get(key) and not skip(row):
            found.setdefault(row.get(key), row)
    return found


def _phones(tables: dict[str, Table]) -> dict[str, dict[str, str]]:
    """Phone numbers by link column (service_at_location_id, service_id …) then id."""
    table = tables.get("phone")
    by: dict[str, dict[str, str]] = {}
    for key in ("service_at_location_id", "service_id", "location_id", "organization_id"):
        rows = _first_by(table, key, lambda r: fold(r.get("type")) == "fax")
        by[key] = {
            ident: row.get("number").strip('"')
            + (f" #{ext}" if (ext := row.get("extension")) else "")
            for ident, row in rows.items()
        }
    return by


def _addresses(tables: dict[str, Table]) -> dict[str, str]:
    """A one-line street address per location id, physical before postal."""
    found: dict[str, str] = {}
    for name in ("address", "physical_address", "postal_address"):
        table = tables.get(name)
        rows = sorted(
            table.rows if table else (), key=lambda r: r.get("address_type") != "physical"
        )
        for row in rows:
            parts = [row.get("address_1"), row.get("address_2"), row.get("city")]
            if row.get("location_id"):
                found.setdefault(row.get("location_id"), ", ".join(p for p in parts if p))
    return found


def _terms(tables: dict[str, Table], services: dict[str, Row]) -> dict[str, list[str]]:
    """Taxonomy term names (and codes) attached to each service id."""
    names: dict[str, str] = {}
    for name in ("taxonomy", "taxonomy_term"):
        for row in tables[name].rows if name in tables else ():
            names[row.get("id")] = " ".join(filter(None, (row.get("code"), row.get("name"))))
    links: list[tuple[str, str]] = [
        (sid, tid) for sid, row in services.items() for tid in row.get("taxonomy_ids").split(",")
    ]
    for name, sid_col, tid_col in (("attribute", "link_id", "taxonomy_term_id"),
                                   ("service_attribute", "service_id", "taxonomy_term_id"),
                                   ("service_taxonomy", "service_id", "taxonomy_id")):  # fmt: skip
        links += (
            [(r.get(sid_col), r.get(tid_col)) for r in tables[name].rows] if name in tables else []
        )
    found: dict[str, list[str]] = defaultdict(list)
    for sid, tid in links:
        if names.get(tid.strip()):
            found[sid].append(names[tid.strip()])
    return found


def _languages(tables: dict[str, Table], sid: str, lid: str) -> str:
    """The languages a service is offered in, at that location."""
    table = tables.get("language")
    names = [
        row.get("name") or row.get("language") or row.get("code")
        for row in (table.rows if table else ())
        if row.get("service_id") == sid
        or (not row.get("service_id") and lid and row.get("location_id") == lid)
    ]
    return ", ".join(dict.fromkeys(n for n in names if n))


def _phone(phones: dict[str, dict[str, str]], links: tuple[tuple[str, str], ...]) -> str:
    """The first number found along the links, most specific first."""
    return next((phones[key][ident] for key, ident in links if ident in phones[key]), "")


@dataclass(frozen=True)
class _Hsds:
    """The HSDS tables, indexed for assembling resources."""

    tables: dict[str, Table]
    orgs: dict[str, Row]
    coords: dict[str, tuple[float | None, float | None]]
    phones: dict[str, dict[str, str]]
    addresses: dict[str, str]
    rules: list[tuple[str, str, str, dict]]
    terms: dict[str, list[str]]

    def record(self, sid: str, service: Row, sal: Row | None) -> ResourceRecord:
        """The resource for one service, at one location when `sal` is given."""
        said, lid = (sal.get("id"), sal.get("location_id")) if sal else ("", "")
        oid = service.get("organization_id")
        org = self.orgs.get(oid)
        org_name = org.get("name") if org else ""
        keywords = "; ".join(self.terms.get(sid, []))
        description = _clean(service.get("description") or (sal.get("description") if sal else ""))
        links = (("service_at_location_id", said), ("service_id", sid), ("location_id", lid),
                 ("organization_id", oid))  # fmt: skip
        lat, lon = self.coords.get(lid, (None, None))
        return ResourceRecord(
            external_id=said or sid, name=_clean(service.get("name")), organization=org_name,
            description=description, keywords=keywords, phone=_phone(self.phones, links),
            category=classify([keywords, service.get("name"), description, org_name]),
            address=self.addresses.get(lid, ""), latitude=lat, longitude=lon,
            url=service.get("url") or (org.get("website") or org.get("url") if org else ""),
            languages=_languages(self.tables, sid, lid),
            schedule=json.dumps(_pick_rules(self.rules, said, sid, lid), sort_keys=True),
        )  # fmt: skip


def hsds_records(tables: dict[str, Table]) -> tuple[list[ResourceRecord], int]:
    """One record per active service at a location (or per service without one)."""
    services = _unique(tables["service"], ("name",))
    locations = _unique(tables.get("location"))
    sals: dict[str, list[Row]] = defaultdict(list)
    for sal in _unique(tables.get("service_at_location"), ("service_id",)).values():
        sals[sal.get("service_id")].append(sal)
    hsds = _Hsds(
        tables, _unique(tables.get("organization")),
        {lid: _coordinates(tables["location"], row) for lid, row in locations.items()},
        _phones(tables), _addresses(tables), _schedule_rules(tables), _terms(tables, services),
    )  # fmt: skip
    active = {sid: s for sid, s in services.items() if fold(s.get("status")) not in _INACTIVE}
    records = [
        hsds.record(sid, service, sal)
        for sid, service in active.items()
        for sal in sals.get(sid) or [None]
    ]
    return records, len(services) - len(active)


# --- simple CSV --------------------------------------------------------------------------


def _hours(text: str) -> tuple[str, str]:
    """(schedule JSON, free text): structured when the text reads as opening windows."""
    if not text:
        return "[]", ""
    try:
        windows = parse_windows(text)
    except ValueError:
        return "[]", text
    codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    rules = [{"byday": [codes[w.weekday]], "freq": "WEEKLY", "opens": f"{w.start:%H:%M}",
              "closes": f"{w.end:%H:%M}"} for w in windows]  # fmt: skip
    return json.dumps(rules, sort_keys=True), ""


def csv_records(table: Table) -> list[ResourceRecord]:
    """Records of a simple CSV (`name,description,category,phone,address,hours,url,languages`)."""
    if "name" not in table.header:
        raise table.fail(None, "name", "missing column")
    seen: dict[str, int] = {}
    records = []
    for row in table.rows:
        name, address = _required(table, row, "name"), row.get("address")
        key = "|".join(" ".join(fold(part).split()) for part in (name, address))
        external_id = "csv:" + hashlib.sha1(key.encode()).hexdigest()[:16]
        if external_id in seen:
            raise table.fail(row, "name", f"same name and address as line {seen[external_id]}")
        seen[external_id] = row.line
        lat, lon = _coordinates(table, row)
        schedule, hours_text = _hours(row.get("hours"))
        description = row.get("description")
        records.append(ResourceRecord(
            external_id=external_id, name=name, description=description,
            description_en=row.get("description_en"), keywords=row.get("category"),
            category=classify([row.get("category"), name, description]), phone=row.get("phone"),
            address=address, latitude=lat, longitude=lon, url=row.get("url"),
            languages=row.get("languages"), hours_text=hours_text, schedule=schedule,
        ))  # fmt: skip
    return records
