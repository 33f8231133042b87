"""Play a scenario on the real bot: citizens write at their moments, workers take cards after
their delay (or never), a worker is deactivated through the real CLI command; time jumps from
one event or alarm to the next.
"""

from __future__ import annotations

import heapq
import io
import itertools
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.channels.memory import Sent
from bot.cli.main import CliEnv
from bot.core.settings import Settings
from bot.core.turns import WORKER_CHOICE
from bot.rota.rota import Shift
from bot.sim.harness import Service
from bot.sim.scenario import Citizen, Message, Scenario, WorkerPlan
from storage.workers import Worker

TAIL = timedelta(hours=24)  # after the period: time for what is waiting to be taken
TICK = timedelta(minutes=5)  # recurring sweeps (every 30–60 s in the bot) run this often
# …and these, whose exact minute no figure depends on, every quarter of an hour.
SLOWER = dict.fromkeys(
    ("followups:sweep", "housekeeping:handover", "appointments:sweep", "ops:alerts"),
    timedelta(minutes=15),
)
REPLIES = {"fr": "Bonjour, ici {name}. Je m'occupe de votre demande.",
           "en": "Hello, this is {name}. I am looking into your request."}  # fmt: skip


@dataclass
class SentMessage:
    """A scenario message as it was sent: its provider id links it to the inbound row."""

    message: Message
    citizen: Citizen
    provider_id: str


@dataclass
class Played:
    """What a run leaves for the checker: the service (still open) and what was sent."""

    service: Service
    scenario: Scenario
    sent: list[SentMessage]
    workers: dict[str, Worker]
    plans: dict[str, WorkerPlan]
    deactivated: dict[int, datetime] = field(default_factory=dict)
    claims: int = 0


