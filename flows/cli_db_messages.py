"""What the operator reads from `relais db copy`, French msgids (see flows/cli_messages.py).

Places are shown as given, a PostgreSQL URL without its password; nothing here ever holds a
row's values: tables are named, rows counted."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text import Text, _, n_


def error(reason: Text) -> Text:
    """The copy refused or failed, in one line."""
    return _("erreur : {reason}", reason=reason)


def no_source(source: str) -> Text:
    """Nothing to copy where FROM points."""
    return _("aucune base de données Relais à {source} : rien à copier", source=source)


def not_relais(source: str) -> Text:
    """FROM is a database, but not one Relais made (no migration applied)."""
    return _(
        "{source} n'est pas une base de données Relais (aucune migration appliquée)",
        source=source,
    )


def cannot_open(where: str, reason: str) -> Text:
    """A database could not be opened or reached."""
    return _("impossible d'ouvrir {path} : {reason}", path=where, reason=reason)


def same_database(where: str) -> Text:
    """FROM and TO are the same database."""
    return _("{where} est à la fois la source et la destination de la copie", where=where)


def no_folder(folder: str) -> Text:
    """TO is a file in a folder that does not exist."""
    return _("le dossier {folder} n'existe pas : créez-le d'abord", folder=folder)


def not_empty(target: str, tables: Mapping[str, int]) -> Text:
    """TO already holds rows: the copy goes into a new or empty database only."""
    listed = ", ".join(f"{name} ({count})" for name, count in sorted(tables.items()))
    return _(
        "{target} contient déjà des données ({tables}) : la copie se fait vers une base "
        "neuve ou vide, rien n'a été écrit",
        target=target,
        tables=listed,
    )


def sessions_open(where: str, count: int) -> Text:
    """Relais processes are connected to a PostgreSQL database of the copy."""
    return n_(
        "{count} connexion de Relais est ouverte sur {where} : arrêtez relais run et les "
        "commandes relais qui l'utilisent, puis recommencez",
        "{count} connexions de Relais sont ouvertes sur {where} : arrêtez relais run et les "
        "commandes relais qui l'utilisent, puis recommencez",
        count,
        where=where,
    )


def busy(where: str) -> Text:
    """Another process kept a database locked."""
    return _("{where} est occupée par un autre processus : arrêtez relais run d'abord", where=where)


def newer_schema(where: str, version: int, known: int) -> Text:
    """A database has migrations this version of Relais does not know."""
    return _(
        "{where} est à la migration {version}, plus récente que cette version de Relais "
        "(migration {known}) : mettez Relais à jour d'abord",
        where=where,
        version=version,
        known=known,
    )


def migrated(where: str, before: int, after: int) -> Text:
    """FROM was opened as Relais opens it, which brought it to the latest migration."""
    return _(
        "{where} était à la migration {before} : mise à jour à la migration {after} avant la "
        "copie (comme relais run le ferait).",
        where=where,
        before=before,
        after=after,
    )


def schema_differs(table: str) -> Text:
    """The two schemas do not have the same table or columns."""
    return _(
        "la table {table} n'a pas les mêmes colonnes des deux côtés : rien n'a été copié",
        table=table,
    )


def unconvertible(table: str, column: str, kind: str) -> Text:
    """A source value that the target's column cannot hold."""
    return _(
        "la colonne {table}.{column} contient une valeur que la destination ne peut pas garder "
        "(type {kind}) : rien n'a été copié",
        table=table,
        column=column,
        kind=kind,
    )


def write_failed(table: str, reason: str) -> Text:
    """The target refused rows of a table."""
    return _(
        "la destination a refusé des lignes de {table} ({reason}) : rien n'a été copié",
        table=table,
        reason=reason,
    )


def broken_references(source: str, tables: str) -> Text:
    """The SQLite source has rows pointing at rows that are gone."""
    return _(
        "{source} a des lignes dont la référence n'existe plus (tables {tables}) ; "
        "PostgreSQL les refuserait : rien n'a été copié",
        source=source,
        tables=tables,
    )


def mismatch(tables: str) -> Text:
    """The verification after the copy found a difference: the copy was rolled back."""
    return _(
        "les comptes diffèrent après la copie (tables {tables}) : copie annulée, rien n'a été "
        "écrit",
        tables=tables,
    )


def summary(rows: Mapping[str, int]) -> Text:
    """The main figures of what was copied."""
    return _(
        "{citizens}, {workers}, {requests}, {resources}",
        citizens=n_("{count} citoyen", "{count} citoyens", rows.get("citizens", 0)),
        workers=n_("{count} intervenant", "{count} intervenants", rows.get("workers", 0)),
        requests=n_("{count} demande", "{count} demandes", rows.get("requests", 0)),
        resources=n_("{count} ressource", "{count} ressources", rows.get("resources", 0)),
    )


def copied(source: str, target: str, rows: Mapping[str, int]) -> Text:
    """The copy is committed and verified."""
    return _(
        "Copie terminée de {source} vers {target} : {summary} ; {total}, comptes vérifiés.",
        source=source,
        target=target,
        summary=summary(rows),
        total=n_(
            "{count} ligne dans {tables} tables",
            "{count} lignes dans {tables} tables",
            sum(rows.values()),
            tables=len(rows),
        ),
    )
