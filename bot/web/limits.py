"""Token buckets per key (a session, an IP address), answered at once: go or wait.

Not aiolimiter (which paces the sender, bot/channels/sender.py): a post over the limit gets
its 429 at once, and aiolimiter has no non-blocking take nor a bounded set of keys.
"""

from __future__ import annotations

import time
from collections import OrderedDict


class Buckets:
    """`rate` per second and bursts of `burst` for each key; the oldest keys are forgotten."""

    def __init__(self, rate: float, burst: float, max_keys: int = 50_000) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._keys: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> bool:
        """Spend one token of `key`; False when it has none left (the caller answers 429)."""
        now = time.monotonic()
        tokens, stamp = self._keys.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        allowed = tokens >= 1
        self._keys[key] = (tokens - 1 if allowed else tokens, now)
        while len(self._keys) > self.max_keys:
            self._keys.popitem(last=False)
        return allowed
