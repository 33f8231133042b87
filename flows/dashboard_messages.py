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


def menu_entry() -> Text:
    """The command's line in Telegram's "/" menu."""
    return _("Lien vers le tableau de bord")


def cli_help() -> Text:
    return _("tableau de bord web: lien de connexion")


def cli_link_help() -> Text:
    return _("afficher un lien de connexion à usage unique pour cet intervenant")


def minutes_waiting(minutes: int) -> Text:
    return n_("{count} minute", "{count} minutes", minutes)
