"""Appointments as the citizen sees them: the proposal, their yes or no, reminders, cancellations.

A worker's proposal puts the citizen at the step "appointment" with data {"appointment": id};
`step` turns a yes or a no (button, "1"/"2" on SMS, "oui", "non merci") into an
`AppointmentAnswer` effect, which the application applies (bot/appointments/service.py) and answers.
Anything else is not an answer: the ordinary conversation goes on and the question stays open.
"""

from __future__ import annotations

from dataclasses import replace

from flows.keywords import match_confirmation
from flows.messages import YES_NO
from flows.text import Text, When, _
from flows.types import AppointmentAnswer, CitizenState, Context, Inbound, Outcome, Reply

STEP = "appointment"


def step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome | None:
    """A yes or a no to the pending proposal becomes an AppointmentAnswer; else None."""
    appointment_id = state.data.get(STEP)
    if appointment_id is None:
        return None
    answer = {"yes": True, "no": False}.get(inbound.choice or "")
    if answer is None and inbound.choice is None:
        answer = match_confirmation(text)
    if answer is None:
        return None
    data = {key: value for key, value in state.data.items() if key != STEP}
    back = "request" if state.open_request is not None else "menu"
    new_state = replace(state, step=back, data=data)
    return Outcome((), new_state, (AppointmentAnswer(answer, int(appointment_id)),))


def where(name: str, organization: str) -> str:
    """A place as the citizen reads it: "Salle de rencontre, Le Sésame"."""
    return f"{name}, {organization}" if organization else name


def proposal(worker: str, moment: When, place: str, address: str) -> Reply:
    """The worker's proposal, in plain words, with Oui / Non."""
    if address:
        text = _(
            "{worker} vous propose un rendez-vous {when}. Lieu: {place}, {address}. "
            "Pouvez-vous venir?",
            worker=worker, when=moment, place=place, address=address,
        )  # fmt: skip
    else:
        text = _(
            "{worker} vous propose un rendez-vous {when}. Lieu: {place}. Pouvez-vous venir?",
            worker=worker, when=moment, place=place,
        )  # fmt: skip
    return Reply(text, YES_NO)


def confirmed(moment: When, place: str) -> Text:
    return _(
        "C'est noté: rendez-vous {when}. Lieu: {place}. Nous vous enverrons un rappel.",
        when=moment,
        place=place,
    )


def declined() -> Text:
    return _("C'est noté, pas de rendez-vous à ce moment. On vous proposera un autre moment.")


def reminder(moment: When, place: str, address: str) -> Text:
    if address:
        return _(
            "Rappel: rendez-vous {when}. Lieu: {place}, {address}. "
            "Si vous ne pouvez pas venir, écrivez-nous ici.",
            when=moment, place=place, address=address,
        )  # fmt: skip
    return _(
        "Rappel: rendez-vous {when}. Lieu: {place}. Si vous ne pouvez pas venir, écrivez-nous ici.",
        when=moment,
        place=place,
    )


def cancelled(moment: When, place: str, withdrawn: bool) -> Text:
    if withdrawn:
        return _(
            "Le rendez-vous du {when} ({place}) est annulé: le lieu n'est plus disponible. "
            "On vous proposera un autre moment.",
            when=moment,
            place=place,
        )
    return _(
        "Le rendez-vous du {when} ({place}) est annulé. On vous proposera un autre moment.",
        when=moment,
        place=place,
    )


def no_longer_open(status: str) -> Text:
    """An answer to a proposal that was cancelled or already answered."""
    if status == "cancelled":
        return _("Ce rendez-vous a été annulé. Écrivez-nous ici si vous avez besoin de nous.")
    return _("Votre réponse est déjà notée. Écrivez-nous ici si vous avez besoin de nous.")
