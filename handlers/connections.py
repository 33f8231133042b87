"""HTTP connections that cannot pile up: a deadline to send a whole request, a cap on open
connections (the oldest idle one makes room), and resource errors logged once a minute.

uvicorn closes an idle keep-alive connection, but not one that sends half a request or
nothing at all: 400 such sockets stay open for ever, and near the process's file limit a real
webhook can no longer get in.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import resource
import time

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT = 10.0  # seconds to send a request's headers and body: Twilio sends at once
RESOURCE_ERRNOS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)


def connection_cap() -> int:
    """Half the process's file limit (the rest for the database, Telegram, Twilio), ≤ 1,000."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000
    return max(8, min(1000, soft // 2))


def accept_backlog(cap: int) -> int:
    """How many connections asyncio accepts in one go (before any is counted against the
    cap), and the kernel's queue: small enough that a burst cannot reach the file limit."""
    return max(16, min(128, cap // 4))


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a request deadline and a cap on open connections."""

    max_connections = 1000
    request_timeout = REQUEST_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.opened_at = time.monotonic()
        self._deadline: asyncio.TimerHandle | None = None
        self._arm()
        if sum(1 for c in self.connections if not c.transport.is_closing()) > self.max_connections:
            self._make_room()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.request_received():
            self._disarm()
        elif self._deadline is None and not self.transport.is_closing():
            self._arm()  # the next request on a kept-alive connection has begun

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def request_received(self) -> bool:
        """The whole request is in (or the connection is done with requests)."""
        return self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR)

    def idle(self) -> bool:
        """No request being answered: closing it loses nothing."""
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        self._deadline = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if not self.request_received() and not self.transport.is_closing():
            _closed.note("http.slow_request_closed")
            self.transport.close()

    def _make_room(self) -> None:
        """Over the cap: close the oldest idle connection (this one if none is idle)."""
        idle = [
            c
            for c in self.connections
            if isinstance(c, GuardedH11Protocol) and c.idle() and not c.transport.is_closing()
        ]
        victim = min(idle, key=lambda c: c.opened_at, default=self)
        _closed.note("http.connection_evicted")
        victim.transport.close()


class _Counter:
    """Counts closures and logs them at most once per `interval` seconds."""

    def __init__(self, interval: float = 60.0) -> None:
        self.interval = interval
        self.counts: dict[str, int] = {}
        self.logged_at: dict[str, float] = {}

    def note(self, event: str) -> None:
        self.counts[event] = self.counts.get(event, 0) + 1
        now = time.monotonic()
        if now - self.logged_at.get(event, -self.interval) >= self.interval:
            logger.warning(event, extra={"count": self.counts.pop(event)})
            self.logged_at[event] = now


_closed = _Counter()


class ResourceErrorFilter(logging.Filter):
    """Out of file descriptors (or memory): one short line per interval, not a traceback per
    accept. Attach it to the log handlers."""

    def __init__(self, interval: float = 60.0) -> None:
        super().__init__()
        self.interval = interval
        self.last = -interval
        self.suppressed = 0

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if not isinstance(exc, OSError) or exc.errno not in RESOURCE_ERRNOS:
            return True
        now = time.monotonic()
        if now - self.last < self.interval:
            self.suppressed += 1
            return False
        record.msg, record.args = "resource.exhausted", ()
        record.exc_info, record.exc_text = None, None
        record.error = errno.errorcode.get(exc.errno, str(exc.errno))
        record.suppressed = self.suppressed
        self.last, self.suppressed = now, 0
        return True
