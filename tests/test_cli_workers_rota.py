"""`relais workers …` and `relais rota …` on a real database, through a real argparse parser."""

from __future__ import annotations

import argparse
import io
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import rota as cli_rota
from bot.cli import workers as cli_workers
from bot.rota.rota import Shift
from storage import rota as rota_store
from storage import workers as worker_store
from storage.db import Database, open_database
from tests.pg import integrity_errors

MTL = ZoneInfo("America/Montreal")
FIXTURES = Path(__file__).parent / "fixtures"
# Tuesday 23 June 2026, 14:00 in Montréal; the next day is Fête nationale.
NOW = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)


@dataclass
class Env:
    db: Database
    timezone: ZoneInfo = MTL
    locale: str = "fr"
    moment: datetime = NOW
    out: io.StringIO = field(default_factory=io.StringIO)

    def now(self) -> datetime:
        return self.moment

    def take(self) -> str:
        text = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return text


@pytest.fixture
async def env(database: str):  # on both engines (tests/pg.py)
    async with open_database(database) as db:
        yield Env(db)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="relais")
    sub = top.add_subparsers(dest="command", required=True)
    cli_workers.add_parser(sub)
    cli_rota.add_parser(sub)
    return top


async def relais(env: Env, *argv: str) -> int:
    args = parser().parse_args(argv)
    return await args.func(args, env)


async def staff(env: Env) -> None:
    for argv in (
        ("workers", "add", "Élise", "Tremblay", "--org", "CAP", "--lang", "fr,en"),
        ("workers", "add", "Bob Gagnon", "--telegram", "1001"),
        ("workers", "add", "Carl Roy", "--role", "coordinator", "--telegram", "1002"),
    ):
        assert await relais(env, *argv) == 0
    env.take()


# --- workers ---------------------------------------------------------------------------


async def test_add_and_list_workers(env):
    env.locale = "en"
    assert await relais(env, "workers", "list") == 0
    assert "No workers yet" in env.take()
    await staff(env)
    assert await relais(env, "workers", "list") == 0
    lines = env.take().splitlines()
    assert lines[0].split() == ["id", "name", "role", "organization", "languages", "state"]
    assert "Bob Gagnon" in lines[1] and "active, on Telegram" in lines[1]
    assert "Carl Roy" in lines[2] and "coordinator" in lines[2]
    assert "Élise Tremblay" in lines[3] and "CAP" in lines[3] and "fr,en" in lines[3]
    assert "not on Telegram" in lines[3]  # sorted ignoring the accent: after Carl
    elise = await worker_store.get_by_name(env.db, "elise tremblay")
    assert elise.languages == ("fr", "en") and elise.organization == "CAP"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("workers", "add", "ELISE", "TREMBLAY"), "already exists"),
        (("workers", "add", "Dora", "--telegram", "1001"), "already 'Bob Gagnon''s"),
        (("workers", "add", "Dora", "--telegram", "@dora"), "numeric Telegram user id"),
        (("workers", "add", "Dora", "--lang", "fr,es"), "languages must be among fr,en"),
        (("workers", "deactivate", "Nobody"), "no worker named 'Nobody'"),
        (("workers", "reactivate", "Nobody"), "no worker named 'Nobody'"),
    ],
)
async def test_worker_mistakes_give_one_clear_line(env, argv, words):
    env.locale = "en"
    await staff(env)
    assert await relais(env, *argv) == 2
    output = env.take()
    assert output.count("\n") == 1 and output.startswith("error: ")
    assert words in output


