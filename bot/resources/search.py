"""Find resources by category or by free words (French or English), and say them in a short SMS.

Words are folded (case and accents) and lightly stemmed, so "alimentaire" finds "alimentation"
and "logement" finds "Logements"; the full-text index (FTS5 on SQLite, a tsvector on
PostgreSQL) does the rest with prefix queries.
Opening hours come from HSDS-style schedule rules (see `hours_on`).
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flows.normalize import fold
from flows.text import Text, _
from storage.resources import (
    Resource,
    ResourceRecord,
    Source,
    match_resources,
    resources_in_category,
)

CATEGORIES: dict[str, Text] = {
    "food": _("Alimentation"),
    "housing": _("Logement"),
    "health": _("Santé et santé mentale"),
    "seniors": _("65 ans et plus"),
    "families": _("Familles"),
    "employment": _("Emploi"),
    "legal": _("Droits et aide juridique"),
    "other": _("Autre"),
}

# Words (French and English, folded) that put a resource in a category and that a search for
# the category's everyday words should reach. Not shown to anyone.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "food": ("food", "alimentation", "alimentaire", "nourriture", "manger", "repas", "faim",
             "epicerie", "cuisine", "meal", "grocery", "pantry", "hunger", "soup", "kitchen"),
    "housing": ("housing", "logement", "loyer", "locataire", "hebergement", "refuge", "abri",
                "itinerance", "hlm", "shelter", "homeless", "tenant", "rent", "eviction"),
    "health": ("health", "sante", "clsc", "medecin", "infirmiere", "soin", "mentale", "detresse",
               "ecoute", "anxiete", "depression", "mental", "counselling", "therapy", "medical"),
    "seniors": ("seniors", "aine", "agee", "retraite", "elderly", "older", "senior"),
    "families": ("families", "famille", "parent", "enfant", "bebe", "perinatalite", "garderie",
                 "family", "child", "children", "baby"),
    "employment": ("employment", "emploi", "travail", "chomage", "insertion", "job", "career",
                   "resume"),
    "legal": ("legal", "juridique", "avocat", "droit", "justice", "lawyer", "law", "notaire"),
    "other": (),
}  # fmt: skip

# AIRS/211 taxonomy codes, by prefix (BD food, BH housing, FT legal services, ND employment,
# L health care, R mental health, P individual and family life).
_AIRS = (("BD", "food"), ("BH", "housing"), ("FT", "legal"), ("ND", "employment"),
         ("L", "health"), ("R", "health"), ("P", "families"))  # fmt: skip

_STOPWORDS = frozenset(
    "a au aux avec ce ces d de des du en et j je l la le les ma me mes mon ne ou par pas pour"
    " qu que qui s sa se ses son sur t un une y ai besoin cherche trouver veux voudrais"
    " an and are at for i in is it me my need of on or the to want with looking".split()
)
# Words too common in requests to narrow a search; used only when nothing else is asked.
_WEAK = frozenset(
    "aide aider help service services centre center ressource ressources resource resources"
    " programme program soutien support organisme".split()
)
_SUFFIXES = (
    "issements", "issement", "ations", "ation", "ements", "ement", "atrices", "atrice", "ateurs",
    "ateur", "ances", "ance", "ences", "ence", "aires", "aire", "iques", "ique", "ables", "able",
    "euses", "euse", "eurs", "eur", "ives", "ive", "ifs", "if", "ies", "ing", "es", "s", "x", "e",
)  # fmt: skip


def words(text: str) -> list[str]:
    """The folded words of `text`, apostrophes and hyphens splitting them."""
    return re.findall(r"[a-z0-9]+", fold(text))


def stem(word: str) -> str:
    """A light French/English stem: drop one common suffix, keeping at least four letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def classify(texts: Iterable[str]) -> str:
    """The category of the first text that names one (taxonomy terms first, then name...)."""
    stems_of = {cat: {stem(w) for w in ws} for cat, ws in CATEGORY_WORDS.items()}
    for text in texts:
        for code in re.findall(r"\b([A-Z]{1,2})-\d{4}", text):
            found = next((cat for prefix, cat in _AIRS if code.startswith(prefix)), None)
            if found:
                return found
        folded = words(text)
        if len(folded) == 1 and folded[0] in CATEGORIES:
            return folded[0]
        text_stems = [stem(w) for w in folded]
        scores = {cat: sum(s in stems for s in text_stems) for cat, stems in stems_of.items()}
        best = max(scores, key=lambda cat: scores[cat])
        if scores[best]:
            return best
    return "other"


