"""`/ressource WORDS`: a worker picks a resource from the directory and sends it to the citizen.

The worker sees the best results as the citizen will read them, one button each
(`w:res:<request id>:<resource id>`); the press sends that resource to the citizen of the case,
in their language and, by SMS, within three segments, and counts a referral for the case.
"""

from __future__ import annotations

import logging

from bot.channels.gsm7 import segment_count
from bot.channels.render import render
from bot.core import args as parse
from bot.core.features import Button, Feature, Services
from bot.core.turns import WORKER_CHOICE, WorkerTurn
from bot.resources.directory import SMS_SEGMENTS, sms_variants
from bot.resources.search import ResourceHit, fit, format_hit, hit_for, search
from flows import messages as m
from flows import worker_messages as wm
from flows.text import Joined, Raw, Text
from flows.types import Choice, Reply
from storage import audit, citizens
from storage import requests as request_store
from storage.resources import get_resource, record_referral

logger = logging.getLogger(__name__)

RESULTS = 5


def feature(services: Services) -> Feature:
    """`/ressource` (and `/resource`) and its buttons."""
    return Feature(
        name="resources",
        commands={"ressource": find, "resource": find},
        buttons=(Button("res", send, (parse.ident, parse.ident)),),
    )


async def find(turn: WorkerTurn, args: str) -> None:
    """Search the directory with the worker's words; one button per result."""
    words = args.split()
    explicit = words.pop(0) if words and parse.is_alias(words[0]) else ""
    if not words:
        await turn.reply(wm.resource_usage())
        return
    request = await turn.case(explicit)
    if request is None:
        return
    citizen = await _citizen(turn, request)
    if citizen is None:
        return
    hits = await search(
        turn.conn, " ".join(words), language=citizen["language"], now_utc=turn.now,
        tz=turn.desk.timezone, limit=RESULTS,
    )  # fmt: skip
    if not hits:
        await turn.reply(wm.resource_none(" ".join(words)), request_id=request.id)
        return
    choices = tuple(
        Choice(f"{WORKER_CHOICE}res:{request.id}:{hit.id}", Raw(fit(hit.name, 60))) for hit in hits
    )
    found = Joined(tuple(format_hit(hit) for hit in hits))
    await turn.reply(wm.resource_choose(request.alias, found), choices, request_id=request.id)


async def send(turn: WorkerTurn, args: tuple[int, int]) -> None:
    """`w:res:<request>:<resource>`: send it to the citizen, if the presser has the case."""
    request = await turn.own_case(args[0])
    if request is None:
        return
    resource_id = args[1]
    resource = await get_resource(turn.conn, resource_id)
    if resource is None:
        await turn.reply(wm.resource_gone(), request_id=request.id)
        return
    citizen = await _citizen(turn, request)
    if citizen is None:
        return
    today = turn.now.astimezone(turn.desk.timezone).date()
    hit = hit_for(resource, citizen["language"], today)
    text = _fitted(turn, hit, citizen["language"], citizen["address"])
    if not await turn.desk.send_to_citizen(turn, request, text):
        return
    await record_referral(
        turn.conn, resource_id=resource.id, channel=citizen["channel"], at=turn.now,
        request_id=request.id, given_by="worker",
    )  # fmt: skip
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "resource.sent", request.id)
    await turn.reply(wm.resource_sent(request.alias, resource.record.name), request_id=request.id)


def _fitted(turn: WorkerTurn, hit: ResourceHit, language: str, address: str) -> Text:
    """The fullest wording that fits in three SMS segments (any wording on Telegram)."""
    name = turn.worker.name.split()[0]
    text = m.resource_from_worker(name, format_hit(hit))
    if not address.startswith("sms:"):
        return text
    for (variant,) in sms_variants([hit]):
        text = m.resource_from_worker(name, format_hit(variant))
        parts = render(Reply(text), language, address, turn.desk.engine.i18n)
        if sum(segment_count(part.body) for part in parts) <= SMS_SEGMENTS:
            break
    return text


async def _citizen(turn: WorkerTurn, request: request_store.Request):
    """The citizen row of a case, or None (and the worker is told) if they erased themselves."""
    row = await citizens.by_id(turn.conn, request.citizen_id) if request.citizen_id else None
    if row is None:
        await turn.reply(wm.erased_refusal(request.alias), request_id=request.id)
    return row
