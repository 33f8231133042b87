"""What the coordinator reads in the terminal (`relais rota`, `relais workers`), French msgids."""

from __future__ import annotations

from flows.text import Raw, Text, _, n_

WEEKDAYS = (_("lun"), _("mar"), _("mer"), _("jeu"), _("ven"), _("sam"), _("dim"))


def error(reason: str | Text | Raw) -> Text:
    """A usage error in one line."""
    return _("erreur : {reason}", reason=reason)


def bad_telegram_id(text: str) -> Text:
    """`relais workers add --telegram` given something else than a numeric user id."""
    return _(
        "--telegram veut le numéro d'utilisateur Telegram (des chiffres), pas « {text} »",
        text=text,
    )


def days_range(most: int) -> Text:
    """`relais simulate --days` out of range (argparse puts "argument --days:" before it)."""
    return _("de 1 à {most} jours", most=most)


def not_a_number(text: str) -> Text:
    """An option that wants a whole number (argparse puts "argument --seed:" before it)."""
    return _("un nombre entier, pas « {text} »", text=text)


def not_a_day(text: str) -> Text:
    """An option that wants a date (argparse puts "argument --start:" before it)."""
    return _("une date AAAA-MM-JJ, pas « {text} »", text=text)


def cannot_read(file: str, reason: str) -> Text:
    """The file could not be opened."""
    return _("erreur : impossible de lire {file} : {reason}", file=file, reason=reason)


def refused(file: str, line: int, reason: str) -> Text:
    """A rota file refused whole, naming the line."""
    return _("erreur : {file} refusé, ligne {line} : {reason}", file=file, line=line, reason=reason)


def replaced(file: str, removed: int, added: int) -> Text:
    """The rota was replaced by the file's shifts."""
    return _(
        "Horaire remplacé par {file} : {removed} quart(s) retiré(s), {added} ajouté(s).",
        file=file,
        removed=removed,
        added=added,
    )


def added(file: str, added: int, present: int) -> Text:
    """The file's shifts were added to the rota; nothing was removed."""
    return _(
        "Ajouté à l'horaire depuis {file} : {added} quart(s) ({present} déjà présent(s)); "
        "rien n'est retiré.",
        file=file,
        added=added,
        present=present,
    )


def would_replace(removed: int) -> Text:
    """Said before the refusal: what replacing would remove."""
    return _("Remplacer l'horaire retirerait {removed} quart(s).", removed=removed)


LOST_HEADER = _(
    "Ces heures n'auraient plus personne de joignable (dans les 4 prochaines semaines) :"
)
LOST_ACCEPTED = _("Ces heures n'ont plus personne de joignable (dans les 4 prochaines semaines) :")
REFUSED_LOST = _(
    "Rien n'a été changé. Pour accepter ces heures sans personne, relancez avec --yes "
    "(ou avec --add pour ajouter à l'horaire sans rien retirer)."
)


def more(count: int) -> Text:
    """The list of spans goes on."""
    return _("  … et {count} autre(s)", count=count)


def one_off(day: str) -> Text:
    """A worker's single dated shift in the summary."""
    return _("1 quart ponctuel le {day}", day=day)


def one_offs(count: int, first: str, last: str) -> Text:
    """A worker's dated shifts in the summary."""
    return _("{count} quarts ponctuels du {first} au {last}", count=count, first=first, last=last)


def calendar_repeats(weeks: int) -> Text:
    """Repeating calendar events keep going: the bot extends them."""
    return n_(
        "Les événements répétés de l'agenda continuent : le bot prolonge l'horaire chaque jour, "
        "{count} semaine à l'avance.",
        "Les événements répétés de l'agenda continuent : le bot prolonge l'horaire chaque jour, "
        "{count} semaines à l'avance.",
        weeks,
    )


def series_until(title: str, until: str) -> Text:
    """A repeating event whose rule ends on a date."""
    return _(
        "Attention : la série « {title} » se termine le {until} (règle de l'agenda).",
        title=title,
        until=until,
    )