def index_fields(record: ResourceRecord) -> ResourceRecord:
    """Fill the record's search_body and search_stems from its text and category words."""
    body = " ".join(
        (record.organization, record.description, record.description_en, record.keywords,
         " ".join(CATEGORY_WORDS.get(record.category, ())), record.address, record.languages)
    )  # fmt: skip
    stems = " ".join(stem(w) for w in words(f"{record.name} {body}"))
    return replace(record, search_body=" ".join(body.split()), search_stems=stems)


def query_terms(text: str) -> list[tuple[str, str]]:
    """The words of a free-text search, each with its stem (the index matches both as
    prefixes): at most 8, stop words and, when others remain, weak words left out."""
    terms = [w for w in dict.fromkeys(words(text)) if w not in _STOPWORDS and len(w) > 1][:8]
    terms = [w for w in terms if w not in _WEAK] or terms
    return [(w, stem(w)) for w in terms]


# --- opening hours ---------------------------------------------------------------------
#
# Not dateutil.rrule, on purpose: rrule can only tell whether a day is an occurrence by
# searching for the next one, and for a rule that never occurs again it searches until the
# year 9999, UNTIL notwithstanding (it is checked on candidates only). Imported rows do hold
# such rules (every 7 days on Tuesdays from a Monday, BYYEARDAY=1 with BYMONTHDAY=2, a
# BYMONTHDAY of 40): 0.75 to 6 s of CPU per lookup with dateutil 2.9, on the event loop, on the
# path of a citizen's SMS. The predicate below answers each day in constant time.

_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
Hours = tuple[tuple[time, time], ...]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _valid_on(rule: Mapping, day: date) -> bool:
    start = max(filter(None, (_date(rule.get("valid_from")), _date(rule.get("dtstart")))),
                default=None)  # fmt: skip
    end = min(filter(None, (_date(rule.get("valid_to")), _date(rule.get("until")))), default=None)
    return (start is None or start <= day) and (end is None or day <= end)


def _nth_ok(day: date, nth: int) -> bool:
    if nth > 0:
        return (day.day - 1) // 7 + 1 == nth
    last = calendar.monthrange(day.year, day.month)[1]
    return (last - day.day) // 7 + 1 == -nth


def _byday_ok(rule: Mapping, day: date) -> bool:
    for item in rule.get("byday") or ():
        found = re.fullmatch(r"([+-]?\d{0,2})([A-Z]{2})", item.strip().upper())
        if found and _WEEKDAYS.get(found[2]) == day.weekday():
            if not found[1] or (rule.get("freq") or "").upper() != "MONTHLY":
                return True
            if _nth_ok(day, int(found[1])):
                return True
    return False


def _monthday_ok(days: Sequence[int], day: date) -> bool:
    last = calendar.monthrange(day.year, day.month)[1]
    return any(day.day == (n if n > 0 else last + 1 + n) for n in days)


def _interval_ok(rule: Mapping, day: date) -> bool:
    interval, start = int(rule.get("interval") or 1), _date(rule.get("dtstart"))
    if interval <= 1 or start is None:
        return True
    freq = (rule.get("freq") or "").upper()
    if freq == "DAILY":
        return (day - start).days % interval == 0
    if freq == "MONTHLY":
        return ((day.year - start.year) * 12 + day.month - start.month) % interval == 0
    return ((day.toordinal() - day.weekday()) - (start.toordinal() - start.weekday())) // 7 % (
        interval
    ) == 0


def _occurs_on(rule: Mapping, day: date) -> bool:
    """Whether a weekly/monthly/daily RRULE-like rule happens on `day`."""
    if rule.get("byweekno") and day.isocalendar().week not in rule["byweekno"]:
        return False
    if rule.get("byyearday") and day.timetuple().tm_yday not in rule["byyearday"]:
        return False
    if rule.get("bymonthday") and not _monthday_ok(rule["bymonthday"], day):
        return False
    if rule.get("byday") and not _byday_ok(rule, day):
        return False
    start, freq = _date(rule.get("dtstart")), (rule.get("freq") or "").upper()
    if start and not rule.get("byday") and not rule.get("bymonthday"):
        if (freq == "WEEKLY" and day.weekday() != start.weekday()) or (
            freq == "MONTHLY" and day.day != start.day
        ):
            return False
    return _interval_ok(rule, day)


