"""`/rdv`: a worker proposes an appointment at a welcoming place, by buttons or in words.

`/rdv` alone asks for the place, then the day (the next 7 days with a free slot), then the time
(every half hour in the place's windows, 1 h). `/rdv Sésame demain 14h` (or `2026-12-03 14:00`,
`jeudi 9h30-11h`) says it at once; whatever is missing is asked with buttons. The citizen gets
the proposal with Oui / Non (flows/appointments.py). `/rdv annuler`, or the button under the
proposal, cancels: both sides are told. Buttons carry the case id and are checked on press.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

from bot.appointments.service import cancel, cancel_command
from bot.core import args as parse
from bot.core.features import Button, Feature, Services
from bot.core.turns import WORKER_CHOICE, WorkerTurn
from flows import appointments as ap
from flows import worker_messages as wm
from flows.normalize import fold
from flows.slots import DAYS_AHEAD, DURATION, free_slots, local, next_days, parse_words
from flows.text import Joined, Raw, Text, When
from flows.types import Choice
from storage import audit
from storage import places as place_store
from storage.places import Place, SlotTaken, format_windows, slot_fits
from storage.requests import Request

logger = logging.getLogger(__name__)

CANCEL_WORDS = ("annuler", "annule", "cancel")
HELP_WORDS = ("aide", "help", "?")


def offers(services: Services) -> Feature:
    """`/rdv` and its buttons (place, day, time, cancel), for bot/appointments/service.py."""
    ident = parse.ident
    return Feature(
        name="rdv",
        commands={"rdv": partial(rdv, services)},
        buttons=(
            Button("rdvp", pick_place, (ident, ident)),
            Button("rdvd", pick_day, (ident, ident, parse.day)),
            Button("rdvt", pick_time, (ident, ident, parse.day, parse.clock)),
            Button("rdvx", partial(cancel, services), (ident,)),
        ),
    )


def label(place: Place) -> str:
    """A place as workers and citizens read it."""
    return ap.where(place.name, place.organization)


async def rdv(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/rdv [#A7] [LIEU] [JOUR] [HEURE]` or `/rdv [#A7] annuler`."""
    words = args.split()
    explicit = words.pop(0) if words and parse.is_alias(words[0]) else ""
    if words and fold(words[0]) in CANCEL_WORDS:
        await cancel_command(services, turn, explicit or " ".join(words[1:2]))
        return
    if words and fold(words[0]) in HELP_WORDS:
        await turn.reply(wm.rdv_usage())
        return
    request = await turn.case(explicit)
    if request is None or not await _reachable(turn, request):
        return
    wanted = parse_words(" ".join(words), _today(turn))
    if wanted.bad:
        await turn.reply(wm.rdv_bad_date(wanted.bad))
        return
    places = await place_store.list_places(turn.conn)
    matches = match_places(places, wanted.place) if wanted.place else []
    if len(matches) != 1:
        unknown = wanted.place if wanted.place and not matches else ""
        await ask_place(turn, request, matches or places, unknown)
    elif wanted.day is None:
        await ask_day(turn, request, matches[0])
    elif wanted.start is None:
        await ask_time(turn, request, matches[0], wanted.day)
    else:
        start = local(wanted.day, wanted.start, turn.desk.timezone)
        end = local(wanted.day, wanted.end, turn.desk.timezone) if wanted.end else None
        duration = end - start if end is not None and end > start else DURATION
        await book(turn, request, matches[0], start, duration)


def match_places(places: list[Place], words: str) -> list[Place]:
    """Places whose organization and name hold every word typed (case and accents aside)."""
    typed = fold(words).split()
    found = [p for p in places if all(w in fold(f"{p.organization} {p.name}") for w in typed)]
    exact = [p for p in found if fold(words) in (fold(p.name), fold(p.organization))]
    return exact if len(exact) == 1 else found


async def ask_place(turn: WorkerTurn, request: Request, places: list[Place], unknown: str) -> None:
    """Buttons for the places (after "I cannot find `unknown`" when a name matched none)."""
    if not places:
        await turn.reply(wm.rdv_no_places(), request_id=request.id)
        return
    choices = tuple(
        Choice(f"{WORKER_CHOICE}rdvp:{request.id}:{p.id}", Raw(label(p))) for p in places
    )
    text = wm.rdv_unknown_place(unknown) if unknown else wm.rdv_choose_place(request.alias)
    await turn.reply(text, choices, request_id=request.id)


async def ask_day(turn: WorkerTurn, request: Request, place: Place) -> None:
    """Buttons for the next days that have a free slot at this place."""
    tz = turn.desk.timezone
    taken = await _taken(turn, place, turn.now + timedelta(days=DAYS_AHEAD + 1))
    days = [d for d in next_days(_today(turn)) if free_slots(place.windows, d, tz, taken, turn.now)]
    if not days:
        await turn.reply(wm.rdv_no_days(label(place)), request_id=request.id)
        return
    choices = tuple(
        Choice(f"{WORKER_CHOICE}rdvd:{request.id}:{place.id}:{d:%Y%m%d}",
               wm.moment_label(When(local(d, time(12), tz), "date")))
        for d in days
    )  # fmt: skip
    await turn.reply(wm.rdv_choose_day(request.alias, label(place)), choices, request_id=request.id)


