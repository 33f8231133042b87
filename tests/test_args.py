"""Typed parsing of callback data and arguments (pure): ASCII digits, bounded ids, real days."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.core import args
from bot.desk.callbacks import Callbacks, DuplicatePrefix, data


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("0007", 7), ("2147483647", 2**31 - 1), ("2147483648", None), ("0", None),
     ("²", None), ("٣", None), ("-1", None), ("1e3", None), (" 7", None), ("", None),
     ("99999999999999999999", None), ("７", None)],
)  # fmt: skip
def test_ident_takes_ascii_digits_in_range_only(text, expected):
    assert args.ident(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("#A7", 7), ("A7", 7), ("a12", 12), (" #A3 ", 3), ("#A²", None), ("#A", None),
     ("#B7", None), ("#A99999999999", None), ("#A0", None)],
)  # fmt: skip
def test_alias(text, expected):
    assert args.alias(text) == expected


def test_is_alias_recognizes_bad_aliases_too():
    assert args.is_alias("#A99999999999") and args.is_alias("#A²") and args.is_alias("A7")
    assert not args.is_alias("3j") and not args.is_alias("Sésame")


def test_day_and_clock_are_real():
    assert args.day("20261203") == date(2026, 12, 3)
    assert args.day("20260230") is None and args.day("99991231") is None
    assert args.day("2026123") is None and args.day("２０２６１２０３") is None
    assert args.clock("0930") == time(9, 30)
    assert args.clock("2400") is None and args.clock("1260") is None and args.clock("930") is None


def test_registry_parses_typed_fields_and_refuses_the_rest():
    async def handler(turn, values):
        return None

    registry = Callbacks()
    registry.add("claim", handler, args.ident)
    registry.add("camp", handler, args.ident, args.one_of("go", "no"))
    route, values = registry.parse(data("camp", 4, "go"))
    assert (route.prefix, values) == ("camp", (4, "go"))
    for forged in ("w:claim:²", "w:claim", "w:claim:1:2", "w:camp:4:maybe", "x:claim:1", "w:zz:1"):
        assert registry.parse(forged) is None


def test_a_prefix_registered_twice_refuses_to_start():
    async def handler(turn, values):
        return None

    registry = Callbacks()
    registry.add("claim", handler, args.ident)
    with pytest.raises(DuplicatePrefix):
        registry.add("claim", handler, args.ident)
    with pytest.raises(ValueError):
        registry.add("w:x", handler)
