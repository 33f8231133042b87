"""/healthz and /metrics tell an operator what matters, and coordinators hear of trouble.

End to end over HTTP against the stand-ins; the time rules (stuck after minutes) are checked
on the pure rule with fixed dates, and the alert watch is called with a chosen `now`.
"""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from bot.channels.transports import SendError
from bot.core.settings import Settings, SettingsError
from bot.ops import alerts, service
from bot.ops.health import Backlog, ChannelState, Figures, WebhookState, problems
from bot.ops.metrics import allowed
from tests.conftest import CITIZEN_NUMBER
from tests.test_e2e_worker import add_worker

COORD = 9104
ALERT_NUMBER = "+15145550199"
OTHERS = ("+15145550121", "+15145550122", "+15145550123")
T0 = datetime(2027, 1, 11, 15, 0, tzinfo=UTC)


async def health(bot) -> httpx.Response:
    return await bot.http.get("/healthz")


async def until_status(bot, code: int, within: float = 8.0) -> dict:
    """Poll /healthz until it answers `code`; its body."""
    deadline = time.monotonic() + within
    while (answer := await health(bot)).status_code != code:
        assert time.monotonic() < deadline, answer.json()
        await asyncio.sleep(0.02)
    return answer.json()


def metric(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample of the text format, or None."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if match and match[1] == name:
            found = ",".join(sorted((match[2] or "").split(","))) if match[2] else ""
            if found == wanted:
                return float(match[3])
    return None


async def sms_fails_for_three(bot) -> None:
    """Three people text; every reply to them fails at Twilio (transient 20500) for a while."""
    for number in OTHERS:
        bot.tw.fail_to(number, code=20500, times=5)
    for number in OTHERS:
        assert (await bot.sms("Bonjour", from_=number)).status_code == 200


# ---- /healthz -------------------------------------------------------------------------------


async def test_healthz_gives_backlogs_and_channels_without_numbers_or_text(bot):
    await bot.sms("J'ai besoin d'aide pour mon loyer")
    await bot.sms_replies()
    answer = await health(bot)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok" and body["problems"] == []
    assert body["inbox"] == {"backlog": 0, "oldest_seconds": None}
    assert body["requests"]["unclaimed"] == 1
    assert 0 <= body["requests"]["oldest_wait_seconds"] < 60
    sms = body["channels"]["sms"]
    assert sms["state"] == "on" and sms["failures_in_a_row"] == 0
    assert sms["last_sent_at"] is not None
    assert body["channels"]["telegram"]["mode"] == "polling"
    assert CITIZEN_NUMBER[2:] not in answer.text and "loyer" not in answer.text


async def test_a_failing_channel_makes_healthz_503_until_a_send_goes_through(bot):
    await sms_fails_for_three(bot)
    body = await until_status(bot, 503)
    assert body["status"] == "failing"
    assert body["problems"] == ["channel_down:sms"]
    assert body["channels"]["sms"]["state"] == "down"
    assert body["channels"]["sms"]["failures_in_a_row"] == 3
    assert body["channels"]["telegram"]["state"] == "on"
    assert not any(n[2:] in str(body) for n in OTHERS)
    await bot.sms("Bonjour")  # someone else: this reply goes through
    body = await until_status(bot, 200)
    assert body["channels"]["sms"]["state"] == "on"


async def test_one_person_whose_phone_keeps_failing_is_not_a_channel_down(bot):
    bot.tw.fail_to(CITIZEN_NUMBER, code=20500, times=5)
    for word in ("Bonjour", "MENU", "AIDE"):
        await bot.sms(word)
    await bot.rows_until("SELECT 1 FROM outbox WHERE attempts >= 1 AND status = 'pending'")
    answer = await health(bot)
    assert answer.status_code == 200, answer.json()
    assert answer.json()["channels"]["sms"]["failures_in_a_row"] >= 1


async def test_a_database_that_does_not_answer_is_a_503_not_a_hang(bot, monkeypatch):
    monkeypatch.setattr(service, "READ_TIMEOUT", 0.2)
    async with bot.db.transaction():  # someone holds the database
        answer = await health(bot)
    assert answer.status_code == 503
    assert answer.json() == {"status": "failing", "problems": ["database"], "leader": True}
    assert (await health(bot)).status_code == 200


async def test_webhook_mode_shows_telegram_pending_updates_and_last_error(make_bot):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET="webhook-secret-1")
    bot.tg.webhook_error = (int(time.time()) - 30, "Connection refused")
    bot.tg.push_text(4242, "Bonjour")  # Telegram holds it: it cannot reach us
    answer = await health(bot)
    assert answer.status_code == 503
    body = answer.json()
    assert body["problems"] == ["webhook_failing:telegram"]
    webhook = body["channels"]["telegram"]["webhook"]
    assert webhook["pending_update_count"] == 1
    assert webhook["last_error_message"] == "Connection refused"
    assert body["channels"]["telegram"]["mode"] == "webhook"
    assert len(bot.tg.calls_to("getWebhookInfo")) == 1
    await health(bot)
    assert len(bot.tg.calls_to("getWebhookInfo")) == 1  # cached, not asked at every look


