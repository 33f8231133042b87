"""Appointments at welcoming places: a worker proposes with /rdv, the citizen answers, reminders
go out, and a cancellation or a withdrawn place reaches both sides.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP); the
button data checked here is what the Telegram transport puts on the wire as it is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.service import job_id, remind, started, sweep
from bot.channels.memory import Sent
from bot.sim.harness import Service
from flows import appointments as ap
from flows.slots import free_slots, in_quiet, parse_words, reminder_time
from flows.types import AppointmentAnswer, CitizenState, Context, Inbound, Kind
from storage import places as place_store
from storage.db import Database
from storage.places import parse_windows
from storage.workers import Worker
from tests import service as svc
from tests.conftest import run_cli
from tests.service import CITIZEN, CITIZEN_SMS
from tests.test_e2e_worker import JADE, KARIM

TZ = ZoneInfo("America/Montreal")
QUIET = (time(21, 0), time(9, 0))
WHOLE_DAYS = "mon-sun 08:00-20:00"
# The sweeps ring hourly when days of virtual time pass; reminders are alarms at their minute.
HOURLY = timedelta(hours=1)


# ---- the words, the slots and the reminder times (pure) -------------------------------------


def test_words_name_place_day_and_time_in_any_order():
    today = date(2026, 11, 23)  # a Monday
    assert parse_words("Sésame 2026-12-03 14:00", today) == parse_words("Sésame 3/12 14h", today)
    found = parse_words("sesame demain 14h", today)
    assert (found.place, found.day, found.start) == ("sesame", date(2026, 11, 24), time(14))
    found = parse_words("jeudi 9h30-11h petit salon", today)
    assert (found.place, found.day, found.start, found.end) == (
        "petit salon", date(2026, 11, 26), time(9, 30), time(11),
    )  # fmt: skip
    assert parse_words("le 3 décembre à 14h Chez-Nous", today).day == date(2026, 12, 3)
    assert parse_words("après demain 2pm", today).start == time(14)
    assert parse_words("sesame 2/1", today).day == date(2027, 1, 2)  # the next one to come
    assert parse_words("sesame 31/02 14h", today).bad == "31/02"


def test_slots_every_half_hour_inside_windows_without_clashes_or_the_past():
    day = date(2026, 11, 24)  # a Tuesday
    windows = parse_windows("tue 10:00-12:30; wed 09:00-17:00")
    held = datetime(2026, 11, 24, 11, 0, tzinfo=TZ)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    slots = free_slots(windows, day, TZ, [(held, held + timedelta(hours=1))], now)
    assert [f"{s:%H:%M}" for s in slots] == ["10:00"]  # 10:30 and later overlap 11:00-12:00
    later = datetime(2026, 11, 24, 10, 15, tzinfo=TZ)
    assert free_slots(windows, day, TZ, [], later)[0] == datetime(2026, 11, 24, 10, 30, tzinfo=TZ)


def test_reminders_avoid_quiet_hours():
    def at(day, hour, minute=0):
        return datetime(2026, 12, day, hour, minute, tzinfo=TZ)

    day_before, same_day = timedelta(days=1), timedelta(hours=2)
    assert reminder_time(at(3, 14), day_before, TZ, QUIET) == at(2, 14)
    assert reminder_time(at(3, 14), same_day, TZ, QUIET) == at(3, 12)
    # 08:00 is quiet: the reminder waits for 09:00, still an hour before the 10:00 meeting.
    assert reminder_time(at(3, 10), same_day, TZ, QUIET) == at(3, 9)
    # For a 09:00 meeting, 09:00 would be too late: it goes the evening before, before 21:00.
    assert reminder_time(at(3, 9), same_day, TZ, QUIET) == at(2, 20, 45)
    assert reminder_time(at(3, 8), day_before, TZ, QUIET) == at(2, 9)
    assert reminder_time(at(3, 10), same_day, TZ, None) == at(3, 8)
    assert (
        in_quiet(time(23), QUIET) and in_quiet(time(8, 59), QUIET) and not in_quiet(time(9), QUIET)
    )
    assert in_quiet(time(12, 30), (time(12), time(13))) and not in_quiet(
        time(13), (time(12), time(13))
    )


def test_the_citizen_step_reads_yes_and_no_and_lets_other_words_through():
    state = CitizenState(step="appointment", open_request=3, data={"appointment": 7})
    ctx = Context(now=datetime(2026, 11, 23, tzinfo=UTC))

    def said(text, choice=None):
        kind = Kind.CHOICE if choice else Kind.TEXT
        inbound = Inbound("p", "sms:+1", kind, ctx.now, text=text, choice=choice)
        return ap.step(state, inbound, text, ctx)

    outcome = said("oui merci")
    assert outcome.effects == (AppointmentAnswer(True, 7),)
    assert outcome.state.step == "request" and "appointment" not in outcome.state.data
    assert said("", choice="no").effects == (AppointmentAnswer(False, 7),)
    assert said("Je suis au 3e étage") is None
    assert ap.step(CitizenState(step="menu"), Inbound("p", "sms:+1", Kind.TEXT, ctx.now), "oui",
                   ctx) is None  # fmt: skip


# ---- on the service layer --------------------------------------------------------------------


@asynccontextmanager
async def opened(
    database: str = ":memory:", min_interval: timedelta | None = None
) -> AsyncIterator[tuple[Service, Worker, Worker]]:
    """Jade and Karim on duty all week, two welcoming places; Jade has taken a citizen's case."""
    async with svc.running(database=database, min_interval=min_interval) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        karim = await svc.add_worker(service, "Karim Haddad", KARIM, org="Sésame")
        await svc.always_on_duty(service, jade, karim)
        async with service.db.transaction() as conn:
            for org, name in (("Le Sésame", "Salle de rencontre"), ("Le Chez-Nous", "Petit salon")):
                await place_store.save_place(
                    conn, organization=org, name=name, address="1234, rue Exemple",
                    windows=parse_windows(WHOLE_DAYS), conditions="Demander à l'accueil",
                    now=service.now(),
                )  # fmt: skip
        await svc.takes(service, jade, CITIZEN, "J'ai besoin d'aide pour sortir de chez moi")
        assert len(service.texts(CITIZEN_SMS)) == 2
        yield service, jade, karim


