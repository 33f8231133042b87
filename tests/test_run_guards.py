"""`relais run` refuses what it cannot do in one line, before doing anything; CLI commands
never create a database of their own."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

from tests.conftest import http_client, inherited
from tests.running import Running, free_port


def one_line(err: str) -> str:
    """The single line on stderr (no traceback)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


async def test_a_second_relais_run_on_the_same_database_is_refused_at_once(tmp_path):
    async with Running(tmp_path, "first") as first:
        second = Running(tmp_path, "second")
        assert await second.exit_code() == 1
        line = one_line(second.err.read_text())
        assert str(first.database) in line and "in use by another `relais run`" in line
        assert str(first.proc.pid) in line
        assert second.out.read_text() == ""  # nothing started, not even the port
        async with http_client() as http:
            assert (await http.get(first.url + "/healthz")).status_code == 200
    # The lock goes with the process, even after kill -9: the next start is not refused.
    async with Running(tmp_path, "third") as third:
        assert third.proc.returncode is None


async def test_port_in_use_is_one_line_and_nothing_is_done(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        relais = Running(tmp_path, RELAIS_PORT=str(taken.getsockname()[1]))
        assert await relais.exit_code() == 1
    line = one_line(relais.err.read_text())
    assert line.startswith("relais: RELAIS_PORT:") and "already in use" in line
    assert relais.out.read_text() == ""  # no "HTTP: listening" before the failure
    assert not relais.database.exists()  # the database was not even created


async def test_database_in_a_missing_folder_is_one_line(tmp_path):
    database = tmp_path / "nowhere" / "relais.db"
    relais = Running(tmp_path, RELAIS_DATABASE=str(database))
    assert await relais.exit_code() == 1
    line = one_line(relais.err.read_text())
    assert line.startswith("relais: RELAIS_DATABASE:") and str(database.parent) in line
    assert relais.out.read_text() == ""
    assert not database.parent.exists()


async def test_a_dotenv_that_is_not_utf8_is_one_line(tmp_path):
    (tmp_path / ".env").write_bytes("# Réglages\nRELAIS_LOCALE=fr\n".encode("latin-1"))
    (tmp_path / ".env").chmod(0o600)  # private, as it should be: only the encoding is wrong
    relais = Running(tmp_path)
    assert await relais.exit_code() != 0
    line = one_line(relais.err.read_text())
    assert ".env" in line and "line 1" in line and "UTF-8" in line
    assert not relais.database.exists()


async def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    (tmp_path / "relais.db").write_bytes(b"not a database, just text" * 100)
    relais = Running(tmp_path)
    assert await relais.exit_code() == 1
    line = one_line(relais.err.read_text())
    assert line.startswith("relais: RELAIS_DATABASE:") and "not a database" in line


async def test_a_client_gone_mid_body_leaves_no_traceback(tmp_path):
    async with Running(tmp_path, TWILIO_AUTH_TOKEN="x", **_sms()) as relais:
        for _ in range(3):
            _, writer = await asyncio.open_connection("127.0.0.1", relais.port)
            writer.write(
                b"POST /twilio/sms HTTP/1.1\r\nHost: x\r\nX-Twilio-Signature: abc\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 1000\r\n\r\nBody=Bon"
            )
            await writer.drain()
            writer.close()
            await writer.wait_closed()
        async with http_client() as http:  # served after the three were handled
            assert (await http.get(relais.url + "/healthz")).status_code == 200
        await relais.stop_with(signal.SIGTERM)
    assert "Traceback" not in relais.err.read_text()


def _sms() -> dict[str, str]:
    return {
        "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
        "TWILIO_PHONE_NUMBER": "+15145550100",
        "TWILIO_API_URL": f"http://127.0.0.1:{free_port()}",
    }


# ---- coordinator commands and the right database -------------------------------------------


def relais_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("relais")
    return (
        [str(script), *args] if script.exists() else [sys.executable, "-m", "bot.cli.main", *args]
    )


async def run_cli(cwd: Path, *args: str, within: float = 20, **env: str) -> tuple[int, str, str]:
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd)}
    environ.update({**inherited(), **env})
    proc = await asyncio.create_subprocess_exec(
        *relais_command(*args), env=environ, cwd=cwd, stdout=-1, stderr=-1
    )
    out, err = await asyncio.wait_for(proc.communicate(), within)
    return proc.returncode, out.decode(), err.decode()


async def test_a_cli_command_elsewhere_names_the_database_it_looked_for(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, out, err = await run_cli(elsewhere, "workers", "invite", "Jade")
    assert code == 2 and out == ""
    line = one_line(err)  # French: RELAIS_LOCALE is not set
    assert line.startswith(f"relais: aucune base de données à {elsewhere / 'relais.db'}. ")
    assert "RELAIS_DATABASE" in line
    assert list(elsewhere.iterdir()) == []  # no empty relais.db left behind
    code, out, err = await run_cli(elsewhere, "kiosk", "list", RELAIS_LOCALE="en")
    assert code == 2 and out == ""
    assert one_line(err) == (
        f"relais: no database at {elsewhere / 'relais.db'}. Run relais from the folder of the"
        " bot's .env, or set RELAIS_DATABASE to the bot's database file (`relais run` creates it)"
    )
    assert list(elsewhere.iterdir()) == []


async def test_a_cli_command_uses_the_database_relais_run_created(tmp_path):
    async with Running(tmp_path) as relais:
        code, _, err = await run_cli(
            tmp_path / "..", "workers", "list", RELAIS_DATABASE=str(relais.database)
        )
    assert code == 0, err


async def test_accepted_connections_have_nagle_off():
    """The listening socket said proto 0, so asyncio left Nagle on for every connection: a
    webhook sent right after another waited out the 40 ms delayed ACK (bench: 44 ms each at
    one in flight, 5 ms with a pause between)."""
    import asyncio
    import socket

    from bot.core.preflight import bind

    listening = bind("127.0.0.1", 0)
    accepted: asyncio.Future = asyncio.get_running_loop().create_future()

    def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.set_result(writer)

    server = await asyncio.start_server(on_connection, sock=listening)
    try:
        _, client = await asyncio.open_connection(*listening.getsockname())
        served = await asyncio.wait_for(accepted, 5)
        sock = served.get_extra_info("socket")
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
        for writer in (client, served):
            writer.close()
            await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()
