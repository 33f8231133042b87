"""`relais kiosk add|list|remove` answers in RELAIS_LOCALE: French by default, English complete."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.settings import Settings
from storage.db import Database
from tests.conftest import run_cli

NOW = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)
BASE = Settings.from_mapping({}).base_url


async def test_kiosk_commands_speak_french_by_default(tmp_path):
    async with Database(str(tmp_path / "relais.db")) as db:
        assert await run_cli(db, "kiosk", "list", now=NOW) == (
            0,
            'Aucune borne pour l\'instant : relais kiosk add SLUG "NOM"\n',
        )
        code, out = await run_cli(db, "kiosk", "add", "Caisse!", "Caisse", now=NOW)
        assert (code, out) == (
            2,
            "erreur : SLUG : minuscules, chiffres et tirets (p. ex. caisse-mercier)\n",
        )
        code, out = await run_cli(db, "kiosk", "add", "caisse", "Caisse", "Desjardins", now=NOW)
        assert (code, out) == (0, f"Borne caisse : Caisse Desjardins à {BASE}/kiosque/caisse\n")
        code, out = await run_cli(db, "kiosk", "list", now=NOW)
        assert (code, out) == (0, f"caisse : Caisse Desjardins à {BASE}/kiosque/caisse\n")
        assert await run_cli(db, "kiosk", "remove", "caisse", now=NOW) == (
            0,
            "Borne caisse retirée.\n",
        )
        assert await run_cli(db, "kiosk", "remove", "caisse", now=NOW) == (
            2,
            "erreur : aucune borne caisse\n",
        )


async def test_kiosk_commands_in_english_when_asked(tmp_path):
    async with Database(str(tmp_path / "relais.db")) as db:

        async def kiosk(*argv: str) -> tuple[int, str]:
            return await run_cli(db, "kiosk", *argv, now=NOW, locale="en")

        assert await kiosk("list") == (0, 'No kiosk yet: relais kiosk add SLUG "NAME"\n')
        assert await kiosk("add", "Caisse!", "Caisse") == (
            2,
            "error: SLUG: lowercase letters, digits and dashes (e.g. caisse-mercier)\n",
        )
        assert await kiosk("add", "caisse", "Caisse") == (
            0,
            f"Kiosk caisse: Caisse at {BASE}/kiosque/caisse\n",
        )
        assert await kiosk("list") == (0, f"caisse: Caisse at {BASE}/kiosque/caisse\n")
        assert await kiosk("remove", "caisse") == (0, "Removed kiosk caisse.\n")
        assert await kiosk("remove", "caisse") == (2, "error: no kiosk caisse\n")
