"""The web chat and the kiosk in a real headless Chromium (Debian's), driven by Playwright.

The browser is /usr/bin/chromium (or RELAIS_CHROMIUM): Playwright's own browser download
is not used. Missing, these tests fail and say how to install it; they are never skipped.
One Chromium serves the test process; each test connects anew and opens fresh contexts
(the `browser` fixture of tests/conftest.py, tests/browser.py).
"""

from __future__ import annotations

import weakref
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, expect

from storage import kiosks, places
from tests import conftest
from tests.browser import ARGS, CHROMIUM, chromium_path  # noqa: F401 (used by other tests)
from tests.test_e2e_worker import JADE, add_worker, always_on_duty, take_button

browser = conftest.browser  # the fixture, for the test modules that import it from here
# The tests, the bot and its stand-ins on the loop of the one Playwright driver.
pytestmark = conftest.BROWSER_LOOP
telegram_api, twilio_api, make_bot, bot = conftest.on_the_browsers_loop()

AXE = Path(__file__).parent / "fixtures" / "axe" / "axe.min.js"
NEUTRAL = "https://www.google.ca/"
PHONE = {"width": 320, "height": 640}
TABLET = {"width": 1280, "height": 800}


async def new_page(browser: Browser, viewport=PHONE, **options) -> Page:
    """A fresh browser context (no cookies) whose only way out is the neutral site stand-in."""
    context = await browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(8000)

    async def neutral(route) -> None:
        await route.fulfill(status=200, content_type="text/html", body="<title>Google</title>")

    await context.route(NEUTRAL + "**", neutral)
    return await context.new_page()


@pytest_asyncio.fixture(loop_scope="session")
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    await always_on_duty(bot.db, jade)
    return bot


async def add_kiosk(bot, slug="caisse", name="Caisse Desjardins Mercier-Est") -> str:
    async with bot.db.transaction() as conn:
        await kiosks.add_kiosk(conn, slug, name, datetime.now(UTC))
    return f"{bot.url}/kiosque/{slug}"


async def say(page: Page, text: str) -> None:
    await page.locator("#text").fill(text)
    await page.get_by_role("button", name="Envoyer").click()


async def test_conversation_from_first_words_to_a_workers_relayed_answer(desk, browser):
    page = await new_page(browser)
    await page.goto(desk.url + "/chat")
    await expect(page.locator("a[href='tel:911']")).to_be_visible()
    await say(page, "Bonjour")
    await expect(page.locator(".line.bot").first).to_contain_text("Ici Relais")
    await page.get_by_role("button", name="Parler à quelqu'un").click()
    await expect(page.locator(".line.bot").last).to_contain_text("")
    await say(page, "Je me sens seule depuis le décès de mon mari")
    await expect(page.locator(".line.bot").last).to_contain_text("transmise")
    (card,) = await desk.telegram_replies(JADE)
    assert "(Web, FR)" in card["text"]
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await expect(page.locator(".line.bot").last).to_contain_text("Jade")
    desk.tg.push_text(JADE, "Bonjour, je suis Jade. Je vous écoute.")
    await expect(page.locator(".line.bot").last).to_contain_text("Je vous écoute")
    await say(page, "Merci d'être là")
    await desk.tg.wait_for(lambda: any("Merci d'être là" in t for t in desk.tg.texts(JADE)))
    # Closing the tab does not lose her: the same browser finds the conversation again.
    await page.reload()
    await expect(page.locator("#log")).to_contain_text("Je vous écoute")


async def test_quick_exit_leaves_for_a_neutral_site_and_keeps_nothing(bot, browser):
    page = await new_page(browser)
    await page.goto(bot.url + "/chat")
    await say(page, "Bonjour")
    await expect(page.locator(".line.bot").first).to_contain_text("Ici Relais")
    await page.get_by_role("button", name="Quitter vite").click()
    await page.wait_for_url(NEUTRAL)
    await bot.rows_until("SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM web_sessions)")
    assert await page.context.cookies(bot.url) == []
    await page.go_back()
    assert bot.url not in page.url  # the history entry of the chat was replaced
    again = await page.context.new_page()
    await again.goto(bot.url + "/chat")
    assert await again.evaluate("localStorage.length + sessionStorage.length") == 0
    assert await again.locator("#log .line").count() == 0


async def test_continue_by_sms_moves_the_conversation_to_the_phone(desk, browser):
    page = await new_page(browser, viewport=TABLET)
    await page.goto(desk.url + "/chat")
    await say(page, "J'aurais besoin d'aide pour remplir un formulaire")
    await expect(page.locator(".line.bot").last).to_contain_text("transmise")
    await page.locator("#number").fill("514-555-0111")
    await page.locator("#consent").check()
    await page.locator(".sms-form button").click()
    await expect(page.locator("main")).to_contain_text("11")
    (welcome,) = await desk.sms_replies("+15145550111")
    assert "continue ici" in welcome
    (card,) = await desk.telegram_replies(JADE)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    replies = await desk.sms_replies("+15145550111", count=2)
    assert "Jade" in replies[1]


async def test_plain_form_without_javascript(bot, browser):
    page = await new_page(browser, java_script_enabled=False)
    await page.goto(bot.url + "/chat")
    await say(page, "Bonjour")
    await expect(page.locator(".line.bot").first).to_contain_text("Ici Relais")
    await page.get_by_role("button", name="Trouver une ressource").click()
    await expect(page.locator(".line.mine").last).to_contain_text("Trouver une ressource")


