"""A real `relais run` starved of its database or its file descriptors: nothing acknowledged
that is not stored, a 503 in time rather than a late 200, and half-open sockets closed."""

from __future__ import annotations

import asyncio
import errno
import io
import json
import logging
import resource
import socket
import sqlite3

import httpx

from bot.core.logs import KeyValueFormatter
from handlers.connections import ResourceErrorFilter
from tests.conftest import http_client
from tests.running import Running, sqlite_rows
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, inbound_sms_params, sign
from tests.test_polling_durability import ConfirmWatch, polling, stored_update_ids, until
from tests.test_run_guards import run_cli

RELAIS_NUMBER = "+15145550100"
SECRET = "starved-webhook-secret_0123"


def sms_settings(twilio_api) -> dict[str, str]:
    return {
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "100",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }


async def post_sms(http: httpx.AsyncClient, url: str, params: dict[str, str]) -> httpx.Response:
    signature = sign(DEFAULT_AUTH_TOKEN, url + "/twilio/sms", params)
    return await http.post(
        url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
    )


async def post_update(http: httpx.AsyncClient, url: str, update: dict) -> httpx.Response:
    return await http.post(
        url + "/telegram/webhook",
        content=json.dumps(update),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"},
    )


def private_update(update_id: int, chat_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "fr"}
    chat = {"id": chat_id, "type": "private", "first_name": "Test"}
    message = {"message_id": 1, "from": user, "chat": chat, "date": 1_764_000_000, "text": text}
    return {"update_id": update_id, "message": message}


# How long a webhook waits for the locked database before the spool or the 503: the same path
# at 1 s as at the 5 s default, without waiting out 5 s per request.
LOCKED = {"RELAIS_STORE_WAIT": "1"}


def spooled(relais: Running) -> bool:
    """Something waits in the spool (or is being replayed from it)."""
    return any(relais.database.parent.glob(relais.database.name + ".spool*"))


def hold_write_lock(database) -> sqlite3.Connection:
    """What a CLI transaction or a DB browser with an unsaved edit does: hold the write lock."""
    conn = sqlite3.connect(database, timeout=10, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


# ---- the database busy for longer than a webhook can wait -----------------------------------


async def test_while_the_database_is_locked_sms_is_spooled_and_telegram_gets_503(
    telegram_api, twilio_api, tmp_path
):
    settings = {**polling(telegram_api), **sms_settings(twilio_api), **LOCKED}
    settings["TELEGRAM_WEBHOOK_SECRET"] = SECRET
    async with Running(tmp_path, **settings) as relais:
        sms = inbound_sms_params("+15145550301", RELAIS_NUMBER, "Bonjour")
        update = private_update(88001, 3301, "Bonjour")
        lock = hold_write_lock(relais.database)
        # Twilio gives up after 15 s and does not retry: an answer must come well before.
        async with http_client(timeout=10) as http:
            answers = await asyncio.gather(
                post_sms(http, relais.url, sms), post_update(http, relais.url, update)
            )
            assert [r.status_code for r in answers] == [200, 503]  # the SMS is in the spool
            assert answers[1].headers["retry-after"]
            assert spooled(relais)
            lock.rollback()
            lock.close()
            # The SMS comes out of the spool by itself; Telegram redelivers its update.
            await twilio_api.wait_for(lambda: twilio_api.messages_to("+15145550301"), timeout=10)
            assert (await post_update(http, relais.url, update)).status_code == 200
        await telegram_api.wait_for(lambda: telegram_api.sent_messages(3301), timeout=10)
        assert not spooled(relais)
    assert "Traceback" not in relais.err.read_text()


async def test_a_spooled_sms_survives_a_kill_9(twilio_api, tmp_path):
    async with Running(tmp_path, "first", **sms_settings(twilio_api), **LOCKED) as first:
        sms = inbound_sms_params("+15145550302", RELAIS_NUMBER, "Bonjour")
        lock = hold_write_lock(first.database)
        async with http_client(timeout=10) as http:
            assert (await post_sms(http, first.url, sms)).status_code == 200
        await first.kill()
        lock.rollback()
        lock.close()
    assert sqlite_rows(first.database, "SELECT id FROM inbound") == []

    async with Running(tmp_path, "second", **sms_settings(twilio_api)) as second:
        await twilio_api.wait_for(lambda: twilio_api.messages_to("+15145550302"), timeout=10)
    stored = sqlite_rows(second.database, "SELECT provider_id FROM inbound")
    assert stored == [(f"sms:{sms['MessageSid']}",)]


async def test_polling_does_not_confirm_while_the_database_is_locked(telegram_api, tmp_path):
    watch = ConfirmWatch(telegram_api, tmp_path / "relais.db")
    async with Running(tmp_path, **polling(telegram_api)) as relais:
        lock = hold_write_lock(relais.database)
        pushed = {telegram_api.push_text(3401, "Bonjour")["update_id"]}
        await until(lambda: pushed <= set(telegram_api.served))  # the bot has fetched it,
        await asyncio.sleep(0.3)  # and tries to store it: a confirm now would be a bug
        lock.rollback()
        lock.close()
        await until(lambda: stored_update_ids(relais.database) >= pushed)
        await telegram_api.wait_for(lambda: telegram_api.sent_messages(3401), timeout=10)
    assert watch.unstored == []


async def test_a_message_after_a_spooled_one_is_stored_after_it(twilio_api, tmp_path):
    """Order per person holds: a message that finds others waiting in the spool joins them."""
    number = "+15145550303"
    async with Running(tmp_path, **sms_settings(twilio_api), **LOCKED) as relais:
        first = inbound_sms_params(number, RELAIS_NUMBER, "Bonjour")
        second = inbound_sms_params(number, RELAIS_NUMBER, "AIDE")
        lock = hold_write_lock(relais.database)
        async with http_client(timeout=10) as http:
            assert (await post_sms(http, relais.url, first)).status_code == 200  # spooled
            lock.rollback()
            lock.close()
            assert (await post_sms(http, relais.url, second)).status_code == 200
        await until(lambda: len(sqlite_rows(relais.database, "SELECT id FROM inbound")) == 2)
    rows = sqlite_rows(relais.database, "SELECT provider_id FROM inbound ORDER BY id")
    assert rows == [(f"sms:{first['MessageSid']}",), (f"sms:{second['MessageSid']}",)]


# ---- a big import while webhooks come in ------------------------------------------------------


async def test_a_big_import_does_not_hold_webhooks(twilio_api, tmp_path):
    big = tmp_path / "big.csv"
    lines = ["name,description,category,address"]
    lines += [
        f"Organisme {i},Aide alimentaire {i},alimentation,{i} rue Hochelaga" for i in range(4_000)
    ]
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A webhook waits at most a second for the database, then its SMS goes to the spool
    # (RELAIS_STORE_WAIT); and a reader looks at how far the import has come.
    async with Running(tmp_path, **sms_settings(twilio_api), **LOCKED) as relais:
        importing = asyncio.create_task(
            run_cli(tmp_path, "resources", "import", str(big), RELAIS_DATABASE=str(relais.database))
        )
        answered, seen = [], set()
        async with http_client(timeout=10) as http:
            while not importing.done():
                params = inbound_sms_params("+15145550311", RELAIS_NUMBER, "Bonjour")
                answered.append((await post_sms(http, relais.url, params)).status_code)
                seen.add(_imported(relais.database))
                await asyncio.sleep(0.02)
        code, out, err = await importing
    assert code == 0, err
    assert "4000 ajoutées" in out  # the CLI speaks RELAIS_LOCALE, French by default
    # The import was seen half done: it commits in short steps and lets go of the database
    # between them (one transaction for the whole file would show 0, then 4000, only) …
    assert {n for n in seen if 0 < n < 4000}, seen
    # … and webhooks came in all along, none waiting a second for the database: every message
    # went straight into the inbox.
    assert len(answered) >= 5 and set(answered) == {200}
    assert "spool.appended" not in relais.err.read_text()
    stored = sqlite_rows(relais.database, "SELECT id FROM inbound WHERE address LIKE 'sms:%'")
    assert len(stored) == len(answered)


def _imported(database) -> int:
    """How many of the big file's rows are committed now (a reader: WAL never waits)."""
    return sqlite_rows(database, "SELECT count(*) FROM resources WHERE source = 'big'")[0][0]


# ---- half-open connections near the file limit ------------------------------------------------


def limit_files(count: int):
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (count, count))

    return preexec


