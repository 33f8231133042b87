"""`relais db copy FROM TO`: a network from SQLite to PostgreSQL, or back, verified by counts.

FROM and TO are each a SQLite file or a `postgresql://` URL (`storage.db.open_database` picks
the engine). In order:

1. FROM must hold a Relais database (a SQLite file, or a PostgreSQL database with its
   `relais_schema`); TO a SQLite file that may not exist yet (its folder must) or a PostgreSQL
   database that exists (its administrator creates it). FROM and TO are not the same.
2. Nothing of Relais may be using either: on SQLite the lock `relais run` holds
   (`<database>.lock`, taken here for the whole copy, as `relais restore` does) and any other
   process with the file open; on PostgreSQL any other connection whose application_name is
   `relais` (every Relais process's).
3. Both are opened as Relais opens them, which migrates them to the latest schema: FROM is
   brought up to date first, and the command says so.
4. In one transaction on TO (and one on FROM, which holds its write lock: nothing changes it
   meanwhile): TO must hold no row at all (a migrated, empty schema is fine); every table the
   schema has is copied, parents first, keeping ids (`storage.transfer`); the search index
   is rebuilt by TO's own triggers; counts and a digest of the ids are compared table by
   table; PostgreSQL's identities are moved past the largest id. Any difference or error
   rolls TO back (a SQLite file this command created is removed) and exits 1.

Output in RELAIS_LOCALE, one summary line; URLs are shown without their password and no row's
values are ever printed. Exit 0 when copied and verified, 2 when refused before writing, 1
when the copy failed.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.cli.backup import BackupError, bot_stopped
from bot.cli.output import helptext, say
from flows import cli_db_messages as dbm
from flows.text import Text, _
from storage import transfer
from storage.db import Busy, open_database
from storage.db import _migration_scripts as sqlite_migrations
from storage.targets import check_url, is_postgresql, redacted

logger = logging.getLogger(__name__)

WAIT = 30.0  # seconds to wait for a database's write lock before giving up


class Refused(RuntimeError):
    """The copy is not started (nothing written): exit 2."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.msgid)


class Failed(RuntimeError):
    """The copy was started and rolled back: exit 1."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.msgid)


def add_parser(sub: Any) -> None:
    """Add `db` with its sub-command copy."""
    parser = sub.add_parser(
        "db", help=helptext(_("la base de données : passer de SQLite à PostgreSQL et retour"))
    )
    dsub = parser.add_subparsers(dest="db_command", metavar="{copy}", required=True)
    copy = dsub.add_parser(
        "copy",
        help=helptext(_("copier tout le réseau d'une base vers une base neuve ou vide")),
        description=helptext(
            _(
                "Copie toutes les tables de FROM vers TO, en gardant les identifiants, dans une "
                "seule transaction, puis compare les comptes des deux côtés. FROM et TO sont un "
                "fichier SQLite ou une URL postgresql://. TO doit être neuve ou vide. Arrêtez "
                "relais run d'abord."
            )
        ),
    )
    copy.add_argument(
        "source", metavar="FROM", help=helptext(_("la base à copier (fichier ou URL)"))
    )
    copy.add_argument(
        "target",
        metavar="TO",
        help=helptext(_("la base où copier, neuve ou vide (fichier ou URL)")),
    )
    copy.set_defaults(func=copy_command, own_database=True)


async def copy_command(args: Any, env: Any) -> int:
    """`relais db copy FROM TO`."""
    try:
        result = await copy_database(args.source, args.target)
    except Refused as exc:
        say(env, dbm.error(exc.text))
        return 2
    except Failed as exc:
        say(env, dbm.error(exc.text))
        return 1
    for note in result.notes:
        say(env, note)
    say(env, dbm.copied(shown(args.source), shown(args.target), result.rows))
    return 0


def shown(target: str) -> str:
    """A place as the operator may read it: a URL without its password."""
    return redacted(target) if is_postgresql(target) else target


def masked(reason: str, *targets: str) -> str:
    """An engine's message with any password of the URLs taken out."""
    for target in targets:
        if is_postgresql(target):
            with contextlib.suppress(ValueError):
                password = urlsplit(target).password
                if password:
                    reason = reason.replace(password, "***")
    return reason


@dataclass
class Copied:
    """What was copied: rows per table (as verified), and what the operator should know."""

    rows: dict[str, int]
    notes: list[Text] = field(default_factory=list)


def _latest(target: str) -> int:
    if is_postgresql(target):
        from storage.pg import _migration_scripts as pg_migrations

        return max(number for number, _, _ in pg_migrations())
    return max(number for number, _, _ in sqlite_migrations())


async def copy_database(source: str, target: str) -> Copied:
    """Copy FROM to TO as the module says; Refused or Failed with the operator's line."""
    created = _check_places(source, target)
    with contextlib.ExitStack() as held:
        for place in (source, target):
            if not is_postgresql(place):
                try:
                    held.enter_context(bot_stopped(place))
                except BackupError as exc:
                    raise Refused(exc.text) from None
        found = await _look(source)
        if found.version is None:
            raise Refused(dbm.not_relais(shown(source)))
        await _look_at_target(target, created)
        try:
            return await _copy(source, target, found.version)
        except BaseException:
            if created:  # the lock is still ours: no one else is using the new file
                _remove(target)
            raise


