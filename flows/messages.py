"""The words the citizen conversation uses, in one place (French msgids; English in the catalog).

SMS cost: these French texts avoid letters that force UCS-2 (ê, ç, â, î, ô, û, œ, « ») where
plain French reads as well; tests/test_i18n.py lists the ones that keep them.
"""

from __future__ import annotations

from datetime import datetime

from flows.text import Raw, Text, When, _
from flows.types import Choice, Reply

MENU_CHOICES = (
    Choice("talk", _("Parler à quelqu'un")),
    Choice("resource", _("Trouver une ressource")),
    Choice("urgent", _("Aide urgente")),
)

YES_NO = (Choice("yes", _("Oui")), Choice("no", _("Non")))


def welcome(retention_days: int) -> Text:
    """First contact: who we are, what is kept and for how long, how to stop and erase."""
    return _(
        "Bonjour! Ici Relais, le réseau des travailleurs de proximité de Mercier-Est. "
        "Nous gardons vos messages {days} jours après votre demande. "
        "STOP pour ne plus recevoir de messages, OUBLIER pour tout effacer.",
        days=retention_days,
    )


def menu() -> Reply:
    return Reply(_("Que voulez-vous faire?"), MENU_CHOICES)


def crisis() -> Text:
    """Always carries 911, 1 866 APPELLE (277-3553) / texto 535353 and 811 option 2."""
    return _(
        "En cas de danger: 911. "
        "Idées suicidaires: 1 866 APPELLE (1 866 277-3553) ou texto 535353, 24/7. "
        "Info-Social: 811 option 2. "
        "Nous avons noté votre message comme urgent."
    )


def help_text(on_duty: bool = True, next_shift_at: datetime | None = None) -> Text:
    """AIDE: what Relais is, and truly when a person will read (out of hours: not now)."""
    if on_duty:
        return _(
            "Relais met en lien les gens de Mercier-Est avec des travailleurs de proximité. "
            "Écrivez votre message et une personne vous répondra. MENU pour les choix. "
            "Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2."
        )
    return _(
        "Relais met en lien les gens de Mercier-Est avec des travailleurs de proximité. "
        "Personne n'est de garde en ce moment: {back} MENU pour les choix. "
        "Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2.",
        back=team_back(next_shift_at),
    )


def team_back(next_shift_at: datetime | None) -> Text:
    """When a person will read: "L'équipe revient lundi 7 décembre à 9 h." or "dès que possible"."""
    if next_shift_at is None:
        return _("l'équipe lira votre message dès que possible.")
    return _("l'équipe lira votre message {when}.", when=When(next_shift_at))


def crisis_short() -> Text:
    """The crisis lines in one SMS segment, repeated while an urgent request waits for a person."""
    return _(
        "Urgence: 911. Idées suicidaires: 1 866 APPELLE (277-3553). Info-Social: 811 option 2."
    )


def urgent_status(
    claimed: bool, on_duty: bool, on_call: bool, next_shift_at: datetime | None
) -> Text:
    """Who knows about the urgent request, truly: only say a person was alerted when one was."""
    if claimed:
        return _("La personne qui suit votre demande est avertie.")
    if on_duty:
        return _("L'équipe de garde est avertie.")
    if on_call:
        return _("Une personne d'astreinte a été avertie.")
    if next_shift_at is None:
        return _("Personne n'est de garde en ce moment; l'équipe vous répondra dès que possible.")
    return _(
        "Personne n'est de garde en ce moment; l'équipe revient {when}.", when=When(next_shift_at)
    )


def urgent_opened(alias: str, on_duty: bool, on_call: bool, next_shift_at: datetime | None) -> Text:
    """After the crisis lines: the urgent request's alias and who was truly alerted."""
    return _(
        "Votre demande {alias} est gardée. {status}",
        alias=alias,
        status=urgent_status(False, on_duty, on_call, next_shift_at),
    )


def still_kept(next_shift_at: datetime | None) -> Text:
    """A repeated out-of-hours answer: short, but never silence."""
    if next_shift_at is None:
        return _("Noté, c'est gardé. L'équipe vous répondra dès que possible. Urgence: 911.")
    return _("Noté, c'est gardé. L'équipe revient {when}. Urgence: 911.", when=When(next_shift_at))


def relayed_off_hours(next_shift_at: datetime | None) -> Text:
    """Out of hours, to a citizen whose case a worker holds: relayed, and when the team is back."""
    if next_shift_at is None:
        return _("Transmis à la personne qui suit votre demande. Urgence: 911.")
    return _(
        "Transmis à la personne qui suit votre demande. L'équipe revient {when}. Urgence: 911.",
        when=When(next_shift_at),
    )


def added_again() -> Text:
    """A repeated answer while a request waits by day."""
    return _("Noté, c'est ajouté à votre demande.")


