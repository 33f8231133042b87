"""Typed values from callback data and command arguments, parsed once (pure, no I/O).

Everything a worker can type or forge goes through here: ASCII digits only (`"²".isdigit()` is
true in Python), ids bounded to what SQLite and the rows can hold, real dates in a bounded range.
A parser returns the value or None; the caller answers None with the command's usage line (or,
for a button, "not allowed"), never with a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from typing import Any

MAX_ID = 2**31  # ids are 1 <= id < 2^31: far above any row, far below SQLite's 2^63
MIN_YEAR, MAX_YEAR = 2000, 2999  # a button's day (YYYYMMDD) outside this is forged

_DIGITS = re.compile(r"[0-9]{1,10}")
_ALIAS = re.compile(r"#?[Aa]([0-9]{1,10})")
_ALIAS_LIKE = re.compile(r"#?[Aa][0-9]+|#\S*")
_DAY = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_HHMM = re.compile(r"([0-9]{2})([0-9]{2})")

Parser = Callable[[str], Any]


def number(text: str, low: int = 0, high: int = MAX_ID) -> int | None:
    """`text` as an int if it is 1 to 10 ASCII digits and low <= n < high, else None."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value < high else None


def ident(text: str) -> int | None:
    """A row id (1 <= id < 2^31) written in ASCII digits, else None."""
    return number(text, 1, MAX_ID)


def alias(text: str) -> int | None:
    """The request id of a case alias ("#A7", "A7", "a7"), else None."""
    found = _ALIAS.fullmatch(text.strip())
    return number(found.group(1), 1, MAX_ID) if found else None


def is_alias(text: str) -> bool:
    """Whether `text` is meant as a case alias ("#A7", "A7", or any "#…"), even a bad one."""
    return _ALIAS_LIKE.fullmatch(text.strip()) is not None


def day(text: str) -> date | None:
    """A compact day "YYYYMMDD" that exists, in years MIN_YEAR..MAX_YEAR, else None."""
    found = _DAY.fullmatch(text)
    if found is None or not MIN_YEAR <= int(found.group(1)) <= MAX_YEAR:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def clock(text: str) -> time | None:
    """A compact time "HHMM" (00:00 to 23:59), else None."""
    found = _HHMM.fullmatch(text)
    if found is None or int(found.group(1)) > 23 or int(found.group(2)) > 59:
        return None
    return time(int(found.group(1)), int(found.group(2)))


def epoch(text: str) -> int | None:
    """Seconds since 1970 as written in a button (a shift's start), bounded, else None."""
    return number(text, 0, 2**40)


def one_of(*choices: str) -> Parser:
    """A parser accepting exactly one of these words (e.g. the keys of a button set)."""
    allowed = frozenset(choices)

    def parse(text: str) -> str | None:
        return text if text in allowed else None

    return parse
