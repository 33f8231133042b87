"""Check-ins, the pure part: reading /suivi, local time across DST, quiet hours, the answer."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from flows import checkin
from flows.citizen import step
from flows.types import CheckinAnswer, CitizenState, Context, Inbound, Kind

MTL = ZoneInfo("America/Montreal")
QUIET = (time(21, 0), time(9, 0))


def mtl(*args: int) -> datetime:
    return datetime(*args, tzinfo=MTL).astimezone(UTC)


NOW = mtl(2026, 11, 26, 14, 30)  # a Thursday afternoon


@pytest.mark.parametrize(
    ("typed", "after"),
    [
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("3j", timedelta(days=3)),
        ("3d", timedelta(days=3)),
        ("1sem", timedelta(weeks=1)),
        ("1w", timedelta(weeks=1)),
        ("2 heures", timedelta(hours=2)),
        ("10 jours", timedelta(days=10)),
    ],
)
def test_durations(typed, after):
    schedule = checkin.parse_schedule(typed, NOW, MTL)
    assert schedule.moments == (NOW + after,)
    assert schedule.message == ""


def test_the_words_after_the_duration_are_the_message():
    schedule = checkin.parse_schedule("3j Comment s'est passé le rendez-vous?", NOW, MTL)
    assert schedule.message == "Comment s'est passé le rendez-vous?"
    schedule = checkin.parse_schedule("2 h Bonjour Jeanne", NOW, MTL)
    assert (schedule.moments, schedule.message) == ((NOW + timedelta(hours=2),), "Bonjour Jeanne")


def test_a_date_and_time_are_local():
    schedule = checkin.parse_schedule("2026-12-01 10:00 Bonjour", NOW, MTL)
    assert schedule.moments == (mtl(2026, 12, 1, 10, 0),)
    assert schedule.message == "Bonjour"
    assert checkin.parse_schedule("2026-12-01 9h", NOW, MTL).moments == (mtl(2026, 12, 1, 9),)
    assert checkin.parse_schedule("2026-12-01", NOW, MTL).moments == (mtl(2026, 12, 1, 10),)


@pytest.mark.parametrize("typed", ["", "bientôt", "3x", "2026-13-01 10:00", "chaque mois 3"])
def test_nonsense_is_not_a_schedule(typed):
    assert checkin.parse_schedule(typed, NOW, MTL) is None


def test_past_and_far_are_refused():
    past = checkin.parse_schedule("2026-11-01 10:00", NOW, MTL)
    assert checkin.check(past, NOW) == "past"
    far = checkin.parse_schedule("2028-01-01 10:00", NOW, MTL)
    assert checkin.check(far, NOW) == "far"
    assert checkin.check(checkin.parse_schedule("2h", NOW, MTL), NOW) is None


def test_days_keep_the_local_clock_time_across_the_fall_dst_change():
    saturday = mtl(2026, 10, 31, 10, 0)  # clocks go back on Sunday 1 November
    (moment,) = checkin.parse_schedule("3j", saturday, MTL).moments
    assert moment.astimezone(MTL).hour == 10
    assert moment - saturday == timedelta(days=3, hours=1)  # one more real hour
    (by_hours,) = checkin.parse_schedule("72h", saturday, MTL).moments
    assert by_hours.astimezone(MTL).hour == 9  # hours are elapsed time


def test_a_weekly_series_keeps_its_local_time_across_the_spring_change():
    schedule = checkin.parse_schedule("chaque semaine 4 Bonjour!", mtl(2026, 3, 1, 10), MTL)
    assert schedule.every == "weeks" and schedule.message == "Bonjour!"
    local = [m.astimezone(MTL) for m in schedule.moments]
    assert [d.day for d in local] == [8, 15, 22, 29]
    assert {(d.hour, d.minute) for d in local} == {(10, 0)}
    assert schedule.moments[1] - schedule.moments[0] == timedelta(days=7)
    assert schedule.moments[0] - mtl(2026, 3, 1, 10) == timedelta(days=7, hours=-1)


def test_every_day_and_english_words():
    schedule = checkin.parse_schedule("every day 3", NOW, MTL)
    assert schedule.moments == tuple(NOW + timedelta(days=n) for n in (1, 2, 3))
    assert checkin.parse_schedule("chaque semaine 0", NOW, MTL) is None
    assert checkin.parse_schedule("chaque semaine 99", NOW, MTL) is None


def test_a_time_skipped_in_spring_moves_forward():
    (moment,) = checkin.parse_schedule("2026-03-08 02:30", mtl(2026, 3, 1, 10), MTL).moments
    assert moment.astimezone(MTL).strftime("%H:%M") == "03:30"


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ((2026, 11, 26, 20, 59), (2026, 11, 26, 20, 59)),  # before the window: unchanged
        ((2026, 11, 26, 21, 0), (2026, 11, 27, 9, 0)),  # evening: next morning
        ((2026, 11, 27, 3, 15), (2026, 11, 27, 9, 0)),  # night: this morning
        ((2026, 11, 27, 9, 0), (2026, 11, 27, 9, 0)),  # the window's end is not quiet
        ((2026, 10, 31, 23, 0), (2026, 11, 1, 9, 0)),  # over the fall DST change
        ((2026, 3, 7, 22, 0), (2026, 3, 8, 9, 0)),  # over the spring DST change
    ],
)
def test_quiet_hours_move_to_the_end_of_the_window(local, expected):
    moved = checkin.after_quiet(mtl(*local), QUIET, MTL)
    assert moved == mtl(*expected)
    assert moved.astimezone(MTL).strftime("%H:%M") == f"{expected[3]:02d}:{expected[4]:02d}"


def test_a_daytime_quiet_window_and_no_window():
    assert checkin.after_quiet(mtl(2026, 11, 26, 13), (time(12), time(14)), MTL) == mtl(
        2026, 11, 26, 14
    )
    assert checkin.after_quiet(mtl(2026, 11, 26, 23), None, MTL) == mtl(2026, 11, 26, 23)


def test_the_buttons_mean_ten_in_the_morning():
    late = mtl(2026, 11, 26, 23, 40)
    assert checkin.day_at(late, 1, time(10), MTL) == mtl(2026, 11, 27, 10)
    assert checkin.day_at(late, 7, time(10), MTL) == mtl(2026, 12, 3, 10)


# ---- the answer, through the whole citizen flow ---------------------------------------------


def _state() -> CitizenState:
    choices = [[checkin.OK, "Tout va bien"], [checkin.TALK, "J'aimerais parler à quelqu'un"]]
    return CitizenState(step="checkin", language="fr", data={"checkin": 7, "choices": choices})


def _sms(text: str) -> Inbound:
    return Inbound("sms:x", "sms:+15145550111", Kind.TEXT, NOW, text=text)


def _answer(outcome) -> CheckinAnswer:
    (effect,) = [e for e in outcome.effects if isinstance(e, CheckinAnswer)]
    return effect


def test_all_is_well_by_digit_thanks_and_returns_to_the_menu():
    outcome = step(_state(), _sms("1"), Context(now=NOW))
    assert _answer(outcome) == CheckinAnswer(False, 7)
    assert outcome.state.step == "menu" and "checkin" not in outcome.state.data
    assert "Merci de votre réponse" in outcome.replies[0].text.msgid


def test_i_would_like_to_talk_by_button_or_label():
    button = Inbound("t", "telegram:5", Kind.CHOICE, NOW, choice=checkin.TALK)
    assert _answer(step(_state(), button, Context(now=NOW))) == CheckinAnswer(True, 7, "")
    typed = step(_state(), _sms("2"), Context(now=NOW))
    assert _answer(typed) == CheckinAnswer(True, 7, "")


def test_any_words_are_an_answer_that_wants_a_person():
    outcome = step(_state(), _sms("Pas fort, mon frigo est vide"), Context(now=NOW))
    assert _answer(outcome) == CheckinAnswer(True, 7, "Pas fort, mon frigo est vide")
    assert outcome.state.step == "request"


def test_a_crisis_in_answer_follows_the_crisis_rules():
    outcome = step(_state(), _sms("je veux mourir"), Context(now=NOW))
    assert not [e for e in outcome.effects if isinstance(e, CheckinAnswer)]
    assert any(getattr(e, "urgent", False) for e in outcome.effects)


def test_stop_still_opts_out():
    outcome = step(_state(), _sms("STOP"), Context(now=NOW))
    assert outcome.state.opted_out


def test_the_check_in_texts():
    assert checkin.checkin_reply("").choices == checkin.CHOICES
    signed = checkin.checkin_text("Comment allez-vous?", "Jade", "Maison")
    assert signed.kwargs()["by"] == "Jade, Maison"
    assert "nouvelles" in checkin.checkin_text("", "Jade", "").msgid