async def ask_time(
    turn: WorkerTurn, request: Request, place: Place, day: date, why: Text | None = None
) -> None:
    """Buttons for the free starts of that day (every half hour, 1 h long), after `why`."""
    tz = turn.desk.timezone
    taken = await _taken(turn, place, local(day, time(23, 59), tz))
    slots = free_slots(place.windows, day, tz, taken, turn.now)
    shown = When(local(day, time(12), tz), "date")
    if not slots:
        windows = format_windows(place.windows)
        none = wm.rdv_no_time(label(place), shown, windows)
        await turn.reply(Joined((why, none)) if why else none, request_id=request.id)
        return
    choices = tuple(
        Choice(f"{WORKER_CHOICE}rdvt:{request.id}:{place.id}:{s:%Y%m%d:%H%M}",
               wm.moment_label(When(s, "time")))
        for s in slots
    )  # fmt: skip
    text = wm.rdv_choose_time(request.alias, label(place), shown)
    await turn.reply(Joined((why, text)) if why else text, choices, request_id=request.id)


async def book(
    turn: WorkerTurn, request: Request, place: Place, start: datetime, duration: timedelta
) -> None:
    """Check the slot, hold it, and send the proposal to the citizen."""
    day = start.date()
    if start <= turn.now:
        await turn.reply(wm.rdv_past(), request_id=request.id)
        return
    if not slot_fits(place.windows, start, duration):
        outside = wm.rdv_outside(label(place), format_windows(place.windows))
        await ask_time(turn, request, place, day, outside)
        return
    try:
        appointment_id = await place_store.create_appointment(
            turn.conn, place_id=place.id, starts_at=start.astimezone(UTC),
            ends_at=(start + duration).astimezone(UTC), now=turn.now, request_id=request.id,
            worker_id=turn.worker.id,
        )  # fmt: skip
    except SlotTaken:
        await ask_time(turn, request, place, day, wm.rdv_taken(label(place)))
        return
    except LookupError:
        await turn.reply(wm.rdv_place_gone(label(place)), request_id=request.id)
        return
    await _propose(turn, request, place, start, appointment_id)


async def _propose(
    turn: WorkerTurn, request: Request, place: Place, start: datetime, appointment_id: int
) -> None:
    moment = When(start.astimezone(UTC))
    offer = ap.proposal(turn.worker.name.split()[0], moment, label(place), place.address)
    sent = await turn.desk.engine.say_to_citizen(
        turn.conn, request.citizen_id, offer, step=ap.STEP,
        data={ap.STEP: appointment_id}, request_id=request.id,
    )  # fmt: skip
    if not sent:  # opted out meanwhile: the slot is not held for nothing
        await place_store.cancel_appointment(
            turn.conn, appointment_id, "worker", turn.now, notified=True
        )
        await turn.reply(wm.opted_out_refusal(request.alias), request_id=request.id)
        return
    await audit.log(turn.conn, turn.now, f"worker:{turn.worker.id}", "appointment.proposed",
                    request.id)  # fmt: skip
    undo = (Choice(f"{WORKER_CHOICE}rdvx:{appointment_id}", wm.CANCEL_APPOINTMENT),)
    said = wm.rdv_proposed(request.alias, label(place), moment, place.conditions)
    await turn.reply(said, undo, request_id=request.id)


async def pick_place(turn: WorkerTurn, args: tuple[int, int]) -> None:
    """`w:rdvp:<request>:<place>`."""
    request, place = await _case_and_place(turn, args)
    if request is not None and place is not None:
        await ask_day(turn, request, place)


async def pick_day(turn: WorkerTurn, args: tuple[int, int, date]) -> None:
    """`w:rdvd:<request>:<place>:<YYYYMMDD>`."""
    request, place = await _case_and_place(turn, args)
    if request is not None and place is not None:
        await ask_time(turn, request, place, args[2])


async def pick_time(turn: WorkerTurn, args: tuple[int, int, date, time]) -> None:
    """`w:rdvt:<request>:<place>:<YYYYMMDD>:<HHMM>`: the proposal goes out."""
    request, place = await _case_and_place(turn, args)
    if request is None or place is None:
        return
    if await _reachable(turn, request):
        start = local(args[2], args[3], turn.desk.timezone)
        await book(turn, request, place, start, DURATION)


async def _case_and_place(turn: WorkerTurn, args: tuple) -> tuple[Request | None, Place | None]:
    request = await turn.own_case(args[0])
    if request is None:
        return None, None
    place = await place_store.get_place(turn.conn, args[1])
    if place is None or not place.active:
        await turn.reply(wm.rdv_place_gone(label(place) if place else "?"), request_id=request.id)
        return request, None
    return request, place


async def _reachable(turn: WorkerTurn, request: Request) -> bool:
    """The citizen of the case can still get messages; if not, the worker is told why."""
    return await turn.desk.reachable(turn, request, request_id=request.id) is not None


async def _taken(
    turn: WorkerTurn, place: Place, until: datetime
) -> list[tuple[datetime, datetime]]:
    held = await place_store.appointments_at(turn.conn, place.id, turn.now, until)
    return [(a.starts_at, a.ends_at) for a in held]


def _today(turn: WorkerTurn) -> date:
    return turn.now.astimezone(turn.desk.timezone).date()
