"""A PostgreSQL transaction's connection that answers the storage modules like sqlite3.

They write SQLite's SQL with `?` (or `:name`) placeholders: `numbered` makes them `$1`, `$2`
… outside string literals and comments, once per SQL text. `PgConnection.execute` returns a
`PgCursor`: `rowcount` (from the command status, "UPDATE 3"), `fetchall`/`fetchone`, rows
indexed by position and by name (asyncpg's `Record`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import asyncpg

Params = Sequence[Any] | Mapping[str, Any]


@lru_cache(maxsize=4096)
def numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """SQLite's placeholders as PostgreSQL's: `?` → `$1`, `$2` …, or `:name` → `$n` with the
    names in order of their numbers (the same name, the same number); inside '…', "…" or a
    `--` comment nothing changes, nor in a `::` cast."""
    out, names, i, size, n = [], [], 0, len(sql), 0
    while i < size:
        c = sql[i]
        if c in "'\"":
            end = sql.find(c, i + 1)
            while end != -1 and end + 1 < size and sql[end + 1] == c:  # '' inside '…'
                end = sql.find(c, end + 2)
            end = size - 1 if end == -1 else end
            out.append(sql[i : end + 1])
            i = end + 1
        elif c == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = size if end == -1 else end
            out.append(sql[i:end])
            i = end
        elif c == "?":
            n += 1
            out.append(f"${n}")
            i += 1
        elif c == ":" and _NAME.match(sql, i + 1) and (i == 0 or sql[i - 1] != ":"):
            name = _NAME.match(sql, i + 1).group()
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i += 1 + len(name)
        else:
            out.append(c)
            i += 1
    return "".join(out), tuple(names)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def params_of(names: tuple[str, ...], parameters: Sequence[Any] | Mapping[str, Any]) -> Sequence:
    if isinstance(parameters, Mapping):
        return [parameters[name] for name in names]
    return parameters


_ROWS = re.compile(r"^\s*(SELECT|WITH|VALUES|SHOW|EXPLAIN)\b|\bRETURNING\b", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _returns_rows(sql: str) -> bool:
    return _ROWS.search(sql) is not None


def _count(status: str) -> int:
    """The row count of a command status: "UPDATE 3" → 3, "INSERT 0 1" → 1."""
    last = status.rpartition(" ")[2]
    return int(last) if last.isdigit() else -1


class PgCursor:
    """What a statement gave: its rows and the number of rows it changed (or returned)."""

    def __init__(self, rows: list[asyncpg.Record], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def fetchall(self) -> list[asyncpg.Record]:
        return self._rows

    def fetchone(self) -> asyncpg.Record | None:
        return self._rows[0] if self._rows else None

    def __iter__(self):
        return iter(self._rows)


class PgConnection:
    """A transaction's connection with the calls of `storage.db.Inline` (sqlite3-like)."""

    dialect = "postgresql"

    def __init__(self, raw: asyncpg.Connection, *, whole_database: bool = True) -> None:
        self._raw = raw
        # Whether the transaction holds the whole database (no `keys`, storage/pg.py): what a
        # unit of work that finds it needs more than its keys checks (bot/core/engine.py).
        self.whole_database = whole_database

    @property
    def in_transaction(self) -> bool:
        return self._raw.is_in_transaction()

    async def execute(self, sql: str, parameters: Params = ()) -> PgCursor:
        query, names = numbered(sql)
        if _returns_rows(sql):
            rows = await self._raw.fetch(query, *params_of(names, parameters))
            return PgCursor(rows, len(rows))
        status = await self._raw.execute(query, *params_of(names, parameters))
        return PgCursor([], _count(status))

    async def execute_fetchall(self, sql: str, parameters: Params = ()) -> list[asyncpg.Record]:
        query, names = numbered(sql)
        return await self._raw.fetch(query, *params_of(names, parameters))

    async def executemany(self, sql: str, parameters: Iterable[Params]) -> PgCursor:
        query, names = numbered(sql)
        rows = [tuple(params_of(names, p)) for p in parameters]
        if rows:
            await self._raw.executemany(query, rows)
        return PgCursor([], len(rows))
