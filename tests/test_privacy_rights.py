"""Privacy (issue 10): MES DONNEES, deep links from posters, invite tries across restarts.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP); a restart is a
second service over the first one's database file.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.channels.gsm7 import is_gsm7, normalize_for_sms, segment_count
from bot.core.i18n import I18n
from bot.core.settings import read_dotenv
from bot.reports.figures import compute
from flows import messages as m
from storage import workers
from storage.clock import from_db
from tests import service as svc
from tests.conftest import run_cli
from tests.service import CITIZEN, CITIZEN_SMS
from tests.test_e2e_worker import JADE
from tests.test_followups import scheduled, taken

TZ = ZoneInfo("America/Montreal")


def test_data_summary_fits_two_sms_in_both_languages_even_when_long():
    i18n = I18n(TZ)
    since = datetime(2026, 8, 1, 14, tzinfo=UTC)  # août: the date stays GSM-7 (2026-08-01)
    text = m.data_summary(
        telegram=False,
        since=since,
        days=365,
        until=since + timedelta(days=365),
        open_requests="#A12345, #A12346",
        checkins=12,
        next_checkin=since + timedelta(days=3),
    )
    french = normalize_for_sms(i18n.render(text, "fr"))
    assert is_gsm7(french) and segment_count(french) <= 2, (len(french), french)
    assert "depuis le 2026-08-01" in french and "pas avant le 2027-08-01" in french
    assert "12 suivis prévus, le prochain le 2026-08-04" in french
    english = normalize_for_sms(i18n.render(text, "en"))
    assert segment_count(english) <= 2 and english.startswith("Relais keeps your number")


async def test_mes_donnees_says_what_is_kept_until_when_with_cases_and_check_ins():
    async with svc.running() as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        await svc.always_on_duty(service, jade)
        alias = await taken(service, jade)
        await scheduled(service, jade, "/suivi 2h")
        await service.citizen_sms(CITIZEN, "Mes données")
        (*_, summary) = service.texts(CITIZEN_SMS)
        assert len(service.texts(CITIZEN_SMS)) == 3
        row = (await service.rows("SELECT created_at FROM citizens"))[0]
        since = from_db(row["created_at"]).astimezone(service.settings.timezone).date()
        assert summary.startswith(
            "Relais garde votre numéro, votre langue et vos messages depuis le"
            f" {since.isoformat()}."
        )
        assert f"Demande ouverte: {alias}." in summary and "1 suivi prévu, le " in summary
        assert summary.endswith("OUBLIER pour tout effacer.")
        assert segment_count(summary) <= 2
        assert CITIZEN not in summary  # the number itself is not repeated in clear


async def test_my_data_on_telegram_in_english():
    async with svc.running() as service:
        await service.citizen_telegram(5101, "/start", language_code="en")
        await service.citizen_telegram(5101, "MY DATA")
        (_, summary) = service.texts("telegram:5101")
        assert summary.startswith("Relais keeps your Telegram account, your language")
        assert "No open request. No check-in planned." in summary


async def test_poster_deep_link_is_a_first_contact_counted_by_source():
    async with svc.running() as service:
        await service.citizen_telegram(5201, "/start affiche")
        (welcome,) = service.texts("telegram:5201")
        assert welcome.startswith("Bonjour! Ici Relais") and "OUBLIER" in welcome
        assert "code" not in welcome
        await service.citizen_telegram(5202, "/start")
        assert len(service.texts("telegram:5202")) == 1
        await service.citizen_sms(CITIZEN, "Bonjour")
        assert len(service.texts(CITIZEN_SMS)) == 1
        assert await service.rows("SELECT * FROM requests") == []  # not a request
        today = service.now().astimezone(TZ).date()
        report = await compute(service.db, today - timedelta(days=1), today + timedelta(days=1), TZ)
        assert report.arrivals == {"affiche": 1, "direct": 2}
        _, out = await run_cli(service.db, "report", "--format", "csv", now=service.now())
        assert "arrivals,3\narrivals_direct,2\narrivals_affiche,1\n" in out


async def test_invite_shaped_payload_is_still_an_invite():
    async with svc.running() as service:
        await service.citizen_telegram(5301, "/start ZZZ-ZZZ")
        assert "pas valide" in service.texts("telegram:5301")[-1]
        worker = await workers.add(service.db, "Léa Roy", service.now(), organization="CLSC")
        code = await workers.create_invite(service.db, worker.id, service.now())
        await service.citizen_telegram(5301, f"/start {code.lower()}")  # typed by hand
        assert "Bienvenue Léa" in service.texts("telegram:5301")[-1]
        assert (await workers.get(service.db, worker.id)).telegram_id == 5301


async def test_poster_word_shaped_like_a_code_is_a_first_contact():
    async with svc.running() as service:
        await service.citizen_telegram(5401, "/start marche")  # six letters of the invite alphabet
        (welcome,) = service.texts("telegram:5401")
        assert welcome.startswith("Bonjour! Ici Relais")
        assert (await service.rows("SELECT source FROM arrivals"))[0]["source"] == "marche"
        await service.citizen_telegram(5402, "/start 5145550177")  # a number: never kept as is
        assert len(service.texts("telegram:5402")) == 1
        assert [r["source"] for r in await service.rows("SELECT source FROM arrivals")] == [
            "marche",
            "other",
        ]


async def test_invite_tries_limit_survives_a_restart(tmp_path):
    database = str(tmp_path / "tries.db")
    async with svc.running(database=database) as first:
        for n in range(6):
            await first.citizen_telegram(7777, f"/start ZZZZZ{n + 2}")
        assert len(first.texts("telegram:7777")) == 6
        assert first.texts("telegram:7777")[-1].startswith("Trop d'essais")
        stopped_at = first.now()
    async with svc.running(stopped_at, database=database) as second:  # the bot restarted
        second.follow(first)
        worker = await workers.add(second.db, "Léa Roy", second.now(), organization="CLSC")
        code = await workers.create_invite(second.db, worker.id, second.now())
        await second.citizen_telegram(7777, f"/start {code}")
        (answer,) = second.texts("telegram:7777")
        assert answer.startswith("Trop d'essais")
        assert (await workers.get(second.db, worker.id)).telegram_id is None


def test_dotenv_readable_by_others_is_warned_about(tmp_path, caplog):
    dotenv = tmp_path / ".env"
    dotenv.write_text("TELEGRAM_BOT_TOKEN=123:abc\n")
    dotenv.chmod(0o600)
    with caplog.at_level(logging.WARNING):
        assert read_dotenv(dotenv) == {"TELEGRAM_BOT_TOKEN": "123:abc"}
    assert not caplog.records
    dotenv.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        read_dotenv(dotenv)
    assert [r.getMessage() for r in caplog.records] == ["dotenv.readable_by_others (chmod 600)"]
