"""What a feature offers, as data, and the services it is handed to build it.

A feature module has `feature(services: Services) -> Feature`. It declares its worker
commands, its button prefixes (bot/desk/callbacks.py's registry), its flow-effect handlers,
its jobs, its subscriptions to domain events (bot/core/events.py), its help lines per role and
what to do once everything runs. bot/app.py builds the services once, lists the features in
one order and composes them with `compose` and `start`; no module replaces or wraps what
another registered, and a name claimed twice (command, prefix, effect) refuses to start.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import aiosqlite
from apscheduler.triggers.base import BaseTrigger

from bot.core.engine import Engine
from bot.core.events import Events
from bot.core.i18n import I18n
from bot.core.scheduler import Clockwork
from bot.core.settings import Settings
from flows.text import Text
from flows.types import Reply
from storage.db import Database
from storage.requests import Request
from storage.workers import Worker

logger = logging.getLogger(__name__)

AT_START = "at start"  # a job's trigger: run once, as soon as the scheduler runs
ROLES = ("worker", "coordinator")

Command = Callable[[Any, str], Awaitable[None]]  # (WorkerTurn, the words after the command)
ButtonHandler = Callable[[Any, tuple], Awaitable[None]]  # (WorkerTurn, typed field values)
EffectHandler = Callable[[Any, Any], Awaitable[None]]  # (CitizenTurn, the flow's effect)
EventHandler = Callable[[aiosqlite.Connection, Any], Awaitable[None]]


class StartConflict(ValueError):
    """Two features claimed the same command, button prefix or effect."""


class DeskPort(Protocol):
    """The worker desk as features see it (bot/desk/desk.py's RotaDesk implements it)."""

    timezone: Any

    async def tell_worker(
        self, conn: aiosqlite.Connection, worker: Worker, reply: Reply, **ids: int | None
    ) -> list[int]:
        """Queue a message to a worker's Telegram chat."""

    async def on_duty_workers(self, conn: aiosqlite.Connection, now: datetime) -> list[Worker]:
        """Active, linked workers on duty now."""

    async def request_opened(
        self, conn: aiosqlite.Connection, request: Request, now: datetime
    ) -> None:
        """Page the workers on duty with a new request."""

    async def page(
        self, conn: aiosqlite.Connection, request: Request, to: list[Worker], now: datetime,
        kind: str = "new",
    ) -> None:  # fmt: skip
        """Send the request's card, with its Take button, to these workers."""

    async def send_cards(
        self, conn: aiosqlite.Connection, request: Request, to: list[Worker], text: Text,
        now: datetime, kind: str,
    ) -> None:  # fmt: skip
        """A card with its Take button to each worker, recorded."""

    async def citizen_message(
        self, conn: aiosqlite.Connection, request: Request, inbound: Any, now: datetime
    ) -> None:
        """Relay a citizen's message to the worker who has the case."""


@dataclass
class Services:
    """What the features are handed, built once by bot/app.py."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime]
    i18n: I18n
    engine: Engine  # say(), say_to_citizen(), wake()
    desk: DeskPort
    clock_work: Clockwork
    events: Events
    ops: Any = None  # bot/ops's counters, once built (escalations are counted)


@dataclass(frozen=True)
class Button:
    """A button prefix, its handler and the parsers of its fields (bot/core/args.py)."""

    prefix: str
    handler: ButtonHandler
    fields: tuple[Callable[[str], Any], ...] = ()


@dataclass(frozen=True)
class Job:
    """A scheduler job: recurring with a trigger, or once with `AT_START`."""

    id: str
    trigger: BaseTrigger | str
    func: Callable[..., Awaitable[None]]
    args: tuple = ()


@dataclass(frozen=True)
class Feature:
    """Everything one feature offers, composed by bot/app.py."""

    name: str
    commands: Mapping[str, Command] = field(default_factory=dict)
    buttons: Sequence[Button] = ()
    effects: Mapping[type, EffectHandler] = field(default_factory=dict)
    jobs: Sequence[Job] = ()
    subscriptions: Mapping[type, EventHandler] = field(default_factory=dict)
    help: Mapping[str, Callable[[], Text]] = field(default_factory=dict)  # role → text
    on_start: Sequence[Callable[[], Awaitable[None]]] = ()  # once channels and sender run


class Registry(Protocol):
    """Where the features' offers go: the desk's tables and the engine's."""

    commands: dict[str, Command]
    help: list[tuple[str, Callable[[], Text]]]

    def add_button(self, prefix: str, handler: ButtonHandler, *fields: Any) -> None:
        """Register a button prefix; refuses one registered twice."""


def compose(
    features: Iterable[Feature],
    registry: Registry,
    effects: dict[type, EffectHandler],
    events: Events,
) -> None:
    """Register every feature's commands, buttons, effects, subscriptions and help, in order."""
    for feature in features:
        for name, command in feature.commands.items():
            _claim(registry.commands, name, command, f"command /{name}", feature)
        for button in feature.buttons:
            registry.add_button(button.prefix, button.handler, *button.fields)
        for effect_type, handler in feature.effects.items():
            _claim(effects, effect_type, handler, f"effect {effect_type.__name__}", feature)
        for event_type, handler in feature.subscriptions.items():
            events.subscribe(event_type, handler)
        for role, text in feature.help.items():
            if role not in ROLES:
                raise StartConflict(f"{feature.name}: help for unknown role {role!r}")
            registry.help.append((role, text))


def _claim(table: dict, key: Any, value: Any, what: str, feature: Feature) -> None:
    if key in table:
        raise StartConflict(f"{what} is registered twice (the second by {feature.name})")
    table[key] = value


async def start(features: Iterable[Feature], clock_work: Clockwork, clock: Callable) -> None:
    """Once everything runs: each feature's start steps, then its jobs, in order."""
    for feature in features:
        for step in feature.on_start:
            await step()
        for job in feature.jobs:
            if job.trigger == AT_START:
                clock_work.at(job.id, clock(), job.func, *job.args)
            else:
                clock_work.every(job.id, job.trigger, job.func, *job.args)
