"""Several `relais run` on one PostgreSQL database: any process takes any webhook, each message
is processed once and in order per citizen, each outbox row is sent once, one process leads
(the scheduled work) and another takes over when it is killed."""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from datetime import time as hour

import asyncpg

from bot.channels.sender import OutboxSender
from bot.channels.sms_channel import SmsChannel
from bot.core.turns import WORKER_CHOICE
from bot.rota.rota import Shift
from bot.sim.harness import Service
from flows.types import Inbound, Kind
from storage import inbound as inbound_store
from storage import outbox
from storage.clock import to_db, utcnow
from storage.db import open_database
from storage.pg import WRITE_LOCK_KEY, PgDatabase, key_of
from tests.conftest import http_client
from tests.running import Running, post_sms
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

RELAIS_NUMBER = "+15145550100"


def settings(pg_url: str, twilio_api) -> dict[str, str]:
    return {
        "RELAIS_DATABASE": pg_url,
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "100",  # the stand-in does not pace: the test waits for replies
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }


async def leaders(processes: list[Running]) -> list[Running]:
    async with http_client(timeout=5) as http:
        bodies = [(await http.get(p.url + "/healthz")).json() for p in processes]
    return [p for p, body in zip(processes, bodies, strict=True) if body["leader"]]


async def until(check, within: float, what: str):
    """Wait for `check()` to be true (an event, with a bound), polling."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if found := await check():
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"not within {within}s: {what}")


async def query(pg_url: str, sql: str, *args):
    conn = await asyncpg.connect(pg_url)
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


async def processing_order_kept(pg_url: str) -> dict[str, bool]:
    """Per address: were its messages processed in the order they were stored? Each row is
    marked processed by the transaction that processed it; under the database's write lock
    transactions get their ids (xmin) in commit order, so the row order by id must match."""
    rows = await query(
        pg_url,
        "SELECT address, id, xmin::text::bigint AS tx FROM inbound WHERE status = 'processed'"
        " ORDER BY address, id",
    )
    kept: dict[str, bool] = {}
    last: dict[str, int] = {}
    for row in rows:
        address = row["address"]
        kept[address] = kept.get(address, True) and row["tx"] > last.get(address, -1)
        last[address] = row["tx"]
    return kept


async def test_three_processes_answer_every_sms_once_and_in_order_per_citizen(
    tmp_path, twilio_api, pg_url
):
    env = settings(pg_url, twilio_api)
    numbers = [f"+1514555061{i}" for i in range(4)]
    texts = ["Bonjour", "J'ai besoin d'aide", "pour manger", "merci", "AIDE"]
    async with (
        Running(tmp_path, "a", **env) as a,
        Running(tmp_path, "b", **env) as b,
        Running(tmp_path, "c", **env) as c,
    ):
        processes = [a, b, c]
        assert len(await leaders(processes)) == 1
        async with http_client(timeout=10) as http:
            for turn, text in enumerate(texts):  # each citizen's messages over all three
                await asyncio.gather(
                    *(
                        post_sms(http, processes[(i + turn) % 3], n, text)
                        for i, n in enumerate(numbers)
                    )
                )

        async def all_done():
            left = await query(
                pg_url, "SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')"
            )
            done = await query(
                pg_url, "SELECT count(*) AS n FROM inbound WHERE status = 'processed'"
            )
            return left[0]["n"] == 0 and done[0]["n"] == len(numbers) * len(texts)

        await until(all_done, 20, "every message processed and every reply sent")
        statuses = await query(pg_url, "SELECT status, count(*) AS n FROM inbound GROUP BY 1")
        sent = await query(pg_url, "SELECT address, attempts FROM outbox WHERE status = 'sent'")
        for p in processes:
            assert await p.stop_with(signal.SIGTERM) == 0, p.err.read_text()
    assert {r["status"]: r["n"] for r in statuses} == {"processed": 20}
    assert await processing_order_kept(pg_url) == {f"sms:{n}": True for n in numbers}
    assert {r["attempts"] for r in sent} == {1}
    per_address = Counter(r["address"].removeprefix("sms:") for r in sent)
    assert Counter(m["to"] for m in twilio_api.messages) == per_address  # each sent once
    assert set(per_address) == set(numbers)
    assert not (tmp_path / f"relais-{pg_url.rsplit('/', 1)[1]}.lock").exists()  # no flock


async def test_when_the_leader_is_killed_another_process_takes_the_jobs_and_sends_a_checkin_once(
    tmp_path, twilio_api, pg_url
):
    env = settings(pg_url, twilio_api)
    number = "+15145550620"
    async with Running(tmp_path, "a", **env) as a, Running(tmp_path, "b", **env) as b:
        [leader] = await leaders([a, b])
        follower = b if leader is a else a
        async with http_client(timeout=10) as http:
            await post_sms(http, follower, number, "Bonjour")
        await twilio_api.wait_for(lambda: twilio_api.messages_to(number), timeout=10)
        welcome = len(twilio_api.messages_to(number))
        await leader.kill()  # kill -9: its socket closes, the server frees the leader lock
        now = utcnow()
        [citizen] = await query(pg_url, "SELECT id FROM citizens")
        await query(
            pg_url,
            "INSERT INTO followups (citizen_id, message, due_at, created_at)"
            " VALUES ($1, 'Comment allez-vous?', $2, $2)",
            citizen["id"],
            to_db(now),
        )
        await until(lambda: leaders([follower]), 30, "the follower leads")
        await twilio_api.wait_for(lambda: len(twilio_api.messages_to(number)) > welcome, timeout=15)
        [checkin] = await query(pg_url, "SELECT status, outbox_id FROM followups")
        assert await follower.stop_with(signal.SIGTERM) == 0, follower.err.read_text()
    assert checkin["status"] == "sent"
    rows = await query(
        pg_url, "SELECT status, attempts FROM outbox WHERE id = $1", checkin["outbox_id"]
    )
    assert [(r["status"], r["attempts"]) for r in rows] == [("sent", 1)]
    assert len(twilio_api.messages_to(number)) == welcome + 1  # the check-in, once


async def test_two_senders_on_one_postgresql_database_send_each_message_once_in_order(
    twilio_api, pg_url
):
    """Three messages to each of 30 people, read by two senders (two processes) at once:
    each is sent once, and each person's arrive in order."""
    numbers = [f"+151455507{i:02d}" for i in range(30)]
    now = to_db(utcnow())
    async with open_database(pg_url) as db, db.transaction() as conn:
        for turn in range(3):
            for number in numbers:
                await conn.execute(
                    "INSERT INTO outbox (address, body, next_attempt_at, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (f"sms:{number}", f"message {turn}", now, now),
                )
    senders, opened = [], []
    for name in ("host:1", "host:2"):
        db = open_database(pg_url)
        await db.open()
        channel = SmsChannel(
            DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, RELAIS_NUMBER, api_url=twilio_api.url,
            status_callback="http://127.0.0.1/twilio/status", rate=200,
        )  # fmt: skip
        senders.append(OutboxSender(db, {"sms": channel}, owner=name))
        opened.append((db, channel))
    try:
        await asyncio.gather(*(s.start() for s in senders))
        await twilio_api.wait_for(lambda: len(twilio_api.messages) >= 90, timeout=15)
    finally:
        for sender in senders:
            await sender.stop()
        for db, channel in opened:
            await channel.close()
            await db.close()
    assert Counter(m["to"] for m in twilio_api.messages) == dict.fromkeys(numbers, 3)
    for number in numbers:
        assert twilio_api.bodies_to(number) == ["message 0", "message 1", "message 2"]
    rows = await query(pg_url, "SELECT status, attempts, claimed_by FROM outbox")
    assert {(r["status"], r["attempts"]) for r in rows} == {("sent", 1)}
    assert {r["claimed_by"] for r in rows} <= {"host:1", "host:2"}


