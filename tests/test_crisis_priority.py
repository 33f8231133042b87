"""A crisis message is processed before the queued ordinary backlog (issue 14), on the service
layer: many messages stored without processing, then a crisis, then processing starts. The
order is read from the outbox's ids, not from any clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.sim.harness import Service
from flows.crisis import Crisis, by_patterns, detect_crisis
from flows.types import Inbound, Kind

# Tuesday 1 December 2026, 15:00 in Montréal (20:00 UTC).
AFTERNOON = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)
BACKLOG = 60
CRISIS_SMS = "sms:+15145559001"  # writes once: a crisis
EARLIER_SMS = "sms:+15145559002"  # writes an ordinary message first, a crisis at the end
LINES = "535353"  # the crisis answer's text line (flows/messages.py `crisis`), in no other reply


def _sms(n: int, address: str, text: str) -> Inbound:
    return Inbound(f"sms:prio-{n}", address, Kind.TEXT, AFTERNOON, text=text)


async def _first_rows(service: Service) -> dict[str, int]:
    """Each address's first outbox row id."""
    rows = await service.rows("SELECT address, MIN(id) AS id FROM outbox GROUP BY address")
    return {row["address"]: row["id"] for row in rows}


async def test_a_crisis_is_answered_before_the_backlog_and_after_its_senders_earlier_message(
    database: str,
) -> None:
    async with Service(AFTERNOON, database=database) as service:
        engine = service.relais.engine
        inbounds = [_sms(0, EARLIER_SMS, "Bonjour, j'aurais besoin d'aide pour mes courses")]
        inbounds += [_sms(n, f"sms:+1514555{n:04d}", "Oui") for n in range(1, BACKLOG + 1)]
        inbounds += [
            _sms(BACKLOG + 1, CRISIS_SMS, "je veux mourir"),
            _sms(BACKLOG + 2, EARLIER_SMS, "i want to end my life"),
        ]
        assert all(await engine.accept_all(inbounds, process=False))
        assert await engine.recover() == BACKLOG + 2  # processing starts: one drain an address
        await service.drain()

        left = await service.rows("SELECT id FROM inbound WHERE status != 'processed'")
        assert left == []
        first = await _first_rows(service)
        ordinary = [first[f"sms:+1514555{n:04d}"] for n in range(1, BACKLOG + 1)]
        crisis = await service.rows(
            "SELECT id, body FROM outbox WHERE address = ? ORDER BY id", (CRISIS_SMS,)
        )
        assert "911" in crisis[0]["body"] and LINES in crisis[0]["body"]  # the crisis answer
        assert sum(row_id < crisis[0]["id"] for row_id in ordinary) <= 3

        # The other citizen: the ordinary message first, then the crisis, both ahead of the
        # backlog (the priority covers that address's earlier message too).
        own = await service.rows(
            "SELECT id, body FROM outbox WHERE address = ? ORDER BY id", (EARLIER_SMS,)
        )
        assert own, "the citizen who wrote twice got no answer"
        welcome_id = own[0]["id"]
        crisis_ids = [row["id"] for row in own if LINES in row["body"]]
        assert crisis_ids and welcome_id < crisis_ids[0]
        assert LINES not in own[0]["body"]  # her first message got its own, ordinary answer
        assert sum(row_id < crisis_ids[0] for row_id in ordinary) <= 3


def test_the_check_before_the_lock_is_the_patterns_and_agrees_with_the_flow() -> None:
    """`by_patterns` (memoized) is what `detect_crisis` finds first; it never adds to it."""
    for text in ("je veux mourir", "i want to end my life", "Oui", "Ça va bien, merci"):
        found = by_patterns(text)
        assert found == by_patterns(text)  # the memo's answer is the same
        assert found is None or detect_crisis(text) == found
    assert by_patterns("je veux mourir") is Crisis.SUICIDE
    assert by_patterns("Oui") is None and detect_crisis("Oui") is None
