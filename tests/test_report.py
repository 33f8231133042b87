"""`relais report`: the network's figures for a period, as text (fr/en) or CSV; the figures
after real conversations on the service layer (the real bot on a fake clock, no HTTP)."""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cli import report as cli_report
from bot.reports.figures import percentile
from storage.clock import to_db
from storage.db import Database
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS

MTL = ZoneInfo("America/Montreal")
JADE = 9301
NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)


@dataclass
class Env:
    db: Database
    timezone: ZoneInfo = MTL
    locale: str = "fr"
    moment: datetime = NOW
    out: io.StringIO = field(default_factory=io.StringIO)

    def now(self) -> datetime:
        return self.moment


async def report(env: Env, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="relais")
    cli_report.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *argv])
    env.out = io.StringIO()
    code = await args.func(args, env)
    return code, env.out.getvalue()


def figures(text: str) -> dict[str, str]:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["figure", "value"]
    return dict(rows[1:])


async def test_report_after_real_conversations():
    async with svc.running(NOW) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        await svc.always_on_duty(service, jade)
        await service.citizen_sms(CITIZEN, "Je suis seule et j'ai besoin de parler")
        [card] = service.cards(jade)
        await service.worker_press(jade, svc.take(card), card.message_id)
        assert len(service.texts(CITIZEN_SMS)) == 2
        await service.advance(timedelta(minutes=4))
        await service.worker_text(jade, "Bonjour, je suis la. Comment allez-vous?")
        assert len(service.texts(CITIZEN_SMS)) == 3
        await service.worker_text(jade, "/fin crise")
        ask = svc.last(service, jade, "quel profil")
        await service.worker_press(jade, "w:prof:1:seul", ask.message_id)
        assert len(service.texts(CITIZEN_SMS)) == 4
        await service.citizen_telegram(4242, "I need help with my rent", language_code="en")
        assert len(service.texts("telegram:4242")) == 1
        other = "+15145550133"
        await service.citizen_sms(other, "je veux mourir")
        crisis = service.texts(f"sms:{other}")
        assert len(crisis) == 2 and "911" in crisis[0]  # the crisis lines, then the welcome
        await service.citizen_sms(other, "OUBLIER")
        assert len(service.texts(f"sms:{other}")) == 3
        await service.citizen_sms(other, "OUI")
        assert len(service.texts(f"sms:{other}")) == 4
        assert (await service.rows("SELECT count(*) AS n FROM citizens"))[0]["n"] == 2
        env = Env(service.db, moment=service.now())
        code, out = await report(env, "--format", "csv")
    assert code == 0
    found = figures(out)
    assert found["contacts"] == "3"  # the erased person still counts, anonymously
    assert found["persons_followed"] == "1" and found["profile_seul"] == "1"
    assert found["requests"] == "3"
    assert (found["requests_sms"], found["requests_telegram"]) == ("2", "1")
    assert (found["requests_lang_fr"], found["requests_lang_en"]) == ("2", "1")
    assert found["interventions_crise"] == "1" and found["interventions_ecoute"] == "0"
    # The one closed as crisis: the urgent request nobody took is no intervention.
    assert found["crisis_interventions"] == "1" and found["crisis_unclaimed"] == "1"
    assert found["requests_with_reply"] == "1" and found["first_reply_median_minutes"] == "4.0"
    assert found["out_of_hours_requests"] == "0"


@pytest.fixture
async def db(tmp_path):
    async with Database(str(tmp_path / "relais.db")) as database:
        yield database


async def add_request(db, created: datetime, **values) -> int:
    columns = {"channel": "sms", "language": "fr", "created_at": to_db(created), **values}
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"INSERT INTO requests ({names}) VALUES ({marks})", tuple(columns.values())
        )
    return cursor.lastrowid


async def add_citizen(db, number: str) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO citizens (address, channel, created_at) VALUES (?, 'sms', ?)",
            (f"sms:{number}", to_db(NOW)),
        )
    return cursor.lastrowid


async def sample(db) -> None:
    """Ten requests in November with replies after 1..10 minutes, and edge cases around it."""
    base = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    jade = await add_citizen(db, "+15145550101")
    for minute in range(1, 11):
        await add_request(
            db, base, citizen_id=jade if minute <= 2 else None, status="closed",
            claimed_at=to_db(base), first_reply_at=to_db(base + timedelta(minutes=minute)),
            intervention_type="ecoute" if minute % 2 else "info",
            profile="famille" if minute == 2 else None, escalations=1 if minute == 3 else 0,
        )  # fmt: skip
    await add_request(db, base, out_of_hours=1, urgent=1, escalations=2, channel="telegram")
    # 23:30 on December 31 in Montréal is already January 1 in UTC: it belongs to 2025.
    await add_request(db, datetime(2026, 1, 1, 4, 30, tzinfo=UTC))
    async with db.transaction() as conn:
        for category, given_by in (("food", "search"), ("food", "worker"), ("housing", "search")):
            await conn.execute(
                "INSERT INTO referrals (at, category, channel, given_by) VALUES (?, ?, 'sms', ?)",
                (to_db(base), category, given_by),
            )