@pytest.fixture
async def desk() -> AsyncIterator[tuple[Service, Worker, Worker]]:
    async with opened(min_interval=HOURLY) as found:
        yield found


def buttons(message: Sent) -> list[tuple[str, str]]:
    """(label, callback data) of a message's buttons, in order."""
    return [(label, data) for data, label in message.buttons or []]


def in_days(service: Service, days: int) -> date:
    return (service.now().astimezone(TZ) + timedelta(days=days)).date()


def alarm(service: Service, job: str) -> datetime:
    """When an alarm rings."""
    return service.clock_work.jobs[job].when


async def propose_in_words(
    service: Service, jade: Worker, days: int = 3, at: str = "14:00", place: str = "sesame"
) -> str:
    """Jade proposes with /rdv and words; what the citizen receives."""
    count = len(service.texts(CITIZEN_SMS))
    await service.worker_text(jade, f"/rdv {place} {in_days(service, days).isoformat()} {at}")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == count + 1, replies
    return replies[-1]


async def test_buttons_place_then_day_then_time_and_the_citizen_confirms(desk):
    service, jade, _ = desk
    await service.worker_text(jade, "/rdv")
    ask = svc.last(service, jade, "quel lieu?")
    places = buttons(ask)
    assert [label for label, _ in places] == [
        "Petit salon, Le Chez-Nous",
        "Salle de rencontre, Le Sésame",
    ]
    assert all(len(data.encode()) <= 64 for _, data in places)  # Telegram's limit
    await service.worker_press(jade, places[1][1], ask.message_id)
    days = svc.last(service, jade, "quel jour?")
    assert len(buttons(days)) == 7  # today too: it is 15:00, slots are left until 20:00
    last_day = buttons(days)[-1]
    assert last_day[1].endswith(f"{in_days(service, 6):%Y%m%d}")
    await service.worker_press(jade, last_day[1], days.message_id)
    hours = svc.last(service, jade, "à quelle heure?")
    times = buttons(hours)
    assert times[0][0] == "8 h" and times[-1][0] == "19 h" and len(times) == 23
    await service.worker_press(jade, times[12][1], hours.message_id)  # 14 h
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    proposal = replies[2]
    assert proposal.startswith("Jade vous propose un rendez-vous")
    assert "à 14 h" in proposal and "Salle de rencontre, Le Sésame, 1234, rue Exemple" in proposal
    assert proposal.endswith("Pouvez-vous venir?\n1) Oui\n2) Non")
    sent = svc.last(service, jade, "Proposition envoyée à #A1")
    assert "Demander à l'accueil" in sent.body and buttons(sent)[0][1] == "w:rdvx:1"
    await service.citizen_sms(CITIZEN, "1")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 4 and replies[3].startswith("C'est noté: rendez-vous")
    svc.last(service, jade, "#A1 a accepté le rendez-vous")
    row = (await service.rows("SELECT status, request_id, worker_id FROM appointments"))[0]
    assert tuple(row) == ("confirmed", 1, 1)
    assert service.clock_work.has(job_id(1, "day_before"))
    assert service.clock_work.has(job_id(1, "same_day"))


