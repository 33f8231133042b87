"""What the coordinator reads from `relais kiosk`, French msgids (see flows/cli_messages.py)."""

from __future__ import annotations

from flows.text import Text, _

BAD_SLUG = _("erreur : SLUG : minuscules, chiffres et tirets (p. ex. caisse-mercier)")
NO_KIOSK_YET = _('Aucune borne pour l\'instant : relais kiosk add SLUG "NOM"')


def added(slug: str, name: str, url: str) -> Text:
    """The kiosk was added or renamed."""
    return _("Borne {slug} : {name} à {url}", slug=slug, name=name, url=url)


def listed(slug: str, name: str, url: str) -> Text:
    """One kiosk of `relais kiosk list`."""
    return _("{slug} : {name} à {url}", slug=slug, name=name, url=url)


def no_such_kiosk(slug: str) -> Text:
    """`relais kiosk remove` of a slug that is not there."""
    return _("erreur : aucune borne {slug}", slug=slug)


def removed(slug: str) -> Text:
    """The kiosk was removed: its page answers 404."""
    return _("Borne {slug} retirée.", slug=slug)
