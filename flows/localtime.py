"""Local wall-clock time → instant: the one rule, for the rota, check-ins and appointments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


def local(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `tz`.

    fold=0 (PEP 495): a time skipped in spring is read with the offset in force before the
    change, i.e. moved forward by the gap; a time repeated in the fall is its first pass.
    """
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz).replace(fold=0).astimezone(UTC)
