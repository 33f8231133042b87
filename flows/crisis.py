"""Spot a message that speaks of suicide, self-harm, violence or a medical emergency.

A message is read in four steps, each cheap enough to run on every message:

1. `canonical(text)`: folded words joined by single spaces, so accents, case, apostrophes
   and punctuation are gone ("J’veux mourir!" reads "j veux mourir").
2. SMS spellings are spelled out, token by token, from a table: "jveux pu vivre" reads
   "je veux plus vivre", "chu" reads "je suis", "im", "cant", "wanna" read "i m", "can t",
   "want to". So the patterns are written once, for the plain spelling.
3. A long misspelt word is put right: a token of 6 letters or more that is one typo away
   (two from 9 letters; a swap of two letters is one typo) from a word of
   `FUZZY_WORDS`, with the same first letter, is read as that word ("inconcient",
   "overdoze", "ambulence"). rapidfuzz measures the distance; real words that close to a
   crisis word ("adresse", "cooking") are listed in `flows.crisis_guard` and left alone.
   Short words are never repaired: "menace" and "ménage" are one letter apart.
4. Idioms are blanked out ("je meurs de faim", "ça me tue", "tuer le temps", "this heat is
   killing me", "my phone died"), then the patterns of each kind are tried in `Crisis`
   order, and the first kind that matches wins.
5. When no pattern matches, a small learned model (`flows.crisis_model`: words, word pairs
   and letter groups, weighed on every spent file of the labelled corpus) gives a second
   opinion; above its
   threshold, the kind it scores highest is the answer (a higher one, `CALMED_THRESHOLD`, when
   the message also says things are better, at peace, laughs, or speaks of a move or the news:
   `flows.crisis_calm`; never for the patterns). It catches phrasings next to the
   ones the patterns name, at the cost of few false alarms (figures in its training script).
6. When neither says anything, the sentence-model reader (`flows.crisis_semantic`: networks
   and a memory of the corpus's lines) reads the message for what it means, in French or
   English, once `relais run` has loaded it in the background; it can only add a detection,
   and until it is loaded it says nothing. "The first reader that fires" is the rule: a
   stacked score of the three was tried and did no better (TUNING.md, tenth round).

Choices, made on purpose:
* Missing a crisis costs more than a needless crisis answer (a kind message with phone
  numbers). Negations are not parsed: "je ne veux pas mourir" and "I don't want to die"
  are crises too. Threats said as idioms ("ma mère va me tuer", "he's gonna kill me")
  also count as violence.
* Recall comes from public warning-sign lists rather than from the words of one crisis:
  ideation said indirectly (better off without me, a burden, not being there any more),
  goodbyes and a will, the means (a rope, pills put aside, a bridge, a gun, the metro),
  an overdose told in the past, someone else found collapsed, blue, not breathing, not
  moving or not answering, heavy bleeding, a senior fallen who cannot get up, violence
  done or going on, typed without apostrophes ("ma battue", "il ma frappé"), a break-in,
  sexual violence. The lists and what was taken from them: flows/crisis_lexicon.py.
* Ordinary idioms must not trigger, so the patterns name the act ("me tuer", "kill
  myself") and who does it, never a bare word such as "mort", "tue", "dying" or "kill".
* The patterns were tuned on tests/fixtures/crisis/tuning.tsv, then each blind held-out file
  was measured once and its misses read for the next round (twelve rounds, the twelfth from
  holdout12.tsv's misses and false alarms): only the next blind file
  measures what they catch on phrasings nobody here wrote (tests/fixtures/crisis/README.md).
  The estimate before it comes:
  `scripts/crisis_loco.py`, which reads each spent blind file with the patterns of the day it
  arrived and learned readers trained without it.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from flows import crisis_lexicon as lexicon
from flows import crisis_model, crisis_semantic
from flows.crisis_calm import CALMED_THRESHOLD, calmed
from flows.crisis_calm import load as calm_load
from flows.crisis_spelling import repair, spelled
from flows.digest_memo import DigestMemo


class Crisis(StrEnum):
    """The kind of emergency, which decides the numbers given in the answer."""

    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    MEDICAL = "medical"


_PATTERNS: dict[Crisis, tuple[str, ...]] = {
    Crisis.SUICIDE: lexicon.SUICIDE,
    Crisis.SELF_HARM: lexicon.SELF_HARM,
    Crisis.VIOLENCE: lexicon.VIOLENCE,
    Crisis.MEDICAL: lexicon.MEDICAL,
}


# Compiled once, on first use: one alternation per kind, and one for all idioms (about 0.2 s
# of CPU, which a process that never reads a message does not pay: a CLI command, or a
# `relais run` that only serves pages or sends check-ins; the first message after a start
# waits for it, once).
@cache
def _compiled() -> tuple[tuple[Crisis, re.Pattern[str]], ...]:
    return tuple(
        (kind, re.compile("|".join(f"(?:{p})" for p in patterns)))
        for kind, patterns in _PATTERNS.items()
    )


@cache
def _idioms() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon.IDIOMS))


# What no pattern crosses: put where an idiom was.
_BARRIER = " | "
# A token's plain spelling (flows.crisis_spelling); its cache is emptied by the benchmark.
_repair = repair


@cache
def _context_idioms() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    return tuple((re.compile(cue), re.compile(idiom)) for cue, idiom in lexicon.CONTEXT_IDIOMS)


def load() -> None:
    """Compile every pattern and load the bag-of-words model now rather than on the first
    message (the tests with a deadline per reading call it first)."""
    _compiled()
    _idioms()
    _context_idioms()
    calm_load()
    crisis_model.load()


def read(text: str) -> str:
    """`text` as the patterns see it: canonical, SMS spelled out, typos repaired, idioms out
    (and the words that are idioms only next to a cue elsewhere in the message: a goodbye with
    a move or a last day at a job, a threat said with a laugh, a stranger stabbed on the news)."""
    repaired = spelled(text)
    if not repaired:
        return ""
    words = _idioms().sub(_BARRIER, repaired)
    for cue, idiom in _context_idioms():
        if cue.search(repaired):
            words = idiom.sub(_BARRIER, words)
    return words


# The patterns' answer for the last words read, by a digest of the words (never the words):
# the engine asks before the write lock (`by_patterns`), the flow then finds it here. Trying
# every pattern is most of the cost of an ordinary message (about 0.3 to 1 ms).
MEMO_SIZE = 4096
_memo: DigestMemo[Crisis | None] = DigestMemo(MEMO_SIZE)


def _by_patterns(words: str) -> Crisis | None:
    return _memo.get(
        words, lambda: next((kind for kind, pattern in _compiled() if pattern.search(words)), None)
    )


def forget() -> None:
    """Empty the patterns' memo (the benchmark measures each message as new)."""
    _memo.clear()


def by_patterns(text: str) -> Crisis | None:
    """The kind the patterns alone recognise in `text` (steps 1 to 4), or None: cheap, with
    no learned model. What the engine checks before the write lock, so that a crisis is
    processed before the ordinary backlog; `detect_crisis` stays the one that decides."""
    words = read(text)
    return _by_patterns(words) if words else None


def detect_crisis(
    text: str, semantic: crisis_semantic.SemanticReader | None = None
) -> Crisis | None:
    """Return the kind of emergency `text` speaks of, or None for an ordinary message.

    `semantic` is the sentence-model reader asked last (default: the running bot's, which is
    idle unless `relais run` started it); while it is not ready it says nothing."""
    words = read(text)
    if not words:
        return None
    kind = _by_patterns(words)
    if kind is not None:
        return kind
    second = crisis_model.best(words)
    if second is not None and (second[1] >= CALMED_THRESHOLD or not calmed(text)):
        return Crisis(second[0])
    third = (semantic or crisis_semantic.READER).best(text)
    return Crisis(third[0]) if third is not None else None


def crisis_patterns(kind: Crisis) -> tuple[str, ...]:
    """Return the patterns of one kind, for review and tests."""
    return _PATTERNS[kind]
