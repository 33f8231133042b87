"""Searching the directory: words in French or English, categories, today's hours, short SMS."""

from __future__ import annotations

import argparse
import csv
import io
import logging
import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from bot.cli import resources as cli_resources
from bot.resources.importer import import_directory, load_example_directory
from bot.resources.search import (
    CATEGORIES,
    ResourceHit,
    format_hit,
    format_hours,
    hours_on,
    search,
)
from flows.text import Text
from storage.db import open_database
from storage.resources import record_referral, referral_counts, remove_source

HSDS = Path(__file__).parent / "fixtures" / "hsds"
TZ = ZoneInfo("America/Montreal")
MONDAY = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 10:00 in Montréal
THURSDAY = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture
async def db(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as database:
        await load_example_directory(database, MONDAY)
        yield database


def said(text: Text) -> str:
    """The French text as a citizen reads it (the msgid with its parameters)."""
    return text.msgid.format(**text.kwargs())


async def names(db, words=None, **kw) -> list[str]:
    kw.setdefault("now_utc", MONDAY)
    hits = await search(db, words, tz=TZ, **kw)
    return [hit.name for hit in hits]


async def add_csv(db, tmp_path, body: str) -> None:
    path = tmp_path / "extra.csv"
    path.write_text("name,description,category,hours\n" + body, encoding="utf-8")
    await import_directory(db, path, now=MONDAY)


async def test_light_stemming_finds_the_other_form_of_a_word(db, tmp_path):
    await add_csv(
        db, tmp_path, "Comptoir du coin,Comptoir d'alimentation,autre,\nLogements sociaux,,,\n"
    )
    assert "Comptoir du coin" in await names(db, "alimentaire", limit=10)
    assert (await names(db, "logement", limit=10))[0] in {
        "Logements sociaux",
        "Aide à la recherche de logement",
        "Comité logement de l'Est",
    }
    assert "Logements sociaux" in await names(db, "logement", limit=10)


async def test_accents_and_case_do_not_matter(db):
    expected = await names(db, "aînés")
    assert expected and "Centre des aînés du quartier" in expected
    assert await names(db, "AINES") == expected
    assert await names(db, "Aines") == expected
    assert "Groupe d'entraide en santé mentale" in await names(db, "SANTE MENTALE")


async def test_english_words_reach_french_resources_and_get_english_descriptions(db):
    hits = await search(db, "food", language="en", now_utc=MONDAY, tz=TZ, limit=10)
    assert {"Dépannage alimentaire de l'Est", "Épicerie solidaire du quartier"} <= {
        hit.name for hit in hits
    }
    kitchen = next(hit for hit in hits if hit.name == "Dépannage alimentaire de l'Est")
    assert kitchen.description == "Emergency food aid once a month, by appointment"
    french = await search(db, "food", language="fr", now_utc=MONDAY, tz=TZ, limit=10)
    kitchen = next(hit for hit in french if hit.name == kitchen.name)
    assert kitchen.description.startswith("Dépannage alimentaire d'urgence")
    assert "Clinique juridique de quartier" in await names(db, "lawyer") + await names(db, "legal")


async def test_everyday_words_find_the_right_kind_of_help(db):
    assert (await names(db, "aide alimentaire"))[0] in {
        "Dépannage alimentaire de l'Est",
        "Épicerie solidaire du quartier",
        "Cuisine collective Langelier",
        "Dîners communautaires",
    }
    assert "Clinique juridique de quartier" == (await names(db, "aide juridique"))[0]
    assert "Halte-chaleur de l'Est" in await names(db, "sans abri", limit=5)
    assert "Club de recherche d'emploi de l'Est" in await names(db, "je cherche un emploi")
    assert await names(db, "je veux de la") == []  # only little words: nothing to look for
    assert await names(db, "zzzz") == []


async def test_search_by_category_pages_through_resources(db):
    first = await names(db, category="food", limit=2)
    second = await names(db, category="food", limit=2, offset=2)
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    assert set(await names(db, category="seniors", limit=10)) == {
        "Popote roulante Mercier-Est",
        "Centre des aînés du quartier",
        "Accompagnement-transport bénévole",
    }
    with pytest.raises(ValueError):
        await names(db, category="spa")


def test_categories_have_french_labels_as_translatable_text():
    assert list(CATEGORIES) == [
        "food", "housing", "health", "seniors", "families", "employment", "legal", "other",
    ]  # fmt: skip
    assert CATEGORIES["seniors"] == Text("65 ans et plus")


async def test_todays_hours_follow_the_weekly_schedule_in_the_local_zone(db):
    hits = await search(db, "Clinique juridique", now_utc=MONDAY, tz=TZ)
    assert hits[0].hours_today == ()  # open Tuesday and Thursday only
    tuesday_evening_utc = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)  # still Tuesday in Montréal
    hits = await search(db, "Clinique juridique", now_utc=tuesday_evening_utc, tz=TZ)
    assert hits[0].hours_today == ((time(13), time(19)),)
    assert "Aujourd'hui : 13h-19h" in said(format_hit(hits[0]))