async def test_reminders_go_once_and_only_for_confirmed_appointments(desk):
    service, jade, _ = desk
    proposal = await propose_in_words(service, jade, days=3, at="14:00")
    assert "14 h" in proposal
    starts = datetime.combine(in_days(service, 3), time(14), tzinfo=TZ)
    assert not await remind(service.relais, 1, "same_day", now=starts - timedelta(hours=2))
    await service.citizen_sms(CITIZEN, "Oui")
    assert len(service.texts(CITIZEN_SMS)) == 4
    assert alarm(service, job_id(1, "day_before")) == starts - timedelta(days=1)
    assert alarm(service, job_id(1, "same_day")) == starts - timedelta(hours=2)
    assert await remind(service.relais, 1, "day_before", now=starts - timedelta(days=1))
    await service.drain()
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 5
    assert replies[4].startswith("Rappel: rendez-vous") and "14 h" in replies[4]
    assert not await remind(service.relais, 1, "day_before", now=starts - timedelta(hours=20))
    assert await remind(service.relais, 1, "same_day", now=starts - timedelta(hours=2))
    assert not await remind(service.relais, 1, "same_day", now=starts - timedelta(hours=1))
    await service.drain()
    assert len(service.texts(CITIZEN_SMS)) == 6
    row = (await service.rows("SELECT * FROM appointments"))[0]
    assert row["reminded_day_before_at"] and row["reminded_same_day_at"]
    # The alarms themselves ring too, on the virtual clock: already sent, nothing again.
    await service.run_until(starts)
    assert len(service.texts(CITIZEN_SMS)) == 6


async def test_reminders_confirmed_through_a_process_that_does_not_lead_are_armed_by_the_sweep(
    desk,
):
    """Several processes on PostgreSQL: the one that took the citizen's "Oui" does not lead and
    keeps no alarm (bot/core/scheduler.py); the leader's appointments sweep arms the reminders
    from the rows."""
    service, jade, _ = desk
    await propose_in_words(service, jade, days=3, at="14:00")
    starts = datetime.combine(in_days(service, 3), time(14), tzinfo=TZ)
    await service.citizen_sms(CITIZEN, "Oui")
    for which in ("day_before", "same_day"):
        service.clock_work.cancel(job_id(1, which))  # what a non-leading process holds: none
    await service.advance(timedelta(hours=2))  # the sweep runs (hourly in these tests)
    assert alarm(service, job_id(1, "day_before")) == starts - timedelta(days=1)
    assert alarm(service, job_id(1, "same_day")) == starts - timedelta(hours=2)
    await service.run_until(starts)
    reminders = [r for r in service.texts(CITIZEN_SMS) if r.startswith("Rappel: rendez-vous")]
    assert len(reminders) == 2