async def test_a_restart_resends_its_own_and_expired_claims_never_a_live_process_s(database):
    """recover_interrupted: this process's previous life's rows, rows whose lease expired and
    rows claimed before claims had owners go out again; rows another live process is sending
    stay its own. recover_expired (the leader's rescue): expired leases only."""
    now = utcnow()
    soon, past = now + timedelta(minutes=2), now - timedelta(seconds=1)
    claims = {
        "mine": ("host:1", soon),
        "theirs": ("host:2", soon),
        "theirs, expired": ("host:2", past),
        "before owners": (None, None),
    }
    async with open_database(database) as db:
        async with db.transaction() as conn:
            ids = {}
            for label in claims:
                ids[label] = await outbox.enqueue(conn, f"sms:{label}", label, now)
        async with db.transaction() as conn:
            for label, (owner, until) in claims.items():
                assert await outbox.claim(conn, ids[label], 0, owner, until)
        async with db.transaction() as conn:
            assert await outbox.recover_expired(conn, now) == 1
        assert await _statuses(db, ids) == {
            "mine": "sending", "theirs": "sending", "theirs, expired": "pending",
            "before owners": "sending",
        }  # fmt: skip
        async with db.transaction() as conn:
            assert await outbox.recover_interrupted(conn, now, "host:1") == 2
        assert await _statuses(db, ids) == {
            "mine": "pending", "theirs": "sending", "theirs, expired": "pending",
            "before owners": "pending",
        }  # fmt: skip
        async with db.transaction() as conn:
            assert await outbox.recover_interrupted(conn, now) == 1  # alone: every one
        assert set((await _statuses(db, ids)).values()) == {"pending"}


