"""Unclaimed requests escalate, out-of-hours ones wait for the shift, deactivation requeues.

End to end through signed SMS webhooks and Telegram updates; the sweep and the shift-start
job are called with a chosen `now` instead of waiting minutes.
"""

from __future__ import annotations

import argparse
import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cli import workers as cli_workers
from bot.cli.main import CliEnv
from bot.escalation.escalation import Waiting, escalation_due, period
from bot.rota.rota import local_moment, quebec_holidays
from storage import rota as rota_store
from storage.clock import from_db, utcnow
from storage.db import Database
from storage.requests import Request
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import add_worker, always_on_duty, take_button

JADE, KARIM, EMMA, COORD = 9101, 9102, 9103, 9104
MOIS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def plain_monday_ahead(today: date) -> date:
    """A Monday two weeks or more after `today`, no holiday and not a 1st (the bot runs on the
    machine's clock here, so the shift day follows it: the tests pass whatever the date)."""
    day = today + timedelta(days=14 + (-today.weekday()) % 7)
    while day in quebec_holidays() or day.day == 1:
        day += timedelta(days=7)
    return day


# A one-off shift that day is then the only one in the rota: nobody is on duty until then.
SHIFT_DAY = plain_monday_ahead(utcnow().astimezone(ZoneInfo("America/Montreal")).date())
SHIFT_DAY_FR = f"lundi {SHIFT_DAY.day} {MOIS.split()[SHIFT_DAY.month - 1]}"  # "lundi 11 janvier"


@pytest.fixture
async def team(bot):
    """Jade (fr) and Karim (fr, en) and Emma (en) on duty all week; a coordinator off the rota."""
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    emma = await add_worker(bot.db, "Emma Wilson", EMMA, languages=("en",), org="CLSC")
    await add_worker(bot.db, "Claude Roy", COORD, role="coordinator", org="Table de quartier")
    await always_on_duty(bot.db, jade, karim, emma)
    return bot


@pytest.fixture
async def night(bot):
    """Nobody on duty now: Jade's only shift is a one-off on SHIFT_DAY, 09:00-17:00."""
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    await add_worker(bot.db, "Claude Roy", COORD, role="coordinator", org="Table de quartier")
    shift = rota_store.Shift(jade.id, time(9), time(17), on_date=SHIFT_DAY)
    await rota_store.replace_all(bot.db, [shift], "cli", datetime.now(UTC))
    await bot.relais.escalation.replan(datetime.now(UTC))
    return bot


async def created_at(harness, request_id: int = 1) -> datetime:
    rows = await harness.rows("SELECT created_at FROM requests WHERE id = ?", (request_id,))
    return from_db(rows[0]["created_at"])


async def test_unclaimed_request_goes_to_the_others_then_to_coordinators(team):
    await team.sms("J'ai besoin d'aide pour mon loyer")
    await team.telegram_replies(JADE)
    await team.telegram_replies(KARIM)
    sweep, created = team.relais.escalation.sweep, await created_at(team)
    await sweep(created + timedelta(minutes=9, seconds=59))
    await team.quiet()
    assert team.tg.texts(EMMA) == [] and team.tg.texts(COORD) == []
    await sweep(created + timedelta(minutes=10, seconds=1))
    (emma_card,) = await team.telegram_replies(EMMA)
    assert emma_card["text"].startswith("REMINDER: nobody has taken #A1 yet (waiting for 10 min)")
    assert "mon loyer" in emma_card["text"] and CITIZEN_NUMBER not in emma_card["text"]
    (coord_card,) = await team.telegram_replies(COORD)
    assert coord_card["text"].startswith("RELANCE: personne n'a encore pris #A1")
    await sweep(created + timedelta(minutes=19))
    await sweep(created + timedelta(minutes=20, seconds=2))
    await team.telegram_replies(COORD, count=2)
    await team.quiet()
    assert len(team.tg.texts(EMMA)) == 1 and len(team.tg.texts(JADE)) == 1
    team.tg.push_callback(COORD, coord_card["message_id"], take_button(coord_card))
    await team.tg.wait_for(
        lambda: "Claude Roy" in team.tg.message(EMMA, emma_card["message_id"])["text"]
    )
    await team.quiet()  # Claude's own confirmation is in
    before = len(team.tg.sent_messages(COORD))
    await sweep(created + timedelta(minutes=45))
    await team.quiet()
    assert len(team.tg.sent_messages(COORD)) == before  # taken: no more reminders
    row = (await team.rows("SELECT status, escalations FROM requests"))[0]
    assert tuple(row) == ("claimed", 2)


async def test_urgent_request_escalates_after_a_fifth_of_the_delay(team):
    await team.sms("je veux mourir")
    await team.telegram_replies(JADE)
    sweep, created = team.relais.escalation.sweep, await created_at(team)
    await sweep(created + timedelta(minutes=1, seconds=59))
    await team.quiet()
    assert team.tg.texts(COORD) == []
    await sweep(created + timedelta(minutes=2, seconds=1))
    (card,) = await team.telegram_replies(COORD)
    assert "URGENT" in card["text"] and "#A1" in card["text"]


