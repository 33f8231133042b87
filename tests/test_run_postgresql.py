"""`relais run` on PostgreSQL: the real command, RELAIS_DATABASE a URL to tests/pg.py's server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import asyncpg

from tests.conftest import http_client, inherited
from tests.running import Running, post_sms
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

RELAIS_NUMBER = "+15145550100"
CITIZEN_NUMBER = "+15145550193"


async def test_relais_run_on_a_postgresql_url_answers_an_sms_and_stores_it_there(
    tmp_path, twilio_api, pg_url
):
    password_url = pg_url.replace("@", ":s3cret-word@", 1)  # trust auth: any password is let in
    settings = {
        "RELAIS_DATABASE": password_url,
        "RELAIS_QUIET_HOURS": "",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    async with Running(tmp_path, **settings) as relais:
        async with http_client() as http:
            await post_sms(http, relais, CITIZEN_NUMBER, "Bonjour")
        await twilio_api.wait_for(lambda: twilio_api.messages_to(CITIZEN_NUMBER), timeout=10)
        assert "Relais" in twilio_api.bodies_to(CITIZEN_NUMBER)[0]
        assert await relais.stop_with(signal.SIGTERM) == 0, relais.err.read_text()
    conn = await asyncpg.connect(pg_url)
    try:
        stored = await conn.fetch("SELECT address FROM citizens")
        sent = await conn.fetchval("SELECT count(*) FROM outbox WHERE status = 'sent'")
    finally:
        await conn.close()
    assert [r["address"] for r in stored] == [f"sms:{CITIZEN_NUMBER}"] and sent >= 1
    assert not (tmp_path / "relais.db").exists()  # nothing went to a SQLite file
    logged = relais.out.read_text() + relais.err.read_text()
    assert "s3cret-word" not in logged


async def test_relais_run_says_in_one_line_when_the_postgresql_server_does_not_answer(tmp_path):
    unused = "postgresql://relais:pw@127.0.0.1:9/relais"  # port 9 (discard): nobody listens
    relais = Running(tmp_path, RELAIS_DATABASE=unused)
    assert await relais.exit_code() == 1
    [line] = relais.err.read_text().strip().splitlines()
    assert line.startswith("relais: RELAIS_DATABASE: postgresql://relais:***@127.0.0.1:9/relais")


async def test_backup_on_postgresql_points_to_pg_dump_without_the_password(tmp_path, pg_url):
    url = pg_url.replace("@", ":s3cret-word@", 1)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "RELAIS_LOCALE": "en"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "backup", str(tmp_path / "copy.db"),
        env={**env, **inherited(), "RELAIS_DATABASE": url}, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out = (await proc.communicate())[0].decode()
    assert proc.returncode == 1 and "copy it with pg_dump" in out, out
    role = pg_url.split("//", 1)[1].split("@", 1)[0]
    assert f"postgresql://{role}:***@" in out and "s3cret-word" not in out
    assert not (tmp_path / "copy.db").exists()


async def test_a_command_says_in_one_line_when_the_postgresql_server_does_not_answer(tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), **inherited()}
    env["RELAIS_DATABASE"] = "postgresql://relais:s3cret-word@127.0.0.1:9/relais"  # nobody there
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "workers", "list", env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = (part.decode() for part in await proc.communicate())
    assert (proc.returncode, out) == (1, "")
    [line] = err.strip().splitlines()
    assert line.startswith("relais: RELAIS_DATABASE: postgresql://relais:***@127.0.0.1:9/relais: ")


async def test_a_second_relais_run_on_the_same_postgresql_database_runs_and_one_leads(
    tmp_path, pg_url
):
    """From another folder or the same one: several processes share the database; one of
    them leads (bot/core/leader.py), and when it stops another takes over."""
    (tmp_path / "a").mkdir()
    async with (
        Running(tmp_path / "a", RELAIS_DATABASE=pg_url) as first,
        Running(tmp_path, "second", RELAIS_DATABASE=pg_url) as second,
    ):
        async with http_client(timeout=5) as http:
            assert (await http.get(first.url + "/healthz")).json()["leader"] is True
            assert (await http.get(second.url + "/healthz")).json()["leader"] is False
            assert await first.stop_with(signal.SIGTERM) == 0
            for _ in range(100):  # the lock went with the first one: the second's next try
                if (await http.get(second.url + "/healthz")).json()["leader"]:
                    break
                await asyncio.sleep(0.1)
            assert (await http.get(second.url + "/healthz")).json()["leader"] is True
