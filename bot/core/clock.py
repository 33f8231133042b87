"""One clock for the process: the system's, or a fake one that tests and the simulator move.

`Relais`, the engine, the sender and every feature read the time only through the clock they
were given. A clock is callable (`clock()` is `clock.now()`), so the older `Callable[[],
datetime]` parameters take a `Clock` as they are.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    """Tells the current time, timezone-aware, in UTC."""

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        ...

    def __call__(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        """The current time, aware, in UTC."""
        return datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now()


class FakeClock:
    """A clock that moves only when told to: `set(moment)` or `advance(delta)`.

    It never goes backwards: a virtual scheduler that runs a job due at 10:00 after the clock
    read 10:00:30 leaves it at 10:00:30.
    """

    def __init__(self, start: datetime) -> None:
        self._now = _aware(start)

    def now(self) -> datetime:
        """The current virtual time, aware, in UTC."""
        return self._now

    def __call__(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        """Move to `moment` (never backwards)."""
        moment = _aware(moment)
        if moment > self._now:
            self._now = moment

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta`; the new time."""
        if delta < timedelta(0):
            raise ValueError("a clock does not go backwards")
        self._now = self._now + delta
        return self._now


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the clock keeps aware UTC times")
    return moment.astimezone(UTC)
