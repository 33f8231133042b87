"""Typed answers to numbered choices, and the numbered list sent by SMS."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.choices import match_choice, render_numbered

MENU = [
    ("talk", "Parler à quelqu'un"),
    ("resource", "Trouver une ressource"),
    ("urgent", "Aide urgente"),
]
RESOURCES = [
    ("food", "Ressources alimentaires"),
    ("housing", "Ressources en logement"),
    ("health", "Santé"),
]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        # The number, however it is typed.
        ("1", "talk"),
        (" 2 ", "resource"),
        ("2)", "resource"),
        ("2.", "resource"),
        ("(3)", "urgent"),
        ("#2", "resource"),
        ("no 2", "resource"),
        ("No. 2", "resource"),
        ("n°2", "resource"),
        ("nº 2", "resource"),
        ("option 3", "urgent"),
        ("Choix 1", "talk"),
        ("le 2", "resource"),
        ("2e", "resource"),
        ("１", "talk"),  # a full-width digit from an Asian keyboard
        ("deux", "resource"),
        ("one", "talk"),
        ("3 !", "urgent"),
        ("- 1", "talk"),
        # The key, as a Telegram button sends it.
        ("talk", "talk"),
        ("URGENT", "urgent"),
        # The label, folded: case, accents, apostrophes.
        ("Parler à quelqu'un", "talk"),
        ("Parler à quelqu’un", "talk"),
        ("parler a quelqu'un", "talk"),
        ("PARLER A QUELQUUN", "talk"),  # typed without the apostrophe
        ("parler àquelqu'un", "talk"),
        ("trouver une ressource", "resource"),
        ("aide urgente!", "urgent"),
        # A copied line of the list.
        ("1) Parler à quelqu'un", "talk"),
        ("2) trouver", "resource"),
        # An unambiguous start of a label, at least three letters.
        ("parler", "talk"),
        ("Parl", "talk"),
        ("trouver", "resource"),
        ("parler a", "talk"),
    ],
)
def test_menu_answers(text: str, key: str | None) -> None:
    assert match_choice(text, MENU) == key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂",
        "0",
        "4",
        "12",
        "1 2",
        "pa",  # too short to be a start
        "quelqu'un",  # a later word, not the start
        "je veux parler",
        "parlez",
        "ok",
        "2) Aide urgente",  # the number and the label disagree
    ],
)
def test_menu_non_answers(text: str) -> None:
    assert match_choice(text, MENU) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("ressource", None),  # the start of two labels: ambiguous
        ("ressources", None),
        ("Ressources alimentaires", "food"),
        ("ressources en", "housing"),
        ("sante", "health"),
        ("santé", "health"),
        ("san", "health"),
        ("3", "health"),
        ("housing", "housing"),
    ],
)
def test_ambiguous_prefixes_give_nothing(text: str, key: str | None) -> None:
    assert match_choice(text, RESOURCES) == key


def test_exact_label_wins_over_a_longer_label_it_starts() -> None:
    choices = [("help", "Aide"), ("food", "Aide alimentaire")]
    assert match_choice("aide", choices) == "help"
    assert match_choice("aide al", choices) == "food"


def test_the_same_key_twice_is_not_ambiguous() -> None:
    assert match_choice("oui", [("yes", "Oui"), ("yes", "oui")]) == "yes"


def test_no_choices_shown_means_no_match() -> None:
    assert match_choice("1", []) is None


def test_keys_with_underscores_match_as_typed() -> None:
    assert match_choice("open_request", [("open_request", "Ouvrir une demande")]) == "open_request"


def test_a_number_past_the_list_may_still_name_a_label() -> None:
    assert match_choice("811", [("info", "811"), ("other", "Autre")]) == "info"


def test_render_numbered_for_sms() -> None:
    text = render_numbered("Que voulez-vous faire ?", ["Parler à quelqu'un", "Aide urgente"])
    assert text == "Que voulez-vous faire ?\n1) Parler à quelqu'un\n2) Aide urgente"


def test_render_numbered_without_labels_or_text() -> None:
    assert render_numbered("Bonjour", []) == "Bonjour"
    assert render_numbered("", ["Oui", "Non"]) == "1) Oui\n2) Non"


def test_what_is_rendered_can_be_answered_by_number_and_by_line() -> None:
    labels = [label for _, label in MENU]
    lines = render_numbered("Menu", labels).splitlines()[1:]
    for number, (line, (key, _)) in enumerate(zip(lines, MENU, strict=True), start=1):
        assert match_choice(str(number), MENU) == key
        assert match_choice(line, MENU) == key


@given(st.text())
def test_any_text_names_a_shown_key_or_nothing(text: str) -> None:
    assert match_choice(text, MENU) in (None, "talk", "resource", "urgent")
