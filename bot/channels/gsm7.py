"""SMS text rules: GSM-7 vs UCS-2 encoding, segment counts, and typographic clean-up.

One character outside GSM-7 (ê, ç, ’, an emoji…) makes the whole SMS UCS-2, which shrinks a
segment from 160 to 70 characters. `normalize_for_sms` swaps the typographic characters that
French text is full of (NBSP before « : ; ? ! », ’, «», …) for plain ones but never touches
letters: ê and ç are real French and stay. The character table is Twilio's own
(TwilioDevEd/message-segment-calculator `UnicodeToGSM.ts`, MIT), embedded here as data.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]

# The GSM 03.38 basic table as Twilio maps it: one septet each. Twilio maps U+00C7 "Ç" to
# 0x09, so uppercase Ç is GSM-7 while lowercase ç is not.
GSM7_BASIC: frozenset[str] = frozenset(
    "\n\r !\"#$%&'()*+,-./0123456789:;<=>?@"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
    "¡£¤¥§¿ÄÅÆÉÑÖØÜßàäåæÇèéìñòöøùü"
    "ΓΔΘΛΞΠΣΦΨΩ"
)
# The extension table: each costs two septets (ESC + code).
GSM7_EXTENSION: frozenset[str] = frozenset("\f[\\]^{|}~€")

GSM7_SINGLE, GSM7_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67

_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u00b4`\u02bc\u2032\u2039\u203a", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022", "-"),
    "\u2026": "...",
    "\t": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    # Invisible characters that would force UCS-2 for nothing.
    **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
}
_TRANSLATION = str.maketrans(_REPLACEMENTS)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def normalize_for_sms(text: str) -> str:
    """Replace typographic spaces, quotes, dashes and ellipses with GSM-7 ones; keep letters."""
    # NFC first: a decomposed "e + combining acute" becomes é, which is GSM-7.
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.translate(_TRANSLATION))


def non_gsm7_chars(text: str) -> set[str]:
    """The characters of `text` that GSM-7 cannot carry."""
    return {char for char in text if char not in GSM7_BASIC and char not in GSM7_EXTENSION}


def is_gsm7(text: str) -> bool:
    """True when every character of `text` fits the GSM-7 alphabet."""
    return not non_gsm7_chars(text)


def encoding(text: str) -> Encoding:
    """The encoding a carrier uses for `text`: GSM-7 if possible, else UCS-2 for all of it."""
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def _unit_costs(text: str, enc: Encoding) -> list[int]:
    """Septets (GSM-7) or UTF-16 code units (UCS-2) taken by each character."""
    if enc == "GSM-7":
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def segment_count(text: str) -> int:
    """How many SMS segments `text` takes (an empty text still costs one)."""
    enc = encoding(text)
    costs = _unit_costs(text, enc)
    single, multi = (GSM7_SINGLE, GSM7_MULTI) if enc == "GSM-7" else (UCS2_SINGLE, UCS2_MULTI)
    if sum(costs) <= single:
        return 1
    # An escape sequence or a surrogate pair is never split across two segments: when it does
    # not fit at the end of one, that slot stays empty and it starts the next.
    segments, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            segments, used = segments + 1, 0
        used += cost
    return segments


_DEGREES = re.compile(r"(?<=[0-9]) ?°")
_FOLDS = {"°": "o", "œ": "oe", "Œ": "OE", "ÿ": "y"}


def fold_to_gsm7(text: str) -> str | None:
    """`text` with only its non-GSM-7 letters spelled without accents ("Ê"→"E", "20°"→"20 degres").

    None when the text is GSM-7 already or when some character has no plain spelling (an emoji):
    then there is nothing to offer. Letters GSM-7 carries (é, è, à, ù…) are kept.
    """
    text = normalize_for_sms(text)
    if is_gsm7(text):
        return None
    text = _DEGREES.sub(" degres", text)
    folded = "".join(_fold_char(char) for char in text)
    return folded if is_gsm7(folded) else None


def _fold_char(char: str) -> str:
    if char in GSM7_BASIC or char in GSM7_EXTENSION:
        return char
    if char in _FOLDS:
        return _FOLDS[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base if base and all(c in GSM7_BASIC for c in base) else char
