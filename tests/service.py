"""Helpers for the service-level tests: the real bot (bot/sim/harness.py `Service`) on a fake
clock, with memory channels and an in-memory database, no HTTP. Nothing sleeps: each step
drains the engine, and the transcripts are then all there is.

The whole-bot fixtures of tests/conftest.py stay for the contracts (webhooks, signatures,
durability, polling, rate limits).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta

from bot.channels.memory import Sent
from bot.core.settings import Settings
from bot.rota.rota import Shift
from bot.sim.harness import Service
from storage.workers import Worker

# Tuesday 1 December 2026, 15:00 in Montréal (20:00 UTC): an ordinary weekday afternoon.
AFTERNOON = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
CITIZEN = "+15145550111"
CITIZEN_SMS = f"sms:{CITIZEN}"


# Periodic jobs a test of escalation or shifts does not look at, rung every 15 virtual minutes
# instead of every 10-60 s: a night of virtual time then costs ~1,600 alarms, not ~11,000.
SIDE_JOBS = dict.fromkeys(
    ("followups:sweep", "appointments:sweep", "ops:alerts", "dashboard:scrub"),
    timedelta(minutes=15),
)


def settings(**env: str) -> Settings:
    """The settings of the whole-bot tests (no quiet hours), with `env` on top."""
    return Settings.from_mapping({"RELAIS_QUIET_HOURS": "", **env})


@asynccontextmanager
async def running(
    start: datetime = AFTERNOON,
    *,
    database: str = ":memory:",
    min_interval: timedelta | None = None,
    intervals: dict[str, timedelta] | None = None,
    **env: str,
) -> AsyncIterator[Service]:
    """The bot at `start` on the virtual clock; `env` as RELAIS_… variables. `min_interval`
    and `intervals` make periodic jobs ring less often (`VirtualClockwork`)."""
    config = settings(**env)
    async with Service(
        start, config, database=database, min_interval=min_interval, intervals=intervals
    ) as service:
        yield service


async def add_worker(
    service: Service,
    name: str,
    telegram_id: int | None,
    languages: tuple[str, ...] = ("fr",),
    role: str = "worker",
    org: str = "Maison",
) -> Worker:
    return await service.add_worker(
        name, telegram_id, languages=languages, role=role, organization=org
    )


async def always_on_duty(service: Service, *workers: Worker) -> None:
    """Every worker given is on duty all week (24 h shifts)."""
    await service.set_rota(
        [Shift(w.id, time(0), time(0), weekday=day) for w in workers for day in range(7)]
    )


# Telegram user ids of the team the tests know: Jade (fr), Karim (fr, en), the coordinator.
JADE, KARIM, COORD = 9001, 9002, 9003


async def jade_and_karim(service: Service) -> tuple[Worker, Worker]:
    """Jade (fr, Maison des familles) and Karim (fr, en, Sésame), on duty all week."""
    jade = await add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(service, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(service, jade, karim)
    return jade, karim


def take(card: Sent) -> str:
    """The callback data of a card's Take button."""
    return card.choices[0]


def last(service: Service, worker: Worker, fragment: str) -> Sent:
    """The latest message to the worker holding `fragment`; fails if there is none."""
    found = service.said(worker, fragment)
    assert found, (fragment, service.worker_texts(worker))
    return found[-1]


async def takes(service: Service, worker: Worker, number: str, first_words: str) -> Sent:
    """A citizen texts, the worker takes the request from their card; the card."""
    await service.citizen_sms(number, first_words)
    card = service.cards(worker)[-1]
    await service.worker_press(worker, take(card), card.message_id)
    return card


async def close(service: Service, worker: Worker, alias: str, offer: bool = True) -> Sent:
    """/fin with its two buttons; the follow-up offer that comes after (none if one is due)."""
    await service.worker_text(worker, "/fin ecoute")
    ask = last(service, worker, "quel profil")
    await service.worker_press(worker, f"w:prof:{alias.removeprefix('#A')}:aine", ask.message_id)
    return last(service, worker, "Prévoir un suivi" if offer else f"{alias} est fermé")
