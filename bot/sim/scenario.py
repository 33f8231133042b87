"""A week of the network, drawn from a seed: who writes when, in which language, and what the
workers on the rota do with the cards they get.

Everything is decided here, before the run, from `random.Random(seed)`: the same seed and
period give the same scenario, message for message. Only the workers' reactions depend on
what the bot does (a card arrives → the worker takes it after their delay, or never).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.rota.rota import local_moment
from flows.text import Text

REQUESTS = {
    "fr": (
        "J'ai besoin d'aide pour mon loyer",
        "Je me sens seul depuis que ma femme est partie",
        "Je cherche une banque alimentaire pres de chez moi",
        "Mon proprietaire veut me mettre dehors",
        "Est-ce que quelqu'un peut m'aider a remplir un formulaire?",
        "Je n'ai plus rien a manger cette semaine",
    ),
    "en": (
        "I need help with my rent",
        "I feel lonely since I moved here",
        "Where can I find a food bank near Hochelaga?",
        "Can someone call me back about my benefits?",
        "My landlord is cutting the heat",
    ),
}
CRISES = {
    "fr": ("je veux mourir", "il va me tuer, j'ai peur", "j'ai envie de me suicider"),
    "en": ("I want to kill myself", "my husband is going to kill me", "I want to die tonight"),
}
FOLLOW_UPS = {
    "fr": ("Allo? Il y a quelqu'un?", "Je suis disponible demain matin", "Merci", "?"),
    "en": ("Hello? Anyone there?", "I'm free tomorrow morning", "Thanks", "?"),
}
GREETINGS = {"fr": "Bonjour", "en": "Hello"}
STOP, AFTER_STOP = "STOP", "encore moi"


@dataclass(frozen=True)
class Message:
    """One message a citizen sends at a virtual moment."""

    at: datetime
    citizen: str  # alias in the report: "c07"
    text: str


@dataclass(frozen=True)
class Citizen:
    """Someone who writes to the network during the period."""

    alias: str
    channel: str  # "sms" | "telegram"
    handle: str  # the phone number or the Telegram chat id, as text
    language: str  # what they write in
    telegram_language: str | None = None  # Telegram's language_code

    @property
    def address(self) -> str:
        """The bot's address for them: "sms:+1514…" or "telegram:700001"."""
        return f"{self.channel}:{self.handle}"


@dataclass(frozen=True)
class WorkerPlan:
    """A worker or coordinator and what they do with a card."""

    name: str
    telegram_id: int
    languages: tuple[str, ...] = ("fr",)
    role: str = "worker"
    no_show: float = 0.0  # chance of never taking a given card
    delay: tuple[int, int] = (2, 20)  # minutes before taking a card they take


@dataclass(frozen=True)
class ShiftPlan:
    """A shift by worker name, local time: weekly (0 = Monday) or on one date."""

    worker: str
    weekday: int | None
    start: time
    end: time
    on_date: date | None = None


@dataclass
class Scenario:
    """Everything a run needs, decided from the seed."""

    seed: int
    start: datetime  # aware, UTC
    days: int
    timezone: ZoneInfo
    workers: list[WorkerPlan]
    shifts: list[ShiftPlan]
    citizens: list[Citizen]
    messages: list[Message]
    deactivate: tuple[str, datetime] | None = None
    notes: list[Text] = field(default_factory=list)  # shown in the report (translatable)

    @property
    def end(self) -> datetime:
        """The end of the period (exclusive)."""
        return self.start + timedelta(days=self.days)


def default_workers() -> list[WorkerPlan]:
    """A small network: day workers, an evening pair, a weekend worker, one coordinator."""
    return [
        WorkerPlan("Jade Tremblay", 9001, ("fr",), delay=(2, 15)),
        WorkerPlan("Samuel Côté", 9002, ("fr", "en"), delay=(5, 25)),
        WorkerPlan("Marie Roy", 9003, ("fr",), no_show=0.3, delay=(5, 40)),
        WorkerPlan("Alex Nguyen", 9004, ("fr", "en"), no_show=1.0),
        WorkerPlan("Lou Gagnon", 9005, ("fr", "en"), role="coordinator", delay=(5, 30)),
    ]


