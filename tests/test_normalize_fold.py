"""`flows.normalize.fold` and `unaccented` give what their plain definition gives, character by
character, for every assigned code point (and a sample of the unassigned and private-use ones,
all alike): the translate tables and the ASCII shortcut change the cost only."""

from __future__ import annotations

import random
import unicodedata

from flows import normalize


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cc":
        return " " if ch.isspace() else ""
    return "" if category == "Cf" else ch


def reference_unaccented(text: str) -> str:
    text = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    return unicodedata.normalize("NFC", text)


def reference_fold(text: str) -> str:
    """The definition: quotes, NFKC, quotes, controls out, casefold, ligatures, accents out."""
    quotes = normalize._QUOTES
    text = unicodedata.normalize("NFKC", text.translate(quotes)).translate(quotes)
    text = "".join(_visible(ch) for ch in text).casefold().translate(normalize._LIGATURES)
    return " ".join(reference_unaccented(text).split())


def _code_points() -> list[str]:
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]


def _contexts(ch: str) -> tuple[str, ...]:
    """Where `ch` is tried: alone for every assigned code point; also between letters, before
    a combining accent and after a space below U+3000 (the scripts citizens type in);
    unassigned and private-use code points (categories Cn and Co: no decomposition, case or
    mark, all alike by Unicode's definition) alone, one in 64."""
    if unicodedata.category(ch) in ("Cn", "Co"):
        return (ch,) if ord(ch) % 64 == 0 else ()
    if ord(ch) < 0x3000:
        return (ch, f"a{ch}é", f"{ch}\u0301", f"E {ch}b")
    return (ch,)


def test_fold_and_unaccented_match_their_definition_for_every_code_point() -> None:
    differ = []
    for ch in _code_points():
        for text in _contexts(ch):
            if normalize.fold(text) != reference_fold(text):
                differ.append(("fold", text))
            if normalize.unaccented(text) != reference_unaccented(text):
                differ.append(("unaccented", text))
    assert differ == []


def test_fold_matches_its_definition_on_mixed_text() -> None:
    rnd = random.Random(14)
    pool = [chr(c) for c in range(128)] + list("éÉèàçœÆ’«»´`\u200b\u00ad\u0301\u2057ﬁ\u3000")
    samples = ["".join(rnd.choice(pool) for _ in range(rnd.randrange(16))) for _ in range(20000)]
    samples += ["Bonjour", "ARRÊT !", "j’veux   mourir\n\tcœur", 'Il a dit "stop"', "\x00\x1f\x7f"]
    assert [normalize.fold(t) for t in samples] == [reference_fold(t) for t in samples]


def test_the_learnt_tables_stay_bounded() -> None:
    for ch in _code_points()[::7]:
        normalize.fold(f"x{ch}")
    assert len(normalize._VISIBLE) <= normalize.LEARNT_MAX
    assert len(normalize._UNMARKED) <= normalize.LEARNT_MAX
