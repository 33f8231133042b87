"""Issue 11: nights, crises, English speakers, on-call and true answers.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP), from fixed
moments: a Tuesday at 03:00 in Montréal when nobody is on duty, a Tuesday at 10:00 when Jade
is. Jade works Monday to Friday, 9 h to 17 h. `relais run`'s own warning is a child process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta

from bot.channels.memory import Sent
from bot.escalation import housekeeping
from bot.sim.harness import Service
from storage import followups as followup_store
from storage import rota as rota_store
from storage import workers
from tests import service as svc
from tests.conftest import run_cli
from tests.service import CITIZEN, CITIZEN_SMS, take

JADE, EMMA, OLIVIA, CLAUDE, CHAT = 9301, 9302, 9303, 9304, 4242
NIGHT = datetime(2027, 1, 12, 8, 0, tzinfo=UTC)  # Tuesday 03:00 in Montréal
DAY = datetime(2027, 1, 12, 15, 0, tzinfo=UTC)  # Tuesday 10:00
EVENING = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)  # Tuesday 20:00
SATURDAY = datetime(2027, 1, 16, 15, 0, tzinfo=UTC)  # Saturday 10:00
NOBODY = "urgent requests at night will reach no one"


def has_crisis_lines(text: str) -> bool:
    return "911" in text and "277-3553" in text and "811 option 2" in text


async def weekdays(db, *crew, start=time(9), end=time(17), days=range(5)) -> None:
    shifts = [rota_store.Shift(w.id, start, end, weekday=d) for w in crew for d in days]
    await rota_store.add(db, shifts, "cli", NIGHT)


@asynccontextmanager
async def running(moment: datetime, *extra: str) -> AsyncIterator[Service]:
    """The bot at `moment`, Jade (fr) on the weekday rota; `extra`: "emma", "olivia", "claude"."""
    async with svc.running(moment) as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        crew = [jade]
        if "emma" in extra:
            emma = await svc.add_worker(service, "Emma Wilson", EMMA, languages=("en",), org="CLSC")
            crew.append(emma)
        if "olivia" in extra:
            await svc.add_worker(service, "Olivia Roy", OLIVIA, role="oncall", org="Astreinte")
        if "claude" in extra:
            await svc.add_worker(service, "Claude Roy", CLAUDE, role="coordinator", org="Table")
        await weekdays(service.db, *crew)
        yield service


async def converse(service: Service, *texts: str, number: str = CITIZEN) -> list[str]:
    """Send each SMS; each gets at least one answer; every answer so far."""
    for text in texts:
        before = len(service.texts(f"sms:{number}"))
        await service.citizen_sms(number, text)
        assert len(service.texts(f"sms:{number}")) > before, text
    return service.texts(f"sms:{number}")


def to(service: Service, telegram_id: int) -> list[Sent]:
    """What a worker's (or a Telegram citizen's) chat received."""
    return service.transcript(f"telegram:{telegram_id}")


def texts(service: Service, telegram_id: int) -> list[str]:
    return [sent.body for sent in to(service, telegram_id)]


# ---- 1. silence for a person in distress at night ---------------------------------------------


async def test_every_sms_of_a_night_in_distress_gets_an_answer_with_the_crisis_lines():
    async with running(NIGHT) as bot:
        await bot.citizen_sms(CITIZEN, "chu pu capable, j'veux pu vivre")
        crisis, notice = bot.texts(CITIZEN_SMS)
        assert has_crisis_lines(crisis) and "mardi 12 janvier à 9 h" in crisis
        assert "avertie" not in crisis  # nobody on call, nobody was alerted: say when, not a lie
        assert "OUBLIER" in notice and "For English, reply EN." in notice
        words = ["jme sens tout seul", "allo? ya quelqu un?", "3", "1"]
        words += [f"allo {n}" for n in range(5, 11)]  # the tenth message of the night too
        for n, text in enumerate(words, start=3):
            await bot.citizen_sms(CITIZEN, text)
            replies = bot.texts(CITIZEN_SMS)
            assert len(replies) == n and has_crisis_lines(replies[n - 1]), text


async def test_telegram_at_night_every_message_is_answered():
    async with running(NIGHT) as bot:
        await bot.citizen_telegram(CHAT, "J'ai besoin d'aide pour un formulaire")
        assert len(to(bot, CHAT)) == 1
        await bot.citizen_telegram(CHAT, "allo")
        assert len(to(bot, CHAT)) == 2
        await bot.citizen_telegram(CHAT, "ya tu quelqu un qui lit ca??")
        replies = texts(bot, CHAT)
        assert len(replies) == 3 and "mardi 12 janvier à 9 h" in replies[2]


# ---- 2. "Aide urgente" with an open case ------------------------------------------------------


async def test_urgent_help_on_a_claimed_case_by_day_gives_crisis_lines_and_tells_the_worker():
    async with running(DAY) as bot:
        jade = await workers.get_by_name(bot.db, "Jade Tremblay")
        await svc.takes(bot, jade, CITIZEN, "J'ai besoin d'aide pour mon loyer")
        assert len(bot.texts(CITIZEN_SMS)) == 2
        replies = await converse(bot, "MENU", "3")
        assert has_crisis_lines(replies[-1]) and "La personne qui suit votre demande" in replies[-1]
        assert any(t.startswith("URGENT - #A1") for t in texts(bot, JADE))
        (row,) = await bot.rows("SELECT urgent FROM requests")
        assert row["urgent"] == 1


async def test_urgent_help_on_a_waiting_case_by_day_pages_it_again_as_urgent():
    async with running(DAY) as bot:
        replies = await converse(bot, "J'ai besoin d'aide pour mon loyer", "MENU", "3")
        assert has_crisis_lines(replies[-1]) and "L'équipe de garde est avertie." in replies[-1]
        first, second = texts(bot, JADE)
        assert first.startswith("Nouvelle demande #A1")
        assert second.startswith("URGENT - Nouvelle demande #A1")


async def test_urgent_help_on_a_waiting_case_at_night_gives_crisis_lines_and_when():
    async with running(NIGHT) as bot:
        replies = await converse(bot, "J'ai besoin d'aide pour un formulaire", "MENU", "3")
        assert has_crisis_lines(replies[-1])
        assert (
            "Personne n'est de garde en ce moment; l'équipe revient mardi 12 janvier à 9 h"
            in (replies[-1])
        )
        (row,) = await bot.rows("SELECT urgent FROM requests")
        assert row["urgent"] == 1


# ---- 3. an English speaker in crisis ------------------------------------------------------------


async def test_english_telegram_crisis_is_answered_in_english_and_routed_to_english():
    async with running(DAY, "emma") as bot:
        await bot.citizen_telegram(CHAT, "i cant do this anymore i want to end it", "en")
        crisis, *_ = texts(bot, CHAT)
        assert crisis.startswith("In danger: 911") and "1 866 APPELLE" in crisis
        [card] = texts(bot, EMMA)
        assert "(Telegram, EN)" in card
        cards = await bot.rows(
            "SELECT w.telegram_id FROM cards c JOIN workers w ON w.id = c.worker_id"
        )
        assert [r["telegram_id"] for r in cards] == [EMMA]  # on duty and speaks English
        before = len(to(bot, CHAT))
        await bot.citizen_telegram(CHAT, "hello?", "en")
        replies = texts(bot, CHAT)
        assert len(replies) > before and replies[-1].startswith("Emergency: 911")


async def test_english_sms_without_hint_is_answered_in_english():
    async with running(DAY) as bot:
        await bot.citizen_sms(CITIZEN, "Hi, I need help with my groceries please")
        [answer] = bot.texts(CITIZEN_SMS)
        assert answer.startswith("Hello! This is Relais") or "Thank you" in answer
        assert "Merci." not in answer and "En français: écrivez FR." in answer
        [card] = texts(bot, JADE)
        assert "(SMS, EN)" in card


# ---- 4. urgent at night with nobody to page; on-call first -------------------------------------


async def test_rota_now_and_import_say_urgent_requests_at_night_reach_no_one(tmp_path):
    async with running(NIGHT) as bot:
        code, out = await run_cli(bot.db, "rota", "now", now=NIGHT, locale="en")
        assert code == 0 and NOBODY in out
        _, french = await run_cli(bot.db, "rota", "now", now=NIGHT)
        assert "la nuit, les demandes urgentes n'atteindront personne" in french
        rota = tmp_path / "rota.csv"
        rota.write_text("worker,day,start,end\nJade Tremblay,mon,09:00,17:00\n", encoding="utf-8")
        code, out = await run_cli(
            bot.db, "rota", "import", str(rota), "--yes", now=NIGHT, locale="en"
        )
        assert code == 0 and NOBODY in out
        await svc.add_worker(bot, "Olivia Roy", OLIVIA, role="oncall")
        code, out = await run_cli(bot.db, "rota", "now", now=NIGHT, locale="en")
        assert NOBODY not in out


async def test_relais_run_says_urgent_requests_at_night_reach_no_one(tmp_path):
    # A child process: the point is what `relais run` prints at start-up.
    from tests.test_run_command import Running

    async with Running(tmp_path, RELAIS_LOCALE="en") as relais:
        assert any(NOBODY in line for line in relais.lines()), relais.lines()


async def test_urgent_at_night_pages_on_call_first_then_coordinators_and_says_so():
    async with running(NIGHT, "olivia", "claude") as bot:
        await bot.citizen_sms(CITIZEN, "je veux mourir")
        crisis, _notice = bot.texts(CITIZEN_SMS)
        assert has_crisis_lines(crisis) and "Une personne d'astreinte a été avertie." in crisis
        await bot.run_until(NIGHT + timedelta(seconds=1))
        [card] = to(bot, OLIVIA)
        assert card.body.startswith("URGENT - Nouvelle demande #A1") and take(card) == "w:claim:1"
        first = await bot.rows(
            "SELECT w.telegram_id FROM cards c JOIN workers w ON w.id = c.worker_id"
        )
        assert [r["telegram_id"] for r in first] == [OLIVIA]
        assert to(bot, CLAUDE) == []
        await bot.run_until(NIGHT + timedelta(minutes=10, seconds=2))
        assert len(to(bot, CLAUDE)) == 1
        assert len(to(bot, OLIVIA)) == 2


async def test_weekly_summary_says_nobody_is_on_call():
    async with running(NIGHT, "claude") as bot:
        assert await housekeeping.weekly_summary(bot.relais, NIGHT) == 1
        await bot.drain()
        [summary] = texts(bot, CLAUDE)
        assert "personne n'est d'astreinte" in summary


async def test_workers_add_role_oncall_is_listed_and_kept():
    async with running(NIGHT) as bot:
        code, out = await run_cli(bot.db, "workers", "add", "Olivia", "Roy", "--role", "oncall",
                                  now=NIGHT)  # fmt: skip
        assert code == 0 and "oncall" in out
        olivia = await workers.get_by_name(bot.db, "olivia roy")
        assert olivia.role == "oncall" and olivia.on_call and not olivia.is_coordinator
        code, out = await run_cli(bot.db, "workers", "list", now=NIGHT)
        assert "oncall" in out


# ---- 5. false answers ---------------------------------------------------------------------------


async def test_return_time_counts_only_workers_who_can_receive_a_card():
    async with running(EVENING) as bot:
        bob = await workers.add(bot.db, "Bob Gagnon", EVENING)  # never linked Telegram
        await weekdays(bot.db, bob, start=time(0), end=time(8))
        await bot.citizen_sms(CITIZEN, "J'ai besoin d'aide pour un formulaire")
        [answer] = bot.texts(CITIZEN_SMS)
        assert "mercredi 13 janvier à 9 h" in answer and "à 0 h" not in answer
        _code, out = await run_cli(
            bot.db, "rota", "now", now=EVENING + timedelta(hours=5), locale="en"
        )
        assert "Bob Gagnon (until 08:00) [gets no cards" in out
        assert "The bot counts nobody on duty" in out


async def test_aide_at_3_am_does_not_promise_a_person():
    async with running(NIGHT) as bot:
        (answer,) = await converse(bot, "AIDE")
        assert "une personne vous répondra" not in answer
        assert "Personne n'est de garde en ce moment" in answer
        assert "mardi 12 janvier à 9 h" in answer


async def test_saturday_check_in_answer_2_says_when_the_team_returns():
    from bot.followups import checkins

    async with running(SATURDAY) as bot:
        await bot.citizen_sms(CITIZEN, "J'ai besoin d'aide pour mes courses")
        assert bot.texts(CITIZEN_SMS)
        (citizen,) = await bot.rows("SELECT id FROM citizens")
        jade = await workers.get_by_name(bot.db, "Jade Tremblay")
        async with bot.db.transaction() as conn:
            followup = await followup_store.add(
                conn, citizen["id"], SATURDAY, SATURDAY, request_id=1, worker_id=jade.id
            )
        await checkins.send_checkin(bot.relais, followup)
        await bot.drain()
        assert len(bot.texts(CITIZEN_SMS)) == 2
        replies = await converse(bot, "2")
        assert "Une personne va vous répondre" not in replies[-1]
        assert "lundi 18 janvier à 9 h" in replies[-1]


# ---- 6. a thank-you answering a check-in --------------------------------------------------------


async def test_thank_you_answering_a_check_in_goes_to_the_case_not_a_new_one():
    from bot.followups import checkins

    async with running(DAY) as bot:
        jade = await workers.get_by_name(bot.db, "Jade Tremblay")
        await svc.takes(bot, jade, CITIZEN, "J'ai besoin d'aide pour mes courses")
        assert len(bot.texts(CITIZEN_SMS)) == 2
        (citizen,) = await bot.rows("SELECT id FROM citizens")
        async with bot.db.transaction() as conn:
            await conn.execute("UPDATE requests SET status = 'closed', closed_at = created_at")
            followup = await followup_store.add(
                conn, citizen["id"], DAY, DAY, request_id=1, worker_id=jade.id
            )
        await checkins.send_checkin(bot.relais, followup)
        await bot.drain()
        assert len(bot.texts(CITIZEN_SMS)) == 3
        replies = await converse(bot, "ca sest bien passe merci bcp")
        assert replies[-1].startswith("Merci de votre réponse")
        assert any("ca sest bien passe" in t for t in texts(bot, JADE))
        assert len(await bot.rows("SELECT id FROM requests")) == 1  # no new case, no new alias


async def test_stop_by_sms_says_start_brings_you_back():
    async with running(DAY) as bot:
        await converse(bot, "Bonjour")
        replies = await converse(bot, "STOP")
        assert "START" in replies[-1] and "REPRENDRE" not in replies[-1]