async def test_hsds1_weekday_numbers_and_holiday_closures(db):
    await import_directory(db, HSDS / "hsds1_1_sample_datapackage", now=MONDAY)

    async def helpline(moment):
        return (await search(db, "Never Homeless Helpline", now_utc=moment, tz=TZ))[0]

    assert (await helpline(MONDAY)).hours_today == ((time(9), time(17)),)  # weekday 1 = Monday
    assert (await helpline(THURSDAY)).hours_today == ()
    christmas_eve = datetime(2019, 12, 24, 15, 0, tzinfo=UTC)  # a Tuesday, holiday closure
    assert (await helpline(christmas_eve)).hours_today == ()
    assert "Fermé aujourd'hui" in said(format_hit(await helpline(christmas_eve)))


async def test_hsds3_schedule_rules_with_validity_dates(db, tmp_path):
    folder = tmp_path / "hsds3"
    shutil.copytree(HSDS / "hsds3_spec_examples", folder)
    with (folder / "schedules.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    table[0].update(
        valid_from="2026-01-01", valid_to="2026-12-31", dtstart="", until="", count="",
        byweekno="", bymonthday="", byyearday="", byday="TH,FR",
    )  # fmt: skip
    with (folder / "schedules.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    await import_directory(db, folder, now=MONDAY)

    async def hours(moment):
        return (await search(db, "counselling", now_utc=moment, tz=TZ))[0].hours_today

    assert await hours(THURSDAY) == ((time(10), time(18)),)
    assert await hours(MONDAY) == ()
    assert await hours(datetime(2027, 1, 7, 15, tzinfo=UTC)) is None  # a Thursday, past valid_to


async def test_the_spec_example_schedule_is_long_expired(db):
    await import_directory(db, HSDS / "hsds3_spec_examples", now=MONDAY)
    hit = (await search(db, "counselling", now_utc=THURSDAY, tz=TZ))[0]
    assert hit.hours_today is None
    assert hit.phone == "+44 1234 234567 #100"


def test_monthly_and_every_other_week_rules():
    second_tuesday = [{"freq": "MONTHLY", "byday": ["2TU"], "opens": "13:00", "closes": "15:00"}]
    assert hours_on(second_tuesday, date(2026, 11, 10)) == ((time(13), time(15)),)
    assert hours_on(second_tuesday, date(2026, 11, 17)) == ()
    last_friday = [{"freq": "MONTHLY", "byday": ["-1FR"], "opens": "09:00", "closes": "12:00"}]
    assert hours_on(last_friday, date(2026, 11, 27)) == ((time(9), time(12)),)
    assert hours_on(last_friday, date(2026, 11, 20)) == ()
    fortnightly = [
        {"freq": "WEEKLY", "interval": 2, "dtstart": "2026-11-02", "byday": ["MO"],
         "opens": "10:00", "closes": "11:00"},
    ]  # fmt: skip
    assert hours_on(fortnightly, date(2026, 11, 16)) == ((time(10), time(11)),)
    assert hours_on(fortnightly, date(2026, 11, 23)) == ()
    assert hours_on(fortnightly, date(2026, 10, 26)) is None  # before dtstart: unknown
    assert hours_on([], date(2026, 11, 23)) is None


async def test_three_answers_fit_in_three_gsm7_segments(db):
    for query in ("aide alimentaire", "logement", "aines", "emploi", "sante"):
        hits = await search(db, query, now_utc=MONDAY, tz=TZ)
        message = "Voici des ressources :\n\n" + "\n\n".join(said(format_hit(h)) for h in hits)
        assert len(hits) >= 1
        assert len(message) <= 459, message
    always = (await search(db, "211", now_utc=MONDAY, tz=TZ))[0]
    assert always.hours_today == ((time(0), time(23, 59)),)
    assert said(format_hit(always)).endswith("Aujourd'hui : 24 h sur 24")
    in_english = (await search(db, "211", now_utc=MONDAY, tz=TZ, language="en"))[0]
    assert format_hit(in_english).kwargs()["hours"] == "24 hours"  # the catalog does the rest
    assert format_hours(((time(9), time(12)), (time(13, 30), time(16))), "en") == (
        "9:00-12:00, 13:30-16:00"
    )
    assert (
        format_hours(((time(9), time(12)), (time(13, 30), time(16))), "fr") == "9h-12h, 13h30-16h"
    )


@pytest.mark.parametrize("hours", [None, (), tuple((time(h), time(h, 30)) for h in range(8, 20))])
def test_even_a_long_resource_stays_within_140_characters(hours):
    hit = ResourceHit(
        id=1, name="Centre communautaire " * 5, description="Une description. " * 20,
        phone="+1 514-555-0100 poste 12345", address="12345, boulevard " * 6,
        latitude=None, longitude=None, hours_today=hours, url="", category="other",
        language="fr",
    )  # fmt: skip
    text = said(format_hit(hit))
    assert len(text) <= 140, text
    assert text.startswith("Centre communautaire")
    assert "+1 514-555-0100 poste 12345" in text  # a phone number is never cut


async def test_referrals_are_counted_by_category_and_survive_removal(db, caplog):
    caplog.set_level(logging.INFO)
    hit = (await search(db, "aide juridique", now_utc=MONDAY, tz=TZ))[0]
    async with db.transaction() as conn:
        await record_referral(conn, resource_id=hit.id, channel="sms", at=MONDAY)
        await record_referral(conn, resource_id=hit.id, channel="telegram", at=THURSDAY)
    async with db.transaction() as conn:
        await remove_source(conn, "mercier_est_example")
    counts = await referral_counts(db, MONDAY, datetime(2026, 11, 30, tzinfo=UTC))
    assert counts == {"legal": 2}
    async with db.transaction() as conn:
        with pytest.raises(LookupError):
            await record_referral(conn, resource_id=hit.id, channel="sms", at=MONDAY)


async def test_cli_search_shows_what_a_citizen_would_get(db):
    parser = argparse.ArgumentParser()
    cli_resources.add_parser(parser.add_subparsers())
    out = io.StringIO()
    env = SimpleNamespace(db=db, timezone=TZ, locale="fr", now=lambda: MONDAY, out=out)
    args = parser.parse_args(["resources", "search", "aînés"])
    assert await args.func(args, env) == 0
    assert "Centre des aînés du quartier - 514-555-0106" in out.getvalue()
    args = parser.parse_args(["resources", "search", "--category", "legal", "--lang", "en"])
    assert await args.func(args, env) == 0
    assert "Free legal advice" in out.getvalue()
