"""Leave one blind file out, for the whole crisis detector: the estimate of what it does for a
writer nobody here has read.

`python scripts/crisis_loco.py [--recipe NAME ...] [--rule any|stack]`: for each blind file
`holdout2.tsv` … `holdout12.tsv` (the folds; holdout12 since the twelfth round), the
learned readers are trained on every *other* file (tuning.tsv, holdout.tsv, the other blind
files, semantic_extra.tsv; lines that read the same as one of the held-out file are left
out), then the held-out file is read by

* the patterns, in two versions:
  - **today's** patterns, the same for every fold. They were written reading the misses of
    every one of these files, so this figure is optimistic for the patterns' share (nearly
    100 % of the crises); it is the figure asked for, and it checks that nothing regressed;
  - the patterns **of the day the file arrived** (`ERA`: `flows/` at the commit that added it,
    before any pattern was written for it), which had never read it: the honest version, and
    the one this script chooses on. Its figures reproduce the ones measured when each file
    arrived (holdout4 84.5 % / 4.0 % with that day's bag-of-words, holdout6 71.1 % / 4.3 %).
* the bag-of-words model (`flows.crisis_model`), retrained for the fold
  (`scripts/train_crisis_model.py`'s `train`, on its own training files minus the fold; with
  `--bow-all`, on every other file);
* the sentence-model head (`scripts/crisis_head.py`), trained for the fold;
* and a combination rule: `any` (today's: the first reader above its threshold answers) or
  `stack` (`scripts/crisis_stack.py`: one logistic score from the readers' scores, learned on
  the other folds' held-out scores).

The threshold of the learned readers is chosen on the pooled figures of the other folds
(nested: the held-out fold never chooses its own threshold) as the lowest whose pooled false
alarms stay at or under `MAX_FALSE_ALARMS`. Printed: per file and pooled recall / false
alarms, for both versions of the patterns.

The era's answers are computed once by running that commit's `flows/` in a subprocess
(`.cache/crisis_era_<file>.json`, git-ignored). Head scores are cached per recipe too
(`.cache/crisis_loco_<recipe>.npz`).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from crisis_head import (
    CACHE,
    RECIPE,
    ROOT,
    Corpus,
    Recipe,
    held_out_memory,
    held_out_nets_and_scores,
    line_scores,
    load,
    remembered_line_scores,
)

from flows import crisis, crisis_model
from flows.crisis_calm import CALMED_THRESHOLD, calmed

FOLDS = tuple(f"holdout{n}.tsv" for n in range(2, 13))
# The commit that added each blind file: its flows/ had never read the file.
ERA = {
    "holdout2.tsv": "51ac147",
    "holdout3.tsv": "6c0f351",
    "holdout4.tsv": "f29fa7b",
    "holdout5.tsv": "e43b762",
    "holdout6.tsv": "3140d90",
    "holdout7.tsv": "d68efe4",
    "holdout8.tsv": "cee9a30",
    "holdout9.tsv": "0bd8623",
    "holdout10.tsv": "6fd0b44",
    "holdout11.tsv": "f16dba6",
    "holdout12.tsv": "cb2bd9c",
}
MAX_FALSE_ALARMS = 0.04
THRESHOLDS = tuple(np.round(np.arange(0.5, 0.991, 0.01), 2))
BOW_FILES = ("tuning.tsv", "holdout.tsv", "holdout2.tsv")

_PROBE = r"""
import csv, json, sys
sys.path.insert(0, sys.argv[1])
from flows import crisis
try:
    from flows import crisis_model
except ImportError:
    crisis_model = None
if crisis_model is not None:
    crisis_model.best = lambda *a, **k: None  # the patterns alone
class Idle:
    def best(self, text): return None
    def scores(self, text): return None
def call(text):
    try:
        return crisis.detect_crisis(text, Idle())
    except TypeError:
        return crisis.detect_crisis(text)
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline=""), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
print(json.dumps({r["text"]: call(r["text"]) is not None for r in rows}))
"""


def era_patterns(name: str) -> dict[str, bool]:
    """What the patterns of the day `name` arrived say of each of its lines (True: crisis)."""
    return _era_probe(name, _PROBE, "crisis_era")


def _era_probe(name: str, probe: str, cache_prefix: str) -> dict[str, bool]:
    """`probe` run on the flows/ of the commit that added `name` (ERA), over its lines; the
    answer is cached as `cache_prefix`_<file>.json."""
    cached = CACHE.parent / f"{cache_prefix}_{name.removesuffix('.tsv')}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ERA[name], "flows"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory() as tree:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tree, filter="data")
        found = subprocess.run(
            [sys.executable, "-c", probe, tree, str(ROOT / "tests/fixtures/crisis" / name)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    cached.parent.mkdir(exist_ok=True)
    cached.write_text(found, encoding="utf-8")
    return json.loads(found)


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:12]


def fold_nets(corpus: Corpus, recipe: Recipe) -> dict[str, list[dict]]:
    """The head trained without each fold's file, by fold (cached)."""
    cached = CACHE.parent / f"crisis_loco_nets_{_digest(recipe, len(corpus.y))}.npz"
    if cached.exists():
        with np.load(cached) as stored:
            arrays = dict(stored)
        return {
            name: [
                {p: arrays[f"{name}|{n}|{p}"] for p in ("w1", "b1", "w2", "b2")}
                for n in range(len(recipe.seeds))
            ]
            for name in FOLDS
        }
    nets = {name: held_out_nets_and_scores(corpus, recipe, name)[0] for name in FOLDS}
    cached.parent.mkdir(exist_ok=True)
    np.savez(
        cached,
        **{
            f"{name}|{n}|{p}": net[p]
            for name in FOLDS
            for n, net in enumerate(nets[name])
            for p in net
        },
    )
    return nets