async def test_out_of_hours_request_waits_for_the_shift_with_a_queue_summary(night):
    await night.sms("Bonjour, j'aurais besoin d'aide pour un formulaire")
    (first,) = await night.sms_replies()
    assert "Personne n'est de garde" in first and SHIFT_DAY_FR in first
    assert "811" in first
    await night.sms("Vous etes la?")
    replies = await night.sms_replies(count=2)
    assert replies[1].startswith("Votre message est gardé") and "811" in replies[1]
    await night.sms("Allo?")
    replies = await night.sms_replies(count=3)  # the full notice once a night, then short
    assert replies[2] == f"Noté, c'est gardé. L'équipe revient {SHIFT_DAY_FR} à 9 h. Urgence: 911."
    escalation, created = night.relais.escalation, await created_at(night)
    await escalation.sweep(created + timedelta(hours=3))
    await night.quiet()
    assert night.tg.texts(JADE) == [] and night.tg.texts(COORD) == []
    start = local_moment(SHIFT_DAY, time(9), night.relais.settings.timezone)
    assert escalation.planned == start and night.relais.clock_work.has("escalation:shift-start")
    await escalation.shift_started(start)
    summary, card = await night.telegram_replies(JADE, count=2)
    assert summary["text"].startswith("Bonne garde, Jade!")
    assert "#A1" in summary["text"]
    assert card["text"].startswith("Nouvelle demande #A1") and take_button(card) == "w:claim:1"
    await escalation.sweep(start + timedelta(minutes=9))
    await night.quiet()
    assert night.tg.texts(COORD) == []  # the count restarts at the shift start
    await escalation.sweep(start + timedelta(minutes=10, seconds=1))
    (alert,) = await night.telegram_replies(COORD)
    assert "#A1" in alert["text"] and "RELANCE" in alert["text"]


async def test_urgent_request_out_of_hours_reaches_coordinators_at_once(night):
    await night.sms("je veux mourir")
    answer, notice = await night.sms_replies(count=2)  # crisis first, then the privacy notice
    assert "1 866 APPELLE" in answer and "Une personne d'astreinte a été avertie" in answer
    assert "OUBLIER" in notice
    escalation, created = night.relais.escalation, await created_at(night)
    await escalation.sweep(created + timedelta(seconds=1))
    (alert,) = await night.telegram_replies(COORD)
    assert "URGENT" in alert["text"] and take_button(alert) == "w:claim:1"
    await escalation.sweep(created + timedelta(minutes=5))
    await night.quiet()
    assert len(night.tg.texts(COORD)) == 1  # out of hours: again every full period
    await escalation.sweep(created + timedelta(minutes=10, seconds=2))
    await night.telegram_replies(COORD, count=2)
    assert night.tg.texts(JADE) == []
    night.tg.push_callback(COORD, alert["message_id"], take_button(alert))
    replies = await night.sms_replies(count=3)
    assert "Claude, de Table de quartier, a pris votre demande" in replies[2]


async def test_deactivating_a_worker_returns_their_cases_to_the_queue(team, tmp_path):
    await team.sms("Besoin d'aide pour l'epicerie")
    (card,) = await team.telegram_replies(JADE)
    (karim_old,) = await team.telegram_replies(KARIM)
    team.tg.push_callback(JADE, card["message_id"], take_button(card))
    await team.sms_replies(count=2)
    out = io.StringIO()
    # The CLI is another process: its own connection to the same file.
    async with Database(team.relais.settings.database) as db:
        env = CliEnv(db, team.relais.settings.timezone, "fr", team.relais.settings, out=out)
        parser = argparse.ArgumentParser()
        cli_workers.add_parser(parser.add_subparsers(dest="command"))
        args = parser.parse_args(["workers", "deactivate", "Jade", "Tremblay"])
        assert await args.func(args, env) == 0
    assert "1 demande ouverte remise en file (#A1)" in out.getvalue()
    row = (await team.rows("SELECT status, claimed_by FROM requests"))[0]
    assert tuple(row) == ("waiting", None)
    await team.relais.escalation.sweep()
    karim = await team.telegram_replies(KARIM, count=2)  # the old card says "taken by Jade"
    new_card = karim[-1]
    assert new_card["text"].startswith("Nouvelle demande #A1")
    assert new_card["message_id"] != karim_old["message_id"]
    team.tg.push_callback(KARIM, new_card["message_id"], take_button(new_card))
    replies = await team.sms_replies(count=3)
    assert "Karim, de Sésame, a pris votre demande" in replies[2]
    assert team.tg.texts(EMMA) == []


