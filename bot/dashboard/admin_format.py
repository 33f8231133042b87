"""Days, hours and spans of the coordinator's pages, in Québec French or Canadian English.

French follows the Québec usage of the rest of Relais ("9 h", "13 h 30", "1er juillet");
English uses babel's en_CA ("9:00 a.m.").
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_day_names

from bot.core.i18n import BABEL_LOCALES


def _locale(language: str) -> str:
    return BABEL_LOCALES.get(language, "fr_CA")


def _first(text: str, day: date, language: str) -> str:
    return text.replace(" 1 ", " 1er ", 1) if language != "en" and day.day == 1 else text


def long_day(day: date, language: str) -> str:
    """ "lundi 1er juin 2026" / "Monday, June 1, 2026"."""
    return _first(format_date(day, "full", locale=_locale(language)), day, language)


def short_day(day: date, language: str) -> str:
    """ "lun. 22 juin" / "Mon, Jun 22": a column header."""
    pattern = "EEE d MMM" if language != "en" else "EEE, MMM d"
    return _first(format_date(day, pattern, locale=_locale(language)) + " ", day, language).strip()


def weekday_names(language: str) -> list[str]:
    """Monday first: "lundi" … "dimanche" / "Monday" … "Sunday"."""
    names = get_day_names("wide", locale=_locale(language))
    return [names[i] for i in range(7)]


def clock(at: time, language: str) -> str:
    """ "9 h", "13 h 30" / "9:00 a.m."."""
    if language != "en":
        return f"{at.hour} h" + (f" {at.minute:02d}" if at.minute else "")
    return format_time(at, "short", locale=_locale(language))


def hour_span(start: time, end: time, language: str) -> str:
    """A shift's hours: "9 h – 17 h"; "18 h – 24 h" for one ending at midnight."""
    finish = "24 h" if end == time(0) and start != time(0) and language != "en" else None
    return f"{clock(start, language)} – {finish or clock(end, language)}"


def moment(at: datetime, tz: ZoneInfo, language: str) -> str:
    """A UTC moment as its local day and hour: "mardi 23 juin 2026, 14 h"."""
    local = at.astimezone(tz)
    return f"{long_day(local.date(), language)}, {clock(local.time(), language)}"


def span(start: datetime, end: datetime, tz: ZoneInfo, language: str) -> str:
    """A UTC span in local time; the end's day only when it differs."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    tail = clock(b.time(), language) if a.date() == b.date() else moment(end, tz, language)
    return f"{moment(start, tz, language)} – {tail}"
