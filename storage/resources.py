"""The resource directory: rows per import source, the full-text index, and referrals."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from datetime import datetime
from typing import Any

import aiosqlite

from storage.clock import to_db
from storage.db import BaseDatabase, Row

logger = logging.getLogger(__name__)

Source = BaseDatabase | aiosqlite.Connection


@dataclass(frozen=True)
class ResourceRecord:
    """One resource as an import produces it; `external_id` is unique within its source."""

    external_id: str
    name: str
    organization: str = ""
    description: str = ""
    description_en: str = ""
    category: str = "other"
    keywords: str = ""
    phone: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    url: str = ""
    languages: str = ""
    hours_text: str = ""
    schedule: str = "[]"
    search_body: str = ""
    search_stems: str = ""


@dataclass(frozen=True)
class Resource:
    """A stored resource: its row id, its source, and what was imported."""

    id: int
    source: str
    record: ResourceRecord


@dataclass(frozen=True)
class SyncCounts:
    """What one import changed in one source."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0


_FIELDS = [f.name for f in fields(ResourceRecord)]
_COLUMNS = ", ".join(_FIELDS)


async def _fetchall(src: Source, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Read through a Database (takes its lock) or a connection already in a transaction."""
    if isinstance(src, BaseDatabase):
        return await src.fetchall(sql, params)
    return list(await src.execute_fetchall(sql, params))


def _resource(row: Row) -> Resource:
    record = ResourceRecord(**{name: row[name] for name in _FIELDS})
    return Resource(id=row["id"], source=row["source"], record=record)


@dataclass(frozen=True)
class SyncPlan:
    """What an import will change in one source: rows to write, external ids to delete."""

    writes: list[ResourceRecord]
    gone: list[str]
    counts: SyncCounts


async def plan_sync(src: Source, source: str, records: Sequence[ResourceRecord]) -> SyncPlan:
    """Compare `records` with what `source` holds: what to insert or update, what to delete."""
    existing = {
        row["external_id"]: _resource(row).record
        for row in await _fetchall(
            src, f"SELECT id, source, {_COLUMNS} FROM resources WHERE source = ?", (source,)
        )
    }
    writes = [r for r in records if existing.get(r.external_id) != r]
    added = sum(1 for r in writes if r.external_id not in existing)
    keep = {record.external_id for record in records}
    gone = [ext for ext in existing if ext not in keep]
    counts = SyncCounts(added, len(writes) - added, len(gone), len(records) - len(writes))
    return SyncPlan(writes, gone, counts)


_UPSERT = (
    f"INSERT INTO resources (source, {_COLUMNS}, imported_at, updated_at) "
    f"VALUES (?, {', '.join('?' * len(_FIELDS))}, ?, ?) "
    "ON CONFLICT (source, external_id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _FIELDS[1:])
    + ", updated_at = excluded.updated_at"
)


async def write_records(
    conn: aiosqlite.Connection, source: str, records: Sequence[ResourceRecord], now: datetime
) -> None:
    """Insert or update these records of `source`, in place by external id."""
    stamp = to_db(now)
    await conn.executemany(_UPSERT, [(source, *astuple(r), stamp, stamp) for r in records])


async def delete_records(
    conn: aiosqlite.Connection, source: str, external_ids: Sequence[str]
) -> None:
    """Delete these records of `source`."""
    await conn.executemany(
        "DELETE FROM resources WHERE source = ? AND external_id = ?",
        [(source, ext) for ext in external_ids],
    )


async def sync_source(
    conn: aiosqlite.Connection, source: str, records: Sequence[ResourceRecord], now: datetime
) -> SyncCounts:
    """Make `source` hold exactly `records`, in this one transaction."""
    plan = await plan_sync(conn, source, records)
    await write_records(conn, source, plan.writes, now)
    await delete_records(conn, source, plan.gone)
    log_sync(source, plan.counts)
    return plan.counts


def log_sync(source: str, counts: SyncCounts) -> None:
    logger.info(
        "resources.sync",
        extra={
            "source": source,
            "added": counts.added,
            "updated": counts.updated,
            "removed": counts.removed,
        },
    )


async def remove_source(conn: aiosqlite.Connection, source: str) -> int:
    """Delete every resource of `source`; return how many went."""
    cursor = await conn.execute("DELETE FROM resources WHERE source = ?", (source,))
    return cursor.rowcount


async def count_resources(src: Source) -> int:
    """How many resources the directory holds, all sources together."""
    rows = await _fetchall(src, "SELECT count(*) AS n FROM resources")
    return rows[0]["n"]


async def list_sources(src: Source) -> list[tuple[str, int]]:
    """Each import source with its number of resources, by name."""
    rows = await _fetchall(
        src, "SELECT source, count(*) AS n FROM resources GROUP BY source ORDER BY source"
    )
    return [(row["source"], row["n"]) for row in rows]


async def get_resource(src: Source, resource_id: int) -> Resource | None:
    """One resource by its row id."""
    rows = await _fetchall(
        src, f"SELECT id, source, {_COLUMNS} FROM resources WHERE id = ?", (resource_id,)
    )
    return _resource(rows[0]) if rows else None


def fts5_query(terms: Sequence[tuple[str, str]], every: bool = True) -> str:
    """SQLite: each (word, stem) as a prefix of any column, or the stem as one of `stems`."""
    joiner = " AND " if every else " OR "
    return joiner.join(f'("{w}"* OR stems:"{s}"*)' for w, s in terms)


def tsquery(terms: Sequence[tuple[str, str]], every: bool = True) -> str:
    """PostgreSQL: the same query for `to_tsquery('simple', …)`, words and stems as prefixes."""
    joiner = " & " if every else " | "
    return joiner.join(f"('{w}':* | '{s}':*)" for w, s in terms)


# bm25's weights of name, body and stems (8, 2, 1) as ts_rank's {D, C, B, A}.
_PG_MATCH = (
    "FROM resources AS r WHERE r.search @@ to_tsquery('simple', ?) ORDER BY"
    " ts_rank('{0, 0.125, 0.25, 1}', r.search, to_tsquery('simple', ?)) DESC, r.name"
)
_SQLITE_MATCH = (
    "FROM resources_fts JOIN resources AS r ON r.id = resources_fts.rowid "
    "WHERE resources_fts MATCH ? ORDER BY bm25(resources_fts, 8.0, 2.0, 1.0), r.name"
)


async def match_resources(
    src: Source,
    terms: Sequence[tuple[str, str]],
    limit: int,
    offset: int = 0,
    *,
    every: bool = True,
) -> list[Resource]:
    """Resources matching folded words (each a (word, stem) pair; `every` word, or any),
    each word or its stem as a prefix, accent- and case-blind; best first (the name weighs
    most). SQLite searches its FTS5 index, PostgreSQL the `search` tsvector."""
    if not terms:
        return []
    columns = ", ".join("r." + n for n in _FIELDS)
    if src.dialect == "postgresql":
        query = tsquery(terms, every)
        match, params = _PG_MATCH, (query, query)
    else:
        match, params = _SQLITE_MATCH, (fts5_query(terms, every),)
    sql = f"SELECT r.id, r.source, {columns} {match} LIMIT ? OFFSET ?"
    rows = await _fetchall(src, sql, (*params, limit, offset))
    return [_resource(row) for row in rows]


async def resources_in_category(
    src: Source, category: str, limit: int, offset: int = 0
) -> list[Resource]:
    """Resources of one category, by name."""
    rows = await _fetchall(
        src,
        f"SELECT id, source, {_COLUMNS} FROM resources WHERE category = ? "
        "ORDER BY lower(name), id LIMIT ? OFFSET ?",
        (category, limit, offset),
    )
    return [_resource(row) for row in rows]


async def record_referral(
    conn: aiosqlite.Connection,
    *,
    resource_id: int,
    channel: str,
    at: datetime,
    request_id: int | None = None,
    given_by: str = "search",
) -> int:
    """Note that a resource was given to a citizen (by a "worker" or their own "search")."""
    cursor = await conn.execute(
        "INSERT INTO referrals (at, request_id, resource_id, category, channel, given_by) "
        "SELECT ?, ?, id, category, ?, ? FROM resources WHERE id = ? RETURNING id",
        (to_db(at), request_id, channel, given_by, resource_id),
    )
    added = cursor.fetchall()
    if len(added) != 1:
        raise LookupError(f"no resource {resource_id}")
    logger.info("referral.recorded", extra={"resource_id": resource_id, "request_id": request_id})
    return added[0][0]


async def referral_counts(src: Source, start: datetime, end: datetime) -> dict[str, int]:
    """Referrals per category with `start <= at < end` (for the activity report)."""
    rows = await _fetchall(
        src,
        "SELECT category, count(*) AS n FROM referrals WHERE at >= ? AND at < ? "
        "GROUP BY category ORDER BY category",
        (to_db(start), to_db(end)),
    )
    return {row["category"]: row["n"] for row in rows}