def head_scores(corpus: Corpus, recipe: Recipe) -> np.ndarray:
    """Each fold line's crisis score by a head trained without its file (0 elsewhere)."""
    score = np.zeros(len(corpus.y))
    for name, nets in fold_nets(corpus, recipe).items():
        rows = corpus.files == name
        score[rows] = line_scores(nets, corpus, rows)
    return score


def bow_scores(corpus: Corpus, files: tuple[str, ...] | None = BOW_FILES) -> np.ndarray:
    """Each fold line's best bag-of-words score (`flows.crisis_model`) by a model trained
    without its file, on `files` (None: every other file) and the example lists of the tests."""
    import train_crisis_model as bow
    from crisis_head import CLASSES

    cached = CACHE.parent / f"crisis_loco_bow_{_digest(files, len(corpus.y))}.npy"
    if cached.exists():
        return np.load(cached)
    words = [crisis.read(t) for t in corpus.texts]
    features = [crisis_model.features(w) for w in words]
    examples = _examples()
    score = np.zeros(len(corpus.y))
    for name in FOLDS:
        held = corpus.files == name
        seen = {corpus.folded[i] for i in np.flatnonzero(held)}
        rows = examples + [
            (features[i], None if corpus.y[i] == 0 else CLASSES[corpus.y[i]])
            for i in range(len(corpus.y))
            if not held[i]
            and corpus.folded[i] not in seen
            and (files is None or corpus.files[i] in files)
        ]
        model = bow.train(rows)
        for i in np.flatnonzero(held):
            score[i] = bow.best_score(model, features[i]) if words[i].strip() else 0.0
    np.save(cached, score)
    return score


def _examples() -> list[tuple[set[str], str | None]]:
    """The example lists of tests/test_crisis.py, as the bag-of-words model trains on them."""
    sys.path.insert(0, str(ROOT))
    from tests.test_crisis import ACCEPTED_OVER_TRIGGERS, NEGATIVE, POSITIVE

    rows = [
        (crisis_model.features(crisis.read(t)), k.value)
        for t, k in POSITIVE + ACCEPTED_OVER_TRIGGERS
    ]
    return rows + [(crisis_model.features(crisis.read(t)), None) for t in NEGATIVE]


_CALM_PROBE = r"""
import csv, json, os, sys
sys.path.insert(0, sys.argv[1])
if os.path.exists(os.path.join(sys.argv[1], "flows", "crisis_calm.py")):
    from flows.crisis_calm import calmed
else:
    calmed = lambda text: False  # before the ninth round: no calm cue
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8", newline=""), delimiter="\t",
                           quoting=csv.QUOTE_NONE))
print(json.dumps({r["text"]: bool(calmed(r["text"])) for r in rows}))
"""


def era_calm(name: str) -> dict[str, bool]:
    """What the calm cues of the day `name` arrived say of each of its lines (True: calmed)."""
    return _era_probe(name, _CALM_PROBE, "crisis_era_calm")


def calm_cues(corpus: Corpus, era: bool) -> np.ndarray:
    """Which lines carry a calm cue: today's cues, or (`era`) those of the day each fold's file
    arrived (today's elsewhere: those lines only train)."""
    calm = np.array([calmed(t) for t in corpus.texts])
    if era:
        for name in FOLDS:
            answers = era_calm(name)
            for i in np.flatnonzero(corpus.files == name):
                calm[i] = answers[corpus.texts[i]]
    return calm


def figures(hit: np.ndarray, truth: np.ndarray) -> tuple[float, float, str]:
    crises, everyday = truth, ~truth
    recall = hit[crises].mean() if crises.any() else 0.0
    alarms = hit[everyday].mean() if everyday.any() else 0.0
    text = (
        f"{recall:6.1%} ({hit[crises].sum():3}/{crises.sum():3})"
        f" / {alarms:5.1%} ({hit[everyday].sum():2}/{everyday.sum():3})"
    )
    return recall, alarms, text


def era_hits(corpus: Corpus) -> np.ndarray:
    hit = np.zeros(len(corpus.y), dtype=bool)
    for name in FOLDS:
        answers = era_patterns(name)
        for i in np.flatnonzero(corpus.files == name):
            hit[i] = answers[corpus.texts[i]]
    return hit


