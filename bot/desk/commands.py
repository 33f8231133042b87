"""Worker commands and buttons: take a request, list cases, close, note, transfer."""

from __future__ import annotations

import logging

from bot.core import args as parse
from bot.core.casenotes import earlier_notes
from bot.core.events import CaseClaimed, CaseClosed
from bot.core.features import Button, Feature, Services
from bot.core.turns import WORKER_CHOICE
from bot.desk import callbacks, segments
from bot.desk.policy import Action, Refusal
from bot.desk.turn import WorkerTurn
from flows import messages as m
from flows import worker_messages as wm
from flows.text import Joined, Raw, When
from flows.types import Choice, Reply
from storage import audit, notes, outbox, workers
from storage import requests as request_store
from storage.clock import from_db
from storage.requests import IllegalTransition

logger = logging.getLogger(__name__)


def feature(services: Services) -> Feature:
    """The commands of interfaces.md and issue 3: take, list, close, note, transfer, help."""
    commands = {
        "dossiers": list_cases, "fin": close, "note": note, "notes": list_notes,
        "transferer": transfer,
    }  # fmt: skip
    return Feature(
        name="desk",
        commands={**commands, "aide": help_, "help": help_, "start": help_},
        buttons=(
            Button("claim", claim, (parse.ident,)),
            Button("fin", close_type, (parse.ident, parse.one_of(*wm.INTERVENTION_TYPES))),
            Button("prof", close_profile, (parse.ident, parse.one_of(*wm.PROFILES))),
            Button("xfer", transfer_button, (parse.ident, parse.ident)),
            *segments.buttons(),
        ),
        help={"worker": wm.worker_help},
    )


async def claim(turn: WorkerTurn, args: tuple[int]) -> None:
    """First press wins, atomically; the other cards say who took it."""
    (request_id,) = args
    request = await request_store.get(turn.conn, request_id)
    refusal = await turn.desk.refusal(turn.conn, turn.worker, Action.CLAIM, request, turn.now)
    if request is not None and refusal in (Refusal.TAKEN, Refusal.CLOSED):
        await _late_press(turn, request)
        return
    if refusal is not None:
        await turn.refuse(refusal, Action.CLAIM, request, request_id)
        return
    try:
        request = await request_store.transition(
            turn.conn, request, "claim", by=turn.worker.id, now=turn.now
        )
    except IllegalTransition:  # another press won between the read and the write
        await _late_press(turn, await request_store.get(turn.conn, request_id))
        return
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "request.claimed", request.id)
    await turn.desk.events.publish(turn.conn, CaseClaimed(request.id, turn.worker.id, turn.now))
    await _edit_cards(turn, request)
    await turn.reply(wm.you_took(request.alias), request_id=request.id)
    await _send_history(turn, request)
    earlier = await earlier_notes(turn.conn, turn.desk.engine.i18n, request, turn.language)
    if earlier is not None:
        await turn.reply(earlier, request_id=request.id)
    if request.citizen_id is not None:
        name, organization = turn.desk._signature(turn.worker)
        await turn.desk.send_to_citizen(turn, request, m.claimed_for_citizen(name, organization))


async def _late_press(turn: WorkerTurn, request: request_store.Request) -> None:
    if request.status == "closed":
        await turn.reply(wm.already_closed(request.alias))
        return
    holder = await workers.get(turn.conn, request.claimed_by) if request.claimed_by else None
    await turn.reply(wm.already_taken(request.alias, holder.name if holder else "?"))


async def _edit_cards(turn: WorkerTurn, request: request_store.Request) -> None:
    """Every card of this request becomes "taken by NAME" (buttons removed).

    A card still waiting in the outbox is simply not sent; one already sent (or being sent)
    is edited once it has gone out: the edit names its outbox row.
    """
    rows = await turn.conn.execute_fetchall(
        "SELECT c.worker_id, c.outbox_id, o.address FROM cards c"
        " JOIN outbox o ON o.id = c.outbox_id WHERE c.request_id = ?",
        (request.id,),
    )
    for row in rows:
        cursor = await turn.conn.execute(
            "UPDATE outbox SET status = 'failed', error = 'superseded: request taken'"
            " WHERE id = ? AND status = 'pending'",
            (row["outbox_id"],),
        )
        if cursor.rowcount == 1:
            continue
        worker = await workers.get(turn.conn, row["worker_id"])
        language = worker.languages[0] if worker and worker.languages else "fr"
        taken = wm.card_taken(request.alias, turn.worker.name, request.first_words)
        body = turn.desk.engine.i18n.render(taken, language)
        await outbox.enqueue(
            turn.conn, row["address"], body, turn.now, kind="edit",
            payload={"ref_outbox_id": row["outbox_id"]}, request_id=request.id,
        )  # fmt: skip


