"""Who is on duty: weekly and one-off shifts, overnight shifts, DST changes, Québec holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.rota.rota import (
    Shift,
    current_slots,
    local_moment,
    next_shift_start,
    on_duty,
    quebec_holidays,
    shifts_between,
    shifts_on,
)

MTL = ZoneInfo("America/Montreal")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
ALICE, BOB, CARL = 1, 2, 3


def local(*args: int) -> datetime:
    """A Montréal wall-clock moment as UTC (first pass when ambiguous)."""
    return datetime(*args, tzinfo=MTL).astimezone(UTC)


def weekly(worker: int, weekday: int, start: str, end: str) -> Shift:
    return Shift(worker, time.fromisoformat(start), time.fromisoformat(end), weekday=weekday)


def one_off(worker: int, day: date, start: str, end: str) -> Shift:
    return Shift(worker, time.fromisoformat(start), time.fromisoformat(end), on_date=day)


def test_weekly_shift_covers_its_hours_start_included_end_excluded():
    rota = [weekly(ALICE, MON, "09:00", "17:00")]
    assert on_duty(rota, local(2026, 6, 1, 9, 0), MTL) == [ALICE]
    assert on_duty(rota, local(2026, 6, 1, 16, 59), MTL) == [ALICE]
    assert on_duty(rota, local(2026, 6, 1, 17, 0), MTL) == []
    assert on_duty(rota, local(2026, 6, 1, 8, 59), MTL) == []
    assert on_duty(rota, local(2026, 6, 2, 10, 0), MTL) == []  # Tuesday


def test_several_workers_on_duty_together():
    rota = [weekly(BOB, MON, "12:00", "20:00"), weekly(ALICE, MON, "09:00", "17:00")]
    assert on_duty(rota, local(2026, 6, 1, 13, 0), MTL) == [ALICE, BOB]


def test_one_off_shift_replaces_that_workers_weekly_shift_only():
    rota = [
        weekly(ALICE, MON, "09:00", "17:00"),
        weekly(BOB, MON, "09:00", "17:00"),
        one_off(ALICE, date(2026, 6, 8), "13:00", "15:00"),
    ]
    assert on_duty(rota, local(2026, 6, 8, 10, 0), MTL) == [BOB]
    assert on_duty(rota, local(2026, 6, 8, 14, 0), MTL) == [BOB, ALICE]  # earliest start first
    # The following Monday the weekly shift is back.
    assert on_duty(rota, local(2026, 6, 15, 10, 0), MTL) == [ALICE, BOB]


def test_one_off_evening_shift_keeps_the_usual_day_shift():
    rota = [
        weekly(ALICE, MON, "09:00", "17:00"),
        one_off(ALICE, date(2026, 6, 8), "18:00", "22:00"),
    ]
    assert on_duty(rota, local(2026, 6, 8, 10, 0), MTL) == [ALICE]  # the day shift stays
    assert on_duty(rota, local(2026, 6, 8, 19, 0), MTL) == [ALICE]
    assert on_duty(rota, local(2026, 6, 8, 17, 30), MTL) == []


def test_one_off_shift_on_a_day_without_weekly_shift():
    rota = [one_off(CARL, date(2026, 6, 6), "10:00", "12:00")]
    assert on_duty(rota, local(2026, 6, 6, 11, 0), MTL) == [CARL]
    assert on_duty(rota, local(2026, 6, 13, 11, 0), MTL) == []


def test_overnight_shift_belongs_to_its_start_day():
    rota = [weekly(BOB, MON, "22:00", "06:00")]
    assert on_duty(rota, local(2026, 6, 1, 23, 0), MTL) == [BOB]  # Monday night
    assert on_duty(rota, local(2026, 6, 2, 5, 59), MTL) == [BOB]  # Tuesday early morning
    assert on_duty(rota, local(2026, 6, 2, 6, 0), MTL) == []
    assert on_duty(rota, local(2026, 6, 1, 3, 0), MTL) == []  # Monday early: Sunday's night


def test_start_equal_to_end_is_a_full_day():
    rota = [weekly(CARL, SAT, "08:00", "08:00")]
    assert on_duty(rota, local(2026, 6, 6, 8, 0), MTL) == [CARL]
    assert on_duty(rota, local(2026, 6, 7, 7, 59), MTL) == [CARL]
    assert on_duty(rota, local(2026, 6, 7, 8, 0), MTL) == []


def test_night_of_the_march_2026_change_lasts_seven_hours():
    rota = [weekly(BOB, SAT, "22:00", "06:00")]
    (slot,) = shifts_between(rota, date(2026, 3, 7), date(2026, 3, 8), MTL)
    assert slot.start == datetime(2026, 3, 8, 3, 0, tzinfo=UTC)  # 22:00 EST
    assert slot.end == datetime(2026, 3, 8, 10, 0, tzinfo=UTC)  # 06:00 EDT
    assert slot.duration == timedelta(hours=7)
    assert on_duty(rota, datetime(2026, 3, 8, 9, 59, tzinfo=UTC), MTL) == [BOB]  # 05:59 EDT
    assert on_duty(rota, datetime(2026, 3, 8, 10, 0, tzinfo=UTC), MTL) == []


def test_night_of_the_november_2026_change_lasts_nine_hours():
    rota = [weekly(BOB, SAT, "22:00", "06:00")]
    (slot,) = shifts_between(rota, date(2026, 10, 31), date(2026, 11, 1), MTL)
    assert slot.start == datetime(2026, 11, 1, 2, 0, tzinfo=UTC)  # 22:00 EDT
    assert slot.end == datetime(2026, 11, 1, 11, 0, tzinfo=UTC)  # 06:00 EST
    assert slot.duration == timedelta(hours=9)
    # 01:30 happens twice that night; Bob is on duty both times.
    assert on_duty(rota, datetime(2026, 11, 1, 5, 30, tzinfo=UTC), MTL) == [BOB]
    assert on_duty(rota, datetime(2026, 11, 1, 6, 30, tzinfo=UTC), MTL) == [BOB]
    assert on_duty(rota, datetime(2026, 11, 1, 10, 59, tzinfo=UTC), MTL) == [BOB]


def test_a_skipped_local_time_is_moved_forward():
    # 02:30 does not exist on 2026-03-08 in Montréal: the shift starts at 03:30 EDT.
    assert local_moment(date(2026, 3, 8), time(2, 30), MTL) == datetime(
        2026, 3, 8, 7, 30, tzinfo=UTC
    )
    rota = [weekly(ALICE, SUN, "02:30", "08:00")]
    (slot,) = shifts_between(rota, date(2026, 3, 8), date(2026, 3, 9), MTL)
    assert slot.start.astimezone(MTL).strftime("%H:%M") == "03:30"
    assert slot.duration == timedelta(hours=4, minutes=30)


def test_a_repeated_local_time_is_its_first_occurrence():
    # 01:30 happens twice on 2026-11-01: first in EDT (05:30 UTC), then in EST.
    assert local_moment(date(2026, 11, 1), time(1, 30), MTL) == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )
    rota = [weekly(ALICE, SUN, "01:30", "03:00")]
    (slot,) = shifts_between(rota, date(2026, 11, 1), date(2026, 11, 2), MTL)
    assert slot.duration == timedelta(hours=2, minutes=30)


def test_a_shift_inside_the_spring_gap_moves_forward_whole():
    rota = [weekly(ALICE, SUN, "02:10", "02:50")]
    (slot,) = shifts_between(rota, date(2026, 3, 8), date(2026, 3, 9), MTL)
    assert slot.start == local(2026, 3, 8, 3, 10)
    assert slot.duration == timedelta(minutes=40)


def test_a_shift_from_the_spring_gap_to_the_hour_after_it_has_no_time():
    rota = [weekly(ALICE, SUN, "02:30", "03:00")]  # 03:30 EDT to 03:00 EDT: nothing left
    (slot,) = shifts_between(rota, date(2026, 3, 8), date(2026, 3, 9), MTL)
    assert slot.duration == timedelta(0)
    assert on_duty(rota, datetime(2026, 3, 8, 7, 30, tzinfo=UTC), MTL) == []
    start, _ = next_shift_start(rota, datetime(2026, 3, 8, 0, 0, tzinfo=UTC), MTL)
    assert start == local(2026, 3, 15, 2, 30)
    start, _ = next_shift_start(rota, datetime(2026, 3, 8, 0, 0, tzinfo=UTC), MTL)
    assert start.astimezone(MTL).date() == date(2026, 3, 15)


def test_quebec_holidays_2026():
    hols = quebec_holidays()
    assert date(2026, 6, 24) in hols  # Fête nationale
    assert date(2026, 7, 1) in hols
    assert date(2026, 12, 25) in hols
    assert date(2026, 5, 18) in hols  # Journée nationale des patriotes
    assert date(2026, 12, 26) not in hols  # Boxing Day is not statutory in Québec
    assert "Fête nationale" in hols.get(date(2026, 6, 24))
    assert quebec_holidays("en").get(date(2026, 12, 25)) == "Christmas Day"


def test_on_fete_nationale_weekly_shifts_do_not_apply():
    rota = [weekly(ALICE, WED, "09:00", "17:00")]  # 2026-06-24 is a Wednesday
    assert on_duty(rota, local(2026, 6, 24, 10, 0), MTL) == []
    assert on_duty(rota, local(2026, 6, 17, 10, 0), MTL) == [ALICE]


def test_on_a_holiday_only_one_off_shifts_dated_that_day_apply():
    rota = [
        weekly(ALICE, FRI, "09:00", "17:00"),
        weekly(BOB, FRI, "09:00", "17:00"),
        one_off(CARL, date(2026, 12, 25), "10:00", "14:00"),  # Christmas, a Friday
    ]
    assert on_duty(rota, local(2026, 12, 25, 11, 0), MTL) == [CARL]
    assert on_duty(rota, local(2026, 12, 25, 9, 30), MTL) == []
    assert [s.worker_id for s in shifts_on(rota, date(2026, 12, 25))] == [CARL]


def test_holiday_rule_looks_at_the_start_day_of_an_overnight_shift():
    rota = [weekly(BOB, TUE, "22:00", "06:00"), weekly(BOB, WED, "22:00", "06:00")]
    # Tuesday 23 June's night runs into Fête nationale: it still applies.
    assert on_duty(rota, local(2026, 6, 24, 3, 0), MTL) == [BOB]
    # The night that starts on the holiday does not.
    assert on_duty(rota, local(2026, 6, 24, 23, 0), MTL) == []


def test_holidays_can_be_given_explicitly():
    rota = [weekly(ALICE, WED, "09:00", "17:00")]
    assert on_duty(rota, local(2026, 6, 24, 10, 0), MTL, holidays=set()) == [ALICE]
    assert on_duty(rota, local(2026, 6, 17, 10, 0), MTL, holidays={date(2026, 6, 17)}) == []


def test_next_shift_skips_two_holidays_on_the_same_weekday():
    # Wednesdays 24 June and 1 July 2026 are both holidays.
    rota = [weekly(ALICE, WED, "09:00", "17:00")]
    when, workers = next_shift_start(rota, local(2026, 6, 23, 18, 0), MTL)
    assert when == local(2026, 7, 8, 9, 0)
    assert workers == [ALICE]


def test_next_shift_lists_everyone_starting_together_and_not_the_running_one():
    rota = [
        weekly(ALICE, MON, "09:00", "17:00"),
        weekly(BOB, TUE, "09:00", "17:00"),
        weekly(CARL, TUE, "09:00", "12:00"),
    ]
    assert next_shift_start(rota, local(2026, 6, 1, 10, 0), MTL) == (
        local(2026, 6, 2, 9, 0),
        [BOB, CARL],
    )


def test_next_shift_finds_a_far_one_off_and_none_when_empty():
    far = one_off(CARL, date(2026, 10, 1), "10:00", "12:00")
    assert next_shift_start([far], local(2026, 6, 1, 10, 0), MTL) == (
        local(2026, 10, 1, 10, 0),
        [CARL],
    )
    assert next_shift_start([far], local(2026, 10, 2, 0, 0), MTL) is None
    assert next_shift_start([], local(2026, 6, 1, 10, 0), MTL) is None


def test_a_week_of_shifts_in_start_order():
    rota = [
        weekly(BOB, SAT, "22:00", "06:00"),
        weekly(ALICE, MON, "09:00", "17:00"),
        weekly(ALICE, WED, "09:00", "17:00"),
        one_off(CARL, date(2026, 6, 24), "10:00", "14:00"),
    ]
    slots = shifts_between(rota, date(2026, 6, 22), date(2026, 6, 29), MTL)
    assert [(s.day, s.worker_id) for s in slots] == [
        (date(2026, 6, 22), ALICE),
        (date(2026, 6, 24), CARL),  # Alice's Wednesday is Fête nationale
        (date(2026, 6, 27), BOB),
    ]
    assert slots[-1].end == local(2026, 6, 28, 6, 0)


def test_current_slots_give_the_end_of_each_running_shift():
    rota = [weekly(BOB, MON, "22:00", "06:00")]
    (slot,) = current_slots(rota, local(2026, 6, 2, 1, 0), MTL)
    assert slot.day == date(2026, 6, 1)
    assert slot.end == local(2026, 6, 2, 6, 0)


def test_another_zone_is_honoured():
    paris = ZoneInfo("Europe/Paris")
    rota = [weekly(ALICE, MON, "09:00", "17:00")]
    at = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)  # 09:30 in Paris, 03:30 in Montréal
    assert on_duty(rota, at, paris, holidays=set()) == [ALICE]
    assert on_duty(rota, at, MTL) == []


def test_a_shift_has_a_weekday_or_a_date():
    with pytest.raises(ValueError):
        Shift(ALICE, time(9), time(17))
    with pytest.raises(ValueError):
        Shift(ALICE, time(9), time(17), weekday=1, on_date=date(2026, 6, 1))
    with pytest.raises(ValueError):
        Shift(ALICE, time(9), time(17), weekday=7)
