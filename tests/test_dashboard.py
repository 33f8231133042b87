"""The dashboard over HTTP (no browser): sign-in by a single-use link, sessions, CSRF, the role
checks of every page and action, the board, the case page, assignment; nothing in a page ever
shows a phone number or a Telegram account."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse

from bot.core.features import Services
from bot.core.settings import Settings
from bot.dashboard.auth import Actor, require
from bot.dashboard.dashboard import Dashboard
from bot.dashboard.forms import form_of
from bot.dashboard.routes import dashboard_routes, route
from bot.desk.policy import Action, Refusal, Standing, may, may_assign, may_view
from storage import dashboard as store
from storage import workers
from storage.requests import Request
from storage.workers import Worker
from tests.conftest import CITIZEN_NUMBER, http_client, run_cli
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty, take_button


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def link_for(bot, worker) -> str:
    """A fresh sign-in link's token for this worker (as /tableau or the CLI gives)."""
    return await store.create_link(bot.db, worker.id, bot.relais.clock())


async def browser(bot) -> httpx.AsyncClient:
    """A client with its own cookie jar, as a separate browser would be (closed at the end)."""
    client = http_client(base_url=bot.url, timeout=10)
    bot.clients.append(client)
    return client


async def sign_in(bot, worker) -> httpx.AsyncClient:
    """A browser signed in as `worker` through a link's page and its "Entrer" button."""
    client = await browser(bot)
    token = await link_for(bot, worker)
    page = await client.get(f"/tableau/entrer?jeton={token}")
    assert page.status_code == 200 and 'name="jeton"' in page.text
    entered = await client.post("/tableau/entrer", data={"jeton": token})
    assert entered.status_code == 303 and entered.headers["location"] == "/tableau"
    return client


@pytest.fixture(autouse=True)
async def clients(bot):
    bot.clients = []
    yield
    for client in bot.clients:
        await client.aclose()


@pytest.fixture
async def team(bot):
    """Jade and Karim (workers, on duty) and Léa (coordinator), all linked to Telegram."""
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    lea = await add_worker(bot.db, "Léa Roy", COORD, role="coordinator", org="Table de quartier")
    await always_on_duty(bot.db, jade, karim)
    bot.team = {"jade": jade, "karim": karim, "lea": lea}
    return bot


# ---- sign-in -----------------------------------------------------------------------------


