"""`relais backup PATH` and `relais restore PATH`: a consistent copy while the bot runs, and back.

The backup uses SQLite's online backup API in one step: one read transaction, so the copy is the
database as of one instant, while `relais run` keeps writing (WAL mode lets a reader and the
writer go on together). The copy is written next to PATH, checked (`PRAGMA integrity_check`),
made a single self-contained file, readable by its owner only (0600), then renamed into place.

A restore first checks the file (a SQLite database, intact, a schema this code knows, every table
its migrations create), refuses while `relais run` holds `<database>.lock`, keeps the current
database aside as `<database>.before-restore-<time>` and swaps the new one in with one rename.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.cli.output import helptext, say
from flows import cli_backup_messages as bm
from flows.text import Text, _
from storage.db import _migration_scripts
from storage.targets import is_postgresql, redacted

COUNTED = ("citizens", "workers", "requests", "inbound", "outbox")  # the tables a copy counts


class BackupError(RuntimeError):
    """The copy or the restore cannot be done; `text` is the one line for the operator."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.msgid.format(**text.kwargs()))  # French, for logs and tracebacks


def add_parser(sub: Any) -> None:
    """Add `backup PATH` and `restore PATH`."""
    backup = sub.add_parser(
        "backup",
        help=helptext(_("une copie cohérente de la base de données, bot en marche ou non")),
    )
    backup.add_argument(
        "path", metavar="PATH", help=helptext(_("le fichier à écrire (remplacé s'il existe)"))
    )
    backup.set_defaults(func=backup_command, own_database=True)
    restore = sub.add_parser(
        "restore", help=helptext(_("remettre une copie de sauvegarde (le bot doit être arrêté)"))
    )
    restore.add_argument(
        "path", metavar="PATH", help=helptext(_("un fichier écrit par `relais backup`"))
    )
    restore.set_defaults(func=restore_command, own_database=True)


async def backup_command(args: Any, env: Any) -> int:
    """`relais backup PATH`."""
    if is_postgresql(env.db.path):
        say(env, bm.error(bm.on_postgresql(redacted(env.db.path))))
        return 1
    try:
        counts = backup(env.db.path, args.path)
    except BackupError as exc:
        say(env, bm.error(exc.text))
        return 1
    say(env, bm.written(args.path, counts))
    return 0


async def restore_command(args: Any, env: Any) -> int:
    """`relais restore PATH`."""
    if is_postgresql(env.db.path):
        say(env, bm.error(bm.on_postgresql(redacted(env.db.path))))
        return 1
    try:
        counts, aside = restore(args.path, env.db.path, env.now())
    except BackupError as exc:
        say(env, bm.error(exc.text))
        return 1
    say(env, bm.restored(args.path, env.db.path, counts))
    if aside:
        say(env, bm.kept_aside(aside))
    return 0


# ---- backup ---------------------------------------------------------------------------------


def backup(database: str, target: str) -> dict[str, int]:
    """Copy the live database to `target` atomically; the row counts of the copy."""
    source, path = Path(database), Path(target)
    if not source.is_file():
        raise BackupError(bm.no_database(database))
    if path.is_dir():
        raise BackupError(bm.is_folder(target))
    if not path.parent.is_dir():
        raise BackupError(bm.no_folder(str(path.parent), path.name))
    if path.exists() and path.samefile(source):
        raise BackupError(bm.is_the_database(target))
    partial = path.with_name(path.name + ".partial")
    try:
        _copy(source, partial)
        counts = check(partial)
        _replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(bm.cannot_write(target, str(exc.strerror or exc))) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return counts


def _copy(source: Path, target: Path, mode: str = "rw") -> None:
    """SQLite's backup API in one step, into a new 0600 file; then one file, no WAL."""
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        src = sqlite3.connect(f"file:{source}?mode={mode}", uri=True, timeout=15)
    except sqlite3.Error as exc:
        raise BackupError(bm.cannot_open(str(source), str(exc))) from None
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # pages=-1: all at once, in one read transaction
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(bm.copy_failed(str(exc))) from None
    finally:
        src.close()


def _replace(partial: Path, path: Path) -> None:
    """Flush the file, rename it into place, flush the folder: the new name points to it all."""
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, path)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


# ---- checks ---------------------------------------------------------------------------------


def check(path: Path | str) -> dict[str, int]:
    """Refuse a file that is not an intact Relais database this code knows; its row counts."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(bm.cannot_open(str(path), str(exc))) from None
    try:
        return _check(conn, path)
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise BackupError(bm.damaged(str(path), str(exc))) from None
        raise BackupError(bm.not_sqlite(str(path), str(exc))) from None
    finally:
        conn.close()


def _check(conn: sqlite3.Connection, path: Path | str) -> dict[str, int]:
    result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        raise BackupError(bm.damaged(str(path), "; ".join(result[:3])))
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    known = max(number for number, _, _ in _migration_scripts())
    if not 1 <= version <= known:
        raise BackupError(bm.unknown_schema(str(path), version, known))
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = sorted(expected_tables(version) - tables)
    if missing:
        raise BackupError(bm.missing_tables(str(path), version, ", ".join(missing)))
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}


def expected_tables(version: int) -> set[str]:
    """The tables migrations 1..version create, applied to an empty database in memory."""
    conn = sqlite3.connect(":memory:")
    try:
        for number, _, sql in _migration_scripts():
            if number <= version:
                conn.executescript(sql)
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


# ---- restore --------------------------------------------------------------------------------


def restore(source: str, database: str, now: datetime) -> tuple[dict[str, int], str | None]:
    """Check `source`, then swap it in for `database`: (its counts, where the old one is)."""
    if not Path(source).is_file():
        raise BackupError(bm.no_file(source))
    if Path(database).exists() and Path(source).samefile(database):
        raise BackupError(bm.is_the_database(source))
    check(source)
    with bot_stopped(database):
        staging = Path(f"{database}.restoring")
        try:
            _copy(Path(source), staging, mode="ro")
            counts = check(staging)
            aside = _set_aside(Path(database), now)
            _replace(staging, Path(database))
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
    return counts, aside


@contextlib.contextmanager
def bot_stopped(database: str) -> Iterator[None]:
    """Hold `<database>.lock`, the lock `relais run` holds while it runs; refuse if it is held."""
    fd = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            raise BackupError(bm.in_use(database)) from None
        if _open_elsewhere(database):
            raise BackupError(bm.in_use(database))
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _open_elsewhere(database: str) -> bool:
    """True while any process has the database open (a WAL connection holds a shared lock).

    Independent of the lock file: it also catches a `relais run` of a version without it, or
    a command still running.
    """
    if not Path(database).exists():
        return False
    conn = sqlite3.connect(f"file:{database}?mode=rw", uri=True, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def _set_aside(database: Path, now: datetime) -> str | None:
    """Keep the current database (and a WAL it may still have) under a dated name."""
    if not database.exists():
        return None
    _fold_wal(database)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = f"{database}.before-restore-{stamp}"
    for n in range(2, 100):
        if not os.path.lexists(aside):
            break
        aside = f"{database}.before-restore-{stamp}-{n}"
    try:
        os.link(database, aside)  # a second name for the same file: never without a database
    except OSError:
        shutil.copy2(database, aside)  # a file system without hard links
    os.chmod(aside, 0o600)  # personal information: its owner only
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{database}{suffix}", f"{aside}{suffix}")
    return aside


def _fold_wal(database: Path) -> None:
    """Write what the WAL still holds (after a crash) into the file itself, if it can."""
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(f"file:{database}?mode=rw", uri=True)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