async def test_a_row_is_not_claimed_while_an_earlier_one_to_the_same_person_is_on_the_wire(
    database,
):
    now = utcnow()
    async with open_database(database) as db:
        async with db.transaction() as conn:
            first = await outbox.enqueue(conn, "sms:+15145550630", "un", now)
            second = await outbox.enqueue(conn, "sms:+15145550630", "deux", now)
            other = await outbox.enqueue(conn, "sms:+15145550631", "autre", now)
        async with db.transaction() as conn:
            assert await outbox.claim(conn, first, 0, "host:1", now + timedelta(minutes=2))
            assert not await outbox.claim(conn, second, 0, "host:2", now + timedelta(minutes=2))
            assert await outbox.claim(conn, other, 0, "host:2", now + timedelta(minutes=2))
            await outbox.mark_sent(conn, first, "SM1", now)
            assert await outbox.claim(conn, second, 0, "host:2", now + timedelta(minutes=2))


async def _statuses(db, ids: dict[str, int]) -> dict[str, str]:
    rows = await db.fetchall("SELECT id, status FROM outbox")
    by_id = {r["id"]: r["status"] for r in rows}
    return {label: by_id[i] for label, i in ids.items()}


# ---- what runs at once: two processes' turns, observed in pg_locks ------------------------

# Tuesday 1 December 2026, 15:00 in Montréal (20:00 UTC).
AFTERNOON = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
ROSE, LEO = "sms:+15145550640", "sms:+15145550641"
# A backend inside its transaction, past its advisory locks (the whole-database one shared),
# waiting for a row another transaction holds.
_INSIDE_AND_WAITING = (
    "SELECT DISTINCT w.pid FROM pg_locks w JOIN pg_locks g ON g.pid = w.pid"
    " WHERE NOT w.granted AND w.locktype IN ('transactionid', 'tuple')"
    " AND g.granted AND g.locktype = 'advisory' AND g.mode = 'ShareLock' AND g.objsubid = 1"
    " AND (g.classid::bigint << 32) + g.objid::bigint = $1"
)
# The same, holding the whole-database lock alone.
_ALONE_AND_WAITING = _INSIDE_AND_WAITING.replace("'ShareLock'", "'ExclusiveLock'")
# A backend waiting for an advisory lock, and which one.
_WAITING_FOR_A_KEY = (
    "SELECT pid, (classid::bigint << 32) + objid::bigint AS key FROM pg_locks"
    " WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1"
)


def _sms(provider_id: str, address: str, text: str) -> Inbound:
    return Inbound(provider_id, address, Kind.TEXT, AFTERNOON, text=text)


