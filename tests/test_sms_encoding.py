"""GSM-7/UCS-2 detection, segment counts and French clean-up, checked against upstream cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.channels.gsm7 import (
    GSM7_BASIC,
    GSM7_EXTENSION,
    encoding,
    is_gsm7,
    non_gsm7_chars,
    normalize_for_sms,
    segment_count,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sms_segments"


def _load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


TWILIO_CASES = _load("twilio_segment_calculator_cases.json")["cases"]
TRT2 = _load("trt2_gsm_charset_utils_cases.json")
TABLES = _load("twilio_gsm7_and_smart_encoding_tables.json")
FRENCH = _load("french_chars_gsm7_membership_DERIVED.json")["chars"]

COUNTED = [c for c in TWILIO_CASES + TRT2["cases"] if "segments" in c["expected"]]
# The '?'/'*' cases replace symbols and emoji by a placeholder; we keep them (they are content).
CLEANUPS = [c for c in TRT2["remove_non_gsm_chars"] if "replace_chars_with" not in c["id"]]


@pytest.mark.parametrize("case", COUNTED, ids=[c["id"] for c in COUNTED])
def test_segments_and_encoding_match_upstream_calculators(case: dict) -> None:
    expected = case["expected"]
    assert segment_count(case["text"]) == expected["segments"]
    if "encoding" in expected:
        assert encoding(case["text"]) == expected["encoding"]


@pytest.mark.parametrize(
    "case",
    [c for c in TWILIO_CASES if c["expected"].get("all_chars_non_gsm7")],
    ids=lambda c: c["id"],
)
def test_single_accented_letters_force_ucs2(case: dict) -> None:
    assert non_gsm7_chars(case["text"]) == {case["text"][0]}


def test_non_gsm_characters_are_listed() -> None:
    case = next(c for c in TWILIO_CASES if "non_gsm_characters" in c["expected"])
    assert non_gsm7_chars(case["text"]) == set(case["expected"]["non_gsm_characters"])


def test_embedded_table_is_twilios_table() -> None:
    rows = TABLES["unicode_to_gsm7"]
    assert {r["char"] for r in rows if len(r["gsm7_code_units"]) == 1} == GSM7_BASIC
    assert {r["char"] for r in rows if len(r["gsm7_code_units"]) == 2} == GSM7_EXTENSION


@pytest.mark.parametrize("row", FRENCH, ids=[r["codepoint"] for r in FRENCH])
def test_french_letters_membership(row: dict) -> None:
    assert is_gsm7(row["char"]) is row["in_gsm7"]


@pytest.mark.parametrize("case", CLEANUPS, ids=[c["id"] for c in CLEANUPS])
def test_typographic_characters_are_replaced_like_upstream(case: dict) -> None:
    assert normalize_for_sms(case["input"]) == case["expected_output"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Bonjour\u202f! Rendez-vous à 14\u00a0h\u00a030.", "Bonjour ! Rendez-vous à 14 h 30."),
        ("L’équipe vous rappellera…", "L'équipe vous rappellera..."),
        ("«\u00a0Répondez OUI\u00a0» ou “NON”", '" Répondez OUI " ou "NON"'),
        ("Ça va\u2009? Très bien – merci — à demain", "Ça va ? Très bien - merci - à demain"),
        ("Total\u00a0: 29\u00a0567,12\u00a0$", "Total : 29 567,12 $"),
        ("e\u0301te\u0301", "été"),
        ("ligne 1\r\nligne 2\rligne\t3\x00\x07", "ligne 1\nligne 2\nligne 3"),
    ],
)
def test_french_typography_becomes_gsm7(raw: str, clean: str) -> None:
    assert normalize_for_sms(raw) == clean
    assert is_gsm7(clean)
    assert not is_gsm7(raw)


def test_real_french_letters_are_kept_and_cost_ucs2() -> None:
    text = "Fête, garçon, œuvre, île, côte, sûr, Noël, naïf"
    assert normalize_for_sms(text) == text
    assert non_gsm7_chars(text) == {"ê", "ç", "œ", "î", "ô", "û", "ë", "ï"}
    assert encoding(text) == "UCS-2"


def test_one_circumflex_shrinks_the_segment() -> None:
    plain = "Votre demande est bien recue. Un intervenant vous ecrira demain. " * 2
    assert len(plain) == 130
    assert (encoding(plain), segment_count(plain)) == ("GSM-7", 1)
    with_accent = plain.replace("demain", "bientôt", 1)
    assert (encoding(with_accent), segment_count(with_accent)) == ("UCS-2", 2)


def test_normalization_is_idempotent() -> None:
    once = normalize_for_sms("« L’aide… »\u202f!")
    assert normalize_for_sms(once) == once
