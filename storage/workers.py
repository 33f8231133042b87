"""Workers and their one-time invite codes (the link between a worker and a Telegram account)."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiosqlite

from flows.normalize import fold
from storage.clock import from_db, to_db
from storage.db import BaseDatabase, Row

logger = logging.getLogger(__name__)

# Either the open Database (each call runs on its own) or the connection of a transaction that
# the caller holds, so that e.g. deactivating a worker and requeueing their cases is one unit.
Source = BaseDatabase | aiosqlite.Connection

# "oncall": a worker who also gets urgent requests out of hours (nights, weekends), before the
# coordinators. Stored as role 'worker' with on_call = 1 (migration 0012): the role column's
# CHECK constraint predates it, and rebuilding the table would touch every case's foreign key.
ROLES = ("worker", "coordinator", "oncall")
LANGUAGES = ("fr", "en")
# No 0/O, 1/I/L: the code is read on one screen and typed on a phone keyboard.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 6


class WorkerError(ValueError):
    """A worker cannot be added or changed as asked; the message says why (in English, for logs
    and tests). `reason` names the case and `params` its details, for the coordinator's text in
    their language (flows/worker_refusal_messages.py)."""

    def __init__(self, message: str, reason: str = "", **params: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Worker:
    """An outreach worker or a coordinator."""

    id: int
    name: str
    telegram_id: int | None
    organization: str
    languages: tuple[str, ...]
    role: str
    active: bool

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    @property
    def on_call(self) -> bool:
        """Gets urgent requests out of hours, before the coordinators."""
        return self.role == "oncall"

    @property
    def linked(self) -> bool:
        """True once a Telegram account is attached."""
        return self.telegram_id is not None


async def fetch(src: Source, sql: str, params: Sequence[Any] = ()) -> list[Row]:
    """Read rows through the Database (takes its lock) or a transaction's connection."""
    if isinstance(src, BaseDatabase):
        return await src.fetchall(sql, params)
    return list(await src.execute_fetchall(sql, params))


@asynccontextmanager
async def writing(src: Source) -> AsyncIterator[aiosqlite.Connection]:
    """Open a transaction on a Database, or join the caller's transaction on a connection."""
    if isinstance(src, BaseDatabase):
        async with src.transaction() as conn:
            yield conn
    else:
        yield src


def name_key(name: str) -> str:
    """Fold a name for matching: no accents, no case, single spaces ("Élise  B" == "elise b")."""
    return fold(name)


def _worker(row: Row) -> Worker:
    return Worker(
        id=row["id"],
        name=row["name"],
        telegram_id=row["telegram_id"],
        organization=row["organization"],
        languages=tuple(x for x in row["languages"].split(",") if x),
        role="oncall" if row["on_call"] else row["role"],
        active=bool(row["active"]),
    )


def _check_fields(name: str, languages: Sequence[str], role: str) -> None:
    if not name.strip() or len(name) > 80:
        raise WorkerError("a worker's name must have 1 to 80 characters", "name_length")
    if role not in ROLES:
        raise WorkerError(
            f"unknown role {role!r}: use worker, coordinator or oncall", "role", role=role
        )
    bad = [x for x in languages if x not in LANGUAGES]
    if bad or not languages:
        got = ",".join(languages)
        raise WorkerError(
            f"languages must be among fr,en (got {got or 'none'})", "languages", got=got
        )


async def add(
    src: Source,
    name: str,
    now: datetime,
    *,
    telegram_id: int | None = None,
    organization: str = "",
    languages: Sequence[str] = ("fr",),
    role: str = "worker",
) -> Worker:
    """Register a worker; refuse a name that differs from another only by accents or case."""
    name = " ".join(name.split())
    _check_fields(name, languages, role)
    async with writing(src) as conn:
        rows = await conn.execute_fetchall("SELECT name, telegram_id FROM workers")
        for row in rows:
            if name_key(row["name"]) == name_key(name):
                raise WorkerError(
                    f"a worker named {row['name']!r} already exists", "name_taken", name=row["name"]
                )
            if telegram_id is not None and row["telegram_id"] == telegram_id:
                raise WorkerError(
                    f"Telegram account {telegram_id} is already {row['name']!r}'s",
                    "telegram_taken",
                    telegram_id=str(telegram_id),
                    name=row["name"],
                )
        added = await conn.execute_fetchall(
            "INSERT INTO workers (name, telegram_id, organization, languages, role, on_call,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                name,
                telegram_id,
                organization.strip(),
                ",".join(languages),
                "worker" if role == "oncall" else role,
                int(role == "oncall"),
                to_db(now),
            ),
        )
        worker_id = added[0]["id"]
    logger.info("worker.added", extra={"worker_id": worker_id, "role": role})
    return Worker(worker_id, name, telegram_id, organization.strip(), tuple(languages), role, True)


async def get(src: Source, worker_id: int) -> Worker | None:
    """The worker with this id, active or not."""
    rows = await fetch(src, "SELECT * FROM workers WHERE id = ?", (worker_id,))
    return _worker(rows[0]) if rows else None


async def get_by_name(src: Source, name: str) -> Worker | None:
    """The worker with this name, ignoring case and accents, active or not."""
    key = name_key(name)
    for worker in await list_all(src):
        if name_key(worker.name) == key:
            return worker
    return None


