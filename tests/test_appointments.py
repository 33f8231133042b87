"""Appointments at welcoming places: a worker proposes with /rdv, the citizen answers, reminders
go out, and a cancellation or a withdrawn place reaches both sides; all through the running bot."""

from __future__ import annotations

import argparse
import io
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from bot.appointments.service import job_id, remind, started, sweep
from bot.cli import places as cli_places
from flows import appointments as ap
from flows.slots import free_slots, in_quiet, parse_words, reminder_time
from flows.types import AppointmentAnswer, CitizenState, Context, Inbound, Kind
from storage import places as place_store
from storage.db import Database
from storage.places import parse_windows
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty, take_button

TZ = ZoneInfo("America/Montreal")
QUIET = (time(21, 0), time(9, 0))
WHOLE_DAYS = "mon-sun 08:00-20:00"


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


# ---- through the running bot ----------------------------------------------------------------


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    async with bot.db.transaction() as conn:
        for org, name in (("Le Sésame", "Salle de rencontre"), ("Le Chez-Nous", "Petit salon")):
            await place_store.save_place(
                conn, organization=org, name=name, address="1234, rue Exemple",
                windows=parse_windows(WHOLE_DAYS), conditions="Demander à l'accueil",
                now=datetime.now(UTC),
            )  # fmt: skip
    await bot.sms("J'ai besoin d'aide pour sortir de chez moi")
    (card,) = await bot.telegram_replies(JADE)
    bot.tg.push_callback(JADE, card["message_id"], take_button(card))
    await bot.sms_replies(count=2)
    return bot


async def worker_message(bot, chat_id, fragment):
    """The newest message to a worker that contains `fragment`, once it has come."""
    return await bot.tg.wait_for(
        lambda: next((m for m in reversed(bot.tg.sent_messages(chat_id))
                      if fragment in m.get("text", "")), None)
    )  # fmt: skip


def buttons(message):
    return [
        (row[0]["text"], row[0]["callback_data"])
        for row in message["reply_markup"]["inline_keyboard"]
    ]


def in_days(days: int) -> date:
    return (datetime.now(UTC).astimezone(TZ) + timedelta(days=days)).date()


async def propose_in_words(bot, days=3, at="14:00", place="sesame"):
    count = len(bot.tw.bodies_to(CITIZEN_NUMBER))
    bot.tg.push_text(JADE, f"/rdv {place} {in_days(days).isoformat()} {at}")
    replies = await bot.sms_replies(count=count + 1)
    return replies[-1]


async def test_buttons_place_then_day_then_time_and_the_citizen_confirms(desk):
    desk.tg.push_text(JADE, "/rdv")
    ask = await worker_message(desk, JADE, "quel lieu?")
    places = buttons(ask)
    assert [label for label, _ in places] == [
        "Petit salon, Le Chez-Nous",
        "Salle de rencontre, Le Sésame",
    ]
    assert all(len(data.encode()) <= 64 for _, data in places)
    desk.tg.push_callback(JADE, ask["message_id"], places[1][1])
    days = await worker_message(desk, JADE, "quel jour?")
    assert 6 <= len(buttons(days)) <= 7  # today too, if a slot is left
    last_day = buttons(days)[-1]
    assert last_day[1].endswith(f"{in_days(6):%Y%m%d}")
    desk.tg.push_callback(JADE, days["message_id"], last_day[1])
    hours = await worker_message(desk, JADE, "à quelle heure?")
    times = buttons(hours)
    assert times[0][0] == "8 h" and times[-1][0] == "19 h" and len(times) == 23
    desk.tg.push_callback(JADE, hours["message_id"], times[12][1])  # 14 h
    proposal = (await desk.sms_replies(count=3))[2]
    assert proposal.startswith("Jade vous propose un rendez-vous")
    assert "à 14 h" in proposal and "Salle de rencontre, Le Sésame, 1234, rue Exemple" in proposal
    assert proposal.endswith("Pouvez-vous venir?\n1) Oui\n2) Non")
    sent = await worker_message(desk, JADE, "Proposition envoyée à #A1")
    assert "Demander à l'accueil" in sent["text"] and buttons(sent)[0][1] == "w:rdvx:1"
    await desk.sms("1")
    assert (await desk.sms_replies(count=4))[3].startswith("C'est noté: rendez-vous")
    await worker_message(desk, JADE, "#A1 a accepté le rendez-vous")
    row = (await desk.rows("SELECT status, request_id, worker_id FROM appointments"))[0]
    assert tuple(row) == ("confirmed", 1, 1)
    assert desk.relais.clock_work.has(job_id(1, "day_before"))
    assert desk.relais.clock_work.has(job_id(1, "same_day"))


