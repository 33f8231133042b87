"""The "/" command menu Telegram shows: worker, coordinator and citizen commands (French msgids).

Descriptions are at most 256 characters and commands lowercase, as the Bot API requires.
"""

from __future__ import annotations

from flows.text import Text, _

WORKER = (
    ("dossiers", _("Mes demandes ouvertes")),
    ("fin", _("Fermer une demande")),
    ("note", _("Ajouter une note à une demande")),
    ("transferer", _("Transférer une demande à un collègue")),
    ("ressource", _("Chercher une ressource à envoyer")),
    ("rdv", _("Proposer un rendez-vous")),
    ("suivi", _("Prévoir un suivi")),
    ("suivis", _("Mes suivis prévus")),
    ("tag", _("Étiqueter la personne pour une campagne")),
    ("tableau", _("Lien vers le tableau de bord")),
    ("aide", _("Aide")),
)
COORDINATOR = (
    ("garde", _("Qui est de garde maintenant et ensuite")),
    ("remplacer", _("Remplacer un intervenant de garde")),
    ("campagne", _("Envoyer une campagne")),
)
CITIZEN = (
    ("start", _("Commencer")),
    ("aide", _("Aide et lignes d'urgence")),
)


def menu(kind: str, available: set[str] | None = None) -> list[tuple[str, Text]]:
    """The menu of a "worker", "coordinator" or "citizen"; worker commands the bot has."""
    if kind == "citizen":
        return list(CITIZEN)
    entries = [*WORKER, *(COORDINATOR if kind == "coordinator" else ())]
    return [(c, d) for c, d in entries if available is None or c in available]
