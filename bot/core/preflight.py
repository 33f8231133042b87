"""What `relais run` checks and takes before doing anything: the database folder, the
database itself (a SQLite file: one process at a time; several may share a PostgreSQL
database, bot/core/leader.py), and the HTTP port. Each failure is one line."""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from pathlib import Path
from typing import BinaryIO

from storage.targets import is_postgresql, local_path

BACKLOG = 2048


class PreflightError(RuntimeError):
    """`relais run` cannot start; the message is one line naming the cause."""


def check_database(database: str) -> Path:
    """The SQLite file (checked below), whose `.lock` this process holds; for a PostgreSQL URL
    a name in the working folder (no lock: several processes may share the database; the
    server checks the rest when connecting)."""
    if is_postgresql(database):
        return local_path(database)
    return check_database_folder(database)


def check_database_folder(database: str) -> Path:
    """The database's absolute path; its folder must exist (the file is created if missing)."""
    path = Path(database).expanduser().absolute()
    if not path.parent.is_dir():
        raise PreflightError(
            f"RELAIS_DATABASE: the folder {path.parent} does not exist"
            " (create it, or point RELAIS_DATABASE at a file in an existing folder)"
        )
    if path.exists() and not path.is_file():
        raise PreflightError(f"RELAIS_DATABASE: {path} is not a file")
    return path


def lock_database(path: Path) -> BinaryIO:
    """Hold `<database>.lock` for the life of the process: a second `relais run` is refused.

    An OS lock (flock) goes away with the process, even after kill -9.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        handle = open(lock_path, "a+b")
    except OSError as exc:
        raise PreflightError(
            f"RELAIS_DATABASE: cannot create {lock_path} ({exc.strerror})"
        ) from None
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        pid = handle.read().decode(errors="replace").strip() or "?"
        handle.close()
        raise PreflightError(
            f"RELAIS_DATABASE: {path} is in use by another `relais run` (process {pid});"
            " stop it first, or give this one its own RELAIS_DATABASE"
        ) from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n".encode())
    handle.flush()
    return handle


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a one-line reason (port in use, not allowed…)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and
    # accepted sockets inherit it. Without it, a webhook right after another waited out the
    # client's 40 ms delayed ACK (Nagle held the response's second segment).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError as exc:
        sock.close()
        raise PreflightError(_bind_error(host, port, exc)) from None
    return sock


def _bind_error(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"RELAIS_PORT: port {port} on {host} is already in use"
            " (another relais run or another program); choose another RELAIS_PORT"
        )
    if exc.errno == errno.EACCES:
        return f"RELAIS_PORT: not allowed to listen on port {port} (below 1024 needs root)"
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return f"RELAIS_HOST: cannot listen on {host} (not an address of this machine)"
    return f"RELAIS_HOST/RELAIS_PORT: cannot listen on {host}:{port} ({exc.strerror or exc})"