async def test_figures_of_a_period_as_csv(db):
    await sample(db)
    code, out = await report(
        Env(db), "--from", "2026-01-01", "--to", "2026-11-30", "--format", "csv"
    )
    assert code == 0
    found = figures(out)
    assert found["period_from"] == "2026-01-01" and found["period_to"] == "2026-11-30"
    assert found["requests"] == "11"
    assert found["contacts"] == "10"  # one known citizen (2 requests) + 8 anonymous + 1 unknown
    assert found["persons_followed"] == "9"
    assert found["profile_famille"] == "1" and found["profile_inconnu"] == "8"
    assert found["interventions_ecoute"] == "5" and found["interventions_info"] == "5"
    assert found["first_reply_median_minutes"] == "5.5"
    assert found["first_reply_p90_minutes"] == "9.0"
    assert (found["escalations"], found["escalated_requests"]) == ("3", "2")
    assert found["out_of_hours_requests"] == "1"
    assert found["crisis_interventions"] == "0" and found["crisis_unclaimed"] == "1"
    assert (found["referrals_worker"], found["referrals_worker_food"]) == ("1", "1")
    assert (found["referrals_search"], found["referrals_search_housing"]) == ("2", "1")
    assert (found["referrals"], found["referrals_food"], found["referrals_housing"]) == (
        "3",
        "2",
        "1",
    )
    assert list(found)[:4] == ["period_from", "period_to", "contacts", "persons_followed"]
    _, last_year = await report(
        Env(db), "--from", "2025-12-31", "--to", "2025-12-31", "--format", "csv"
    )
    assert figures(last_year)["requests"] == "1"


async def test_text_reads_like_the_activity_report_in_french_and_english(db):
    await sample(db)
    _, french = await report(Env(db), "--from", "2026-11-01", "--to", "2026-11-30")
    assert french.startswith("Relais — bilan d'activité du 1er novembre 2026 au 30 novembre 2026")
    assert "10 prises de contact" in french
    assert "9 personnes suivies: 1 famille, 8 profils inconnus" in french
    assert "Interventions: 5 d'écoute active, 5 d'information et de référence" in french
    assert "\n0 intervention de gestion de crise (" in french
    assert "Demandes urgentes que personne n'a prises en charge: 1" in french
    assert "médiane 5,5 min, 90e centile 9,0 min (demandes avec réponse: 10)" in french
    assert "3 relances d'une demande" in french
    assert "1 référence vers des ressources par un intervenant: 1 alimentation" in french
    assert "Recherches des citoyens: 2 ressources montrées: 1 alimentation, 1 logement" in french
    assert "Relances de suivi: 0 envoyées" in french
    _, english = await report(Env(db, locale="en"), "--from", "2026-11-01", "--to", "2026-11-30")
    assert english.startswith("Relais — activity report from November 1, 2026 to November 30, 2026")
    assert "9 people followed: 1 family, 8 unknown profiles" in english
    assert "11 requests: 10 by SMS, 1 on Telegram; 11 in French" in english


async def test_default_period_is_the_year_so_far_and_bad_dates_are_refused(db):
    await sample(db)
    _, out = await report(Env(db), "--format", "csv")
    assert figures(out)["period_from"] == "2026-01-01"
    assert figures(out)["period_to"] == "2026-11-26"
    code, out = await report(Env(db), "--from", "2026-13-01")
    assert code == 2 and out.startswith("erreur : --from « 2026-13-01 » invalide")
    code, out = await report(Env(db, locale="en"), "--from", "2026-13-01")
    assert code == 2 and out.startswith("error: bad --from '2026-13-01'")
    code, out = await report(Env(db), "--from", "2026-12-01", "--to", "2026-11-01")
    assert code == 2 and out == "erreur : --from 2026-12-01 est après --to 2026-11-01\n"


async def test_text_and_csv_round_reply_times_alike(db):
    base = datetime(2026, 11, 10, 15, 0, tzinfo=UTC)
    for after in (timedelta(seconds=12), timedelta(seconds=12), timedelta(minutes=65)):
        await add_request(db, base, claimed_at=to_db(base), first_reply_at=to_db(base + after))
    _, out = await report(Env(db), "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv")
    assert figures(out)["first_reply_median_minutes"] == "0.2"
    assert figures(out)["first_reply_p90_minutes"] == "65.0"
    _, french = await report(Env(db), "--from", "2026-11-01", "--to", "2026-11-30")
    assert "médiane 0,2 min, 90e centile 65,0 min (1 h 05)" in french
    _, english = await report(Env(db, locale="en"), "--from", "2026-11-01", "--to", "2026-11-30")
    assert "median 0.2 min, 90th percentile 65.0 min (1 h 05)" in english


def test_percentile_is_nearest_rank():
    assert percentile([4, 1, 3, 2], 50) == 2
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([7], 90) == 7


async def test_referrals_made_before_the_migration_are_told_apart_by_the_audit(tmp_path):
    from storage.db import _migration_scripts

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number, _, sql in _migration_scripts():
        if number < 16:
            conn.executescript(f"{sql}\nPRAGMA user_version = {number};")
    at = to_db(datetime(2026, 11, 10, 15, 0, tzinfo=UTC))
    conn.execute(
        "INSERT INTO requests (channel, language, created_at) VALUES ('sms', 'fr', ?)", (at,)
    )
    conn.execute(
        "INSERT INTO audit (at, actor, action, request_id)"
        " VALUES (?, 'worker:1', 'resource.sent', 1)",
        (at,),
    )
    conn.execute(
        "INSERT INTO referrals (at, request_id, category, channel) VALUES (?, 1, 'food', 'sms')",
        (at,),
    )
    conn.execute(
        "INSERT INTO referrals (at, request_id, category, channel) VALUES (?, 1, 'housing', 'sms')",
        ("2026-11-10T15:00:05+00:00",),
    )
    conn.commit()
    conn.close()
    async with Database(str(path)) as db:
        rows = await db.fetchall("SELECT category, given_by FROM referrals ORDER BY id")
    assert [tuple(r) for r in rows] == [("food", "worker"), ("housing", "search")]
