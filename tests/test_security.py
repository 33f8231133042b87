"""Nothing let in: forged webhooks, huge bodies, group chats; logs free of personal data."""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from twilio.request_validator import RequestValidator

from bot.core import logs
from handlers.http import verify_twilio
from tests.conftest import CITIZEN_NUMBER, RELAIS_NUMBER
from tests.standins import DEFAULT_AUTH_TOKEN, inbound_sms_params, sign

FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "relais-webhook-secret_0123"
FORM = "application/x-www-form-urlencoded"
SMS_ONLY = {"TELEGRAM_BOT_TOKEN": "", "RELAIS_SMS_RATE": "50"}
VECTORS = json.loads((FIXTURES / "twilio" / "signature_vectors.json").read_text())


def telegram_update(name: str, update_id: int | None = None) -> dict:
    """A real update from tests/fixtures/telegram/updates (the autogram ones lack an id)."""
    update = json.loads((FIXTURES / "telegram" / "updates" / f"{name}.json").read_text())
    if update_id is not None or "update_id" not in update:
        update["update_id"] = update_id or 900_001
    return update


async def post_update(bot, update: dict | str | bytes, secret: str | None = SECRET):
    content = update if isinstance(update, str | bytes) else json.dumps(update)
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    return await bot.http.post("/telegram/webhook", content=content, headers=headers)


async def counts(bot) -> dict[str, int]:
    """How many rows each table that a message could touch holds."""
    found = {}
    for table in ("inbound", "citizens", "outbox", "requests"):
        (row,) = await bot.rows(f"SELECT COUNT(*) AS n FROM {table}")
        found[table] = row["n"]
    return found


NOTHING = {"inbound": 0, "citizens": 0, "outbox": 0, "requests": 0}


# ---- Twilio signatures ---------------------------------------------------------------------


async def test_forged_twilio_webhooks_get_403_and_store_nothing(make_bot):
    bot = await make_bot(**SMS_ONLY)
    url = bot.url + "/twilio/sms"
    params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "Bonjour")
    good = sign(DEFAULT_AUTH_TOKEN, url, params)
    attempts = {
        "unsigned": (params, {}),
        "empty signature": (params, {"X-Twilio-Signature": ""}),
        "garbage signature": (params, {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}),
        "wrong token": (params, {"X-Twilio-Signature": sign("guessed", url, params)}),
        "signed for another URL": (
            params,
            {"X-Twilio-Signature": sign(DEFAULT_AUTH_TOKEN, "https://evil.example/sms", params)},
        ),
        "signed for the status route": (
            params,
            {"X-Twilio-Signature": sign(DEFAULT_AUTH_TOKEN, bot.url + "/twilio/status", params)},
        ),
        "replayed, body changed": ({**params, "Body": "AIDE"}, {"X-Twilio-Signature": good}),
        "replayed, sender changed": (
            {**params, "From": "+15145550999"},
            {"X-Twilio-Signature": good},
        ),
        "replayed, field added": ({**params, "NumMedia": "1"}, {"X-Twilio-Signature": good}),
        "replayed, field dropped": (
            {k: v for k, v in params.items() if k != "Body"},
            {"X-Twilio-Signature": good},
        ),
    }
    for name, (data, headers) in attempts.items():
        response = await bot.http.post("/twilio/sms", data=data, headers=headers)
        assert response.status_code == 403, name
    await bot.quiet()
    assert await counts(bot) == NOTHING
    assert bot.tw.requests == []

    genuine = await bot.http.post("/twilio/sms", data=params, headers={"X-Twilio-Signature": good})
    assert genuine.status_code == 200  # the same request, untouched, is let in
    await bot.sms_replies()


async def test_signature_is_checked_against_the_public_url_behind_a_proxy(make_bot):
    bot = await make_bot(RELAIS_PUBLIC_URL="https://relais.example.org", **SMS_ONLY)
    params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "Bonjour")

    async def post(signed_for: str) -> httpx.Response:
        signature = sign(DEFAULT_AUTH_TOKEN, signed_for, params)
        return await bot.http.post(
            "/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
        )

    # What the proxy forwards arrives at http://127.0.0.1:port; Twilio signed the public URL.
    assert (await post(bot.url + "/twilio/sms")).status_code == 403
    assert (await post("http://relais.example.org/twilio/sms")).status_code == 403
    assert await counts(bot) == NOTHING
    assert (await post("https://relais.example.org/twilio/sms")).status_code == 200
    assert (await post("https://relais.example.org:443/twilio/sms")).status_code == 200
    (reply,) = await bot.sms_replies()
    assert "Relais" in reply
    (message,) = bot.tw.messages_to(CITIZEN_NUMBER)
    callback = bot.tw.form_for(message["sid"])["StatusCallback"]
    assert callback == "https://relais.example.org/twilio/status"


