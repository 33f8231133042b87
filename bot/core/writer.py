"""The outbox writer: a reply rendered for its recipient and queued in the caller's transaction.

Built once by bot/app.py and handed to the engine and to the desk, so that neither needs the
other to say something: nothing is sent here, the outbox sender (bot/channels/sender.py) sends.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import aiosqlite

from bot.channels.render import render
from bot.core.i18n import I18n
from flows.types import Reply
from storage import citizens, outbox
from storage.clock import utcnow


class OutboxWriter:
    """`say` (any address) and `say_to_citizen` (unsolicited, unless opted out)."""

    def __init__(self, i18n: I18n, clock: Callable[[], datetime] = utcnow) -> None:
        self.i18n = i18n
        self.clock = clock

    async def say(
        self,
        conn: aiosqlite.Connection,
        address: str,
        reply: Reply,
        language: str,
        **ids: int | None,
    ) -> list[int]:
        """Render a reply for its recipient and queue it in this transaction; the outbox ids."""
        queued = []
        for part in render(reply, language, address, self.i18n):
            queued.append(
                await outbox.enqueue(
                    conn, address, part.body, self.clock(), buttons=part.buttons, **ids
                )
            )
        return queued

    async def say_to_citizen(
        self,
        conn: aiosqlite.Connection,
        citizen_id: int,
        reply: Reply,
        *,
        step: str | None = None,
        data: dict | None = None,
        request_id: int | None = None,
    ) -> bool:
        """An unsolicited message (check-in, campaign, reminder): queued unless opted out.

        Its choices are remembered like a flow's, so that an SMS answer "1" selects one;
        `step` and `data` put the citizen's conversation where the answer is expected.
        """
        row = await citizens.by_id(conn, citizen_id)
        if not citizens.reachable(row):
            return False
        await self.say(conn, row["address"], reply, row["language"], citizen_id=citizen_id,
                       request_id=request_id)  # fmt: skip
        labels = self.i18n.labels(reply, row["language"]) if reply.choices else None
        await citizens.update_state(conn, citizen_id, step=step, data=data, choices=labels)
        return True
