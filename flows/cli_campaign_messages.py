"""What the coordinator reads from `relais campaign`, French msgids (see flows/cli_messages.py)."""

from __future__ import annotations

from flows.text import Text, _

BAD_TAG = _("erreur : une étiquette a de 1 à 30 lettres a-z, chiffres, - ou _")


def bad_message(limit: int) -> Text:
    """The campaign message is empty or too long."""
    return _("erreur : le message doit avoir de 1 à {limit} caractères", limit=limit)


def nobody_tagged(tag: str) -> Text:
    """No opted-in citizen carries the tag."""
    return _("Personne d'inscrit n'a l'étiquette « {tag} » : rien n'est envoyé.", tag=tag)


def created(campaign_id: int, tag: str, count: int) -> Text:
    """The campaign was queued."""
    return _(
        "Campagne {id} (étiquette {tag}) : {count} citoyen(s).",
        id=campaign_id,
        tag=tag,
        count=count,
    )


def quiet_hours(when: str) -> Text:
    """The campaign waits for the end of quiet hours."""
    return _("Heures de silence : les messages partent le {when}.", when=when)


def estimate(parts: str, seconds: int) -> Text:
    """How long pacing will take."""
    return _(
        "Canaux : {parts}. L'envoi prend environ {seconds} s une fois que le bot les a.",
        parts=parts,
        seconds=seconds,
    )


def by_channel(count: int, channel: str) -> Text:
    """One channel's share of a campaign."""
    return _("{count} par {channel}", count=count, channel=channel)


def follow_with(campaign_id: int) -> Text:
    """How to follow the campaign later."""
    return _("Pour suivre : relais campaign status {id}", id=campaign_id)


def progress(campaign_id: int, sent: int, total: int, failed: int, waiting: int, ok: int,
             talk: int) -> Text:  # fmt: skip
    """One line of a campaign's progress."""
    return _(
        "Campagne {id} : {sent}/{total} envoyés, {failed} en échec, {waiting} en attente; "
        "réponses : {ok} ça va, {talk} veulent parler.",
        id=campaign_id, sent=sent, total=total, failed=failed, waiting=waiting, ok=ok, talk=talk,
    )  # fmt: skip


NO_PROGRESS = _(
    "Aucun progrès depuis une minute : le bot tourne-t-il (relais run)? "
    "Les messages attendent dans la base et partent dès qu'il tourne."
)
NO_SUCH = _("Aucune campagne de ce numéro.")
NO_TAGS = _(
    "Aucune étiquette pour l'instant : les intervenants en ajoutent avec /tag dans Telegram."
)
