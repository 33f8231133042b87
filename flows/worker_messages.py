"""What workers read in Telegram: request cards, case updates, command answers (French msgids)."""

from __future__ import annotations

from flows.text import Text, When, _

INTERVENTION_TYPES = {
    "ecoute": _("Écoute active"),
    "info": _("Information et référence"),
    "accomp": _("Accompagnement"),
    "suivi": _("Suivi"),
    "crise": _("Gestion de crise"),
    "autre": _("Autre"),
}
PROFILES = {
    "famille": _("Famille"),
    "couple": _("Couple sans enfants"),
    "seul": _("Personne seule"),
    "aine": _("Aîné ou aînée"),
    "inconnu": _("Inconnu"),
}
CHANNELS = {"sms": "SMS", "telegram": "Telegram"}


def card(alias: str, channel: str, language: str, urgent: bool, first_words: str) -> Text:
    """A new request, as the on-duty workers see it."""
    if urgent:
        return _(
            "URGENT - Nouvelle demande {alias} ({channel}, {language})\n« {words} »",
            alias=alias,
            channel=CHANNELS.get(channel, channel),
            language=language.upper(),
            words=_preview(first_words),
        )
    return _(
        "Nouvelle demande {alias} ({channel}, {language})\n« {words} »",
        alias=alias,
        channel=CHANNELS.get(channel, channel),
        language=language.upper(),
        words=_preview(first_words),
    )


def _preview(words: str, limit: int = 200) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


TAKE = _("Prendre en charge")


def taken_by(alias: str, name: str) -> Text:
    return _("{alias} a été pris par {name}.", alias=alias, name=name)


def you_took(alias: str) -> Text:
    return _(
        "Vous avez pris {alias}. Répondez à ses messages pour écrire à la personne; "
        "/fin pour fermer le dossier.",
        alias=alias,
    )


def already_taken(alias: str, name: str) -> Text:
    return _("{alias} est déjà pris par {name}.", alias=alias, name=name)


def already_closed(alias: str) -> Text:
    return _("{alias} est déjà fermé.", alias=alias)


def history_line(alias: str, text: str) -> Text:
    return _("{alias}: {text}", alias=alias, text=text)


def citizen_media(alias: str, media: str) -> Text:
    return _(
        "{alias}: (la personne a envoyé un fichier: {media}; il n'est pas relayé)",
        alias=alias,
        media=media,
    )


def which_case() -> Text:
    return _(
        "À quel dossier? Répondez (glisser vers la droite) à un message du dossier, "
        "ou voyez /dossiers."
    )


def no_case() -> Text:
    return _("Vous n'avez aucun dossier ouvert. Les nouvelles demandes arrivent ici.")


def case_line(alias: str, channel: str, since: When, words: str) -> Text:
    return _(
        "{alias} ({channel}) depuis {since}: « {words} »",
        alias=alias,
        channel=CHANNELS.get(channel, channel),
        since=since,
        words=_preview(words, 60),
    )


def cases_header(count: int) -> Text:
    from flows.text import n_

    return n_("Votre dossier ouvert:", "Vos {count} dossiers ouverts:", count)


def opted_out_refusal(alias: str) -> Text:
    return _(
        "Message non envoyé: la personne de {alias} a demandé de ne plus recevoir de "
        "messages (STOP). Elle peut revenir en écrivant REPRENDRE.",
        alias=alias,
    )


def erased_refusal(alias: str) -> Text:
    return _("Message non envoyé: la personne de {alias} a effacé ses données.", alias=alias)


def choose_type(alias: str) -> Text:
    return _("Fermer {alias}: quel type d'intervention?", alias=alias)


def choose_profile(alias: str) -> Text:
    return _("{alias}: quel profil?", alias=alias)


def closed(alias: str) -> Text:
    return _("{alias} est fermé. Merci!", alias=alias)


def note_added(alias: str) -> Text:
    return _("Note ajoutée à {alias} (visible seulement par l'équipe).", alias=alias)


def note_usage() -> Text:
    return _("Écrivez /note suivi du texte, en réponse à un message du dossier.")


def transfer_usage() -> Text:
    return _("Écrivez /transferer NOM, en réponse à un message du dossier.")


def unknown_worker(name: str) -> Text:
    return _("Je ne trouve pas d'intervenant actif nommé {name}.", name=name)


def transferred_to_you(alias: str, by: str) -> Text:
    return _("{by} vous a transféré {alias}.", alias=alias, by=by)


def transferred(alias: str, to: str) -> Text:
    return _("{alias} est transféré à {to}.", alias=alias, to=to)


def worker_help() -> Text:
    return _(
        "Commandes: /dossiers (mes dossiers), /fin (fermer), /note TEXTE (note privée), "
        "/transferer NOM. Pour écrire à une personne, répondez à un message de son dossier."
    )


def linked(name: str) -> Text:
    return _(
        "Bienvenue {name}! Votre compte Telegram est lié à Relais. "
        "Les demandes de vos quarts de garde arriveront ici.",
        name=name,
    )


def bad_code() -> Text:
    return _("Ce code n'est pas valide ou a expiré. Demandez un nouveau code à la coordination.")


def too_many_codes() -> Text:
    return _("Trop d'essais. Réessayez dans une heure.")


def deactivated() -> Text:
    return _("Votre accès à Relais est désactivé. Parlez à la coordination.")


def text_only_worker() -> Text:
    return _("Seul le texte est relayé à la personne.")


def not_allowed() -> Text:
    return _("Cette action n'est pas permise.")


def failure_reason(opted_out: bool, unreachable: bool) -> Text:
    if opted_out:
        return _("la personne a bloqué Relais ou écrit STOP")
    if unreachable:
        return _("ce numéro ne reçoit pas de textos")
    return _("le service d'envoi a refusé le message")


def not_delivered(alias: str, reason: Text) -> Text:
    return _("Message non livré à {alias}: {reason}.", alias=alias, reason=reason)
