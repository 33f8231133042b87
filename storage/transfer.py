"""A whole network's rows from one database to another, either engine to either (`relais db copy`).

The tables come from the schema itself, never from a list here: SQLite's `PRAGMA table_list`
(ordinary tables only: FTS5's virtual table and its shadow tables are an index, rebuilt by
the target's own triggers as the rows go in) and `PRAGMA table_info` / `foreign_key_list`;
PostgreSQL's catalog (`information_schema`, `pg_constraint`; the `tsvector` search column is
left out for the same reason, and `relais_schema`, each side's own migration number). Tables
are copied parents first (foreign-key order), keeping their ids; every value is converted to
what the target column holds (SQLite is loosely typed: an INTEGER column may hold '12', a TEXT
column 12), and a value that cannot be is an error naming the table and the column, never the
value. `fingerprints` gives each table's row count and a digest of its keys, to compare both
sides; on PostgreSQL `restart_identities` moves each identity past the largest id copied.

Nothing here opens, commits or prints: the caller (`bot/cli/db.py`) does, within one
transaction on the target.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from storage.targets import is_postgresql

CHUNK = 2000  # rows read and written at a time
VERSION_TABLES = frozenset({"relais_schema"})  # bookkeeping of PostgreSQL's migrations
DERIVED_TYPES = frozenset({"tsvector"})  # a search index the target's trigger fills


class TransferError(RuntimeError):
    """The copy cannot go on; the attributes say why, without any row's values."""


class SchemaMismatch(TransferError):
    """The two databases do not have the same tables or columns."""

    def __init__(self, table: str, only_source: Sequence[str], only_target: Sequence[str]) -> None:
        self.table, self.only_source, self.only_target = table, only_source, only_target
        super().__init__(
            f"{table}: only in the source {only_source}, only in the target {only_target}"
        )


class Unconvertible(TransferError):
    """A value of the source that the target's column cannot hold (e.g. 'abc' in a BIGINT)."""

    def __init__(self, table: str, column: str, kind: str) -> None:
        self.table, self.column, self.kind = table, column, kind
        super().__init__(f"{table}.{column}: a value that is not {kind}")


class WriteFailed(TransferError):
    """The target refused rows of a table (a constraint, a type); `reason` is the error's
    class name only: a database's message may quote the row."""

    def __init__(self, table: str, reason: str) -> None:
        self.table, self.reason = table, reason
        super().__init__(f"{table}: {reason}")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "integer", "real", "text", "blob", or "any" (no conversion)


@dataclass(frozen=True)
class Table:
    """A table as the schema describes it: its columns (derived ones left out), its key, the
    tables its foreign keys reference and its identity column (PostgreSQL)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: frozenset[str]
    identity: str | None = None

    def kind(self, column: str) -> str:
        return next(c.kind for c in self.columns if c.name == column)


def quoted(name: str) -> str:
    """An identifier for either engine's SQL."""
    return '"' + name.replace('"', '""') + '"'


# ---- the schema -----------------------------------------------------------------------------


async def tables(conn: Any) -> dict[str, Table]:
    """Every table of the database of `conn` (a transaction's connection) that holds data."""
    if conn.dialect == "postgresql":
        return await _pg_tables(conn)
    return await _sqlite_tables(conn)


def sqlite_kind(declared: str) -> str:
    """SQLite's type affinity of a declared column type (its documented rules, in order)."""
    upper = declared.upper()
    if "INT" in upper:
        return "integer"
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return "text"
    if "BLOB" in upper or not upper:
        return "blob" if "BLOB" in upper else "any"
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return "real"
    return "any"


async def _sqlite_tables(conn: Any) -> dict[str, Table]:
    listed = await conn.execute_fetchall("PRAGMA table_list")
    names = sorted(
        row["name"] for row in listed
        if row["schema"] == "main" and row["type"] == "table"
        and not row["name"].startswith("sqlite_")
    )  # fmt: skip
    found = {}
    for name in names:
        info = await conn.execute_fetchall(f"PRAGMA table_info({quoted(name)})")
        columns = tuple(Column(row["name"], sqlite_kind(row["type"] or "")) for row in info)
        key = tuple(row["name"] for row in sorted(info, key=lambda r: r["pk"]) if row["pk"])
        fks = await conn.execute_fetchall(f"PRAGMA foreign_key_list({quoted(name)})")
        found[name] = Table(name, columns, key, frozenset(row["table"] for row in fks))
    return found


PG_KINDS = {
    "bigint": "integer", "integer": "integer", "smallint": "integer", "boolean": "integer",
    "text": "text", "character varying": "text", "character": "text",
    "double precision": "real", "real": "real", "numeric": "real",
    "bytea": "blob",
}  # fmt: skip

