"""Unclaimed requests escalate, out-of-hours ones wait for the shift, deactivation requeues.

On the service layer (tests/service.py): the real bot on a fake clock from fixed moments, no
HTTP; the sweeps and the shift-start alarm ring as the virtual clock passes them.
"""

from __future__ import annotations

import argparse
import io
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.cli import workers as cli_workers
from bot.cli.main import CliEnv
from bot.escalation.escalation import Waiting, escalation_due, period
from bot.rota.rota import local_moment
from bot.sim.harness import Service
from storage import rota as rota_store
from storage.clock import from_db
from storage.db import Database
from storage.requests import Request
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS, take

JADE, KARIM, EMMA, COORD = 9101, 9102, 9103, 9104

# Monday 7 December 2026, 20:00 in Montréal; Jade's only shift is a one-off the next day.
# (15 s past: the 30-second sweeps, counted from the start, then never ring at the very
# second the shift starts, as with a real clock they almost never do.)
EVENING = datetime(2026, 12, 8, 1, 0, 15, tzinfo=UTC)
SHIFT_DAY = date(2026, 12, 8)
SHIFT_DAY_FR = "mardi 8 décembre"


@pytest.fixture
async def team(database: str):
    """Jade (fr) and Karim (fr, en) and Emma (en) on duty all week; a coordinator off the rota.
    On both engines (tests/pg.py)."""
    async with svc.running(database=database) as service:
        yield await _team(service)


async def _team(service: Service) -> tuple[Service, dict[int, object]]:
    jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await svc.add_worker(
        service, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame"
    )
    emma = await svc.add_worker(service, "Emma Wilson", EMMA, languages=("en",), org="CLSC")
    coord = await svc.add_worker(
        service, "Claude Roy", COORD, role="coordinator", org="Table de quartier"
    )
    await svc.always_on_duty(service, jade, karim, emma)
    return service, {JADE: jade, KARIM: karim, EMMA: emma, COORD: coord}


@pytest.fixture
async def night():
    """Nobody on duty now (a Monday evening): Jade's only shift is a one-off on SHIFT_DAY,
    09:00-17:00."""
    async with svc.running(EVENING, intervals=svc.SIDE_JOBS) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        coord = await svc.add_worker(
            service, "Claude Roy", COORD, role="coordinator", org="Table de quartier"
        )
        await service.set_rota([rota_store.Shift(jade.id, time(9), time(17), on_date=SHIFT_DAY)])
        await service.relais.escalation.replan(service.now())
        yield service, {JADE: jade, COORD: coord}


async def created_at(service: Service, request_id: int = 1) -> datetime:
    rows = await service.rows("SELECT created_at FROM requests WHERE id = ?", (request_id,))
    return from_db(rows[0]["created_at"])


async def test_unclaimed_request_goes_to_the_others_then_to_coordinators(team):
    service, w = team
    await service.citizen_sms(CITIZEN, "J'ai besoin d'aide pour mon loyer")
    assert service.cards(w[JADE]) and service.cards(w[KARIM])
    created = await created_at(service)
    await service.run_until(created + timedelta(minutes=9, seconds=59))
    assert service.worker_texts(w[EMMA]) == [] and service.worker_texts(w[COORD]) == []
    await service.run_until(created + timedelta(minutes=10, seconds=1))
    [emma_card] = service.worker_transcript(w[EMMA])
    assert emma_card.body.startswith("REMINDER: nobody has taken #A1 yet (waiting for 10 min)")
    assert "mon loyer" in emma_card.body and CITIZEN not in emma_card.body
    [coord_card] = service.worker_transcript(w[COORD])
    assert coord_card.body.startswith("RELANCE: personne n'a encore pris #A1")
    await service.run_until(created + timedelta(minutes=19))
    assert len(service.worker_texts(w[COORD])) == 1
    await service.run_until(created + timedelta(minutes=20, seconds=2))
    assert len(service.worker_texts(w[COORD])) == 2
    assert len(service.worker_texts(w[EMMA])) == 1 and len(service.worker_texts(w[JADE])) == 1
    await service.worker_press(w[COORD], take(coord_card), coord_card.message_id)
    assert "Claude Roy" in emma_card.body  # her card, edited
    before = len(service.worker_transcript(w[COORD]))  # Claude's own confirmation is in
    await service.run_until(created + timedelta(minutes=45))
    assert len(service.worker_transcript(w[COORD])) == before  # taken: no more reminders
    row = (await service.rows("SELECT status, escalations FROM requests"))[0]
    assert tuple(row) == ("claimed", 2)


async def test_urgent_request_escalates_after_a_fifth_of_the_delay(team):
    service, w = team
    await service.citizen_sms(CITIZEN, "je veux mourir")
    assert service.cards(w[JADE])
    created = await created_at(service)
    await service.run_until(created + timedelta(minutes=1, seconds=59))
    assert service.worker_texts(w[COORD]) == []
    await service.run_until(created + timedelta(minutes=2, seconds=1))
    [card] = service.worker_transcript(w[COORD])
    assert "URGENT" in card.body and "#A1" in card.body


