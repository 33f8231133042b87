"""The soak of bench/soak.py, small: 3 `relais run` on one PostgreSQL, 150 messages from 30
citizens (5 each: Telegram paces a chat at 1 message a second), half by SMS and half by
Telegram (webhooks), the leader killed with -9 midway and
restarted; nothing lost, doubled or out of order, every check-in due at the kill sent once (by
the new leader, or the restarted one)."""

from __future__ import annotations

from bench.soak import soak


async def test_three_processes_with_the_leader_killed_midway_lose_double_and_reorder_nothing(
    tmp_path, twilio_api, telegram_api, pg_url
):
    f = await soak(tmp_path, pg_url, twilio_api, telegram_api, messages=150, citizens=30, within=60)
    assert (f.messages, f.lost, f.duplicated, f.out_of_order) == (150, 0, 0, 0)
    assert f.in_window <= 16  # at most what the killed process had on the wire (its slots)
    assert (f.checkins_twice, f.checkins_missing) == (0, 0)
    assert f.failover_seconds == f.failover_seconds  # a leader was found again (not NaN)
