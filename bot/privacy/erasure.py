"""Erasure (OUBLIER, then OUI): everything kept about a person goes; anonymous counts stay.

In the transaction of her OUI: her citizen row (number or Telegram chat, state, tags,
check-ins), every message from and to her address, the words of her cases (first words,
notes, what workers wrote about her, what was relayed to them) and the outbox rows of the
workers' messages about her cases. The workers' copies in Telegram are edited to "effacé"
(the Bot API lets a bot edit its own messages); the worker who had a case is told. Her
requests stay as anonymous rows (no words, no citizen) so that the report still counts them.

The confirmation to her is the one row left with her address: the sender deletes it once it
is delivered (or failed for good) and empties the WAL (`drop_after_send`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from flows import worker_messages as wm
from flows.text import Text
from flows.types import Reply
from storage import outbox, workers
from storage import requests as request_store
from storage.clock import to_db

logger = logging.getLogger(__name__)

ERASE_AFTER_SEND = "erase_after_send"  # outbox payload flag: delete the row once it went out


@dataclass(frozen=True)
class Case:
    """One request of the person being erased, as it was before."""

    id: int
    claimed_by: int | None


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


async def cases_of(conn: aiosqlite.Connection, citizen_id: int) -> list[Case]:
    """Every request of this citizen, open or closed."""
    rows = await conn.execute_fetchall(
        "SELECT id, claimed_by FROM requests WHERE citizen_id = ? ORDER BY id", (citizen_id,)
    )
    return [Case(r["id"], r["claimed_by"]) for r in rows]


async def erase(
    conn: aiosqlite.Connection, citizen_id: int, address: str, now: datetime, desk, i18n
) -> None:
    """OUBLIER confirmed: delete her and her cases' words; edit and tell the workers."""
    cases = await cases_of(conn, citizen_id)
    ids = [c.id for c in cases]
    await redact_workers_copies(conn, ids, address, now, i18n)
    await forget(conn, citizen_id, address, cases, now)
    await _tell_holders(conn, desk, cases)
    logger.info("citizen.erased", extra={"requests": len(ids)})


async def forget(
    conn: aiosqlite.Connection, citizen_id: int, address: str, cases: list[Case], now: datetime
) -> None:
    """Delete the person and every word of her cases; her requests stay, anonymous."""
    ids = [c.id for c in cases]
    await _anonymize_checkins(conn, citizen_id)
    if ids:
        for table in ("outbox", "inbound", "notes", "cards", "pending_sms"):
            # inbound: hers, and the workers' messages on her cases (linked by the desk).
            await conn.execute(f"DELETE FROM {table} WHERE request_id IN ({_marks(ids)})", ids)
        await _close_cases(conn, ids, now)
    await conn.execute(
        "DELETE FROM outbox WHERE citizen_id = ? OR address = ?", (citizen_id, address)
    )
    # What she wrote until the confirmation goes; a message stored after it and not processed
    # yet ('received') is a new contact, answered next as a new person.
    await conn.execute(
        "DELETE FROM inbound WHERE (citizen_id = ? OR address = ?) AND status <> 'received'",
        (citizen_id, address),
    )
    await conn.execute(
        "UPDATE audit SET actor = 'citizen' WHERE actor = ?", (f"citizen:{citizen_id}",)
    )
    await conn.execute("DELETE FROM citizens WHERE id = ?", (citizen_id,))


async def _anonymize_checkins(conn: aiosqlite.Connection, citizen_id: int) -> None:
    """Planned check-ins go; past ones stay for the report, without person or words."""
    await conn.execute(
        "DELETE FROM followups WHERE citizen_id = ? AND status = 'pending'", (citizen_id,)
    )
    await conn.execute(
        "UPDATE followups SET status = 'cancelled', cancel_reason = 'erased'"
        " WHERE citizen_id = ? AND status = 'sent'",
        (citizen_id,),
    )
    await conn.execute(
        "UPDATE followups SET citizen_id = NULL, message = '' WHERE citizen_id = ?", (citizen_id,)
    )


