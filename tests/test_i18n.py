"""The Babel catalogs: complete in French and English, same placeholders, SMS-friendly French."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from bot.channels.gsm7 import non_gsm7_chars, normalize_for_sms
from bot.core import i18n
from bot.core.i18n import I18n
from flows.text import When, _

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Files whose text goes to citizens, by SMS too.
CITIZEN_FILES = (
    "flows/messages.py", "flows/resources.py", "flows/checkin.py", "flows/appointments.py",
    "bot/resources/search.py", "bot/resources/directory.py", "bot/core/i18n.py",
)  # fmt: skip
# French citizen texts that keep a letter outside GSM-7 (they go out as UCS-2, 70 characters a
# segment), each because plain French has no other spelling that reads as well.
ACCEPTED_UCS2 = {
    "D'accord, je vous écris en français.": "français: no GSM-7 spelling without ç",
}


def catalog(language: str):
    path = ROOT / "locales" / language / "LC_MESSAGES" / "relais.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def entries(language: str):
    return [m for m in catalog(language) if m.id]


def strings(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def ids(message) -> list[str]:
    return list(message.id) if message.pluralizable else [message.id]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalog_is_complete_and_not_fuzzy(language):
    missing = [ids(m)[0] for m in entries(language) if not all(strings(m)) or m.fuzzy]
    assert missing == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_placeholders_match(language):
    wrong = []
    for message in entries(language):
        expected = set(PLACEHOLDER.findall(" ".join(ids(message))))
        for text in strings(message):
            if set(PLACEHOLDER.findall(text)) - expected or (
                not message.pluralizable and set(PLACEHOLDER.findall(text)) != expected
            ):
                wrong.append(ids(message)[0])
    assert wrong == []


@pytest.fixture(scope="module")
def in_code(tmp_path_factory):
    """The messages of the code as extracted now, with where each one is used."""
    pot = tmp_path_factory.mktemp("pot") / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "n_:1,2", "-o", str(pot), "."],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as handle:
        return [m for m in read_po(handle) if m.id]


def test_catalogs_hold_every_string_of_the_code(in_code):
    """A new `_()` in the code fails here until scripts/update_catalogs.py is run."""
    in_code = {ids(m)[0] for m in in_code}
    for language in ("fr", "en"):
        assert in_code - {ids(m)[0] for m in entries(language)} == set()


def test_the_french_catalog_really_loads():
    i18n = I18n(ZoneInfo("America/Montreal"))
    assert i18n.render(_("Oui"), "en") == "Yes"
    assert i18n.render(_("Oui"), "fr") == "Oui"


def test_dates_are_local_and_in_the_language():
    i18n = I18n(ZoneInfo("America/Montreal"))
    moment = When(datetime(2026, 11, 27, 14, 0, tzinfo=UTC))
    assert i18n.when(moment, "fr") == "vendredi 27 novembre à 9 h"
    assert i18n.when(moment, "en").startswith("Friday, November 27 at 9:00")


def test_french_times_and_dates_in_quebec_style():
    i18n = I18n(ZoneInfo("America/Montreal"))
    new_year = When(datetime(2027, 1, 1, 14, 30, tzinfo=UTC))
    assert i18n.when(new_year, "fr") == "vendredi 1er janvier à 9 h 30"
    midnight = When(datetime(2026, 12, 2, 5, 0, tzinfo=UTC))
    assert i18n.when(midnight, "fr") == "mercredi 2 décembre à 0 h"


def citizen_french_templates(in_code) -> dict[str, str]:
    """French text of each message used in a citizen file (the catalog keeps no locations)."""
    used = {ids(m)[0] for m in in_code if any(p in CITIZEN_FILES for p, _l in m.locations)}
    found = {}
    for message in entries("fr"):
        if ids(message)[0] in used:
            for text in strings(message):
                found[text] = ids(message)[0]
    return found


def test_french_sms_templates_stay_gsm7_where_plain_french_allows(in_code):
    """Lists every French citizen template that would go out as UCS-2."""
    ucs2 = {
        msgid: sorted(non_gsm7_chars(normalize_for_sms(text)))
        for text, msgid in citizen_french_templates(in_code).items()
        if non_gsm7_chars(normalize_for_sms(text))
    }
    assert set(ucs2) == set(ACCEPTED_UCS2), ucs2


def test_babel_spaces_and_quotes_are_normalized_for_sms():
    i18n = I18n(ZoneInfo("America/Montreal"))
    rendered = i18n.when(When(datetime(2026, 11, 27, 14, 0, tzinfo=UTC)), "fr")
    assert non_gsm7_chars(normalize_for_sms(rendered + " « l’aide »")) == set()


def _french_copy(tmp_path):
    po = tmp_path / "relais.po"
    po.write_bytes((ROOT / "locales" / "fr" / "LC_MESSAGES" / "relais.po").read_bytes())
    return po


def test_a_compiled_catalog_is_kept_for_the_next_process_and_is_the_po(tmp_path):
    po = _french_copy(tmp_path)
    first = i18n.compiled_catalog(po, "fr")
    (kept,) = (tmp_path / "__pycache__").glob("relais.*.mo")
    assert kept.read_bytes() == i18n.compile_po(po.read_bytes(), "fr")
    again = i18n.compiled_catalog(po, "fr")
    assert again.gettext("Oui") == first.gettext("Oui") == "Oui"
    assert again.gettext("Non") == first.gettext("Non") == "Non"
    # The next process reads the kept file, not the .po: a kept catalog that says otherwise
    # (the .po unchanged) is what it gets.
    text = po.read_text(encoding="utf-8")
    kept.write_bytes(i18n.compile_po(text.replace('msgstr "Oui"', 'msgstr "Ouais"').encode(), "fr"))
    assert i18n.compiled_catalog(po, "fr").gettext("Oui") == "Ouais"


def test_an_edited_po_is_compiled_again_and_the_old_form_removed(tmp_path):
    po = _french_copy(tmp_path)
    assert i18n.compiled_catalog(po, "fr").gettext("Oui") == "Oui"
    (old,) = (tmp_path / "__pycache__").glob("relais.*.mo")
    text = po.read_text(encoding="utf-8")
    edited = text.replace('msgid "Oui"\nmsgstr "Oui"', 'msgid "Oui"\nmsgstr "Ouais"')
    assert edited != text
    po.write_text(edited, encoding="utf-8")
    assert i18n.compiled_catalog(po, "fr").gettext("Oui") == "Ouais"
    (new,) = (tmp_path / "__pycache__").glob("relais.*.mo")
    assert new != old


def test_a_damaged_or_unwritable_cache_costs_a_compile_not_a_start(tmp_path):
    po = _french_copy(tmp_path)
    i18n.compiled_catalog(po, "fr")
    (kept,) = (tmp_path / "__pycache__").glob("relais.*.mo")
    kept.write_bytes(b"\x00" * 10)  # damaged
    assert i18n.compiled_catalog(po, "fr").gettext("Oui") == "Oui"
    assert kept.read_bytes() == i18n.compile_po(po.read_bytes(), "fr")  # written again
    other = tmp_path / "other"
    other.mkdir()
    (other / "__pycache__").write_text("a file where the folder would be")
    po2 = other / "relais.po"
    po2.write_bytes(po.read_bytes())
    assert i18n.compiled_catalog(po2, "fr").gettext("Oui") == "Oui"  # compiled in memory
