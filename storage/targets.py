"""What `RELAIS_DATABASE` names: a SQLite file or a PostgreSQL URL; the URL checked and shown
without its password."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit


def is_postgresql(target: str) -> bool:
    """`RELAIS_DATABASE` names a PostgreSQL database (a URL), not a SQLite file."""
    return target.startswith(("postgresql://", "postgres://"))


def check_url(target: str) -> str:
    """The URL as given, or ValueError in one line saying what is wrong with it."""
    try:
        parts = urlsplit(target)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as exc:
        raise ValueError(f"malformed PostgreSQL URL ({exc})") from None
    if not parts.path.strip("/"):
        raise ValueError("a PostgreSQL URL needs a database name: postgresql://host/relais")
    return target


def redacted(target: str) -> str:
    """The URL without its password, for logs and messages."""
    if not is_postgresql(target):
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def local_path(target: str) -> Path:
    """The file beside which the process keeps its `.lock` and `.spool`: the SQLite file
    itself, or for PostgreSQL `relais-<database name>` in the working folder."""
    if is_postgresql(target):
        name = urlsplit(target).path.strip("/") or "relais"
        return Path(f"relais-{name}").absolute()
    return Path(target).expanduser().absolute()