async def test_reminders_go_once_and_only_for_confirmed_appointments(desk):
    proposal = await propose_in_words(desk, days=3, at="14:00")
    assert "14 h" in proposal
    starts = datetime.combine(in_days(3), time(14), tzinfo=TZ)
    assert not await remind(desk.relais, 1, "same_day", now=starts - timedelta(hours=2))
    await desk.sms("Oui")
    await desk.sms_replies(count=4)
    jobs = desk.relais.clock_work.scheduler
    assert jobs.get_job(job_id(1, "day_before")).next_run_time == starts - timedelta(days=1)
    assert jobs.get_job(job_id(1, "same_day")).next_run_time == starts - timedelta(hours=2)
    assert await remind(desk.relais, 1, "day_before", now=starts - timedelta(days=1))
    reminder = (await desk.sms_replies(count=5))[4]
    assert reminder.startswith("Rappel: rendez-vous") and "14 h" in reminder
    assert not await remind(desk.relais, 1, "day_before", now=starts - timedelta(hours=20))
    assert await remind(desk.relais, 1, "same_day", now=starts - timedelta(hours=2))
    assert not await remind(desk.relais, 1, "same_day", now=starts - timedelta(hours=1))
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 6
    row = (await desk.rows("SELECT * FROM appointments"))[0]
    assert row["reminded_day_before_at"] and row["reminded_same_day_at"]


async def test_a_reminder_is_not_sent_during_quiet_hours(make_bot):
    bot = await make_bot(RELAIS_QUIET_HOURS="21:00-09:00")
    jade = await add_worker(bot.db, "Jade Tremblay", JADE)
    await always_on_duty(bot.db, jade)
    async with bot.db.transaction() as conn:
        await place_store.save_place(
            conn, organization="Le Sésame", name="Salle", address="", conditions="",
            windows=parse_windows(WHOLE_DAYS), now=datetime.now(UTC),
        )  # fmt: skip
    await bot.sms("Besoin d'aide")
    (card,) = await bot.telegram_replies(JADE)
    bot.tg.push_callback(JADE, card["message_id"], take_button(card))
    await bot.sms_replies(count=2)
    await propose_in_words(bot, days=3, at="9h30", place="salle")
    await bot.sms("oui")
    await bot.sms_replies(count=4)
    starts = datetime.combine(in_days(3), time(9, 30), tzinfo=TZ)
    job = bot.relais.clock_work.scheduler.get_job(job_id(1, "same_day"))
    assert job.next_run_time == starts.replace(hour=9, minute=0)  # 07:30 is quiet
    assert not await remind(bot.relais, 1, "same_day", now=starts.replace(hour=7, minute=30))
    assert await remind(bot.relais, 1, "same_day", now=starts.replace(hour=9, minute=0))
    assert (await bot.sms_replies(count=5))[4].startswith("Rappel: rendez-vous")


async def test_the_citizen_declines_on_telegram_and_the_worker_hears_it(desk):
    desk.tg.push_text(4242, "Bonjour, j'aimerais parler à quelqu'un")
    await desk.tg.wait_for(lambda: len(desk.tg.sent_messages(4242)) >= 1)
    card = await worker_message(desk, JADE, "#A2")
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.tg.wait_for(lambda: len(desk.tg.sent_messages(4242)) >= 2)
    desk.tg.push_text(JADE, f"/rdv #A2 salon {in_days(2).isoformat()} 10:30")
    offer = await desk.tg.wait_for(
        lambda: next((m for m in desk.tg.sent_messages(4242) if "rendez-vous" in m["text"]), None)
    )
    assert [data for _, data in buttons(offer)] == ["c:yes", "c:no"]
    desk.tg.push_callback(4242, offer["message_id"], "c:no")
    await desk.tg.wait_for(lambda: any("pas de rendez-vous" in t for t in desk.tg.texts(4242)))
    said = await worker_message(desk, JADE, "ne peut pas venir")
    assert said["text"].startswith("#A2 ne peut pas venir au rendez-vous du")
    assert (await desk.rows("SELECT status FROM appointments"))[0]["status"] == "declined"
    assert not desk.relais.clock_work.has(job_id(1, "same_day"))


async def test_slot_outside_the_windows_or_taken_is_refused(desk):
    desk.tg.push_text(JADE, f"/rdv sesame {in_days(2).isoformat()} 21:00")
    await worker_message(desk, JADE, "pas dans les heures de Salle de rencontre")
    await propose_in_words(desk, days=2, at="14:00")
    desk.tg.push_text(JADE, f"/rdv sesame {in_days(2).isoformat()} 14h30")
    hours = await worker_message(desk, JADE, "déjà réservé")
    assert "à quelle heure?" in hours["text"]
    labels = [label for label, _ in buttons(hours)]
    assert "13 h 30" not in labels and "14 h" not in labels and "15 h" in labels
    desk.tg.push_text(JADE, "/rdv aide")
    await worker_message(desk, JADE, "/rdv LIEU JOUR HEURE")
    desk.tg.push_text(JADE, "/rdv nulle part demain 14h")
    ask = await worker_message(desk, JADE, "Je ne trouve pas de lieu « nulle part »")
    assert len(buttons(ask)) == 2
    assert len(await desk.rows("SELECT id FROM appointments")) == 1


