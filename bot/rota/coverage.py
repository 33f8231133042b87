"""Which hours a rota change leaves without anyone: pure arithmetic, no I/O, no clock.

"Covered" means at least one shift of a worker the bot can reach (active and linked to
Telegram) is running. A change *loses* an hour when it was covered before and is not after.
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.rota.rota import Shift, shifts_between

Span = tuple[datetime, datetime]
CHECK_DAYS = 28  # an import is checked over the next 4 weeks


def covered(
    shifts: Iterable[Shift],
    reachable: Container[int],
    days: tuple[date, date],
    tz: ZoneInfo,
    holidays: Container[date],
) -> list[Span]:
    """Merged UTC spans during which a reachable worker is on a shift begun in `days`."""
    mine = [s for s in shifts if s.worker_id in reachable]
    spans = sorted((s.start, s.end) for s in shifts_between(mine, *days, tz, holidays))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif end > start:
            merged.append((start, end))
    return merged


def _minus(spans: list[Span], holes: list[Span]) -> list[Span]:
    """`spans` with the parts inside `holes` cut out (both merged and sorted)."""
    left: list[Span] = []
    for start, end in spans:
        cur = start
        for h0, h1 in holes:
            if h1 <= cur or h0 >= end:
                continue
            if h0 > cur:
                left.append((cur, h0))
            cur = max(cur, h1)
        if cur < end:
            left.append((cur, end))
    return left


def lost(
    before: Collection[Shift],
    after: Collection[Shift],
    reachable: Container[int],
    now: datetime,
    tz: ZoneInfo,
    holidays: Container[date],
    days: int = CHECK_DAYS,
) -> list[Span]:
    """UTC spans from `now` over the next `days` covered by `before` and not by `after`."""
    today = now.astimezone(tz).date()
    window = (today - timedelta(days=1), today + timedelta(days=days))
    old = covered(before, reachable, window, tz, holidays)
    new = covered(after, reachable, window, tz, holidays)
    limit = now + timedelta(days=days)
    clipped = [(max(s, now), min(e, limit)) for s, e in _minus(old, new)]
    return [(s, e) for s, e in clipped if e > s]
