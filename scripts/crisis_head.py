"""What the crisis sentence-model head is trained and checked on: the corpus, its sentence
vectors (cached), and the head itself (numpy only), for scripts/train_crisis_semantic.py and
scripts/crisis_cross_check.py.

Every line of the corpus is encoded twice by the sentence model, as typed and as
`flows.crisis_spelling.spelled` reads it (SMS spellings spelled out, long typos put right); the head
reads the mean of the two vectors, as `flows.crisis_semantic` does at run time; a message of
several sentences is also read sentence by sentence (`flows.crisis_semantic.clauses`), and its
score is the highest (`line_scores`).

Vectors are cached in `.cache/crisis_vectors.npz` (git-ignored), keyed by the text: a
first run encodes about 5 000 texts (a minute or two of CPU), later runs read the cache.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from flows import crisis  # noqa: E402
from flows.crisis_semantic import EVERYDAY, MIN_WORDS, clauses, default_encoder  # noqa: E402
from flows.normalize import canonical, unaccented  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "crisis"
FILES = (
    "tuning.tsv",
    "holdout.tsv",
    "holdout2.tsv",
    "holdout3.tsv",
    "holdout4.tsv",
    "holdout5.tsv",
    "holdout6.tsv",
    "holdout7.tsv",
    "holdout8.tsv",
    "holdout9.tsv",
    "holdout10.tsv",
    "holdout11.tsv",
    "holdout12.tsv",
    "semantic_extra.tsv",
)
CLASSES = (EVERYDAY, "medical", "self_harm", "suicide", "violence")
CACHE = ROOT / ".cache" / "crisis_vectors.npz"


@dataclass
class Corpus:
    """Every labelled line, with its file, its class and its two sentence vectors."""

    texts: list[str]
    files: np.ndarray  # file name per line
    y: np.ndarray  # index into CLASSES
    x: np.ndarray  # what the head reads: mean of the two vectors, one row per line
    typed: np.ndarray  # the vector of the text as typed
    folded: list[str]  # canonical text, to keep a held-out line out of training
    others: np.ndarray  # what the patterns and the bag-of-words model say (True: crisis)
    long_enough: np.ndarray  # the sentence model reads it (MIN_WORDS words or more)
    clause_x: np.ndarray  # what the head reads of each sentence of a longer message
    clause_of: np.ndarray  # the line each row of clause_x belongs to
    aug_x: np.ndarray  # what the head reads of each line typed the way basic phones type it
    aug_of: np.ndarray  # the line each row of aug_x was made from

    @property
    def is_crisis(self) -> np.ndarray:
        return self.y != 0


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def vectors(texts: list[str]) -> np.ndarray:
    """The sentence model's vectors of `texts`, from the cache or encoded now."""
    cached: dict[str, np.ndarray] = {}
    if CACHE.exists():
        with np.load(CACHE) as stored:
            cached = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    missing = sorted({t for t in texts if _key(t) not in cached})
    if missing:
        encoder = default_encoder()
        for start in range(0, len(missing), 64):
            batch = missing[start : start + 64]
            for text, vector in zip(batch, encoder.encode(batch), strict=True):
                cached[_key(text)] = np.asarray(vector, dtype=np.float32)
        CACHE.parent.mkdir(exist_ok=True)
        keys = sorted(cached)
        np.savez(CACHE, keys=np.array(keys), vectors=np.stack([cached[k] for k in keys]))
    return np.stack([cached[_key(t)] for t in texts]).astype(np.float64)