async def _known(service: Service, *citizens: str) -> None:
    """Each citizen's first message, processed."""
    for n, address in enumerate(citizens):
        await service.relais.engine.accept(_sms(f"first-{n}", address, "Bonjour"))
    await service.drain()


async def _holding_rows(pg_url: str, addresses: list[str]) -> asyncpg.Connection:
    """A connection inside a transaction that holds these citizens' rows (FOR UPDATE): a turn
    that saves one of them waits for it, inside its own transaction."""
    holder = await asyncpg.connect(pg_url)
    await holder.execute("BEGIN")
    await holder.execute("SELECT 1 FROM citizens WHERE address = ANY($1) FOR UPDATE", addresses)
    return holder


async def test_two_processes_turns_for_two_citizens_are_inside_their_transactions_at_once(
    pg_url,
):
    """Rose writes to one process and Léo to another: both turns are inside their write
    transactions at the same moment (the server's pg_locks says so: two backends holding the
    whole-database lock shared, each waiting for a row the test holds). With one lock for
    the whole database, the second would wait for the first's advisory lock instead."""
    async with Service(AFTERNOON, database=pg_url) as a, Service(AFTERNOON, database=pg_url) as b:
        await _known(a, ROSE, LEO)
        holder = await _holding_rows(pg_url, [ROSE, LEO])
        try:
            await a.relais.engine.accept(_sms("rose-2", ROSE, "J'ai besoin d'aide"))
            await b.relais.engine.accept(_sms("leo-2", LEO, "J'ai besoin d'aide"))

            async def both_inside():
                return len(await query(pg_url, _INSIDE_AND_WAITING, WRITE_LOCK_KEY)) == 2

            await until(both_inside, 10, "both turns inside their transactions at once")
        finally:
            await holder.execute("ROLLBACK")
            await holder.close()
        await a.drain()
        await b.drain()
    rows = await query(pg_url, "SELECT status, count(*) AS n FROM inbound GROUP BY 1")
    assert {r["status"]: r["n"] for r in rows} == {"processed": 4}
    opened = await query(pg_url, "SELECT c.address FROM requests r JOIN citizens c"
                                 " ON c.id = r.citizen_id ORDER BY 1")  # fmt: skip
    assert [r["address"] for r in opened] == [ROSE, LEO]


async def test_two_processes_turns_for_one_citizen_wait_for_her_inbox_key_and_keep_her_order(
    pg_url,
):
    """Rose's second message is being processed by one process when her third reaches the
    other: that one waits for the lock of her inbox (storing and processing hold it), not
    for the whole database; her messages are processed in the order they were stored."""
    async with Service(AFTERNOON, database=pg_url) as a, Service(AFTERNOON, database=pg_url) as b:
        await _known(a, ROSE)
        holder = await _holding_rows(pg_url, [ROSE])
        try:
            await a.relais.engine.accept(_sms("rose-2", ROSE, "J'ai besoin d'aide"))

            async def inside():
                return await query(pg_url, _INSIDE_AND_WAITING, WRITE_LOCK_KEY)

            [turn] = await until(inside, 10, "her second message's turn inside its transaction")
            third = asyncio.create_task(b.relais.engine.accept(_sms("rose-3", ROSE, "merci")))

            async def waiting_for_her_key():
                rows = await query(pg_url, _WAITING_FOR_A_KEY)
                return [r["key"] for r in rows if r["pid"] != turn["pid"]]

            keys = await until(waiting_for_her_key, 10, "the other process waits for a key")
            assert keys == [key_of(inbound_store.order_key(ROSE))]
        finally:
            await holder.execute("ROLLBACK")
            await holder.close()
        assert await third
        await a.drain()
        await b.drain()
    assert await processing_order_kept(pg_url) == {ROSE: True}
    rows = await query(pg_url, "SELECT count(*) AS n FROM inbound WHERE status = 'processed'")
    assert rows[0]["n"] == 3


