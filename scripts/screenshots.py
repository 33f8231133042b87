"""Screenshots of the web chat, the kiosk and the dashboard, at phone (320×640) and tablet
(1280×800) sizes.

Starts Relais on a temporary database with the example directory and example places, a
kiosk and one worker on duty, then drives Debian's headless Chromium with Playwright and
writes docs/screenshots/*.png. Run from the repository root:

    .venv/bin/python scripts/screenshots.py              # every screenshot
    .venv/bin/python scripts/screenshots.py coordination # only the coordinator's pages
    (names: web, dashboard, coordination)
"""

from __future__ import annotations

import asyncio
import io
import socket
import sys
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import uvicorn
from playwright.async_api import Page, async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import Relais  # noqa: E402
from bot.cli.main import CliEnv, build_parser  # noqa: E402
from bot.core.settings import Settings  # noqa: E402
from storage import dashboard as dashboard_store  # noqa: E402
from storage import kiosks, notes, workers  # noqa: E402
from storage import requests as request_store  # noqa: E402
from storage import rota as rota_store  # noqa: E402
from tests.test_web_browser import ARGS  # noqa: E402  (Chromium offline, as in the tests)

OUT = ROOT / "docs" / "screenshots"
SIZES = {"phone": {"width": 320, "height": 640}, "tablet": {"width": 1280, "height": 800}}
KIOSK = ("caisse-mercier-est", "Caisse Desjardins Mercier-Est")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def prepare(relais: Relais) -> None:
    """Example places, a kiosk, a worker on duty all week."""
    now = datetime.now(UTC)
    places = ROOT / "bot" / "resources" / "data" / "places_example.csv"
    args = build_parser().parse_args(["places", "import", str(places)])
    env = CliEnv(relais.db, relais.settings.timezone, "fr", relais.settings, out=io.StringIO())
    await args.func(args, env)
    async with relais.db.transaction() as conn:
        await kiosks.add_kiosk(conn, *KIOSK, now)
    jade = await workers.add(relais.db, "Jade", now, telegram_id=1, organization="Sésame")
    shifts = [
        rota_store.Shift(worker_id=jade.id, start=time(0), end=time(0), weekday=day)
        for day in range(7)
    ]
    await rota_store.replace_all(relais.db, shifts, "cli", now)
    await workers.add(relais.db, "Karim Haddad", now, telegram_id=2, organization="Sésame",
                      languages=("fr", "en"))  # fmt: skip
    await workers.add(relais.db, "Léa Roy", now, telegram_id=3, organization="Table de quartier",
                      role="coordinator")  # fmt: skip


async def converse(page: Page) -> None:
    await page.locator("#text").fill("Bonjour")
    await page.locator("#say button").click()
    await page.locator(".line.bot").first.wait_for()
    await page.locator("#choices button").first.click()
    await page.locator(".line.bot").nth(1).wait_for()
    await page.locator("#text").fill("Je me sens seule depuis que mon mari est parti.")
    await page.locator("#say button").click()
    await page.locator(".line.bot").nth(2).wait_for()


async def shoot(base: str, relais: Relais) -> None:
    """The screenshots asked on the command line (all when none is named)."""
    asked = set(sys.argv[1:]) or {"web", "dashboard", "coordination"}
    if "web" in asked or "dashboard" in asked:  # the board shows the chat's conversations
        await shoot_web(base)
    if "dashboard" in asked:
        await shoot_dashboard(relais, base)
    if "coordination" in asked:
        await shoot_coordination(base, relais)


