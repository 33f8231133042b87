"""`/start CODE`: a worker links a Telegram account with an invite code; tries are limited."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite

from flows import worker_messages as wm
from flows.types import Inbound, Reply
from storage import audit, workers
from storage.clock import to_db


class Linking:
    """The desk's invite links (mixed into bot/desk/desk.py's `RotaDesk`)."""

    async def _link(
        self, conn: aiosqlite.Connection, inbound: Inbound, text: str, now: datetime
    ) -> bool:
        """`/start CODE`: link this Telegram account to the worker the code was made for.

        A payload that is not shaped like an invite (`/start affiche`, a poster's deep link)
        is a citizen's first contact: False, and the citizen flow welcomes her. One in lower
        case that is no live code ("marche") is taken as a poster's too; every code-shaped
        payload counts as a try, so guessing in lower case is limited as well.
        """
        payload = text.split(maxsplit=1)[1]
        if not looks_like_invite(payload):
            return False
        poster = any(c.islower() for c in payload)
        if await self._too_many_tries(conn, inbound.sender_id, now):
            if poster:
                return False
            await self.engine.say(conn, inbound.address, Reply(wm.too_many_codes()), "fr")
            return True
        worker = await workers.redeem_invite(conn, payload, inbound.sender_id, now)
        if worker is None:
            if poster or await workers.get_by_telegram_id(conn, inbound.sender_id) is not None:
                return False  # a poster, or a linked worker pressing an old link: carry on
            await self.engine.say(conn, inbound.address, Reply(wm.bad_code()), "fr")
            return True
        await audit.log(conn, now, f"worker:{worker.id}", "worker.linked")
        await self.tell_worker(conn, worker, Reply(wm.linked(worker.name.split()[0])))
        return True

    async def _too_many_tries(
        self, conn: aiosqlite.Connection, telegram_id: int, now: datetime, limit: int = 5
    ) -> bool:
        """At most `limit` codes an hour per Telegram account: codes are short. Kept in the
        database, so a restart does not hand out fresh tries."""
        since = to_db(now - timedelta(hours=1))
        await conn.execute("DELETE FROM invite_tries WHERE at < ?", (since,))
        await conn.execute(
            "INSERT INTO invite_tries (telegram_id, at) VALUES (?, ?)", (telegram_id, to_db(now))
        )
        rows = await conn.execute_fetchall(
            "SELECT count(*) FROM invite_tries WHERE telegram_id = ? AND at >= ?",
            (telegram_id, since),
        )
        return rows[0][0] > limit


def looks_like_invite(payload: str) -> bool:
    """Shaped like the codes `relais workers invite` prints (ABC234, abc-234): 6 letters and
    digits of the invite alphabet. Poster payloads mostly are not (`affiche`, `metro-1`)."""
    code = workers.normalize_code(payload)
    return len(code) == workers.INVITE_LENGTH and all(c in workers.INVITE_ALPHABET for c in code)