# ---- /metrics -------------------------------------------------------------------------------


async def test_metrics_count_messages_in_out_and_failures_by_reason(bot):
    await sms_fails_for_three(bot)
    await bot.sms("Bonjour")
    await bot.sms_replies()
    await until_status(bot, 200)
    answer = await bot.http.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain")
    text = answer.text
    assert metric(text, "relais_messages_in_total", channel="sms") == 4
    assert metric(text, "relais_messages_out_total", channel="sms") >= 1
    failures = metric(
        text, "relais_send_failures_total", channel="sms", reason="twilio.20500", final="no"
    )
    assert failures == 3
    assert metric(text, "relais_outbox_pending", channel="sms") == 3
    assert metric(text, "relais_problem", problem="channel_down", channel="sms") == 0
    assert metric(text, "relais_last_send_timestamp_seconds", channel="sms") > 0
    assert not any(n[2:] in text for n in (*OTHERS, CITIZEN_NUMBER)) and "Bonjour" not in text


async def test_metrics_of_two_bots_in_one_process_are_their_own(make_bot):
    first, second = await make_bot(), await make_bot()
    await first.sms("Bonjour")
    await first.sms_replies()
    one = (await first.http.get("/metrics")).text
    two = (await second.http.get("/metrics")).text
    assert metric(one, "relais_messages_in_total", channel="sms") == 1
    assert metric(two, "relais_messages_in_total", channel="sms") is None


async def test_metrics_refuse_a_request_forwarded_by_a_proxy_in_loopback_mode(bot):
    forwarded = await bot.http.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert forwarded.status_code == 403
    assert "relais_" not in forwarded.text


@pytest.mark.parametrize(
    ("client", "ok"),
    [("127.0.0.1", True), ("::1", True), ("::ffff:127.0.0.1", True), ("192.168.1.20", False),
     ("2001:db8::1", False), (None, False), ("testclient", False)],
)  # fmt: skip
def test_loopback_means_this_machine(client, ok):
    assert allowed("loopback", client, {}) is ok


async def test_open_metrics_answer_anyone(make_bot):
    bot = await make_bot(RELAIS_METRICS="open")
    answer = await bot.http.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    assert answer.status_code == 200


async def test_metrics_with_a_token_need_the_bearer(make_bot):
    bot = await make_bot(RELAIS_METRICS="token:0123456789abcdef-metrics")
    assert (await bot.http.get("/metrics")).status_code == 403
    wrong = {"Authorization": "Bearer 0123456789abcdef-metricz"}
    assert (await bot.http.get("/metrics", headers=wrong)).status_code == 403
    right = {"Authorization": "Bearer 0123456789abcdef-metrics", "X-Forwarded-For": "1.2.3.4"}
    answer = await bot.http.get("/metrics", headers=right)
    assert answer.status_code == 200 and "relais_messages_in_total" in answer.text


