"""The retention purge (daily, and at every start): what is kept, and for how long.

With RELAIS_RETENTION_DAYS = N (README, "What is kept"):

* the messages of a case (from and to the person, the workers' messages, notes, first
  words): deleted, rows and addresses included, N days after the case closed;
* messages outside any case (menu, resource search, check-ins): N days after they went;
* the person herself (number or Telegram chat, language, tags, conversation state): deleted
  N days after her last message, her last check-in and her last case closed, if nothing is
  planned for her (no open case, no check-in due, no upcoming meeting);
* the words of a resource search in the conversation state: one day after her last message;
* invite-code tries: one day; check-in and campaign texts: N days;
* the workers' Telegram copies of a purged case (cards, relayed messages) are edited to
  "effacé", as on erasure.

What stays: requests without words or person, referrals by category, check-in outcomes,
arrivals by source and the audit trail (ids and event names): the anonymous counts of the
report. After each purge the WAL is emptied (`Database.checkpoint`), which also catches up on
a checkpoint that another process's open read kept from finishing after an erasure.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.privacy import erasure
from flows import worker_messages as wm
from storage import audit
from storage.clock import to_db
from storage.db import Database

logger = logging.getLogger(__name__)

SEARCH_WORDS_KEPT = timedelta(days=1)
INVITE_TRIES_KEPT = timedelta(days=1)

# Requests closed before the cutoff: their words go.
_OLD = "SELECT id FROM requests WHERE status = 'closed' AND closed_at < :cutoff"
_WORDS = (
    ("inbound", "DELETE FROM inbound WHERE status != 'received' AND (request_id IN (" + _OLD + ")"
     " OR (request_id IS NULL AND received_at < :cutoff))"),
    ("outbox", "DELETE FROM outbox WHERE status NOT IN ('pending', 'sending') AND (request_id IN"
     " (" + _OLD + ") OR (request_id IS NULL AND created_at < :cutoff))"),
    ("notes", "DELETE FROM notes WHERE request_id IN (" + _OLD + ")"),
    ("first_words", "UPDATE requests SET first_words = '' WHERE first_words != ''"
     " AND id IN (" + _OLD + ")"),
    ("followups", "UPDATE followups SET message = '' WHERE message != '' AND status != 'pending'"
     " AND (request_id IN (" + _OLD + ") OR created_at < :cutoff)"),
    ("campaigns", "UPDATE campaigns SET message = '' WHERE message != '' AND created_at < :cutoff"),
    ("search_words", {
        "sqlite": "UPDATE citizens SET state_data = json_remove(state_data, '$.search')"
        " WHERE json_extract(state_data, '$.search') IS NOT NULL"
        " AND coalesce(last_seen_at, created_at) < :words_cutoff",
        "postgresql": "UPDATE citizens SET state_data = (state_data::jsonb - 'search')::text"
        " WHERE state_data::jsonb -> 'search' <> 'null'::jsonb"
        " AND coalesce(last_seen_at, created_at) < :words_cutoff",
    }),
    ("invite_tries", "DELETE FROM invite_tries WHERE at < :tries_cutoff"),
)  # fmt: skip

# Citizens with nothing recent and nothing planned.
_INACTIVE = """
SELECT c.id, c.address FROM citizens c
WHERE coalesce(c.last_seen_at, c.created_at) < :cutoff
  AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.citizen_id = c.id
                  AND (r.status != 'closed' OR r.closed_at >= :cutoff))
  AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.citizen_id = c.id
                  AND (f.status = 'pending' OR f.sent_at >= :cutoff))
  AND NOT EXISTS (SELECT 1 FROM appointments a JOIN requests r ON r.id = a.request_id
                  WHERE r.citizen_id = c.id AND a.status IN ('proposed', 'confirmed')
                  AND a.ends_at >= :now)
  AND NOT EXISTS (SELECT 1 FROM inbound i WHERE i.address = c.address
                  AND i.status = 'received')
"""


async def purge(db: Database, now: datetime, retention_days: int, i18n=None) -> dict[str, int]:
    """Delete what is past retention (see the module docstring); the counts per kind.

    With `i18n`, the workers' Telegram copies of the purged cases become "effacé" too.
    """
    params = {
        "cutoff": to_db(now - timedelta(days=retention_days)),
        "words_cutoff": to_db(now - SEARCH_WORDS_KEPT),
        "tries_cutoff": to_db(now - INVITE_TRIES_KEPT),
        "now": to_db(now),
    }
    counts: dict[str, int] = {}
    async with db.transaction() as conn:
        counts["telegram_edits"] = await _redact(conn, params, now, i18n) if i18n else 0
        for name, sql in _WORDS:
            statement = sql if isinstance(sql, str) else sql[conn.dialect]  # JSON differs
            counts[name] = (await conn.execute(statement, params)).rowcount
        counts["citizens"] = 0
        for row in await conn.execute_fetchall(_INACTIVE, params):
            cases = await erasure.cases_of(conn, row["id"])
            await erasure.forget(conn, row["id"], row["address"], cases, now)
            counts["citizens"] += 1
        if any(counts.values()):
            detail = ",".join(f"{k}={v}" for k, v in counts.items() if v)
            await audit.log(conn, now, "system", "retention.purged", None, detail)
    await db.checkpoint()  # also catches up on one that readers kept busy after an erasure
    return counts


async def _redact(conn, params: dict, now: datetime, i18n) -> int:
    """Edit the workers' copies of the cases whose words are about to go."""
    rows = await conn.execute_fetchall(
        f"SELECT DISTINCT request_id FROM outbox WHERE request_id IN ({_OLD})"
        " AND kind = 'text' AND address LIKE 'telegram:%' AND status IN ('sent', 'delivered')",
        params,
    )
    ids = [r["request_id"] for r in rows]
    return await erasure.redact_workers_copies(conn, ids, "", now, i18n, wm.expired_message)
