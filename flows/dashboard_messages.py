"""The words of the dashboard (/tableau) for workers and coordinators (French msgids; English in
the catalog): the layout, the sign-in, the cases board, the case page, assignment, and the
`/tableau` command's answer. The coordinator's own pages have theirs in
flows/dashboard_admin_messages.py."""

from __future__ import annotations

from flows.text import Text, _, n_

# The navigation: path → label; all but the cases are for coordinators only.
NAV = (
    ("/tableau", _("Dossiers"), False),
    ("/tableau/horaire", _("Horaire"), True),
    ("/tableau/intervenants", _("Intervenants"), True),
    ("/tableau/lieux", _("Lieux"), True),
    ("/tableau/repertoire", _("Répertoire"), True),
    ("/tableau/bilan", _("Bilan"), True),
)


def layout() -> dict[str, Text]:
    """The fixed strings of every page (layout.html)."""
    return {
        "site": _("Relais: tableau de bord"),
        "nav": _("Navigation du tableau de bord"),
        "skip": _("Aller au contenu"),
        "signed_in_as": _("Connecté·e:"),
        "coordinator": _("coordination"),
        "sign_out": _("Se déconnecter"),
        "language": _("Langue"),
    }


# ---- sign-in ----------------------------------------------------------------------------


def sign_in() -> dict[str, Text]:
    """The page of a sign-in link (GET): one button, so that link previewers use nothing."""
    return {
        "title": _("Entrer dans le tableau de bord"),
        "intro": _("Ce lien est personnel et ne sert qu'une fois."),
        "enter": _("Entrer"),
    }


def sign_in_help() -> dict[str, Text]:
    """The page shown to a browser without a session (or with a used or expired link)."""
    return {
        "title": _("Entrer dans le tableau de bord"),
        "how": _(
            "Pour entrer, envoyez /tableau au bot Relais dans Telegram: il vous répond avec un "
            "lien personnel, valable 10 minutes, qui ne sert qu'une fois."
        ),
        "first": _(
            "Pas encore de compte Telegram lié? La coordination peut vous donner un lien avec "
            "la commande « relais dashboard link VOTRE NOM »."
        ),
    }


def link_spent() -> Text:
    return _("Ce lien a déjà servi ou a expiré. Demandez-en un nouveau avec /tableau.")


def signed_out() -> Text:
    return _("Vous êtes déconnecté·e. À bientôt.")


def forbidden() -> Text:
    return _("Cette page n'est pas accessible avec votre rôle.")


def expired_form() -> Text:
    return _("Le formulaire a expiré. Rechargez la page, puis réessayez.")


def not_found() -> Text:
    return _("Cette page n'existe pas.")


def too_large() -> Text:
    return _("Ce qui a été envoyé est trop gros.")


def back_to_board() -> Text:
    return _("Retour aux dossiers")


# ---- the /tableau command and `relais dashboard link` -----------------------------------


def link_message(url: str, minutes: int) -> Text:
    """The bot's answer to /tableau: the personal link."""
    return _(
        "Votre lien vers le tableau de bord (personnel, valable {minutes} minutes, un seul "
        "usage):\n{url}",
        minutes=minutes,
        url=url,
    )


def link_line(name: str, url: str, minutes: int) -> Text:
    """`relais dashboard link NAME` prints this."""
    return _(
        "Lien de connexion de {name} (valable {minutes} minutes, un seul usage):\n{url}",
        name=name,
        minutes=minutes,
        url=url,
    )


def unknown_worker(name: str) -> Text:
    return _("Aucun intervenant actif ne s'appelle « {name} ».", name=name)


def help_line() -> Text:
    """The /aide line of the command, for workers and coordinators."""
    return _("/tableau — recevoir un lien vers le tableau de bord (dossiers, historique)")


def cli_help() -> Text:
    return _("tableau de bord web : lien de connexion")


def cli_link_help() -> Text:
    return _("afficher un lien de connexion à usage unique pour cet intervenant")


def minutes_waiting(minutes: int) -> Text:
    return n_("{count} minute", "{count} minutes", minutes)


# ---- assignment (told to workers in Telegram) -------------------------------------------


def assigned_to_you(alias: str, by: str) -> Text:
    """The worker a coordinator gave a case to, in Telegram."""
    return _("{by} (coordination) vous confie {alias}.", alias=alias, by=by)


def assigned_away(alias: str, to: str, by: str) -> Text:
    """The worker who had the case, in Telegram."""
    return _("{by} (coordination) a confié {alias} à {to}.", alias=alias, to=to, by=by)


def assigned(alias: str, to: str) -> Text:
    """The coordinator's page after assigning."""
    return _("{alias} est confié à {to}. Elle ou il l'a reçu dans Telegram.", alias=alias, to=to)


def assign_refused(refusal: str) -> Text:
    """Why an assignment was not made."""
    if refusal == "closed":
        return _("Ce dossier est fermé: il ne peut plus être confié.")
    if refusal == "taken":
        return _("Cette personne a déjà ce dossier.")
    return _("Ce dossier ne peut pas être confié à cette personne.")


def changed_meanwhile() -> Text:
    return _("Le dossier a changé entre-temps. Voici son état actuel.")


# ---- the cases board --------------------------------------------------------------------