def default_rota() -> list[ShiftPlan]:
    """Weekdays 9–17 and 13–21, Tuesday and Thursday evenings 17–22, weekends 10–18."""
    shifts = [ShiftPlan("Jade Tremblay", d, time(9), time(17)) for d in range(5)]
    shifts += [ShiftPlan("Samuel Côté", d, time(13), time(21)) for d in range(5)]
    shifts += [ShiftPlan("Alex Nguyen", d, time(17), time(22)) for d in (1, 3)]
    shifts += [ShiftPlan("Marie Roy", d, time(10), time(18)) for d in (5, 6)]
    return shifts


def generate(
    seed: int,
    start_day: date,
    days: int,
    timezone: ZoneInfo,
    *,
    per_day: tuple[int, int] = (4, 9),
    night_share: float = 0.3,
) -> Scenario:
    """The scenario of this seed over `days` local days from `start_day` (midnight)."""
    rng = random.Random(seed)
    start = local_moment(start_day, time(0), timezone)
    citizens: list[Citizen] = []
    messages: list[Message] = []
    for day in range(days):
        for _ in range(rng.randint(*per_day)):
            citizen = _citizen(rng, len(citizens) + 1)
            citizens.append(citizen)
            first = _arrival(rng, start_day + timedelta(days=day), timezone, night_share)
            messages += _conversation(rng, citizen, first)
    end = start + timedelta(days=days)
    messages = sorted((m for m in messages if m.at < end), key=lambda m: (m.at, m.citizen))
    workers = default_workers()
    deactivate = (workers[1].name, start + timedelta(days=days / 2, hours=2))
    return Scenario(seed, start, days, timezone, workers, default_rota(), citizens, messages,
                    deactivate)  # fmt: skip


def _citizen(rng: random.Random, number: int) -> Citizen:
    language = "en" if rng.random() < 0.25 else "fr"
    alias = f"c{number:02d}"
    if rng.random() < 0.6:
        return Citizen(alias, "sms", f"+1514555{number:04d}", language)
    hint = rng.choice(("en", "en-US")) if language == "en" else rng.choice(("fr", None))
    return Citizen(alias, "telegram", str(700_000 + number), language, hint)


def _arrival(rng: random.Random, day: date, tz: ZoneInfo, night_share: float) -> datetime:
    """A moment of that local day: daytime (8 h–20 h) or night (20 h–8 h next morning)."""
    if rng.random() < night_share:
        minutes = 20 * 60 + rng.randrange(12 * 60)
    else:
        minutes = 8 * 60 + rng.randrange(12 * 60)
    return local_moment(day, time(0), tz) + timedelta(minutes=minutes)


def _conversation(rng: random.Random, citizen: Citizen, at: datetime) -> list[Message]:
    """A greeting or not, the request (or a crisis), follow-ups, sometimes STOP."""
    lang, out = citizen.language, []
    if rng.random() < 0.3:
        out.append(Message(at, citizen.alias, GREETINGS[lang]))
        at += timedelta(minutes=rng.randint(1, 4))
    crisis = rng.random() < 0.1
    out.append(Message(at, citizen.alias, rng.choice((CRISES if crisis else REQUESTS)[lang])))
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        at += timedelta(minutes=rng.choice((3, 10, 45, 120, 400)))
        out.append(Message(at, citizen.alias, rng.choice(FOLLOW_UPS[lang])))
    if rng.random() < 0.05:
        at += timedelta(minutes=rng.randint(5, 60))
        out.append(Message(at, citizen.alias, STOP))
        out.append(Message(at + timedelta(hours=1), citizen.alias, AFTER_STOP))
    return out