async def test_a_reminder_is_not_sent_during_quiet_hours():
    async with svc.running(min_interval=HOURLY, RELAIS_QUIET_HOURS="21:00-09:00") as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE)
        await svc.always_on_duty(service, jade)
        async with service.db.transaction() as conn:
            await place_store.save_place(
                conn, organization="Le Sésame", name="Salle", address="", conditions="",
                windows=parse_windows(WHOLE_DAYS), now=service.now(),
            )  # fmt: skip
        await svc.takes(service, jade, CITIZEN, "Besoin d'aide")
        assert len(service.texts(CITIZEN_SMS)) == 2
        await propose_in_words(service, jade, days=3, at="9h30", place="salle")
        await service.citizen_sms(CITIZEN, "oui")
        assert len(service.texts(CITIZEN_SMS)) == 4
        starts = datetime.combine(in_days(service, 3), time(9, 30), tzinfo=TZ)
        due = alarm(service, job_id(1, "same_day"))
        assert due == starts.replace(hour=9, minute=0)  # 07:30 is quiet
        assert not await remind(
            service.relais, 1, "same_day", now=starts.replace(hour=7, minute=30)
        )
        assert len(service.texts(CITIZEN_SMS)) == 4
        await service.run_until(due)  # the alarms ring: the day before at 9:30, then 9:00
        day_before, same_day = service.transcript(CITIZEN_SMS)[4:]
        assert day_before.body.startswith("Rappel: rendez-vous") and "9 h 30" in day_before.body
        assert day_before.at == starts - timedelta(days=1)
        assert same_day.body.startswith("Rappel: rendez-vous") and same_day.at == due


async def test_the_citizen_declines_on_telegram_and_the_worker_hears_it(desk):
    service, jade, _ = desk
    await service.citizen_telegram(4242, "Bonjour, j'aimerais parler à quelqu'un")
    assert len(service.texts("telegram:4242")) == 1
    card = svc.last(service, jade, "#A2")
    await service.worker_press(jade, svc.take(card), card.message_id)
    assert len(service.texts("telegram:4242")) == 2
    await service.worker_text(jade, f"/rdv #A2 salon {in_days(service, 2).isoformat()} 10:30")
    [offer] = [m for m in service.transcript("telegram:4242") if "rendez-vous" in m.body]
    assert [data for _, data in buttons(offer)] == ["c:yes", "c:no"]
    await service.citizen_press(4242, "c:no", on=offer.message_id)
    assert any("pas de rendez-vous" in t for t in service.texts("telegram:4242"))
    said = svc.last(service, jade, "ne peut pas venir")
    assert said.body.startswith("#A2 ne peut pas venir au rendez-vous du")
    assert (await service.rows("SELECT status FROM appointments"))[0]["status"] == "declined"
    assert not service.clock_work.has(job_id(1, "same_day"))


async def test_slot_outside_the_windows_or_taken_is_refused(desk):
    service, jade, _ = desk
    await service.worker_text(jade, f"/rdv sesame {in_days(service, 2).isoformat()} 21:00")
    svc.last(service, jade, "pas dans les heures de Salle de rencontre")
    await propose_in_words(service, jade, days=2, at="14:00")
    await service.worker_text(jade, f"/rdv sesame {in_days(service, 2).isoformat()} 14h30")
    hours = svc.last(service, jade, "déjà réservé")
    assert "à quelle heure?" in hours.body
    labels = [label for label, _ in buttons(hours)]
    assert "13 h 30" not in labels and "14 h" not in labels and "15 h" in labels
    await service.worker_text(jade, "/rdv aide")
    svc.last(service, jade, "/rdv LIEU JOUR HEURE")
    await service.worker_text(jade, "/rdv nulle part demain 14h")
    ask = svc.last(service, jade, "Je ne trouve pas de lieu « nulle part »")
    assert len(buttons(ask)) == 2
    assert len(await service.rows("SELECT id FROM appointments")) == 1


async def test_another_worker_cannot_press_the_buttons_of_a_case(desk):
    service, _, karim = desk
    day = in_days(service, 2)
    await service.worker_press(karim, f"w:rdvt:1:1:{day:%Y%m%d}:1400", "1")
    await service.worker_press(karim, "w:rdvp:1:1", "1")
    assert len(service.said(karim, "pas permise")) == 2
    assert await service.rows("SELECT id FROM appointments") == []


