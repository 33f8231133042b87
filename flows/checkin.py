"""Follow-up check-ins: what the citizen reads, their answer, and when to send (pure).

```mermaid
stateDiagram-v2
    any --> checkin: the bot sends a check-in (step "checkin")
    checkin --> menu: "Tout va bien" (thanks; the worker is told)
    checkin --> request: "J'aimerais parler" or any words (the case reopens)
```
A crisis message is caught before this step: the crisis rules apply as anywhere else.
Times: hours and minutes are elapsed time; days and weeks keep the local clock time across a
DST change ("3j" at 10:00 is 10:00 three days later); a date is read in the local zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flows.localtime import local
from flows.normalize import words
from flows.text import Raw, Text, _
from flows.types import CheckinAnswer, Choice, CitizenState, Context, Inbound, Outcome, Reply

STEP = "checkin"
OK, TALK = "checkin_ok", "checkin_talk"
CHOICES = (Choice(OK, _("Tout va bien")), Choice(TALK, _("J'aimerais parler à quelqu'un")))
MAX_AHEAD = timedelta(days=366)
MAX_REPEATS = 52
MAX_YEARS = 100  # a typed year further than this from today is no date: the usage line

_UNITS = {
    "m": "minutes", "min": "minutes", "mn": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "heure": "hours", "heures": "hours", "hour": "hours", "hours": "hours",
    "j": "days", "jour": "days", "jours": "days", "d": "days", "day": "days", "days": "days",
    "sem": "weeks", "semaine": "weeks", "semaines": "weeks", "w": "weeks",
    "week": "weeks", "weeks": "weeks",
}  # fmt: skip
_DURATION = re.compile(r"^([0-9]{1,3}) ?([a-z]+)$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:h]([0-5][0-9])?$")
_EVERY = {"chaque", "every", "tous", "toutes"}
_PERIOD = {
    "jour": "days", "jours": "days", "day": "days", "days": "days",
    "semaine": "weeks", "semaines": "weeks", "sem": "weeks", "week": "weeks", "weeks": "weeks",
}  # fmt: skip


# ---- what the citizen reads ---------------------------------------------------------------


def checkin_text(message: str, name: str, organization: str) -> Text:
    """The check-in: the worker's words signed, or a short kind default."""
    if message and name:
        by = f"{name}, {organization}" if organization else name
        return _("{text}\n- {by} (Relais)", text=Raw(message), by=by)
    if message:
        return _("{text}\n- Relais, Mercier-Est", text=Raw(message))
    if name:
        return _(
            "Bonjour! Ici Relais. {name} prend de vos nouvelles: comment allez-vous?", name=name
        )
    return _("Bonjour! Ici Relais. Nous prenons de vos nouvelles: comment allez-vous?")


def checkin_reply(message: str, name: str = "", organization: str = "") -> Reply:
    """The check-in with its two-choice menu, unless the words ask their own question."""
    choices = () if asks_own_question(message) else CHOICES
    return Reply(checkin_text(message, name, organization), choices)


_OWN_ANSWER = re.compile(r"\b(r[ée]pond(ez|re)|reply|answer|[ée]crivez|textez|text|write)\b", re.I)


def asks_own_question(message: str) -> bool:
    """Words that say how to answer ("Répondez OUI…"): the menu would contradict them.

    A plain question ("Comment allez-vous?") keeps the menu: its two choices answer it.
    """
    return _OWN_ANSWER.search(message) is not None


def thanks() -> Text:
    return _("Merci de votre réponse! Écrivez-nous ici si vous avez besoin de nous.")


# ---- the answer -----------------------------------------------------------------------------


def step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome | None:
    """An answer: "all is well", "I'd like to talk", or any words; else None."""
    followup_id = state.data.get("checkin")
    data = {k: v for k, v in state.data.items() if k != "checkin"}
    after = "request" if state.open_request is not None else "menu"
    fine = inbound.choice is None and state.step == STEP and is_fine(text)
    if inbound.choice == OK or fine:
        new_state = replace(state, step=after, data=data)
        words = text if fine else ""
        return Outcome((Reply(thanks()),), new_state, (CheckinAnswer(False, followup_id, words),))
    if inbound.choice == TALK or (inbound.choice is None and text and state.step == STEP):
        new_state = replace(state, step="request", data=data)
        words = "" if inbound.choice == TALK else text
        return Outcome((), new_state, (CheckinAnswer(True, followup_id, words),))
    return None