async def test_half_open_sockets_do_not_starve_a_real_webhook(twilio_api, tmp_path):
    settings = {**sms_settings(twilio_api), "RELAIS_REQUEST_TIMEOUT": "2"}
    async with Running(tmp_path, preexec=limit_files(256), **settings) as relais:
        idle = [_half_request(relais.port) for _ in range(400)]  # more than the file limit
        params = inbound_sms_params("+15145550321", RELAIS_NUMBER, "Bonjour")
        async with http_client(timeout=8) as http:
            assert (await post_sms(http, relais.url, params)).status_code == 200
        await twilio_api.wait_for(lambda: twilio_api.messages_to("+15145550321"), timeout=8)
        # The idle ones are closed by the bot: by the cap at once, the others at the deadline.
        await until(lambda: all(_closed_by_peer(s) for s in idle), within=8)
        for sock in idle:
            sock.close()
        async with http_client(timeout=5) as http:
            assert (await http.get(relais.url + "/healthz")).status_code == 200
    log = relais.err.read_text()
    assert "Traceback" not in log and len(log) < 20_000


def _half_request(port: int) -> socket.socket:
    """A socket that sends half a request's headers, then nothing."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /twilio/sms HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Len")
    sock.setblocking(False)
    return sock


def _closed_by_peer(sock: socket.socket) -> bool:
    try:
        return sock.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def test_running_out_of_files_is_one_line_a_minute_not_a_traceback_per_accept():
    """asyncio logs each failed accept with a traceback; near the file limit that was 93 MB."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(KeyValueFormatter("%(levelname)s %(name)s %(message)s"))
    handler.addFilter(ResourceErrorFilter())
    log = logging.getLogger("asyncio.test_starved")
    log.addHandler(handler)
    log.propagate = False
    try:
        for _ in range(500):
            try:
                _raise_emfile()
            except OSError:
                log.error("socket.accept() out of system resource", exc_info=True)
        log.error("something else")
    finally:
        log.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("ERROR asyncio.test_starved resource.exhausted")
    assert "error=EMFILE" in lines[0]
    assert lines[1:] == ["ERROR asyncio.test_starved something else"]


def _raise_emfile() -> None:
    raise OSError(errno.EMFILE, "Too many open files")
