"""Features are composed once, in order, from what they declare; events run in the same unit
of work as the change that published them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core import args as parse
from bot.core.events import CaseClosed, CitizenErased, Events
from bot.core.features import Button, Feature, StartConflict, compose
from bot.core.i18n import I18n
from bot.core.writer import OutboxWriter
from bot.desk.callbacks import DuplicatePrefix
from bot.desk.desk import RotaDesk
from flows import worker_messages as wm
from flows.types import CheckinAnswer
from storage.db import Database

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
TZ = ZoneInfo("America/Montreal")


def desk() -> RotaDesk:
    return RotaDesk(OutboxWriter(I18n(TZ, "fr"), clock=lambda: NOW), TZ, Events())


async def nothing(*args) -> None:
    """A handler that does nothing."""


def test_offers_are_registered_in_order_with_help_per_role():
    target, effects, events = desk(), {}, Events()
    features = [
        Feature("a", commands={"fin": nothing}, help={"worker": wm.worker_help}),
        Feature(
            "b",
            buttons=(Button("suivi", nothing, (parse.ident,)),),
            effects={CheckinAnswer: nothing},
            subscriptions={CaseClosed: nothing},
            help={"coordinator": wm.coordinator_help},
        ),
    ]
    compose(features, target, effects, events)
    assert list(target.commands) == ["fin"]
    assert target.callbacks.prefixes() == ["suivi"]
    assert effects == {CheckinAnswer: nothing}
    assert events.handlers(CaseClosed) == [nothing]
    assert target.help == [("worker", wm.worker_help), ("coordinator", wm.coordinator_help)]


@pytest.mark.parametrize(
    ("first", "second", "error"),
    [
        (Feature("a", commands={"fin": nothing}), Feature("b", commands={"fin": nothing}),
         StartConflict),
        (Feature("a", buttons=(Button("prof", nothing),)),
         Feature("b", buttons=(Button("prof", nothing),)), DuplicatePrefix),
        (Feature("a", effects={CheckinAnswer: nothing}),
         Feature("b", effects={CheckinAnswer: nothing}), StartConflict),
        (Feature("a"), Feature("b", help={"admin": wm.worker_help}), StartConflict),
    ],
)  # fmt: skip
def test_a_name_claimed_twice_refuses_to_start(first, second, error):
    with pytest.raises(error):
        compose([first, second], desk(), {}, Events())


def test_only_domain_events_can_be_subscribed():
    with pytest.raises(ValueError):
        Events().subscribe(str, nothing)


async def test_handlers_write_in_the_publishers_transaction(tmp_path):
    """Both handlers run, in order, on the publisher's connection: a failure after the
    publication rolls their writes back with the change that caused it."""
    events, ran = Events(), []

    async def first(conn, event: CitizenErased) -> None:
        ran.append("first")
        await conn.execute(
            "INSERT INTO notices (key, sent_at) VALUES (?, ?)", (f"erased:{event.citizen_id}", "")
        )

    async def second(conn, event: CitizenErased) -> None:
        ran.append("second")

    events.subscribe(CitizenErased, first)
    events.subscribe(CitizenErased, second)
    async with Database(str(tmp_path / "relais.db")) as db:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await events.publish(conn, CitizenErased(1, NOW))
                raise RuntimeError("the step fails after publishing")
        assert await db.fetchall("SELECT key FROM notices") == []
        async with db.transaction() as conn:
            await events.publish(conn, CitizenErased(2, NOW))
        assert [r["key"] for r in await db.fetchall("SELECT key FROM notices")] == ["erased:2"]
    assert ran == ["first", "second", "first", "second"]