def series_count(title: str, count: str) -> Text:
    """A repeating event whose rule ends after a number of times."""
    return _(
        "Attention : la série « {title} » s'arrête après {count} fois (règle de l'agenda).",
        title=title,
        count=count,
    )


def holidays_skipped(days: str) -> Text:
    """Occurrences of repeating events dropped on holidays."""
    return _(
        "Non importés : événements répétés les jours fériés {days}. "
        "Un événement ponctuel ce jour-là en assure la garde.",
        days=days,
    )


def bad_week(text: str) -> Text:
    """`rota show --week` got something that is not a date."""
    return _("erreur : --week « {text} » invalide : donnez une date AAAA-MM-JJ", text=text)


def week_title(day: str, zone: str) -> Text:
    """Heading of `relais rota show`."""
    return _("Horaire, semaine du {day} ({zone})", day=day, zone=zone)


def holiday_note(name: str) -> Text:
    """A holiday in `rota show`."""
    return _(" — férié : {name} (pas de quarts hebdomadaires)", name=name)


NOBODY_ON_DUTY = _("  personne de garde")
ONE_OFF_MARK = _(" (ponctuel)")
NEXT_DAY = _(" (lendemain)")
FULL_DAY = _(" (24 h)")


def clocks_change(hours: str) -> Text:
    """A shift whose real length differs because of a clock change."""
    return _(", {hours} h : changement d'heure", hours=hours)


def now_line(when: str, zone: str) -> Text:
    """First line of `relais rota now`."""
    return _("Maintenant : {when} ({zone})", when=when, zone=zone)


def holiday_today(name: str) -> Text:
    """`rota now` on a holiday."""
    return _(
        "Aujourd'hui est férié ({name}) : les quarts hebdomadaires ne s'appliquent pas.", name=name
    )


def on_duty(who: str) -> Text:
    """Who is on duty now."""
    return _("De garde : {who}", who=who)


def until(name: str, when: str) -> Text:
    """A worker on duty and when their shift ends."""
    return _("{name} (jusqu'à {when})", name=name, when=when)


NOBODY_NOW = _("De garde : personne, hors des heures de garde.")
NOBODY_COUNTED = _(
    "Le bot ne compte personne de garde : personne en quart ne peut recevoir de fiche."
)
NO_CARDS = _(" [ne reçoit pas de fiches : inactif ou Telegram non lié]")
NOBODY_NEXT = _(
    "Prochain : personne n'est prévu (chargez un horaire avec : relais rota import FICHIER)."
)


def next_shift(who: str, when: str) -> Text:
    """The next shift start."""
    return _("Prochain : {who}, à partir du {when}", who=who, when=when)


RETURN_SOON = _(
    "Retour de l'équipe annoncé aux citoyens : dès que possible (aucun quart joignable)."
)


def return_at(when: str) -> Text:
    """What citizens are told about the team's return."""
    return _("Retour de l'équipe annoncé aux citoyens : {when}", when=when)


# --- relais workers -------------------------------------------------------------------


def worker_added(name: str, worker_id: int, role: str, linked: bool) -> Text:
    """A worker was registered."""
    if linked:
        return _(
            "Ajouté : {name} (id {id}, rôle {role}), lié à Telegram.",
            name=name,
            id=worker_id,
            role=role,
        )
    return _(
        "Ajouté : {name} (id {id}, rôle {role}), pas encore lié : voir relais workers invite.",
        name=name,
        id=worker_id,
        role=role,
    )


def is_deactivated(name: str) -> Text:
    """An invite for a deactivated worker."""
    return _("erreur : {name} est désactivé·e : relais workers reactivate {name}", name=name)


def invite_code(name: str, code: str, until: str) -> Text:
    """The one-time code to link a Telegram account."""
    return _(
        "Code d'invitation pour {name} : {code} (usage unique, valide jusqu'au {until}).",
        name=name,
        code=code,
        until=until,
    )


def invite_how(name: str, code: str) -> Text:
    """How the worker uses the code."""
    return _("{name} ouvre le bot dans Telegram et envoie : /start {code}", name=name, code=code)


