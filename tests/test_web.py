"""The web chat over HTTP (no browser): sessions, CSRF, limits, headers, the whole flow."""

from __future__ import annotations

import asyncio
import re
import signal
from datetime import UTC, datetime

import aiohttp
import pytest

from tests.conftest import http_client, run_cli
from tests.test_e2e_worker import JADE, add_worker, always_on_duty, take_button
from tests.test_run_command import Running


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    await always_on_duty(bot.db, jade)
    return bot


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def open_chat(bot, path: str = "/chat"):
    page = await bot.http.get(path)
    assert page.status_code == 200
    return csrf_of(page.text)


async def test_page_headers_cookie_and_crisis_lines(bot):
    page = await bot.http.get("/chat")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["x-content-type-options"] == "nosniff"
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    for tel in ('href="tel:911"', 'href="tel:+18662773553"', 'href="tel:811"'):
        assert tel in page.text
    assert "Quitter vite" in page.text and "<script>" not in page.text and "style=" not in page.text
    english = await bot.http.get("/chat?lang=en")
    assert "Quick exit" in english.text and 'lang="en"' in english.text


async def test_post_without_csrf_is_refused_and_not_stored(bot):
    await open_chat(bot)
    refused = await bot.http.post("/chat/message", data={"text": "allo", "csrf": "wrong"})
    assert refused.status_code == 403
    assert await bot.rows("SELECT id FROM inbound") == []


async def test_post_without_session_is_refused(bot):
    refused = await bot.http.post("/chat/message", data={"text": "allo", "csrf": "x"})
    assert refused.status_code == 403


async def test_body_size_is_limited(bot):
    csrf = await open_chat(bot)
    big = await bot.http.post("/chat/message", data={"text": "x" * 20_000, "csrf": csrf})
    assert big.status_code == 413


async def test_plain_form_conversation_until_a_workers_relayed_answer(desk):
    csrf = await open_chat(desk)
    posted = await desk.http.post(
        "/chat/message", data={"text": "Je me sens seule ce soir", "csrf": csrf, "seq": "a1"}
    )
    assert posted.status_code == 303 and posted.headers["location"] == "/chat"
    (card,) = await desk.telegram_replies(JADE)
    assert "(Web, FR)" in card["text"] and "Je me sens seule ce soir" in card["text"]
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.rows_until("SELECT id FROM requests WHERE status = 'claimed'")
    desk.tg.push_text(JADE, "Bonsoir, je suis là. Voulez-vous qu'on se parle?")
    await desk.rows_until(
        "SELECT id FROM outbox WHERE address LIKE 'web:%' AND body LIKE 'Bonsoir, je suis%'"
        " AND status = 'sent'"
    )
    page = await desk.http.get("/chat")
    assert "Je me sens seule ce soir" in page.text
    assert "Bonsoir, je suis là" in page.text
    for text in desk.tg.texts(JADE):
        assert "web:" not in text
    # The same post again (a double tap, a retry) is stored once.
    await desk.http.post(
        "/chat/message", data={"text": "Je me sens seule ce soir", "csrf": csrf, "seq": "a1"}
    )
    assert len(await desk.rows("SELECT id FROM inbound WHERE address LIKE 'web:%'")) == 1


async def test_choices_are_buttons_and_a_choice_is_stored(bot):
    csrf = await open_chat(bot)
    await bot.http.post("/chat/message", data={"text": "Bonjour", "csrf": csrf, "seq": "b1"})
    page = await bot.http.get("/chat")
    assert 'name="choice" value="c:talk"' in page.text
    await bot.http.post("/chat/message", data={"choice": "c:talk", "csrf": csrf, "seq": "b2"})
    rows = await bot.rows("SELECT kind, body FROM inbound ORDER BY id")
    assert [tuple(r) for r in rows] == [("text", "Bonjour"), ("choice", "Parler à quelqu'un")]


async def test_quit_ends_the_session_and_clears_the_cookie(bot):
    csrf = await open_chat(bot)
    await bot.http.post("/chat/message", data={"text": "Bonjour", "csrf": csrf, "seq": "q1"})
    gone = await bot.http.post("/chat/quit", data={"csrf": csrf})
    assert gone.status_code == 200
    assert "www.google.ca" in gone.text and "Clear-Site-Data" in gone.headers
    assert await bot.rows("SELECT * FROM web_sessions") == []
    fresh = await bot.http.get("/chat")
    assert "Bonjour" not in re.sub(
        r"<section class=\"about\">.*?</section>", "", fresh.text, flags=re.S
    )


