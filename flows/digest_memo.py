"""A small memo of recent answers keyed by a digest of the text read, never the text itself:
no citizen's words stay in memory once read (Québec Law 25). Thread-safe; the oldest entry
goes when it is full."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class DigestMemo(Generic[T]):
    """`get(text, compute)`: the memoized answer for `text`, or `compute()` remembered."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[bytes, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str, compute: Callable[[], T]) -> T:
        key = hashlib.blake2b(text.encode(), digest_size=16).digest()
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        found = compute()  # outside the lock: another thread may read meanwhile
        with self._lock:
            self._answers[key] = found
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
