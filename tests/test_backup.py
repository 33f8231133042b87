"""`relais backup` while the bot runs, `relais restore` after checks, as an operator runs them."""

from __future__ import annotations

import asyncio
import fcntl
import os
import sqlite3
import stat
import sys
import time
from pathlib import Path

import pytest

from bot.cli.main import main
from storage.db import _migration_scripts
from tests.conftest import http_client, inherited
from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, inbound_sms_params, sign
from tests.test_run_command import Running

RELAIS_NUMBER = "+15145550100"


def relais(*argv: str) -> list[str]:
    script = Path(sys.executable).with_name("relais")
    if script.exists():
        return [str(script), *argv]
    return [sys.executable, "-m", "bot.cli.main", *argv]


async def run(env: dict[str, str], *argv: str) -> tuple[int, str]:
    """`relais …` in its own process: (exit code, stdout and stderr)."""
    proc = await asyncio.create_subprocess_exec(
        *relais(*argv),
        env=env,
        cwd=env["HOME"],  # the test's folder: no stray .env
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 20)
    return proc.returncode, out.decode()


def cli(monkeypatch, tmp_path: Path, database: Path, *argv: str, locale: str | None = "en") -> int:
    """`relais …` through the real entry point, in this process (no .env but the test's), in
    English by default here (`locale=None`: RELAIS_LOCALE unset, the French default)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RELAIS_DATABASE", str(database))
    if locale is None:
        monkeypatch.delenv("RELAIS_LOCALE", raising=False)
    else:
        monkeypatch.setenv("RELAIS_LOCALE", locale)
    return main(list(argv))


def provider_ids(database: Path) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("SELECT provider_id FROM inbound")}


def make_database(path: Path, citizens: int = 2, schema: int = 9999) -> None:
    """A database migrated up to `schema` (all by default) with a few citizens."""
    conn = sqlite3.connect(path)
    for number, _, sql in _migration_scripts():
        if number <= schema:
            conn.executescript(f"{sql}\nPRAGMA user_version = {number};")
    for n in range(citizens):
        conn.execute(
            "INSERT INTO citizens (address, channel, created_at) VALUES (?, 'sms', '2027-01-11')",
            (f"sms:+1514555012{n}",),
        )
    conn.commit()
    conn.close()


# ---- under load -------------------------------------------------------------------------------


async def post_until(url: str, k: int, stop: asyncio.Event, acked: list) -> None:
    """One sender texting again and again; (time of the 200, MessageSid) for each acknowledged."""
    async with http_client(timeout=10) as http:
        n = 0
        while not stop.is_set():
            params = inbound_sms_params(f"+151455501{k:02d}", RELAIS_NUMBER, f"Bonjour {n}")
            params["MessageSid"] = params["SmsSid"] = f"SM{k:02d}{n:030d}"
            signature = sign(DEFAULT_AUTH_TOKEN, url + "/twilio/sms", params)
            answer = await http.post(
                url + "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
            )
            if answer.status_code == 200:
                acked.append((time.monotonic(), params["MessageSid"]))
            n += 1
            await asyncio.sleep(0.02)  # a steady stream, not a flood: about 50 a second in all


async def until(check, within: float = 8.0) -> None:
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)


async def test_a_backup_taken_under_load_restores_every_acknowledged_message(tmp_path, twilio_api):
    settings = {
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "50",
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    backup = tmp_path / "backups" / "relais-2027-01-11.db"
    backup.parent.mkdir()
    async with Running(tmp_path, **settings) as bot:
        acked: list[tuple[float, str]] = []
        stop = asyncio.Event()
        senders = [asyncio.create_task(post_until(bot.url, k, stop, acked)) for k in range(2)]
        try:
            await until(lambda: len(acked) >= 30)
            started = time.monotonic()
            before = [sid for at, sid in acked if at < started]
            code, out = await run(bot.env, "backup", str(backup))
            during = len(acked) - len(before)
            await until(lambda: len(acked) >= len(before) + during + 10)  # still taking messages
        finally:
            stop.set()
            await asyncio.gather(*senders)
    assert code == 0, out
    assert "(intégrité vérifiée)" in out  # French: RELAIS_LOCALE is not set
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert during > 0  # messages were acknowledged while the copy was being made
    fresh = tmp_path / "elsewhere" / "relais.db"
    fresh.parent.mkdir()
    code, out = await run({**bot.env, "RELAIS_DATABASE": str(fresh)}, "restore", str(backup))
    assert code == 0, out
    restored = provider_ids(fresh)
    missing = [sid for sid in before if f"sms:{sid}" not in restored]
    assert missing == [], f"{len(missing)} of {len(before)} acknowledged messages lost"
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ---- backup -----------------------------------------------------------------------------------


def test_backup_is_one_private_file_and_says_what_it_holds(monkeypatch, tmp_path, capsys):
    database, copy = tmp_path / "relais.db", tmp_path / "copy.db"
    make_database(database, citizens=3)
    assert cli(monkeypatch, tmp_path, database, "backup", str(copy)) == 0
    out = capsys.readouterr().out
    assert f"Backup written to {copy} (integrity ok): 3 citizens" in out
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "relais.db"]


def test_backup_of_a_missing_database_creates_nothing(monkeypatch, tmp_path, capsys):
    database = tmp_path / "typo.db"
    assert cli(monkeypatch, tmp_path, database, "backup", str(tmp_path / "copy.db")) == 1
    assert "no database at" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_backup_answers_in_french_by_default(monkeypatch, tmp_path, capsys):
    database, copy = tmp_path / "relais.db", tmp_path / "copie.db"
    make_database(database, citizens=1)
    assert cli(monkeypatch, tmp_path, database, "backup", str(copy), locale=None) == 0
    assert capsys.readouterr().out == (
        f"Copie écrite dans {copy} (intégrité vérifiée) : 1 citoyen, 0 intervenant, 0 demande,"
        " 0 message reçu, 0 message envoyé ou en attente.\n"
    )
    folder = tmp_path / "copies"
    folder.mkdir()
    assert cli(monkeypatch, tmp_path, database, "backup", str(folder), locale=None) == 1
    assert capsys.readouterr().out == (
        f"erreur : {folder} est un dossier : donnez le nom du fichier de la copie\n"
    )
    assert list(folder.iterdir()) == []


def test_backup_refusals_in_english(monkeypatch, tmp_path, capsys):
    database = tmp_path / "relais.db"
    make_database(database, citizens=1)
    assert cli(monkeypatch, tmp_path, database, "backup", str(tmp_path)) == 1
    out = capsys.readouterr().out
    assert out == f"error: {tmp_path} is a folder: give the backup's file name\n"
    assert cli(monkeypatch, tmp_path, database, "backup", str(tmp_path / "no" / "copy.db")) == 1
    assert capsys.readouterr().out == f"error: no folder {tmp_path / 'no'} to write copy.db in\n"
    assert cli(monkeypatch, tmp_path, database, "backup", str(database)) == 1
    assert capsys.readouterr().out == f"error: {database} is the database itself\n"


# ---- restore ----------------------------------------------------------------------------------


def test_restore_swaps_the_backup_in_and_keeps_the_old_database_aside(
    monkeypatch, tmp_path, capsys
):
    database, backup = tmp_path / "relais.db", tmp_path / "backup.db"
    make_database(backup, citizens=1)
    make_database(database, citizens=5)
    assert cli(monkeypatch, tmp_path, database, "restore", str(backup)) == 0
    out = capsys.readouterr().out
    assert "(integrity ok): 1 citizen, 0 workers" in out
    (aside,) = tmp_path.glob("relais.db.before-restore-*")
    assert str(aside) in out
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 1
    with sqlite3.connect(aside) as conn:
        assert conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 5
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600


def test_restore_refuses_while_relais_run_holds_the_database(monkeypatch, tmp_path, capsys):
    database, backup = tmp_path / "relais.db", tmp_path / "backup.db"
    make_database(backup, citizens=1)
    make_database(database, citizens=5)
    # What `relais run` holds while it runs: an exclusive flock on <database>.lock.
    fd = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert cli(monkeypatch, tmp_path, database, "restore", str(backup)) == 1
    finally:
        os.close(fd)
    assert "relais run is using" in capsys.readouterr().out
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 5
    assert list(tmp_path.glob("*.before-restore-*")) == []


async def test_restore_refuses_while_relais_run_has_the_database_open(tmp_path):
    backup = tmp_path / "backup.db"
    make_database(backup, citizens=1)
    async with Running(tmp_path) as bot:
        code, out = await run(bot.env, "restore", str(backup))
        assert code == 1 and "erreur : relais run utilise" in out  # French by default
        async with http_client() as http:
            assert (await http.get(bot.url + "/healthz")).status_code == 200
    assert list(tmp_path.glob("*.before-restore-*")) == []


async def test_the_bot_starts_on_a_restored_older_backup_and_migrates_it(tmp_path):
    backup, database = tmp_path / "backup.db", tmp_path / "relais.db"
    make_database(backup, citizens=3, schema=5)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), **inherited()}
    code, out = await run({**env, "RELAIS_DATABASE": str(database)}, "restore", str(backup))
    assert code == 0, out
    async with Running(tmp_path) as bot:
        async with http_client() as http:
            assert (await http.get(bot.url + "/healthz")).json()["status"] == "ok"
    latest = max(number for number, _, _ in _migration_scripts())
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest
        assert conn.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] == 3


def _damage(path: Path) -> None:
    """Overwrite the middle of the file (a table's pages) with garbage."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xa5" * 8192
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 9999")


def _without_outbox(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE cards")
        conn.execute("DROP TABLE outbox")


def _not_sqlite(path: Path) -> None:
    path.write_text("citizen,phone\n")


def test_restore_answers_in_french_by_default(monkeypatch, tmp_path, capsys):
    database, backup = tmp_path / "relais.db", tmp_path / "copie.db"
    make_database(backup, citizens=2)
    make_database(database, citizens=5)
    assert cli(monkeypatch, tmp_path, database, "restore", str(backup), locale=None) == 0
    (aside,) = tmp_path.glob("relais.db.before-restore-*")
    assert capsys.readouterr().out == (
        f"{backup} remis en place dans {database} (intégrité vérifiée) : 2 citoyens,"
        " 0 intervenant, 0 demande, 0 message reçu, 0 message envoyé ou en attente.\n"
        f"La base remplacée est gardée sous le nom {aside}.\n"
    )
    _newer(backup)
    assert cli(monkeypatch, tmp_path, database, "restore", str(backup), locale=None) == 1
    assert capsys.readouterr().out == (
        f"erreur : {backup} a le schéma 9999; cette version de Relais connaît les schémas 1 à"
        f" {max(number for number, _, _ in _migration_scripts())}\n"
    )
    assert cli(monkeypatch, tmp_path, database, "restore", str(tmp_path / "typo.db")) == 1
    assert capsys.readouterr().out == f"error: no file at {tmp_path / 'typo.db'}\n"


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (_damage, "damaged"),
        (_newer, "has schema 9999"),
        (_without_outbox, "lacks tables of schema"),
        (_not_sqlite, "not a usable SQLite database"),
    ],
    ids=["damaged", "newer-schema", "missing-table", "not-sqlite"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(monkeypatch, tmp_path, capsys, spoil, says):
    database, backup = tmp_path / "relais.db", tmp_path / "backup.db"
    make_database(backup, citizens=400)
    spoil(backup)
    make_database(database, citizens=5)
    before = database.read_bytes()
    assert cli(monkeypatch, tmp_path, database, "restore", str(backup)) == 1
    assert says in capsys.readouterr().out
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "relais.db" in p.name) == ["relais.db"]
