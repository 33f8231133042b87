"""Folding typed text, the words a citizen can send at any point, and yes/no answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.keywords import Keyword, match_confirmation, match_keyword, start_payload
from flows.normalize import canonical, fold, words

# --- fold / words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ARRÊT", "arret"),
        ("Désabonner", "desabonner"),
        ("FRANÇAIS", "francais"),
        ("cœur", "coeur"),
        ("Œuvre", "oeuvre"),
        ("Ærien", "aerien"),
        ("Straße", "strasse"),
        ("e\u0301te\u0301", "ete"),  # accents typed as combining marks
        ("ﬁn", "fin"),  # a ligature from a PDF copy-paste
        ("ＳＴＯＰ", "stop"),  # full-width letters
        ("j’veux", "j'veux"),
        ("l‘aide", "l'aide"),
        ("«stop»", "'stop'"),
        ("“oui”", "'oui'"),
        ("  trop   d'espaces  ", "trop d'espaces"),
        ("ligne 1\nligne 2\r\n\tfin", "ligne 1 ligne 2 fin"),
        ("\ufeffSTOP", "stop"),  # byte-order mark
        ("sto\u200bp", "stop"),  # zero-width space
        ("co\u00adop", "coop"),  # soft hyphen
        ("bell\x07", "bell"),  # a stray control character
        ("", ""),
        ("🙂", "🙂"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J'veux mourir", ["j", "veux", "mourir"]),
        ("j’veux m’tuer", ["j", "veux", "m", "tuer"]),
        ("l'aide, SVP!", ["l", "aide", "svp"]),
        ("Parler à quelqu’un", ["parler", "a", "quelqu", "un"]),
        ("stop 🛑🛑", ["stop"]),
        ("c'est-à-dire", ["c", "est", "a", "dire"]),
        ("option #2)", ["option", "2"]),
        ("snake_case", ["snake", "case"]),
        ("...", []),
        ("", []),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_canonical_joins_words_with_single_spaces() -> None:
    assert canonical("  J’ai   MAL… à la poitrine!! ") == "j ai mal a la poitrine"


def test_fold_is_idempotent() -> None:
    for text in ("ARRÊT !", "j’veux", "Œuvre\n", "«Non»", "⁗"):
        assert fold(fold(text)) == fold(text)


@given(st.text())
def test_any_text_folds_to_one_stable_spaced_line(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded and "\n" not in folded
    assert all(word and word.isalnum() for word in words(text))


@given(st.text())
def test_any_text_is_a_keyword_or_not_without_error(text: str) -> None:
    assert match_keyword(text) in (None, *Keyword)
    assert match_confirmation(text) in (None, True, False)


# --- match_keyword --------------------------------------------------------------------

KEYWORDS: list[tuple[str, Keyword]] = [
    # Opt-out: the documented words, Twilio's defaults, Twilio Proxy's French forms.
    ("STOP", Keyword.STOP),
    ("stop", Keyword.STOP),
    ("Stop!", Keyword.STOP),
    ("stop.", Keyword.STOP),
    ("  STOP  ", Keyword.STOP),
    ("STOP 🛑", Keyword.STOP),
    ("«STOP»", Keyword.STOP),
    ("ARRET", Keyword.STOP),
    ("ARRÊT", Keyword.STOP),
    ("arrêt", Keyword.STOP),
    ("Arrete", Keyword.STOP),
    ("ARRÊTE", Keyword.STOP),
    ("ARRETT", Keyword.STOP),
    ("DESABONNER", Keyword.STOP),
    ("Désabonner", Keyword.STOP),
    ("UNSUBSCRIBE", Keyword.STOP),
    ("END", Keyword.STOP),
    ("QUIT", Keyword.STOP),
    ("CANCEL", Keyword.STOP),
    ("STOPALL", Keyword.STOP),
    ("OPTOUT", Keyword.STOP),
    ("opt-out", Keyword.STOP),
    ("REVOKE", Keyword.STOP),
    # Opt back in.
    ("START", Keyword.START),
    ("start", Keyword.START),
    ("REPRENDRE", Keyword.START),
    ("Reprendre.", Keyword.START),
    ("UNSTOP", Keyword.START),
    # Help, menu, language, erase.
    ("AIDE", Keyword.HELP),
    ("aide?", Keyword.HELP),
    ("HELP", Keyword.HELP),
    ("Info", Keyword.HELP),
    ("MENU", Keyword.MENU),
    ("menu", Keyword.MENU),
    ("FR", Keyword.FRENCH),
    ("fr", Keyword.FRENCH),
    ("FRANCAIS", Keyword.FRENCH),
    ("Français", Keyword.FRENCH),
    ("EN", Keyword.ENGLISH),
    ("English", Keyword.ENGLISH),
    ("anglais", Keyword.ENGLISH),
    ("OUBLIER", Keyword.FORGET),
    ("forget", Keyword.FORGET),
    # Telegram commands.
    ("/stop", Keyword.STOP),
    ("/arret", Keyword.STOP),
    ("/aide", Keyword.HELP),
    ("/help", Keyword.HELP),
    ("/menu", Keyword.MENU),
    ("/menu@RelaisBot", Keyword.MENU),
    ("/oublier", Keyword.FORGET),
    ("/fr", Keyword.FRENCH),
    ("/reprendre", Keyword.START),
    ("/start", Keyword.BEGIN),
    ("/START", Keyword.BEGIN),
    ("/start@RelaisBot", Keyword.BEGIN),
    # A deep link (a poster's t.me/<bot>?start=affiche): the desk reads invitations first.
    ("/start affiche", Keyword.BEGIN),
    ("/start abc123", Keyword.BEGIN),
    # Law 25 access right: two words, any case, with or without accents.
    ("MES DONNEES", Keyword.DATA),
    ("mes données", Keyword.DATA),
    ("Mes Données ?", Keyword.DATA),
    ("MY DATA", Keyword.DATA),
    ("my data!", Keyword.DATA),
    ("mesdonnées", Keyword.DATA),
    ("/mesdonnees", Keyword.DATA),
]


@pytest.mark.parametrize(("text", "keyword"), KEYWORDS)
def test_keywords(text: str, keyword: Keyword) -> None:
    assert match_keyword(text) is keyword


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!!",
        "stop calling me",  # Twilio triggers on single-word messages only; so do we
        "STOP PLEASE",
        "please stop",
        "stop stop",
        "arrêtez de m'écrire",
        "j'ai besoin d'aide",
        "help me",
        "menu svp",
        "le menu",
        "stoppe",
        "stopper",
        "starts",
        "oui",  # a confirmation, never a keyword
        "YES",  # Twilio's opt-in word, but here an everyday answer
        "non",
        "NO",
        "/start two words",  # not a deep link: payloads have no spaces
        "mes données personnelles",
        "my data please",
        "/unknown",
        "/",
        "frère",
        "french fries",
        "1",
    ],
)
def test_not_keywords(text: str) -> None:
    assert match_keyword(text) is None


def test_keyword_values_are_stable_strings() -> None:
    assert Keyword.STOP == "stop" and Keyword.BEGIN == "begin" and Keyword.YES == "yes"


# --- match_confirmation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("OUI", True),
        ("oui", True),
        ("Oui!", True),
        ("O", True),
        ("o", True),
        ("YES", True),
        ("y", True),
        ("ouais", True),
        ("OK", True),
        ("d'accord", True),
        ("D’accord", True),
        ("oui merci", True),
        ("Oui, s'il vous plaît", True),
        ("yes please", True),
        ("yes thank you", True),
        ("oui oui", True),
        ("bien sûr", True),
        ("👍 oui", True),
        ("NON", False),
        ("non", False),
        ("Non.", False),
        ("N", False),
        ("no", False),
        ("non merci", False),
        ("No thanks", False),
        ("nope", False),
        ("pas du tout", False),
        ("annuler", False),
        ("non non", False),
    ],
)
def test_confirmations(text: str, answer: bool) -> None:
    assert match_confirmation(text) is answer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "👍",
        "merci",
        "peut-être",
        "je sais pas",
        "oui non",
        "oui mais je veux garder mon numéro",
        "non, oui",
        "ouiiii",
        "STOP",
        "1",
    ],
)
def test_not_confirmations(text: str) -> None:
    assert match_confirmation(text) is None


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("/start affiche", "affiche"),
        ("/start metro-1", "metro-1"),
        ("/start@RelaisBot affiche_2", "affiche_2"),
        ("/start", None),
        ("/start two words", None),
        ("affiche", None),
    ],
)
def test_start_payload(text: str, payload: str | None) -> None:
    assert start_payload(text) == payload
