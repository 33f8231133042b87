"""The dashboard's sign-in: single-use links (valid 10 minutes) and browser sessions (12 hours).

Only SHA-256 digests are stored: whoever reads the database cannot sign in with what it holds.
A link is redeemed once, atomically (the UPDATE is guarded by `used_at IS NULL`); a session
ends at its fixed expiry, whatever the activity, or when signed out (its row is deleted).
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from storage.clock import from_db, to_db
from storage.workers import Source, fetch, writing

logger = logging.getLogger(__name__)

LINK_MINUTES = 10
SESSION_HOURS = 12
MAX_TOKEN = 64  # longer values are refused before hashing


@dataclass(frozen=True)
class DashboardSession:
    """One signed-in browser: whose, its CSRF token, its language, until when."""

    id: int
    worker_id: int
    csrf: str
    language: str
    created_at: datetime
    expires_at: datetime


def digest(token: str) -> str:
    """The stored form of a link token or a cookie value."""
    return hashlib.sha256(token.encode()).hexdigest()


def _usable(token: str | None) -> bool:
    return bool(token) and len(token) <= MAX_TOKEN and token.isascii()


async def create_link(
    src: Source, worker_id: int, now: datetime, minutes: int = LINK_MINUTES
) -> str:
    """A new sign-in token for this worker, valid `minutes`; returned once, stored hashed."""
    token = secrets.token_urlsafe(32)
    async with writing(src) as conn:
        await conn.execute(
            "INSERT INTO dashboard_tokens (token_hash, worker_id, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (digest(token), worker_id, to_db(now), to_db(now + timedelta(minutes=minutes))),
        )
    logger.info("dashboard.link_created", extra={"worker_id": worker_id})
    return token


async def link_worker(src: Source, token: str | None, now: datetime) -> int | None:
    """The worker a still usable link names (not used, not expired), without using it."""
    if not _usable(token):
        return None
    rows = await fetch(
        src,
        "SELECT worker_id FROM dashboard_tokens WHERE token_hash = ? AND used_at IS NULL"
        " AND expires_at > ?",
        (digest(token), to_db(now)),
    )
    return rows[0]["worker_id"] if rows else None


async def redeem_link(conn: aiosqlite.Connection, token: str | None, now: datetime) -> int | None:
    """Use the link once: its worker's id, or None if unknown, used or expired."""
    if not _usable(token):
        return None
    rows = await conn.execute_fetchall(
        "UPDATE dashboard_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
        " AND expires_at > ? RETURNING worker_id",
        (to_db(now), digest(token), to_db(now)),
    )
    if not rows:
        logger.info("dashboard.link_refused")
        return None
    return rows[0]["worker_id"]


async def create_session(
    conn: aiosqlite.Connection,
    worker_id: int,
    language: str,
    now: datetime,
    hours: int = SESSION_HOURS,
) -> tuple[str, DashboardSession]:
    """A new session: (the cookie value, given once to the browser; the stored session)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    expires = now + timedelta(hours=hours)
    rows = await conn.execute_fetchall(
        "INSERT INTO dashboard_sessions (token_hash, worker_id, csrf, language, created_at,"
        " expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (digest(token), worker_id, csrf, language, to_db(now), to_db(expires)),
    )
    logger.info("dashboard.signed_in", extra={"worker_id": worker_id})
    session = DashboardSession(rows[0]["id"], worker_id, csrf, language, now, expires)
    return token, session


async def find_session(src: Source, token: str | None, now: datetime) -> DashboardSession | None:
    """The live session of this cookie value, if any."""
    if not _usable(token):
        return None
    rows = await fetch(
        src,
        "SELECT * FROM dashboard_sessions WHERE token_hash = ? AND expires_at > ?",
        (digest(token), to_db(now)),
    )
    if not rows:
        return None
    r = rows[0]
    return DashboardSession(
        r["id"], r["worker_id"], r["csrf"], r["language"],
        from_db(r["created_at"]), from_db(r["expires_at"]),
    )  # fmt: skip


async def set_language(src: Source, session_id: int, language: str) -> None:
    """The language the pages of this session are shown in."""
    async with writing(src) as conn:
        await conn.execute(
            "UPDATE dashboard_sessions SET language = ? WHERE id = ?", (language, session_id)
        )


async def end_session(src: Source, session_id: int) -> None:
    """Sign out: the session is gone."""
    async with writing(src) as conn:
        await conn.execute("DELETE FROM dashboard_sessions WHERE id = ?", (session_id,))
    logger.info("dashboard.signed_out", extra={"session_id": session_id})


async def end_sessions_of(src: Source, worker_id: int) -> int:
    """Every session of a worker ends (deactivated): how many there were."""
    async with writing(src) as conn:
        cursor = await conn.execute(
            "DELETE FROM dashboard_sessions WHERE worker_id = ?", (worker_id,)
        )
    return cursor.rowcount


async def forget_expired(src: Source, now: datetime) -> None:
    """Delete sessions past their expiry and links used or expired."""
    async with writing(src) as conn:
        await conn.execute("DELETE FROM dashboard_sessions WHERE expires_at <= ?", (to_db(now),))
        await conn.execute(
            "DELETE FROM dashboard_tokens WHERE used_at IS NOT NULL OR expires_at <= ?",
            (to_db(now),),
        )


LINK_MARK = "/tableau/entrer?jeton="
_TOKEN = re.compile(re.escape(LINK_MARK) + r"[A-Za-z0-9_-]+")


async def scrub_sent_links(conn: aiosqlite.Connection, now: datetime) -> int:
    """Strike the token from the stored copy of sign-in links already sent or given up (the
    outbox keeps messages for the retention period: it must hold no usable link)."""
    since = to_db(now - timedelta(days=1))
    rows = await conn.execute_fetchall(
        "SELECT id, body FROM outbox WHERE status IN ('sent', 'delivered', 'failed')"
        " AND next_attempt_at >= ? AND body LIKE ?",
        (since, f"%{LINK_MARK}%"),
    )
    changed = 0
    for row in rows:
        body = _TOKEN.sub(LINK_MARK + "…", row["body"])
        if body != row["body"]:
            await conn.execute("UPDATE outbox SET body = ? WHERE id = ?", (body, row["id"]))
            changed += 1
    return changed