def card_text(request: request_store.Request):
    """The card of a request as workers first saw it (the citizen's first words)."""
    return wm.card(
        request.alias, request.channel, request.language, request.urgent, request.first_words
    )


async def _send_history(turn: WorkerTurn, request: request_store.Request) -> None:
    """What the citizen wrote while the request waited (after the first words)."""
    rows = await turn.conn.execute_fetchall(
        "SELECT body FROM inbound WHERE request_id = ? ORDER BY id", (request.id,)
    )
    bodies = [r["body"] for r in rows][1:] if rows else []
    for body in bodies:
        await turn.reply(wm.history_line(request.alias, body), request_id=request.id)


async def list_cases(turn: WorkerTurn, args: str) -> None:
    cases = await turn.desk.open_cases(turn.conn, turn.worker.id)
    if not cases:
        await turn.reply(wm.no_case())
        return
    await turn.reply(wm.cases_header(len(cases)))
    for case in cases:
        line = wm.case_line(
            case.alias, case.channel, When(case.claimed_at or case.created_at), case.first_words
        )
        await turn.reply(line, request_id=case.id)


async def close(turn: WorkerTurn, args: str) -> None:
    """`/fin [type]`: the intervention type, then the profile, asked with buttons if missing."""
    words = args.split()
    explicit = words[0] if words and parse.is_alias(words[0]) else ""
    request = await turn.case(explicit)
    if request is None:
        return
    kind = next((w.lower() for w in words if w.lower() in wm.INTERVENTION_TYPES), None)
    if kind is None:
        choices = tuple(
            Choice(f"{WORKER_CHOICE}fin:{request.id}:{key}", label)
            for key, label in wm.INTERVENTION_TYPES.items()
        )
        await turn.reply(wm.choose_type(request.alias), choices, request_id=request.id)
        return
    await close_type(turn, (request.id, kind))


async def close_type(turn: WorkerTurn, args: tuple[int, str]) -> None:
    request = await turn.own_case(args[0])
    if request is None:
        return
    await request_store.record_outcome(turn.conn, request.id, "intervention_type", args[1])
    choices = tuple(
        Choice(f"{WORKER_CHOICE}prof:{request.id}:{key}", label)
        for key, label in wm.PROFILES.items()
    )
    await turn.reply(wm.choose_profile(request.alias), choices, request_id=request.id)


async def close_profile(turn: WorkerTurn, args: tuple[int, str]) -> None:
    request = await turn.own_case(args[0])
    if request is None:
        return
    await request_store.record_outcome(turn.conn, request.id, "profile", args[1])
    request = await request_store.transition(turn.conn, request, "close", now=turn.now)
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "request.closed", request.id)
    await turn.reply(wm.closed(request.alias), request_id=request.id)
    if request.citizen_id is not None:
        await turn.desk.send_to_citizen(turn, request, m.closed_for_citizen())
    closed = CaseClosed(
        request.id, turn.worker.id, request.citizen_id, request.claimed_by, turn.now
    )
    await turn.desk.events.publish(turn.conn, closed)


async def note(turn: WorkerTurn, args: str) -> None:
    """`/note TEXT`: private to workers, never sent to the citizen."""
    if not args:
        await turn.reply(wm.note_usage())
        return
    request = await turn.case(action=Action.FOLLOW_UP)
    if request is None:
        return
    await notes.add(turn.conn, request.id, turn.worker.id, args, turn.now)
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "note.added", request.id)
    await turn.reply(wm.note_added(request.alias), request_id=request.id)


async def list_notes(turn: WorkerTurn, args: str) -> None:
    """`/notes [#A7]`: the private notes of a case, oldest first."""
    explicit = args.split()[0] if args.split() else ""
    if explicit and not parse.is_alias(explicit):
        await turn.reply(wm.notes_usage())
        return
    request = await turn.case(explicit, Action.FOLLOW_UP)
    if request is None:
        return
    found = await notes.of_request(turn.conn, request.id)
    text = notes_text(turn, request.alias, found) if found else wm.no_notes(request.alias)
    await turn.reply(text, request_id=request.id)


def notes_text(turn: WorkerTurn, alias: str, found: list[notes.Note]) -> Joined:
    """A header and one line per note, in the worker's language."""
    lines = [wm.note_line(When(n.created_at), n.author.split()[0] if n.author else "", n.body)
             for n in found]  # fmt: skip
    return Joined((wm.notes_header(alias, len(found)), Raw(_lines(turn, lines))))


