"""What `relais run` loads once (libraries, catalogs, the crisis patterns and sentence model)
is set aside from the garbage collector once it is loaded (`gc.freeze`).

A full collection walks every tracked object: with the sentence model and the libraries
loaded, about 70 ms on one core, during which no webhook is answered (the p99 of the
acknowledgement). Objects alive for the whole run never become garbage, so the collector
need not look at them again; per-message objects are collected as before. Objects frozen
are still freed when nothing refers to them; only a reference cycle among them would stay:
`settle` collects first, so none is left at that moment, while the start of `relais run`
keeps the few the imports left rather than pay a full collection for them
(`settle_once_loaded`).
"""

from __future__ import annotations

import asyncio
import gc
import threading
from typing import Protocol


class Loading(Protocol):
    """Something loaded in the background (flows.crisis_semantic.SemanticReader)."""

    settled: threading.Event


def loading() -> None:
    """The collector off while a command loads: the libraries, catalogs and compiled
    patterns are some 200,000 objects that live as long as the process, and collecting among
    them as they arrive is about a fifth of the CPU of a start. `loaded` or `settle` turns it
    back on."""
    gc.disable()


def loaded() -> int:
    """Set everything alive now aside from later collections and turn the collector back on;
    how many objects it no longer walks. For a short command: nothing is collected first."""
    gc.freeze()
    gc.enable()
    return gc.get_freeze_count()


def settle() -> int:
    """Collect, then set everything alive now aside from later collections (the collector
    on again); how many objects the collector no longer walks."""
    gc.collect()
    return loaded()


async def settle_once_loaded(loading: Loading | None, every: float = 0.5) -> int:
    """`loaded` now, and `settle` once `loading` has settled (what it loaded is set aside
    too), looked at every `every` seconds; cancelled with the run if it never settles.

    Not `settle` at the start: with the collector off since the command began, a collection
    walks all ~170,000 objects loaded (some 60 ms of a 0.5 s start) to find ~2,000 cycles of
    garbage the imports left (~250 KiB, mostly argparse's help formatting), which then stay
    for the life of the process."""
    frozen = loaded()
    if loading is not None:
        while not loading.settled.is_set():  # noqa: ASYNC110  (a thread sets it)
            await asyncio.sleep(every)
        frozen = settle()
    return frozen