def _form_body(vector: dict) -> bytes:
    pairs = vector.get("params_multi") or list(vector["params"].items())
    return urlencode([tuple(pair) for pair in pairs]).encode()


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS["vectors"] if "body" not in v], ids=lambda v: v["id"]
)
def test_twilio_signature_vectors_through_our_check(vector):
    """Twilio's own SDK vectors, posted as a urlencoded body, through `verify_twilio`."""
    form = verify_twilio(
        vector["auth_token"], vector["url"], _form_body(vector), vector["expected_signature"]
    )
    assert (form is not None) is vector["expected_valid"]
    if form is not None:
        pairs = vector.get("params_multi") or list(vector["params"].items())
        assert sorted(form.multi_items()) == sorted(tuple(p) for p in pairs)


@pytest.mark.parametrize(
    "vector", [v for v in VECTORS["vectors"] if "body" in v], ids=lambda v: v["id"]
)
def test_json_bodies_are_not_sms_webhooks(vector):
    """Twilio posts SMS webhooks as forms; a JSON body (bodySHA256 signing) is refused."""
    body = vector["body"] if isinstance(vector["body"], str) else json.dumps(vector["body"])
    assert verify_twilio(vector["auth_token"], vector["url"], body.encode(), "x") is None
    signature = vector["expected_signature"]
    assert verify_twilio(vector["auth_token"], vector["url"], body.encode(), signature) is None


@pytest.mark.parametrize("case", VECTORS["url_equivalence_cases"]["cases"])
def test_twilio_url_equivalences(case):
    """Port 443 or not, an apostrophe or its %27: the same URL for the signature."""
    # Twilio signs the URL with an apostrophe percent-encoded (see the vectors' notes).
    signed_for = case["signed_with_url"].replace("'", "%27")
    signature = RequestValidator(case["auth_token"]).compute_signature(signed_for, case["params"])
    form = verify_twilio(case["auth_token"], case["validated_against_url"], b"", signature)
    assert (form is not None) is case["expected_valid"]


# ---- sizes ---------------------------------------------------------------------------------


async def test_huge_bodies_are_refused_without_a_server_error(make_bot):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET, RELAIS_SMS_RATE="50")
    params = inbound_sms_params(CITIZEN_NUMBER, RELAIS_NUMBER, "x" * 1_000_000)
    signed = await bot.post_signed("/twilio/sms", params)
    status = await bot.post_signed("/twilio/status", {"MessageSid": "SM1", "Pad": "x" * 10**6})
    update = {"update_id": 1, "message": {"text": "x" * 1_000_000}}
    telegram = await post_update(bot, update)

    async def chunks():  # no Content-Length: the size is found while reading
        for _ in range(64):
            yield b"x" * 16_384

    streamed = await bot.http.post(
        "/telegram/webhook",
        content=chunks(),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    for response in (signed, status, telegram, streamed):
        assert response.status_code == 413
    assert await counts(bot) == NOTHING
    assert (await bot.http.get("/healthz")).json()["status"] == "ok"


async def test_signed_empty_bodies_get_200(make_bot):
    bot = await make_bot(**SMS_ONLY)
    signature = sign(DEFAULT_AUTH_TOKEN, bot.url + "/twilio/sms", {})
    response = await bot.http.post(
        "/twilio/sms",
        content=b"",
        headers={
            "X-Twilio-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_code == 200 and "<Response" in response.text
    assert await counts(bot) == NOTHING  # no sender, no message id: nothing to store

    empty_text = await bot.sms("")
    assert empty_text.status_code == 200
    await bot.sms_replies()  # an empty SMS (a blank MMS) still gets an answer
    assert (await counts(bot))["inbound"] == 1


# ---- Telegram webhook ----------------------------------------------------------------------


async def test_telegram_webhook_needs_the_secret(make_bot):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET)
    update = telegram_update("teloxide_private_text_message")
    for secret in (None, "", "wrong", SECRET + "x", SECRET[:-1], SECRET.upper()):
        assert (await post_update(bot, update, secret)).status_code == 403, secret
    await bot.quiet()
    assert await counts(bot) == NOTHING
    assert bot.tg.calls_to("sendMessage") == []

    assert (await post_update(bot, update)).status_code == 200
    await bot.telegram_replies(update["message"]["chat"]["id"])


async def test_telegram_webhook_rejects_what_is_not_an_update(make_bot):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET)
    for body in ("{not json", "", "[1, 2]", "null", '"text"', '{"update_id": 1, "message": "x"}'):
        assert (await post_update(bot, body)).status_code == 400, body
    assert (await post_update(bot, b"\xff\xfe\x00")).status_code == 400
    assert await counts(bot) == NOTHING


async def test_telegram_webhook_is_off_in_polling_mode(bot):
    update = telegram_update("teloxide_private_text_message")
    assert (await post_update(bot, update)).status_code == 404
    assert await counts(bot) == NOTHING


# ---- group chats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "teloxide_supergroup_bot_command_reply_in_thread",
        "teloxide_supergroup_story_message",
        "teloxide_supergroup_dice_message",
        "teloxide_supergroup_pinned_message_service",
    ],
)
async def test_messages_in_groups_are_ignored(make_bot, name):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET)
    assert (await post_update(bot, telegram_update(name))).status_code == 200
    await bot.quiet()
    assert await counts(bot) == NOTHING
    setup = ("getme", "setwebhook", "setmycommands")  # the bot's own start-up calls
    sent = [c for c in bot.tg.calls if c.method.lower() not in setup]
    assert sent == []


