"""A throwaway PostgreSQL server for the tests that run on both engines.

The machine's own binaries (`pg_config --bindir`, or /usr/lib/postgresql/*/bin, or
RELAIS_PG_BINDIR) run `initdb` into a temporary folder and `pg_ctl start` on 127.0.0.1 at a
free port, without durability (fsync off: nothing here outlives the session); as user
`postgres` (or `nobody`) when the tests run as root, which PostgreSQL refuses. A migrated
template database makes each test's own database one `CREATE DATABASE … TEMPLATE` away, or
less: a finished test's database is emptied and handed to the next (`new_database`).
The server stops at the end of the session (`pg_ctl stop -m immediate`), failure or not.
Under pytest-xdist each worker starts its own (its own folder and port).

Where the binaries are missing, the tests that need them FAIL and say what to install
(README.md, "Tests on PostgreSQL"): they are never skipped.

tests/conftest.py loads this module as a plugin: its fixtures (`pg_server`, `pg_url`, `database`)
are everywhere.
"""

from __future__ import annotations

import asyncio
import atexit
import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage.pg import PgDatabase

TEMPLATE = "relais_template"
MISSING = (
    "PostgreSQL's server binaries (initdb, pg_ctl) were not found: install them (Debian/Ubuntu:"
    " `apt-get install postgresql`, which brings postgresql-contrib's unaccent; macOS:"
    " `brew install postgresql@15`) or point RELAIS_PG_BINDIR at their folder. See README.md,"
    " 'Tests on PostgreSQL'."
)


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: RELAIS_PG_BINDIR, pg_config's, or the newest
    /usr/lib/postgresql/N/bin."""
    candidates = []
    if os.environ.get("RELAIS_PG_BINDIR"):
        candidates.append(os.environ["RELAIS_PG_BINDIR"])
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(found.stdout.strip())
    by_version = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    candidates += [*by_version, "/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin"]
    for folder in candidates:
        if folder and all((Path(folder) / tool).is_file() for tool in ("initdb", "pg_ctl")):
            return Path(folder)
    return None


def _version(path: str) -> tuple[int, ...]:
    part = Path(path).parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _unprivileged() -> pwd.struct_passwd | None:
    """Who runs the server when we are root (PostgreSQL refuses to run as root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root with neither a `postgres` nor a `nobody` user")


@dataclass
class PgServer:
    """A running throwaway server: where it listens and how to stop it."""

    bindir: Path
    folder: Path
    port: int
    user: pwd.struct_passwd | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.role}@127.0.0.1:{self.port}/{database}"

    @property
    def role(self) -> str:
        return self.user.pw_name if self.user else pwd.getpwuid(os.geteuid()).pw_name

    def _command(self, *argv: str) -> list[str]:
        command = [str(self.bindir / argv[0]), *argv[1:]]
        if self.user is not None:
            command = ["setpriv", f"--reuid={self.user.pw_uid}", f"--regid={self.user.pw_gid}",
                       "--clear-groups", *command]  # fmt: skip
        return command

    def _run(self, *argv: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "PGTZ": "UTC"}
        command = self._command(*argv)
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    def watch(self) -> None:
        """A watchdog of its own session: once this process is gone, even killed (SIGTERM,
        SIGKILL: no teardown, no atexit), it stops the server and removes the folder."""
        stop = shlex.join(self._command("pg_ctl", "stop", "-m", "immediate", "-D", str(self.data)))
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done;"
            f" [ -f {shlex.quote(str(self.data / 'postmaster.pid'))} ] && {stop};"
            f" rm -rf {shlex.quote(str(self.folder))}"
        )
        # `( … ) &`: the shell started here exits at once, its background child watches on
        subprocess.run(["sh", "-c", f"({script}) &"], start_new_session=True, check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)  # fmt: skip

    def start(self) -> None:
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        done = self._run("initdb", "-D", str(self.data), "--auth=trust", "--encoding=UTF8",
                         "--locale=C.UTF-8", "--no-sync", "-U", self.role)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()[-800:]}")
        for attempt in itertools.count():
            options = (
                f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                " -c max_connections=200 -c shared_buffers=32MB"
            )
            done = self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data),
                             "-l", str(self.folder / "server.log"), "-o", options)  # fmt: skip
            if done.returncode == 0:
                self.watch()
                return
            if attempt >= 3:
                log = (self.folder / "server.log").read_text(errors="replace")[-1200:]
                raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()}\n{log}")
            self.port = _free_port()  # taken meanwhile: another one

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-m", "immediate", "-D", str(self.data))


