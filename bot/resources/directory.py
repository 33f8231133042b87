"""Answer a citizen's resource search: three results in one message, each one a referral.

On SMS the message must fit in three segments. One letter outside GSM-7 (the "î" of
"Dîners") makes the whole SMS UCS-2, 67 characters a segment instead of 153, so when the
results would not fit, the directory's own words lose their accents first (î → i, ê → e),
then the descriptions, then the addresses; our own sentences are never changed.

On Telegram the first result that has coordinates is also sent as a map pin, queued a
second after the list so that it arrives below it (Telegram allows one message a second in
a chat anyway); the list names the resource on the map.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.channels.gsm7 import is_gsm7, segment_count
from bot.channels.render import render
from bot.core.i18n import I18n
from bot.resources.search import ResourceHit, format_hit, search
from flows import resources
from flows.normalize import unaccented
from flows.types import Reply, SearchResources
from storage import citizens, outbox
from storage import requests as request_store
from storage.resources import record_referral

logger = logging.getLogger(__name__)

SMS_SEGMENTS = 3
PIN_DELAY = timedelta(seconds=1)
_SPELLED = {"œ": "oe", "Œ": "OE"}


class Directory:
    """The resource directory as the engine sees it: `answer` a `SearchResources` effect."""

    def __init__(self, i18n: I18n, timezone: ZoneInfo | None = None) -> None:
        self.i18n = i18n
        self.timezone = timezone or i18n.timezone

    async def answer(
        self,
        conn: aiosqlite.Connection,
        effect: SearchResources,
        language: str,
        now: datetime,
        address: str,
        request_id: int | None,
    ) -> list[Reply]:
        """Search, count the referrals, and say the results for the citizen's channel."""
        found = await search(
            conn,
            effect.words or None,
            category=effect.category,
            language=language,
            now_utc=now,
            tz=self.timezone,
            limit=resources.PAGE + 1,  # one more than shown: is there a next page?
            offset=effect.offset,
        )
        channel = address.split(":", 1)[0]
        logger.info(
            "resources.answered",
            extra={"results": min(len(found), resources.PAGE), "channel": channel,
                   "category": effect.category, "offset": effect.offset},
        )  # fmt: skip
        if not found:
            return [resources.no_result()]
        hits, more = found[: resources.PAGE], len(found) > resources.PAGE
        await _count_referrals(conn, hits, channel, now, request_id)
        if channel == "sms":
            return [self._for_sms(hits, more, language, address)]
        pinned = await _pin(conn, hits, address, now) if channel == "telegram" else None
        return [resources.results([format_hit(h) for h in hits], more, pinned)]

    def _for_sms(
        self, hits: Sequence[ResourceHit], more: bool, language: str, address: str
    ) -> Reply:
        """The fullest wording of the results that fits in three SMS segments."""
        reply = None
        for variant in sms_variants(hits):
            reply = resources.results([format_hit(h) for h in variant], more)
            parts = render(reply, language, address, self.i18n)
            if sum(segment_count(part.body) for part in parts) <= SMS_SEGMENTS:
                return reply
        logger.warning("resources.sms_too_long", extra={"results": len(hits)})
        return reply


def sms_variants(hits: Sequence[ResourceHit]) -> Iterator[list[ResourceHit]]:
    """The results ever shorter: as they are, GSM-7 letters, no description, no address."""
    yield list(hits)
    plain = [
        replace(
            h,
            name=gsm_letters(h.name),
            description=gsm_letters(h.description),
            address=gsm_letters(h.address),
        )
        for h in hits
    ]
    yield plain
    yield [replace(h, description="") for h in plain]
    yield [replace(h, description="", address="", url="") for h in plain]


def gsm_letters(text: str) -> str:
    """`text` with the letters GSM-7 lacks (î, ê, ç, ô…) written without their accent."""
    return "".join(char if is_gsm7(char) else _unaccented(char) for char in text)


def _unaccented(char: str) -> str:
    if char in _SPELLED:
        return _SPELLED[char]
    base = unaccented(char)
    return base if base and is_gsm7(base) else char


async def _count_referrals(
    conn: aiosqlite.Connection,
    hits: Sequence[ResourceHit],
    channel: str,
    now: datetime,
    request_id: int | None,
) -> None:
    """Each result shown is a referral, tied to the citizen's request while it is open."""
    if request_id is not None:
        request = await request_store.get(conn, request_id)
        request_id = request.id if request is not None and request.status != "closed" else None
    for hit in hits:
        await record_referral(
            conn, resource_id=hit.id, channel=channel, at=now, request_id=request_id
        )


async def _pin(
    conn: aiosqlite.Connection, hits: Sequence[ResourceHit], address: str, now: datetime
) -> str | None:
    """Queue the first located result as a map pin; its name, or None if none is located."""
    hit = next((h for h in hits if h.latitude is not None and h.longitude is not None), None)
    if hit is None:
        return None
    citizen = await citizens.by_address(conn, address)
    await outbox.enqueue(
        conn,
        address,
        hit.name,
        now + PIN_DELAY,
        kind="location",
        payload={"latitude": hit.latitude, "longitude": hit.longitude},
        # Tied to the citizen so that OUBLIER erases it with the rest.
        citizen_id=citizen["id"] if citizen is not None else None,
    )
    return hit.name