async def test_worker_cancels_and_both_sides_are_told(desk):
    service, jade, _ = desk
    await propose_in_words(service, jade, days=3)
    await service.citizen_sms(CITIZEN, "oui")
    assert len(service.texts(CITIZEN_SMS)) == 4
    await service.worker_text(jade, "/rdv annuler")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 5
    told = replies[4]
    assert told.startswith("Le rendez-vous du") and "est annulé" in told
    svc.last(service, jade, "Rendez-vous de #A1 annulé")
    (row,) = await service.rows(
        "SELECT status, cancel_reason, cancel_notified_at FROM appointments"
    )
    assert row["status"] == "cancelled" and row["cancel_reason"] == "worker"
    assert row["cancel_notified_at"] is not None
    assert not service.clock_work.has(job_id(1, "day_before"))
    starts = datetime.combine(in_days(service, 3), time(14), tzinfo=TZ)
    assert not await remind(service.relais, 1, "same_day", now=starts - timedelta(hours=2))
    await service.worker_text(jade, "/rdv annuler")
    svc.last(service, jade, "Aucun rendez-vous à venir pour #A1")
    assert await sweep(service.relais) == 0
    await service.run_until(starts)  # no reminder alarm is left to ring
    assert len(service.texts(CITIZEN_SMS)) == 5


async def test_a_place_withdrawn_from_the_command_line_reaches_both_sides(tmp_path):
    async with opened(str(tmp_path / "relais.db")) as (service, jade, _):
        await propose_in_words(service, jade, days=3)
        # The coordinator's command runs in its own process, with its own connection.
        async with Database(service.settings.database) as other:
            code, out = await run_cli(
                other, "places", "withdraw", "Salle de rencontre", now=service.now()
            )
        assert code == 0
        assert "prévenus au prochain passage du bot" in out
        assert len(service.texts(CITIZEN_SMS)) == 3  # nobody told yet
        assert service.clock_work.has("appointments:sweep")  # every minute while running
        await service.advance(timedelta(minutes=1))  # the sweep rings
        replies = service.texts(CITIZEN_SMS)
        assert len(replies) == 4 and "est annulé: le lieu n'est plus disponible" in replies[3]
        said = svc.last(service, jade, "Rendez-vous de #A1 annulé")
        assert "n'est plus offert" in said.body
        assert await sweep(service.relais) == 0
        await service.citizen_sms(CITIZEN, "oui")  # the answer comes too late
        replies = service.texts(CITIZEN_SMS)
        assert len(replies) == 5 and "a été annulé" in replies[4]
        row = (await service.rows("SELECT status, cancel_reason FROM appointments"))[0]
        assert tuple(row) == ("cancelled", "place_withdrawn")
        await service.worker_text(jade, "/rdv")
        ask = svc.last(service, jade, "quel lieu?")
        assert [label for label, _ in buttons(ask)] == ["Petit salon, Le Chez-Nous"]


async def test_alarms_are_rebuilt_from_rows_at_start_and_ring_for_real(desk):
    service, _, _ = desk
    soon = service.now() + timedelta(hours=2, seconds=0.5)
    async with service.db.transaction() as conn:
        appointment_id = await place_store.create_appointment(
            conn, place_id=1, starts_at=soon, ends_at=soon + timedelta(hours=1),
            now=service.now(), request_id=1, worker_id=1,
        )  # fmt: skip
        await place_store.answer_appointment(conn, appointment_id, True, service.now())
    await started(service.relais)  # what a restart does: alarms from the rows
    assert not service.clock_work.has(job_id(appointment_id, "day_before"))  # due before "yes"
    assert len(service.texts(CITIZEN_SMS)) == 2
    await service.advance(timedelta(seconds=1))  # the same-day alarm, in half a second
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3 and replies[2].startswith("Rappel: rendez-vous")
    row = (await service.rows("SELECT reminded_same_day_at FROM appointments"))[0]
    assert row["reminded_same_day_at"] is not None
    await started(service.relais)
    assert not service.clock_work.has(job_id(appointment_id, "same_day"))
