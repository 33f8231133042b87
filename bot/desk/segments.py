"""Worker words by SMS that one character would make dearer: the count, then the worker's choice.

One character outside GSM-7 ("Ê", "°", "ç"…) makes a whole SMS UCS-2: 70 characters a segment
instead of 160. When the accent-free spelling of just those characters costs fewer segments,
the words are held (storage/notes.py `pending_sms`: callback data has only 64 bytes) and the
worker gets two buttons, "Envoyer tel quel (N SMS)" / "Envoyer sans accents (M SMS)". GSM-7
words, Telegram citizens, and words where folding saves nothing go at once, as before.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.channels import gsm7
from bot.channels.render import render
from bot.core import args as parse
from bot.core.features import Button
from bot.desk import callbacks
from flows import messages as m
from flows import worker_messages as wm
from flows.types import Choice, Reply
from storage import citizens, notes
from storage.requests import Request

if TYPE_CHECKING:
    from bot.core.turns import WorkerTurn

logger = logging.getLogger(__name__)

PREFIX = "sms"


def buttons() -> tuple[Button, ...]:
    """The two buttons under a held message."""
    return (Button(PREFIX, send_held, (parse.ident, parse.one_of("raw", "fold"))),)


def sms_cost(turn: WorkerTurn, text: str, language: str) -> int:
    """How many SMS segments the signed words take, exactly as the sender will send them."""
    signed = m.signed(text, *turn.desk._signature(turn.worker))
    parts = render(Reply(signed), language, "sms:", turn.desk.engine.i18n)
    return sum(gsm7.segment_count(part.body) for part in parts)


async def hold_if_cheaper(turn: WorkerTurn, request: Request, text: str) -> bool:
    """Hold the words and ask, if by SMS the accent-free spelling costs fewer segments."""
    row = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
    if not citizens.reachable(row) or not row["address"].startswith("sms:"):
        return False  # Telegram has no segments; a refusal is said by send_to_citizen
    folded = gsm7.fold_to_gsm7(text)
    if folded is None:
        return False
    count = sms_cost(turn, text, row["language"])
    cheaper = sms_cost(turn, folded, row["language"])
    if cheaper >= count:
        return False
    held = await notes.hold_sms(turn.conn, request.id, turn.worker.id, text, turn.now)
    choices = (
        Choice(callbacks.data(PREFIX, held, "raw"), wm.send_as_is(count)),
        Choice(callbacks.data(PREFIX, held, "fold"), wm.send_folded(cheaper)),
    )
    reply = wm.sms_segments(request.alias, count, cheaper)
    await turn.reply(reply, choices, request_id=request.id)
    logger.info("relay.held_for_segments", extra={"request_id": request.id})
    return True


async def send_held(turn: WorkerTurn, args: tuple[int, str]) -> None:
    """A button under the count: send the held words as typed or without accents, once."""
    held = await notes.take_sms(turn.conn, args[0], turn.worker.id)
    if held is None:
        await turn.reply(wm.sms_gone())
        return
    request = await turn.own_case(held[0])
    if request is None:
        return
    text = held[1]
    if args[1] == "fold":
        text = gsm7.fold_to_gsm7(text) or text
    await turn.desk.send_signed(turn, request, text)