async def test_worker_refusals_are_french_by_default(env):
    await staff(env)
    assert await relais(env, "workers", "add", "ELISE", "TREMBLAY") == 2
    assert env.take() == "erreur : un intervenant nommé « Élise Tremblay » existe déjà\n"
    assert await relais(env, "workers", "add", "Dora", "--telegram", "1001") == 2
    assert env.take() == "erreur : le compte Telegram 1001 est déjà celui de « Bob Gagnon »\n"
    assert await relais(env, "workers", "add", "Dora", "--lang", "fr,es") == 2
    assert env.take() == "erreur : les langues sont parmi fr,en (reçu : fr,es)\n"
    assert await relais(env, "workers", "add", "x" * 81) == 2
    assert env.take() == "erreur : le nom d'un intervenant a de 1 à 80 caractères\n"


async def test_invite_prints_a_code_that_links_telegram_once(env):
    assert await relais(env, "workers", "invite", "Dora", "Lee", "--org", "Resto Pop") == 0
    output = env.take()
    code = output.split("/start ")[1].split()[0]
    assert len(code) == 6 and set(code) <= set(worker_store.INVITE_ALPHABET)
    assert "Dora Lee" in output and "usage unique" in output and "30 juin 2026" in output
    typed = f" {code[:3].lower()} {code[3:]} "  # as typed on a phone
    dora = await worker_store.redeem_invite(env.db, typed, 2001, NOW + timedelta(hours=1))
    assert dora is not None and dora.telegram_id == 2001 and dora.organization == "Resto Pop"
    assert (await worker_store.get_by_telegram_id(env.db, 2001)).name == "Dora Lee"
    assert await worker_store.redeem_invite(env.db, code, 2002, NOW + timedelta(hours=2)) is None


async def test_invite_expires_after_seven_days_and_a_new_one_replaces_the_old(env):
    await relais(env, "workers", "invite", "Dora")
    first = env.take().split("/start ")[1].split()[0]
    await relais(env, "workers", "invite", "Dora")
    second = env.take().split("/start ")[1].split()[0]
    late = NOW + timedelta(days=7, seconds=1)
    assert await worker_store.redeem_invite(env.db, first, 2001, NOW) is None
    assert await worker_store.redeem_invite(env.db, second, 2001, late) is None
    assert (
        await worker_store.redeem_invite(env.db, second, 2001, NOW + timedelta(days=6)) is not None
    )


async def test_invite_refuses_an_account_already_linked_to_someone_else(env):
    await staff(env)
    await relais(env, "workers", "invite", "Dora")
    code = env.take().split("/start ")[1].split()[0]
    assert await worker_store.redeem_invite(env.db, code, 1001, NOW) is None  # Bob's account
    assert await worker_store.redeem_invite(env.db, code, 2001, NOW) is not None


async def test_deactivated_worker_cannot_be_invited_nor_redeem(env):
    await staff(env)
    await relais(env, "workers", "invite", "Élise Tremblay")
    code = env.take().split("/start ")[1].split()[0]
    assert await relais(env, "workers", "deactivate", "elise tremblay") == 0
    assert "elise tremblay désactivé·e (id 1)" in env.take()
    assert await worker_store.redeem_invite(env.db, code, 2001, NOW) is None
    assert await relais(env, "workers", "invite", "Élise Tremblay") == 2
    assert "relais workers reactivate" in env.take()
    assert await relais(env, "workers", "list") == 0
    assert "désactivé·e" in env.take()
    assert await relais(env, "workers", "reactivate", "Élise Tremblay") == 0
    assert (await worker_store.get_by_name(env.db, "Élise Tremblay")).active


async def test_deactivate_returns_the_id_and_coordinator_lists(env):
    await staff(env)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    assert [w.name for w in await worker_store.active_linked(env.db)] == ["Bob Gagnon", "Carl Roy"]
    assert [w.name for w in await worker_store.coordinators(env.db)] == ["Carl Roy"]
    assert await worker_store.deactivate(env.db, "BOB GAGNON") == bob.id
    assert await worker_store.deactivate(env.db, "Nobody") is None
    # Still found by Telegram id, so the bot can tell them they are deactivated.
    assert (await worker_store.get_by_telegram_id(env.db, 1001)).active is False
    assert [w.name for w in await worker_store.active_linked(env.db)] == ["Carl Roy"]