async def test_another_worker_cannot_press_the_buttons_of_a_case(desk):
    day = in_days(2)
    desk.tg.push_callback(KARIM, 1, f"w:rdvt:1:1:{day:%Y%m%d}:1400")
    desk.tg.push_callback(KARIM, 1, "w:rdvp:1:1")
    await desk.tg.wait_for(
        lambda: len([t for t in desk.tg.texts(KARIM) if "pas permise" in t]) == 2
    )
    assert await desk.rows("SELECT id FROM appointments") == []


async def test_worker_cancels_and_both_sides_are_told(desk):
    await propose_in_words(desk, days=3)
    await desk.sms("oui")
    await desk.sms_replies(count=4)
    desk.tg.push_text(JADE, "/rdv annuler")
    told = (await desk.sms_replies(count=5))[4]
    assert told.startswith("Le rendez-vous du") and "est annulé" in told
    await worker_message(desk, JADE, "Rendez-vous de #A1 annulé")
    row = (await desk.rows("SELECT status, cancel_reason, cancel_notified_at FROM appointments"))[0]
    assert row["status"] == "cancelled" and row["cancel_reason"] == "worker"
    assert row["cancel_notified_at"] is not None
    assert not desk.relais.clock_work.has(job_id(1, "day_before"))
    starts = datetime.combine(in_days(3), time(14), tzinfo=TZ)
    assert not await remind(desk.relais, 1, "same_day", now=starts - timedelta(hours=2))
    desk.tg.push_text(JADE, "/rdv annuler")
    await worker_message(desk, JADE, "Aucun rendez-vous à venir pour #A1")
    assert await sweep(desk.relais) == 0


async def test_a_place_withdrawn_from_the_command_line_reaches_both_sides(desk):
    await propose_in_words(desk, days=3)
    # The coordinator's command runs in its own process, with its own connection.
    async with Database(desk.relais.settings.database) as other:
        parser = argparse.ArgumentParser()
        cli_places.add_parser(parser.add_subparsers())
        args = parser.parse_args(["places", "withdraw", "Salle de rencontre"])
        out = io.StringIO()
        env = SimpleNamespace(db=other, timezone=TZ, locale="fr", now=lambda: datetime.now(UTC),
                              out=out)  # fmt: skip
        assert await args.func(args, env) == 0
    assert "prévenus au prochain passage du bot" in out.getvalue()
    assert desk.relais.clock_work.has("appointments:sweep")  # every minute while running
    assert await sweep(desk.relais) == 1
    told = (await desk.sms_replies(count=4))[3]
    assert "est annulé: le lieu n'est plus disponible" in told
    said = await worker_message(desk, JADE, "Rendez-vous de #A1 annulé")
    assert "n'est plus offert" in said["text"]
    assert await sweep(desk.relais) == 0
    await desk.sms("oui")  # the answer comes too late
    assert "a été annulé" in (await desk.sms_replies(count=5))[4]
    row = (await desk.rows("SELECT status, cancel_reason FROM appointments"))[0]
    assert tuple(row) == ("cancelled", "place_withdrawn")
    desk.tg.push_text(JADE, "/rdv")
    ask = await worker_message(desk, JADE, "quel lieu?")
    assert [label for label, _ in buttons(ask)] == ["Petit salon, Le Chez-Nous"]


async def test_alarms_are_rebuilt_from_rows_at_start_and_ring_for_real(desk):
    soon = datetime.now(UTC) + timedelta(hours=2, seconds=0.5)
    async with desk.db.transaction() as conn:
        appointment_id = await place_store.create_appointment(
            conn, place_id=1, starts_at=soon, ends_at=soon + timedelta(hours=1),
            now=datetime.now(UTC), request_id=1, worker_id=1,
        )  # fmt: skip
        await place_store.answer_appointment(conn, appointment_id, True, datetime.now(UTC))
    await started(desk.relais)  # what a restart does: alarms from the rows
    assert not desk.relais.clock_work.has(job_id(appointment_id, "day_before"))  # due before "yes"
    reminder = (await desk.sms_replies(count=3))[2]  # the same-day alarm, in half a second
    assert reminder.startswith("Rappel: rendez-vous")
    row = (await desk.rows("SELECT reminded_same_day_at FROM appointments"))[0]
    assert row["reminded_same_day_at"] is not None
    await started(desk.relais)
    assert not desk.relais.clock_work.has(job_id(appointment_id, "same_day"))
