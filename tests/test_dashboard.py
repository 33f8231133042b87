"""The dashboard over HTTP (no browser): sign-in by a single-use link, sessions, CSRF, the role
checks of every page and action, the board, the case page, assignment; nothing in a page ever
shows a phone number or a Telegram account."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse

from bot.dashboard.auth import Actor, require
from bot.dashboard.forms import form_of
from bot.dashboard.routes import dashboard_routes, route
from storage import dashboard as store
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def link_for(bot, worker) -> str:
    """A fresh sign-in link's token for this worker (as /tableau or the CLI gives)."""
    return await store.create_link(bot.db, worker.id, bot.relais.clock())


async def browser(bot) -> httpx.AsyncClient:
    """A client with its own cookie jar, as a separate browser would be (closed at the end)."""
    client = httpx.AsyncClient(base_url=bot.url, timeout=10)
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
    from storage import workers

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