def start_server() -> PgServer:
    """initdb + pg_ctl start in a new temporary folder; pytest.fail when PostgreSQL is missing."""
    bindir = find_bindir()
    if bindir is None:
        pytest.fail(MISSING, pytrace=False)
    folder = Path(tempfile.mkdtemp(prefix="relais-pg-"))
    server = PgServer(bindir, folder, _free_port(), _unprivileged())
    atexit.register(_discard, server)  # should the session end without its teardown
    try:
        server.start()
        # in a thread of its own: a fixture may ask for the server from inside a running loop
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, _make_template(server)).result()
    except BaseException:
        _discard(server)
        raise
    return server


def _discard(server: PgServer) -> None:
    """Stop the server (if it runs) and remove its folder; harmless twice."""
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


async def _make_template(server: PgServer) -> None:
    """`relais_template`: every migration applied, copied by each test's own database."""
    import asyncpg

    admin = await asyncpg.connect(server.url())
    try:
        await admin.execute(f"CREATE DATABASE {TEMPLATE}")
    finally:
        await admin.close()
    async with PgDatabase(server.url(TEMPLATE), pool_size=1):
        pass


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's throwaway PostgreSQL server (started on first use)."""
    server = start_server()
    try:
        yield server
    finally:
        _discard(server)


_numbers = itertools.count(1)
# This process's databases whose tests are over: emptied (TRUNCATE, ~20 ms) and handed to the
# next test instead of a new copy of the template (CREATE DATABASE, ~150 ms).
_idle: list[str] = []
# What a database is made of besides its rows; one whose test changed it is never reused.
SHAPE = """SELECT
    (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public'),
    (SELECT count(*) FROM pg_trigger),
    (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public'),
    (SELECT string_agg(version::text, ',') FROM relais_schema),
    (SELECT count(*) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid())"""
_template_shape: list[tuple] = []


async def _shape(url: str) -> tuple:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        return tuple(await conn.fetchrow(SHAPE))
    finally:
        await conn.close()


async def _emptied(server: PgServer, name: str) -> bool:
    """Empty a finished test's database for the next one; False (and it is left alone) when
    its test changed more than rows or a connection to it is still open."""
    import asyncpg

    if not _template_shape:
        _template_shape.append(await _shape(server.url(TEMPLATE)))
    conn = await asyncpg.connect(server.url(name))
    try:
        try:
            shape = tuple(await conn.fetchrow(SHAPE))
        except asyncpg.PostgresError:  # its test dropped a table, relais_schema included
            return False
        if shape != _template_shape[0]:
            return False
        tables = await conn.fetch(
            "SELECT quote_ident(tablename) FROM pg_tables"
            " WHERE schemaname = 'public' AND tablename <> 'relais_schema'"
        )
        await conn.execute(f"TRUNCATE {', '.join(t[0] for t in tables)} RESTART IDENTITY CASCADE")
        return True
    finally:
        await conn.close()


async def new_database(server: PgServer) -> str:
    """A migrated database without a row (a copy of the template, or an emptied one); its URL."""
    import asyncpg

    while _idle:
        name = _idle.pop()
        if await _emptied(server, name):
            return server.url(name)
    name = f"t{os.getpid()}_{next(_numbers)}"
    admin = await asyncpg.connect(server.url())
    try:
        await admin.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    finally:
        await admin.close()
    return server.url(name)


def _done_with(url: str) -> None:
    _idle.append(url.rsplit("/", 1)[1])


@pytest.fixture
async def pg_url(pg_server: PgServer) -> AsyncIterator[str]:
    """The URL of this test's own PostgreSQL database, migrated and empty."""
    url = await new_database(pg_server)
    yield url
    _done_with(url)


ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
async def database(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """`RELAIS_DATABASE` for a test run once per engine: SQLite in memory, then a fresh
    PostgreSQL database on the session's server."""
    if request.param == "sqlite":
        yield ":memory:"
        return
    url = await new_database(request.getfixturevalue("pg_server"))
    yield url
    _done_with(url)


def integrity_errors() -> tuple[type[Exception], ...]:
    """What a broken constraint raises, on either engine."""
    import sqlite3

    import asyncpg

    return (sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError)
