"""The rota week grid: local hours, who the bot can page, gaps, unguarded nights, DST weeks."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from bot.rota.rota import Shift, quebec_holidays
from bot.rota.week_grid import is_night, week_grid, week_start
from storage.workers import Worker

MTL = ZoneInfo("America/Montreal")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
ALICE = Worker(1, "Alice", 101, "CAP", ("fr",), "worker", True)
BOB = Worker(2, "Bob", None, "CAP", ("fr",), "worker", True)  # not on Telegram
CARL = Worker(3, "Carl", 103, "Le Sésame", ("fr", "en"), "coordinator", True)
DORA = Worker(4, "Dora", 104, "CAP", ("en",), "oncall", True)
EVE = Worker(5, "Eve", 105, "CAP", ("fr",), "worker", False)  # deactivated
NO_HOLIDAYS: set[date] = set()


def weekly(worker: Worker, weekday: int, start: str, end: str) -> Shift:
    return Shift(worker.id, time.fromisoformat(start), time.fromisoformat(end), weekday=weekday)


def cell(grid, day: date, hour: int):
    return grid.days[(day - grid.monday).days][hour]


def test_an_ordinary_week_marks_who_is_on_duty_and_every_hour_without_anyone():
    rota = [weekly(ALICE, MON, "09:00", "17:00"), weekly(CARL, TUE, "13:30", "17:00")]
    grid = week_grid(rota, [ALICE, CARL], date(2026, 6, 24), MTL, NO_HOLIDAYS)
    assert grid.monday == date(2026, 6, 22)
    assert [len(d) for d in grid.days] == [24] * 7
    monday, tuesday = date(2026, 6, 22), date(2026, 6, 23)
    assert cell(grid, monday, 9).on_duty == (ALICE.id,) and not cell(grid, monday, 9).gap
    assert cell(grid, monday, 16).on_duty == (ALICE.id,)
    assert cell(grid, monday, 17).on_duty == () and cell(grid, monday, 17).gap
    # 13:00–14:00 on Tuesday is half held: still a gap, of 30 minutes.
    half = cell(grid, tuesday, 13)
    assert half.on_duty == (CARL.id,) and half.uncovered == timedelta(minutes=30)
    assert len(grid.gaps) == 168 - 8 - 3  # Monday 9–17, Tuesday 14–17 fully held
    assert grid.hours_without_anyone == timedelta(hours=168 - 8 - 3.5)


def test_a_worker_the_bot_cannot_reach_is_shown_apart_and_leaves_the_hour_a_gap():
    rota = [weekly(BOB, WED, "09:00", "12:00"), weekly(EVE, WED, "10:00", "11:00")]
    grid = week_grid(rota, [BOB, EVE], date(2026, 6, 24), MTL, NO_HOLIDAYS)
    ten = cell(grid, date(2026, 6, 24), 10)
    assert ten.on_duty == () and ten.unreachable == (BOB.id, EVE.id) and ten.gap


def test_a_shift_begun_on_sunday_night_is_on_the_next_mondays_early_hours():
    rota = [weekly(ALICE, SUN, "22:00", "06:00")]
    grid = week_grid(rota, [ALICE], date(2026, 6, 22), MTL, NO_HOLIDAYS)
    assert cell(grid, date(2026, 6, 22), 5).on_duty == (ALICE.id,)
    assert cell(grid, date(2026, 6, 22), 6).on_duty == ()
    assert cell(grid, date(2026, 6, 28), 23).on_duty == (ALICE.id,)


def test_night_and_weekend_gaps_are_unguarded_until_someone_is_on_call():
    rota = [weekly(ALICE, d, "09:00", "17:00") for d in (MON, TUE, WED, THU, FRI)]
    without = week_grid(rota, [ALICE, CARL], date(2026, 6, 24), MTL, NO_HOLIDAYS)
    wednesday, saturday = date(2026, 6, 24), date(2026, 6, 27)
    assert cell(without, wednesday, 22).unguarded  # night, nobody on call
    assert cell(without, saturday, 12).unguarded and cell(without, saturday, 12).weekend
    assert not cell(without, wednesday, 18).unguarded  # a weekday evening before the night
    assert cell(without, wednesday, 18).gap
    assert not cell(without, wednesday, 10).unguarded  # Alice is on duty
    # Nights are 21:00–09:00 on weekdays; weekends and holidays count all day.
    weekday_nights = sum(1 for c in without.cells if c.night and not c.weekend)
    assert len(without.unguarded) == weekday_nights + 48
    assert without.coordinators == (CARL.id,) and without.on_call == ()
    guarded = week_grid(rota, [ALICE, CARL, DORA], date(2026, 6, 24), MTL, NO_HOLIDAYS)
    assert guarded.unguarded == [] and guarded.on_call == (DORA.id,)
    assert len(guarded.gaps) == len(without.gaps)  # on call is not on duty


def test_an_on_call_worker_who_is_not_on_telegram_guards_nothing():
    unlinked = Worker(6, "Fay", None, "CAP", ("fr",), "oncall", True)
    grid = week_grid([], [unlinked], date(2026, 6, 24), MTL, NO_HOLIDAYS)
    assert grid.on_call == () and len(grid.unguarded) == 5 * 12 + 48


def test_a_holiday_drops_weekly_shifts_counts_as_a_weekend_and_is_named():
    rota = [weekly(ALICE, WED, "09:00", "17:00")]
    # 24 June, la Fête nationale du Québec, is a Wednesday in 2026.
    grid = week_grid(rota, [ALICE], date(2026, 6, 24), MTL, quebec_holidays("fr"))
    noon = cell(grid, date(2026, 6, 24), 12)
    assert noon.on_duty == () and noon.weekend and noon.unguarded
    assert "nationale" in grid.holidays[date(2026, 6, 24)]


def test_the_spring_forward_week_has_no_0200_hour_and_an_overnight_shift_of_7_hours():
    rota = [weekly(ALICE, SAT, "22:00", "06:00")]  # Saturday 7 March into Sunday 8 March 2026
    grid = week_grid(rota, [ALICE], date(2026, 3, 8), MTL, NO_HOLIDAYS)
    sunday = date(2026, 3, 8)
    skipped = cell(grid, sunday, 2)
    assert skipped.skipped and not skipped.gap and skipped.uncovered == timedelta(0)
    assert all(cell(grid, sunday, h).on_duty == (ALICE.id,) for h in (0, 1, 3, 4, 5))
    assert sum((c.end - c.start for c in grid.days[6]), timedelta(0)) == timedelta(hours=23)
    held = [c for c in grid.cells if c.on_duty]
    assert sum((c.end - c.start for c in held), timedelta(0)) == timedelta(hours=7)
    assert sum((c.end - c.start for c in grid.cells), timedelta(0)) == timedelta(hours=167)


def test_the_fall_back_week_plays_0100_twice_and_a_shift_ending_then_leaves_the_repeat_open():
    # 1 November 2026: 01:00–02:00 happens in EDT, then again in EST.
    rota = [weekly(ALICE, SUN, "00:00", "02:00"), weekly(CARL, SAT, "22:00", "01:30")]
    grid = week_grid(rota, [ALICE, CARL], date(2026, 11, 1), MTL, NO_HOLIDAYS)
    assert grid.monday == date(2026, 10, 26)
    one = cell(grid, date(2026, 11, 1), 1)
    assert one.repeated and one.end - one.start == timedelta(hours=2)
    assert one.on_duty == (CARL.id, ALICE.id)  # earliest shift first
    assert one.uncovered == timedelta(0)  # Alice holds 00:00–02:00 wall clock: three real hours
    assert sum((c.end - c.start for c in grid.cells), timedelta(0)) == timedelta(hours=169)
    alone = week_grid([weekly(CARL, SAT, "22:00", "01:30")], [CARL], date(2026, 11, 1), MTL, set())
    # Carl's 01:30 is its first pass (EDT): the second 01:00–02:00 hour has nobody.
    assert cell(alone, date(2026, 11, 1), 1).uncovered == timedelta(minutes=90)


def test_week_start_and_night_window():
    assert week_start(date(2026, 6, 28)) == date(2026, 6, 22)
    assert week_start(date(2026, 6, 22)) == date(2026, 6, 22)
    assert [h for h in range(24) if is_night(h)] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 21, 22, 23]
    assert [h for h in range(24) if is_night(h, (time(1), time(5)))] == [1, 2, 3, 4]