def answer_with(count: int) -> Text:
    """An out-of-range choice: "Répondez 1, 2 ou 3."."""
    if count < 2:
        return _("Répondez 1, ou écrivez votre message.")
    numbers = ", ".join(str(n) for n in range(1, count))
    return _("Répondez {numbers} ou {last}.", numbers=numbers, last=count)


def other_language() -> Text:
    """One short line in the French welcome offering English (the English one offers French)."""
    return _("For English, reply EN.")


def request_opened(alias: str, on_duty: bool, next_shift_at: datetime | None) -> Text:
    """What happens next, said plainly: someone answers soon, or when the next shift starts."""
    if on_duty:
        return _(
            "Merci. Votre demande {alias} est transmise. "
            "Une personne de l'équipe va vous répondre ici.",
            alias=alias,
        )
    if next_shift_at is not None:
        return _(
            "Merci. Votre message {alias} est bien gardé. Personne n'est de garde en ce moment; "
            "l'équipe revient {when}. Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2.",
            alias=alias,
            when=When(next_shift_at),
        )
    return _(
        "Merci. Votre message {alias} est bien gardé. Une personne de l'équipe va vous "
        "répondre dès que possible. Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2.",
        alias=alias,
    )


def added_to_request(on_duty: bool = True, next_shift_at: datetime | None = None) -> Text:
    if not on_duty:
        return out_of_hours(next_shift_at)
    return _("Votre message est ajouté à votre demande. Une personne va vous répondre.")


def out_of_hours(next_shift_at: datetime | None) -> Text:
    if next_shift_at is None:
        return _(
            "Votre message est gardé. L'équipe vous répondra dès que possible. "
            "Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2."
        )
    return _(
        "Votre message est gardé. L'équipe revient {when}. "
        "Urgence: 911. Détresse: 1 866 APPELLE ou 811 option 2.",
        when=When(next_shift_at),
    )


def describe_need() -> Text:
    return _("En quelques mots, de quoi avez-vous besoin? Une personne de l'équipe va lire.")


def text_only(media: str | None) -> Text:
    return _("Je peux lire seulement du texte. Écrivez-moi en mots, ou MENU pour les choix.")


def unknown_command() -> Text:
    return _("Je ne connais pas cette commande. Écrivez MENU pour les choix.")


def empty_message() -> Text:
    return _("Votre message est vide. Écrivez quelques mots, ou MENU pour les choix.")


def opted_out(channel: str = "telegram") -> Text:
    """STOP: the word that brings them back on that channel (by SMS, Twilio's own START)."""
    if channel == "sms":
        return _(
            "C'est fait: vous ne recevrez plus de messages de Relais. Pour revenir, écrivez START."
        )
    return _(
        "C'est fait: vous ne recevrez plus de messages de Relais. Pour revenir, écrivez REPRENDRE."
    )


def opted_in() -> Text:
    return _("Bon retour! Vous recevrez de nouveau nos messages.")


def language_set() -> Text:
    return _("D'accord, je vous écris en français.")


def confirm_erase() -> Reply:
    return Reply(
        _(
            "Voulez-vous effacer tout ce que Relais garde sur vous (messages et demandes)? "
            "Répondez OUI ou NON."
        ),
        YES_NO,
    )


def erased() -> Text:
    return _("C'est effacé. Si vous nous écrivez de nouveau, ce sera un nouveau début.")


def erase_cancelled() -> Text:
    return _("Rien n'a été effacé.")


def sorry() -> Text:
    return _(
        "Désolé, un problème technique est survenu. Votre message est gardé et une personne "
        "le verra. Urgence: 911."
    )


def claimed_for_citizen(name: str, organization: str) -> Text:
    if organization:
        return _(
            "{name}, de {organization}, a pris votre demande et vous répond ici.",
            name=name,
            organization=organization,
        )
    return _("{name} a pris votre demande et vous répond ici.", name=name)


def signed(text: str, name: str, organization: str) -> Text:
    """A worker's words to a citizen, signed with their first name and organization."""
    if organization:
        return _(
            "{text}\n- {name}, {organization}", text=Raw(text), name=name, organization=organization
        )
    return _("{text}\n- {name}", text=Raw(text), name=name)


def closed_for_citizen() -> Text:
    return _("Votre demande est terminée. Écrivez-nous ici si vous avez besoin de nous.")


def transferred_for_citizen(name: str) -> Text:
    return _("Votre demande est maintenant suivie par {name}.", name=name)


def resource_from_worker(name: str, resource: Text) -> Text:
    """A resource a worker chose for the citizen (bot/resources/commands.py)."""
    return _("{name} vous envoie cette ressource:\n{resource}", name=name, resource=resource)
