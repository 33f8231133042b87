"""Check-ins end to end: /suivi, sending when due, answers to a person, alerts, restarts."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest

from bot.followups import checkins as followups
from flows.text import When
from storage import followups as store
from storage import rota as rota_store
from storage.clock import from_db, to_db, utcnow
from tests.conftest import CITIZEN_NUMBER, inherited
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


async def test_suivi_confirms_in_local_time_and_sends_once_when_due(desk):
    alias = await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 2h Comment se sont passées vos courses?")
    assert row.due_at - utcnow() > timedelta(hours=1, minutes=59)
    local = desk.relais.i18n.when(When(row.due_at), "fr")
    (confirmed,) = await said(desk, JADE, "Suivi de")
    assert confirmed["text"] == f"Suivi de {alias} prévu {local}."
    assert desk.relais.clock_work.has(f"followup:{row.id}")

    await fall_due(desk, row)
    replies = await desk.sms_replies(count=3)
    assert replies[2].startswith("Comment se sont passées vos courses?")
    assert "- Jade, Maison des familles (Relais)" in replies[2]
    assert "1) Tout va bien" in replies[2] and "2) J'aimerais parler" in replies[2]
    await followups.send_checkin(desk.relais, row.id)  # the alarm again: nothing
    await followups.sweep(desk.relais)
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 3
    assert (await store.get(desk.db, row.id)).status == "sent"
    assert desk.relais.clock_work.has(f"followup-timeout:{row.id}")


async def test_default_text_and_all_is_well_goes_to_the_worker(desk):
    alias = await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 3j")
    await fall_due(desk, row)
    replies = await desk.sms_replies(count=3)
    assert "Jade prend de vos nouvelles" in replies[2]
    await desk.sms("1")
    (told,) = await said(desk, JADE, "tout va bien")
    assert told["text"] == f"Suivi de {alias}: la personne répond que tout va bien."
    replies = await desk.sms_replies(count=4)
    assert "Merci de votre réponse" in replies[3]
    row = await store.get(desk.db, row.id)
    assert (row.status, row.answer) == ("answered", "ok")
    assert not [t for t in desk.tg.texts(KARIM) if "tout va bien" in t]


async def close(bot, alias: str, worker: int = JADE, offer: bool = True) -> dict:
    """/fin with its two buttons; the follow-up offer that comes after (none if one is due)."""
    request_id = alias.removeprefix("#A")
    bot.tg.push_text(worker, "/fin ecoute")
    (ask,) = await said(bot, worker, "quel profil")
    bot.tg.push_callback(worker, ask["message_id"], f"w:prof:{request_id}:aine")
    (found,) = await said(bot, worker, "Prévoir un suivi" if offer else f"{alias} est fermé")
    return found


async def test_buttons_after_fin_then_talk_reopens_the_case_for_the_scheduler(desk):
    alias = await claimed_case(desk)
    offer = await close(desk, alias)
    buttons = [row[0] for row in offer["reply_markup"]["inline_keyboard"]]
    assert [b["text"] for b in buttons] == ["Demain", "Dans 3 jours", "Dans une semaine"]
    desk.tg.push_callback(JADE, offer["message_id"], buttons[0]["callback_data"])
    await said(desk, JADE, "Suivi de")
    (row,) = await store.select(desk.db, "1")
    local = row.due_at.astimezone(desk.relais.settings.timezone)
    assert (local.hour, local.minute) == (10, 0)
    assert local.date() == (utcnow().astimezone(local.tzinfo) + timedelta(days=1)).date()

    await fall_due(desk, row)
    await desk.sms_replies(count=4)  # taken, closed, check-in
    await desk.sms("2")
    (given,) = await said(desk, JADE, "en réponse à votre suivi")
    assert given["text"].startswith(f"#A2: en réponse à votre suivi de {alias}")
    replies = await desk.sms_replies(count=5)
    assert "Jade, de Maison des familles, a pris votre demande" in replies[4]
    (request,) = await desk.rows("SELECT * FROM requests WHERE id = 2")
    assert (request["source"], request["status"], request["claimed_by"]) == (
        "checkin",
        "claimed",
        1,
    )
    assert not [t for t in desk.tg.texts(KARIM) if "#A2" in t]  # not paged: it is Jade's
    desk.tg.push_text(JADE, "Je vous appelle dans 5 minutes")
    replies = await desk.sms_replies(count=6)
    assert replies[5].startswith("Je vous appelle dans 5 minutes")


async def test_off_duty_scheduler_answers_go_to_the_worker_on_duty(desk):
    alias = await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 1sem")
    await close(desk, alias, offer=False)
    karim = await desk.db.fetchone("SELECT id FROM workers WHERE telegram_id = ?", (KARIM,))
    shifts = [rota_store.Shift(karim["id"], time(0), time(0), weekday=d) for d in range(7)]
    await rota_store.replace_all(desk.db, shifts, "cli", datetime.now(UTC))
    await fall_due(desk, row)
    await desk.sms_replies(count=4)
    await desk.sms("Pas fort, je me sens seule")
    (card,) = await said(desk, KARIM, "Nouvelle demande #A2")
    assert "je me sens seule" in card["text"]
    (context,) = await said(desk, KARIM, "fait suite")
    assert context["text"] == f"#A2 fait suite à un suivi de {alias} prévu par Jade Tremblay."
    assert not [t for t in desk.tg.texts(JADE) if "#A2" in t]
    replies = await desk.sms_replies(count=5)
    assert "Votre demande #A2 est transmise" in replies[4]


async def test_no_answer_within_the_timeout_alerts_the_worker_once(desk):
    alias = await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 1j")
    await fall_due(desk, row)
    await desk.sms_replies(count=3)
    day_ago = to_db(utcnow() - timedelta(hours=24, minutes=1))
    await desk.db.execute("UPDATE followups SET sent_at = ? WHERE id = ?", (day_ago, row.id))
    await desk.db.execute("UPDATE inbound SET received_at = ?", ("2020-01-01T00:00:00+00:00",))
    await followups.checkin_timeout(desk.relais, row.id)
    (alert,) = await said(desk, JADE, "pas de réponse")
    assert alert["text"].startswith(f"Suivi de {alias}: pas de réponse depuis 24 h (envoyé ")
    await followups.checkin_timeout(desk.relais, row.id)
    await desk.quiet()
    assert len([t for t in desk.tg.texts(JADE) if "pas de réponse" in t]) == 1
    assert (await store.get(desk.db, row.id)).status == "unanswered"
    await desk.sms("1")  # a late answer is still an answer
    await said(desk, JADE, "tout va bien")


async def test_any_message_since_the_check_in_counts_as_an_answer(desk):
    await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 1j")
    await fall_due(desk, row)
    await desk.sms_replies(count=3)
    await desk.sms("AIDE")
    await desk.sms_replies(count=4)
    past = to_db(utcnow() - timedelta(hours=25))
    await desk.db.execute("UPDATE followups SET sent_at = ? WHERE id = ?", (past, row.id))
    await desk.db.execute("UPDATE inbound SET received_at = ?", (to_db(utcnow()),))
    await followups.checkin_timeout(desk.relais, row.id)
    await desk.quiet()
    assert not [t for t in desk.tg.texts(JADE) if "pas de réponse" in t]
    assert (await store.get(desk.db, row.id)).status == "answered"


def _quiet_around_now(tz) -> str:
    now = utcnow().astimezone(tz)
    start, end = now - timedelta(hours=1), now + timedelta(hours=2)
    return f"{start:%H:%M}-{end:%H:%M}"


async def test_quiet_hours_move_a_due_check_in_to_the_end_of_the_window(make_bot):
    from zoneinfo import ZoneInfo

    window = _quiet_around_now(ZoneInfo("America/Montreal"))
    bot = await make_bot(RELAIS_QUIET_HOURS=window)
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    await always_on_duty(bot.db, jade)
    await claimed_case(bot)
    (row,) = await schedule(bot, "/suivi 30m")
    (confirmed,) = await said(bot, JADE, "Suivi de")
    assert "heures calmes" in confirmed["text"]
    end = row.due_at.astimezone(bot.relais.settings.timezone)
    assert f"{end:%H:%M}" == window.split("-")[1]
    # Due now (it fell due while the bot was down, say): still quiet, so it waits.
    await fall_due(bot, row)
    await bot.quiet()
    assert len(bot.tw.bodies_to(CITIZEN_NUMBER)) == 2
    row = await store.get(bot.db, row.id)
    assert row.status == "pending" and row.due_at.astimezone(end.tzinfo) == end
    assert bot.relais.clock_work.has(f"followup:{row.id}")


async def test_a_citizen_who_opted_out_is_not_checked_on_even_after_coming_back(desk):
    await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 2h")
    await desk.sms("STOP")
    await desk.sms_replies(count=3)
    await desk.sms("REPRENDRE")
    await desk.sms_replies(count=4)
    await fall_due(desk, row)
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 4
    row = await store.get(desk.db, row.id)
    assert row.status == "cancelled"
    await desk.sms("STOP")
    await desk.sms_replies(count=5)
    desk.tg.push_text(JADE, "/suivi 2h")
    await said(desk, JADE, "ne plus recevoir")


async def test_erasure_removes_the_check_ins(desk):
    await claimed_case(desk)
    (row,) = await schedule(desk, "/suivi 2h")
    await desk.sms("OUBLIER")
    await desk.sms_replies(count=3)
    await desk.sms("OUI")
    await desk.sms_replies(count=4)
    assert await desk.rows("SELECT * FROM followups") == []
    await followups.send_checkin(desk.relais, row.id)
    await desk.quiet()
    assert len(desk.tw.bodies_to(CITIZEN_NUMBER)) == 4


async def test_suivis_lists_and_cancels_only_ones_own(desk):
    alias = await claimed_case(desk)
    first, second = await schedule(desk, "/suivi chaque semaine 2 Bonjour!")
    (confirmed,) = await said(desk, JADE, "suivis de")
    assert confirmed["text"].startswith(f"2 suivis de {alias} prévus chaque semaine")
    tz = desk.relais.settings.timezone
    a, b = first.due_at.astimezone(tz), second.due_at.astimezone(tz)
    assert (b.date() - a.date(), b.time()) == (timedelta(days=7), a.time())
    desk.tg.push_text(JADE, "/suivis")
    (listing,) = await said(desk, JADE, "Vos 2 suivis prévus")
    assert f"1. {alias}, " in listing["text"] and "« Bonjour! »" in listing["text"]
    cancel = listing["reply_markup"]["inline_keyboard"][0][0]
    assert cancel["text"] == "Annuler le suivi 1"
    desk.tg.push_callback(KARIM, 1, cancel["callback_data"])
    await said(desk, KARIM, "pas permise")
    desk.tg.push_callback(JADE, listing["message_id"], cancel["callback_data"])
    await said(desk, JADE, "est annulé")
    assert (await store.get(desk.db, first.id)).status == "cancelled"
    assert not desk.relais.clock_work.has(f"followup:{first.id}")
    assert desk.relais.clock_work.has(f"followup:{second.id}")


async def test_bad_durations_and_past_dates_are_explained(desk):
    await claimed_case(desk)
    desk.tg.push_text(JADE, "/suivi bientôt")
    await said(desk, JADE, "/suivi 3j")
    desk.tg.push_text(JADE, "/suivi 2020-01-01 10:00")
    await said(desk, JADE, "déjà passé")
    assert await desk.rows("SELECT * FROM followups") == []


async def test_a_closed_case_is_named_by_its_alias(desk):
    alias = await claimed_case(desk)
    await close(desk, alias)
    (row,) = await schedule(desk, f"/suivi {alias} 1sem Petit bonjour")
    assert (row.request_id, row.message) == (1, "Petit bonjour")
    desk.tg.push_callback(KARIM, 1, "w:suivi:1:3")  # another worker's case: refused
    await said(desk, KARIM, "pas permise")


# ---- restarts -------------------------------------------------------------------------------


async def test_restart_sends_what_fell_due_while_down_once_and_never_again(make_bot, tmp_path):
    database = str(tmp_path / "restart.db")
    first = await make_bot(RELAIS_DATABASE=database, TELEGRAM_BOT_TOKEN="", **FAST)
    citizen = await _case_with_followups(first)
    await first.relais.stop()
    # While the bot was down: one fell due an hour ago, one is due in a second.
    now = utcnow()
    await _set_due(database, {1: now - timedelta(hours=1), 2: now + timedelta(seconds=1)})

    second = await make_bot(RELAIS_DATABASE=database, TELEGRAM_BOT_TOKEN="", **FAST)
    await second.sms_replies(citizen, count=2)  # the late one, at start (no misfire drop)
    await second.sms_replies(citizen, count=3)  # the next one, by its alarm
    rows = await second.rows("SELECT due_at, sent_at FROM followups WHERE id IN (1, 2)")
    late, next_one = ({k: from_db(r[k]) for k in ("due_at", "sent_at")} for r in rows)
    assert late["sent_at"] and next_one["due_at"] <= next_one["sent_at"]  # not early
    await second.quiet()
    assert len(second.tw.bodies_to(citizen)) == 3
    await second.relais.stop()

    third = await make_bot(RELAIS_DATABASE=database, TELEGRAM_BOT_TOKEN="", **FAST)
    await followups.sweep(third.relais)
    await third.quiet()
    assert len(third.tw.bodies_to(citizen)) == 3  # both sent before: nothing again
    statuses = [r["status"] for r in await third.rows("SELECT status FROM followups ORDER BY id")]
    assert statuses == ["sent", "sent", "pending"]


async def _case_with_followups(bot) -> str:
    """A citizen with three pending check-ins written straight into the database."""
    number = "+15145550191"
    await bot.sms("Bonjour", from_=number)
    await bot.sms_replies(number)
    now = utcnow()
    async with bot.db.transaction() as conn:
        (citizen,) = await conn.execute_fetchall("SELECT id FROM citizens")
        for hours in (3, 4, 5):
            await store.add(conn, citizen["id"], now + timedelta(hours=hours), now)
    return number


async def _set_due(database: str, due: dict[int, datetime]) -> None:
    from storage.db import Database

    async with Database(database) as db, db.transaction() as conn:
        for followup_id, at in due.items():
            await conn.execute(
                "UPDATE followups SET due_at = ? WHERE id = ?", (to_db(at), followup_id)
            )


async def test_a_crash_between_alarm_and_send_cannot_double(make_bot, tmp_path):
    """The only states a kill -9 can leave: pending without outbox row, or sent with it."""
    database = str(tmp_path / "crash.db")
    first = await make_bot(RELAIS_DATABASE=database, TELEGRAM_BOT_TOKEN="", **FAST)
    number = await _case_with_followups(first)
    await first.relais.stop()
    from storage.db import Database

    now = utcnow()
    async with Database(database) as db, db.transaction() as conn:
        # Row 1 was sent (its outbox row queued, not yet delivered) when the process died.
        cursor = await conn.execute(
            "INSERT INTO outbox (address, citizen_id, body, next_attempt_at, created_at)"
            " VALUES (?, 1, 'Bonjour! Ici Relais.', ?, ?)",
            (f"sms:{number}", to_db(now), to_db(now)),
        )
        await conn.execute(
            "UPDATE followups SET status = 'sent', sent_at = ?, due_at = ?, outbox_id = ?"
            " WHERE id = 1",
            (to_db(now), to_db(now - timedelta(minutes=5)), cursor.lastrowid),
        )
    second = await make_bot(RELAIS_DATABASE=database, TELEGRAM_BOT_TOKEN="", **FAST)
    await second.sms_replies(number, count=2)
    await followups.send_checkin(second.relais, 1)
    await followups.sweep(second.relais)
    await second.quiet()
    assert len(second.tw.bodies_to(number)) == 2
    sent_at = from_db((await second.rows("SELECT sent_at FROM followups WHERE id = 1"))[0][0])
    assert sent_at == from_db(to_db(now))  # the one sent before the crash: not again


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
    async with httpx.AsyncClient(timeout=1) as http:
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
