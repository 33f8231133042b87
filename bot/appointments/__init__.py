"""Appointments at welcoming places: `/rdv` (commands.py), answers, reminders (service.py)."""

from __future__ import annotations

from functools import partial

from apscheduler.triggers.interval import IntervalTrigger

from bot.appointments import commands, service
from bot.core.features import Feature, Job, Services
from flows.types import AppointmentAnswer


def feature(services: Services) -> Feature:
    """`/rdv` and its buttons, the citizen's answer, reminders and the cancellation sweep."""
    every = service.SWEEP_EVERY.total_seconds()
    trigger = IntervalTrigger(seconds=every, timezone=services.settings.timezone)
    rdv = commands.offers(services)
    return Feature(
        name="appointments",
        commands=rdv.commands,
        buttons=rdv.buttons,
        effects={AppointmentAnswer: partial(service.on_answer, services)},
        on_start=(partial(service.started, services),),
        jobs=(Job(service.SWEEP_JOB, trigger, service.sweep, (services,)),),
    )
