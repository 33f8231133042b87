"""The checker: what the bot promised and what happened, read from the rows and transcripts.

For every message a citizen sent (a message after STOP must get silence instead):
- answered: the bot replied at once (within `REPLY_WITHIN`, before the citizen's next message),
  or the message reached a person at once: a worker's chat received the request's card, or the
  text relayed to the worker who has the case. Kept silently for the morning is unanswered;
- an urgent request reached someone (a worker or coordinator's chat) within `URGENT_WITHIN`;
- a "someone will answer" or "a person was alerted" statement (flows/messages.py
  `request_opened` while on duty, `added_to_request`, `urgent_status`) was true: a person on
  duty, a coordinator or the worker who has the case had received the request when it was said.
Statements are recognized by their rendered text: the messages of flows/messages.py rendered
through the catalogs in both languages, split around their parameters, so a rewording of
the catalog is followed without touching the checker.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.channels.memory import Sent
from bot.core.i18n import I18n
from bot.core.turns import WORKER_CHOICE
from bot.rota import rota
from bot.sim.run import Played, SentMessage
from flows import messages as m
from flows.crisis import detect_crisis
from flows.keywords import Keyword, match_keyword
from storage import rota as rota_store
from storage import workers as worker_store
from storage.clock import from_db

REPLY_WITHIN = timedelta(minutes=1)
URGENT_WITHIN = timedelta(minutes=30)
SENTINEL = "\x00"


@dataclass(frozen=True)
class Broken:
    """One broken promise: what, about which citizen / request, when."""

    kind: str  # "unanswered" | "urgent_unreached" | "false_statement" | "spoke_after_stop"
    citizen: str
    at: datetime
    request: str = ""  # alias, "#A12"


@dataclass(frozen=True)
class Verdict:
    """How one citizen message was met."""

    sent: SentMessage
    request_id: int | None
    outcome: str  # "answered" | "reached" | "silent" (after STOP) | "unanswered" | "spoke"


@dataclass
class RequestFigures:
    """One request: when, how fast a human answered, escalations, who was paged."""

    id: int
    alias: str
    citizen: str
    created_at: datetime
    urgent: bool
    first_reply: timedelta | None
    escalations: int
    paged: list[str]
    first_page: datetime | None


@dataclass
class Findings:
    """Everything the report prints."""

    verdicts: list[Verdict]
    requests: list[RequestFigures]
    broken: list[Broken] = field(default_factory=list)

    def reply_times(self) -> list[timedelta]:
        """Times to the first human reply, shortest first."""
        return sorted(r.first_reply for r in self.requests if r.first_reply is not None)

    def quantile(self, q: float) -> timedelta | None:
        """The q-quantile of the time to the first human reply (None without replies)."""
        times = self.reply_times()
        if not times:
            return None
        if len(times) == 1:
            return times[0]
        cuts = statistics.quantiles([t.total_seconds() for t in times], n=100, method="inclusive")
        return timedelta(seconds=round(cuts[round(q * 100) - 1]))


def promises() -> list:
    """The statements that say a person will answer or was alerted, as flows/messages.py
    makes them (the alerted ones of `urgent_status`, where the catalog has them)."""
    said = [m.request_opened(SENTINEL, True, None), m.added_to_request()]
    urgent_status = getattr(m, "urgent_status", None)  # from the night-answers work (issue 11)
    if urgent_status is not None:
        said += [urgent_status(True, False, False, None), urgent_status(False, True, False, None),
                 urgent_status(False, False, True, None)]  # fmt: skip
    return said


def promise_fragments(i18n: I18n) -> list[list[str]]:
    """The fixed pieces of each "a person will answer" statement, per language."""
    found = []
    for language in ("fr", "en"):
        for text in promises():
            rendered = i18n.render(text, language)
            found.append([f for f in rendered.split(SENTINEL) if f.strip()])
    return found


def is_promise(body: str, fragments: list[list[str]]) -> bool:
    """True when the body says one of the statements (alone or after a welcome, a crisis…)."""
    return any(all(piece in body for piece in pieces) for pieces in fragments)


class Checker:
    """Reads a played scenario; `await check()` gives the findings."""

    def __init__(self, played: Played) -> None:
        self.played = played
        self.service = played.service
        self.tz = self.service.settings.timezone

    async def check(self) -> Findings:
        """Every verdict, the figures per request, and the broken promises in time order."""
        await self._load()
        verdicts = [self._verdict(s) for s in self.played.sent]
        findings = Findings(verdicts, await self._requests())
        findings.broken += self._broken_messages(verdicts)
        findings.broken += self._urgent(findings.requests)
        findings.broken += self._statements()
        findings.broken.sort(key=lambda b: (b.at, b.citizen, b.kind))
        return findings

    async def _load(self) -> None:
        db = self.service.db
        self.inbound = {r["provider_id"]: r for r in await db.fetchall("SELECT * FROM inbound")}
        self.outbox = {r["id"]: r for r in await db.fetchall(
            "SELECT id, address, worker_id, request_id, created_at FROM outbox")}  # fmt: skip
        self.shifts = await rota_store.list_shifts(db, include_inactive=True)
        self.claims: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
        for r in await db.fetchall("SELECT at, actor, request_id FROM audit"
                                   " WHERE action = 'request.claimed'"):  # fmt: skip
            self.claims[r["request_id"]].append((from_db(r["at"]), int(r["actor"].split(":")[1])))
        self.workers = {w.id: w for w in await worker_store.list_all(db)}
        self.by_request: dict[int, list[tuple[Sent, int]]] = defaultdict(list)
        for worker in self.workers.values():
            if worker.telegram_id is None:
                continue
            for sent in self.service.worker_transcript(worker):
                request_id = self.outbox[sent.outbox_id]["request_id"]
                if request_id is not None:
                    self.by_request[request_id].append((sent, worker.id))
        self.opted_out = self._stops()
        self.next_at = self._next_messages()

    def _replies(self, sent: SentMessage) -> list[Sent]:
        """What the citizen received in answer: from the message until a minute later, or
        until their next message if it comes sooner."""
        at = sent.message.at
        until = min(self.next_at.get(sent.provider_id, at + REPLY_WITHIN), at + REPLY_WITHIN)
        return [s for s in self.service.transcript(sent.citizen.address) if at <= s.at < until]

    def _next_messages(self) -> dict[str, datetime]:
        """Provider id → when the same citizen wrote next."""
        following, last = {}, {}
        for sent in self.played.sent:
            previous = last.get(sent.citizen.alias)
            if previous is not None:
                following[previous.provider_id] = sent.message.at
            last[sent.citizen.alias] = sent
        return following

    def _stops(self) -> set[str]:
        """Provider ids of messages sent while opted out (silence expected), crises apart."""
        out, silent = set(), set()
        for sent in self.played.sent:
            word = match_keyword(sent.message.text)
            if sent.citizen.alias in out and word in (Keyword.START, Keyword.BEGIN):
                out.discard(sent.citizen.alias)
            elif sent.citizen.alias in out and not detect_crisis(sent.message.text):
                silent.add(sent.provider_id)
            elif word is Keyword.STOP:
                out.add(sent.citizen.alias)
            elif detect_crisis(sent.message.text):
                out.discard(sent.citizen.alias)
        return silent

    def _verdict(self, sent: SentMessage) -> Verdict:
        row = self.inbound.get(sent.provider_id)
        request_id = row["request_id"] if row is not None else None
        at = sent.message.at
        replies = self._replies(sent)
        if sent.provider_id in self.opted_out:
            return Verdict(sent, request_id, "spoke" if replies else "silent")
        if replies:
            return Verdict(sent, request_id, "answered")
        reached = request_id is not None and self._reached(request_id, at)
        return Verdict(sent, request_id, "reached" if reached else "unanswered")

    def _reached(self, request_id: int, at: datetime) -> bool:
        """A worker's chat got the request's card, or the relayed text, right away."""
        for sent, worker_id in self.by_request.get(request_id, []):
            if not at <= sent.at < at + REPLY_WITHIN:
                continue
            card = f"{WORKER_CHOICE}claim:{request_id}" in sent.choices
            if card or self._claimer(request_id, sent.at) == worker_id:
                return True
        return False

    def _broken_messages(self, verdicts: list[Verdict]) -> list[Broken]:
        kinds = {"unanswered": "unanswered", "spoke": "spoke_after_stop"}
        return [
            Broken(kinds[v.outcome], v.sent.citizen.alias, v.sent.message.at, _alias(v.request_id))
            for v in verdicts
            if v.outcome in kinds
        ]

    async def _requests(self) -> list[RequestFigures]:
        rows = await self.service.db.fetchall("SELECT * FROM requests ORDER BY id")
        cards = await self.service.db.fetchall("SELECT request_id, worker_id, kind FROM cards")
        citizens = {s.citizen.address: s.citizen.alias for s in self.played.sent}
        address = {r["id"]: r["address"] for r in await self.service.db.fetchall(
            "SELECT id, address FROM citizens")}  # fmt: skip
        figures = []
        for row in rows:
            own = [c for c in cards if c["request_id"] == row["id"]]
            pages = sorted(s.at for s, _ in self.by_request.get(row["id"], []))
            created, replied = from_db(row["created_at"]), from_db(row["first_reply_at"])
            figures.append(RequestFigures(
                row["id"], _alias(row["id"]), citizens.get(address.get(row["citizen_id"]), "?"),
                created, bool(row["urgent"]), replied - created if replied else None,
                sum(c["kind"] == "escalation" for c in own),
                sorted({self.workers[c["worker_id"]].name for c in own}),
                pages[0] if pages else None,
            ))  # fmt: skip
        return figures

    def _urgent(self, requests: list[RequestFigures]) -> list[Broken]:
        since = self._urgent_since()
        broken = []
        for r in requests:
            if not r.urgent:
                continue
            start = since.get(r.id, r.created_at)
            pages = [s.at for s, _ in self.by_request.get(r.id, []) if s.at >= start]
            if not pages or min(pages) > start + URGENT_WITHIN:
                broken.append(Broken("urgent_unreached", r.citizen, start, r.alias))
        return broken

    def _urgent_since(self) -> dict[int, datetime]:
        """When each request became urgent: its first crisis message."""
        since: dict[int, datetime] = {}
        for sent in self.played.sent:
            row = self.inbound.get(sent.provider_id)
            if row is not None and row["request_id"] and detect_crisis(sent.message.text):
                since.setdefault(row["request_id"], sent.message.at)
        return since

    def _statements(self) -> list[Broken]:
        fragments = promise_fragments(self.service.relais.i18n)
        broken = []
        for sent in self.played.sent:
            verdict_request = self.inbound.get(sent.provider_id)
            request_id = verdict_request["request_id"] if verdict_request is not None else None
            at = sent.message.at
            said = [s for s in self._replies(sent) if is_promise(s.body, fragments)]
            if said and not self._someone_has(request_id, said[0].at):
                broken.append(Broken("false_statement", sent.citizen.alias, at, _alias(request_id)))
        return broken

    def _someone_has(self, request_id: int | None, at: datetime) -> bool:
        """A person who can answer had this request in their chat by `at` (+ a minute)."""
        if request_id is None:
            return False
        on_duty = set(rota.on_duty(self.shifts, at, self.tz))
        gone = {w for w, when in self.played.deactivated.items() if when <= at}
        claimed_by = self._claimer(request_id, at)
        for sent, worker_id in self.by_request.get(request_id, []):
            worker = self.workers[worker_id]
            if sent.at > at + REPLY_WITHIN or worker_id in gone:
                continue
            on_call = worker.is_coordinator or getattr(worker, "on_call", False)
            if worker_id in on_duty or on_call or worker_id == claimed_by:
                return True
        return False

    def _claimer(self, request_id: int, at: datetime) -> int | None:
        """Who had last taken the request by `at`, if anyone (the audit keeps every claim)."""
        taken = [(when, w) for when, w in self.claims.get(request_id, []) if when <= at]
        return max(taken)[1] if taken else None


def _alias(request_id: int | None) -> str:
    return f"#A{request_id}" if request_id is not None else ""