async def test_out_of_hours_request_waits_for_the_shift_with_a_queue_summary(night):
    service, w = night
    await service.citizen_sms(CITIZEN, "Bonjour, j'aurais besoin d'aide pour un formulaire")
    [first] = service.texts(CITIZEN_SMS)
    assert "Personne n'est de garde" in first and SHIFT_DAY_FR in first
    assert "811" in first
    await service.citizen_sms(CITIZEN, "Vous etes la?")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 2
    assert replies[1].startswith("Votre message est gardé") and "811" in replies[1]
    await service.citizen_sms(CITIZEN, "Allo?")
    replies = service.texts(CITIZEN_SMS)  # the full notice once a night, then short
    assert replies[2] == f"Noté, c'est gardé. L'équipe revient {SHIFT_DAY_FR} à 9 h. Urgence: 911."
    escalation, created = service.relais.escalation, await created_at(service)
    await service.run_until(created + timedelta(hours=3))
    assert service.worker_texts(w[JADE]) == [] and service.worker_texts(w[COORD]) == []
    start = local_moment(SHIFT_DAY, time(9), service.settings.timezone)
    assert escalation.planned == start and service.clock_work.has("escalation:shift-start")
    await service.run_until(start)  # the shift-start alarm rings
    summary, card = service.worker_transcript(w[JADE])
    assert summary.body.startswith("Bonne garde, Jade!")
    assert "#A1" in summary.body
    assert card.body.startswith("Nouvelle demande #A1") and take(card) == "w:claim:1"
    await service.run_until(start + timedelta(minutes=9))
    assert service.worker_texts(w[COORD]) == []  # the count restarts at the shift start
    await service.run_until(start + timedelta(minutes=10, seconds=30))  # a sweep past 10 min
    [alert] = service.worker_transcript(w[COORD])
    assert "#A1" in alert.body and "RELANCE" in alert.body


async def test_urgent_request_out_of_hours_reaches_coordinators_at_once(night):
    service, w = night
    await service.citizen_sms(CITIZEN, "je veux mourir")
    answer, notice = service.texts(CITIZEN_SMS)  # crisis first, then the privacy notice
    assert "1 866 APPELLE" in answer and "Une personne d'astreinte a été avertie" in answer
    assert "OUBLIER" in notice
    created = await created_at(service)
    await service.run_until(created + timedelta(seconds=1))
    [alert] = service.worker_transcript(w[COORD])
    assert "URGENT" in alert.body and take(alert) == "w:claim:1"
    await service.run_until(created + timedelta(minutes=5))
    assert len(service.worker_texts(w[COORD])) == 1  # out of hours: again every full period
    await service.run_until(created + timedelta(minutes=10, seconds=2))
    assert len(service.worker_texts(w[COORD])) == 2
    assert service.worker_texts(w[JADE]) == []
    await service.worker_press(w[COORD], "w:claim:1", alert.message_id)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    assert "Claude, de Table de quartier, a pris votre demande" in replies[2]


async def test_deactivating_a_worker_returns_their_cases_to_the_queue(tmp_path):
    # On a file: the CLI is another process, with its own connection to the same database.
    async with svc.running(database=str(tmp_path / "relais.db")) as service:
        service, w = await _team(service)
        await service.citizen_sms(CITIZEN, "Besoin d'aide pour l'epicerie")
        [card] = service.worker_transcript(w[JADE])
        [karim_old] = service.worker_transcript(w[KARIM])
        await service.worker_press(w[JADE], take(card), card.message_id)
        assert len(service.texts(CITIZEN_SMS)) == 2
        out = io.StringIO()
        async with Database(service.settings.database) as db:
            env = CliEnv(db, service.settings.timezone, "fr", service.settings, out=out)
            parser = argparse.ArgumentParser()
            cli_workers.add_parser(parser.add_subparsers(dest="command"))
            args = parser.parse_args(["workers", "deactivate", "Jade", "Tremblay"])
            assert await args.func(args, env) == 0
        assert "1 demande ouverte remise en file (#A1)" in out.getvalue()
        row = (await service.rows("SELECT status, claimed_by FROM requests"))[0]
        assert tuple(row) == ("waiting", None)
        await service.relais.escalation.sweep()
        await service.drain()
        karim = service.worker_transcript(w[KARIM])  # the old card says "taken by Jade"
        assert len(karim) == 2
        new_card = karim[-1]
        assert new_card.body.startswith("Nouvelle demande #A1")
        assert new_card.message_id != karim_old.message_id
        await service.worker_press(w[KARIM], take(new_card), new_card.message_id)
        replies = service.texts(CITIZEN_SMS)
        assert len(replies) == 3
        assert "Karim, de Sésame, a pris votre demande" in replies[2]
        assert service.worker_texts(w[EMMA]) == []


async def test_a_statutory_holiday_without_one_off_shift_is_out_of_hours():
    thanksgiving = datetime(2026, 10, 12, 19, 0, tzinfo=UTC)  # Action de grâce, 15:00 local
    async with svc.running(thanksgiving) as service:
        service, w = await _team(service)
        await service.citizen_sms(CITIZEN, "Bonjour, besoin d'aide pour un formulaire")
        [reply] = service.texts(CITIZEN_SMS)
        assert "Personne n'est de garde" in reply and "mardi 13 octobre" in reply
        assert service.worker_texts(w[JADE]) == []
        one_off = rota_store.Shift(w[JADE].id, time(9), time(17), on_date=date(2026, 10, 12))
        await rota_store.add(service.db, [one_off], "cli", thanksgiving)
        await service.citizen_sms("+15145550122", "Bonjour, besoin d'aide")
        [card] = service.worker_transcript(w[JADE])
        assert card.body.startswith("Nouvelle demande #A2")
        assert service.worker_texts(w[KARIM]) == []
        rows = await service.rows("SELECT out_of_hours FROM requests ORDER BY id")
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
    now, day, shift_start, said
):
    async with svc.running(now) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        await service.set_rota([rota_store.Shift(jade.id, time(9), time(17), on_date=day)])
        await service.citizen_sms(CITIZEN, "Bonjour, j'aurais besoin d'aide")
        [reply] = service.texts(CITIZEN_SMS)
        assert "Personne n'est de garde" in reply and said in reply
        await service.relais.escalation.replan(now)
        assert service.relais.escalation.planned == datetime.combine(day, time(shift_start), UTC)