async def shoot_web(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size, viewport in SIZES.items():
            for kind in ("chat", "kiosk"):
                context = await browser.new_context(viewport=viewport)
                page = await context.new_page()
                url = f"{base}/chat" if kind == "chat" else f"{base}/kiosque/{KIOSK[0]}"
                await page.goto(url)
                await converse(page)
                await page.screenshot(path=OUT / f"{kind}-{size}.png")
                if kind == "kiosk":
                    await page.goto(f"{url}/lieux")
                    await page.screenshot(path=OUT / f"kiosk-places-{size}.png", full_page=True)
                    await page.goto(f"{url}/ressources")
                    await page.locator(".next-buttons a").first.click()
                    await page.locator(".qr").wait_for()
                    await page.screenshot(path=OUT / f"kiosk-resource-{size}.png", full_page=True)
                await context.close()
        await browser.close()


async def dashboard_cases(relais: Relais, base: str, browser) -> None:
    """Cases for the board: the conversations above, one urgent, one taken by Jade with a note."""
    context = await browser.new_context(viewport=SIZES["phone"])
    page = await context.new_page()
    await page.goto(f"{base}/chat")
    await page.locator("#text").fill("J'ai des idées noires ce soir, je veux mourir")
    await page.locator("#say button").click()
    await page.locator(".line.bot").first.wait_for()
    await context.close()
    now = relais.clock()
    async with relais.db.transaction() as conn:
        jade = await workers.get_by_name(conn, "Jade")
        request = await request_store.get(conn, 1)
        await request_store.transition(conn, request, "claim", by=jade.id, now=now)
        await notes.add(conn, 1, jade.id, "Veuve depuis peu; aime qu'on l'appelle le matin.", now)
        await conn.execute("UPDATE requests SET escalations = 1 WHERE id = 2")


async def shoot_dashboard(relais: Relais, base: str) -> None:
    """The board (a coordinator's, a worker's) and a case page, signed in by a link."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        await dashboard_cases(relais, base, browser)
        for who, name in (("coordinator", "Léa Roy"), ("worker", "Jade")):
            for size, viewport in SIZES.items():
                worker = await workers.get_by_name(relais.db, name)
                token = await dashboard_store.create_link(relais.db, worker.id, relais.clock())
                context = await browser.new_context(viewport=viewport)
                page = await context.new_page()
                await page.goto(f"{base}/tableau/entrer?jeton={token}")
                await page.locator("button.primary").click()
                await page.locator("#board").wait_for()
                await page.screenshot(path=OUT / f"dashboard-{who}-{size}.png", full_page=True)
                if who == "coordinator":
                    await page.goto(f"{base}/tableau/dossier/A1")
                    await page.screenshot(path=OUT / f"dashboard-case-{size}.png", full_page=True)
                await context.close()
        await browser.close()


async def main() -> None:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_mapping(
            {"RELAIS_DATABASE": f"{tmp}/relais.db", "RELAIS_PORT": str(port),
             "RELAIS_QUIET_HOURS": ""}
        )  # fmt: skip
        relais = Relais(settings)
        await relais.start()
        await prepare(relais)
        config = uvicorn.Config(relais.http_app(), host="127.0.0.1", port=port,
                                log_config=None, lifespan="off", access_log=False)  # fmt: skip
        server = uvicorn.Server(config)
        serving = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110 (uvicorn offers no event for this)
            await asyncio.sleep(0.05)
        try:
            await shoot(f"http://127.0.0.1:{port}", relais)
        finally:
            server.should_exit = True
            await serving
            await relais.stop()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots in {OUT.relative_to(ROOT)}")


# ---- the coordinator's dashboard pages ----------------------------------------------------

COORDINATION_ROTA = (
    "worker,day,start,end\n"
    + "".join(f"Jade,{d},09:00,17:00\n" for d in ("mon", "tue", "wed", "thu", "fri"))
    + "Karim Haddad,mon,13:00,21:00\nKarim Haddad,wed,13:00,21:00\nKarim Haddad,sat,10:00,16:00\n"
)
NEW_ROTA = (
    "worker,day,start,end\nJade,mon,09:00,17:00\nJade,tue,09:00,12:00\n"
    "Karim Haddad,sat,10:00,16:00\n"
)


async def prepare_coordination(relais: Relais) -> workers.Worker:
    """A weekday rota with its gaps and a year of requests, for Léa (the coordinator)."""
    from bot.rota.import_plan import apply_import, plan_import, read_rota_file, shifts_of
    from bot.rota.rota import quebec_holidays
    from storage.clock import to_db

    now, tz = datetime.now(UTC), relais.settings.timezone
    lea = await workers.get_by_name(relais.db, "Léa Roy")  # added by prepare()
    everyone = await workers.list_all(relais.db)
    hols = quebec_holidays()
    read = read_rota_file(COORDINATION_ROTA.encode(), "horaire.csv", everyone, tz,
                          now.astimezone(tz).date(), 8, hols)  # fmt: skip
    before = await rota_store.list_shifts(relais.db, include_inactive=True)
    plan = plan_import(before, shifts_of(read.specs, everyone), add=False, reachable=set(),
                       now=now, tz=tz, holidays=hols)  # fmt: skip
    await apply_import(relais.db, plan, read, now)
    async with relais.db.transaction() as conn:
        for i in range(160):  # requests over the last months, at varied hours and delays
            created = now - timedelta(days=(i * 37) % 300, hours=(i * 7) % 24)
            reply = None if i % 9 == 0 else to_db(created + timedelta(minutes=(i * 13) % 180 + 1))
            await conn.execute(
                "INSERT INTO requests (channel, language, created_at, first_reply_at, status,"
                " out_of_hours) VALUES (?, ?, ?, ?, 'closed', ?)",
                (("sms", "telegram", "web")[i % 3], "fr" if i % 4 else "en", to_db(created),
                 reply, int(created.astimezone(tz).hour < 9 or created.astimezone(tz).hour >= 17)),
            )  # fmt: skip
    return lea


async def shoot_coordination(base: str, relais: Relais) -> None:
    """The rota grid, an import preview, an invite, the report: tablet, and the grid on a phone."""
    from storage import dashboard as dashboard_store

    lea = await prepare_coordination(relais)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size, viewport in SIZES.items():
            context = await browser.new_context(viewport=viewport)
            page = await context.new_page()
            token = await dashboard_store.create_link(relais.db, lea.id, datetime.now(UTC))
            await page.goto(f"{base}/tableau/entrer?jeton={token}")
            await page.get_by_role("button", name="Entrer").click()
            await page.wait_for_url(f"{base}/tableau")
            await page.goto(f"{base}/tableau/horaire")
            await page.screenshot(
                path=OUT / f"dashboard-rota-{size}.png", full_page=size == "tablet"
            )
            if size == "phone":
                await context.close()
                continue
            await page.goto(f"{base}/tableau/horaire/importer")
            await page.locator("#fichier").set_input_files(
                {"name": "horaire-juillet.csv", "mimeType": "text/csv", "buffer": NEW_ROTA.encode()}
            )
            await page.get_by_role("button", name="Voir la différence").click()
            await page.screenshot(path=OUT / f"dashboard-rota-import-{size}.png", full_page=True)
            await page.goto(f"{base}/tableau/intervenants")
            await page.locator("#nom").fill("Mia Côté")
            await page.locator("#organisme").fill("CAP Saint-Barnabé")
            await page.locator("form[action='/tableau/intervenants'] button[type=submit]").click()
            await page.locator("#code").wait_for()
            await page.screenshot(path=OUT / f"dashboard-invite-{size}.png", full_page=True)
            await page.goto(f"{base}/tableau/bilan")
            await page.screenshot(path=OUT / f"dashboard-report-{size}.png", full_page=True)
            await context.close()
        await browser.close()


if __name__ == "__main__":
    asyncio.run(main())
