"""Why a rota file is refused (`RotaFileError`), for the coordinator; French msgids."""

from __future__ import annotations

from flows.text import Text, _


def several_workers(text: str, found: str) -> Text:
    """A name in the file matches two registered workers."""
    return _("« {text} » correspond à plusieurs intervenants : {found}", text=text, found=found)


def worker_deactivated(name: str) -> Text:
    """The file names a deactivated worker."""
    return _(
        "« {name} » est désactivé·e : réactivez avec : relais workers reactivate {name}, "
        "ou retirez ses quarts du fichier",
        name=name,
    )


def unknown_worker(text: str, close: str | None) -> Text:
    """The file names nobody registered; the closest name if one is close."""
    if close:
        return _(
            "intervenant inconnu « {text} » (vouliez-vous dire « {close} »?); il faut d'abord "
            "inscrire un intervenant actif avec : relais workers add NOM",
            text=text,
            close=close,
        )
    return _(
        "intervenant inconnu « {text} »; il faut d'abord inscrire un intervenant actif avec : "
        "relais workers add NOM",
        text=text,
    )


def bad_start(text: str) -> Text:
    """A start time that is not HH:MM."""
    return _("heure de début « {text} » invalide : écrivez HH:MM, p. ex. 09:00 ou 17:30", text=text)


def bad_end(text: str) -> Text:
    """An end time that is not HH:MM."""
    return _("heure de fin « {text} » invalide : écrivez HH:MM, p. ex. 09:00 ou 17:30", text=text)


def bad_day(text: str) -> Text:
    """A day that is neither a weekday nor a date."""
    return _(
        "jour « {text} » invalide : écrivez lun, mar … dim (ou mon … sun), ou une date AAAA-MM-JJ",
        text=text,
    )


def missing_header(found: str) -> Text:
    """The first row is not worker,day,start,end."""
    return _(
        "en-tête manquant : la première ligne doit être worker,day,start,end (trouvé « {found} »)",
        found=found,
    )


def columns_count(count: int) -> Text:
    """A row with too few cells."""
    return _("attendu worker,day,start,end, trouvé {count} colonne(s)", count=count)


def same_shift(line: int) -> Text:
    """A shift given twice."""
    return _("le même quart qu'à la ligne {line}", line=line)


EMPTY_CSV = _("le fichier est vide : il faut un en-tête worker,day,start,end")
NO_SHIFT = _("aucun quart sous l'en-tête")
EMPTY_FILE = _("le fichier est vide")
NO_DURATION = _("l'événement n'a pas de durée (pas de fin, ou finit quand il commence)")


def not_ical(detail: str) -> Text:
    """Not an iCalendar file."""
    return _("ce n'est pas un fichier iCalendar lisible ({detail})", detail=detail)


def not_vcalendar(name: str) -> Text:
    """An iCalendar file that holds something else."""
    return _("attendu BEGIN:VCALENDAR, trouvé BEGIN:{name}", name=name)


def names_nobody(summary: str) -> Text:
    """An event whose title and attendees name no registered worker."""
    return _(
        "l'événement « {summary} » ne nomme aucun intervenant inscrit (ni dans son titre, ni "
        "parmi les participants)",
        summary=summary,
    )


def unreadable_calendar(detail: str) -> Text:
    """Broken dates, rules or zones."""
    return _("le calendrier est illisible : {detail}", detail=detail)


def no_event(first: str, last: str) -> Text:
    """No event in the horizon."""
    return _("aucun événement entre le {first} et le {last}", first=first, last=last)