async def test_two_workers_pressing_take_in_two_processes_are_decided_once_with_the_whole_database(
    pg_url,
):
    """Jade's Take reaches one process and Marc's the other: a worker's message is the desk's
    (claims, relays, /fin) and holds the whole database alone, so the second waits for it
    (pg_locks), and one of them has the case."""
    async with Service(AFTERNOON, database=pg_url) as a, Service(AFTERNOON, database=pg_url) as b:
        jade = await a.add_worker("Jade Tremblay", 7001)
        marc = await a.add_worker("Marc Roy", 7002)
        await a.set_rota([Shift(w.id, hour(9), hour(17), weekday=1) for w in (jade, marc)])
        await a.relais.engine.accept(_sms("rose-1", ROSE, "J'ai besoin d'aide pour mon loyer"))
        await a.drain()
        [request] = await query(pg_url, "SELECT id FROM requests")
        holder = await asyncpg.connect(pg_url)
        try:
            await holder.execute("BEGIN")
            await holder.execute("SELECT 1 FROM requests WHERE id = $1 FOR UPDATE", request["id"])
            for service, worker in ((a, jade), (b, marc)):
                press = f"{WORKER_CHOICE}claim:{request['id']}"
                inbound = Inbound(f"tg-{worker.telegram_id}", f"telegram:{worker.telegram_id}",
                                  Kind.CHOICE, AFTERNOON, choice=press,
                                  sender_id=worker.telegram_id)  # fmt: skip
                await service.relais.engine.accept(inbound)

            async def one_alone_inside_and_one_waiting_for_it():
                alone = await query(pg_url, _ALONE_AND_WAITING, WRITE_LOCK_KEY)
                waiting = [r for r in await query(pg_url, _WAITING_FOR_A_KEY)
                           if r["key"] == WRITE_LOCK_KEY]  # fmt: skip
                return len(alone) == 1 and len(waiting) == 1

            await until(one_alone_inside_and_one_waiting_for_it, 10, "one claim after the other")
        finally:
            await holder.execute("ROLLBACK")
            await holder.close()
        await a.drain()
        await b.drain()
    [row] = await query(pg_url, "SELECT status, claimed_by FROM requests")
    assert row["status"] == "claimed" and row["claimed_by"] in (jade.id, marc.id)
    claims = await query(pg_url, "SELECT count(*) AS n FROM audit WHERE action = 'request.claimed'")
    assert claims[0]["n"] == 1
    statuses = await query(pg_url, "SELECT DISTINCT status FROM inbound")
    assert [r["status"] for r in statuses] == ["processed"]


async def test_a_claim_leaves_a_recipient_another_process_is_claiming_and_never_waits(pg_url):
    """While one process's claim holds Rose's outbox lock (uncommitted), another process's
    claim of Rose's and Léo's rows takes Léo's at once and leaves Rose's for a next pass,
    like SKIP LOCKED: it does not wait (nor does anyone send two of Rose's at once)."""
    now = utcnow()
    until = now + timedelta(minutes=2)
    async with PgDatabase(pg_url) as a, PgDatabase(pg_url) as b:
        async with a.transaction() as conn:
            first = await outbox.enqueue(conn, ROSE, "un", now)
            second = await outbox.enqueue(conn, ROSE, "deux", now)
            other = await outbox.enqueue(conn, LEO, "autre", now)
        async with asyncio.timeout(10), a.transaction(keys=()) as claiming:
            assert await outbox.lock_recipients(claiming, [ROSE]) == {ROSE}
            assert await outbox.claim(claiming, first, 0, "host:1", until)
            async with b.transaction(keys=()) as conn:
                assert await outbox.lock_recipients(conn, [ROSE, LEO, ROSE]) == {LEO}
                assert await outbox.claim(conn, other, 0, "host:2", until)
        async with b.transaction(keys=()) as conn:  # Rose's first one is on the wire now
            assert await outbox.lock_recipients(conn, [ROSE]) == {ROSE}
            assert not await outbox.claim(conn, second, 0, "host:2", until)
    rows = await query(pg_url, "SELECT id, status, claimed_by FROM outbox ORDER BY id")
    assert [(r["status"], r["claimed_by"]) for r in rows] == [
        ("sending", "host:1"), ("pending", None), ("sending", "host:2"),
    ]  # fmt: skip