async def test_escalations_are_counted(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", 9101)
    from tests.test_e2e_worker import always_on_duty

    await always_on_duty(bot.db, jade)
    await bot.sms("J'ai besoin d'aide pour mon loyer")
    (row,) = await bot.rows_until("SELECT created_at FROM requests")
    created = datetime.fromisoformat(row["created_at"])
    await bot.relais.escalation.sweep(created + timedelta(minutes=11))
    text = (await bot.http.get("/metrics")).text
    assert metric(text, "relais_escalations_total", urgency="normal") == 1


# ---- alerts ---------------------------------------------------------------------------------


async def test_coordinators_hear_once_on_telegram_that_sms_fails_then_that_it_is_over(bot):
    await add_worker(bot.db, "Claude Roy", COORD, role="coordinator")
    await sms_fails_for_three(bot)
    await until_status(bot, 503)
    now = bot.relais.clock()
    assert await alerts.watch(bot.relais, now) == ["channel_down:sms"]
    (alert,) = bot.tg.texts(COORD)
    assert alert.startswith("Relais - alerte technique : envois SMS en échec.")
    assert await alerts.watch(bot.relais, now + timedelta(seconds=30)) == []
    assert len(bot.tg.texts(COORD)) == 1  # once per incident, not once per look
    await bot.sms("Bonjour")
    await until_status(bot, 200)
    assert await alerts.watch(bot.relais, bot.relais.clock()) == []
    assert bot.tg.texts(COORD)[1] == "Relais - problème réglé : envois SMS en échec."


async def test_when_telegram_fails_the_alert_goes_by_sms(make_bot):
    bot = await make_bot(RELAIS_ALERT_SMS=ALERT_NUMBER)
    await add_worker(bot.db, "Claude Roy", COORD, role="coordinator")
    bot.tg.fail_next("sendMessage", status=500, times=15)
    for chat in (5001, 5002, 5003):
        bot.tg.push_text(chat, "Bonjour")
    body = await until_status(bot, 503)
    assert "channel_down:telegram" in body["problems"]
    assert await alerts.watch(bot.relais, bot.relais.clock()) == ["channel_down:telegram"]
    (sms,) = bot.tw.bodies_to(ALERT_NUMBER)
    assert sms.startswith("Relais - alerte technique : envois Telegram en échec.")
    assert bot.tg.texts(COORD) == []


async def test_an_alert_nobody_could_get_is_tried_again_at_the_next_look(bot):
    await sms_fails_for_three(bot)
    await until_status(bot, 503)
    assert await alerts.watch(bot.relais, bot.relais.clock()) == []  # no coordinator yet
    await add_worker(bot.db, "Claude Roy", COORD, role="coordinator")
    assert await alerts.watch(bot.relais, bot.relais.clock()) == ["channel_down:sms"]


# ---- the rule, on fixed dates ---------------------------------------------------------------


def figures(outbox_oldest: datetime | None = None, inbox_oldest: datetime | None = None, due=True):
    outbox = (
        {"sms": Backlog(4, outbox_oldest, outbox_oldest if due else None)} if outbox_oldest else {}
    )
    return Figures(Backlog(1 if inbox_oldest else 0, inbox_oldest), outbox, Backlog())


def test_an_outbox_waiting_5_minutes_with_nothing_sent_is_stuck():
    quiet = {"sms": ChannelState(last_sent_at=T0 - timedelta(minutes=30))}
    assert problems(figures(T0 - timedelta(minutes=4)), quiet, None, T0) == []
    assert problems(figures(T0 - timedelta(minutes=6)), quiet, None, T0) == ["outbox_stuck:sms"]


def test_a_long_queue_that_moves_is_not_stuck():
    moving = {"sms": ChannelState(last_sent_at=T0 - timedelta(seconds=2))}
    assert problems(figures(T0 - timedelta(minutes=40)), moving, None, T0) == []


def test_a_message_waiting_out_its_backoff_is_not_a_stuck_outbox():
    quiet = {"sms": ChannelState(last_sent_at=T0 - timedelta(hours=3))}
    one_phone_off = figures(T0 - timedelta(hours=1), due=False)
    assert problems(one_phone_off, quiet, None, T0) == []


def test_a_message_received_and_unprocessed_for_2_minutes_is_stuck():
    assert problems(figures(inbox_oldest=T0 - timedelta(seconds=100)), {}, None, T0) == []
    stuck = figures(inbox_oldest=T0 - timedelta(minutes=3))
    assert problems(stuck, {}, None, T0) == ["inbox_stuck"]


@pytest.mark.parametrize(
    "error",
    [
        SendError("twilio.21610", permanent=True, opted_out=True),
        SendError("twilio.21211", permanent=True, unreachable=True),
        SendError("telegram.bad_request: chat not found", permanent=True),
    ],
    ids=["opted-out", "bad-number", "unknown-chat"],
)
def test_failures_about_one_recipient_never_make_a_channel_down(error):
    state = ChannelState()
    for n in range(5):
        state.failed(f"sms:+1514555020{n}", error)
    assert not state.down
    assert problems(figures(), {"sms": state}, None, T0) == []


def test_an_old_webhook_error_is_not_a_problem_any_more():
    old = WebhookState(3, "Connection refused", T0 - timedelta(minutes=6))
    recent = WebhookState(3, "Connection refused", T0 - timedelta(minutes=1))
    drained = WebhookState(0, "Connection refused", T0 - timedelta(minutes=1))
    assert problems(figures(), {}, old, T0) == []
    assert problems(figures(), {}, drained, T0) == []
    assert problems(figures(), {}, recent, T0) == ["webhook_failing:telegram"]


# ---- settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [("anyone", "expected loopback, open or token"), ("token:short", "16 or more")],
)
def test_a_bad_metrics_setting_stops_the_start_naming_it(value, says):
    with pytest.raises(SettingsError, match=f"RELAIS_METRICS: .*{says}"):
        Settings.from_mapping({"RELAIS_METRICS": value})