async def test_a_flood_of_new_sessions_is_slowed_and_sms_and_telegram_still_answered(bot):
    statuses = []
    # A client that keeps no cookie: each of its 1,000 visits asks for a new session.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as client:

        async def visit() -> int:
            async with client.get(bot.url + "/chat") as response:
                await response.read()
                return response.status

        for _ in range(20):  # 50 at a time
            statuses += await asyncio.gather(*(visit() for _ in range(50)))
            if len(statuses) == 500:
                await bot.sms("Bonjour")
                bot.tg.push_text(4242, "Bonjour")
    # A burst of 20, then 10 a minute: a few more may have been earned while the flood ran.
    assert 20 <= statuses.count(200) <= 30 and statuses.count(429) == 1000 - statuses.count(200)
    sessions = await bot.rows("SELECT COUNT(*) AS n FROM web_sessions")
    assert sessions[0]["n"] == statuses.count(200)
    assert await bot.sms_replies()
    assert await bot.telegram_replies(4242)


async def test_posts_of_one_session_are_rate_limited(bot):
    csrf = await open_chat(bot)
    codes = []
    for i in range(12):
        response = await bot.http.post(
            "/chat/message",
            data={"text": f"message {i}", "csrf": csrf, "seq": f"r{i}"},
            headers={"X-Relais-Fetch": "1"},
        )
        codes.append(response.status_code)
    assert codes[:5] == [204] * 5 and 429 in codes


async def test_continue_by_sms_moves_the_case_to_the_number(desk):
    csrf = await open_chat(desk)
    await desk.http.post(
        "/chat/message", data={"text": "J'ai besoin d'aide pour l'épicerie", "csrf": csrf}
    )
    (card,) = await desk.telegram_replies(JADE)
    refused = await desk.http.post("/chat/sms", data={"number": "514 555 0111", "csrf": csrf})
    assert refused.status_code == 400 and "Cochez la case" in refused.text
    moved = await desk.http.post(
        "/chat/sms", data={"number": "514 555 0111", "consent": "yes", "csrf": csrf}
    )
    assert moved.status_code == 200 and "11" in moved.text
    (sms,) = await desk.sms_replies("+15145550111")
    assert "continue ici" in sms
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    replies = await desk.sms_replies("+15145550111", count=2)
    assert "Jade" in replies[1]
    rows = await desk.rows("SELECT address FROM citizens")
    assert [r["address"] for r in rows] == ["sms:+15145550111"]


async def test_kiosk_cli_card_and_report_count_contacts_per_kiosk(desk):
    now = datetime.now(UTC)
    code, out = await run_cli(desk.db, "kiosk", "add", "caisse", "Caisse", "Desjardins", now=now)
    assert code == 0 and "/kiosque/caisse" in out
    code, out = await run_cli(desk.db, "kiosk", "add", "Pas Bon!", "X", now=now)
    assert code == 2
    _, listed = await run_cli(desk.db, "kiosk", "list", now=now)
    assert listed.startswith("caisse : Caisse Desjardins")  # French by default
    assert (await desk.http.get("/kiosque/ailleurs")).status_code == 404
    page = await desk.http.get("/kiosque/caisse")
    cookie = page.headers["set-cookie"]
    assert "Path=/kiosque/caisse" in cookie and "Max-Age" not in cookie
    posted = await desk.http.post(
        "/kiosque/caisse/message", data={"text": "Je cherche un repas", "csrf": csrf_of(page.text)}
    )
    assert posted.status_code == 303
    (card,) = await desk.telegram_replies(JADE)
    assert "(Kiosque — Caisse Desjardins, FR)" in card["text"]
    _, text = await run_cli(desk.db, "report", now=now)
    assert "Demandes par kiosque: Caisse Desjardins 1" in text
    _, csv = await run_cli(desk.db, "report", "--format", "csv", now=now)
    assert "requests_kiosk,1" in csv and "requests_kiosk_Caisse Desjardins,1" in csv
    code, _ = await run_cli(desk.db, "kiosk", "remove", "caisse", now=now)
    assert code == 0 and (await desk.http.get("/kiosque/caisse")).status_code == 404


