"""The coordinator's dashboard pages in a real headless Chromium (Debian's), driven by Playwright:
a rota import previewed and applied as a coordinator would, and an axe-core audit of every page
of hers in French and in English (no serious or critical violation).

The browser is /usr/bin/chromium (or RELAIS_CHROMIUM); missing, these tests fail, never skip.
"""

from __future__ import annotations

import asyncio
import re

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, expect

from storage import dashboard as store
from storage import places as place_store
from tests import conftest
from tests.test_dashboard_admin import NEW_ROTA, NOW, FixedClock, weekday_rota
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker
from tests.test_web_browser import AXE, TABLET, audit

pytestmark = conftest.BROWSER_LOOP
telegram_api, twilio_api, make_bot, bot = conftest.on_the_browsers_loop()

DIRECTORY = "name,category,phone,address\nHalte-chaleur,logement,514-555-0150,1 rue Ex\n"


@pytest_asyncio.fixture(loop_scope="session")
async def office(make_bot):
    bot = await make_bot(clock=FixedClock(NOW))
    bot.jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    bot.karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"))
    bot.lea = await add_worker(bot.db, "Léa Roy", COORD, role="coordinator", org="Table")
    await weekday_rota(bot)
    return bot


async def signed_in(bot, browser: Browser, worker, **options) -> Page:
    """A new browser context signed in as `worker` through her link and its button."""
    context = await browser.new_context(viewport=TABLET, **options)
    context.set_default_timeout(8000)
    page = await context.new_page()
    token = await store.create_link(bot.db, worker.id, bot.relais.clock())
    await page.goto(f"{bot.url}/tableau/entrer?jeton={token}")
    await page.get_by_role("button", name="Entrer").click()
    await page.wait_for_url(f"{bot.url}/tableau")
    return page


async def test_the_coordinator_previews_and_applies_a_rota_import_and_sees_the_gaps(
    office, browser
):
    page = await signed_in(office, browser, office.lea)
    await page.get_by_role("link", name="Horaire").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Horaire de garde")
    summary = page.locator(".summary li").first
    await expect(summary).to_have_text("156 heures sans personne de joignable cette semaine.")
    grid = page.locator("table.rota-grid")
    await expect(grid.locator("td.gap").first).to_contain_text("Personne")
    await page.get_by_role("link", name="Importer un horaire (CSV ou calendrier .ics)").click()
    await page.get_by_label("Fichier", exact=True).set_input_files(
        {"name": "semaine.csv", "mimeType": "text/csv", "buffer": NEW_ROTA.encode()}
    )
    await page.get_by_label("Remplacer l'horaire").check()
    await page.get_by_role("button", name="Voir la différence").click()
    await expect(page.locator("#resume")).to_have_text(
        "1 quart(s) retiré(s), 1 ajouté(s); 1 gardé(s) tel(s) quel(s)."
    )
    await expect(page.locator("ul.lost li").first).to_have_text("mardi 23 juin 2026, 14 h – 17 h")
    # The box must be ticked before hours are left without anyone (the browser checks first).
    await page.get_by_role("button", name="Appliquer").click()
    await expect(page).to_have_url(f"{office.url}/tableau/horaire/importer")
    await page.get_by_label("J'accepte de laisser ces heures sans personne de joignable.").check()
    await page.get_by_role("button", name="Appliquer").click()
    await expect(page.locator("p.notice.ok")).to_have_text("Horaire importé.")
    # Karim Monday 9–17 and Wednesday 9–12: 11 held hours; 24 June is a holiday (no shifts).
    await expect(summary).to_have_text("160 heures sans personne de joignable cette semaine.")
    tuesday_afternoon = grid.locator("tbody tr").nth(14).locator("td").nth(1)
    await expect(tuesday_afternoon).to_contain_text("Personne")


async def pages_of(office, page: Page, language: str) -> dict[str, list[str]]:
    """Visit every coordinator page (and each preview) and audit it."""
    base = office.url
    found: dict[str, list[str]] = {}

    async def visit(name: str, path: str) -> None:
        await page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={language}")
        found[name] = await audit(page)

    await visit("horaire", "/tableau/horaire?semaine=2026-06-22")
    await visit("importer", "/tableau/horaire/importer")
    await page.locator("#fichier").set_input_files(
        {"name": "semaine.csv", "mimeType": "text/csv", "buffer": NEW_ROTA.encode()}
    )
    await page.locator("#fichier").evaluate("input => input.form.submit()")
    await expect(page.locator("#resume")).to_be_visible()
    found["import preview"] = await audit(page)
    await visit("intervenants", "/tableau/intervenants")
    await page.locator("#nom").fill(f"Mia Côté {language}")
    await page.locator("form[action='/tableau/intervenants'] button[type=submit]").click()
    await expect(page.locator("#code")).to_be_visible()
    found["invitation"] = await audit(page)
    await visit("désactiver", f"/tableau/intervenants/{office.jade.id}/desactiver")
    await visit("lieux", "/tableau/lieux")
    [place] = await place_store.list_places(office.db)
    await visit("retirer un lieu", f"/tableau/lieux/{place.id}/retirer")
    await visit("répertoire", "/tableau/repertoire")
    await page.locator("#fichier").set_input_files(
        {"name": "quartier.csv", "mimeType": "text/csv", "buffer": DIRECTORY.encode()}
    )
    await page.locator("#fichier").evaluate("input => input.form.submit()")
    await expect(page.locator("#resume")).to_be_visible()
    found["directory preview"] = await audit(page)
    await visit("bilan", "/tableau/bilan?du=2026-01-01&au=2026-06-23")
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_accessibility_of_every_coordinator_page(office, browser, language):
    async with office.db.transaction() as conn:
        await place_store.save_place(
            conn, organization="Le Sésame", name="Salle 2", address="1 rue Ex",
            windows=place_store.parse_windows("lun-ven 9:00-12:00"), conditions="", now=NOW,
        )  # fmt: skip
    # axe-core is injected as an inline script: only the audit's browser lets it past the CSP.
    page = await signed_in(office, browser, office.lea, bypass_csp=True)
    found = await pages_of(office, page, language)
    assert len(found) == 11
    assert await page.evaluate("document.documentElement.lang") == language
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert AXE.exists()


async def test_the_report_shows_its_charts_and_their_figures(office, browser, tmp_path):
    await office.sms("Bonjour, j'ai besoin d'aide pour mon loyer")
    await office.sms("Allo, je cherche une banque alimentaire", from_="+15145550122")
    await office.rows_until("SELECT id FROM requests WHERE id = 2")
    page = await signed_in(office, browser, office.lea)
    await page.goto(f"{office.url}/tableau/bilan?du=2026-06-01&au=2026-06-23")
    charts = page.get_by_role("img")
    for name in ("Prises de contact par mois", "Délai de la première réponse humaine",
                 "Heures d'arrivée des demandes et heures de garde"):  # fmt: skip
        await expect(charts.filter(has_text=name)).to_have_count(1)
    months = page.locator("svg.chart").first
    await expect(months).to_contain_text("2 prises de contact")
    async with page.expect_download() as download:
        await page.get_by_role("link", name=re.compile("CSV")).click()
    saved = tmp_path / "bilan.csv"
    await (await download.value).save_as(saved)
    text = await asyncio.to_thread(saved.read_text, encoding="utf-8")
    assert "contacts" in text.lower()