_PG_TABLES = (
    "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
)
_PG_COLUMNS = (
    "SELECT table_name, column_name, data_type, is_identity, is_generated"
    " FROM information_schema.columns WHERE table_schema = current_schema()"
    " ORDER BY table_name, ordinal_position"
)
_PG_KEYS = (
    "SELECT t.relname AS table_name, a.attname AS column_name"
    " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
    " JOIN pg_namespace n ON n.oid = t.relnamespace"
    " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
    " WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY t.relname, k.position"
)
_PG_REFERENCES = (
    "SELECT t.relname AS table_name, r.relname AS referenced"
    " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
    " JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
    " WHERE c.contype = 'f' AND n.nspname = current_schema()"
)


async def _pg_tables(conn: Any) -> dict[str, Table]:
    names = [row["table_name"] for row in await conn.execute_fetchall(_PG_TABLES)]
    names = [name for name in names if name not in VERSION_TABLES]
    columns: dict[str, list[Column]] = {name: [] for name in names}
    identity: dict[str, str] = {}
    for row in await conn.execute_fetchall(_PG_COLUMNS):
        table = row["table_name"]
        if table not in columns:
            continue
        if row["data_type"] in DERIVED_TYPES or row["is_generated"] == "ALWAYS":
            continue
        columns[table].append(Column(row["column_name"], PG_KINDS.get(row["data_type"], "any")))
        if row["is_identity"] == "YES":
            identity[table] = row["column_name"]
    keys: dict[str, list[str]] = {name: [] for name in names}
    for row in await conn.execute_fetchall(_PG_KEYS):
        keys.get(row["table_name"], []).append(row["column_name"])
    references: dict[str, set[str]] = {name: set() for name in names}
    for row in await conn.execute_fetchall(_PG_REFERENCES):
        references.get(row["table_name"], set()).add(row["referenced"])
    return {
        name: Table(name, tuple(columns[name]), tuple(keys[name]),
                    frozenset(references[name]), identity.get(name))
        for name in names
    }  # fmt: skip


def matched(source: Mapping[str, Table], target: Mapping[str, Table]) -> None:
    """SchemaMismatch unless both sides have the same tables with the same columns."""
    for name in sorted(set(source) | set(target)):
        if name not in source or name not in target:
            only_source = ["(table)"] if name in source else []
            raise SchemaMismatch(name, only_source, [] if only_source else ["(table)"])
        ours = {c.name for c in source[name].columns}
        theirs = {c.name for c in target[name].columns}
        if ours != theirs:
            raise SchemaMismatch(name, sorted(ours - theirs), sorted(theirs - ours))


def in_order(found: Mapping[str, Table]) -> list[Table]:
    """The tables, each after every table its foreign keys reference (then by name)."""
    done: list[Table] = []
    placed: set[str] = set()
    left = dict(found)
    while left:
        ready = sorted(
            name for name, table in left.items()
            if all(ref in placed or ref == name or ref not in found for ref in table.references)
        )  # fmt: skip
        if not ready:
            raise TransferError(f"foreign keys in a cycle: {sorted(left)}")
        for name in ready:
            done.append(left.pop(name))
            placed.add(name)
    return done


# ---- values ---------------------------------------------------------------------------------

_INTEGER = re.compile(r"\s*[+-]?\d+\s*")


def convert(value: Any, kind: str) -> Any:
    """`value` as a column of `kind` holds it; ValueError if it cannot be without loss."""
    if value is None or kind == "any":
        return value
    if isinstance(value, bytes | memoryview) and kind in ("integer", "real"):
        value = bytes(value).decode("utf-8")  # as SQLite's CAST reads a blob: its text
    if kind == "integer":
        if isinstance(value, int):
            return int(value)  # bool too
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INTEGER.fullmatch(value):
            return int(value)
        raise ValueError(kind)
    if kind == "real":
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            return float(value)
        raise ValueError(kind)
    if kind == "text":
        if isinstance(value, str):
            return value
        if isinstance(value, bytes | memoryview):
            return bytes(value).decode("utf-8")
        return str(value)
    if kind == "blob":
        if isinstance(value, bytes | memoryview):
            return bytes(value)
        if isinstance(value, str):
            return value.encode("utf-8")
        raise ValueError(kind)
    return value


def _order_by(table: Table) -> str:
    return ", ".join(quoted(c) for c in table.key or [c.name for c in table.columns])


