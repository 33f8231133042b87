"""`python -m bench.profiled OUT ARGS…`: `relais ARGS…` with a profile of a chosen window.

SIGUSR1 starts the window: cProfile on the main thread (timed in that thread's CPU time, so
waits count for nothing), SQLite statements counted (trace callback on every connection),
every thread's CPU time noted. SIGUSR2 ends it and writes OUT (pstats) and OUT.json (the
statement counts and each thread's CPU seconds in the window). Only the bench uses it.

With BENCH_HOLD_PROCESSING=1 the engine is kept from processing what it stores (its
`_spawn` does nothing, so neither the webhook's accept nor the rescue job starts a drain):
webhooks are acknowledged as usual and the rows stay 'received'. That measures the
acknowledgement alone; the bench's own trick, never a mode of `relais run`.
"""

from __future__ import annotations

import cProfile
import gc
import json
import os
import re
import runpy
import signal
import sqlite3
import sys
import threading
import time
from collections import Counter
from pathlib import Path

_CLK = os.sysconf("SC_CLK_TCK")


def _thread_name(thread: threading.Thread) -> str:
    if "_connection_worker_thread" in thread.name or type(thread).__module__.startswith(
        "aiosqlite"
    ):
        return "aiosqlite (COMMIT)"
    if thread.name.startswith("crisis-read"):
        return "crisis sentence model"
    return thread.name


def thread_cpu() -> dict[str, float]:
    """CPU seconds of each live thread of this process, by what it is (native id where
    Python does not know it)."""
    names = {t.native_id: _thread_name(t) for t in threading.enumerate()}
    out: dict[str, float] = {}
    for task in Path("/proc/self/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        name = names.get(int(task.name), f"native thread {task.name}")
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / _CLK
    return out


_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def statement_shape(sql: str) -> str:
    """The statement with its literals as `?` (the trace sees them expanded), one line."""
    return " ".join(_LITERAL.sub("?", sql).split())[:100]


def _statement_kind(sql: str) -> str:
    head = sql.lstrip().split(None, 1)
    word = head[0].upper() if head else ""
    if word == "--":  # a trigger's statement, reported as "-- TRIGGER name"
        return "trigger"
    return {"BEGIN": "BEGIN", "COMMIT": "COMMIT", "ROLLBACK": "ROLLBACK"}.get(word, word)


class Window:
    """What SIGUSR1 … SIGUSR2 measure."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.profile: cProfile.Profile | None = None
        self.counting = False
        self.statements: Counter[str] = Counter()
        self.tables: Counter[str] = Counter()
        self.cpu_before: dict[str, float] = {}
        self.began = 0.0
        self.gc_seconds = [0.0, 0.0, 0.0]  # CPU in the collector, by generation
        self.gc_counts = [0, 0, 0]
        self._gc_began = 0.0
        gc.callbacks.append(self.collecting)

    def collecting(self, phase: str, info: dict) -> None:
        if not self.counting or threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            self._gc_began = time.thread_time()
        else:
            self.gc_seconds[info["generation"]] += time.thread_time() - self._gc_began
            self.gc_counts[info["generation"]] += 1

    def trace(self, sql: str) -> None:
        if self.counting:
            kind = _statement_kind(sql)
            self.statements[kind] += 1
            if kind in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                self.tables[statement_shape(sql)] += 1

    def start(self, *_: object) -> None:
        self.statements.clear()
        self.tables.clear()
        self.gc_seconds, self.gc_counts = [0.0, 0.0, 0.0], [0, 0, 0]
        self.cpu_before = thread_cpu()
        self.began = time.perf_counter()
        self.counting = True
        self.profile = cProfile.Profile(time.thread_time)
        self.profile.enable()

    def stop(self, *_: object) -> None:
        if self.profile is None:
            return
        self.profile.disable()
        self.counting = False
        after = thread_cpu()
        self.profile.dump_stats(self.out)
        self.profile = None
        threads = {n: after[n] - self.cpu_before.get(n, 0.0) for n in after}
        summary = {
            "wall": time.perf_counter() - self.began,
            "threads": threads,
            "statements": dict(self.statements),
            "gc_seconds": self.gc_seconds,
            "gc_counts": self.gc_counts,
            "top_statements": self.tables.most_common(40),
        }
        partial = Path(f"{self.out}.json.part")
        partial.write_text(json.dumps(summary, indent=1), encoding="utf-8")
        partial.replace(f"{self.out}.json")  # whole or absent for the bench reading it


def main() -> None:
    out, args = Path(sys.argv[1]), sys.argv[2:]
    window = Window(out)
    connect = sqlite3.connect

    def traced_connect(*a: object, **k: object) -> sqlite3.Connection:
        conn = connect(*a, **k)
        conn.set_trace_callback(window.trace)
        return conn

    sqlite3.connect = traced_connect  # aiosqlite opens its connection through it
    signal.signal(signal.SIGUSR1, window.start)
    signal.signal(signal.SIGUSR2, window.stop)
    if os.environ.get("BENCH_HOLD_PROCESSING") == "1":
        from bot.core.engine import Engine

        Engine._spawn = lambda self, address: None  # type: ignore[method-assign]
    sys.argv = ["relais", *args]
    runpy.run_module("bot.cli.main", run_name="__main__")


if __name__ == "__main__":
    main()