# --- rota ------------------------------------------------------------------------------


async def test_import_csv_then_show_the_week_in_french(env, tmp_path):
    await staff(env)
    assert await relais(env, "rota", "import", str(FIXTURES / "rota" / "rota.csv")) == 0
    output = env.take()
    assert "rota.csv : 0 quart(s) retiré(s), 5 ajouté(s)." in output
    assert "Élise Tremblay: lun 09:00–17:00, mer 09:00–17:00" in output
    assert "Bob Gagnon: sam 22:00–06:00; 1 quart ponctuel le 2026-06-24" in output
    assert output.index("Carl Roy") < output.index("Élise Tremblay")  # sorted without accents
    assert await relais(env, "rota", "show") == 0
    week = env.take()
    assert "lundi 22 juin 2026\n  09:00–17:00  Élise Tremblay" in week
    assert (
        "mercredi 24 juin 2026 — férié : Fête nationale du Québec (pas de quarts hebdomadaires)\n"
        "  10:00–14:00  Bob Gagnon (ponctuel)\n\n"
    ) in week
    assert "jeudi 25 juin 2026\n  personne de garde" in week
    assert "vendredi 26 juin 2026\n  09:30–24:00  Carl Roy" in week
    assert "samedi 27 juin 2026\n  22:00–06:00 (lendemain)  Bob Gagnon" in week


async def test_show_marks_the_dst_night_and_speaks_english(env):
    await staff(env)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    await rota_store.replace_all(env.db, [Shift(bob.id, time(22), time(6), weekday=5)], "cli", NOW)
    env.locale = "en"
    assert await relais(env, "rota", "show", "--week", "2026-03-04") == 0
    week = env.take()
    assert "Rota, week of Monday, March 2, 2026 (America/Montreal)" in week
    assert "Saturday, March 7, 2026\n  22:00–06:00 (next day), 7 h: the clocks change" in week
    assert await relais(env, "rota", "show", "--week", "2026-10-28") == 0
    assert "22:00–06:00 (next day), 9 h: the clocks change  Bob Gagnon" in env.take()


async def test_rota_now_names_who_is_on_duty_and_who_is_next(env):
    await staff(env)
    env.locale = "en"
    await relais(env, "rota", "import", str(FIXTURES / "rota" / "rota.csv"))
    env.take()
    env.moment = datetime(2026, 6, 22, 14, 0, tzinfo=UTC)  # Monday 10:00
    assert await relais(env, "rota", "now") == 0
    output = env.take()
    assert "Now: Monday, June 22, 2026 10:00 (America/Montreal)" in output
    assert "On duty: Élise Tremblay (until 17:00)" in output
    assert "Next: Bob Gagnon, from Wednesday, June 24, 2026 10:00" in output  # not Élise: holiday
    env.moment = datetime(2026, 6, 24, 16, 0, tzinfo=UTC)  # Fête nationale, 12:00
    await relais(env, "rota", "now")
    output = env.take()
    assert "Today is a holiday (Saint Jean Baptiste Day)" in output
    assert "On duty: Bob Gagnon (until 14:00)" in output
    env.moment = datetime(2026, 6, 28, 5, 0, tzinfo=UTC)  # Sunday 01:00, Bob's Saturday night
    await relais(env, "rota", "now")
    assert "On duty: Bob Gagnon (until 06:00)" in env.take()


async def test_deactivated_workers_shifts_are_ignored(env):
    await staff(env)
    await relais(env, "rota", "import", str(FIXTURES / "rota" / "rota.csv"))
    await relais(env, "workers", "deactivate", "Élise Tremblay")
    env.take()
    env.moment = datetime(2026, 6, 22, 14, 0, tzinfo=UTC)
    await relais(env, "rota", "now")
    assert "De garde : personne, hors des heures de garde." in env.take()
    await relais(env, "rota", "show")
    assert "Élise" not in env.take()


