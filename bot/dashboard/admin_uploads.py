"""Files uploaded for a preview, kept in memory until the coordinator applies or leaves them.

A preview page holds only a random key and the plan's digest; the "Appliquer" post finds the
file again by (session, key), so what is applied is the file that was previewed, never a
second upload. Kept at most `TTL` and `PER_SESSION` files a session; lost on a restart (the
coordinator uploads again). Nothing here is written to disk or logged.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

TTL = timedelta(minutes=30)
PER_SESSION = 4


@dataclass(frozen=True)
class Upload:
    """A file kept for a preview."""

    filename: str
    data: bytes
    kept_at: datetime


class Uploads:
    """The files of pending previews, by session id and key."""

    def __init__(self) -> None:
        self._files: dict[tuple[int, str], Upload] = {}

    def keep(self, session_id: int, filename: str, data: bytes, now: datetime) -> str:
        """Keep a file for this session; its key."""
        self._forget(now)
        mine = sorted((u.kept_at, k) for k, u in self._files.items() if k[0] == session_id)
        for _, key in mine[: max(0, len(mine) - PER_SESSION + 1)]:
            del self._files[key]
        key = secrets.token_urlsafe(16)
        self._files[(session_id, key)] = Upload(filename, data, now)
        return key

    def get(self, session_id: int, key: str, now: datetime) -> Upload | None:
        """The file kept under this key for this session, if still kept."""
        self._forget(now)
        return self._files.get((session_id, key))

    def drop(self, session_id: int, key: str) -> None:
        """Forget a file once applied."""
        self._files.pop((session_id, key), None)

    def _forget(self, now: datetime) -> None:
        for key in [k for k, u in self._files.items() if now - u.kept_at > TTL]:
            del self._files[key]
