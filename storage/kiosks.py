"""Kiosk places, browser sessions, and what a web page shows of one address's conversation."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.clock import to_db
from storage.db import BaseDatabase

Source = BaseDatabase | aiosqlite.Connection

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
KIOSK_CHANNEL = "kiosk:"  # requests.channel of a kiosk contact: "kiosk:<place name>"


@dataclass(frozen=True)
class Kiosk:
    """A tablet's place: its slug in the URL and the name people and workers read."""

    slug: str
    name: str


@dataclass(frozen=True)
class WebSession:
    """One browser's session; `address` is the citizen's address in the engine."""

    token_hash: str
    address: str
    csrf: str
    language: str
    kiosk: str | None
    last_seen_at: str


def token_hash(token: str) -> str:
    """The stored form of a cookie value."""
    return hashlib.sha256(token.encode()).hexdigest()


async def _fetchall(src: Source, sql: str, params: tuple = ()) -> list:
    """Read through a Database (its lock, no transaction) or a connection in a transaction."""
    if isinstance(src, BaseDatabase):
        return await src.fetchall(sql, params)
    return list(await src.execute_fetchall(sql, params))


async def add_kiosk(conn: aiosqlite.Connection, slug: str, name: str, now: datetime) -> bool:
    """Add or rename a kiosk; False when the slug is not of lowercase letters, digits, dashes."""
    if not SLUG.match(slug) or not name.strip():
        return False
    await conn.execute(
        "INSERT INTO kiosks (slug, name, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT(slug) DO UPDATE SET name = excluded.name",
        (slug, name.strip(), to_db(now)),
    )
    return True


async def remove_kiosk(conn: aiosqlite.Connection, slug: str) -> bool:
    cursor = await conn.execute("DELETE FROM kiosks WHERE slug = ?", (slug,))
    return cursor.rowcount == 1


async def list_kiosks(conn: aiosqlite.Connection) -> list[Kiosk]:
    rows = await conn.execute_fetchall("SELECT slug, name FROM kiosks ORDER BY slug")
    return [Kiosk(r["slug"], r["name"]) for r in rows]


async def get_kiosk(conn: aiosqlite.Connection, slug: str) -> Kiosk | None:
    rows = await conn.execute_fetchall("SELECT slug, name FROM kiosks WHERE slug = ?", (slug,))
    return Kiosk(rows[0]["slug"], rows[0]["name"]) if rows else None


async def request_channel(conn: aiosqlite.Connection, address: str) -> str:
    """The channel a new request records: the address's prefix, or "kiosk:<place name>"."""
    prefix = address.split(":", 1)[0]
    if prefix != "kiosk":
        return prefix
    slug = address.split(":")[1]
    kiosk = await get_kiosk(conn, slug)
    return KIOSK_CHANNEL + (kiosk.name if kiosk else slug)


async def create_session(
    conn: aiosqlite.Connection, language: str, now: datetime, kiosk: str | None = None
) -> tuple[str, WebSession]:
    """A new session: (the cookie value, to give once to the browser; the stored session)."""
    token = secrets.token_urlsafe(24)
    digest = token_hash(token)
    address = f"kiosk:{kiosk}:{digest[:32]}" if kiosk else f"web:{digest[:32]}"
    session = WebSession(digest, address, secrets.token_urlsafe(24), language, kiosk, to_db(now))
    await conn.execute(
        "INSERT INTO web_sessions (token_hash, address, csrf, language, kiosk, created_at,"
        " last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (digest, address, session.csrf, language, kiosk, to_db(now), to_db(now)),
    )
    return token, session


async def find_session(src: Source, token: str, since: datetime) -> WebSession | None:
    """The session of this cookie if it was seen after `since`."""
    rows = await _fetchall(
        src,
        "SELECT * FROM web_sessions WHERE token_hash = ? AND last_seen_at >= ?",
        (token_hash(token), to_db(since)),
    )
    if not rows:
        return None
    r = rows[0]
    return WebSession(
        r["token_hash"], r["address"], r["csrf"], r["language"], r["kiosk"], r["last_seen_at"]
    )


async def forget_sessions(conn: aiosqlite.Connection, before: datetime) -> int:
    """Delete the sessions last seen before `before` (they can no longer resume)."""
    cursor = await conn.execute("DELETE FROM web_sessions WHERE last_seen_at < ?", (to_db(before),))
    return cursor.rowcount


async def touch_session(
    conn: aiosqlite.Connection, digest: str, now: datetime, language: str | None = None
) -> None:
    await conn.execute(
        "UPDATE web_sessions SET last_seen_at = ?, language = COALESCE(?, language)"
        " WHERE token_hash = ?",
        (to_db(now), language, digest),
    )


async def end_session(conn: aiosqlite.Connection, digest: str) -> None:
    await conn.execute("DELETE FROM web_sessions WHERE token_hash = ?", (digest,))


@dataclass(frozen=True)
class Line:
    """One line of a conversation as a page shows it."""

    key: str  # "o12" (from the bot or a worker) | "i7" (the person's own)
    mine: bool
    text: str
    buttons: list[list[str]] | None
    at: str


async def conversation(src: Source, address: str, after_outbox: int | None = None) -> list[Line]:
    """The person's lines (inbound) and the answers (outbox) of one address, in time order;
    with `after_outbox`, only the answers queued after that outbox id (a live stream)."""
    outs = await _fetchall(
        src,
        "SELECT id, body, buttons, created_at FROM outbox WHERE address = ? AND id > ?"
        " AND kind = 'text' AND status != 'failed' ORDER BY id",
        (address, after_outbox or 0),
    )
    lines = [
        Line(f"o{r['id']}", False, r["body"], json.loads(r["buttons"] or "null"), r["created_at"])
        for r in outs
    ]
    if after_outbox is None:
        ins = await _fetchall(
            src,
            "SELECT id, body, received_at FROM inbound WHERE address = ? ORDER BY id",
            (address,),
        )
        lines += [Line(f"i{r['id']}", True, r["body"], None, r["received_at"]) for r in ins]
        lines.sort(key=lambda line: (line.at, line.mine is False))
    return lines


async def choice_label(src: Source, address: str, choice: str) -> str | None:
    """The label of a button offered to this address lately, to show her choice as her line."""
    rows = await _fetchall(
        src,
        "SELECT buttons FROM outbox WHERE address = ? AND buttons IS NOT NULL"
        " ORDER BY id DESC LIMIT 5",
        (address,),
    )
    for row in rows:
        for data, label in json.loads(row["buttons"]):
            if data == choice:
                return label
    return None


async def set_language(
    conn: aiosqlite.Connection, session: WebSession, language: str, now: datetime
) -> None:
    """The page's language changed: the session's, and the conversation's if it began."""
    await touch_session(conn, session.token_hash, now, language)
    await conn.execute(
        "UPDATE citizens SET language = ? WHERE address = ?", (language, session.address)
    )


async def session_alive(src: Source, digest: str) -> bool:
    """Whether the session still exists (quick exit and "Terminer" delete it)."""
    rows = await _fetchall(src, "SELECT 1 FROM web_sessions WHERE token_hash = ?", (digest,))
    return bool(rows)
