"""Which language a short message is written in: French, English, or None when unsure.

SMS are short, often unaccented, often phonetic ("chu pu capable", "i cant do this"). So
the test counts very frequent short words of each language, accent-free, and decides
only on a clear margin. "ok", "allo", "hi", "bye" belong to both and count for neither.
None means "keep the default and offer the other language in one line".
"""

from __future__ import annotations

from flows.normalize import words

_EN = frozenset(
    """
    i im ive id ill me my mine you your youre u ur we our they he she it its is are was
    am be been the a an and or but of to in on at for with from this that these what
    who where when why how can cant cannot dont doesnt didnt wont isnt not no yes
    do does did have has had need needs want wanna help please pls thanks thank
    anymore any some someone somebody anyone real person people talk speak call
    here there hello hey hi good bad just so very really am get got go going
    food groceries rent home house alone sad tired anything nothing end life live
    """.split()
)
_FR = frozenset(
    """
    je j jme jsuis chu suis tu t il elle on nous vous ils elles le la les l un une des
    du de d au aux mon ma mes ton ta tes son sa ses notre votre leur ce cet cette ces
    ca c est sont etre ai as a avons avez ont et ou mais pas plus pu ne n rien jamais
    pour avec sans dans sur chez que qui quoi quand comment pourquoi oui non
    besoin aide aider svp stp merci bonjour bonsoir salut allo pis ben fait faire
    veux veut peux peut vouloir vivre seul seule tout toute tous quelqu quelqu'un
    personne parler epicerie loyer manger logement mal triste fatigue ya y en
    moi toi lui eux capable mourir vie aussi tres bien va vais
    """.split()
)
# Words spelled the same in both languages: no evidence either way.
_BOTH = frozenset({"a", "on", "ok", "allo", "bye", "info", "menu", "stop", "hi", "hey", "hello"})
MARGIN = 1


def detect(text: str) -> str | None:
    """Return "fr" or "en" for the language `text` is written in, or None when unsure."""
    tokens = [t for t in words(text) if t not in _BOTH]
    french = sum(t in _FR for t in tokens)
    english = sum(t in _EN for t in tokens)
    if french >= english + MARGIN and french >= 1:
        return "fr"
    if english >= french + MARGIN and english >= 1:
        return "en"
    return None


def from_hint(hint: str | None) -> str | None:
    """Telegram's language_code ("en", "en-US", "fr-CA") as "en"/"fr", or None."""
    if not hint:
        return None
    code = hint.lower()[:2]
    return code if code in ("fr", "en") else None
