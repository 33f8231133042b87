"""Mass check-ins: /tag, /campagne with confirmation, `relais campaign send`, pacing, answers.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP); the
pacing at the Twilio number's rate stays whole-bot. `team` and `tagged_citizens` serve the
whole-bot tests of other files.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli.main import CliEnv, build_parser
from bot.followups import campaigns as campaign
from bot.followups import checkins as followups
from bot.sim.harness import Service
from storage import citizens
from storage import followups as store
from storage.clock import utcnow
from storage.db import Database
from storage.workers import Worker
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty
from tests.test_followups import taken
from tests.test_sender import most_within

COORD = 9003
MTL = ZoneInfo("America/Montreal")


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


# ---- on the service layer --------------------------------------------------------------------


@dataclass
class Team:
    service: Service
    jade: Worker
    karim: Worker
    coord: Worker


@asynccontextmanager
async def opened(
    tmp_path: Path | None = None, start: datetime = svc.AFTERNOON, **env: str
) -> AsyncIterator[Team]:
    """Jade and Karim on duty all week, Lise coordinates; on a file database when `tmp_path`
    is given, so that a `relais campaign` command can open its own connection."""
    database = str(tmp_path / "relais.db") if tmp_path else ":memory:"
    # A day or a night of virtual time may pass: the sweeps ring every 15 minutes.
    quarter = timedelta(minutes=15)
    async with svc.running(start, database=database, min_interval=quarter, **env) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        karim = await svc.add_worker(service, "Karim Haddad", KARIM, org="Sésame")
        coord = await svc.add_worker(service, "Lise Coord", COORD, role="coordinator", org="Relais")
        await svc.always_on_duty(service, jade, karim)
        yield Team(service, jade, karim, coord)


async def tagged(service: Service, numbers: list[str], tag: str = "canicule") -> None:
    """Citizens known to the bot (they wrote once, long ago) who carry a tag."""
    now = service.now()
    async with service.db.transaction() as conn:
        for number in numbers:
            citizen_id, _ = await citizens.get_or_create(conn, f"sms:{number}", "fr", now)
            await store.add_tag(conn, citizen_id, tag, None, now)


async def cli(service: Service, *argv: str) -> tuple[int, str]:
    """Run a `relais campaign …` command on its own connection, as another process would."""
    args = build_parser().parse_args(["campaign", *argv])
    out = io.StringIO()
    settings = service.settings
    async with Database(settings.database) as db:
        env = CliEnv(db, settings.timezone, "fr", settings, now=service.now, out=out)
        code = await args.func(args, env)
    return code, out.getvalue()


def sms_to(service: Service, number: str) -> list[str]:
    return service.texts(f"sms:{number}")


async def sweep(service: Service) -> None:
    """Time passes until the follow-ups sweep rings (as `relais run`'s does)."""
    await service.run_until(service.clock_work.jobs["followups:sweep"].when)


async def test_tag_adds_removes_and_shows():
    async with opened() as team:
        service, jade = team.service, team.jade
        alias = await taken(service, jade)
        await service.worker_text(jade, "/tag Canicule aines")
        [shown] = service.said(jade, "Étiquettes")
        assert shown.body == f"Étiquettes de la personne de {alias}: aines, canicule"
        await service.worker_text(jade, "/tag -aines")
        assert service.said(jade, f"{alias}: canicule")
        await service.worker_text(jade, "/tag deux-mots? oui")
        assert service.said(jade, "Lettres, chiffres")
        assert [r["tag"] for r in await service.rows("SELECT tag FROM citizen_tags")] == [
            "canicule"
        ]


async def test_campagne_needs_a_coordinator_and_a_confirmation():
    async with opened() as team:
        service, jade, karim, coord = team.service, team.jade, team.karim, team.coord
        numbers = [f"+1514555030{i}" for i in range(3)]
        await tagged(service, numbers)
        await tagged(service, ["+15145550309"], tag="autre")
        await service.worker_text(jade, "/campagne canicule Buvez de l'eau")
        assert service.said(jade, "Seule la coordination")
        await service.worker_text(coord, "/campagne canicule Il fait très chaud. Buvez de l'eau.")
        [ask] = service.said(coord, "Envoyer à 3 personnes (canicule)")
        go, no = ask.choices
        await sweep(service)
        assert not any(service.sms.transcripts.values())  # nothing before the confirmation
        await service.worker_press(karim, go, "1")
        assert service.said(karim, "pas permise")
        await service.worker_press(coord, go, ask.message_id)
        assert service.said(coord, "Campagne 1: envoi de 3 messages")
        await sweep(service)
        for number in numbers:
            [body] = sms_to(service, number)
            assert body.startswith("Il fait très chaud. Buvez de l'eau.\n- Lise, Relais (Relais)")
            assert "1) Tout va bien" in body
        await service.worker_press(coord, no, ask.message_id)  # too late: already sent
        assert len(service.said(coord, "pas permise")) == 1
        await sweep(service)
        [done] = service.said(coord, "tout est parti")
        assert "tout est parti (3 envoyés, 0 en échec)" in done.body
        assert sms_to(service, "+15145550309") == []


async def test_answers_to_a_campaign_are_routed_like_check_in_answers():
    async with opened() as team:
        service, jade, coord = team.service, team.jade, team.coord
        numbers = [f"+1514555031{i}" for i in range(3)]
        await tagged(service, numbers)
        async with service.db.transaction() as conn:
            await campaign.create(
                conn, "canicule", "Comment allez-vous?", service.now(), service.settings
            )
        await sweep(service)
        for number in numbers:
            assert len(sms_to(service, number)) == 1
        await service.citizen_sms(numbers[0], "1")
        await service.citizen_sms(numbers[1], "2")
        [card] = service.said(jade, "Nouvelle demande")
        assert "parler" in card.body
        (request,) = await service.rows("SELECT source, status FROM requests")
        assert tuple(request) == ("campaign", "waiting")
        assert "transmise" in sms_to(service, numbers[1])[1]
        assert "Merci de votre réponse" in sms_to(service, numbers[0])[1]
        assert not service.said(jade, "tout va bien")  # counted, not relayed
        # A day later, one summary names who did not answer.
        await service.advance(timedelta(hours=23, minutes=45))
        assert not service.said(coord, "Campagne 1 (canicule)")
        await service.advance(timedelta(hours=1))
        [summary] = service.said(coord, "Campagne 1 (canicule)")
        assert "1 vont bien, 1 voulaient parler, 1 sans réponse" in summary.body
        await campaign.follow_up(service.relais)
        await service.advance(timedelta(hours=1))
        assert len(service.said(coord, "Campagne 1 (canicule)")) == 1


async def test_cli_queues_rows_the_running_bot_sends_and_reports(tmp_path):
    async with opened(tmp_path, RELAIS_SMS_RATE="5") as team:
        service = team.service
        numbers = [f"+151455503{i:02d}" for i in range(20, 32)]
        await tagged(service, numbers)
        code, out = await cli(service, "send", "--tag", "Canicule", "--no-wait", "Buvez de l'eau")
        assert code == 0
        assert "Campagne 1 (étiquette canicule) : 12 citoyen(s)." in out and "12 par sms" in out
        assert (await campaign.progress(service.db, 1)).waiting == 12
        assert not any(service.sms.transcripts.values())  # the command only writes rows
        await sweep(service)  # the bot's sweep, which runs every 10 seconds
        for number in numbers:
            assert sms_to(service, number) == [
                "Buvez de l'eau\n- Relais, Mercier-Est\n1) Tout va bien\n"
                "2) J'aimerais parler à quelqu'un"
            ]
        code, out = await cli(service, "status")
        assert "Campagne 1 : 12/12 envoyés, 0 en échec, 0 en attente" in out
        code, out = await cli(service, "tags")
        assert out == "canicule: 12\n"
        code, out = await cli(service, "send", "--tag", "personne", "Allo")
        assert code == 1 and "rien n'est envoyé" in out


async def test_opted_out_citizens_are_left_out(tmp_path):
    async with opened(tmp_path) as team:
        service = team.service
        await tagged(service, [CITIZEN, "+15145550399"])
        await service.citizen_sms(CITIZEN, "STOP")
        assert len(service.texts(CITIZEN_SMS)) == 1
        _code, out = await cli(service, "send", "--tag", "canicule", "--no-wait", "Allo?")
        assert "1 citoyen(s)" in out
        await sweep(service)
        assert len(sms_to(service, "+15145550399")) == 1
        assert len(service.texts(CITIZEN_SMS)) == 1


async def test_a_campaign_in_quiet_hours_waits_for_the_morning(tmp_path):
    late_evening = datetime(2026, 12, 1, 23, 0, tzinfo=MTL)
    async with opened(tmp_path, late_evening, RELAIS_QUIET_HOURS="21:00-08:00") as team:
        service = team.service
        await tagged(service, ["+15145550398"])
        code, out = await cli(service, "send", "--tag", "canicule", "Allo?")
        assert code == 0 and "Heures de silence" in out and "2026-12-02 08:00" in out
        await sweep(service)
        assert sms_to(service, "+15145550398") == []
        assert (await campaign.progress(service.db, 1)).waiting == 1
        await service.run_until(datetime(2026, 12, 2, 7, 59, tzinfo=MTL))
        assert sms_to(service, "+15145550398") == []
        await service.run_until(datetime(2026, 12, 2, 8, 15, tzinfo=MTL))
        [sent] = service.transcript("sms:+15145550398")
        assert sent.body.startswith("Allo?")
        assert sent.at >= datetime(2026, 12, 2, 8, 0, tzinfo=MTL)


# ---- whole bot: the pacing on the wire ------------------------------------------------------


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
    code, _out = await _cli(bot, "send", "--tag", "Canicule", "--no-wait", "Buvez de l'eau")
    assert code == 0
    await followups.sweep(bot.relais)  # the bot's sweep, which runs every 10 seconds
    await bot.tw.wait_for(lambda: len(bot.tw.messages) >= 12, timeout=10)
    # The Twilio number's rate: 2 at once, then 5 a second. Sends to different numbers go
    # side by side, so an arrival can lag its turn: the bound leaves half a second for that.
    assert most_within(bot.tw.arrivals, 0.5) <= 2 + 5 * (0.5 + 0.5)  # unpaced: all 12
    assert sorted(m["to"] for m in bot.tw.messages) == numbers


def test_cli_parser_has_the_interface_command():
    args = build_parser().parse_args(["campaign", "send", "--tag", "canicule", "Bonjour"])
    assert isinstance(args, argparse.Namespace) and args.tag == "canicule"
    assert args.message == "Bonjour" and not args.no_wait