@pytest.mark.parametrize(
    "name",
    ["autogram_my_chat_member_group_added", "autogram_my_chat_member_supergroup_forum_added"],
)
async def test_added_to_a_group_the_bot_leaves(make_bot, name):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET)
    update = telegram_update(name)
    assert (await post_update(bot, update)).status_code == 200
    (left,) = bot.tg.calls_to("leaveChat")
    assert left["chat_id"] == update["my_chat_member"]["chat"]["id"]
    assert bot.tg.calls_to("sendMessage") == []
    assert await counts(bot) == NOTHING


@pytest.mark.parametrize(
    "name",
    [
        "autogram_my_chat_member_supergroup_admin_removed_kicked",
        "autogram_my_chat_member_private_kicked_user_blocked_bot",
    ],
)
async def test_other_membership_changes_do_nothing(make_bot, name):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET)
    assert (await post_update(bot, telegram_update(name))).status_code == 200
    await bot.quiet()
    assert bot.tg.calls_to("leaveChat") == [] and bot.tg.calls_to("sendMessage") == []
    assert await counts(bot) == NOTHING


# ---- logs ----------------------------------------------------------------------------------

PERSONAL = [
    "5145550199",  # the citizen's number, in every shape
    "514-555-0199",
    "514 555 0199",
    "555-0199",
    "5550199",
    "5145550198",
    "5145550123",
    "514 555 0123",
    "Ginette",
    "Tremblay",
    "Hochelaga",
    "Maurice",
    "voisin",
    "Waffle",  # the Telegram user's first name and username in the fixture
    "WaffleLapkin",
    "Nelson",  # the person who added the bot to a group
    "drui909",
]


@pytest.fixture
def production_logging(caplog):
    """`relais run`'s logging (bot.core.logs.setup), the project's loggers at DEBUG, into caplog."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    third_party = ("httpx", "apscheduler", "uvicorn.access", "telegram.ext")
    levels = {name: logging.getLogger(name).level for name in third_party}
    logs.setup()
    root.handlers[:] = handlers  # keep pytest's capture, drop the stderr handler
    for name in ("bot", "handlers", "storage", "flows"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog
    root.setLevel(level)
    for name, saved in levels.items():
        logging.getLogger(name).setLevel(saved)


async def test_logs_carry_no_text_numbers_or_names(make_bot, production_logging):
    bot = await make_bot(TELEGRAM_WEBHOOK_SECRET=SECRET, RELAIS_SMS_RATE="50")
    await _citizen_scenario(bot)
    formatter = logs.KeyValueFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    records = production_logging.records
    assert any(r.name.startswith("bot.") for r in records)  # the scenario did log
    for record in records:
        text = formatter.format(record) + repr(record.args) + repr(vars(record))
        leaked = [p for p in PERSONAL if p.lower() in text.lower()]
        assert not leaked, (leaked, record.name, record.getMessage())


async def _citizen_scenario(bot) -> None:
    number, failing = "+15145550199", "+15145550198"
    for body in ("Bonjour", "1", "Je m'appelle Ginette Tremblay, mon voisin me fait peur"):
        assert (await bot.sms(body, from_=number)).status_code == 200
    params = inbound_sms_params(number, RELAIS_NUMBER, "Rappelez-moi au 514 555 0123")
    assert (await bot.post_signed("/twilio/sms", params)).status_code == 200
    assert (await bot.post_signed("/twilio/sms", params)).status_code == 200  # duplicate
    forged = await bot.http.post("/twilio/sms", data={**params, "Body": "Maurice"})
    assert forged.status_code == 403
    bot.tw.fail_to(failing, code=21211)
    assert (await bot.sms("Allo c'est Maurice", from_=failing)).status_code == 200

    private = telegram_update("teloxide_private_text_message")
    private["message"]["text"] = "J'habite au 2345 rue Hochelaga, Ginette"
    assert (await post_update(bot, private)).status_code == 200
    chat = private["message"]["chat"]["id"]
    await bot.telegram_replies(chat)
    bot.tg.block(chat)
    again = copy.deepcopy(private)
    again["update_id"] += 1
    again["message"]["text"] = "Ginette encore, 514-555-0199"
    assert (await post_update(bot, again)).status_code == 200
    group = telegram_update("autogram_my_chat_member_group_added")
    assert (await post_update(bot, group)).status_code == 200
    await bot.sms_replies(number, count=3)
    await bot.tw.wait_for(lambda: any(r["To"] == failing for r in bot.tw.requests), 5)
    await bot.tg.wait_for(lambda: len(bot.tg.calls_to("sendMessage")) >= 2, 5)
    await bot.quiet()