async def test_empty_rota_says_so(env):
    env.locale = "en"
    assert await relais(env, "rota", "now") == 0
    output = env.take()
    assert "On duty: nobody, out of hours." in output
    assert "Next: nobody is scheduled" in output


async def test_a_bad_file_is_refused_whole_and_the_rota_kept(env, tmp_path):
    await staff(env)
    await relais(env, "rota", "import", str(FIXTURES / "rota" / "rota.csv"))
    env.take()
    bad = tmp_path / "rota.csv"
    bad.write_text("worker,day,start,end\nBob Gagnon,mon,9:00,17:00\nDora,tue,9:00,17:00\n")
    assert await relais(env, "rota", "import", str(bad)) == 2
    output = env.take()
    assert output == (
        f"erreur : {bad} refusé, ligne 3 : intervenant inconnu « Dora »; il faut d'abord "
        "inscrire un intervenant actif avec : relais workers add NOM\n"
    )
    assert await rota_store.count(env.db) == 5


async def test_missing_file_and_bad_week_are_usage_errors(env, tmp_path):
    env.locale = "en"
    assert await relais(env, "rota", "import", str(tmp_path / "nope.csv")) == 2
    assert env.take().startswith(f"error: cannot read {tmp_path / 'nope.csv'}")
    assert await relais(env, "rota", "show", "--week", "24/06/2026") == 2
    assert env.take() == "error: bad --week '24/06/2026': use a date YYYY-MM-DD\n"


async def test_import_calendar_reads_the_next_weeks_and_reports_holidays(env, tmp_path):
    await staff(env)
    env.locale = "en"
    ics = FIXTURES / "icalendar" / "relais_google_montreal_rota.ics"
    env.moment = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    assert await relais(env, "rota", "import", str(ics), "--weeks", "2") == 0
    output = env.take()
    # Élise: Mon 15, Wed 17, Mon 22 (Wed 24 is a holiday); Bob: Sat 20, Sat 27; Carl: 24.
    assert ": 0 shift(s) removed, 6 added." in output
    assert "Carl Roy: 1 one-off shift on 2026-06-24" in output
    assert "Élise Tremblay: 3 one-off shifts from 2026-06-15 to 2026-06-22" in output
    assert "the bot extends the rota every day, 2 weeks ahead" in output
    assert "repeating events on holidays 2026-06-24 (Saint Jean Baptiste Day)" in output
    # A calendar without extension is recognised by its content.
    copy = tmp_path / "export"
    shutil.copy(ics, copy)
    assert await relais(env, "rota", "import", str(copy), "--add", "--weeks", "2") == 0
    assert ": 0 shift(s) (6 already there); nothing removed." in env.take()


async def test_import_add_keeps_the_rota_and_skips_repeats(env, tmp_path):
    await staff(env)
    await relais(env, "rota", "import", str(FIXTURES / "rota" / "rota.csv"))
    extra = tmp_path / "extra.csv"
    extra.write_text("worker,day,start,end\nCarl Roy,sun,10:00,16:00\nBob Gagnon,sat,22:00,06:00\n")
    env.take()
    assert await relais(env, "rota", "import", str(extra), "--add") == 0
    assert ": 1 quart(s) (1 déjà présent(s)); rien n'est retiré." in env.take()
    assert await rota_store.count(env.db) == 6


async def test_replace_all_is_atomic(env):
    await staff(env)
    bob = await worker_store.get_by_name(env.db, "Bob Gagnon")
    kept = [Shift(bob.id, time(9), time(17), weekday=0)]
    await rota_store.replace_all(env.db, kept, "cli", NOW)
    broken = [Shift(bob.id, time(9), time(12), weekday=1), Shift(999, time(9), time(12), weekday=1)]
    with pytest.raises(integrity_errors()):
        await rota_store.replace_all(env.db, broken, "csv", NOW)
    assert await rota_store.list_shifts(env.db) == kept