async def test_the_link_page_uses_nothing_and_the_button_signs_in_once(team):
    jade = team.team["jade"]
    client = await browser(team)
    token = await link_for(team, jade)
    for _ in range(3):  # a link previewer, then the person, then a reload: nothing used yet
        page = await client.get(f"/tableau/entrer?jeton={token}")
        assert page.status_code == 200 and "Entrer" in page.text
    entered = await client.post("/tableau/entrer", data={"jeton": token})
    assert entered.status_code == 303
    cookie = entered.headers["set-cookie"]
    assert cookie.startswith("relais_tableau=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/tableau" in cookie
    assert "Secure" not in cookie  # served on 127.0.0.1 over http: the browser would drop it
    board = await client.get("/tableau")
    assert board.status_code == 200 and "Jade Tremblay" in board.text
    # The same link again, from another browser: refused, and no session for it.
    other = await browser(team)
    again = await other.post("/tableau/entrer", data={"jeton": token})
    assert again.status_code == 410 and "/tableau" in again.text
    assert "relais_tableau" not in again.headers.get("set-cookie", "")
    assert (await other.get("/tableau")).status_code == 303
    page = await other.get(f"/tableau/entrer?jeton={token}")
    assert page.status_code == 410 and 'name="jeton"' not in page.text


async def test_another_site_cannot_sign_a_browser_in(team):
    token = await link_for(team, team.team["jade"])
    client = await browser(team)
    refused = await client.post(
        "/tableau/entrer", data={"jeton": token}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert refused.status_code == 403 and "relais_tableau" not in client.cookies
    assert await store.link_worker(team.db, token, team.relais.clock()) is not None  # unused


def test_the_cookie_is_secure_unless_served_here_over_http():
    def dashboard(url: str) -> Dashboard:
        settings = Settings.from_mapping({"RELAIS_PUBLIC_URL": url})
        return Dashboard(Services(settings, None, None, None, None, None, None, None))

    for url in ("https://relais.example.org", "http://relais.example.org", "https://localhost"):
        assert dashboard(url).secure_cookie, url
    for url in ("http://127.0.0.1:8080", "http://localhost:8080", "http://localhost"):
        assert not dashboard(url).secure_cookie, url
    assert dashboard("http://localhost.example.org").secure_cookie  # not this machine


async def test_a_link_expires_after_ten_minutes(team):
    jade = team.team["jade"]
    late, on_time = await link_for(team, jade), await link_for(team, jade)
    client = await browser(team)
    team.advance(timedelta(minutes=9, seconds=50))
    assert (await client.post("/tableau/entrer", data={"jeton": on_time})).status_code == 303
    team.advance(timedelta(seconds=20))
    refused = await (await browser(team)).post("/tableau/entrer", data={"jeton": late})
    assert refused.status_code == 410


async def test_tokens_and_sessions_are_stored_hashed(team):
    jade = team.team["jade"]
    token = await link_for(team, jade)
    client = await sign_in(team, jade)
    cookie = client.cookies["relais_tableau"]
    stored = await team.rows("SELECT token_hash FROM dashboard_tokens")
    stored += await team.rows("SELECT token_hash FROM dashboard_sessions")
    hashes = {r["token_hash"] for r in stored}
    assert token not in hashes and cookie not in hashes
    assert store.digest(token) in hashes and store.digest(cookie) in hashes


async def test_a_session_ends_after_twelve_hours_and_at_sign_out(team):
    jade = team.team["jade"]
    client = await sign_in(team, jade)
    team.advance(timedelta(hours=11, minutes=59))
    board = await client.get("/tableau")
    assert board.status_code == 200
    team.advance(timedelta(minutes=2))
    gone = await client.get("/tableau")
    assert gone.status_code == 303 and gone.headers["location"] == "/tableau/entrer"
    client = await sign_in(team, jade)
    board = await client.get("/tableau")
    out = await client.post("/tableau/sortir", data={"csrf": csrf_of(board.text)})
    assert out.status_code == 200 and "déconnecté" in out.text
    assert 'relais_tableau=""' in out.headers["set-cookie"]
    assert (
        await team.rows("SELECT id FROM dashboard_sessions WHERE worker_id = ?", (jade.id,)) == []
    )


async def test_signed_out_pages_explain_how_to_get_a_link(team):
    client = await browser(team)
    board = await client.get("/tableau")
    assert board.status_code == 303 and board.headers["location"] == "/tableau/entrer"
    help_ = await client.get("/tableau/entrer")
    assert help_.status_code == 200 and "/tableau" in help_.text and "Telegram" in help_.text
    english = await client.get("/tableau/entrer?lang=en")
    assert 'lang="en"' in english.text and "Telegram" in english.text
    posted = await client.post("/tableau/sortir", data={"csrf": "x"})
    assert posted.status_code == 303


async def test_a_deactivated_worker_is_signed_out(team):
    jade = team.team["jade"]
    client = await sign_in(team, jade)
    await workers.set_active(team.db, jade.id, False)
    assert (await client.get("/tableau")).status_code == 303
    refused = await (await browser(team)).post(
        "/tableau/entrer", data={"jeton": await link_for(team, jade)}
    )
    assert refused.status_code == 410


async def test_posts_without_the_sessions_csrf_are_refused(team):
    client = await sign_in(team, team.team["jade"])
    for data in ({}, {"csrf": "wrong"}):
        refused = await client.post("/tableau/sortir", data=data)
        assert refused.status_code == 403
    assert len(await team.rows("SELECT id FROM dashboard_sessions")) == 1


async def test_pages_carry_the_security_headers(team):
    client = await sign_in(team, team.team["jade"])
    board = await client.get("/tableau")
    csp = board.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert board.headers["cache-control"] == "no-store"
    assert board.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in board.text and "style=" not in board.text
    css = await client.get("/static/tableau/dashboard.css")
    assert css.status_code == 200 and "nosniff" in css.headers["x-content-type-options"]


async def test_the_language_follows_the_worker_then_the_switch(team):
    karim = await add_worker(team.db, "Sam Lee", 9010, languages=("en", "fr"))
    client = await sign_in(team, karim)
    board = await client.get("/tableau")
    assert 'lang="en"' in board.text and "Sign out" in board.text
    french = await client.get("/tableau?lang=fr")
    assert 'lang="fr"' in french.text and "Se déconnecter" in french.text
    again = await client.get("/tableau")
    assert 'lang="fr"' in again.text  # kept for the session


async def test_workers_see_no_coordinator_navigation(team):
    jade = await sign_in(team, team.team["jade"])
    lea = await sign_in(team, team.team["lea"])
    worker_board = (await jade.get("/tableau")).text
    coordinator_board = (await lea.get("/tableau")).text
    for path in ("/tableau/horaire", "/tableau/intervenants", "/tableau/bilan"):
        assert f'href="{path}"' not in worker_board
        assert f'href="{path}"' in coordinator_board


async def test_require_guards_a_coordinator_page_and_its_post(team):
    """The interface the coordinator's pages build on: role, then CSRF for a post."""

    @require("coordinator")
    async def secret(request, actor: Actor):
        form = form_of(request)
        sizes = "".join(f" {f.filename}:{len(f.data)}" for f in form.files.values())
        return PlainTextResponse(f"{actor.worker.name} {form.get('what')}{sizes}")

    dash = team.relais.dashboard
    paths = [route(dash, "/tableau/essai", secret), route(dash, "/tableau/essai", secret, ["POST"])]
    app = Starlette(routes=[*dashboard_routes(dash), *paths])

    async def enter(worker) -> httpx.AsyncClient:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://127.0.0.1")
        team.clients.append(client)
        await client.post("/tableau/entrer", data={"jeton": await link_for(team, worker)})
        return client

    lea, jade = await enter(team.team["lea"]), await enter(team.team["jade"])
    assert (await lea.get("/tableau/essai")).text == "Léa Roy "
    refused = await jade.get("/tableau/essai")
    assert refused.status_code == 403 and "rôle" in refused.text
    csrf = csrf_of((await lea.get("/tableau")).text)
    posted = await lea.post("/tableau/essai", data={"csrf": csrf, "what": "ok"})
    assert posted.text == "Léa Roy ok"
    assert (await lea.post("/tableau/essai", data={"csrf": "no", "what": "ok"})).status_code == 403
    jade_csrf = csrf_of((await jade.get("/tableau")).text)
    assert (await jade.post("/tableau/essai", data={"csrf": jade_csrf})).status_code == 403
    upload = await lea.post(
        "/tableau/essai", data={"csrf": csrf, "what": "fichier"},
        files={"file": ("rota.csv", b"worker,day,start,end\n")},
    )  # fmt: skip
    assert upload.text == "Léa Roy fichier rota.csv:21"
    signed_out = httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://127.0.0.1")
    team.clients.append(signed_out)
    assert (await signed_out.get("/tableau/essai")).status_code == 303


# ---- the policy (pure) ------------------------------------------------------------------


MOMENT = datetime(2026, 3, 2, 15, tzinfo=UTC)


def person(id_: int, role: str = "worker", linked: bool = True, active: bool = True) -> Worker:
    return Worker(id_, f"W{id_}", 100 + id_ if linked else None, "", ("fr",), role, active)


def case_of(status: str, holder: int | None) -> Request:
    moment = MOMENT
    return Request(
        7, 1, "sms", "fr", "allo", False, status, False, moment,
        holder, moment if holder else None, 0, "citizen",
    )  # fmt: skip


def test_who_may_view_a_case():
    worker, other, coordinator = person(1), person(2), person(3, "coordinator", linked=False)
    assert may_view(worker, case_of("waiting", None)) is None  # the queue
    assert may_view(worker, case_of("claimed", 1)) is None
    assert may_view(worker, case_of("closed", 1)) is None  # she last held it
    assert may_view(other, case_of("claimed", 1)) is Refusal.NOT_ALLOWED
    assert may_view(other, case_of("closed", 1)) is Refusal.NOT_ALLOWED
    assert may_view(coordinator, case_of("claimed", 1)) is None  # not linked: still sees all
    assert may_view(person(1, active=False), case_of("claimed", 1)) is Refusal.NOT_ALLOWED
    assert may(other, Action.VIEW, case_of("claimed", 1), Standing()) is Refusal.NOT_ALLOWED


def test_who_may_assign_a_case_to_whom():
    coordinator, worker = person(3, "coordinator", linked=False), person(1)
    assert may_assign(coordinator, case_of("waiting", None), worker) is None
    assert may_assign(coordinator, case_of("claimed", 2), worker) is None
    assert may_assign(coordinator, case_of("claimed", 1), worker) is Refusal.TAKEN
    assert may_assign(coordinator, case_of("closed", 2), worker) is Refusal.CLOSED
    assert may_assign(worker, case_of("waiting", None), person(2)) is Refusal.NOT_ALLOWED
    for target in (None, person(2, linked=False), person(2, active=False)):
        assert may_assign(coordinator, case_of("waiting", None), target) is Refusal.NOT_ALLOWED
    gone = person(3, "coordinator", active=False)
    assert may_assign(gone, case_of("waiting", None), worker) is Refusal.NOT_ALLOWED
    assert may(coordinator, Action.ASSIGN, case_of("waiting", None), Standing()) is not None


# ---- the board, the case page, assignment ----------------------------------------------


def column(html: str, key: str) -> str:
    """The HTML of one column of the board."""
    found = re.search(rf'<section class="column" id="column-{key}".*?</section>', html, re.S)
    return found.group(0)


async def jade_takes(bot, words: str) -> None:
    await bot.sms(words)
    (card,) = await bot.telegram_replies(JADE)
    bot.tg.push_callback(JADE, card["message_id"], take_button(card))
    await bot.rows_until("SELECT id FROM requests WHERE status = 'claimed'")


async def test_the_board_shows_the_queue_to_all_and_claimed_cases_by_role(team):
    jade, karim, lea = [await sign_in(team, team.team[n]) for n in ("jade", "karim", "lea")]
    await team.sms("Je me sens seule ce soir")
    await team.rows_until("SELECT id FROM requests")
    for client in (jade, karim, lea):
        waiting = column((await client.get("/tableau")).text, "waiting")
        assert "#A1" in waiting and "Je me sens seule ce soir" in waiting
        assert "en attente depuis 0 minute" in waiting
    team.advance(timedelta(minutes=3))
    assert "depuis 3 minutes" in column((await lea.get("/tableau")).text, "waiting")
    (card,) = await team.telegram_replies(JADE)
    team.tg.push_callback(JADE, card["message_id"], take_button(card))
    await team.rows_until("SELECT id FROM requests WHERE status = 'claimed'")
    mine = column((await jade.get("/tableau")).text, "claimed")
    assert "Mes dossiers" in mine and "#A1" in mine
    assert "#A1" not in (await karim.get("/tableau")).text
    claimed = column((await lea.get("/tableau")).text, "claimed")
    assert "#A1" in claimed and "pris par Jade Tremblay" in claimed


async def test_urgent_and_escalated_requests_have_their_own_columns(team):
    lea = await sign_in(team, team.team["lea"])
    await team.sms("Je veux mourir")
    await team.rows_until("SELECT id FROM requests WHERE urgent = 1")
    await team.sms("Bonjour, j'ai une question pour mon loyer", from_="+15145550122")
    await team.rows_until("SELECT id FROM requests WHERE id = 2")
    async with team.db.transaction() as conn:
        await conn.execute("UPDATE requests SET escalations = 2 WHERE id = 2")
    board = (await lea.get("/tableau")).text
    assert "#A1" in column(board, "urgent") and "#A2" in column(board, "escalated")
    assert "relancé 2 fois" in column(board, "escalated")


async def test_a_worker_cannot_open_another_workers_case_nor_assign(team):
    await jade_takes(team, "Besoin d'aide pour mes courses")
    karim = await sign_in(team, team.team["karim"])
    refused = await karim.get("/tableau/dossier/A1")
    assert refused.status_code == 403 and "Besoin d'aide" not in refused.text
    csrf = csrf_of((await karim.get("/tableau")).text)
    kid = str(team.team["karim"].id)
    posted = await karim.post("/tableau/dossier/A1/attribuer", data={"csrf": csrf, "worker": kid})
    assert posted.status_code == 403
    row = (await team.rows("SELECT claimed_by FROM requests WHERE id = 1"))[0]
    assert row["claimed_by"] == team.team["jade"].id
    jade = await sign_in(team, team.team["jade"])
    page = await jade.get("/tableau/dossier/A1")
    assert page.status_code == 200 and "Besoin d&#39;aide pour mes courses" in page.text
    assert 'action="/tableau/dossier/A1/attribuer"' not in page.text
    refusals = await team.rows("SELECT detail FROM audit WHERE action = 'case.refused'")
    assert [r["detail"] for r in refusals] == ["view"]
    missing = await jade.get("/tableau/dossier/A99")
    assert missing.status_code == 404


async def test_the_coordinator_assigns_then_reassigns_and_everyone_is_told(team):
    lea = await sign_in(team, team.team["lea"])
    await team.sms("J'ai besoin d'aide pour remplir un formulaire")
    (jade_card,) = await team.telegram_replies(JADE)
    await team.sms("C'est pour le loyer")
    await team.rows_until("SELECT id FROM inbound WHERE body = 'C''est pour le loyer'")
    board = (await lea.get("/tableau")).text
    csrf = csrf_of(board)
    karim_id, jade_id = str(team.team["karim"].id), str(team.team["jade"].id)
    refused = await lea.post("/tableau/dossier/A1/attribuer", data={"worker": karim_id})
    assert refused.status_code == 403
    done = await lea.post("/tableau/dossier/A1/attribuer", data={"csrf": csrf, "worker": karim_id})
    assert done.status_code == 303 and done.headers["location"] == "/tableau/dossier/A1?fait=confie"
    page = await lea.get(done.headers["location"])
    assert "#A1 est confié à Karim Haddad" in page.text
    assert "Confiée par Léa Roy à Karim Haddad" in page.text
    told = await team.tg.wait_for(
        lambda: [t for t in team.tg.texts(KARIM) if "vous confie #A1" in t]
    )
    assert told == ["Léa Roy (coordination) vous confie #A1."]
    await team.tg.wait_for(lambda: any("C'est pour le loyer" in t for t in team.tg.texts(KARIM)))
    await team.tg.wait_for(
        lambda: "pris par Karim" in team.tg.message(JADE, jade_card["message_id"])["text"]
    )
    replies = await team.sms_replies(count=3)
    assert "Karim, de Sésame, a pris votre demande" in replies[-1]
    row = (await team.rows("SELECT status, claimed_by FROM requests"))[0]
    assert tuple(row) == ("claimed", team.team["karim"].id)
    # Reassigned to Jade: Karim learns where it went, the citizen who follows her now.
    again = await lea.post("/tableau/dossier/A1/attribuer", data={"csrf": csrf, "worker": jade_id})
    assert again.status_code == 303
    await team.tg.wait_for(
        lambda: "Léa Roy (coordination) a confié #A1 à Jade Tremblay." in team.tg.texts(KARIM)
    )
    await team.tg.wait_for(lambda: any("vous confie #A1" in t for t in team.tg.texts(JADE)))
    replies = await team.sms_replies(count=4)
    assert "suivie par Jade" in replies[-1]
    same = await lea.post("/tableau/dossier/A1/attribuer", data={"csrf": csrf, "worker": jade_id})
    assert same.status_code == 400


async def test_assignment_needs_an_active_linked_worker_and_an_open_case(team):
    lea = await sign_in(team, team.team["lea"])
    unlinked = await add_worker(team.db, "Noé Sans Telegram", None)
    await team.sms("Besoin d'aide")
    await team.rows_until("SELECT id FROM requests")
    csrf = csrf_of((await lea.get("/tableau")).text)
    for worker in (str(unlinked.id), "999", "abc"):
        posted = await lea.post(
            "/tableau/dossier/A1/attribuer", data={"csrf": csrf, "worker": worker}
        )
        assert posted.status_code == 400
    assert (await team.rows("SELECT status FROM requests"))[0]["status"] == "waiting"
    assert f'value="{unlinked.id}"' not in (await lea.get("/tableau")).text


async def test_the_case_page_shows_messages_notes_and_history(team):
    await jade_takes(team, "Bonjour, je voudrais de l'aide pour mes courses")
    team.tg.push_text(JADE, "Je passe demain à 10h, ça vous va?")
    team.tg.push_text(JADE, "/note Semble isolée, voisine inquiète")
    await team.tg.wait_for(lambda: any("Note ajoutée" in t for t in team.tg.texts(JADE)))
    await team.sms("Oui merci")
    await team.rows_until("SELECT id FROM inbound WHERE body = 'Oui merci'")
    lea = await sign_in(team, team.team["lea"])
    page = (await lea.get("/tableau/dossier/A1")).text
    for words in (
        "Bonjour, je voudrais de l&#39;aide pour mes courses",
        "Je passe demain à 10h, ça vous va?",
        "Oui merci",
        "Semble isolée, voisine inquiète",
        "Prise par Jade Tremblay",
        "Note ajoutée par Jade Tremblay",
    ):
        assert words in page
    english = (await lea.get("/tableau/dossier/A1?lang=en")).text
    assert "Private notes" in english and "Taken by Jade Tremblay" in english


async def test_no_phone_number_or_telegram_account_on_any_page(team):
    await jade_takes(team, "Bonjour, je voudrais de l'aide")
    team.tg.push_text(JADE, "Je vous écoute")
    team.tg.push_text(777123456, "Bonjour, j'écris de Telegram")
    await team.rows_until("SELECT id FROM requests WHERE id = 2")
    await team.quiet()
    secrets = [CITIZEN_NUMBER, CITIZEN_NUMBER[2:], "514-555-0111", "555-0111", "777123456"]
    secrets += [str(JADE), str(KARIM), str(COORD), "sms:", "telegram:"]
    for name in ("jade", "lea"):
        client = await sign_in(team, team.team[name])
        for path in ("/tableau", "/tableau/dossier/A1", "/tableau/dossier/A2", "/tableau?lang=en"):
            html = (await client.get(path)).text
            html = re.sub(r'value="[^"]*"', "", html)  # the CSRF token is random
            assert [s for s in secrets if s in html] == [], (name, path)


# ---- the /tableau command and `relais dashboard link` ------------------------------------

LINK = re.compile(r"(http://\S+/tableau/entrer\?jeton=)(\S+)")


async def test_the_tableau_command_sends_a_personal_link_then_its_token_is_struck(team):
    team.tg.push_text(JADE, "/tableau")
    text = await team.tg.wait_for(
        lambda: next((t for t in team.tg.texts(JADE) if "jeton=" in t), None)
    )
    assert "10 minutes" in text and text.count("http") == 1
    url, token = LINK.search(text).groups()
    assert url.startswith(team.url)
    await team.quiet()
    async with team.db.transaction() as conn:
        assert await store.scrub_sent_links(conn, team.relais.clock()) == 1
    bodies = [r["body"] for r in await team.rows("SELECT body FROM outbox")]
    assert not any(token in b for b in bodies) and any("jeton=…" in b for b in bodies)
    client = await browser(team)
    entered = await client.post("/tableau/entrer", data={"jeton": token})
    assert entered.status_code == 303
    assert "Jade Tremblay" in (await client.get("/tableau")).text
    team.tg.push_text(COORD, "/aide")
    await team.tg.wait_for(lambda: any("/tableau" in t for t in team.tg.texts(COORD)))


async def test_the_cli_prints_a_link_for_an_active_worker_only(team):
    now = team.relais.clock()
    code, out = await run_cli(team.db, "dashboard", "link", "léa", "roy", now=now)
    assert code == 0 and "Lien de connexion de Léa Roy" in out
    token = LINK.search(out).group(2)
    assert await store.link_worker(team.db, token, now) == team.team["lea"].id
    code, out = await run_cli(team.db, "dashboard", "link", "Personne", now=now, locale="en")
    assert code == 2 and 'No active worker is called "Personne"' in out
    await workers.set_active(team.db, team.team["jade"].id, False)
    code, _ = await run_cli(team.db, "dashboard", "link", "Jade", "Tremblay", now=now)
    assert code == 2