class Player:
    """Runs one scenario on one service."""

    def __init__(self, service: Service, scenario: Scenario) -> None:
        self.service, self.scenario = service, scenario
        self.rng = random.Random(scenario.seed + 1)
        self.events: list[tuple[datetime, int, Callable[[], Awaitable[None]]]] = []
        self._seq = itertools.count()
        self._seen: dict[int, int] = {}
        self._pending: set[tuple[int, int]] = set()  # (worker, request) claims planned
        self.played: Played | None = None

    def push(self, at: datetime, action: Callable[[], Awaitable[None]]) -> None:
        """Plan an action at a virtual moment."""
        heapq.heappush(self.events, (at, next(self._seq), action))

    async def setup(self) -> Played:
        """Workers, the rota, and every planned event."""
        s, sc = self.service, self.scenario
        workers = {}
        for plan in sc.workers:
            workers[plan.name] = await s.add_worker(plan.name, plan.telegram_id,
                languages=plan.languages, role=plan.role, organization="Relais")  # fmt: skip
        shifts = [
            Shift(workers[p.worker].id, p.start, p.end, p.weekday, p.on_date) for p in sc.shifts
        ]
        await s.set_rota(shifts)
        self.played = Played(s, sc, [], workers, {p.name: p for p in sc.workers})
        for message in sc.messages:
            self.push(message.at, self._citizen_action(message))
        if sc.deactivate is not None:
            name, at = sc.deactivate
            self.push(at, lambda: self._deactivate(name))
        return self.played

    def _citizen_action(self, message: Message) -> Callable[[], Awaitable[None]]:
        citizen = next(c for c in self.scenario.citizens if c.alias == message.citizen)

        async def act() -> None:
            if citizen.channel == "sms":
                pid = await self.service.citizen_sms(citizen.handle, message.text)
            else:
                pid = await self.service.citizen_telegram(
                    int(citizen.handle), message.text, citizen.telegram_language
                )
            self.played.sent.append(SentMessage(message, citizen, pid))

        return act

    async def _deactivate(self, name: str) -> None:
        """`relais workers deactivate NAME`, through the real parser, on the bot's database."""
        from bot.cli.main import build_parser

        args = build_parser().parse_args(["workers", "deactivate", *name.split()])
        s = self.service
        env = CliEnv(db=s.db, timezone=s.settings.timezone, locale=s.settings.locale,
                     settings=s.settings, now=s.clock, out=io.StringIO())  # fmt: skip
        await args.func(args, env)
        self.played.deactivated[self.played.workers[name].id] = s.now()

    async def play(self) -> Played:
        """Run every event in time order, and the tail after the period."""
        played = await self.setup()
        s, end, last = self.service, self.scenario.end, self.scenario.end + TAIL
        while s.now() < last and not (s.now() >= end and await self._settled()):
            upcoming = self.events[0][0] if self.events else last
            target = min(upcoming, s.clock_work.next_due() or last, last)
            await s.run_until(max(target, s.now()))
            while self.events and self.events[0][0] <= s.now():
                await heapq.heappop(self.events)[2]()
            self._observe()
        return played

    async def _settled(self) -> bool:
        """Nothing waits any more: no request waiting, no worker about to act."""
        if self.events:
            return False
        row = await self.service.db.fetchone("SELECT COUNT(*) AS n FROM requests"
                                             " WHERE status = 'waiting'")  # fmt: skip
        return row["n"] == 0

    def _observe(self) -> None:
        """New cards in the workers' chats: each card is a chance to take the request."""
        for name, worker in self.played.workers.items():
            chat = self.service.worker_transcript(worker)
            for sent in chat[self._seen.get(worker.id, 0) :]:
                request_id = _card_request(sent)
                if request_id is not None and (worker.id, request_id) not in self._pending:
                    self._decide(self.played.plans[name], worker, request_id, sent)
            self._seen[worker.id] = len(chat)

    def _decide(self, plan: WorkerPlan, worker: Worker, request_id: int, card: Sent) -> None:
        if self.rng.random() < plan.no_show:
            return
        at = card.at + timedelta(minutes=self.rng.randint(*plan.delay))
        self._pending.add((worker.id, request_id))
        self.push(max(at, self.service.now()), lambda: self._claim(worker, request_id, card))

    async def _claim(self, worker: Worker, request_id: int, card: Sent) -> None:
        s = self.service
        self._pending.discard((worker.id, request_id))
        if worker.id in self.played.deactivated:
            return
        row = await s.db.fetchone("SELECT status FROM requests WHERE id = ?", (request_id,))
        if row is None or row["status"] != "waiting":
            return
        await s.worker_claim(worker, request_id)
        self.played.claims += 1
        at = s.now() + timedelta(minutes=self.rng.randint(1, 5))
        self.push(at, lambda: self._reply(worker, request_id, card))

    async def _reply(self, worker: Worker, request_id: int, card: Sent) -> None:
        s = self.service
        row = await s.db.fetchone("SELECT claimed_by, language FROM requests WHERE id = ?",
                                  (request_id,))  # fmt: skip
        if row is None or row["claimed_by"] != worker.id or worker.id in self.played.deactivated:
            return
        text = REPLIES.get(row["language"], REPLIES["fr"]).format(name=worker.name.split()[0])
        await s.worker_text(worker, text, reply_to=card.message_id)


def _card_request(sent: Sent) -> int | None:
    """The request a card's Take button names, or None for any other message."""
    for data in sent.choices:
        if data.startswith(f"{WORKER_CHOICE}claim:"):
            return int(data.rsplit(":", 1)[1])
    return None


async def play(
    scenario: Scenario,
    settings: Settings | None = None,
    *,
    tick: timedelta = TICK,
) -> Played:
    """Start a service at the scenario's start and play it; the caller closes `played.service`."""
    service = Service(scenario.start, settings, min_interval=tick, intervals=SLOWER)
    await service.__aenter__()
    try:
        return await Player(service, scenario).play()
    except BaseException:
        await service.__aexit__(None, None, None)
        raise