async def test_a_statutory_holiday_without_one_off_shift_is_out_of_hours(team):
    thanksgiving = datetime(2026, 10, 12, 19, 0, tzinfo=UTC)  # Action de grâce, 15:00 local
    team.relais.engine.clock = lambda: thanksgiving
    await team.sms("Bonjour, besoin d'aide pour un formulaire")
    (reply,) = await team.sms_replies()
    assert "Personne n'est de garde" in reply and "mardi 13 octobre" in reply
    await team.quiet()
    assert team.tg.texts(JADE) == []
    jade = (await team.rows("SELECT id FROM workers WHERE telegram_id = ?", (JADE,)))[0]["id"]
    one_off = rota_store.Shift(jade, time(9), time(17), on_date=date(2026, 10, 12))
    await rota_store.add(team.db, [one_off], "cli", thanksgiving)
    await team.sms("Bonjour, besoin d'aide", from_="+15145550122")
    (card,) = await team.telegram_replies(JADE)
    assert card["text"].startswith("Nouvelle demande #A2")
    assert team.tg.texts(KARIM) == []
    rows = await team.rows("SELECT out_of_hours FROM requests ORDER BY id")
    assert [r["out_of_hours"] for r in rows] == [1, 0]


def _waiting(urgent=False, paged=None, last=None) -> Waiting:
    created = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    request = Request(1, 1, "sms", "fr", "", urgent, "waiting", False, created, None, None, 0, "")
    cards = ((1, "new", paged),) if paged else ()
    return Waiting(request, last, cards)


T0 = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("item", "minutes", "on_duty", "expected"),
    [
        (_waiting(paged=T0), 9.99, True, None),
        (_waiting(paged=T0), 10.01, True, "first"),
        (_waiting(paged=T0, last=T0 + timedelta(minutes=10)), 19, True, None),
        (_waiting(paged=T0, last=T0 + timedelta(minutes=10)), 20, True, "again"),
        (_waiting(paged=T0, last=T0 + timedelta(minutes=10)), 60, False, None),
        (_waiting(), 600, False, None),
        (_waiting(urgent=True), 0, False, "first"),
        (_waiting(urgent=True, last=T0), 9, False, None),
        (_waiting(urgent=True, last=T0), 10, False, "again"),
        (_waiting(urgent=True, paged=T0), 2, True, "first"),
        (_waiting(paged=T0 + timedelta(hours=1), last=T0), 61, True, None),
    ],
)
def test_escalation_rule(item, minutes, on_duty, expected):
    assert escalation_due(item, T0 + timedelta(minutes=minutes), 10, on_duty) == expected


def test_urgent_period_is_a_fifth_and_at_least_a_minute():
    assert period(10, True) == timedelta(minutes=2)
    assert period(3, True) == timedelta(minutes=1)
    assert period(10, False) == timedelta(minutes=10)


@pytest.mark.parametrize(
    ("paged", "at", "expected"),
    [
        # 2026-03-08, 02:00 EST -> 03:00 EDT: 01:55 to 03:04 local is only 9 minutes.
        (datetime(2026, 3, 8, 6, 55, tzinfo=UTC), datetime(2026, 3, 8, 7, 4, tzinfo=UTC), None),
        (
            datetime(2026, 3, 8, 6, 55, tzinfo=UTC),
            datetime(2026, 3, 8, 7, 5, 1, tzinfo=UTC),
            "first",
        ),
        # 2026-11-01, 02:00 EDT -> 01:00 EST: 01:55 EDT to 01:05 EST is 10 minutes.
        (datetime(2026, 11, 1, 5, 55, tzinfo=UTC), datetime(2026, 11, 1, 6, 4, tzinfo=UTC), None),
        (
            datetime(2026, 11, 1, 5, 55, tzinfo=UTC),
            datetime(2026, 11, 1, 6, 5, 1, tzinfo=UTC),
            "first",
        ),
    ],
)
def test_escalation_counts_real_minutes_across_the_dst_changes(paged, at, expected):
    assert escalation_due(_waiting(paged=paged), at, 10, True) == expected


@pytest.mark.parametrize(
    ("now", "day", "shift_start", "said"),
    [  # the night of each 2026 DST change, 01:30 local; the shift starts at 09:00 that day
        (
            datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
            date(2026, 3, 8),
            13,
            "dimanche 8 mars à 9 h.",
        ),
        (
            datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
            date(2026, 11, 1),
            14,
            "dimanche 1er novembre à 9 h.",
        ),
    ],
    ids=["spring", "fall"],
)
async def test_out_of_hours_on_a_dst_night_names_the_shift_in_local_time(
    bot, now, day, shift_start, said
):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    shift = rota_store.Shift(jade.id, time(9), time(17), on_date=day)
    await rota_store.replace_all(bot.db, [shift], "cli", now)
    bot.relais.engine.clock = lambda: now
    await bot.sms("Bonjour, j'aurais besoin d'aide")
    (reply,) = await bot.sms_replies()
    assert "Personne n'est de garde" in reply and said in reply
    await bot.relais.escalation.replan(now)  # (its alarm runs on the machine's clock)
    assert bot.relais.escalation.planned == datetime.combine(day, time(shift_start), UTC)