async def copy_table(source: Any, target: Any, table: Table, into: Table) -> int:
    """Every row of `table` (read on `source`) written to `into` (on `target`), in key order,
    converted to the target's column kinds; the number of rows."""
    names = [c.name for c in into.columns]
    kinds = [into.kind(name) for name in names]
    listed = ", ".join(quoted(n) for n in names)
    read = f"SELECT {listed} FROM {quoted(table.name)} ORDER BY {_order_by(table)} LIMIT ? OFFSET ?"
    marks = ", ".join("?" for _ in names)
    write = f"INSERT INTO {quoted(table.name)} ({listed}) VALUES ({marks})"
    copied = 0
    while True:
        rows = await source.execute_fetchall(read, (CHUNK, copied))
        if not rows:
            return copied
        batch = []
        for row in rows:
            values = []
            for position, (name, kind) in enumerate(zip(names, kinds, strict=True)):
                try:
                    values.append(convert(row[position], kind))
                except (ValueError, UnicodeDecodeError):
                    raise Unconvertible(table.name, name, kind) from None
            batch.append(tuple(values))
        try:
            await target.executemany(write, batch)
        except TransferError:
            raise
        except Exception as exc:  # the engine's own error: named, never quoted
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise WriteFailed(table.name, type(exc).__name__) from None
        copied += len(rows)
        if len(rows) < CHUNK:
            return copied


async def restart_identities(conn: Any, found: Iterable[Table]) -> None:
    """PostgreSQL: each identity's next value is past the largest id copied (rows given their
    ids explicitly leave the sequence where it was). SQLite needs nothing: a new rowid is
    max(rowid) + 1."""
    if conn.dialect != "postgresql":
        return
    for table in found:
        if table.identity is None:
            continue
        column = quoted(table.identity)
        await conn.execute(
            f"SELECT setval(pg_get_serial_sequence(?, ?),"
            f" coalesce((SELECT max({column}) FROM {quoted(table.name)}), 0) + 1, false)",
            (quoted(table.name), table.identity),
        )


# ---- checks ---------------------------------------------------------------------------------


async def counts(conn: Any, found: Iterable[Table]) -> dict[str, int]:
    """The number of rows of each table."""
    result = {}
    for table in found:
        row = (await conn.execute_fetchall(f"SELECT count(*) FROM {quoted(table.name)}"))[0]
        result[table.name] = int(row[0])
    return result


@dataclass(frozen=True)
class Fingerprint:
    """A table's row count and a digest of its keys (ids), the same on both engines."""

    rows: int
    keys: str


async def fingerprints(conn: Any, found: Iterable[Table]) -> dict[str, Fingerprint]:
    """Each table's count and key digest: the keys, converted to their kinds, sorted, hashed."""
    result = {}
    for table in found:
        key = table.key or tuple(c.name for c in table.columns)
        listed = ", ".join(quoted(k) for k in key)
        rows = await conn.execute_fetchall(f"SELECT {listed} FROM {quoted(table.name)}")
        kinds = [table.kind(k) for k in key]
        values = sorted(
            tuple(_comparable(convert(row[i], kind)) for i, kind in enumerate(kinds))
            for row in rows
        )
        digest = hashlib.sha256(repr(values).encode("utf-8")).hexdigest()
        result[table.name] = Fingerprint(len(rows), digest)
    return result


def _comparable(value: Any) -> tuple[int, Any]:
    """Values of any type sort together (None first)."""
    return (0, "") if value is None else (1, repr(value))


async def broken_references(conn: Any) -> list[str]:
    """SQLite: the tables holding a row whose foreign key points at no row (possible in a file
    written with foreign keys off); PostgreSQL would refuse them. Empty on PostgreSQL."""
    if conn.dialect != "sqlite":
        return []
    rows = await conn.execute_fetchall("PRAGMA foreign_key_check")
    return sorted({row[0] for row in rows})


# ---- before opening -------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """What is at a place before the project's opening (which migrates) touches it."""

    version: int | None  # the last migration applied; None: no Relais schema there
    tables: int = 0  # SQLite: tables in the file (a file Relais never opened has none)
    sessions: int = 0  # PostgreSQL: other connections of Relais to that database


async def look(target: str) -> Found:
    """The schema version at `target` (an existing SQLite file, or a PostgreSQL URL) and, on
    PostgreSQL, how many Relais processes are connected to it (`application_name` relais).
    Raises what the engine raises when the place cannot be opened."""
    if not is_postgresql(target):
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            (version,) = conn.execute("PRAGMA user_version").fetchone()
            (tables,) = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()
        finally:
            conn.close()
        return Found(version or None, tables)
    import asyncpg  # loaded only where it is used

    conn = await asyncpg.connect(target, server_settings={"application_name": "relais-db-copy"})
    try:
        known = await conn.fetchval("SELECT to_regclass('relais_schema') IS NOT NULL")
        version = await conn.fetchval("SELECT max(version) FROM relais_schema") if known else None
        sessions = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = 'relais' AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()
    return Found(version, 0, sessions)
