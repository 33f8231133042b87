"""Read a typed answer to numbered choices, and write those choices for SMS.

On SMS a reply's choices are shown as "1) Parler à quelqu'un"; people answer with the
digit ("2", "2)", "#2", "option 2"), the label ("parler a quelqu'un"), or the start of it
("parler", "ressource"). Telegram buttons send the key itself; it is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from flows.normalize import canonical

# "2", "no 2", "n°2" ("n 2"), "nº2" ("no2"), "option 2", "choix 2", "le 2", "2e".
_NUMBER = re.compile(
    r"^(?:(?:no|n|num|numero|nr|number|option|choix|choice|le|la|the) ?)?"
    r"(\d{1,3})(?:e|er|re|eme|st|nd|rd|th)?$"
)
# A copied line of the list, "1) Parler à quelqu'un", reads "1 parler a quelqu un".
_NUMBERED_LINE = re.compile(r"^(\d{1,3}) (.+)$")
_NUMBER_WORDS = {
    **dict.fromkeys(("un", "une", "one", "premier", "premiere", "first"), 1),
    **dict.fromkeys(("deux", "two", "deuxieme", "second"), 2),
    **dict.fromkeys(("trois", "three", "troisieme", "third"), 3),
    **dict.fromkeys(("quatre", "four"), 4),
    **dict.fromkeys(("cinq", "five"), 5),
    "six": 6,
    **dict.fromkeys(("sept", "seven"), 7),
    **dict.fromkeys(("huit", "eight"), 8),
    **dict.fromkeys(("neuf", "nine"), 9),
}
# Fewer letters than this could be the start of too many words to be an answer.
MIN_PREFIX = 3


def match_choice(text: str, choices: Sequence[tuple[str, str]]) -> str | None:
    """Return the key of the choice that `text` names, or None if none or several fit."""
    typed = canonical(text)
    if not typed or not choices:
        return None
    for finder in (_by_key, _by_label, _by_number, _by_numbered_line, _by_prefix):
        found = finder(typed, choices)
        if found:
            return _only(found)
    return None


def _only(keys: list[str]) -> str | None:
    """Return the key if all the matches name the same one; several keys are ambiguous."""
    return keys[0] if len(set(keys)) == 1 else None


def _by_key(typed: str, choices: Sequence[tuple[str, str]]) -> list[str]:
    return [key for key, _ in choices if canonical(key) == typed]


def _by_label(typed: str, choices: Sequence[tuple[str, str]]) -> list[str]:
    # Spaces are compared away too: "quelquun" typed without its apostrophe is one word.
    squashed = typed.replace(" ", "")
    return [key for key, label in choices if canonical(label).replace(" ", "") == squashed]


def _by_number(typed: str, choices: Sequence[tuple[str, str]]) -> list[str]:
    match = _NUMBER.match(typed)
    number = int(match.group(1)) if match else _NUMBER_WORDS.get(typed)
    if number is None or not 1 <= number <= len(choices):
        return []
    return [choices[number - 1][0]]


def _by_numbered_line(typed: str, choices: Sequence[tuple[str, str]]) -> list[str]:
    match = _NUMBERED_LINE.match(typed)
    if not match or not 1 <= int(match.group(1)) <= len(choices):
        return []
    key, label = choices[int(match.group(1)) - 1]
    return [key] if canonical(label).startswith(match.group(2)) else []


def _by_prefix(typed: str, choices: Sequence[tuple[str, str]]) -> list[str]:
    if len(typed.replace(" ", "")) < MIN_PREFIX:
        return []
    # Every candidate is kept, so that a prefix shared by two labels stays ambiguous.
    return [key for key, label in choices if canonical(label).startswith(typed)]


def is_number(text: str) -> bool:
    """True when `text` is only a choice number ("5", "#5", "option 5"), in range or not."""
    return _NUMBER.match(canonical(text)) is not None


# "Talk to a person" said in words: whatever sub-flow the person is in, they want a person.
_PERSON = re.compile(
    r"\b(?:parler|jaser|discuter|talk|speak|chat)\b.*\b(?:quelqu ?un|personne|humain|"
    r"intervenante?|travailleu(?:r|se)|someone|somebody|person|human|anyone|worker)\b"
    r"|\b(?:vraie? personne|real person|real human|un humain|a human|live person)\b"
)


def wants_person(text: str) -> bool:
    """True when the words ask for a person ("parler a quelqu'un", "a real person please")."""
    return _PERSON.search(canonical(text)) is not None


def render_numbered(text: str, labels: Sequence[str]) -> str:
    """Return `text` followed by one "N) label" line per choice, as sent by SMS."""
    lines = [text] if text else []
    lines += [f"{number}) {label}" for number, label in enumerate(labels, start=1)]
    return "\n".join(lines)
