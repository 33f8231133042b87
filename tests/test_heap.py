"""bot/core/heap.py: what is alive once `relais run` has loaded is set aside from the collector."""

from __future__ import annotations

import asyncio
import gc
import threading
from types import SimpleNamespace

import pytest

from bot.core import heap


@pytest.fixture(autouse=True)
def _unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_settle_sets_aside_every_object_alive_and_collects_garbage_first() -> None:
    kept = [[n] for n in range(5000)]
    cycle: list = []
    cycle.append(cycle)
    del cycle  # garbage only a collection finds
    assert heap.settle() >= len(kept)
    assert gc.get_freeze_count() >= len(kept)  # (a frozen object freed since leaves the count)
    assert not any(isinstance(o, list) and o and o[0] is o for o in gc.get_objects())
    assert gc.garbage == []


async def test_what_the_background_load_made_is_set_aside_once_it_settled() -> None:
    loading = SimpleNamespace(settled=threading.Event())
    task = asyncio.create_task(heap.settle_once_loaded(loading, every=0.01))
    await asyncio.sleep(0)  # the task's first step: everything alive until now set aside
    before = gc.get_freeze_count()
    assert before > 0 and not task.done()
    loaded = [[n] for n in range(5000)]  # what the loading thread would have made
    threading.Thread(target=loading.settled.set).start()
    assert await asyncio.wait_for(task, 10) >= before + len(loaded)


async def test_without_a_background_load_it_settles_at_once() -> None:
    assert await heap.settle_once_loaded(None) > 0
    assert gc.get_freeze_count() > 0


@pytest.mark.parametrize("done", [heap.settle, heap.loaded], ids=["settle", "loaded"])
def test_the_collector_is_off_while_loading_and_on_again_after(done) -> None:
    heap.loading()
    try:
        assert not gc.isenabled()
    finally:
        done()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_the_console_script_turns_the_collector_on_for_a_command(tmp_path, monkeypatch) -> None:
    from bot.cli import script

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RELAIS_DATABASE", str(tmp_path / "missing.db"))
    assert script.main(["workers", "list"]) != 0  # no database here: refused, after loading
    assert gc.isenabled()
