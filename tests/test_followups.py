"""Check-ins end to end: /suivi, sending when due, answers to a person, alerts, restarts.

Behaviour on the service layer (tests/service.py: the real bot on a fake clock, no HTTP), the
restarts and the crash too, over a file database; kill -9 of `relais run` stays whole-bot.
`desk`, `said`, `claimed_case`, `schedule`, `fall_due` and `close` serve the whole-bot tests of
other files.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from datetime import timedelta

import httpx
import pytest

from bot.followups import checkins as followups
from bot.sim.harness import Service
from flows.text import When
from storage import followups as store
from storage.clock import from_db, to_db, utcnow
from storage.workers import Worker
from tests import service as svc
from tests.conftest import CITIZEN_NUMBER, http_client, inherited
from tests.service import CITIZEN, CITIZEN_SMS
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty, take_button

FAST = {"RELAIS_SMS_RATE": "50"}


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def said(bot, chat: int, fragment: str, count: int = 1) -> list[dict]:
    """Wait until `count` messages to the chat contain `fragment`; return them."""
    found = lambda: [m for m in bot.tg.sent_messages(chat) if fragment in m["text"]]  # noqa: E731
    await bot.tg.wait_for(lambda: len(found()) >= count)
    return found()


async def claimed_case(bot, number: str = CITIZEN_NUMBER, worker: int = JADE) -> str:
    """A citizen writes; `worker` takes the case; its alias."""
    before = len(bot.tw.bodies_to(number))
    await bot.sms("J'ai besoin d'aide pour mes courses", from_=number)
    cards = await said(bot, worker, "Nouvelle demande")
    alias = cards[-1]["text"].split()[2]
    bot.tg.push_callback(worker, cards[-1]["message_id"], take_button(cards[-1]))
    await bot.sms_replies(number, count=before + 2)
    return alias


async def schedule(bot, command: str, worker: int = JADE) -> list[store.Followup]:
    count = len(await bot.rows("SELECT id FROM followups"))
    bot.tg.push_text(worker, command)
    await bot.tg.wait_for(lambda: any("prévu" in t or "Pas de suivi" in t for t in bot.tg.texts()))
    await bot.quiet()
    rows = await store.select(bot.db, "id > ?", (count,))
    return rows


async def fall_due(bot, row: store.Followup) -> None:
    """Time passes: the check-in is due now; its alarm rings."""
    past = to_db(utcnow() - timedelta(seconds=1))
    await bot.db.execute("UPDATE followups SET due_at = ? WHERE id = ?", (past, row.id))
    await followups.send_checkin(bot.relais, row.id)


async def close(bot, alias: str, worker: int = JADE, offer: bool = True) -> dict:
    """/fin with its two buttons; the follow-up offer that comes after (none if one is due)."""
    request_id = alias.removeprefix("#A")
    bot.tg.push_text(worker, "/fin ecoute")
    (ask,) = await said(bot, worker, "quel profil")
    bot.tg.push_callback(worker, ask["message_id"], f"w:prof:{request_id}:aine")
    (found,) = await said(bot, worker, "Prévoir un suivi" if offer else f"{alias} est fermé")
    return found


# ---- on the service layer -------------------------------------------------------------------


@pytest.fixture
async def office():
    """Jade and Karim on duty all week, on the service layer; Jade has taken a case."""
    async with svc.running() as service:
        jade, karim = await _team(service)
        alias = await taken(service, jade)
        yield service, jade, karim, alias


async def _team(service: Service) -> tuple[Worker, Worker]:
    jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await svc.add_worker(
        service, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame"
    )
    await svc.always_on_duty(service, jade, karim)
    return jade, karim


async def taken(service: Service, worker: Worker, number: str = CITIZEN) -> str:
    """A citizen writes; `worker` takes the case; its alias."""
    card = await svc.takes(service, worker, number, "J'ai besoin d'aide pour mes courses")
    return card.edits[0].split()[2] if card.edits else card.body.split()[2]


async def scheduled(service: Service, worker: Worker, command: str) -> list[store.Followup]:
    """The worker types a /suivi command; the check-ins it added."""
    count = len(await service.rows("SELECT id FROM followups"))
    await service.worker_text(worker, command)
    told = service.worker_texts(worker)[-1]
    assert "prévu" in told or "Pas de suivi" in told, told
    return await store.select(service.db, "id > ?", (count,))


async def due(service: Service, row: store.Followup) -> None:
    """The check-in is due now; its alarm rings."""
    past = to_db(service.now() - timedelta(seconds=1))
    await service.db.execute("UPDATE followups SET due_at = ? WHERE id = ?", (past, row.id))
    await followups.send_checkin(service.relais, row.id)
    await service.drain()


async def unanswered_for_a_day(service: Service, row: store.Followup) -> None:
    """The check-in went out a day ago and nothing came back since; its no-answer alarm rings."""
    day_ago = to_db(service.now() - timedelta(hours=24, minutes=1))
    await service.db.execute("UPDATE followups SET sent_at = ? WHERE id = ?", (day_ago, row.id))
    await service.db.execute("UPDATE inbound SET received_at = ?", ("2020-01-01T00:00:00+00:00",))
    await followups.checkin_timeout(service.relais, row.id)
    await service.drain()


async def test_suivi_confirms_in_local_time_and_sends_once_when_due(office):
    service, jade, _, alias = office
    (row,) = await scheduled(service, jade, "/suivi 2h Comment se sont passées vos courses?")
    assert row.due_at - service.now() > timedelta(hours=1, minutes=59)
    local = service.relais.i18n.when(When(row.due_at), "fr")
    [confirmed] = service.said(jade, "Suivi de")
    assert confirmed.body == f"Suivi de {alias} prévu {local}."
    assert service.clock_work.has(f"followup:{row.id}")

    await due(service, row)
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 3
    assert replies[2].startswith("Comment se sont passées vos courses?")
    assert "- Jade, Maison des familles (Relais)" in replies[2]
    assert "1) Tout va bien" in replies[2] and "2) J'aimerais parler" in replies[2]
    await followups.send_checkin(service.relais, row.id)  # the alarm again: nothing
    await followups.sweep(service.relais)
    await service.drain()
    assert len(service.texts(CITIZEN_SMS)) == 3
    assert (await store.get(service.db, row.id)).status == "sent"
    assert service.clock_work.has(f"followup-timeout:{row.id}")


async def test_default_text_and_all_is_well_goes_to_the_worker(office):
    service, jade, karim, alias = office
    (row,) = await scheduled(service, jade, "/suivi 3j")
    await due(service, row)
    assert "Jade prend de vos nouvelles" in service.texts(CITIZEN_SMS)[2]
    await service.citizen_sms(CITIZEN, "1")
    [told] = service.said(jade, "tout va bien")
    assert told.body == f"Suivi de {alias}: la personne répond que tout va bien."
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 4 and "Merci de votre réponse" in replies[3]
    row = await store.get(service.db, row.id)
    assert (row.status, row.answer) == ("answered", "ok")
    assert not service.said(karim, "tout va bien")


async def test_buttons_after_fin_then_talk_reopens_the_case_for_the_scheduler(office):
    service, jade, karim, alias = office
    offer = await svc.close(service, jade, alias)
    buttons = offer.buttons or []
    assert [label for _, label in buttons] == ["Demain", "Dans 3 jours", "Dans une semaine"]
    await service.worker_press(jade, buttons[0][0], offer.message_id)
    assert service.said(jade, "Suivi de")
    (row,) = await store.select(service.db, "1")
    local = row.due_at.astimezone(service.settings.timezone)
    assert (local.hour, local.minute) == (10, 0)
    assert local.date() == (service.now().astimezone(local.tzinfo) + timedelta(days=1)).date()

    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 4  # taken, closed, check-in
    await service.citizen_sms(CITIZEN, "2")
    [given] = service.said(jade, "en réponse à votre suivi")
    assert given.body.startswith(f"#A2: en réponse à votre suivi de {alias}")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 5
    assert "Jade, de Maison des familles, a pris votre demande" in replies[4]
    (request,) = await service.rows("SELECT * FROM requests WHERE id = 2")
    assert (request["source"], request["status"], request["claimed_by"]) == (
        "checkin",
        "claimed",
        1,
    )
    assert not service.said(karim, "#A2")  # not paged: it is Jade's
    await service.worker_text(jade, "Je vous appelle dans 5 minutes")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 6 and replies[5].startswith("Je vous appelle dans 5 minutes")


async def test_off_duty_scheduler_answers_go_to_the_worker_on_duty(office):
    service, jade, karim, alias = office
    (row,) = await scheduled(service, jade, "/suivi 1sem")
    await svc.close(service, jade, alias, offer=False)
    await svc.always_on_duty(service, karim)  # Jade is off the rota now
    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 4
    await service.citizen_sms(CITIZEN, "Pas fort, je me sens seule")
    [card] = service.said(karim, "Nouvelle demande #A2")
    assert "je me sens seule" in card.body
    [context] = service.said(karim, "fait suite")
    assert context.body == f"#A2 fait suite à un suivi de {alias} prévu par Jade Tremblay."
    assert not service.said(jade, "#A2")
    replies = service.texts(CITIZEN_SMS)
    assert len(replies) == 5 and "Votre demande #A2 est transmise" in replies[4]


async def test_no_answer_within_the_timeout_alerts_the_worker_once(office):
    service, jade, _, alias = office
    (row,) = await scheduled(service, jade, "/suivi 1j")
    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 3
    await unanswered_for_a_day(service, row)
    [alert] = service.said(jade, "pas de réponse")
    assert alert.body.startswith(f"Suivi de {alias}: pas de réponse depuis 24 h (envoyé ")
    await followups.checkin_timeout(service.relais, row.id)
    await service.drain()
    assert len(service.said(jade, "pas de réponse")) == 1
    assert (await store.get(service.db, row.id)).status == "unanswered"
    await service.citizen_sms(CITIZEN, "1")  # a late answer is still an answer
    assert service.said(jade, "tout va bien")


async def test_any_message_since_the_check_in_counts_as_an_answer(office):
    service, jade, _, _ = office
    (row,) = await scheduled(service, jade, "/suivi 1j")
    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.citizen_sms(CITIZEN, "AIDE")
    assert len(service.texts(CITIZEN_SMS)) == 4
    past = to_db(service.now() - timedelta(hours=25))
    await service.db.execute("UPDATE followups SET sent_at = ? WHERE id = ?", (past, row.id))
    await service.db.execute("UPDATE inbound SET received_at = ?", (to_db(service.now()),))
    await followups.checkin_timeout(service.relais, row.id)
    await service.drain()
    assert not service.said(jade, "pas de réponse")
    assert (await store.get(service.db, row.id)).status == "answered"


async def test_quiet_hours_move_a_due_check_in_to_the_end_of_the_window():
    # 14:00 to 17:00 is quiet; it is 15:00 in Montréal.
    async with svc.running(RELAIS_QUIET_HOURS="14:00-17:00") as service:
        jade = await svc.add_worker(service, "Jade Tremblay", JADE, org="Maison des familles")
        await svc.always_on_duty(service, jade)
        await taken(service, jade)
        (row,) = await scheduled(service, jade, "/suivi 30m")
        [confirmed] = service.said(jade, "Suivi de")
        assert "heures calmes" in confirmed.body
        end = row.due_at.astimezone(service.settings.timezone)
        assert f"{end:%H:%M}" == "17:00"
        # Due now (it fell due while the bot was down, say): still quiet, so it waits.
        await due(service, row)
        assert len(service.texts(CITIZEN_SMS)) == 2
        row = await store.get(service.db, row.id)
        assert row.status == "pending" and row.due_at.astimezone(end.tzinfo) == end
        assert service.clock_work.has(f"followup:{row.id}")


async def test_a_citizen_who_opted_out_is_not_checked_on_even_after_coming_back(office):
    service, jade, _, _ = office
    (row,) = await scheduled(service, jade, "/suivi 2h")
    await service.citizen_sms(CITIZEN, "STOP")
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.citizen_sms(CITIZEN, "REPRENDRE")
    assert len(service.texts(CITIZEN_SMS)) == 4
    await due(service, row)
    assert len(service.texts(CITIZEN_SMS)) == 4
    row = await store.get(service.db, row.id)
    assert row.status == "cancelled"
    await service.citizen_sms(CITIZEN, "STOP")
    assert len(service.texts(CITIZEN_SMS)) == 5
    await service.worker_text(jade, "/suivi 2h")
    assert service.said(jade, "ne plus recevoir")


async def test_erasure_removes_the_check_ins(office):
    service, jade, _, _ = office
    (row,) = await scheduled(service, jade, "/suivi 2h")
    await service.citizen_sms(CITIZEN, "OUBLIER")
    assert len(service.texts(CITIZEN_SMS)) == 3
    await service.citizen_sms(CITIZEN, "OUI")
    assert len(service.texts(CITIZEN_SMS)) == 4
    assert await service.rows("SELECT * FROM followups") == []
    await followups.send_checkin(service.relais, row.id)
    await service.drain()
    assert len(service.texts(CITIZEN_SMS)) == 4


async def test_suivis_lists_and_cancels_only_ones_own(office):
    service, jade, karim, alias = office
    first, second = await scheduled(service, jade, "/suivi chaque semaine 2 Bonjour!")
    [confirmed] = service.said(jade, "suivis de")
    assert confirmed.body.startswith(f"2 suivis de {alias} prévus chaque semaine")
    tz = service.settings.timezone
    a, b = first.due_at.astimezone(tz), second.due_at.astimezone(tz)
    assert (b.date() - a.date(), b.time()) == (timedelta(days=7), a.time())
    await service.worker_text(jade, "/suivis")
    [listing] = service.said(jade, "Vos 2 suivis prévus")
    assert f"1. {alias}, " in listing.body and "« Bonjour! »" in listing.body
    cancel_data, cancel_label = (listing.buttons or [])[0]
    assert cancel_label == "Annuler le suivi 1"
    await service.worker_press(karim, cancel_data, "1")
    assert service.said(karim, "pas permise")
    await service.worker_press(jade, cancel_data, listing.message_id)
    assert service.said(jade, "est annulé")
    assert (await store.get(service.db, first.id)).status == "cancelled"
    assert not service.clock_work.has(f"followup:{first.id}")
    assert service.clock_work.has(f"followup:{second.id}")


async def test_bad_durations_and_past_dates_are_explained(office):
    service, jade, _, _ = office
    await service.worker_text(jade, "/suivi bientôt")
    assert service.said(jade, "/suivi 3j")
    await service.worker_text(jade, "/suivi 2020-01-01 10:00")
    assert service.said(jade, "déjà passé")
    assert await service.rows("SELECT * FROM followups") == []


async def test_a_closed_case_is_named_by_its_alias(office):
    service, jade, karim, alias = office
    await svc.close(service, jade, alias)
    (row,) = await scheduled(service, jade, f"/suivi {alias} 1sem Petit bonjour")
    assert (row.request_id, row.message) == (1, "Petit bonjour")
    await service.worker_press(karim, "w:suivi:1:3", "1")  # another worker's case: refused
    assert service.said(karim, "pas permise")


# ---- restarts (on the service layer, over a file database) ---------------------------------

NUMBER_191 = "+15145550191"


async def _citizen_with_followups(service: Service) -> None:
    """A citizen with three pending check-ins written straight into the database, due in 3, 4
    and 5 hours."""
    await service.citizen_sms(NUMBER_191, "Bonjour")
    assert len(service.texts(f"sms:{NUMBER_191}")) == 1
    now = service.now()
    async with service.db.transaction() as conn:
        (citizen,) = await conn.execute_fetchall("SELECT id FROM citizens")
        for hours in (3, 4, 5):
            await store.add(conn, citizen["id"], now + timedelta(hours=hours), now)


async def test_restart_sends_what_fell_due_while_down_once_and_never_again(tmp_path):
    database = str(tmp_path / "restart.db")
    start = svc.AFTERNOON
    async with svc.running(start, database=database) as first:
        await _citizen_with_followups(first)
    # Down three and a half hours: the first fell due meanwhile, the second is due in 30 min.
    back = start + timedelta(hours=3, minutes=30)
    async with svc.running(back, database=database) as second:
        assert len(second.texts(f"sms:{NUMBER_191}")) == 1  # the late one, at start
        assert second.clock_work.has("followup:2")  # armed: due within the hour
        assert not second.clock_work.has("followup:3")  # the sweep arms it as it nears
        await second.advance(timedelta(minutes=29, seconds=59))
        assert len(second.texts(f"sms:{NUMBER_191}")) == 1  # not early
        await second.advance(timedelta(seconds=1))
        assert len(second.texts(f"sms:{NUMBER_191}")) == 2  # the next one, by its alarm
        rows = await second.rows("SELECT due_at, sent_at FROM followups WHERE id IN (1, 2)")
        late, next_one = ({k: from_db(r[k]) for k in ("due_at", "sent_at")} for r in rows)
        assert late["sent_at"] == back and next_one["sent_at"] == next_one["due_at"]
        await second.advance(timedelta(minutes=1))
        assert len(second.texts(f"sms:{NUMBER_191}")) == 2
    async with svc.running(back + timedelta(minutes=32), database=database) as third:
        await followups.sweep(third.relais)
        await third.drain()
        assert third.texts(f"sms:{NUMBER_191}") == []  # both sent before: nothing again
        rows = await third.rows("SELECT status FROM followups ORDER BY id")
        assert [r["status"] for r in rows] == ["sent", "sent", "pending"]


async def test_the_real_scheduler_runs_an_alarm_that_fell_due_while_down():
    """What the restart test's virtual alarms do not show: APScheduler itself (`relais run`'s
    Clockwork) runs an alarm armed in the past at once, instead of dropping it as misfired."""
    from bot.core.scheduler import Clockwork

    clockwork = Clockwork(svc.settings().timezone)
    rang = asyncio.Event()

    async def ring() -> None:
        rang.set()

    clockwork.start()
    try:
        clockwork.at("followup:1", utcnow() - timedelta(hours=1), ring)
        await asyncio.wait_for(rang.wait(), timeout=5)
        assert not clockwork.has("followup:1")  # once
    finally:
        clockwork.shutdown()


async def test_a_crash_between_alarm_and_send_cannot_double(tmp_path):
    """The only states a kill -9 can leave: pending without outbox row, or sent with it."""
    database = str(tmp_path / "crash.db")
    async with svc.running(database=database) as first:
        await _citizen_with_followups(first)
    from storage.db import Database

    now = svc.AFTERNOON + timedelta(hours=3, minutes=5)
    async with Database(database) as db, db.transaction() as conn:
        # Row 1 was sent (its outbox row queued, not yet delivered) when the process died.
        cursor = await conn.execute(
            "INSERT INTO outbox (address, citizen_id, body, next_attempt_at, created_at)"
            " VALUES (?, 1, 'Bonjour! Ici Relais.', ?, ?)",
            (f"sms:{NUMBER_191}", to_db(now), to_db(now)),
        )
        await conn.execute(
            "UPDATE followups SET status = 'sent', sent_at = ?, due_at = ?, outbox_id = ?"
            " WHERE id = 1",
            (to_db(now), to_db(now - timedelta(minutes=5)), cursor.lastrowid),
        )
    async with svc.running(now, database=database) as second:
        assert second.texts(f"sms:{NUMBER_191}") == ["Bonjour! Ici Relais."]  # the queued row
        await followups.send_checkin(second.relais, 1)
        await followups.sweep(second.relais)
        await second.drain()
        assert len(second.texts(f"sms:{NUMBER_191}")) == 1
        (row,) = await second.rows("SELECT sent_at FROM followups WHERE id = 1")
        assert from_db(row[0]) == now  # the one sent before the crash: not again


async def test_kill_9_of_relais_run_loses_no_check_in_and_sends_none_twice(twilio_api, tmp_path):
    from storage.db import Database
    from tests.conftest import RELAIS_NUMBER
    from tests.standins import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

    env = {
        "RELAIS_DATABASE": str(tmp_path / "relais.db"),
        "RELAIS_QUIET_HOURS": "",
        "RELAIS_SMS_RATE": "50",
        "RELAIS_CRISIS_READER": "patterns",  # the sentence model's load is not tested here
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_PHONE_NUMBER": RELAIS_NUMBER,
        "TWILIO_API_URL": twilio_api.url,
    }
    number = "+15145550192"
    now = utcnow()
    async with Database(env["RELAIS_DATABASE"]) as db, db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO citizens (address, channel, state, created_at)"
            " VALUES (?, 'sms', 'menu', ?)",
            (f"sms:{number}", to_db(now)),
        )
        await store.add(conn, cursor.lastrowid, now - timedelta(minutes=1), now)  # fell due
        await store.add(conn, cursor.lastrowid, now + timedelta(hours=1), now)  # an alarm
    first = await _relais_run(tmp_path, env)
    try:
        await twilio_api.wait_for(lambda: twilio_api.messages_to(number), timeout=10)
        # Killed once the send is recorded: a kill while a message is on the wire may resend
        # that outbox row (the outbox's own at-least-once window), never the check-in.
        await _until(env["RELAIS_DATABASE"], "SELECT 1 FROM outbox WHERE status = 'sent'")
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    async with Database(env["RELAIS_DATABASE"]) as db:  # the alarm now falls due in a second
        soon = to_db(utcnow() + timedelta(seconds=1))
        await db.execute("UPDATE followups SET due_at = ? WHERE status = 'pending'", (soon,))
    second = await _relais_run(tmp_path, env)
    try:
        await twilio_api.wait_for(lambda: len(twilio_api.messages_to(number)) >= 2, timeout=15)
        # Both check-ins sent and every outbox row delivered: nothing more can go out.
        await _until(
            env["RELAIS_DATABASE"],
            "SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM followups WHERE status != 'sent')"
            " AND NOT EXISTS (SELECT 1 FROM outbox WHERE status != 'sent')",
        )
    finally:
        second.send_signal(signal.SIGKILL)
        await second.wait()
    assert len(twilio_api.messages_to(number)) == 2
    async with Database(env["RELAIS_DATABASE"]) as db:
        rows = await db.fetchall("SELECT status FROM followups ORDER BY id")
    assert [r["status"] for r in rows] == ["sent", "sent"]


async def _relais_run(tmp_path, env: dict[str, str]) -> asyncio.subprocess.Process:
    """`relais run` in a child process, ready once /healthz answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    full = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "RELAIS_HOST": "127.0.0.1",
            "RELAIS_PORT": str(port), "RELAIS_PUBLIC_URL": url, **env}  # fmt: skip
    full.update(inherited())
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli.main", "run", env=full, cwd=os.getcwd(),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    async with http_client(timeout=1) as http:
        for _ in range(600):
            with contextlib.suppress(httpx.TransportError):
                if (await http.get(url + "/healthz")).status_code == 200:
                    return proc
            await asyncio.sleep(0.05)
    proc.kill()
    raise AssertionError("relais run did not start")


async def _until(database: str, sql: str) -> None:
    import sqlite3

    for _ in range(400):
        conn = sqlite3.connect(database)
        try:
            if conn.execute(sql).fetchall():
                return
        finally:
            conn.close()
        await asyncio.sleep(0.05)
    raise AssertionError(f"never true: {sql}")