async def test_kiosk_wipes_itself_after_idle_with_a_countdown(bot, browser):
    # The default idle time (180 s), on the page's fake clock: 150 s untouched shows the
    # countdown (its last 30 s), 31 s more wipe the screen; nothing waits out real seconds.
    url = await add_kiosk(bot)
    page = await new_page(browser, viewport=TABLET)
    await page.clock.install()
    await page.goto(url)
    await say(page, "Bonjour")
    await expect(page.locator(".line.bot").first).to_contain_text("Ici Relais")
    # The page's clock stops here, and a key pressed counts as the last touch: however long
    # the answer took in real time, the idle time is counted from this moment only.
    await page.clock.pause_at(await page.evaluate("Date.now() / 1000 + 1"))  # seconds
    await page.keyboard.press("Shift")
    await expect(page.locator("#countdown")).to_be_hidden()
    await page.clock.fast_forward("02:29")
    await expect(page.locator("#countdown")).to_be_hidden()  # 31 s left: not yet
    await page.clock.fast_forward("00:02")
    await expect(page.locator("#countdown")).to_be_visible()
    await expect(page.locator("#countdown-text")).to_contain_text("secondes")
    await page.clock.fast_forward("00:30")
    await expect(page.locator("#log .line")).to_have_count(0)
    await expect(page.locator("#say")).to_be_visible()
    rows = await bot.rows("SELECT address FROM web_sessions")
    assert len(rows) == 1  # only the new, empty screen's session
    assert await bot.rows("SELECT id FROM inbound WHERE address = ?", (rows[0]["address"],)) == []


async def test_kiosk_finish_wipes_and_the_card_says_where(desk, browser):
    url = await add_kiosk(desk)
    page = await new_page(browser, viewport=TABLET)
    await page.goto(url)
    await say(page, "J'ai faim et je ne sais pas où aller")
    (card,) = await desk.telegram_replies(JADE)
    assert "Kiosque — Caisse Desjardins Mercier-Est" in card["text"]
    await page.get_by_role("button", name="Terminer").click()
    await expect(page.locator("#log .line")).to_have_count(0)
    await page.get_by_role("link", name="Où rencontrer quelqu'un").click()
    await expect(page.locator("h2")).to_contain_text("Où rencontrer")


async def test_unknown_kiosk_is_a_404_page(bot, browser):
    page = await new_page(browser)
    response = await page.goto(bot.url + "/kiosque/nulle-part")
    assert response.status == 404
    await expect(page.locator("main")).to_contain_text("n'existe pas")


_AXE_CONTEXTS: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


async def audit(page: Page) -> list[str]:
    """Serious and critical axe-core violations of the page, as 'rule: target' lines.

    axe-core (~500 KB) is sent to the browser once per context: an init script gives every
    later page of the context its own copy as the page starts; a page loaded before that gets
    it as a script tag."""
    if page.context not in _AXE_CONTEXTS:
        _AXE_CONTEXTS.add(page.context)
        await page.context.add_init_script(path=str(AXE))
    if not await page.evaluate("typeof axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    # Only violations in detail: the passes are counted, not described (axe-core runs faster).
    result = await page.evaluate("axe.run({resultTypes: ['violations']})")
    assert result["passes"], "axe-core did not run"
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
async def test_accessibility_of_every_page(bot, browser, language):
    url = await add_kiosk(bot)
    # axe-core is injected as an inline script: only the audit's browser lets it past the CSP.
    page = await new_page(browser, bypass_csp=True)
    found = {}
    await page.goto(f"{bot.url}/chat?lang={language}")
    await page.locator("#text").fill("Bonjour")
    await page.locator("#say button").click()
    await expect(page.locator(".line.bot").first).to_be_visible()
    found["chat"] = await audit(page)
    kiosk = await new_page(browser, viewport=TABLET, bypass_csp=True)
    await kiosk.goto(f"{url}?lang={language}")
    found["kiosk"] = await audit(kiosk)
    rid = (await bot.rows("SELECT id FROM resources ORDER BY id LIMIT 1"))[0]["id"]
    for path in ("lieux", "ressources", f"ressources/{rid}", "rappel", "texto"):
        await kiosk.goto(f"{url}/{path}")
        found[path] = await audit(kiosk)
    await kiosk.goto(f"{bot.url}/kiosque/nulle-part")
    found["404"] = await audit(kiosk)
    assert {name: v for name, v in found.items() if v} == {}


async def test_kiosk_touch_targets_are_48_px_or_more(bot, browser):
    url = await add_kiosk(bot)
    page = await new_page(browser, viewport=TABLET)
    await page.goto(url)
    await say(page, "Bonjour")
    await expect(page.locator("#choices button").first).to_be_visible()
    small = await page.evaluate(
        """() => [...document.querySelectorAll('a, button, input, textarea')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim() || e.name, e.getBoundingClientRect()])
            .filter(([, r]) => r.height < 48 || r.width < 24)
            .map(([name, r]) => `${name}: ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )
    assert small == []
    async with bot.db.transaction() as conn:
        await places.save_place(
            conn, organization="Le Chez-Nous", name="Petit salon", address="",
            windows=places.parse_windows("mon 13:00-16:00"), conditions="", now=datetime.now(UTC),
        )  # fmt: skip
    await page.goto(f"{url}/lieux")
    await expect(page.locator(".card").first).to_contain_text("lundi")
