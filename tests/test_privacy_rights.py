"""Privacy (issue 10): MES DONNEES, deep links from posters, invite tries across restarts."""

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
from tests.conftest import CITIZEN_NUMBER, run_cli
from tests.test_followups import claimed_case, desk, schedule  # noqa: F401 (fixture)

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


async def test_mes_donnees_says_what_is_kept_until_when_with_cases_and_check_ins(desk):  # noqa: F811
    alias = await claimed_case(desk)
    await schedule(desk, "/suivi 2h")
    await desk.sms("Mes données")
    (*_, summary) = await desk.sms_replies(count=3)
    row = (await desk.rows("SELECT created_at FROM citizens"))[0]
    since = from_db(row["created_at"]).astimezone(desk.relais.settings.timezone).date()
    assert summary.startswith(
        f"Relais garde votre numéro, votre langue et vos messages depuis le {since.isoformat()}."
    )
    assert f"Demande ouverte: {alias}." in summary and "1 suivi prévu, le " in summary
    assert summary.endswith("OUBLIER pour tout effacer.")
    assert segment_count(summary) <= 2
    assert CITIZEN_NUMBER not in summary  # the number itself is not repeated in clear


async def test_my_data_on_telegram_in_english(bot):
    bot.tg.push_text(5101, "/start", language_code="en")
    await bot.telegram_replies(5101)
    bot.tg.push_text(5101, "MY DATA")
    (_, summary) = await bot.telegram_replies(5101, count=2)
    assert summary["text"].startswith("Relais keeps your Telegram account, your language")
    assert "No open request. No check-in planned." in summary["text"]


async def test_poster_deep_link_is_a_first_contact_counted_by_source(bot):
    bot.tg.push_text(5201, "/start affiche")
    (welcome,) = await bot.telegram_replies(5201)
    assert welcome["text"].startswith("Bonjour! Ici Relais") and "OUBLIER" in welcome["text"]
    assert "code" not in welcome["text"]
    bot.tg.push_text(5202, "/start")
    await bot.telegram_replies(5202)
    await bot.sms("Bonjour")
    await bot.sms_replies()
    assert await bot.rows("SELECT * FROM requests") == []  # "/start affiche" is not a request
    today = datetime.now(UTC).astimezone(TZ).date()
    report = await compute(bot.db, today - timedelta(days=1), today + timedelta(days=1), TZ)
    assert report.arrivals == {"affiche": 1, "direct": 2}
    _, out = await run_cli(bot.db, "report", "--format", "csv", now=datetime.now(UTC))
    assert "arrivals,3\narrivals_direct,2\narrivals_affiche,1\n" in out


async def test_invite_shaped_payload_is_still_an_invite(bot):
    bot.tg.push_text(5301, "/start ZZZ-ZZZ")
    await bot.tg.wait_for(lambda: any("pas valide" in t for t in bot.tg.texts(5301)))
    worker = await workers.add(bot.db, "Léa Roy", datetime.now(UTC), organization="CLSC")
    code = await workers.create_invite(bot.db, worker.id, datetime.now(UTC))
    bot.tg.push_text(5301, f"/start {code.lower()}")  # typed by hand
    await bot.tg.wait_for(lambda: any("Bienvenue Léa" in t for t in bot.tg.texts(5301)))


async def test_poster_word_shaped_like_a_code_is_a_first_contact(bot):
    bot.tg.push_text(5401, "/start marche")  # six letters of the invite alphabet
    (welcome,) = await bot.telegram_replies(5401)
    assert welcome["text"].startswith("Bonjour! Ici Relais")
    assert (await bot.rows("SELECT source FROM arrivals"))[0]["source"] == "marche"
    bot.tg.push_text(5402, "/start 5145550177")  # a number as payload: never kept as written
    await bot.telegram_replies(5402)
    assert [r["source"] for r in await bot.rows("SELECT source FROM arrivals")] == [
        "marche",
        "other",
    ]


async def test_invite_tries_limit_survives_a_restart(make_bot, tmp_path):
    database = str(tmp_path / "tries.db")
    first = await make_bot(RELAIS_DATABASE=database)
    for n in range(6):
        first.tg.push_text(7777, f"/start ZZZZZ{n + 2}")
    await first.tg.wait_for(lambda: len(first.tg.texts(7777)) == 6)
    assert first.tg.texts(7777)[-1].startswith("Trop d'essais")
    await first.relais.stop()
    second = await make_bot(RELAIS_DATABASE=database)
    worker = await workers.add(second.db, "Léa Roy", datetime.now(UTC), organization="CLSC")
    code = await workers.create_invite(second.db, worker.id, datetime.now(UTC))
    second.tg.push_text(7777, f"/start {code}")
    await second.tg.wait_for(lambda: len(second.tg.texts(7777)) == 7)
    assert second.tg.texts(7777)[-1].startswith("Trop d'essais")
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