def _check_places(source: str, target: str) -> bool:
    """Refused unless both places can be what they must be; True when TO is a SQLite file
    that does not exist yet (this command creates it)."""
    for place in (source, target):
        if is_postgresql(place):
            try:
                check_url(place)
            except ValueError as exc:
                raise Refused(dbm.cannot_open(shown(place), masked(str(exc), place))) from None
    if not is_postgresql(source) and not Path(source).is_file():
        raise Refused(dbm.no_source(source))
    if not is_postgresql(target) and not Path(target).absolute().parent.is_dir():
        raise Refused(dbm.no_folder(str(Path(target).absolute().parent)))
    if _same(source, target):
        raise Refused(dbm.same_database(shown(source)))
    return not is_postgresql(target) and not Path(target).exists()


def _same(source: str, target: str) -> bool:
    if is_postgresql(source) != is_postgresql(target):
        return False
    if is_postgresql(source):
        a, b = urlsplit(source), urlsplit(target)
        return (a.hostname, a.port, a.path) == (b.hostname, b.port, b.path)
    return Path(target).exists() and Path(source).samefile(target)


async def _look(place: str) -> transfer.Found:
    try:
        found = await transfer.look(place)
    except Exception as exc:
        reason = masked(f"{type(exc).__name__}: {exc}", place)
        raise Refused(dbm.cannot_open(shown(place), reason)) from None
    if found.sessions:
        raise Refused(dbm.sessions_open(shown(place), found.sessions))
    if found.version is not None and found.version > _latest(place):
        raise Refused(dbm.newer_schema(shown(place), found.version, _latest(place)))
    return found


async def _look_at_target(target: str, created: bool) -> None:
    if created:
        return
    found = await _look(target)
    if found.version is None and found.tables:  # a SQLite file of something else
        raise Refused(dbm.not_relais(shown(target)))


async def _copy(source: str, target: str, before: int) -> Copied:
    notes = []
    async with _opened(source) as src_db, _opened(target) as dst_db:
        after = await src_db.version()
        if after != before:
            notes.append(dbm.migrated(shown(source), before, after))
        rows = await _copy_open(src_db, dst_db, source, target)
    return Copied(rows, notes)


@contextlib.asynccontextmanager
async def _opened(place: str):
    db = open_database(place)
    try:
        await db.open()
    except db.errors as exc:
        reason = masked(f"{type(exc).__name__}: {exc}", place)
        raise Refused(dbm.cannot_open(shown(place), reason)) from None
    try:
        yield db
    finally:
        await db.close()


class _Refusal(Exception):
    """Raised inside the transactions to roll them back, carrying the operator's line."""

    def __init__(self, error: Refused | Failed) -> None:
        self.error = error


async def _copy_open(src_db: Any, dst_db: Any, source: str, target: str) -> dict[str, int]:
    try:
        async with (
            src_db.transaction(wait=WAIT) as src,
            dst_db.transaction(wait=WAIT, durable=True) as dst,
        ):
            try:
                return await _copy_rows(src, dst, source, target)
            except (Refused, Failed) as exc:
                raise _Refusal(exc) from None
    except _Refusal as exc:
        raise exc.error from None
    except Busy:
        raise Refused(dbm.busy(f"{shown(source)} / {shown(target)}")) from None


async def _copy_rows(src: Any, dst: Any, source: str, target: str) -> dict[str, int]:
    """Inside both transactions: refuse a TO with rows, copy, verify; the verified counts."""
    ours, theirs = await transfer.tables(src), await transfer.tables(dst)
    try:
        transfer.matched(ours, theirs)
    except transfer.SchemaMismatch as exc:
        raise Refused(dbm.schema_differs(exc.table)) from None
    order = transfer.in_order(theirs)
    filled = {name: n for name, n in (await transfer.counts(dst, order)).items() if n}
    if filled:
        raise Refused(dbm.not_empty(shown(target), filled))
    broken = await transfer.broken_references(src)
    if broken:
        raise Refused(dbm.broken_references(shown(source), ", ".join(broken)))
    try:
        for table in order:
            await transfer.copy_table(src, dst, ours[table.name], table)
    except transfer.Unconvertible as exc:
        raise Failed(dbm.unconvertible(exc.table, exc.column, exc.kind)) from None
    except transfer.WriteFailed as exc:
        raise Failed(dbm.write_failed(exc.table, exc.reason)) from None
    before = await transfer.fingerprints(src, [ours[t.name] for t in order])
    after = await transfer.fingerprints(dst, order)
    differ = sorted(name for name in before if before[name] != after[name])
    if differ:
        logger.info("db_copy.mismatch", extra={"tables": ",".join(differ)})
        raise Failed(dbm.mismatch(", ".join(differ)))
    await transfer.restart_identities(dst, order)
    logger.info("db_copy.done", extra={"tables": len(order)})
    return {name: fp.rows for name, fp in after.items()}


def _remove(path: str) -> None:
    """A SQLite file this command created for a copy that did not happen."""
    for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()
