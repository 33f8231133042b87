"""The request lifecycle: transitions as data; an illegal one raises, and writes nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from storage import citizens, workers
from storage import requests as store
from storage.db import open_database
from storage.requests import IllegalTransition, next_status

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as db:
        yield db


async def opened(db) -> store.Request:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO citizens (address, channel, created_at) VALUES ('sms:+1', 'sms', ?)",
            (NOW.isoformat(),),
        )
        return await store.open_request(conn, 1, "sms", "fr", "Bonjour", False, False, NOW)


def test_the_table_allows_only_the_lifecycle():
    assert next_status("waiting", "claim") == "claimed"
    assert next_status("claimed", "close") == "closed"
    assert next_status("claimed", "requeue") == "waiting"
    illegal = [("closed", "claim"), ("waiting", "close"), ("closed", "transfer")]
    illegal += [("claimed", "claim"), ("closed", "escalate"), ("waiting", "jump")]
    for status, event in illegal:
        with pytest.raises(IllegalTransition):
            next_status(status, event)


async def test_claim_close_and_an_illegal_step_that_writes_nothing(db):
    jade = await workers.add(db, "Jade T", NOW, telegram_id=1, languages=("fr",))
    request = await opened(db)
    async with db.transaction() as conn:
        claimed = await store.transition(conn, request, "claim", by=jade.id, now=NOW)
        assert (claimed.status, claimed.claimed_by, claimed.claimed_at) == ("claimed", jade.id, NOW)
        with pytest.raises(IllegalTransition):
            await store.transition(conn, request, "claim", by=jade.id, now=NOW)  # stale: 2nd press
        closed = await store.transition(conn, claimed, "close", now=NOW)
        with pytest.raises(IllegalTransition):
            await store.transition(conn, closed, "transfer", by=jade.id, now=NOW)
    (row,) = await db.fetchall("SELECT status, claimed_by, closed_at FROM requests")
    assert tuple(row) == ("closed", jade.id, NOW.isoformat(timespec="microseconds"))


async def test_requeue_and_escalation_marks(db):
    jade = await workers.add(db, "Jade T", NOW, telegram_id=1, languages=("fr",))
    request = await opened(db)
    async with db.transaction() as conn:
        escalated = await store.transition(conn, request, "escalate", now=NOW)
        assert (escalated.status, escalated.escalations) == ("waiting", 1)
        claimed = await store.transition(conn, escalated, "claim", by=jade.id, now=NOW)
        back = await store.transition(conn, claimed, "requeue", now=NOW)
        assert (back.status, back.claimed_by) == ("waiting", None)
        with pytest.raises(IllegalTransition):
            await store.transition(conn, back, "claim", now=NOW)  # a claim names its worker


async def test_the_citizen_state_reads_its_open_request_from_the_table(db):
    jade = await workers.add(db, "Jade T", NOW, telegram_id=1, languages=("fr",))
    request = await opened(db)
    async with db.transaction() as conn:
        _, state = await citizens.get_or_create(conn, "sms:+1", "fr", NOW)
        assert (state.open_request, state.request_claimed) == (request.id, False)
        claimed = await store.transition(conn, request, "claim", by=jade.id, now=NOW)
        _, state = await citizens.get_or_create(conn, "sms:+1", "fr", NOW)
        assert (state.open_request, state.request_claimed) == (request.id, True)
        await citizens.save(conn, 1, replace(state, step="request"), NOW)
        await store.transition(conn, claimed, "close", now=NOW)
        _, state = await citizens.get_or_create(conn, "sms:+1", "fr", NOW)
    assert (state.open_request, state.request_claimed, state.step) == (None, False, "menu")
    (row,) = await db.fetchall("SELECT state_data FROM citizens")
    assert "_open_request" not in row["state_data"]  # no copy kept to fall out of sync
