"""Closing a SQLite database waits for the unit of work under way: its statements run in the
event loop's thread on aiosqlite's connection, which aiosqlite closes in its own thread; a
close under them freed the connection mid-statement (a segmentation fault, once, when a
kiosk's event stream read while the test's bot stopped)."""

from __future__ import annotations

import asyncio

from storage.db import Database


async def test_a_close_asked_during_a_transaction_waits_until_it_has_committed(tmp_path):
    db = Database(str(tmp_path / "relais.db"))
    await db.open()
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO kiosks (slug, name, created_at) VALUES ('a', 'A', 'x')")
        closing = asyncio.create_task(db.close())
        await asyncio.sleep(0)  # the close starts: before the fix it was queued to aiosqlite here
        # a round trip through aiosqlite's thread, queued after whatever the close queued
        await db.conn.execute("SELECT 1")
        assert not closing.done()
    await closing
    async with Database(str(tmp_path / "relais.db")) as again:
        assert (await again.fetchone("SELECT count(*) FROM kiosks"))[0] == 1
