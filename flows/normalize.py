"""Fold what a person typed into a plain, comparable form: case, accents, quotes, spacing.

The one accent folding of Relais: keywords, crisis words, choices, worker and place names,
resource search and the GSM-7 spelling of resources all use `fold` or `unaccented`.

Every matcher in `flows/` (keywords, crisis, choices) compares folded text, so that
"ARRÊT", "arret" and "Arrêt !" are one word, and "j’veux" and "j'veux" one spelling.
"""

from __future__ import annotations

import re
import unicodedata

# Typographic apostrophes and quotes people's phones insert ("smart quotes"), and the
# French guillemets: all become one plain apostrophe so patterns need only one form.
_QUOTES = str.maketrans(
    {
        "\u2019": "'",  # ’ right single quote, the usual iOS apostrophe
        "\u2018": "'",  # ‘
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′ prime
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u0060": "'",  # ` grave accent used as an apostrophe
        "\u00b4": "'",  # ´ acute accent used as an apostrophe
        "\u201c": "'",  # “
        "\u201d": "'",  # ”
        "\u201e": "'",  # „
        "\u00ab": "'",  # «
        "\u00bb": "'",  # »
        '"': "'",
    }
)

# Ligatures that Unicode does not decompose: without these "cœur" would never equal "coeur".
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})

# Letters and digits only: apostrophes split words (French elisions: j'veux -> j, veux),
# and punctuation and emoji are dropped.
_WORD = re.compile(r"[^\W_]+")


class _Learnt(dict):
    """A `str.translate` table over code points, each entry worked out the first time it is
    met (`keep(char)`: the char itself, its replacement, or "" to drop it). Only single
    characters are remembered, never text, and at most LEARNT_MAX of them; past that, the
    answer is worked out each time. The per-character Python loop it replaces was most of
    the cost of `fold` (a dozen folds per message)."""

    def __init__(self, keep) -> None:
        super().__init__()
        self._keep = keep

    def __missing__(self, code: int) -> str | None:
        kept = self._keep(chr(code)) or None  # None: str.translate drops the character
        if len(self) < LEARNT_MAX:
            self[code] = kept
        return kept


LEARNT_MAX = 8192


def fold(text: str) -> str:
    """Return `text` in NFKC, casefolded, without accents, controls or typographic quotes."""
    if text.isascii():  # most messages: NFKC, accents and ligatures change nothing there
        text = text.replace('"', "'").replace("`", "'")  # the ASCII ones of _QUOTES
        if _ASCII_CONTROL.search(text):
            text = text.translate(_VISIBLE)
        return " ".join(text.lower().split())
    # Quotes are mapped before NFKC ("´" would become a space and an accent) and after it
    # ("⁗" becomes four primes).
    text = unicodedata.normalize("NFKC", text.translate(_QUOTES)).translate(_QUOTES)
    text = text.translate(_VISIBLE).casefold().translate(_LIGATURES)
    return " ".join(unaccented(text).split())


def unaccented(text: str) -> str:
    """Return `text` without accents (combining marks), case kept: "Île" -> "Ile"."""
    if text.isascii():  # no accent, and NFD and NFC leave ASCII as it is
        return text
    text = unicodedata.normalize("NFD", text).translate(_UNMARKED)
    # NFD may split compatibility characters again; NFC puts the remaining ones back together.
    return unicodedata.normalize("NFC", text)


def _visible(ch: str) -> str:
    """Keep `ch`, turn a line break or tab into a space, drop other control/format characters."""
    category = unicodedata.category(ch)
    if category == "Cc":
        return " " if ch.isspace() else ""
    if category == "Cf":
        # Zero-width spaces and joiners, soft hyphens, direction marks, BOM.
        return ""
    return ch


def _unmarked(ch: str) -> str:
    """Drop a combining mark (the accent NFD splits off a letter)."""
    return "" if unicodedata.category(ch) == "Mn" else ch


_VISIBLE = _Learnt(_visible)
_ASCII_CONTROL = re.compile("[\x00-\x1f\x7f]")
_UNMARKED = _Learnt(_unmarked)


def words(text: str) -> list[str]:
    """Return the folded words of `text`: elisions split, punctuation and emoji dropped."""
    return _WORD.findall(fold(text))


def canonical(text: str) -> str:
    """Return the folded words of `text` joined by single spaces, for whole-phrase patterns."""
    return " ".join(words(text))
