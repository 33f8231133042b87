"""The resource search dialogue: pick a category or type words; "more" shows the next three."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from flows.text import Joined, Text, _
from flows.types import Choice, CitizenState, Inbound, Outcome, Reply, SearchResources

CATEGORIES = (
    Choice("food", _("Alimentation")),
    Choice("housing", _("Logement")),
    Choice("health", _("Santé et santé mentale")),
    Choice("seniors", _("65 ans et plus")),
    Choice("families", _("Familles")),
    Choice("employment", _("Emploi")),
    Choice("legal", _("Droits et aide juridique")),
    Choice("other", _("Autre")),
)
MORE = Choice("more", _("Plus de résultats"))
TALK = Choice("talk", _("Parler à quelqu'un"))  # the menu's own key: the flow knows it
PAGE = 3


def start(state: CitizenState) -> Outcome:
    """Offer the categories; free words are accepted too."""
    prompt = _("Quel genre de ressource? Choisissez un numéro ou écrivez quelques mots.")
    new_state = replace(state, step="resource", data={**state.data, "search": None})
    return Outcome((Reply(prompt, CATEGORIES),), new_state)


def step(state: CitizenState, inbound: Inbound, text: str) -> Outcome | None:
    """Turn a category, "more" or free words into a search; None when it is not a search."""
    chosen = inbound.choice
    last = state.data.get("search") or {}
    if chosen == "more" and last:
        offset = int(last.get("offset", 0)) + PAGE
        return _search(state, last.get("words", ""), last.get("category"), offset)
    if chosen in {c.key for c in CATEGORIES}:
        return _search(state, "", chosen, 0)
    if inbound.choice is None and text and not text.startswith("/"):
        return _search(state, text, None, 0)
    return None


def _search(state: CitizenState, words: str, category: str | None, offset: int) -> Outcome:
    search = {"words": words, "category": category, "offset": offset}
    new_state = replace(state, data={**state.data, "search": search})
    return Outcome((), new_state, (SearchResources(words, category, offset),))


def results(items: Sequence[Text], more: bool, on_map: str | None = None) -> Reply:
    """The resources found, in one message; "more" only when there is a next page.

    No number before each resource: on SMS the numbers belong to the choices that follow.
    `on_map` names the resource whose location follows as a map (Telegram).
    """
    parts = list(items)
    if on_map:
        parts.append(_("Sur la carte: {name}", name=on_map))
    return Reply(Joined(tuple(parts)), (MORE, TALK) if more else (TALK,))


def no_result() -> Reply:
    """Nothing found: say so kindly, offer a person and 211."""
    return Reply(
        _(
            "Je n'ai rien trouvé. Le 211 connait les ressources de Montréal: "
            "composez 2-1-1 ou 211qc.ca. Ou écrivez votre besoin et une personne vous aidera."
        ),
        (TALK,),
    )