def _windows(rules: Iterable[Mapping]) -> Hours:
    spans = {
        (time.fromisoformat(r["opens"]), time.fromisoformat(r["closes"]))
        for r in rules
        if r.get("opens") and r.get("closes")
    }
    return tuple(sorted(spans))


def hours_on(rules: Sequence[Mapping], day: date) -> Hours | None:
    """The opening windows on `day`: None if unknown, () if closed (holidays override)."""
    valid = [rule for rule in rules if _valid_on(rule, day)]
    if not valid:
        return None
    holidays = [rule for rule in valid if rule.get("holiday")]
    if holidays:
        return () if any(rule.get("closed") for rule in holidays) else _windows(holidays)
    return _windows(rule for rule in valid if _occurs_on(rule, day))


def format_hours(hours: Hours, language: str) -> str:
    """Say windows tersely: "9h-12h, 13h30-17h" in French, "9:00-12:00" in English."""
    if hours and hours[0][0] == time(0) and hours[-1][1] >= time(23, 59):
        return "24 h sur 24" if language == "fr" else "24 hours"

    def say(moment: time) -> str:
        if language == "fr":
            return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"
        return f"{moment.hour}:{moment.minute:02d}"

    return ", ".join(f"{say(a)}-{say(b)}" for a, b in hours)


# --- search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceHit:
    """What a citizen is told about one resource; `hours_today` None = unknown, () = closed."""

    id: int
    name: str
    description: str
    phone: str
    address: str
    latitude: float | None
    longitude: float | None
    hours_today: Hours | None
    url: str
    category: str
    language: str


def one_line(text: str, limit: int = 160) -> str:
    """The first sentence of `text`, without markup, at most `limit` characters."""
    plain = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    sentence = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0].rstrip(".")
    return fit(sentence, limit)


def fit(text: str, limit: int) -> str:
    """Cut `text` at a word boundary to `limit` characters, ending with "..." (GSM-7)."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "..."


def hit_for(resource: Resource, language: str, today: date) -> ResourceHit:
    rec = resource.record
    text = rec.description_en if language == "en" and rec.description_en else rec.description
    return ResourceHit(
        id=resource.id, name=rec.name, description=one_line(text or rec.description_en),
        phone=rec.phone, address=rec.address, latitude=rec.latitude, longitude=rec.longitude,
        hours_today=hours_on(json.loads(rec.schedule or "[]"), today), url=rec.url,
        category=rec.category, language=language,
    )  # fmt: skip


async def search(
    src: Source,
    words: str | None = None,
    *,
    category: str | None = None,
    language: str = "fr",
    now_utc: datetime,
    tz: ZoneInfo,
    limit: int = 3,
    offset: int = 0,
) -> list[ResourceHit]:
    """Resources for free `words` (best first) or for one `category` key (by name)."""
    if category is not None:
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        found = await resources_in_category(src, category, limit, offset)
    else:
        terms = query_terms(words or "")
        if not terms:
            return []
        every = bool(await match_resources(src, terms, 1))  # else no resource has every word
        found = await match_resources(src, terms, limit, offset, every=every)
    today = now_utc.astimezone(tz).date()
    return [hit_for(resource, language, today) for resource in found]


def format_hit(hit: ResourceHit) -> Text:
    """A resource in at most 140 characters, so three fit in three GSM-7 SMS segments."""
    head = fit(hit.name, 40) + (f" - {fit(hit.phone, 32)}" if hit.phone else "")  # a whole number
    hours = format_hours(hit.hours_today[:3], hit.language) if hit.hours_today else ""
    # What the template adds: "\nAujourd'hui : " + hours, or "\nFermé aujourd'hui".
    room = 140 - len(head) - (len(hours) + 14 if hours else 18)
    lines = [head]
    for text, least in ((hit.address or hit.url, 12), (hit.description, 20)):
        if text and room - 1 >= least:
            lines.append(fit(text, min(room - 1, 48 if len(lines) == 1 else room)))
            room -= len(lines[-1]) + 1
    summary = "\n".join(lines)
    if hit.hours_today is None:
        return _("{summary}", summary=summary)
    if not hit.hours_today:
        return _("{summary}\nFermé aujourd'hui", summary=summary)
    return _("{summary}\nAujourd'hui : {hours}", summary=summary, hours=hours)
