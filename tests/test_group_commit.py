"""The write lock and the inbound group commit (storage/db.py, storage/inbound.py): what a
webhook waits for goes before other work, and a burst of webhooks shares one flush to disk."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from flows.types import Inbound, Kind
from storage.db import Busy, Database, WriteLock
from storage.inbound import GroupCommit

AT = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)


def _sms(n: int, provider_id: str | None = None) -> Inbound:
    return Inbound(
        address=f"sms:+1514555{n:04d}",
        kind=Kind.TEXT,
        text="Bonjour",
        provider_id=provider_id or f"sms:SM{n:032d}",
        received_at=AT,
    )


@pytest.fixture
async def db(tmp_path):
    database = Database(str(tmp_path / "relais.db"))
    await database.open()
    yield database
    await database.close()


async def _turns() -> None:
    for _ in range(20):  # let every task that can run, run
        await asyncio.sleep(0)


async def test_a_first_waiter_goes_before_the_others_in_arrival_order() -> None:
    lock, order = WriteLock(), []
    await lock.acquire()

    async def take(name: str, first: bool) -> None:
        await lock.acquire(first)
        order.append(name)
        lock.release()

    tasks = [asyncio.create_task(take(n, n.startswith("webhook"))) for n in
             ("backlog 1", "webhook 1", "backlog 2", "webhook 2")]  # fmt: skip
    await _turns()
    lock.release()
    await asyncio.gather(*tasks)
    assert order == ["webhook 1", "webhook 2", "backlog 1", "backlog 2"]
    assert not lock.locked()


async def test_urgent_waiters_go_after_the_first_ones_and_before_the_others() -> None:
    """A crisis's processing (urgent) jumps the ordinary backlog, never a webhook's store."""
    lock, order = WriteLock(), []
    await lock.acquire()

    async def take(name: str) -> None:
        await lock.acquire(first=name.startswith("webhook"), urgent=name.startswith("crisis"))
        order.append(name)
        lock.release()

    names = ("backlog 1", "crisis 1", "webhook 1", "backlog 2", "crisis 2", "webhook 2")
    tasks = [asyncio.create_task(take(name)) for name in names]
    await _turns()
    lock.release()
    await asyncio.gather(*tasks)
    assert order == ["webhook 1", "webhook 2", "crisis 1", "crisis 2", "backlog 1", "backlog 2"]
    assert not lock.locked()


@pytest.mark.parametrize("kind", [{"first": True}, {"urgent": True}], ids=["first", "urgent"])
async def test_a_cancelled_waiter_leaves_the_queue_and_the_lock_moves_on(kind) -> None:
    lock = WriteLock()
    await lock.acquire()
    gave_up = asyncio.create_task(lock.acquire(**kind))
    later = asyncio.create_task(lock.acquire())
    await _turns()
    gave_up.cancel()
    await _turns()
    lock.release()
    await asyncio.wait_for(later, 5)
    assert gave_up.cancelled() and lock.locked()
    lock.release()
    assert not lock.locked()


async def test_a_waiter_cancelled_after_the_hand_over_passes_the_lock_on() -> None:
    lock = WriteLock()
    await lock.acquire()
    handed = asyncio.create_task(lock.acquire())
    nxt = asyncio.create_task(lock.acquire())
    await _turns()
    lock.release()  # `handed` now owns it, but has not run yet
    handed.cancel()
    await asyncio.wait_for(nxt, 5)
    assert lock.locked()
    lock.release()
    assert not lock.locked()


async def test_a_burst_shares_one_durable_commit_and_each_caller_gets_its_ids(db) -> None:
    statements: list[str] = []
    conn = db.conn
    await conn._execute(conn._conn.set_trace_callback, statements.append)  # sqlite3's own
    commits = GroupCommit(db)
    async with db.transaction():  # the lock is held (a message being processed)
        calls = [asyncio.create_task(commits.store([_sms(n)], wait=None)) for n in range(10)]
        duplicate = asyncio.create_task(commits.store([_sms(99, "sms:SM" + "0" * 32)], wait=None))
        await _turns()
        assert not any(c.done() for c in calls)  # nothing is acknowledged before it is stored
    results = await asyncio.gather(*calls)
    assert await duplicate == [None]  # the same provider id as the first: a redelivery
    await conn._execute(conn._conn.set_trace_callback, None)
    ids = [r[0] for r in results]
    assert None not in ids and len(set(ids)) == 10
    rows = await db.fetchall("SELECT id, address FROM inbound ORDER BY id")
    assert [r["address"] for r in rows] == [_sms(n).address for n in range(10)]
    inserts = [i for i, s in enumerate(statements) if s.startswith("INSERT INTO inbound")]
    commits_between = [s for s in statements[inserts[0] : inserts[-1]] if s == "COMMIT"]
    assert len(inserts) == 11 and not commits_between  # one transaction for the burst
    assert statements.count("PRAGMA synchronous=FULL") == 1


async def test_callers_with_different_bounds_are_not_mixed_and_busy_reaches_the_bounded(
    db,
) -> None:
    commits = GroupCommit(db)
    async with db.transaction():
        bounded = asyncio.create_task(commits.store([_sms(1)], wait=0.05))
        patient = asyncio.create_task(commits.store([_sms(2)], wait=None))
        with pytest.raises(Busy):
            await bounded  # a webhook answers 503 (or spools) rather than hang
        await _turns()
        assert not patient.done()
    assert (await patient)[0] is not None
    rows = await db.fetchall("SELECT address FROM inbound")
    assert [r["address"] for r in rows] == [_sms(2).address]