async def test_live_stream_sends_each_answer_and_resumes_after_the_last_event(bot):
    csrf = await open_chat(bot)
    events: asyncio.Queue[str] = asyncio.Queue()

    async def read(after: str) -> None:
        headers = {"Last-Event-ID": after} if after else {}
        async with bot.http.stream("GET", "/chat/events", headers=headers) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            async for line in stream.aiter_lines():
                if line.startswith("id: "):
                    events.put_nowait(line[4:])

    reader = asyncio.create_task(read(""))
    await bot.http.post("/chat/message", data={"text": "MENU", "csrf": csrf, "seq": "s1"},
                        headers={"X-Relais-Fetch": "1"})  # fmt: skip
    first = await asyncio.wait_for(events.get(), 10)
    reader.cancel()
    await bot.http.post("/chat/message", data={"text": "MENU", "csrf": csrf, "seq": "s2"},
                        headers={"X-Relais-Fetch": "1"})  # fmt: skip
    reader = asyncio.create_task(read(first))  # a reconnection: only what came after
    second = await asyncio.wait_for(events.get(), 10)
    reader.cancel()
    assert int(second) > int(first)
    rows = await bot.rows("SELECT id FROM outbox WHERE address LIKE 'web:%' ORDER BY id")
    assert [str(r["id"]) for r in rows] == [first, second]


async def test_web_answers_are_not_held_up_behind_paced_sms(make_bot):
    bot = await make_bot(RELAIS_SMS_RATE="0.2")  # one SMS every 5 s
    for n in range(20):
        await bot.sms("Bonjour", from_=f"+1514555{1000 + n}")
    await bot.rows_until(
        "SELECT 1 WHERE (SELECT COUNT(*) FROM outbox WHERE address LIKE 'sms:%') >= 20"
    )
    csrf = await open_chat(bot)
    await bot.http.post("/chat/message", data={"text": "MENU", "csrf": csrf, "seq": "p1"},
                        headers={"X-Relais-Fetch": "1"})  # fmt: skip
    await bot.rows_until("SELECT id FROM outbox WHERE address LIKE 'web:%' AND status = 'sent'")
    waiting = await bot.rows(
        "SELECT COUNT(*) AS n FROM outbox WHERE address LIKE 'sms:%' AND status != 'sent'"
    )
    assert waiting[0]["n"] >= 15  # the SMS keep their pace; the web answer did not wait for them


async def test_a_session_resumes_within_its_hours_and_not_after(bot):
    csrf = await open_chat(bot)
    await bot.http.post("/chat/message", data={"text": "Bonjour", "csrf": csrf, "seq": "h1"})
    again = await bot.http.get("/chat")
    assert "set-cookie" not in again.headers and csrf_of(again.text) == csrf
    await bot.db.execute("UPDATE web_sessions SET last_seen_at = '2020-01-01T00:00:00+00:00'")
    later = await bot.http.get("/chat")
    assert "set-cookie" in later.headers and csrf_of(later.text) != csrf
    log = re.search(r'<section id="log".*?</section>', later.text, flags=re.S).group(0)
    assert "Bonjour" not in log


async def test_kiosk_callback_reaches_the_worker_and_the_screen_is_left_empty(desk):
    now = datetime.now(UTC)
    await run_cli(desk.db, "kiosk", "add", "biblio", "Bibliothèque Mercier", now=now)
    page = await desk.http.get("/kiosque/biblio/rappel")
    assert page.status_code == 303  # no session yet: the kiosk's first screen
    first = await desk.http.get("/kiosque/biblio")
    form = await desk.http.get("/kiosque/biblio/rappel")
    assert 'name="consent"' in form.text
    done = await desk.http.post(
        "/kiosque/biblio/rappel",
        data={"number": "514 555 0111", "consent": "yes", "csrf": csrf_of(first.text)},
    )
    assert done.status_code == 200 and "vous rappelle" in done.text
    (card,) = await desk.telegram_replies(JADE)
    assert "Kiosque — Bibliothèque Mercier" in card["text"] and "rappelle" in card["text"]
    assert "5550111" not in card["text"]
    (sms,) = await desk.sms_replies("+15145550111")
    assert "Ici Relais" in sms
    assert await desk.rows("SELECT * FROM web_sessions") == []


async def test_cookie_is_secure_behind_an_https_public_url(make_bot):
    bot = await make_bot(RELAIS_PUBLIC_URL="https://relais.example.org")
    page = await bot.http.get("/chat")
    assert "Secure" in page.headers["set-cookie"]
    plain = await (await make_bot()).http.get("/chat")
    assert "Secure" not in plain.headers["set-cookie"]


async def test_an_open_chat_page_does_not_keep_relais_run_from_stopping(tmp_path):
    async with Running(tmp_path) as relais, http_client(base_url=relais.url) as http:
        await http.get("/chat")
        async with http.stream("GET", "/chat/events") as stream:
            assert stream.status_code == 200
            assert await relais.stop_with(signal.SIGTERM, within=8) == 0