def _lines(turn: WorkerTurn, lines: list) -> str:
    return "\n".join(turn.desk.engine.i18n.render(line, turn.language) for line in lines)


async def transfer(turn: WorkerTurn, args: str) -> None:
    """`/transferer NAME`: to another active worker, by full or first name; a choice if several."""
    if not args:
        await turn.reply(wm.transfer_usage())
        return
    request = await turn.case()
    if request is None:
        return
    found = await matching_workers(turn, args)
    if not found:
        await turn.reply(wm.unknown_worker(args))
    elif len(found) == 1:
        await _transfer_to(turn, request, found[0])
    else:
        choices = tuple(
            Choice(callbacks.data("xfer", request.id, w.id), Raw(w.name)) for w in found[:8]
        )
        await turn.reply(wm.transfer_which(request.alias, args), choices, request_id=request.id)


async def matching_workers(turn: WorkerTurn, name: str) -> list[workers.Worker]:
    """Active, linked colleagues called `name`: full name, else first name (or its start)."""
    key = workers.name_key(name)
    colleagues = [
        w for w in await workers.list_all(turn.conn)
        if w.active and w.linked and w.id != turn.worker.id
    ]  # fmt: skip
    exact = [w for w in colleagues if workers.name_key(w.name) == key]
    if exact:
        return exact
    first = [w for w in colleagues if workers.name_key(w.name).split()[0] == key]
    return first or [w for w in colleagues if workers.name_key(w.name).startswith(key)]


async def transfer_button(turn: WorkerTurn, args: tuple[int, int]) -> None:
    """The choice among colleagues of the same name: the case goes to the one pressed."""
    request = await turn.own_case(args[0])
    if request is None:
        return
    target = await workers.get(turn.conn, args[1])
    if target is None or not target.active or not target.linked or target.id == turn.worker.id:
        await turn.reply(wm.not_allowed())
        return
    await _transfer_to(turn, request, target)


async def _transfer_to(turn: WorkerTurn, request, target: workers.Worker) -> None:
    """Move the case; the new worker gets the card, its history and its notes."""
    await request_store.transition(turn.conn, request, "transfer", by=target.id, now=turn.now)
    await audit.log(
        turn.conn, turn.now, f"worker:{turn.worker.id}", "request.transferred", request.id,
        f"to worker:{target.id}",
    )  # fmt: skip
    await turn.reply(wm.transferred(request.alias, target.name), request_id=request.id)
    for text in await handover_texts(turn, request, target):
        await turn.desk.tell_worker(turn.conn, target, Reply(text), request_id=request.id)
    name = target.name.split()[0]
    await turn.desk.send_to_citizen(turn, request, m.transferred_for_citizen(name))


async def handover_texts(turn: WorkerTurn, request, target: workers.Worker) -> list:
    """What the new worker reads: who sent it, the card, what was said, the notes."""
    texts = [wm.transferred_to_you(request.alias, turn.worker.name), card_text(request)]
    language = target.languages[0] if target.languages else "fr"
    said = await history(turn, request.id, language)
    if said:
        texts.append(wm.case_history(request.alias, said))
    found = await notes.of_request(turn.conn, request.id)
    if found:
        texts.append(notes_text(turn, request.alias, found))
    return texts


async def history(turn: WorkerTurn, request_id: int, language: str, limit: int = 30) -> str:
    """The case's exchanges (citizen's words and what Relais sent her), latest `limit`, as lines."""
    rows = await turn.conn.execute_fetchall(
        "SELECT received_at AS at, body, 0 AS out FROM inbound"
        " WHERE request_id = ? AND citizen_id IS NOT NULL AND body != ''"
        " UNION ALL SELECT created_at AS at, body, 1 AS out FROM outbox"
        " WHERE request_id = ? AND citizen_id IS NOT NULL AND kind = 'text'"
        " ORDER BY at",
        (request_id, request_id),
    )
    lines = [
        (wm.history_to_citizen if r["out"] else wm.history_from_citizen)(
            _moment(turn, from_db(r["at"])), r["body"]
        )
        for r in rows[-limit:]
    ]
    return "\n".join(turn.desk.engine.i18n.render(line, language) for line in lines)


def _moment(turn: WorkerTurn, at) -> When:
    """Today's lines show the time only; older ones the day as well."""
    zone = turn.desk.timezone
    today = at.astimezone(zone).date() == turn.now.astimezone(zone).date()
    return When(at, "time" if today else "datetime")


async def help_(turn: WorkerTurn, args: str) -> None:
    """`/aide`: the help lines the features declared, for each role this worker has."""
    for role, text in turn.desk.help:
        if role == "worker" or (role == "coordinator" and turn.worker.is_coordinator):
            await turn.reply(text())
