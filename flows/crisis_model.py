"""A small learned second opinion for crisis detection: words and letter groups, weighed.

The patterns of `flows.crisis_lexicon` name the acts precisely, and miss what they were not
written for ("mon plan est fait c'est pour samedi", "gave my dog to my neighbour, I won't be
needing him"). This model scores a message on the words, word pairs and four-letter groups
it shares with the labelled corpus, one logistic score per kind of crisis; a message that
the patterns let through but that scores above `THRESHOLD` for a kind gets the crisis answer.

The weights live in `crisis_model.json`, made by `scripts/train_crisis_model.py` from every
spent file of the labelled corpus (since the tenth round; the first three files before:
leave one blind file out, the larger corpus caught more and false-alarmed less), never the
blind target file (deterministic: the same corpus gives the same file); the threshold is
chosen there by cross-validation for recall, with false alarms held under the target.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("crisis_model.json")


def features(words: str) -> set[str]:
    """What the model looks at in a message already read by `flows.crisis.read`."""
    tokens = [t for t in words.split(" ") if t and t != "|"]
    found = {f"w:{t}" for t in tokens}
    found |= {f"b:{a}_{b}" for a, b in itertools.pairwise(tokens)}
    for token in tokens:
        if len(token) >= 4:
            padded = f"<{token}>"
            found |= {f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3)}
    return found


@cache
def _model() -> dict:
    return json.loads(MODEL_FILE.read_text(encoding="utf-8"))


def load() -> None:
    """Read the model now (flows.crisis.load)."""
    _model()


def scores(words: str) -> dict[str, float]:
    """The probability, per kind of crisis, that this message speaks of it."""
    model = _model()
    present = features(words)
    result = {}
    for kind, weights in model["weights"].items():
        z = model["bias"][kind] + sum(weights.get(f, 0.0) for f in present)
        result[kind] = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
    return result


def best(words: str) -> tuple[str, float] | None:
    """The most likely kind and its score, when it reaches the threshold; else None."""
    if not words.strip():
        return None
    ranked = max(scores(words).items(), key=lambda item: item[1])
    return ranked if ranked[1] >= _model()["threshold"] else None
