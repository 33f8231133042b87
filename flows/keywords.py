"""Words a citizen can send at any point (STOP, AIDE, MENU…) and yes/no confirmations.

Rules, decided once here:

* A keyword is the whole message: one word, in any case, with or without accents, with
  spaces, punctuation or emoji around it ("Stop!", " arrêt. ", "STOP 🛑"). Twilio only
  triggers on single-word messages ("STOP PLEASE" does not), and so do we: "stop calling
  me" is a sentence for a person to read, not an opt-out.
* Opt-out also takes Twilio's own default list (END, QUIT, CANCEL, STOPALL, OPTOUT,
  REVOKE) and Twilio Proxy's French forms (ARRETE, ARRETT). On a long code Twilio blocks
  the number on these words whatever we do, so the bot must agree with the carrier
  rather than keep writing into a wall (error 21610).
* YES is not an opt-in here although Twilio also lifts its block on YES: "oui"/"yes" is
  an everyday answer, read by `match_confirmation` only. `match_keyword` never returns
  YES or NO; they exist so replies can name the two answers of a confirmation.
* On Telegram a leading slash is accepted (`/stop`, `/aide`, `/menu@RelaisBot`).
  `/start` is how every Telegram conversation begins, so it is `Keyword.BEGIN`, not an
  opt-in; the caller decides what it means. `/start PAYLOAD` (a deep link: a worker's
  invitation, or a poster's `t.me/<bot>?start=affiche`) is BEGIN too; the desk reads
  invitations first, and `start_payload` gives the rest for the record of arrivals.
* Two-word requests are keywords too when they are the whole message: MES DONNEES,
  MES DONNÉES, MY DATA (Law 25 access right), also written as one word.
"""

from __future__ import annotations

import re
from enum import StrEnum

from flows.normalize import fold, words


class Keyword(StrEnum):
    """What a keyword message asks for."""

    STOP = "stop"
    START = "start"
    BEGIN = "begin"
    HELP = "help"
    MENU = "menu"
    FRENCH = "french"
    ENGLISH = "english"
    FORGET = "forget"
    DATA = "data"
    YES = "yes"
    NO = "no"


# Folded spellings (accents already removed by `fold`) mapped to what they ask for.
_WORDS: dict[str, Keyword] = {
    **dict.fromkeys(
        (
            "stop", "arret", "arrete", "arrett", "desabonner", "unsubscribe",
            "end", "quit", "cancel", "stopall", "optout", "revoke",
        ),
        Keyword.STOP,
    ),
    **dict.fromkeys(("start", "reprendre", "unstop"), Keyword.START),
    **dict.fromkeys(("aide", "help", "info"), Keyword.HELP),
    "menu": Keyword.MENU,
    **dict.fromkeys(("fr", "francais"), Keyword.FRENCH),
    **dict.fromkeys(("en", "english", "anglais"), Keyword.ENGLISH),
    **dict.fromkeys(("oublier", "forget"), Keyword.FORGET),
    **dict.fromkeys(("mesdonnees", "mydata", "donnees"), Keyword.DATA),
}  # fmt: skip
# Several-word keywords, as folded words joined by spaces.
_PHRASES: dict[str, Keyword] = {"mes donnees": Keyword.DATA, "my data": Keyword.DATA}

# Punctuation, symbols and emoji around the word; "_" counts as punctuation too.
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
# A Telegram command: "/stop", "/stop@RelaisBot"; anything after a space is a payload.
_COMMAND = re.compile(r"^/([^\W_]+)(?:@[\w]+)?$")
# `/start PAYLOAD`: Telegram's deep-link parameter is up to 64 of A-Z a-z 0-9 _ -.
_START = re.compile(r"^/start(?:@\w+)?\s+([A-Za-z0-9_-]{1,64})$")
# "opt-out", "stop-all": a hyphen or dot inside one word does not make it two words.
_JOINERS = re.compile(r"[-.]")

_YES = frozenset(
    ("oui", "o", "ouais", "ouaip", "ok", "okay", "oki", "daccord", "dac", "dacc", "certain",
     "absolument", "confirme", "confirmer", "yes", "y", "yep", "yeah", "yup", "sure")
)  # fmt: skip
_NO = frozenset(("non", "n", "nan", "nope", "no", "nah", "annuler", "annule", "jamais"))
# Several-word answers, as folded words joined by spaces ("d'accord" -> "d accord").
_YES_PHRASES = frozenset(("d accord", "bien sur", "je confirme", "of course", "c est correct"))
_NO_PHRASES = frozenset(("pas du tout", "surtout pas", "no way"))
# Politeness around a yes or no changes nothing: "oui merci", "non merci", "yes please".
_POLITE = re.compile(
    r"\b(?:merci(?: beaucoup)?|svp|stp|s il (?:vous|te) plait|please|pls|thanks|thx|thank you)\b"
)


def match_keyword(text: str) -> Keyword | None:
    """Return the keyword that the whole message `text` is, or None for anything else."""
    folded = fold(text)
    if start_payload(text) is not None:
        return Keyword.BEGIN
    command = _COMMAND.match(folded)
    if command:
        word = command.group(1)
        return Keyword.BEGIN if word == "start" else _WORDS.get(word)
    word = _JOINERS.sub("", _EDGES.sub("", folded))
    return _WORDS.get(word) or _PHRASES.get(" ".join(words(text)))


def start_payload(text: str) -> str | None:
    """The deep-link payload of `/start PAYLOAD` ("affiche"), or None for anything else."""
    found = _START.match(text.strip())
    return found.group(1) if found else None


def match_confirmation(text: str) -> bool | None:
    """Return True for a yes ("oui", "O", "yes"), False for a no ("non", "N"), else None."""
    phrase = " ".join(_POLITE.sub(" ", " ".join(words(text))).split())
    if not phrase:
        return None
    tokens = phrase.split()
    if phrase in _YES_PHRASES or all(t in _YES for t in tokens):
        return True
    if phrase in _NO_PHRASES or all(t in _NO for t in tokens):
        return False
    return None