async def get_by_telegram_id(src: Source, telegram_id: int) -> Worker | None:
    """The worker linked to this Telegram user id (check `.active` before trusting them)."""
    rows = await fetch(src, "SELECT * FROM workers WHERE telegram_id = ?", (telegram_id,))
    return _worker(rows[0]) if rows else None


async def list_all(src: Source) -> list[Worker]:
    """Every worker, active ones first, then by name."""
    rows = await fetch(src, "SELECT * FROM workers")
    return sorted((_worker(r) for r in rows), key=lambda w: (not w.active, name_key(w.name)))


async def coordinators(src: Source) -> list[Worker]:
    """Active coordinators with a linked Telegram account (who gets alerts)."""
    return [w for w in await active_linked(src) if w.is_coordinator]


async def on_call(src: Source) -> list[Worker]:
    """Active on-call workers with a linked Telegram account."""
    return [w for w in await active_linked(src) if w.on_call]


async def night_contacts(src: Source) -> list[Worker]:
    """Who gets urgent requests out of hours: on-call workers first, then coordinators."""
    reachable = await active_linked(src)
    return [w for w in reachable if w.on_call] + [w for w in reachable if w.is_coordinator]


async def active_linked(src: Source) -> list[Worker]:
    """Active workers and coordinators who can be reached on Telegram."""
    rows = await fetch(
        src, "SELECT * FROM workers WHERE active = 1 AND telegram_id IS NOT NULL ORDER BY id"
    )
    return [_worker(r) for r in rows]


async def set_active(src: Source, worker_id: int, active: bool) -> bool:
    """Deactivate or reactivate a worker; a deactivation also voids their unused invites."""
    async with writing(src) as conn:
        cur = await conn.execute(
            "UPDATE workers SET active = ? WHERE id = ?", (int(active), worker_id)
        )
        if not active:
            await conn.execute(
                "DELETE FROM invites WHERE worker_id = ? AND used_at IS NULL", (worker_id,)
            )
    logger.info("worker.active_changed", extra={"worker_id": worker_id, "active": active})
    return cur.rowcount == 1


async def deactivate(src: Source, name: str) -> int | None:
    """Deactivate the named worker (shifts are kept but ignored); return their id or None."""
    worker = await get_by_name(src, name)
    if worker is None:
        return None
    await set_active(src, worker.id, False)
    return worker.id


async def create_invite(src: Source, worker_id: int, now: datetime, days: int = 7) -> str:
    """Make a single-use code valid `days` days; it replaces the worker's unused codes."""
    async with writing(src) as conn:
        await conn.execute(
            "DELETE FROM invites WHERE worker_id = ? AND used_at IS NULL", (worker_id,)
        )
        for _attempt in range(10):
            code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
            # ON CONFLICT, not a caught IntegrityError: PostgreSQL would abort the transaction
            added = await conn.execute_fetchall(
                "INSERT INTO invites (code, worker_id, created_at, expires_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING code",
                (code, worker_id, to_db(now), to_db(now + timedelta(days=days))),
            )
            if not added:
                continue  # the same code was drawn before: draw again
            logger.info("invite.created", extra={"worker_id": worker_id})
            return code
    raise RuntimeError("could not draw an unused invite code")


def normalize_code(text: str) -> str:
    """Accept a code typed with lowercase letters, spaces or dashes."""
    return "".join(c for c in text.upper() if c.isalnum())


async def redeem_invite(src: Source, code: str, telegram_id: int, now: datetime) -> Worker | None:
    """Link `telegram_id` to the invited worker; None if the code is unknown, used or expired."""
    async with writing(src) as conn:
        rows = await conn.execute_fetchall(
            "SELECT i.worker_id FROM invites i JOIN workers w ON w.id = i.worker_id"
            " WHERE i.code = ? AND i.used_at IS NULL AND i.expires_at > ? AND w.active = 1",
            (normalize_code(code), to_db(now)),
        )
        if not rows:
            logger.info("invite.refused", extra={"reason": "unknown_used_or_expired"})
            return None
        worker_id = rows[0]["worker_id"]
        taken = await conn.execute_fetchall(
            "SELECT id FROM workers WHERE telegram_id = ? AND id != ?", (telegram_id, worker_id)
        )
        if taken:
            logger.info("invite.refused", extra={"reason": "account_linked_elsewhere"})
            return None
        await conn.execute(
            "UPDATE invites SET used_at = ? WHERE code = ?", (to_db(now), normalize_code(code))
        )
        await conn.execute(
            "UPDATE workers SET telegram_id = ? WHERE id = ?", (telegram_id, worker_id)
        )
        rows = await conn.execute_fetchall("SELECT * FROM workers WHERE id = ?", (worker_id,))
    logger.info("invite.redeemed", extra={"worker_id": worker_id})
    return _worker(rows[0])


async def pending_invite_expiry(src: Source, worker_id: int, now: datetime) -> datetime | None:
    """When the worker's live invite expires (UTC), if they have one."""
    rows = await fetch(
        src,
        "SELECT expires_at FROM invites WHERE worker_id = ? AND used_at IS NULL"
        " AND expires_at > ? ORDER BY expires_at DESC LIMIT 1",
        (worker_id, to_db(now)),
    )
    return from_db(rows[0]["expires_at"]) if rows else None
