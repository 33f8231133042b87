"""The words of the web chat and kiosk pages (French msgids; English in the catalog).

Page chrome is rendered per request in the page's language; the conversation itself comes
from the outbox, rendered like every other channel.
"""

from __future__ import annotations

from flows.text import Text, _


def chrome(retention_days: int, session_hours: int) -> dict[str, Text]:
    """Every fixed string of the chat page, by template name."""
    return {
        "title": _("Relais: écrire à l'équipe"),
        "intro": _(
            "Relais met en lien les gens de Mercier-Est avec des travailleurs de proximité. "
            "Écrivez ici: une personne de l'équipe vous répond."
        ),
        "kept": _(
            "Ce qui est gardé: vos messages, {days} jours après votre demande. Cette page ne "
            "garde qu'un témoin de session; pas de compte, pas de publicité, pas de pisteur.",
            days=retention_days,
        ),
        "resume": _(
            "Vous pouvez fermer la page: la conversation vous attend ici {hours} heures "
            "sur cet appareil.",
            hours=session_hours,
        ),
        "crisis": _("Besoin d'aide tout de suite?"),
        "call_911": _("Danger: 911"),
        "call_appelle": _("Idées suicidaires: 1 866 APPELLE"),
        "call_811": _("Info-Social: 811 option 2"),
        "quit": _("Quitter vite"),
        "message": _("Votre message"),
        "send": _("Envoyer"),
        "refresh": _("Voir les nouvelles réponses"),
        "you": _("Vous"),
        "team": _("Relais"),
        "choices": _("Vos choix"),
        "sms_title": _("Continuer par texto"),
        "sms_explain": _(
            "Les réponses de l'équipe vous arriveront par texto, même si vous fermez la page."
        ),
        "sms_number": _("Votre numéro de cellulaire"),
        "sms_consent": _("J'accepte de recevoir les messages de Relais par texto à ce numéro."),
        "sms_send": _("Continuer par texto"),
    }


def kiosk_chrome(place: str) -> dict[str, Text]:
    """The fixed strings that a kiosk page adds to the chat's."""
    return {
        "title": _("Kiosque Relais: {place}", place=place),
        "shared": _(
            "Écran partagé: tout s'efface quand vous touchez Terminer, ou après quelques "
            "minutes sans toucher l'écran."
        ),
        "end": _("Terminer"),
        "countdown": _("Cet écran s'efface dans {s} secondes."),
        "stay": _("Continuer"),
        "next": _("Et ensuite?"),
        "callback": _("Une personne me rappelle"),
        "resources": _("Voir une ressource"),
        "places": _("Où rencontrer quelqu'un"),
        "back": _("Retour"),
        "callback_number": _("Votre numéro de téléphone"),
        "callback_consent": _(
            "J'accepte qu'une personne de Relais m'appelle ou m'écrive à ce numéro."
        ),
        "callback_send": _("Me rappeler"),
        "print": _("Imprimer la fiche"),
        "scan": _("Photographiez le code avec votre téléphone, ou imprimez la fiche."),
        "places_none": _("Aucun lieu d'accueil pour le moment."),
        "hours": _("Heures"),
    }


def moved_to_sms(last_digits: str) -> Text:
    """The page's answer once the conversation goes on by SMS."""
    return _(
        "C'est noté. La suite se fait par texto au numéro qui finit par {last}. "
        "Vous pouvez fermer cette page.",
        last=last_digits,
    )


def callback_noted(last_digits: str) -> Text:
    return _(
        "C'est noté: une personne de l'équipe vous rappelle au numéro qui finit par {last}.",
        last=last_digits,
    )


def sms_welcome() -> Text:
    """The first SMS after a web conversation moved to this number."""
    return _(
        "Bonjour! Ici Relais. Votre conversation commencée sur le web continue ici, "
        "par texto. STOP pour ne plus recevoir de messages."
    )


def callback_words() -> Text:
    """What the person's "call me back" says to the worker, as her own message."""
    return _("Je voudrais qu'on me rappelle à ce numéro, s'il vous plaît.")


def bad_number() -> Text:
    return _("Ce numéro ne semble pas valide. Vérifiez-le et réessayez.")


def no_consent() -> Text:
    return _("Cochez la case pour accepter.")


def too_many() -> Text:
    return _("Trop de messages à la fois. Attendez un moment, puis réessayez.")


def expired() -> Text:
    return _("La page a expiré. Rechargez-la, puis réessayez.")


def not_found() -> Text:
    return _("Cette page n'existe pas.")


def goodbye() -> Text:
    return _("Au revoir.")
