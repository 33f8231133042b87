"""Mass check-ins: /tag, /campagne with confirmation, `relais campaign send`, pacing, answers."""

from __future__ import annotations

import argparse
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.cli.main import CliEnv, build_parser
from bot.followups import campaigns as campaign
from bot.followups import checkins as followups
from storage import citizens
from storage import followups as store
from storage.clock import to_db, utcnow
from storage.db import Database
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty
from tests.test_followups import claimed_case, said
from tests.test_sender import most_within

COORD = 9003


async def team(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, org="Sésame")
    coord = await add_worker(bot.db, "Lise Coord", COORD, role="coordinator", org="Relais")
    await always_on_duty(bot.db, jade, karim)
    return coord


async def tagged_citizens(bot, numbers: list[str], tag: str = "canicule") -> None:
    """Citizens known to the bot (they wrote once, long ago) who carry a tag."""
    now = utcnow()
    async with bot.db.transaction() as conn:
        for number in numbers:
            citizen_id, _ = await citizens.get_or_create(conn, f"sms:{number}", "fr", now)
            await store.add_tag(conn, citizen_id, tag, None, now)


def test_tags_are_folded_and_checked():
    assert campaign.clean_tag("Canicule") == "canicule"
    assert campaign.clean_tag("#grand-froid") == "grand-froid"
    assert campaign.clean_tag("Aînés") == "aines"
    assert campaign.clean_tag("deux mots") is None
    assert campaign.clean_tag("x" * 31) is None


async def test_tag_adds_removes_and_shows(bot):
    await team(bot)
    alias = await claimed_case(bot)
    bot.tg.push_text(JADE, "/tag Canicule aines")
    (shown,) = await said(bot, JADE, "Étiquettes")
    assert shown["text"] == f"Étiquettes de la personne de {alias}: aines, canicule"
    bot.tg.push_text(JADE, "/tag -aines")
    await said(bot, JADE, f"{alias}: canicule")
    bot.tg.push_text(JADE, "/tag deux-mots? oui")
    await said(bot, JADE, "Lettres, chiffres")
    assert [r["tag"] for r in await bot.rows("SELECT tag FROM citizen_tags")] == ["canicule"]


async def test_campagne_needs_a_coordinator_and_a_confirmation(bot):
    await team(bot)
    numbers = [f"+1514555030{i}" for i in range(3)]
    await tagged_citizens(bot, numbers)
    await tagged_citizens(bot, ["+15145550309"], tag="autre")
    bot.tg.push_text(JADE, "/campagne canicule Buvez de l'eau")
    await said(bot, JADE, "Seule la coordination")
    bot.tg.push_text(COORD, "/campagne canicule Il fait très chaud. Buvez de l'eau.")
    (ask,) = await said(bot, COORD, "Envoyer à 3 personnes (canicule)")
    go, no = (row[0]["callback_data"] for row in ask["reply_markup"]["inline_keyboard"])
    await bot.quiet()
    assert bot.tw.messages == []  # nothing before the confirmation
    bot.tg.push_callback(KARIM, 1, go)
    await said(bot, KARIM, "pas permise")
    bot.tg.push_callback(COORD, ask["message_id"], go)
    await said(bot, COORD, "Campagne 1: envoi de 3 messages")
    for number in numbers:
        (body,) = await bot.sms_replies(number)
        assert body.startswith("Il fait très chaud. Buvez de l'eau.\n- Lise, Relais (Relais)")
        assert "1) Tout va bien" in body
    bot.tg.push_callback(COORD, ask["message_id"], no)  # too late: already sent
    await said(bot, COORD, "pas permise")
    await followups.sweep(bot.relais)
    await said(bot, COORD, "tout est parti (3 envoyés, 0 en échec)")
    assert bot.tw.bodies_to("+15145550309") == []


async def test_answers_to_a_campaign_are_routed_like_check_in_answers(bot):
    await team(bot)
    numbers = [f"+1514555031{i}" for i in range(3)]
    await tagged_citizens(bot, numbers)
    async with bot.db.transaction() as conn:
        await campaign.create(
            conn, "canicule", "Comment allez-vous?", utcnow(), bot.relais.settings
        )
    await followups.sweep(bot.relais)
    for number in numbers:
        await bot.sms_replies(number)
    await bot.sms("1", from_=numbers[0])
    await bot.sms("2", from_=numbers[1])
    (card,) = await said(bot, JADE, "Nouvelle demande")
    assert "parler" in card["text"]
    (request,) = await bot.rows("SELECT source, status FROM requests")
    assert tuple(request) == ("campaign", "waiting")
    assert "transmise" in (await bot.sms_replies(numbers[1], count=2))[1]
    assert "Merci de votre réponse" in (await bot.sms_replies(numbers[0], count=2))[1]
    assert not [t for t in bot.tg.texts(JADE) if "tout va bien" in t]  # counted, not relayed
    # A day later, one summary names who did not answer.
    past = to_db(utcnow() - timedelta(hours=25))
    await bot.db.execute("UPDATE followups SET sent_at = ?", (past,))
    await bot.db.execute("UPDATE inbound SET received_at = ? WHERE citizen_id = 3", (past,))
    await campaign.follow_up(bot.relais)
    (summary,) = await said(bot, COORD, "Campagne 1 (canicule)")
    assert "1 vont bien, 1 voulaient parler, 1 sans réponse" in summary["text"]
    await campaign.follow_up(bot.relais)
    await bot.quiet()
    assert len([t for t in bot.tg.texts(COORD) if "Campagne 1 (canicule)" in t]) == 1


