"""The dashboard in a real headless Chromium (Debian's), driven by Playwright: sign-in by a link
from /tableau, the board showing a citizen's new request and its claim, a coordinator assigning
a case, and an axe-core audit of every page in French and English."""

from __future__ import annotations

import re

import pytest
import pytest_asyncio
from playwright.async_api import Page, expect

from tests import conftest
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty, take_button
from tests.test_web_browser import TABLET, audit, browser, new_page  # noqa: F401 (fixture)

pytestmark = conftest.BROWSER_LOOP
telegram_api, twilio_api, make_bot, bot = conftest.on_the_browsers_loop()

LINK = re.compile(r"http://\S+/tableau/entrer\?jeton=\S+")


@pytest_asyncio.fixture(loop_scope="session")
async def team(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await add_worker(bot.db, "Léa Roy", COORD, role="coordinator", org="Table de quartier")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def link_from_telegram(bot, chat_id: int) -> str:
    """Send /tableau as that worker; the link the bot answers with."""
    bot.tg.push_text(chat_id, "/tableau")
    text = await bot.tg.wait_for(
        lambda: next((t for t in bot.tg.texts(chat_id) if "jeton=" in t), None)
    )
    return LINK.search(text).group(0)


async def enter(bot, browser, chat_id: int, **options) -> Page:  # noqa: F811
    """A fresh browser signed in through the link's page and its "Entrer" button."""
    page = await new_page(browser, viewport=TABLET, **options)
    await page.goto(await link_from_telegram(bot, chat_id))
    await page.get_by_role("button", name="Entrer").click()
    await expect(page.locator("h1")).to_have_text("Dossiers")
    return page


async def test_sign_in_by_link_then_a_new_request_and_its_claim_show_on_the_board(team, browser):  # noqa: F811
    team.relais.dashboard.refresh_seconds = 1  # the board's own reload, every second here
    page = await enter(team, browser, JADE)
    await expect(page.locator("#column-waiting")).to_contain_text("Aucun.")
    await team.sms("Bonjour, je me sens seule ce soir")
    await team.rows_until("SELECT id FROM requests")
    waiting = page.locator("#column-waiting")  # the board updates itself: no reload
    await expect(waiting).to_contain_text("#A1")
    await expect(waiting).to_contain_text("je me sens seule ce soir")
    await team.telegram_replies(JADE, count=2)  # the link, then the card
    card = next(m for m in team.tg.sent_messages(JADE) if "reply_markup" in m)
    team.tg.push_callback(JADE, card["message_id"], take_button(card))
    await team.rows_until("SELECT id FROM requests WHERE status = 'claimed'")
    await expect(page.locator("#column-claimed")).to_contain_text("#A1")
    await expect(page.locator("#column-waiting")).not_to_contain_text("#A1")
    await page.get_by_role("link", name="#A1").click()
    await expect(page.locator("h1")).to_have_text("#A1")
    await expect(page.locator(".log")).to_contain_text("je me sens seule ce soir")
    await page.get_by_role("button", name="Se déconnecter").click()
    await expect(page.locator("main")).to_contain_text("déconnecté")
    assert await page.context.cookies() == []


async def test_a_coordinator_assigns_a_waiting_case_from_the_board(team, browser):  # noqa: F811
    page = await enter(team, browser, COORD)
    await team.sms("J'ai besoin d'aide pour un formulaire")
    await team.rows_until("SELECT id FROM requests")
    await page.reload()
    card = page.locator(".card", has_text="#A1")
    await card.locator("summary").click()
    await card.get_by_label("Confier à").select_option(label="Karim Haddad (de garde) — FR, EN")
    await card.get_by_role("button", name="Confier #A1").click()
    await expect(page.locator(".notice")).to_contain_text("#A1 est confié à Karim Haddad")
    await team.tg.wait_for(lambda: any("vous confie #A1" in t for t in team.tg.texts(KARIM)))
    await page.get_by_role("link", name="Dossiers", exact=True).click()
    await expect(page.locator("#column-claimed")).to_contain_text("pris par Karim Haddad")


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_accessibility_of_every_dashboard_page(team, browser, language):  # noqa: F811
    found = {}
    # axe-core is injected as an inline script: only the audit's browser lets it past the CSP.
    signed_out = await new_page(browser, bypass_csp=True)
    await signed_out.goto(f"{team.url}/tableau/entrer?lang={language}")
    found["help"] = await audit(signed_out)
    link = await link_from_telegram(team, JADE)
    await signed_out.goto(f"{link}&lang={language}")
    found["link"] = await audit(signed_out)
    await team.sms("Je veux mourir")  # urgent
    await team.sms("Bonjour, j'ai une question pour mon loyer", from_="+15145550122")
    await team.rows_until("SELECT id FROM requests WHERE id = 2")
    lea = await enter(team, browser, COORD, bypass_csp=True)
    await lea.goto(f"{team.url}/tableau?lang={language}")
    found["board"] = await audit(lea)
    await lea.goto(f"{team.url}/tableau/dossier/A1")
    found["case"] = await audit(lea)
    jade = await new_page(browser, viewport=TABLET, bypass_csp=True)
    await jade.goto(link)
    await jade.locator("button.primary").click()
    await jade.goto(f"{team.url}/tableau/dossier/A99?lang={language}")
    found["404"] = await audit(jade)
    phone = await new_page(browser, bypass_csp=True)
    await phone.context.add_cookies(await lea.context.cookies())
    await phone.goto(f"{team.url}/tableau?lang={language}")
    found["board-phone"] = await audit(phone)
    assert {name: v for name, v in found.items() if v} == {}
