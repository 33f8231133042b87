"""`relais db copy FROM TO`: a network filled by the real bot, moved SQLite → PostgreSQL → SQLite.

The network is written through the service layer (bot/sim/harness.py over a SQLite file):
citizens writing by SMS and Telegram, a worker taking a case and answering, a note, a closed
case with a check-in, a welcoming place, a resource directory imported, a rota. The copies
are compared row for row with the original, searched, and run by the bot again.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import pytest

from bot.cli.main import main
from bot.resources.importer import import_directory
from bot.resources.search import search
from bot.sim.harness import Service
from storage import transfer
from storage import workers as worker_store
from storage.db import _migration_scripts, open_database
from tests import service as svc
from tests.conftest import run_cli
from tests.pg import new_database
from tests.test_backup import make_database

NOW = svc.AFTERNOON
STOP = "systemctl stop relais"
TELEGRAM_CITIZEN = 4242
DIRECTORY = (
    "name,description,category,phone,address,hours,url,languages\n"
    "Épicerie solidaire,Aliments à bas prix,food,514-555-0100,1 rue A,,,fr\n"
    "Clinique juridique,Droits des locataires,legal,514-555-0101,2 rue B,,,fr\n"
    "Halte-chaleur,Un café au chaud,housing,514-555-0102,3 rue C,,,fr\n"
)


async def _fill(path: Path, folder: Path) -> None:
    """A network's day, through the real bot, into the SQLite file at `path`."""
    directory = folder / "repertoire.csv"
    directory.write_text(DIRECTORY, encoding="utf-8")
    async with svc.running(database=str(path)) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", 7001)
        lou = await svc.add_worker(service, "Lou Gagnon", 7002, role="coordinator")
        await svc.always_on_duty(service, jade, lou)
        await import_directory(service.db, directory, now=service.now())
        code, _ = await run_cli(
            service.db, "places", "add", "Salle", "du", "Sésame", "--org", "Le Sésame",
            "--windows", "mon 09:00-12:00; wed 13:00-16:00", now=service.now(),
        )  # fmt: skip
        assert code == 0
        await svc.takes(service, jade, svc.CITIZEN, "J'ai besoin d'aide pour mon loyer")
        await service.worker_text(jade, "Bonjour, je vous appelle demain.")
        await service.worker_text(jade, "/note Préfère être appelée le matin")
        await service.citizen_sms(svc.CITIZEN, "Merci, je serai là")
        await svc.close(service, jade, "#A1")
        await service.worker_text(jade, "/suivi #A1 1sem Petit bonjour")
        await service.citizen_telegram(TELEGRAM_CITIZEN, "Je cherche une épicerie", "fr")
        await service.citizen_sms("+15145550122", "Bonjour")
        await service.advance(timedelta(minutes=20))


@pytest.fixture(scope="session")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filled SQLite file, built once; tests copy it (`source`)."""
    folder = tmp_path_factory.mktemp("network")
    path = folder / "relais.db"
    with ThreadPoolExecutor(1) as pool:  # its own loop: fixtures may run inside one
        pool.submit(asyncio.run, _fill(path, folder)).result()
    return path


@pytest.fixture
def source(network: Path, tmp_path: Path) -> Path:
    """A copy of the network's file, this test's own."""
    path = tmp_path / "relais.db"
    shutil.copy(network, path)
    return path


def relais(monkeypatch, tmp_path: Path, *argv: str, locale: str = "fr") -> int:
    """`relais …` through the real entry point, from the test's folder (no .env)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RELAIS_LOCALE", locale)
    monkeypatch.setenv("RELAIS_DATABASE", str(tmp_path / "unused.db"))
    return main(list(argv))


def copy(monkeypatch, capsys, tmp_path: Path, source: str, target: str, **kw) -> tuple[int, str]:
    """`relais db copy SOURCE TARGET`: (exit code, what it printed)."""
    code = relais(monkeypatch, tmp_path, "db", "copy", source, target, **kw)
    return code, capsys.readouterr().out