def reading(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """What the head reads (the mean of the vectors of the typed and the spelled-out text),
    and the vectors of the typed text alone."""
    typed = vectors(texts)
    return (typed + vectors([crisis.spelled(t) or t for t in texts])) / 2, typed


# --- Training-time augmentation: each line also typed the way basic phones type it ---------------
# A new writer types without accents, apostrophes or capitals and in SMS spellings more often
# than the corpus files do ("jsuis pu capable", "im done rn"). The run-time reader already reads
# the text spelled out (flows.crisis_spelling) as half of its input, but the typed half then
# differs from anything seen in training. So each training line is also given as a "phone"
# copy: lowercase, no accents, no apostrophes, and common SMS spellings put in (the reverse of
# part of flows.crisis_lexicon.SMS). Copies only ever train; a held-out line is read as typed.

_SMS_FR = (
    (r"\bje suis\b", "chu"),
    (r"\bj'ai\b", "jai"),
    (r"\bplus\b", "pu"),
    (r"\bil y a\b", "ya"),
    (r"\by a\b", "ya"),
    (r"\bquelqu'un\b", "qqn"),
    (r"\bbeaucoup\b", "bcp"),
    (r"\btoujours\b", "tjrs"),
    (r"\bparce que\b", "pcq"),
    (r"\bce soir\b", "a soir"),
    (r"\bcette\b", "cte"),
    (r"\bpour\b", "pr"),
    (r"\bje (?=[bcdfghklmnpqrstvz])", "j"),
    (r"\bil (?=[mv])", "y "),
)
_SMS_EN = (
    (r"\bi'm\b|\bi am\b", "im"),
    (r"\bdon't\b|\bdo not\b", "dont"),
    (r"\bcan't\b|\bcannot\b", "cant"),
    (r"\bwant to\b", "wanna"),
    (r"\bgoing to\b", "gonna"),
    (r"\byou\b", "u"),
    (r"\byour\b|\byou're\b", "ur"),
    (r"\bright now\b", "rn"),
    (r"\bto be honest\b", "tbh"),
    (r"\bplease\b", "pls"),
    (r"\bbecause\b", "bc"),
    (r"\bi've\b", "ive"),
    (r"\bit's\b", "its"),
    (r"\bthat's\b", "thats"),
    (r"\bkill myself\b", "kms"),
)


def phone_typed(text: str) -> str:
    """`text` as typed on a basic phone in a hurry: lowercase, SMS spellings put in, then no
    accents and no apostrophes ("Je suis plus capable, j'ai mal" → "chu pu capable jai mal")."""
    typed = text.replace("\u2019", "'").lower()
    for pattern, short in (*_SMS_FR, *_SMS_EN):
        typed = re.sub(pattern, short, typed)
    typed = unaccented(typed).replace("'", "")
    return " ".join(typed.split())


def load(files: tuple[str, ...] = FILES) -> Corpus:
    texts, names, labels = [], [], []
    for name in files:
        with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                texts.append(row["text"])
                names.append(name)
                labels.append(CLASSES.index(row["kind"] if row["label"] == "crisis" else EVERYDAY))
    x, typed = reading(texts)
    owners = [(line, part) for line, text in enumerate(texts) for part in clauses(text)]
    clause_x = reading([part for _, part in owners])[0] if owners else np.zeros((0, x.shape[1]))
    phone = [(line, phone_typed(text)) for line, text in enumerate(texts)]
    phone = [(line, typed) for line, typed in phone if typed != texts[line]]
    aug_x = reading([typed for _, typed in phone])[0] if phone else np.zeros((0, x.shape[1]))
    return Corpus(
        texts=texts,
        files=np.array(names),
        y=np.array(labels),
        x=x,
        typed=typed,
        folded=[canonical(t) for t in texts],
        others=np.array([crisis.detect_crisis(t) is not None for t in texts]),
        long_enough=np.array([len(canonical(t).split()) >= MIN_WORDS for t in texts]),
        clause_x=clause_x,
        clause_of=np.array([line for line, _ in owners], dtype=int),
        aug_x=aug_x,
        aug_of=np.array([line for line, _ in phone], dtype=int),
    )


# --- The head: a one-hidden-layer network (or a logistic regression), trained by Adam ----------


@dataclass(frozen=True)
class Recipe:
    """How a head is trained."""

    hidden: int = 64  # 0: a logistic regression
    l2: float = 1e-3
    crisis_weight: float = 1.5  # crisis lines weigh this much more than everyday ones
    epochs: int = 400
    rate: float = 0.01
    seeds: tuple[int, ...] = (1, 2, 3)  # one network per seed; their probabilities are averaged
    phone: bool = False  # also train on each line typed as on a basic phone (phone_typed)


# The head used (its threshold is chosen by scripts/crisis_cross_check.py), and the one of before
# 2026-12-03 (sklearn's LogisticRegression, C = 1, balanced, on the typed text), for comparison.
RECIPE = Recipe(
    hidden=64, l2=1e-3, crisis_weight=1.5, epochs=250, rate=0.01, seeds=(1, 2, 3), phone=True
)
OLD = Recipe(hidden=0, l2=4e-4, crisis_weight=1.0, epochs=600, rate=0.02, seeds=(0,))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _train_one(x: np.ndarray, y: np.ndarray, recipe: Recipe, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = len(CLASSES)
    onehot = np.eye(k)[y]
    # Balanced over the two labels, then each crisis kind balanced within the crisis half.
    weight = np.zeros(n)
    crisis_rows = y != 0
    weight[~crisis_rows] = 1.0 / max(1, (~crisis_rows).sum())
    kinds = np.unique(y[crisis_rows])
    for c in kinds:
        rows = y == c
        weight[rows] = recipe.crisis_weight / len(kinds) / rows.sum()
    weight *= n / weight.sum()
    h = recipe.hidden
    params: dict[str, np.ndarray]
    if h:
        params = {
            "w1": rng.normal(0, 1 / np.sqrt(d), (d, h)),
            "b1": np.zeros(h),
            "w2": rng.normal(0, 1 / np.sqrt(h), (h, k)),
            "b2": np.zeros(k),
        }
    else:
        params = {"w2": np.zeros((d, k)), "b2": np.zeros(k)}
    moments = {name: (np.zeros_like(p), np.zeros_like(p)) for name, p in params.items()}
    for step in range(1, recipe.epochs + 1):
        if h:
            pre = x @ params["w1"] + params["b1"]
            hid = np.maximum(pre, 0)
        else:
            hid = x
        prob = _softmax(hid @ params["w2"] + params["b2"])
        g = (prob - onehot) * weight[:, None] / n
        grads = {"w2": hid.T @ g + recipe.l2 * params["w2"], "b2": g.sum(axis=0)}
        if h:
            gh = (g @ params["w2"].T) * (pre > 0)
            grads["w1"] = x.T @ gh + recipe.l2 * params["w1"]
            grads["b1"] = gh.sum(axis=0)
        for name, grad in grads.items():
            m, v = moments[name]
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            mhat = m / (1 - 0.9**step)
            vhat = v / (1 - 0.999**step)
            params[name] -= recipe.rate * mhat / (np.sqrt(vhat) + 1e-8)
    return params


def train(x: np.ndarray, y: np.ndarray, recipe: Recipe) -> list[dict]:
    """One network per seed of the recipe."""
    return [_train_one(x, y, recipe, seed) for seed in recipe.seeds]


def probabilities(nets: list[dict], x: np.ndarray) -> np.ndarray:
    """The mean of the networks' softmax over `x` (rows), one column per class of CLASSES."""
    total = np.zeros((len(x), len(CLASSES)))
    for net in nets:
        hid = np.maximum(x @ net["w1"] + net["b1"], 0) if "w1" in net else x
        total += _softmax(hid @ net["w2"] + net["b2"])
    return total / len(nets)


def crisis_score(nets: list[dict], x: np.ndarray) -> np.ndarray:
    """1 − P(everyday): the score the threshold is compared with."""
    return 1 - probabilities(nets, x)[:, 0]


def line_scores(nets: list[dict], corpus: Corpus, rows: np.ndarray) -> np.ndarray:
    """The crisis score of each line of `rows` (a mask) as `flows.crisis_semantic` reads it at
    run time: the whole message, or one of its sentences if that one scores higher."""
    score = np.zeros(len(corpus.y))
    score[rows] = crisis_score(nets, corpus.x[rows])
    mine = rows[corpus.clause_of] if len(corpus.clause_of) else np.zeros(0, dtype=bool)
    if mine.any():
        np.maximum.at(score, corpus.clause_of[mine], crisis_score(nets, corpus.clause_x[mine]))
    return score[rows]


def training_rows(
    corpus: Corpus, recipe: Recipe, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """What the head trains on for the lines of `rows` (a mask): their readings and classes,
    and, with `recipe.phone`, the readings of their phone-typed copies too."""
    x, y = corpus.x[rows], corpus.y[rows]
    if recipe.phone and len(corpus.aug_of):
        mine = rows[corpus.aug_of]
        x = np.vstack([x, corpus.aug_x[mine]])
        y = np.concatenate([y, corpus.y[corpus.aug_of[mine]]])
    return x, y


def held_out_scores(corpus: Corpus, recipe: Recipe, held: str) -> np.ndarray:
    """The crisis scores of one file's lines, by a head trained on every other file (lines
    that read the same as one of the held-out file are left out of training too)."""
    return held_out_nets_and_scores(corpus, recipe, held)[1]


def held_out_nets_and_scores(
    corpus: Corpus, recipe: Recipe, held: str
) -> tuple[list[dict], np.ndarray]:
    """The head trained without the file `held`, and its crisis scores of that file's lines."""
    test = corpus.files == held
    seen = {corpus.folded[i] for i in np.flatnonzero(test)}
    train_rows = np.array(
        [not t and f not in seen for t, f in zip(test, corpus.folded, strict=True)]
    )
    nets = train(*training_rows(corpus, recipe, train_rows), recipe)
    return nets, line_scores(nets, corpus, test)


# --- The memory: the nearest training lines, a second opinion next to the networks -------------
# The networks learn a boundary; a new writer's line is often closest to one line someone else
# wrote for the same warning sign. So the head also keeps every training line's reading,
# projected on its first MEMORY_DIMS principal axes and normalised, with its label; a message's
# margin is the mean cosine of its MEMORY_K nearest crisis lines minus that of its MEMORY_K
# nearest everyday lines, and its crisis score becomes sigmoid(logit(networks) + MEMORY_WEIGHT ×
# margin) (`flows.crisis_semantic.remembered`). Leave one blind file out, with the patterns of
# the day each file arrived (scripts/crisis_loco.py), the memory is what helped most.

MEMORY_DIMS = 128
MEMORY_K = 3
MEMORY_WEIGHT = 20.0


def memory(x: np.ndarray, crisis_rows: np.ndarray, dims: int = MEMORY_DIMS) -> dict:
    """The memory of the training readings `x` (rows) and their labels (True: crisis)."""
    mean = x.mean(axis=0)
    _, _, axes = np.linalg.svd(x - mean, full_matrices=False)
    projection = axes[:dims].T
    kept = (x - mean) @ projection
    kept /= np.linalg.norm(kept, axis=1, keepdims=True)
    return {
        "mean": mean.astype(np.float32),
        "projection": projection.astype(np.float32),
        "vectors": kept.astype(np.float16),
        "crisis": crisis_rows.astype(bool),
    }


def margins(store: dict, x: np.ndarray) -> np.ndarray:
    """Each row's mean cosine to its MEMORY_K nearest crisis lines minus its nearest everyday."""
    query = (x - store["mean"]) @ store["projection"]
    query /= np.linalg.norm(query, axis=1, keepdims=True) + 1e-12
    sims = query @ store["vectors"].astype(np.float64).T
    crisis_rows = store["crisis"]
    near = np.sort(sims[:, crisis_rows], axis=1)[:, -MEMORY_K:].mean(axis=1)
    far = np.sort(sims[:, ~crisis_rows], axis=1)[:, -MEMORY_K:].mean(axis=1)
    return near - far


def remembered(score: np.ndarray, margin: np.ndarray, weight: float = MEMORY_WEIGHT) -> np.ndarray:
    """The networks' crisis score moved by the memory's margin (on the logit scale)."""
    p = np.clip(score, 1e-6, 1 - 1e-6)
    return 1 / (1 + np.exp(-(np.log(p / (1 - p)) + weight * margin)))


def held_out_memory(corpus: Corpus, held: str) -> dict:
    """The memory of every line but those of `held` (and lines that read the same)."""
    test = corpus.files == held
    seen = {corpus.folded[i] for i in np.flatnonzero(test)}
    rows = np.array([not t and f not in seen for t, f in zip(test, corpus.folded, strict=True)])
    return memory(corpus.x[rows], corpus.is_crisis[rows])


def remembered_line_scores(
    nets: list[dict], store: dict, corpus: Corpus, rows: np.ndarray, weight: float = MEMORY_WEIGHT
) -> np.ndarray:
    """`line_scores` with the memory: each reading's score moved by its margin, the highest
    reading of the line counts."""
    score = np.zeros(len(corpus.y))
    score[rows] = remembered(
        crisis_score(nets, corpus.x[rows]), margins(store, corpus.x[rows]), weight
    )
    mine = rows[corpus.clause_of] if len(corpus.clause_of) else np.zeros(0, dtype=bool)
    if mine.any():
        part = corpus.clause_x[mine]
        np.maximum.at(
            score,
            corpus.clause_of[mine],
            remembered(crisis_score(nets, part), margins(store, part), weight),
        )
    return score[rows]