INVITE_REPLACES = _("Son compte Telegram actuel sera remplacé quand le code sera utilisé.")
STATE_DEACTIVATED = _("désactivé·e")
STATE_LINKED = _("actif·ve, sur Telegram")
STATE_NO_INVITE = _("actif·ve, pas sur Telegram (aucune invitation valide)")


def state_invited(until: str) -> Text:
    """A worker with a live invite."""
    return _("actif·ve, invitation valide jusqu'au {until}", until=until)


NO_WORKERS = _("Aucun intervenant pour l'instant. Ajoutez-en avec : relais workers add NOM")
WORKER_COLUMNS = (_("id"), _("nom"), _("rôle"), _("organisme"), _("langues"), _("état"))


def no_worker(name: str) -> Text:
    """No worker has this name."""
    return _("erreur : aucun intervenant nommé « {name} » (voir relais workers list)", name=name)


def deactivated(name: str, worker_id: int) -> Text:
    """A worker was deactivated."""
    return _(
        "{name} désactivé·e (id {id}) : ses quarts sont ignorés et ne reçoit plus de demandes.",
        name=name,
        id=worker_id,
    )


def requeued(count: int, aliases: str) -> Text:
    """Open cases put back in the queue after a deactivation."""
    return n_(
        "{count} demande ouverte remise en file ({aliases}) : le bot en marche l'envoie aux "
        "intervenants de garde d'ici une minute.",
        "{count} demandes ouvertes remises en file ({aliases}) : le bot en marche les envoie "
        "aux intervenants de garde d'ici une minute.",
        count,
        aliases=aliases,
    )


def reactivated(name: str, worker_id: int) -> Text:
    """A worker was reactivated."""
    return _("{name} réactivé·e (id {id}).", name=name, id=worker_id)


# --- relais report ---------------------------------------------------------------------


def bad_date_option(option: str, text: str) -> Text:
    """--from or --to is not a date."""
    return _(
        "erreur : {option} « {text} » invalide : donnez une date AAAA-MM-JJ",
        option=option,
        text=text,
    )


def from_after_to(first: str, last: str) -> Text:
    """The period ends before it starts."""
    return _("erreur : --from {first} est après --to {last}", first=first, last=last)


NOBODY_AT_NIGHT = _(
    "ATTENTION : aucune personne d'astreinte ni coordination ne peut recevoir de fiche (active, "
    "Telegram relié) : la nuit, les demandes urgentes n'atteindront personne. Ajoutez-en une avec "
    "`relais workers add NOM --role oncall` et reliez-la avec `relais workers invite NOM`."
)


# ---- `relais run`: what the operator reads at start -------------------------------------------


def telegram_on(webhook: bool) -> Text:
    """Telegram is on, in webhook or long-polling mode."""
    if webhook:
        return _("Telegram : activé (webhook)")
    return _("Telegram : activé (long polling)")


TELEGRAM_OFF = _("Telegram : désactivé (définissez TELEGRAM_BOT_TOKEN pour l'activer)")


def sms_on(url: str) -> Text:
    """SMS is on; Twilio posts to this address."""
    return _("SMS : activé ({url})", url=url)


SMS_OFF = _(
    "SMS : désactivé (définissez TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN et TWILIO_PHONE_NUMBER "
    "pour l'activer)"
)


def listening(url: str) -> Text:
    """The HTTP server is up."""
    return _("HTTP : à l'écoute sur {url}", url=url)


EXAMPLE_DIRECTORY = _(
    "Ressources : le répertoire d'exemple fictif est utilisé; importez le vrai avec "
    "`relais resources import FICHIER`"
)


CRISIS_PATTERNS_CHOSEN = _("Lecteur de crise : motifs seulement (RELAIS_CRISIS_READER=patterns)")
CRISIS_MODEL_MISSING = _(
    "Lecteur de crise : motifs seulement (le modèle de phrases n'est pas installé)"
)
CRISIS_MODEL_LOADING = _(
    "Lecteur de crise : motifs + modèle de phrases (chargement en arrière-plan)"
)
