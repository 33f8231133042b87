"""The web channel: the outbox is the page's truth; a send only wakes the person's page."""

from __future__ import annotations

import asyncio
import contextlib

from storage.outbox import OutboxItem


class Hub:
    """Wakes the pages (live streams, posts waiting for an answer) of one address."""

    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Future]] = {}
        self.closing = False

    def close(self) -> None:
        """The server stops: wake every stream so that it ends."""
        self.closing = True
        for address in list(self._waiters):
            self.notify(address)

    def watch(self, address: str) -> asyncio.Future:
        """A future done at the next `notify(address)`; take it before looking at the rows."""
        future = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(address, set()).add(future)
        return future

    def notify(self, address: str) -> None:
        for future in self._waiters.pop(address, ()):
            if not future.done():
                future.set_result(None)

    async def wait(self, address: str, future: asyncio.Future, seconds: float) -> bool:
        """Wait for the watched future at most `seconds`; True if it was woken."""
        try:
            await asyncio.wait_for(asyncio.shield(future), seconds)
            return True
        except TimeoutError:
            return False
        finally:
            with contextlib.suppress(KeyError):
                waiters = self._waiters.get(address)
                if waiters is not None:
                    waiters.discard(future)
                    if not waiters:
                        del self._waiters[address]


class WebChannel:
    """`web:` and `kiosk:` addresses: nothing to pace, nothing leaves the process."""

    rate = 10_000.0
    per_chat_rate = None

    def __init__(self, prefix: str, hub: Hub) -> None:
        self.prefix = prefix
        self.hub = hub

    async def send(self, item: OutboxItem) -> str | None:
        """The row is already stored; the page reads it once woken."""
        self.hub.notify(item.address)
        return f"web:{item.id}"