def test_the_metrics_token_never_shows_in_a_repr():
    settings = Settings.from_mapping({"RELAIS_METRICS": "token:0123456789abcdef-metrics"})
    assert "0123456789abcdef" not in repr(settings)


def test_alert_numbers_are_read_as_e164():
    settings = Settings.from_mapping({"RELAIS_ALERT_SMS": "514 555-0199, +1 438 555 0100"})
    assert settings.alert_sms == ("+15145550199", "+14385550100")
    with pytest.raises(SettingsError, match="RELAIS_ALERT_SMS"):
        Settings.from_mapping({"RELAIS_ALERT_SMS": "514, nope"})


async def test_a_message_due_for_5_minutes_with_nothing_sent_is_a_stuck_outbox(bot):
    bot.tw.fail_to(CITIZEN_NUMBER, code=20500, times=5)
    await bot.sms("Bonjour")
    await bot.rows_until("SELECT 1 FROM outbox WHERE attempts >= 1 AND status = 'pending'")
    now = bot.relais.clock()
    assert await bot.relais.ops.problems(now) == []  # waiting out its backoff
    later = now + timedelta(minutes=7)
    assert await bot.relais.ops.problems(later) == ["outbox_stuck:sms"]


async def test_a_restart_neither_repeats_an_alert_nor_calls_a_dead_channel_mended(
    make_bot, tmp_path
):
    database = str(tmp_path / "shared.db")
    first = await make_bot(RELAIS_DATABASE=database)
    await add_worker(first.db, "Claude Roy", COORD, role="coordinator")
    await sms_fails_for_three(first)
    await until_status(first, 503)
    assert await alerts.watch(first.relais, first.relais.clock()) == ["channel_down:sms"]
    await first.relais.stop()
    second = await make_bot(RELAIS_DATABASE=database)
    assert await alerts.watch(second.relais, second.relais.clock()) == []
    assert len(second.tg.texts(COORD)) == 1  # no "solved": nothing has gone through yet
    await second.sms("Bonjour")
    await second.sms_replies()
    await second.relais.sender.flush()  # the provider has it; now Relais has recorded it too
    await alerts.watch(second.relais, second.relais.clock())
    assert second.tg.texts(COORD)[1] == "Relais - problème réglé : envois SMS en échec."