# Words of "all is well" or thanks; any word of trouble, need or negation makes it a talk.
_FINE = frozenset(
    "merci mrc bien correct super parfait excellent good great fine thanks thank thx ok okay "
    "oki tranquille mieux better passe went".split()
)
_TROUBLE = frozenset(
    "pas pu plus ne mal aide aider besoin help need mais but not no dont cant pire worse "
    "triste sad peur seul seule alone probleme problem question pourquoi why".split()
)
MAX_FINE_WORDS = 12


def is_fine(text: str) -> bool:
    """A short thank-you or "ça va bien" answering a check-in (not a question, no trouble)."""
    tokens = words(text)
    if not tokens or len(tokens) > MAX_FINE_WORDS or "?" in text:
        return False
    return any(t in _FINE for t in tokens) and not any(t in _TROUBLE for t in tokens)


# ---- when ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    """What `/suivi …` asked for: the moments (UTC) and the worker's words."""

    moments: tuple[datetime, ...]
    message: str
    every: str | None = None  # "days" | "weeks" for a repeating series


def parse_schedule(args: str, now: datetime, tz: ZoneInfo) -> Schedule | None:
    """`3j`, `2h`, `1sem [words]`, `2026-12-01 10:00 [words]`, `chaque semaine 4 [words]`."""
    words = args.split()
    if not words:
        return None
    head = words[0].lower()
    if head in _EVERY:
        return _repeating(words[1:], now, tz)
    if _DATE.match(head):
        return _dated(words, now, tz)
    match = _DURATION.match(" ".join(words[:2]).lower()) if len(words) > 1 else None
    used = 2 if match and match.group(2) in _UNITS else 1
    match = match if used == 2 else _DURATION.match(head)
    if match is None or match.group(2) not in _UNITS:
        return None
    moment = later(now, int(match.group(1)), _UNITS[match.group(2)], tz)
    return Schedule((moment,), " ".join(words[used:]))


def _repeating(words: list[str], now: datetime, tz: ZoneInfo) -> Schedule | None:
    if not words or words[0].lower() not in _PERIOD:
        return None
    period = _PERIOD[words[0].lower()]
    count = int(words[1]) if len(words) > 1 and re.fullmatch("[0-9]{1,3}", words[1]) else 0
    if not 1 <= count <= MAX_REPEATS:
        return None
    moments = tuple(later(now, n, period, tz) for n in range(1, count + 1))
    return Schedule(moments, " ".join(words[2:]), every=period)


def _dated(words: list[str], now: datetime, tz: ZoneInfo) -> Schedule | None:
    try:
        day = date.fromisoformat(words[0])
    except ValueError:
        return None
    if abs(day.year - now.year) > MAX_YEARS:
        return None  # 9999-12-31 is no check-in date (and would overflow in UTC)
    at, used = time(10, 0), 1
    match = _TIME.match(words[1].lower()) if len(words) > 1 else None
    if match:
        at, used = time(int(match.group(1)), int(match.group(2) or 0)), 2
    return Schedule((local(day, at, tz),), " ".join(words[used:]))


def later(now: datetime, amount: int, unit: str, tz: ZoneInfo) -> datetime:
    """`amount` units after `now`: days and weeks keep the local clock time."""
    if unit in ("minutes", "hours"):
        return now + timedelta(**{unit: amount})
    here = now.astimezone(tz)
    day = here.date() + timedelta(**{unit: amount})
    return local(day, here.time().replace(tzinfo=None), tz)


def day_at(now: datetime, days: int, at: time, tz: ZoneInfo) -> datetime:
    """`at` local time, `days` days after today (the buttons after /fin: 10:00)."""
    return local(now.astimezone(tz).date() + timedelta(days=days), at, tz)


def check(schedule: Schedule, now: datetime) -> str | None:
    """Why a schedule cannot be kept ("past", "far"), or None."""
    if schedule.moments[0] <= now:
        return "past"
    if schedule.moments[-1] > now + MAX_AHEAD:
        return "far"
    return None


def after_quiet(moment: datetime, quiet: tuple[time, time] | None, tz: ZoneInfo) -> datetime:
    """The moment itself, or the end of the quiet window it falls in."""
    if quiet is None or quiet[0] == quiet[1]:
        return moment
    start, end = quiet
    here = moment.astimezone(tz)
    clock = here.time().replace(tzinfo=None)
    if start < end:
        inside, day = start <= clock < end, here.date()
    else:  # the window runs past midnight, e.g. 21:00-09:00
        inside = clock >= start or clock < end
        day = here.date() + timedelta(days=1) if clock >= start else here.date()
    return max(local(day, end, tz), moment) if inside else moment
