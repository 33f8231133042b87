"""What the coordinator reads from `relais resources` and `relais places`, French msgids."""

from __future__ import annotations

from flows.text import Text, _


def nothing_imported(reason: str) -> Text:
    """A directory or places file refused whole."""
    return _("erreur : {reason} (rien n'a été importé)", reason=reason)


def cannot_open(path: str, reason: str) -> Text:
    """A file that cannot be read."""
    return _("erreur : {path} : {reason}", path=path, reason=reason)


def imported(source: str, kind: str, added: int, updated: int, removed: int, same: int) -> Text:
    """A resource directory was imported."""
    return _(
        "Importé {source} ({kind}) : {added} ajoutées, {updated} mises à jour, "
        "{removed} retirées, {same} inchangées.",
        source=source, kind=kind, added=added, updated=updated, removed=removed, same=same,
    )  # fmt: skip


def left_out(count: int) -> Text:
    """Inactive services not imported."""
    return _("Laissés de côté : {count} services inactifs ou disparus.", count=count)


def example_loaded(source: str) -> Text:
    """The fictitious example directory is still there."""
    return _(
        "Le répertoire d'exemple fictif est encore chargé : relais resources remove {source}",
        source=source,
    )


SEARCH_NEEDS = _("erreur : donnez des mots ou --category")
NO_RESOURCE = _("Aucune ressource trouvée.")
DIRECTORY_EMPTY = _("Le répertoire est vide : relais resources import CHEMIN")
FICTITIOUS = _("  (exemple fictif)")


def source_count(source: str, count: int) -> Text:
    """One source of the directory."""
    return _("{source} : {count} ressources", source=source, count=count)


def no_source(source: str) -> Text:
    """Removing a source that has no resources."""
    return _(
        "erreur : aucune ressource ne vient de « {source} » : voir relais resources sources",
        source=source,
    )


def removed_source(count: int, source: str) -> Text:
    """A source's resources were removed."""
    return _("{count} ressources de {source} retirées.", count=count, source=source)


# --- places ----------------------------------------------------------------------------


def bad_windows(reason: str) -> Text:
    """--windows could not be read."""
    return _("erreur : --windows : {reason}", reason=reason)


def place_saved(place_id: int, created: bool) -> Text:
    """A place was added or updated."""
    if created:
        return _("Lieu {id} ajouté.", id=place_id)
    return _("Lieu {id} mis à jour.", id=place_id)


NO_PLACE_YET = _("Aucun lieu accueillant pour l'instant : relais places add / relais places import")


def withdrawn_on(day: str) -> Text:
    """A withdrawn place in the list."""
    return _("  (retiré le {day})", day=day)


def places_imported(name: str, added: int, updated: int) -> Text:
    """A places CSV was imported."""
    return _(
        "Importé {name} : {added} ajoutés, {updated} mis à jour.",
        name=name,
        added=added,
        updated=updated,
    )


def no_place(key: str) -> Text:
    """Withdrawing a place that does not exist."""
    return _("erreur : aucun lieu « {key} » : voir relais places list --all", key=key)


def several_places(key: str, ids: str) -> Text:
    """Withdrawing by a name several places share."""
    return _(
        "erreur : plusieurs lieux s'appellent « {key} » : donnez le numéro ({ids})",
        key=key,
        ids=ids,
    )


def place_withdrawn(place_id: int, name: str) -> Text:
    """A place was withdrawn."""
    return _("Lieu {id} retiré ({name}).", id=place_id, name=name)


def meetings_to_move(count: int, ids: str) -> Text:
    """Planned meetings at a withdrawn place."""
    return _(
        "{count} rendez-vous prévus là-bas doivent changer de lieu : {ids}", count=count, ids=ids
    )


MEETINGS_CANCELLED = _(
    "Ils sont annulés; les intervenants et les citoyens sont prévenus au prochain passage du bot "
    "(d'ici une minute pendant que `relais run` tourne)."
)