def today_hits(corpus: Corpus) -> np.ndarray:
    return np.array([crisis.by_patterns(t) is not None for t in corpus.texts])


def any_rule(
    corpus: Corpus,
    patterns: np.ndarray,
    bow: np.ndarray,
    head: np.ndarray,
    threshold: float,
    calm: np.ndarray | None = None,
) -> np.ndarray:
    """Today's rule: the patterns, else the bag-of-words model at its threshold, else the head
    at `threshold` (messages of three words or more); a calm cue (`calm`, default today's) asks
    CALMED_THRESHOLD of both learned readers."""
    if calm is None:
        calm = calm_cues(corpus, era=False)
    bow_hit = (bow >= crisis_model._model()["threshold"]) & (~calm | (bow >= CALMED_THRESHOLD))
    needed = np.where(calm, max(threshold, CALMED_THRESHOLD), threshold)
    return patterns | bow_hit | ((head >= needed) & corpus.long_enough)


def nested_threshold(corpus: Corpus, decide, held: str, rows_of: dict[str, np.ndarray]) -> float:
    """The lowest threshold whose pooled false alarms over the folds other than `held` stay at
    or under MAX_FALSE_ALARMS (`decide(threshold)` gives every line's answer)."""
    others = np.zeros(len(corpus.y), dtype=bool)
    for name, rows in rows_of.items():
        if name != held:
            others |= rows
    everyday = others & ~corpus.is_crisis
    for threshold in THRESHOLDS:
        if decide(threshold)[everyday].mean() <= MAX_FALSE_ALARMS:
            return float(threshold)
    return float(THRESHOLDS[-1])


def report(corpus: Corpus, title: str, decide, fixed: float | None = None) -> dict[str, tuple]:
    """Per fold and pooled figures; the threshold is nested (chosen without the fold) unless
    `fixed`."""
    rows_of = {name: corpus.files == name for name in FOLDS}
    hit = np.zeros(len(corpus.y), dtype=bool)
    chosen = {}
    for name, rows in rows_of.items():
        threshold = fixed if fixed is not None else nested_threshold(corpus, decide, name, rows_of)
        chosen[name] = threshold
        hit[rows] = decide(threshold)[rows]
    print(f"{title}")
    out = {}
    for name, rows in rows_of.items():
        out[name] = figures(hit[rows], corpus.is_crisis[rows])
        print(f"  {name:14} {out[name][2]}   threshold {chosen[name]:.2f}")
    pooled = np.zeros(len(corpus.y), dtype=bool)
    for rows in rows_of.values():
        pooled |= rows
    out["pooled"] = figures(hit[pooled], corpus.is_crisis[pooled])
    print(f"  {'pooled':14} {out['pooled'][2]}")
    return out


def memory_head_scores(corpus: Corpus, recipe: Recipe, weight: float) -> np.ndarray:
    """`head_scores` with the memory of the fold's training lines (crisis_head.memory)."""
    score = np.zeros(len(corpus.y))
    for name, nets in fold_nets(corpus, recipe).items():
        rows = corpus.files == name
        store = held_out_memory(corpus, name)
        score[rows] = remembered_line_scores(nets, store, corpus, rows, weight)
    return score


def option(name: str, default: str | None = None) -> str | None:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    corpus = load()
    recipe = RECIPE
    if option("--seeds"):
        recipe = replace(recipe, seeds=tuple(range(1, int(option("--seeds")) + 1)))
    weight = option("--memory")
    if weight is None:
        head = head_scores(corpus, recipe)
    else:
        head = memory_head_scores(corpus, recipe, float(weight))
    bow_all = "--bow-all" in sys.argv
    bow = bow_scores(corpus, None if bow_all else BOW_FILES)
    print(
        f"head {recipe}, memory weight {weight}, bag-of-words trained on"
        f" {'every other file' if bow_all else ', '.join(BOW_FILES)}"
    )
    fixed = float(option("--threshold", "0.8"))
    today_calm = calm_cues(corpus, era=False)
    versions = [
        ("today's patterns", today_hits(corpus), today_calm),
        ("era", era_hits(corpus), today_calm),
    ]
    if "--era-calm" in sys.argv:
        versions.append(("era, with the era's calm cues", versions[1][1], calm_cues(corpus, True)))
    for label, patterns, calm in versions:
        decide = lambda t, p=patterns, c=calm: any_rule(corpus, p, bow, head, t, c)  # noqa: E731
        report(corpus, f"{label}, head threshold {fixed}", decide, fixed)
        report(corpus, f"{label}, head threshold nested", decide)
    pooled = np.isin(corpus.files, FOLDS) & ~corpus.is_crisis
    for label, patterns, calm in versions[1:]:
        chosen = next(
            (
                float(t)
                for t in THRESHOLDS
                if any_rule(corpus, patterns, bow, head, t, calm)[pooled].mean() <= MAX_FALSE_ALARMS
            ),
            None,
        )
        print(
            f"threshold to use ({label}, every fold pooled,"
            f" false alarms <= {MAX_FALSE_ALARMS:.0%}): {chosen}"
        )


if __name__ == "__main__":
    main()
