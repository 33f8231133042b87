"""Reading rota files: the CSV of the contract and calendars exported by Google and Outlook."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.i18n import I18n
from bot.rota.importer import (
    RotaFileError,
    decode_text,
    parse_rota_csv,
    parse_rota_ics,
    read_rota_ics,
)

MTL = ZoneInfo("America/Montreal")
FIXTURES = Path(__file__).parent / "fixtures"
ICS = FIXTURES / "icalendar"
WORKERS = ["Élise Tremblay", "Bob Gagnon", "Carl Roy"]


def refused(text: str, workers: list[str] = WORKERS) -> RotaFileError:
    with pytest.raises(RotaFileError) as caught:
        parse_rota_csv(text, workers)
    return caught.value


def english(error: RotaFileError) -> str:
    """Why the file was refused, as an English-speaking coordinator reads it."""
    return I18n(MTL, "en").render(error.text, "en")


def table(specs) -> list[tuple]:
    return [(s.worker, s.on_date or s.weekday, f"{s.start:%H:%M}", f"{s.end:%H:%M}") for s in specs]


# --- CSV -------------------------------------------------------------------------------


def test_csv_of_the_contract():
    specs = parse_rota_csv((FIXTURES / "rota" / "rota.csv").read_text("utf-8"), WORKERS)
    assert table(specs) == [
        ("Élise Tremblay", 0, "09:00", "17:00"),
        ("Élise Tremblay", 2, "09:00", "17:00"),  # "elise tremblay" in the file
        ("Bob Gagnon", 5, "22:00", "06:00"),
        ("Bob Gagnon", date(2026, 6, 24), "10:00", "14:00"),
        ("Carl Roy", 4, "09:30", "00:00"),  # Vendredi, 9h30 to 24:00
    ]
    assert [s.line for s in specs] == [2, 3, 4, 5, 6]


def test_csv_saved_by_french_excel():
    data = (FIXTURES / "rota" / "rota_excel_fr.csv").read_bytes()
    specs = parse_rota_csv(decode_text(data), WORKERS)
    assert table(specs) == [
        ("Élise Tremblay", 0, "09:00", "17:00"),
        ("Carl Roy", date(2026, 6, 24), "10:00", "14:00"),
    ]


def test_csv_blank_and_comment_lines_are_skipped_and_lines_counted():
    text = "worker,day,start,end\n\n# nuits\nBob Gagnon,sat,22:00,06:00\n\nBob Gagnon,sun,2:00,9\n"
    error = refused(text)
    assert error.line == 6
    assert "bad end time '9'" in english(error)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "empty"),
        ("\n\n", 1, "empty"),
        ("worker,day,start,end\n", 1, "no shift"),
        ("Bob Gagnon,mon,09:00,17:00\n", 1, "missing header"),
        ("worker,day,start\nBob Gagnon,mon,09:00\n", 1, "missing header"),
        ("worker,day,start,end\nBob Gagnon,mon,09:00\n", 2, "found 3 column"),
        ("worker,day,start,end\nBob Gagnon,lundy,09:00,17:00\n", 2, "bad day 'lundy'"),
        ("worker,day,start,end\nBob Gagnon,2026-02-30,09:00,17:00\n", 2, "bad day"),
        ("worker,day,start,end\nBob Gagnon,24/06/2026,09:00,17:00\n", 2, "YYYY-MM-DD"),
        ("worker,day,start,end\nBob Gagnon,mon,25:00,17:00\n", 2, "bad start time '25:00'"),
        ("worker,day,start,end\nBob Gagnon,mon,24:00,17:00\n", 2, "bad start time"),
        ("worker,day,start,end\nBob Gagnon,mon,09:00,17h75\n", 2, "bad end time"),
        ("worker,day,start,end\nBob Gagnon,mon,noon,17:00\n", 2, "HH:MM"),
    ],
)
def test_csv_mistakes_refuse_the_file_naming_the_line(text, line, words):
    error = refused(text)
    assert error.line == line
    assert words in english(error)
    assert str(error).startswith(f"line {line}: ")


def test_csv_unknown_worker_suggests_the_closest_name():
    error = refused(
        "worker,day,start,end\nBob Gagnon,mon,09:00,17:00\nElise Tremblai,tue,9:00,17:00\n"
    )
    assert error.line == 3
    assert "unknown worker 'Elise Tremblai'" in english(error)
    assert "did you mean 'Élise Tremblay'?" in english(error)
    assert "relais workers add" in english(error)


def test_csv_duplicate_shift_names_both_lines():
    error = refused(
        "worker,day,start,end\nBob Gagnon,sat,22:00,06:00\nCarl Roy,sat,9:00,17:00\n"
        "BOB GAGNON,Sat,22h,6h\n"
    )
    assert (error.line, english(error)) == (4, "the same shift as line 2")


def test_csv_the_same_hours_for_two_workers_is_no_duplicate():
    text = "worker,day,start,end\nBob Gagnon,sat,22:00,06:00\nCarl Roy,sat,22:00,06:00\n"
    assert len(parse_rota_csv(text, WORKERS)) == 2


def test_csv_two_registered_names_equal_but_for_accents_are_ambiguous():
    error = refused("worker,day,start,end\nEric,mon,09:00,17:00\n", ["Éric", "Eric"])
    assert "several workers" in english(error)


def test_decode_text_reads_utf8_with_bom_and_windows_1252():
    assert decode_text("\ufeffÉlise".encode()) == "Élise"
    assert decode_text("Élise".encode("cp1252")) == "Élise"


# --- iCalendar written for Relais --------------------------------------------------------


def test_google_calendar_expands_rules_exdates_moved_instances_and_attendees():
    data = (ICS / "relais_google_montreal_rota.ics").read_bytes()
    specs = parse_rota_ics(data, WORKERS, MTL, (date(2026, 3, 2), date(2026, 3, 16)))
    assert table(specs) == [
        ("Élise Tremblay", date(2026, 3, 2), "09:00", "17:00"),
        ("Élise Tremblay", date(2026, 3, 4), "12:00", "20:00"),  # moved instance
        ("Bob Gagnon", date(2026, 3, 7), "22:00", "06:00"),  # ATTENDEE CN, DST night
        ("Élise Tremblay", date(2026, 3, 9), "09:00", "17:00"),
        ("Bob Gagnon", date(2026, 3, 14), "22:00", "06:00"),
    ]  # Wednesday 11 March is an EXDATE; the cancelled event names nobody known and is skipped.


def test_google_calendar_recurring_events_skip_holidays_single_events_do_not():
    data = (ICS / "relais_google_montreal_rota.ics").read_bytes()
    result = read_rota_ics(data, WORKERS, MTL, (date(2026, 5, 18), date(2026, 6, 29)))
    assert result.skipped_holidays == [date(2026, 5, 18), date(2026, 6, 24)]
    on_holidays = [s for s in result.shifts if s.on_date in result.skipped_holidays]
    assert table(on_holidays) == [("Carl Roy", date(2026, 6, 24), "10:00", "14:00")]
    assert ("Élise Tremblay", date(2026, 6, 22), "09:00", "17:00") in table(result.shifts)


def test_outlook_windows_zone_fortnightly_rule_named_by_attendees():
    data = (ICS / "relais_outlook_eastern_fortnightly.ics").read_bytes()
    specs = parse_rota_ics(data, WORKERS, MTL, (date(2026, 3, 2), date(2026, 3, 23)))
    assert table(specs) == [
        ("Carl Roy", date(2026, 3, 3), "08:30", "16:30"),
        ("Élise Tremblay", date(2026, 3, 3), "08:30", "16:30"),
        ("Carl Roy", date(2026, 3, 5), "08:30", "16:30"),
        ("Élise Tremblay", date(2026, 3, 5), "08:30", "16:30"),
        ("Carl Roy", date(2026, 3, 17), "08:30", "16:30"),  # after the DST change, same hours
        ("Élise Tremblay", date(2026, 3, 17), "08:30", "16:30"),
        ("Carl Roy", date(2026, 3, 19), "08:30", "16:30"),
        ("Élise Tremblay", date(2026, 3, 19), "08:30", "16:30"),
    ]


def _calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\n{e.strip()}\nEND:VEVENT\n" for e in events)
    return f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}END:VCALENDAR\n".encode()


def test_multi_day_and_all_day_events_become_day_shifts():
    data = _calendar(
        "UID:w\nSUMMARY:Bob Gagnon\nDTSTART;TZID=America/Montreal:20260612T170000\n"
        "DTEND;TZID=America/Montreal:20260615T090000",
        "UID:a\nSUMMARY:Carl Roy\nDTSTART;VALUE=DATE:20260616\nDTEND;VALUE=DATE:20260617",
    )
    specs = parse_rota_ics(data, WORKERS, MTL, (date(2026, 6, 1), date(2026, 7, 1)))
    assert table(specs) == [
        ("Bob Gagnon", date(2026, 6, 12), "17:00", "00:00"),
        ("Bob Gagnon", date(2026, 6, 13), "00:00", "00:00"),
        ("Bob Gagnon", date(2026, 6, 14), "00:00", "00:00"),
        ("Bob Gagnon", date(2026, 6, 15), "00:00", "09:00"),
        ("Carl Roy", date(2026, 6, 16), "00:00", "00:00"),
    ]


def test_floating_and_utc_times_are_read_in_the_rota_zone():
    data = _calendar(
        "UID:f\nSUMMARY:Bob Gagnon\nDTSTART:20260612T090000\nDTEND:20260612T120000",
        "UID:u\nSUMMARY:Carl Roy\nDTSTART:20260612T130000Z\nDTEND:20260612T150000Z",
    )
    specs = parse_rota_ics(data, WORKERS, MTL, (date(2026, 6, 1), date(2026, 7, 1)))
    assert table(specs) == [
        ("Bob Gagnon", date(2026, 6, 12), "09:00", "12:00"),
        ("Carl Roy", date(2026, 6, 12), "09:00", "11:00"),
    ]


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"this is not a calendar\n", 1, "not a readable iCalendar"),
        (b"BEGIN:VTODO\nUID:x\nEND:VTODO\n", 1, "expected BEGIN:VCALENDAR"),
        (_calendar(), 1, "no event between 2026-06-01 and 2026-06-30"),
        (
            _calendar(
                "UID:1\nSUMMARY:Bob Gagnon\nDTSTART:20260612T090000\nDTEND:20260612T100000",
                "UID:2\nSUMMARY:Dora\nDTSTART:20260612T090000\nDTEND:20260612T100000",
            ),
            10,
            "the event 'Dora' names no registered worker",
        ),
        (
            _calendar("UID:1\nSUMMARY:Bob Gagnon\nDTSTART:20260612T090000"),
            4,
            "no duration",
        ),
        (
            _calendar(
                "UID:1\nSUMMARY:Bob Gagnon\nDTSTART:20260612T090000\nDTEND:20260612T100000",
                "UID:2\nSUMMARY:Bob\nATTENDEE;CN=Bob Gagnon:mailto:b@example.org\n"
                "DTSTART:20260612T090000\nDTEND:20260612T100000",
            ),
            10,
            "the same shift as line 4",
        ),
        (
            _calendar("UID:1\nSUMMARY:Bob Gagnon\nDTSTART:2026-06-12\nDTEND:20260612T100000"),
            1,
            "can't be read",
        ),
    ],
)
def test_calendar_mistakes_refuse_the_file_naming_the_line(data, line, words):
    with pytest.raises(RotaFileError) as caught:
        parse_rota_ics(data, WORKERS, MTL, (date(2026, 6, 1), date(2026, 7, 1)))
    assert caught.value.line == line
    assert words in english(caught.value)


def test_events_outside_the_horizon_are_not_checked():
    data = _calendar("UID:2\nSUMMARY:Dora\nDTSTART:20250612T090000\nDTEND:20250612T100000")
    with pytest.raises(RotaFileError, match="aucun événement entre"):
        parse_rota_ics(data, WORKERS, MTL, (date(2026, 6, 1), date(2026, 7, 1)))


# --- iCalendar files from real exports ---------------------------------------------------


def test_exchange_eastern_standard_time_keeps_montreal_hours():
    data = (ICS / "exchange2010_eastern_standard_time.ics").read_bytes()
    name = "Anonymous Test Event for TZID"
    specs = parse_rota_ics(data, [name], MTL, (date(2024, 10, 1), date(2024, 11, 30)))
    assert table(specs) == [(name, date(2024, 10, 28), "17:00", "18:00")]
    assert specs[0].line == 20


def test_google_bare_vevent_new_york_weekly_with_exdates():
    data = (ICS / "google_new_york_weekly_exdate_bare_vevent.ics").read_bytes()
    specs = parse_rota_ics(data, ["market east live"], MTL, (date(2013, 9, 1), date(2013, 11, 1)))
    days = [s.on_date for s in specs]
    assert len(days) == 11
    assert date(2013, 10, 11) not in days and date(2013, 10, 12) not in days  # EXDATEs
    assert {(s.start, s.end) for s in specs} == {(time(12), time(17))}
    assert specs[0].worker == "market east live"


def test_outlook_sydney_windows_zone_converted_to_montreal():
    data = (ICS / "outlook11_weekday_standup_windows_tzid.ics").read_bytes()
    specs = parse_rota_ics(data, ["Standup"], MTL, (date(2009, 3, 9), date(2009, 3, 16)))
    # 09:30 in Sydney (UTC+11) is 18:30 the evening before in Montréal (UTC-4 since 8 March).
    assert table(specs)[0] == ("Standup", date(2009, 3, 9), "18:30", "18:45")
    assert [s.on_date.weekday() for s in specs] == [0, 1, 2, 3, 6]  # Sun evening = Mon Sydney


def test_google_chicago_series_skip_thanksgiving_exdates():
    data = (ICS / "google_chicago_weekly_byday_exdates.ics").read_bytes()
    names = ["Event#1", "Event#2", "Event#3", "Event#4"]
    specs = parse_rota_ics(data, names, MTL, (date(2020, 11, 23), date(2020, 11, 30)))
    assert len(specs) == 7
    assert {s.on_date for s in specs} == {date(2020, 11, 23), date(2020, 11, 24)}
    assert ("Event#1", date(2020, 11, 23), "09:15", "09:30") in table(specs)  # 08:15 Chicago


def test_google_moved_instance_is_kept_on_a_holiday_repeats_are_not():
    data = (ICS / "google_los_angeles_yearly_exdate_recurrence_id.ics").read_bytes()
    name = "Vespers for the Feast of St. Joseph"
    holidays = {date(2014, 8, 1), date(2015, 8, 1)}
    result = read_rota_ics(data, [name], MTL, (date(2014, 1, 1), date(2018, 1, 1)), holidays)
    assert table(result.shifts) == [
        (name, date(2014, 8, 1), "21:30", "22:30"),  # the moved instance: 18:30 in LA
        (name, date(2017, 8, 1), "22:00", "23:00"),  # 2016 is an EXDATE
    ]
    assert result.skipped_holidays == [date(2015, 8, 1)]
