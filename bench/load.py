"""A bounded HTTP load generator: N requests in flight over keep-alive, latencies recorded."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import aiohttp

from bench.common import percentile
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign

FORM = "application/x-www-form-urlencoded"
TEXTS = ("Bonjour", "J'aurais besoin d'aide pour mes courses cette semaine", "Allô?")


@dataclass
class Load:
    """What one load run saw."""

    latencies: list[float] = field(default_factory=list)
    wall: float = 0.0
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0

    def p(self, pct: float) -> float:
        """A latency percentile, in milliseconds."""
        return percentile(self.latencies, pct) * 1000


def numbers(start: int) -> Iterator[str]:
    """Distinct Montréal mobile numbers from `start` on (+1 514 …)."""
    for n in itertools.count(start):
        yield f"+1514{2000000 + n % 8000000:07d}"


def signed_sms(url: str, count: int, senders: Iterator[str]) -> list[tuple[bytes, dict]]:
    """`count` Twilio webhooks (distinct From and MessageSid), signed for `url`."""
    from urllib.parse import urlencode

    posts = []
    for i, sender in zip(range(count), senders, strict=False):
        params = inbound_sms_params(sender, "+15145550100", TEXTS[i % len(TEXTS)])
        signature = sign(DEFAULT_AUTH_TOKEN, url, params)
        headers = {"Content-Type": FORM, "X-Twilio-Signature": signature}
        posts.append((urlencode(params).encode(), headers))
    return posts


async def run(url: str, posts: list[tuple[bytes, dict]], in_flight: int, seconds: float) -> Load:
    """POST `posts` to `url`, `in_flight` at a time, until they run out or `seconds` pass."""
    result, queue = Load(), iter(posts)
    connector = aiohttp.TCPConnector(limit=in_flight, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        deadline = start + seconds

        async def worker() -> None:
            for body, headers in queue:
                if time.perf_counter() > deadline:
                    return
                sent = time.perf_counter()
                try:
                    async with session.post(url, data=body, headers=headers) as response:
                        await response.read()
                        ok = response.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                if ok:
                    result.latencies.append(time.perf_counter() - sent)
                else:
                    result.errors += 1

        await asyncio.gather(*(worker() for _ in range(in_flight)))
        result.wall = time.perf_counter() - start
    return result