async def _close_cases(conn: aiosqlite.Connection, ids: list[int], now: datetime) -> None:
    """Her requests: closed, without words or citizen; upcoming meetings cancelled."""
    at = to_db(now)
    for request_id in ids:  # the status through the lifecycle, like every other change
        request = await request_store.get(conn, request_id)
        if request is not None and request.status != "closed":
            await request_store.transition(conn, request, "erase", now=now)
    await conn.execute(
        f"UPDATE requests SET first_words = '', citizen_id = NULL WHERE id IN ({_marks(ids)})",
        ids,
    )
    await conn.execute(
        "UPDATE appointments SET status = 'cancelled', cancel_reason = 'erased',"
        " cancel_notified_at = ?, updated_at = ?"
        f" WHERE status IN ('proposed', 'confirmed') AND request_id IN ({_marks(ids)})",
        (at, at, *ids),
    )


async def redact_workers_copies(
    conn: aiosqlite.Connection,
    ids: list[int],
    address: str,
    now: datetime,
    i18n,
    says: Callable[[str], Text] = wm.erased_message,
) -> int:
    """Each message workers got about these cases becomes "effacé" in Telegram; how many.

    A message not sent yet is simply dropped (with the rest, by `forget`); one on the wire
    keeps its row, blanked, so that the edit can name it once it has gone out.
    """
    if not ids:
        return 0
    rows = await conn.execute_fetchall(
        "SELECT id, address, request_id, status, provider_message_id FROM outbox"
        f" WHERE kind = 'text' AND address LIKE 'telegram:%' AND address != ?"
        f" AND status IN ('sending', 'sent', 'delivered') AND request_id IN ({_marks(ids)})",
        (address, *ids),
    )
    await conn.execute(
        f"DELETE FROM outbox WHERE kind = 'edit' AND request_id IN ({_marks(ids)})", ids
    )
    for row in rows:
        body = i18n.render(
            says(request_store.alias(row["request_id"])), await _language(conn, row["address"])
        )
        await _edit(conn, row, body, now)
    return len(rows)


async def _edit(conn: aiosqlite.Connection, row, body: str, now: datetime) -> None:
    if row["status"] == "sending" or not (row["provider_message_id"] or "").isdigit():
        # On the wire: its message id is not known yet. The edit names the row, which keeps
        # only the new words (and a retry would send those).
        await conn.execute(
            "UPDATE outbox SET body = ?, buttons = NULL, request_id = NULL WHERE id = ?",
            (body, row["id"]),
        )
        payload = {"ref_outbox_id": row["id"]}
    else:
        payload = {"message_id": int(row["provider_message_id"])}
    await outbox.enqueue(conn, row["address"], body, now, kind="edit", payload=payload)


async def _language(conn: aiosqlite.Connection, address: str) -> str:
    chat = address.removeprefix("telegram:")
    worker = await workers.get_by_telegram_id(conn, int(chat)) if chat.isdigit() else None
    return worker.languages[0] if worker and worker.languages else "fr"


async def _tell_holders(conn: aiosqlite.Connection, desk, cases: list[Case]) -> None:
    """The worker who had each case hears that the person erased her data."""
    tell = getattr(desk, "tell_worker", None)
    for case in cases:
        worker = await workers.get(conn, case.claimed_by) if case.claimed_by else None
        if worker is not None and tell is not None:
            await tell(conn, worker, Reply(wm.case_erased(request_store.alias(case.id))))


async def mark_erase_after_send(conn: aiosqlite.Connection, outbox_ids: list[int]) -> None:
    """These rows (the confirmation to an erased person) are deleted once they went out."""
    for outbox_id in outbox_ids:
        await conn.execute(
            "UPDATE outbox SET payload = ? WHERE id = ?",
            (json.dumps({ERASE_AFTER_SEND: 1}), outbox_id),
        )


async def drop_after_send(conn: aiosqlite.Connection, item: outbox.OutboxItem) -> bool:
    """Delete a confirmation to an erased person once it went out (or failed for good)."""
    if not (item.payload or {}).get(ERASE_AFTER_SEND):
        return False
    await conn.execute("DELETE FROM outbox WHERE id = ?", (item.id,))
    return True
