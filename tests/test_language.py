"""FR/EN detection on short, unaccented, phonetic SMS (flows/language.py)."""

from __future__ import annotations

import pytest

from flows.language import detect, from_hint


@pytest.mark.parametrize(
    "text",
    [
        "chu pu capable, j'veux pu vivre",
        "jme sens tout seul",
        "allo? ya quelqu un?",
        "ya tu quelqu un qui lit ca??",
        "bonjour jai besoin daide pour mon loyer",
        "ca sest bien passe merci bcp",
        "besoin de bouffe svp",
        "mon loyer",
        "pis la je sais pu quoi faire",
        "J'AI PAS D'EPICERIE",
    ],
)
def test_short_french_sms(text):
    assert detect(text) == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "i cant do this anymore i want to end it",
        "Hi, I need help with my groceries please",
        "Can I talk to a real person please?",
        "need food",
        "my rent is late",
        "is anyone there",
        "i dont know what to do",
        "HELP ME",
    ],
)
def test_short_english_sms(text):
    assert detect(text) == "en"


@pytest.mark.parametrize("text", ["", "ok", "3", "allo", "hello", "👍", "A7", "menu", "stop"])
def test_unsure_is_none(text):
    assert detect(text) is None


def test_telegram_hint():
    assert from_hint("en") == "en" and from_hint("en-US") == "en" and from_hint("fr-CA") == "fr"
    assert from_hint("de") is None and from_hint(None) is None and from_hint("") is None