def edit(path: Path, *statements: str) -> None:
    """Change a SQLite file behind the bot's back (and close it: an open file is "in use")."""
    conn = sqlite3.connect(path)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def run(coroutine):
    """An async check from a test that drives the (synchronous) command line."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def everything(place: str) -> dict[str, list[tuple]]:
    """Every row of every table, keyed and converted as the copy compares them."""
    async with open_database(place) as db, db.transaction() as conn:
        result = {}
        for table in (await transfer.tables(conn)).values():
            names = [c.name for c in table.columns]
            listed = ", ".join(transfer.quoted(n) for n in sorted(names))
            rows = await conn.execute_fetchall(f"SELECT {listed} FROM {table.name}")
            kinds = [table.kind(n) for n in sorted(names)]
            result[table.name] = sorted(
                tuple(repr(transfer.convert(row[i], k)) for i, k in enumerate(kinds))
                for row in rows
            )
        return result


async def found_names(place: str, words: str) -> list[str]:
    async with open_database(place) as db:
        hits = await search(db, words, now_utc=NOW, tz=svc.settings().timezone, limit=5)
    return [hit.name for hit in hits]


# ---- the round trip ---------------------------------------------------------------------------


def test_sqlite_to_postgresql_and_back_keeps_every_row(
    monkeypatch, capsys, tmp_path, source, pg_url
):
    original = run(everything(str(source)))
    assert all(original[t] for t in ("citizens", "workers", "requests", "inbound", "outbox",
                                     "notes", "followups", "places", "place_windows",
                                     "resources", "shifts", "cards", "audit"))  # fmt: skip

    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url)
    assert code == 0, out
    counts = {name: len(rows) for name, rows in original.items()}
    assert out.startswith(f"Copie terminée de {source} vers {pg_url} : ")
    assert f"{counts['citizens']} citoyens, 2 intervenants" in out and "comptes vérifiés." in out
    assert out.count("\n") == 1
    assert run(everything(pg_url)) == original

    back = tmp_path / "back" / "relais.db"
    back.parent.mkdir()
    code, out = copy(monkeypatch, capsys, tmp_path, pg_url, str(back), locale="en")
    assert code == 0, out
    assert out.startswith(f"Copy complete from {pg_url} to {back}: ") and "counts verified" in out
    assert run(everything(str(back))) == original
    conn = sqlite3.connect(back)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_resource_search_works_on_both_copies(monkeypatch, capsys, tmp_path, source, pg_url):
    back = tmp_path / "back.db"
    assert copy(monkeypatch, capsys, tmp_path, str(source), pg_url)[0] == 0
    assert copy(monkeypatch, capsys, tmp_path, pg_url, str(back))[0] == 0
    grocery = set(run(found_names(str(source), "épicerie")))
    tenants = set(run(found_names(str(source), "locataires")))
    assert "Épicerie solidaire" in grocery and "Clinique juridique" in tenants
    for place in (str(source), pg_url, str(back)):  # the same hits (each engine ranks its own)
        assert set(run(found_names(place, "EPICERIE"))) == grocery, place  # accent-, case-blind
        assert set(run(found_names(place, "locataire"))) == tenants, place  # a stem


def test_the_bot_keeps_working_on_the_copy(monkeypatch, capsys, tmp_path, source, pg_url):
    assert copy(monkeypatch, capsys, tmp_path, str(source), pg_url)[0] == 0
    before = run(_largest_ids(pg_url))

    async def a_day_later() -> None:
        async with svc.running(NOW + timedelta(days=1), database=pg_url) as service:
            jade = await worker_store.get_by_name(service.db, "Jade Tremblay")
            await svc.takes(service, jade, "+15145550133", "J'ai besoin d'aide pour mes courses")
            assert service.texts("sms:+15145550133"), "a new citizen got no answer"
            await service.worker_text(jade, "/note Rappeler lundi")
            await service.worker_text(jade, "Je vous appelle cet après-midi.")
            assert "Je vous appelle cet après-midi." in service.texts("sms:+15145550133")[-1]

    run(a_day_later())
    after = run(_largest_ids(pg_url))
    for table in ("citizens", "requests", "inbound", "outbox", "notes", "cards"):
        assert after[table] > before[table], table


async def _largest_ids(place: str) -> dict[str, int]:
    async with open_database(place) as db:
        tables = ("citizens", "requests", "inbound", "outbox", "notes", "cards")
        return {t: (await db.fetchone(f"SELECT coalesce(max(id), 0) FROM {t}"))[0] for t in tables}


# ---- refusals ---------------------------------------------------------------------------------


def test_a_target_with_rows_is_refused_in_one_line(monkeypatch, capsys, tmp_path, source, pg_url):
    assert copy(monkeypatch, capsys, tmp_path, str(source), pg_url)[0] == 0
    rows = run(everything(pg_url))
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url)
    assert code == 2
    assert out.startswith(f"erreur : {pg_url} contient déjà des données (") and "citizens (" in out
    assert out.count("\n") == 1
    assert run(everything(pg_url)) == rows

    other = tmp_path / "other.db"
    shutil.copy(source, other)
    code, out = copy(monkeypatch, capsys, tmp_path, pg_url, str(other), locale="en")
    assert code == 2 and "already holds data" in out and out.count("\n") == 1


def test_a_migrated_empty_sqlite_target_is_fine(monkeypatch, capsys, tmp_path, source):
    target = tmp_path / "empty.db"
    run(_open_and_close(str(target)))
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), str(target))
    assert code == 0, out


async def _open_and_close(place: str) -> None:
    async with open_database(place):
        pass


def test_a_missing_source_is_refused_and_nothing_is_created(monkeypatch, capsys, tmp_path, pg_url):
    target = tmp_path / "new.db"
    code, out = copy(monkeypatch, capsys, tmp_path, str(tmp_path / "nowhere.db"), str(target))
    assert code == 2
    assert (
        out
        == f"erreur : aucune base de données Relais à {tmp_path / 'nowhere.db'} : rien à copier\n"
    )
    assert list(tmp_path.iterdir()) == []

    async def drop_schema() -> str:
        # a PostgreSQL database without Relais's schema: refused, not given one
        admin = await asyncpg.connect(pg_url)
        try:
            await admin.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        finally:
            await admin.close()
        return pg_url

    bare = run(drop_schema())
    code, out = copy(monkeypatch, capsys, tmp_path, bare, str(target), locale="en")
    assert code == 2 and "is not a Relais database" in out
    assert not target.exists()


def test_the_password_of_a_url_is_never_printed(monkeypatch, capsys, tmp_path, source, pg_url):
    parts = urlsplit(pg_url)
    secret = parts._replace(netloc=f"{parts.username}:s3cr3t-pw@{parts.hostname}:{parts.port}")
    with_password = secret.geturl()  # the test server trusts: the password is ignored
    masked = with_password.replace("s3cr3t-pw", "***")
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), with_password)
    assert code == 0 and masked in out and "s3cr3t-pw" not in out
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), with_password)
    assert code == 2 and masked in out and "s3cr3t-pw" not in out
    unreachable = f"postgresql://relais:s3cr3t-pw@127.0.0.1:{_closed_port()}/relais"
    code, out = copy(monkeypatch, capsys, tmp_path, unreachable, str(tmp_path / "x.db"))
    assert code == 2 and "impossible d'ouvrir postgresql://relais:***@127.0.0.1" in out
    assert "s3cr3t-pw" not in out


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_citizen_data_is_printed(monkeypatch, capsys, tmp_path, source, pg_url):
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url)
    assert code == 0
    for private in (svc.CITIZEN, "loyer", str(TELEGRAM_CITIZEN), "Jade", "Préfère"):
        assert private not in out


def test_a_running_bot_on_either_side_is_refused(monkeypatch, capsys, tmp_path, source, pg_url):
    async def while_running(place: str, *argv: str) -> tuple[int, str]:
        async with Service(NOW, database=place):
            return await asyncio.to_thread(copy, monkeypatch, capsys, tmp_path, *argv)

    code, out = run(while_running(str(source), str(source), pg_url))
    assert code == 2
    assert out == f"erreur : relais run utilise {source} : arrêtez-le d'abord (p. ex. {STOP})\n"
    code, out = run(while_running(pg_url, str(source), pg_url))
    # The running service's connections (one or more: the pool grows with the load).
    assert code == 2 and re.search(r"connexions? de Relais (est|sont) ouvertes? sur", out), out
    assert run(everything(pg_url))["citizens"] == []


# ---- a copy that fails is rolled back ----------------------------------------------------------


def test_a_value_the_target_cannot_hold_rolls_everything_back(
    monkeypatch, capsys, tmp_path, source, pg_url
):
    # SQLite keeps text in an INTEGER column
    edit(source, "UPDATE workers SET on_call = 'oui' WHERE name = 'Lou Gagnon'")
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url)
    assert code == 1
    assert "workers.on_call" in out and "rien n'a été copié" in out and "oui" not in out
    assert all(rows == [] for rows in run(everything(pg_url)).values())


def test_loosely_typed_values_are_converted_for_postgresql(
    monkeypatch, capsys, tmp_path, source, pg_url
):
    # blobs where the columns say INTEGER, REAL and TEXT: SQLite keeps them as they came
    edit(
        source,
        "UPDATE workers SET on_call = CAST('1' AS BLOB) WHERE name = 'Lou Gagnon'",
        "UPDATE resources SET latitude = CAST('45.5' AS BLOB) WHERE name = 'Halte-chaleur'",
        "UPDATE citizens SET language = CAST('en' AS BLOB) WHERE channel = 'telegram'",
    )
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url)
    assert code == 0, out

    async def read() -> tuple:
        async with open_database(pg_url) as db:
            lou = await db.fetchone("SELECT on_call FROM workers WHERE name = 'Lou Gagnon'")
            halte = await db.fetchone("SELECT latitude FROM resources WHERE name = 'Halte-chaleur'")
            tg = await db.fetchone("SELECT language FROM citizens WHERE channel = 'telegram'")
            return lou[0], halte[0], tg[0]

    assert run(read()) == (1, 45.5, "en")


def test_counts_that_differ_roll_the_copy_back(monkeypatch, capsys, tmp_path, source):
    target = tmp_path / "target.db"
    run(_open_and_close(str(target)))
    lose = "DELETE FROM notes WHERE id = new.id"  # a target that silently loses the notes
    edit(target, f"CREATE TRIGGER lose AFTER INSERT ON notes BEGIN {lose}; END")
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), str(target))
    assert code == 1
    assert out == (
        "erreur : les comptes diffèrent après la copie (tables notes) : copie annulée, "
        "rien n'a été écrit\n"
    )
    assert run(everything(str(target)))["citizens"] == []


def test_a_new_sqlite_target_is_removed_when_the_copy_fails(monkeypatch, capsys, tmp_path, source):
    edit(source, "PRAGMA foreign_keys = OFF", "UPDATE notes SET request_id = 999")
    target = tmp_path / "new.db"
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), str(target), locale="en")
    assert code == 2 and "notes" in out
    assert not target.exists() and not Path(f"{target}-wal").exists()


# ---- the command line ------------------------------------------------------------------------


def test_db_copy_is_listed_in_french_and_english(monkeypatch, capsys, tmp_path):
    for locale, words in (("fr", "passer de SQLite à PostgreSQL"), ("en", "SQLite to PostgreSQL")):
        with pytest.raises(SystemExit):
            relais(monkeypatch, tmp_path, "--help", locale=locale)
        assert words in capsys.readouterr().out
    with pytest.raises(SystemExit):
        relais(monkeypatch, tmp_path, "db", "copy", "--help", locale="en")
    assert "FROM" in (out := capsys.readouterr().out) and "new or empty" in out


def test_from_and_to_the_same_file_is_refused(monkeypatch, capsys, tmp_path, source):
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), str(source))
    assert code == 2 and "à la fois la source et la destination" in out


@pytest.fixture(autouse=True)
def _no_stray_database(tmp_path: Path) -> Iterator[None]:
    yield
    assert not (tmp_path / "unused.db").exists()  # the command never opens RELAIS_DATABASE


def test_an_older_source_is_migrated_first_and_the_command_says_so(
    monkeypatch, capsys, tmp_path, pg_url
):
    old = tmp_path / "old.db"
    make_database(old, citizens=2, schema=12)
    code, out = copy(monkeypatch, capsys, tmp_path, str(old), pg_url)
    assert code == 0, out
    latest = max(number for number, _, _ in _migration_scripts())
    first, summary = out.splitlines()
    assert first == (
        f"{old} était à la migration 12 : mise à jour à la migration {latest} avant la copie "
        "(comme relais run le ferait)."
    )
    assert summary.startswith("Copie terminée") and "2 citoyens" in summary


def test_a_source_newer_than_this_relais_is_refused(monkeypatch, capsys, tmp_path, source, pg_url):
    edit(source, "PRAGMA user_version = 999")
    code, out = copy(monkeypatch, capsys, tmp_path, str(source), pg_url, locale="en")
    assert code == 2 and "is at migration 999, newer than this version of Relais" in out


def test_postgresql_to_postgresql(monkeypatch, capsys, tmp_path, source, pg_url, pg_server):
    assert copy(monkeypatch, capsys, tmp_path, str(source), pg_url)[0] == 0
    other = run(new_database(pg_server))
    code, out = copy(monkeypatch, capsys, tmp_path, pg_url, other)
    assert code == 0, out
    assert run(everything(other)) == run(everything(str(source)))
