"""What the operator reads from `relais backup`, `relais restore`, and a command run where there
is no database, French msgids (see flows/cli_messages.py)."""

from __future__ import annotations

from collections.abc import Mapping

from flows.text import Text, _, n_


def error(reason: Text) -> Text:
    """A backup or restore refused, in one line."""
    return _("erreur : {reason}", reason=reason)


def counts(rows: Mapping[str, int]) -> Text:
    """What the copy holds, from its row counts per table."""
    return _(
        "{citizens}, {workers}, {requests}, {inbound}, {outbox}",
        citizens=n_("{count} citoyen", "{count} citoyens", rows.get("citizens", 0)),
        workers=n_("{count} intervenant", "{count} intervenants", rows.get("workers", 0)),
        requests=n_("{count} demande", "{count} demandes", rows.get("requests", 0)),
        inbound=n_("{count} message reçu", "{count} messages reçus", rows.get("inbound", 0)),
        outbox=n_(
            "{count} message envoyé ou en attente",
            "{count} messages envoyés ou en attente",
            rows.get("outbox", 0),
        ),
    )


def written(path: str, rows: Mapping[str, int]) -> Text:
    """The backup is in place."""
    return _(
        "Copie écrite dans {path} (intégrité vérifiée) : {counts}.", path=path, counts=counts(rows)
    )


def restored(source: str, database: str, rows: Mapping[str, int]) -> Text:
    """The backup replaced the database."""
    return _(
        "{source} remis en place dans {database} (intégrité vérifiée) : {counts}.",
        source=source,
        database=database,
        counts=counts(rows),
    )


def kept_aside(aside: str) -> Text:
    """Where the database the restore replaced is kept."""
    return _("La base remplacée est gardée sous le nom {aside}.", aside=aside)


def no_database(database: str) -> Text:
    """The database to copy is not there."""
    return _("aucune base de données à {database} (RELAIS_DATABASE)", database=database)


def on_postgresql(database: str) -> Text:
    """`relais backup` or `restore` on a PostgreSQL database (the URL shown without password)."""
    return _(
        "{database} est une base PostgreSQL : copiez-la avec pg_dump et remettez-la avec"
        " pg_restore (relais backup et relais restore copient un fichier SQLite)",
        database=database,
    )


def no_file(path: str) -> Text:
    """The file to restore is not there."""
    return _("aucun fichier à {path}", path=path)


def is_folder(path: str) -> Text:
    """The backup's target is a folder."""
    return _("{path} est un dossier : donnez le nom du fichier de la copie", path=path)


def no_folder(folder: str, name: str) -> Text:
    """The backup's target is in a folder that does not exist."""
    return _("aucun dossier {folder} où écrire {name}", folder=folder, name=name)


def is_the_database(path: str) -> Text:
    """The backup's target, or the file to restore, is the database itself."""
    return _("{path} est la base de données elle-même", path=path)


def cannot_write(path: str, reason: str) -> Text:
    """The backup could not be written."""
    return _("impossible d'écrire {path} : {reason}", path=path, reason=reason)


def cannot_open(path: str, reason: str) -> Text:
    """SQLite could not open the file."""
    return _("impossible d'ouvrir {path} : {reason}", path=path, reason=reason)


def copy_failed(reason: str) -> Text:
    """SQLite's backup failed."""
    return _("la copie a échoué : {reason}", reason=reason)


def damaged(path: str, reason: str) -> Text:
    """The file fails the integrity check."""
    return _("{path} est endommagé : {reason}", path=path, reason=reason)


def not_sqlite(path: str, reason: str) -> Text:
    """The file is not a SQLite database."""
    return _(
        "{path} n'est pas une base de données SQLite utilisable ({reason})",
        path=path,
        reason=reason,
    )


def unknown_schema(path: str, version: int, known: int) -> Text:
    """The file's schema is newer than this code (or not a Relais schema at all)."""
    return _(
        "{path} a le schéma {version}; cette version de Relais connaît les schémas 1 à {known}",
        path=path,
        version=version,
        known=known,
    )


def missing_tables(path: str, version: int, tables: str) -> Text:
    """The file lacks tables its schema has."""
    return _(
        "il manque à {path} des tables du schéma {version} : {tables}",
        path=path,
        version=version,
        tables=tables,
    )


def in_use(database: str) -> Text:
    """`relais run` holds the database: a restore would pull it from under the bot."""
    return _(
        "relais run utilise {database} : arrêtez-le d'abord (p. ex. systemctl stop relais)",
        database=database,
    )


def missing_database(database: str) -> Text:
    """A coordinator's command run where there is no database (it would create an empty one)."""
    return _(
        "aucune base de données à {database}. Lancez relais depuis le dossier du .env du bot, "
        "ou donnez à RELAIS_DATABASE le fichier de la base du bot (`relais run` le crée)",
        database=database,
    )