def board() -> dict[str, Text]:
    """The fixed strings of the board."""
    return {
        "title": _("Dossiers"),
        "urgent": _("Urgentes en attente"),
        "escalated": _("En attente depuis longtemps"),
        "waiting": _("En attente"),
        "claimed": _("Pris en charge"),
        "mine": _("Mes dossiers"),
        "none": _("Aucun."),
        "updated": _("Mis à jour à"),
        "refresh": _("Actualiser"),
        "auto": _("La page se met à jour toute seule toutes les 20 secondes."),
        "open": _("Ouvrir le dossier"),
        "assign_to": _("Confier à"),
        "assign": _("Confier"),
        "urgent_badge": _("Urgent"),
        "escalated_badge": _("Relancé"),
        "queue_note": _(
            "Vous voyez la file d'attente et vos dossiers; la coordination voit tous les dossiers."
        ),
    }


def waiting_for(minutes: int) -> Text:
    """How long a case has waited (or been held), on its card."""
    if minutes < 60:
        return n_("en attente depuis {count} minute", "en attente depuis {count} minutes", minutes)
    return _(
        "en attente depuis {hours} h {minutes}", hours=minutes // 60, minutes=f"{minutes % 60:02d}"
    )


def held_for(name: str, minutes: int) -> Text:
    if minutes < 60:
        return n_(
            "pris par {name} il y a {count} minute",
            "pris par {name} il y a {count} minutes",
            minutes,
            name=name,
        )
    return _(
        "pris par {name} il y a {hours} h {minutes}",
        name=name,
        hours=minutes // 60,
        minutes=f"{minutes % 60:02d}",
    )


def escalations(count: int) -> Text:
    return n_("relancé {count} fois", "relancé {count} fois", count)


def on_duty_mark(name: str) -> Text:
    """A worker in the assignment list who is on duty now."""
    return _("{name} (de garde)", name=name)


# ---- the case page ----------------------------------------------------------------------


def case_page() -> dict[str, Text]:
    """The fixed strings of a case's page."""
    return {
        "status": _("État"),
        "channel": _("Canal"),
        "language": _("Langue"),
        "opened": _("Ouvert"),
        "holder": _("Suivi par"),
        "nobody": _("personne encore"),
        "source": _("Origine"),
        "messages": _("Messages"),
        "from_citizen": _("La personne"),
        "to_citizen": _("Relais ou l'intervenant·e"),
        "no_messages": _("Aucun message gardé (effacés après la période de conservation)."),
        "kept": _("Les messages sont gardés pendant la période de conservation, puis effacés."),
        "notes": _("Notes privées"),
        "no_notes": _("Aucune note."),
        "check_ins": _("Suivis"),
        "no_check_ins": _("Aucun suivi prévu."),
        "appointments": _("Rendez-vous"),
        "no_appointments": _("Aucun rendez-vous."),
        "trail": _("Historique du dossier"),
        "no_trail": _("Rien d'inscrit."),
        "assign_title": _("Confier ce dossier"),
        "assign_to": _("Confier à"),
        "assign": _("Confier"),
        "assign_help": _(
            "La personne choisie reçoit le dossier dans Telegram, avec les messages et les notes;"
            " celle qui l'avait est avertie."
        ),
        "no_one": _("Aucun intervenant actif lié à Telegram."),
        "not_sent": _("pas encore envoyé"),
        "failed": _("non remis"),
        "back": _("Retour aux dossiers"),
        "escalations": _("Relances"),
        "urgent_badge": _("Urgent"),
    }


STATUSES = {
    "waiting": _("en attente"),
    "claimed": _("pris en charge"),
    "closed": _("fermé"),
}
SOURCES = {
    "citizen": _("la personne a écrit"),
    "checkin": _("réponse à un suivi"),
    "campaign": _("réponse à une campagne"),
}
CHECK_IN_STATUSES = {
    "pending": _("prévu"),
    "sent": _("envoyé, sans réponse pour l'instant"),
    "answered": _("répondu"),
    "unanswered": _("sans réponse"),
    "cancelled": _("annulé"),
}
CHECK_IN_ANSWERS = {
    "ok": _("tout va bien"),
    "talk": _("veut parler à quelqu'un"),
    "message": _("a écrit un message"),
}
APPOINTMENT_STATUSES = {
    "proposed": _("proposé"),
    "confirmed": _("confirmé"),
    "declined": _("refusé"),
    "cancelled": _("annulé"),
}


def trail_line(action: str, actor: str | None, target: str | None) -> Text:
    """One line of a case's history, from its audit entry."""
    someone = actor or "?"
    lines = {
        "request.opened": _("Demande ouverte"),
        "request.urgent": _("Marquée urgente"),
        "request.escalated": _("Relancée: personne ne l'avait prise"),
        "request.claimed": _("Prise par {name}", name=someone),
        "request.transferred": _("Transférée par {name} à {to}", name=someone, to=target or "?"),
        "request.assigned": _("Confiée par {name} à {to}", name=someone, to=target or "?"),
        "request.requeued": _("Remise en attente"),
        "request.closed": _("Fermée par {name}", name=someone),
        "note.added": _("Note ajoutée par {name}", name=someone),
        "followup.scheduled": _("Suivi prévu par {name}", name=someone),
        "followup.sent": _("Suivi envoyé"),
        "followup.answered": _("Suivi répondu"),
        "followup.unanswered": _("Suivi sans réponse"),
        "followup.cancelled": _("Suivi annulé"),
        "appointment.proposed": _("Rendez-vous proposé par {name}", name=someone),
        "appointment.cancelled": _("Rendez-vous annulé"),
        "resource.sent": _("Ressource envoyée par {name}", name=someone),
        "case.refused": _("Action refusée à {name}", name=someone),
        "citizen.opt_out": _("La personne a demandé STOP"),
        "citizen.opt_in": _("La personne est revenue (START)"),
    }
    return lines.get(action, _("Autre événement"))