async def _cli(bot, *argv: str) -> tuple[int, str]:
    """Run a `relais campaign …` command on its own connection, as another process would."""
    args = build_parser().parse_args(["campaign", *argv])
    out = io.StringIO()
    async with Database(bot.relais.settings.database) as db:
        env = CliEnv(db, bot.relais.settings.timezone, "fr", bot.relais.settings, out=out)
        code = await args.func(args, env)
    return code, out.getvalue()


async def test_cli_queues_rows_the_running_bot_sends_paced(make_bot):
    bot = await make_bot(RELAIS_SMS_RATE="5")
    await team(bot)
    numbers = [f"+151455503{i:02d}" for i in range(20, 32)]
    await tagged_citizens(bot, numbers)
    code, out = await _cli(bot, "send", "--tag", "Canicule", "--no-wait", "Buvez de l'eau")
    assert code == 0
    assert "Campagne 1 (étiquette canicule) : 12 citoyen(s)." in out and "12 par sms" in out
    assert (await campaign.progress(bot.db, 1)).waiting == 12
    await followups.sweep(bot.relais)  # the bot's sweep, which runs every 10 seconds
    await bot.tw.wait_for(lambda: len(bot.tw.messages) >= 12, timeout=10)
    # The Twilio number's rate: 2 at once, then 5 a second. Sends to different numbers go
    # side by side, so an arrival can lag its turn: the bound leaves half a second for that.
    assert most_within(bot.tw.arrivals, 0.5) <= 2 + 5 * (0.5 + 0.5)  # unpaced: all 12
    assert sorted(m["to"] for m in bot.tw.messages) == numbers
    await bot.quiet()
    code, out = await _cli(bot, "status")
    assert "Campagne 1 : 12/12 envoyés, 0 en échec, 0 en attente" in out
    code, out = await _cli(bot, "tags")
    assert out == "canicule: 12\n"
    code, out = await _cli(bot, "send", "--tag", "personne", "Allo")
    assert code == 1 and "rien n'est envoyé" in out


async def test_opted_out_citizens_are_left_out(bot):
    await team(bot)
    await tagged_citizens(bot, [CITIZEN_NUMBER, "+15145550399"])
    await bot.sms("STOP")
    await bot.sms_replies(count=1)
    _code, out = await _cli(bot, "send", "--tag", "canicule", "--no-wait", "Allo?")
    assert "1 citoyen(s)" in out
    await followups.sweep(bot.relais)
    await bot.sms_replies("+15145550399")
    await bot.quiet()
    assert len(bot.tw.bodies_to(CITIZEN_NUMBER)) == 1


def _quiet_around_now(tz: ZoneInfo) -> str:
    """A quiet-hours window from an hour ago to two hours ahead, whatever the time is."""
    now = datetime.now(UTC).astimezone(tz)
    start, end = now - timedelta(hours=1), now + timedelta(hours=2)
    return f"{start:%H:%M}-{end:%H:%M}"


async def test_a_campaign_in_quiet_hours_waits_for_the_morning(make_bot):
    bot = await make_bot(RELAIS_QUIET_HOURS=_quiet_around_now(ZoneInfo("America/Montreal")))
    await tagged_citizens(bot, ["+15145550398"])
    code, out = await _cli(bot, "send", "--tag", "canicule", "Allo?")
    assert code == 0 and "Heures de silence" in out
    await followups.sweep(bot.relais)
    await bot.quiet()
    assert bot.tw.messages == []
    assert (await campaign.progress(bot.db, 1)).waiting == 1


def test_cli_parser_has_the_interface_command():
    args = build_parser().parse_args(["campaign", "send", "--tag", "canicule", "Bonjour"])
    assert isinstance(args, argparse.Namespace) and args.tag == "canicule"
    assert args.message == "Bonjour" and not args.no_wait
