"""The plain spelling of a message, as the crisis readers see it (steps 1–3 of `flows.crisis`):
folded words, SMS spellings spelled out from a table, long misspelt words put right.

Shared by the patterns (`flows.crisis`) and the sentence model (`flows.crisis_semantic`, which
reads a message also as spelled out here), so that neither imports the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from flows import crisis_lexicon as lexicon
from flows.crisis_guard import GUARD
from flows.normalize import canonical

_GLUED_J = re.compile(lexicon.GLUED_J)
# Crisis words by first letter, so a token is compared with a handful of words.
_FUZZY_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _word in lexicon.FUZZY_WORDS:
    _FUZZY_BY_LETTER[_word[0]] = (*_FUZZY_BY_LETTER.get(_word[0], ()), _word)
_FUZZY_SET = frozenset(lexicon.FUZZY_WORDS)


def fuzzy_limit(word: str) -> int:
    """How many typos a token of this length may carry and still be read as a crisis word."""
    return 1 if len(word) < 9 else 2


@lru_cache(maxsize=8192)
def repair(token: str) -> str:
    """The plain spelling of one folded token: SMS spelled out, a long typo put right."""
    listed = lexicon.SMS.get(token)
    if listed is not None:
        return listed
    if len(token) >= 3 and _GLUED_J.match(token):
        return "je " + repair(token[1:])
    if len(token) < 6 or token in _FUZZY_SET or token in GUARD or not token.isalpha():
        return token
    candidates = _FUZZY_BY_LETTER.get(token[0])
    if not candidates:
        return token
    found = process.extractOne(
        token, candidates, scorer=OSA.distance, score_cutoff=fuzzy_limit(token)
    )
    return found[0] if found is not None else token


def spelled(text: str) -> str:
    """`text` canonical, SMS spellings spelled out and long typos repaired (idioms kept)."""
    words = canonical(text)
    if not words:
        return ""
    return " ".join(repair(token) for token in words.split(" "))
