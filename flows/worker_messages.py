"""What workers read in Telegram: request cards, case updates, command answers (French msgids)."""

from __future__ import annotations

from flows.text import Text, When, _

INTERVENTION_TYPES = {
    "ecoute": _("Écoute active"),
    "info": _("Information et référence"),
    "accomp": _("Accompagnement"),
    "suivi": _("Suivi"),
    "crise": _("Gestion de crise"),
    "autre": _("Autre"),
}
PROFILES = {
    "famille": _("Famille"),
    "couple": _("Couple sans enfants"),
    "seul": _("Personne seule"),
    "aine": _("Aîné ou aînée"),
    "inconnu": _("Inconnu"),
}
CHANNELS = {"sms": "SMS", "telegram": "Telegram", "web": "Web"}


def channel_label(channel: str) -> Text | str:
    """How a card names the channel: "SMS", "Web", or "Kiosque — <place>" for a kiosk."""
    if channel.startswith("kiosk:"):
        return _("Kiosque — {place}", place=channel.removeprefix("kiosk:"))
    return CHANNELS.get(channel, channel)


def card(alias: str, channel: str, language: str, urgent: bool, first_words: str) -> Text:
    """A new request, as the on-duty workers see it."""
    if urgent:
        return _(
            "URGENT - Nouvelle demande {alias} ({channel}, {language})\n« {words} »",
            alias=alias,
            channel=channel_label(channel),
            language=language.upper(),
            words=_preview(first_words),
        )
    return _(
        "Nouvelle demande {alias} ({channel}, {language})\n« {words} »",
        alias=alias,
        channel=channel_label(channel),
        language=language.upper(),
        words=_preview(first_words),
    )


def became_urgent(alias: str) -> Text:
    """The citizen of a case chose "Aide urgente" or wrote words of distress."""
    return _(
        "URGENT - {alias}: la personne demande de l'aide urgente. "
        "Elle a reçu les lignes de crise (911, 1 866 APPELLE, 811).",
        alias=alias,
    )


def _preview(words: str, limit: int = 200) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


TAKE = _("Prendre en charge")


def taken_by(alias: str, name: str) -> Text:
    return _("{alias} a été pris par {name}.", alias=alias, name=name)


def card_taken(alias: str, name: str, first_words: str) -> Text:
    """A card once claimed: who took it, and the citizen's words stay (no button)."""
    return _(
        "{alias} a été pris par {name}.\n« {words} »",
        alias=alias,
        name=name,
        words=_preview(first_words),
    )


def you_took(alias: str) -> Text:
    return _(
        "Vous avez pris {alias}. Répondez à ses messages pour écrire à la personne; "
        "/fin pour fermer le dossier.",
        alias=alias,
    )


def already_taken(alias: str, name: str) -> Text:
    return _("{alias} est déjà pris par {name}.", alias=alias, name=name)


def already_closed(alias: str) -> Text:
    return _("{alias} est déjà fermé.", alias=alias)


def history_line(alias: str, text: str) -> Text:
    return _("{alias}: {text}", alias=alias, text=text)


def citizen_media(alias: str, media: str) -> Text:
    return _(
        "{alias}: (la personne a envoyé un fichier: {media}; il n'est pas relayé)",
        alias=alias,
        media=media,
    )


def which_case() -> Text:
    return _(
        "À quel dossier? Répondez (glisser vers la droite) à un message du dossier, "
        "ou voyez /dossiers."
    )


def no_case() -> Text:
    return _("Vous n'avez aucun dossier ouvert. Les nouvelles demandes arrivent ici.")


def case_line(alias: str, channel: str, since: When, words: str) -> Text:
    return _(
        "{alias} ({channel}) depuis {since}: « {words} »",
        alias=alias,
        channel=channel_label(channel),
        since=since,
        words=_preview(words, 60),
    )


def cases_header(count: int) -> Text:
    from flows.text import n_

    return n_("Votre dossier ouvert:", "Vos {count} dossiers ouverts:", count)


def opted_out_refusal(alias: str) -> Text:
    return _(
        "Message non envoyé: la personne de {alias} a demandé de ne plus recevoir de "
        "messages (STOP). Elle peut revenir en écrivant REPRENDRE.",
        alias=alias,
    )


def erased_refusal(alias: str) -> Text:
    return _("Message non envoyé: la personne de {alias} a effacé ses données.", alias=alias)


def erased_message(alias: str) -> Text:
    """What a worker's earlier message about a case becomes when its person erases her data."""
    return _("{alias}: effacé à la demande de la personne.", alias=alias)


def expired_message(alias: str) -> Text:
    """What a worker's message about a case becomes when its retention period is over."""
    return _("{alias}: effacé, la durée de conservation est passée.", alias=alias)


def case_erased(alias: str) -> Text:
    """To the worker of a case whose person sent OUBLIER and confirmed."""
    return _(
        "{alias}: la personne a effacé ses données. Le dossier est fermé; ses messages, "
        "les vôtres et vos notes sont effacés. Il ne reste que des chiffres anonymes.",
        alias=alias,
    )


def choose_type(alias: str) -> Text:
    return _("Fermer {alias}: quel type d'intervention?", alias=alias)


def choose_profile(alias: str) -> Text:
    return _("{alias}: quel profil?", alias=alias)


def closed(alias: str) -> Text:
    return _("{alias} est fermé. Merci!", alias=alias)


def note_added(alias: str) -> Text:
    return _("Note ajoutée à {alias} (visible seulement par l'équipe).", alias=alias)


def notes_usage() -> Text:
    return _("Écrivez /notes en réponse à un message du dossier, ou /notes #A7.")


def note_usage() -> Text:
    return _("Écrivez /note suivi du texte, en réponse à un message du dossier.")


def transfer_usage() -> Text:
    return _("Écrivez /transferer NOM, en réponse à un message du dossier.")


def unknown_worker(name: str) -> Text:
    return _("Je ne trouve pas d'intervenant actif nommé {name}.", name=name)


def transferred_to_you(alias: str, by: str) -> Text:
    return _("{by} vous a transféré {alias}.", alias=alias, by=by)


def transferred(alias: str, to: str) -> Text:
    return _("{alias} est transféré à {to}.", alias=alias, to=to)


def transfer_which(alias: str, name: str) -> Text:
    return _(
        "Plusieurs intervenants s'appellent {name}: à qui transférer {alias}?",
        alias=alias,
        name=name,
    )


def case_history(alias: str, lines: str) -> Text:
    """What was said on a case, for the worker it is transferred to."""
    return _("Historique de {alias}:\n{lines}", alias=alias, lines=lines)


def history_from_citizen(when: When, text: str) -> Text:
    return _("{when}, la personne: {text}", when=when, text=_preview(text, 300))


def history_to_citizen(when: When, text: str) -> Text:
    return _("{when}, Relais: {text}", when=when, text=_preview(text, 300))


def notes_header(alias: str, count: int) -> Text:
    from flows.text import n_

    return n_(
        "Note de {alias} (visible seulement par l'équipe):",
        "{count} notes de {alias} (visibles seulement par l'équipe):",
        count,
        alias=alias,
    )


def note_line(when: When, author: str, body: str) -> Text:
    return _("{when}, {author}: {body}", when=when, author=author or "?", body=_preview(body, 500))


def no_notes(alias: str) -> Text:
    return _("{alias} n'a aucune note. /note TEXTE pour en ajouter une.", alias=alias)


def earlier_notes(alias: str, lines: str) -> Text:
    """Notes of this citizen's earlier cases, with a case that reopens."""
    return _(
        "Notes des dossiers précédents de la personne ({alias}):\n{lines}", alias=alias, lines=lines
    )


def citizen_status(alias: str, status: str) -> Text:
    """The citizen of an open case opted out (STOP), came back (START) or erased her data."""
    if status == "stop":
        return _(
            "{alias}: la personne a écrit STOP; elle ne reçoit plus de messages. Le dossier "
            "reste à vous; si elle écrit REPRENDRE, on vous avisera.",
            alias=alias,
        )
    if status == "start":
        return _(
            "{alias}: la personne accepte de nouveau les messages; vous pouvez lui écrire.",
            alias=alias,
        )
    return _("{alias}: la personne a effacé ses données (OUBLIER).", alias=alias)


def sms_segments(alias: str, count: int, folded: int) -> Text:
    """Worker words that force UCS-2 on SMS: how many SMS, and the accent-free choice."""
    from flows.text import n_

    return n_(
        "{alias}: ce message partira en {count} SMS à cause d'un caractère accentué "
        "que les SMS simples ne connaissent pas. Sans accents: {folded} SMS.",
        "{alias}: ce message partira en {count} SMS à cause d'un caractère accentué "
        "que les SMS simples ne connaissent pas. Sans accents: {folded} SMS.",
        count,
        alias=alias,
        folded=folded,
    )


def checkin_segments(count: int, folded: int) -> Text:
    """A check-in's words that one accented character makes dearer by SMS."""
    return _(
        "Ce suivi partira en {count} SMS à cause d'un caractère accentué; sans accents: "
        "{folded} SMS.",
        count=count,
        folded=folded,
    )


def checkin_folded(count: int) -> Text:
    from flows.text import n_

    return n_(
        "C'est noté: le suivi partira sans accents.",
        "C'est noté: les {count} suivis partiront sans accents.",
        count,
    )


def send_as_is(count: int) -> Text:
    return _("Envoyer tel quel ({count} SMS)", count=count)


def send_folded(count: int) -> Text:
    return _("Envoyer sans accents ({count} SMS)", count=count)


def sms_gone() -> Text:
    return _("Ce message a déjà été envoyé ou n'est plus en attente.")


def worker_help() -> Text:
    return _(
        "Commandes: /dossiers (mes dossiers), /fin (fermer), /note TEXTE (note privée), "
        "/notes (lire les notes), "
        "/transferer NOM, /ressource MOTS (envoyer une ressource), /rdv (proposer un "
        "rendez-vous; /rdv annuler), /suivi (relance). Pour écrire à une personne, "
        "répondez à un message de son dossier."
    )


def linked(name: str) -> Text:
    return _(
        "Bienvenue {name}! Votre compte Telegram est lié à Relais. "
        "Les demandes de vos quarts de garde arriveront ici.",
        name=name,
    )


def bad_code() -> Text:
    return _("Ce code n'est pas valide ou a expiré. Demandez un nouveau code à la coordination.")


def too_many_codes() -> Text:
    return _("Trop d'essais. Réessayez dans une heure.")


def deactivated() -> Text:
    return _("Votre accès à Relais est désactivé. Parlez à la coordination.")


def text_only_worker() -> Text:
    return _("Seul le texte est relayé à la personne.")


def not_allowed() -> Text:
    return _("Cette action n'est pas permise.")


def failure_reason(opted_out: bool, unreachable: bool) -> Text:
    if opted_out:
        return _("la personne a bloqué Relais ou écrit STOP")
    if unreachable:
        return _("ce numéro ne reçoit pas de textos")
    return _("le service d'envoi a refusé le message")


def not_delivered(alias: str, reason: Text) -> Text:
    return _("Message non livré à {alias}: {reason}.", alias=alias, reason=reason)


# ---- escalation, the queue at shift start, coordinator commands (bot/escalation/escalation.py, ---
# ---- bot/desk/coordinator.py) ---------------------------------------------------------


def escalated_card(card_text: Text, alias: str, waited: str) -> Text:
    """A request nobody took yet, sent again: to other workers on duty and to coordinators."""
    return _(
        "RELANCE: personne n'a encore pris {alias} (en attente depuis {waited}).\n{card}",
        alias=alias,
        waited=waited,
        card=card_text,
    )


def duty_now(lines: str) -> Text:
    return _("De garde maintenant:\n{lines}", lines=lines)


def duty_nobody() -> Text:
    return _("Personne n'est de garde en ce moment.")


def duty_line(name: str, until: When) -> Text:
    return _("- {name}, jusqu'à {until}", name=name, until=until)


def duty_next(names: str, when: When) -> Text:
    return _("Prochain quart: {names}, {when}.", names=names, when=when)


def duty_no_next() -> Text:
    return _("Aucun quart n'est prévu dans l'horaire de garde.")


def duty_holiday(name: str) -> Text:
    return _(
        "Aujourd'hui est un jour férié ({name}): seuls les quarts ponctuels s'appliquent.",
        name=name,
    )


def coordinator_help() -> Text:
    return _(
        "Coordination: /garde (qui est de garde), /remplacer NOM (NOM prend votre quart), "
        "/remplacer NOM pour AUTRE (NOM prend le quart en cours d'AUTRE)."
    )


def replace_usage() -> Text:
    return _(
        "Écrivez /remplacer NOM pour que NOM prenne votre quart en cours, "
        "ou /remplacer NOM pour AUTRE."
    )


def not_on_duty(name: str) -> Text:
    return _("{name} n'est pas de garde en ce moment.", name=name)


def replace_pick(name: str) -> Text:
    return _("Vous n'êtes pas de garde. {name} remplace qui?", name=name)


def replace_pick_label(name: str, until: When) -> Text:
    return _("{name} (jusqu'à {until})", name=name, until=until)


def replace_confirm(substitute: str, absent: str, until: When) -> Text:
    return _(
        "{substitute} remplace {absent} dès maintenant, jusqu'à {until}. Confirmer?",
        substitute=substitute,
        absent=absent,
        until=until,
    )


CONFIRM = _("Confirmer")
CANCEL = _("Annuler")


def replace_done(substitute: str, absent: str, until: When) -> Text:
    return _(
        "C'est fait: {substitute} remplace {absent} jusqu'à {until}.",
        substitute=substitute,
        absent=absent,
        until=until,
    )


def replace_cancelled() -> Text:
    return _("Remplacement annulé: l'horaire n'a pas changé.")


def replace_stale() -> Text:
    return _("Ce quart a changé entre-temps. Recommencez avec /remplacer.")


def replace_self(name: str) -> Text:
    return _("{name} ne peut pas se remplacer lui-même ou elle-même.", name=name)


def you_replace(absent: str, until: When) -> Text:
    return _(
        "Vous remplacez {absent} jusqu'à {until}. Les nouvelles demandes arrivent ici.",
        absent=absent,
        until=until,
    )


def replaced_you(substitute: str) -> Text:
    return _(
        "{substitute} prend la suite de votre quart. Vos dossiers ouverts restent les vôtres "
        "(/transferer pour les confier).",
        substitute=substitute,
    )


# ---- /ressource and /rdv (bot/resources/commands.py, bot/appointments/) ---------------------


def resource_usage() -> Text:
    return _(
        "Écrivez /ressource suivi de quelques mots (ex.: /ressource dépannage alimentaire), "
        "en réponse à un message du dossier."
    )


def resource_none(words: str) -> Text:
    return _("Aucune ressource trouvée pour « {words} ».", words=words)


def resource_choose(alias: str, found: Text) -> Text:
    return _(
        "Ressources pour {alias}, telles que la personne les recevra. Laquelle envoyer?\n\n{found}",
        alias=alias,
        found=found,
    )


def resource_sent(alias: str, name: str) -> Text:
    return _("Ressource envoyée à {alias}: {name}.", alias=alias, name=name)


def resource_gone() -> Text:
    return _("Cette ressource n'est plus dans le répertoire. Cherchez de nouveau avec /ressource.")


def rdv_usage() -> Text:
    return _(
        "/rdv propose un rendez-vous dans un lieu accueillant: /rdv seul pour choisir avec des "
        "boutons, ou /rdv LIEU JOUR HEURE (ex.: /rdv Sésame demain 14h). "
        "/rdv annuler annule un rendez-vous."
    )


def rdv_no_places() -> Text:
    return _("Aucun lieu accueillant n'est offert pour le moment. Parlez à la coordination.")


def rdv_choose_place(alias: str) -> Text:
    return _("Rendez-vous pour {alias}: quel lieu?", alias=alias)


def rdv_unknown_place(words: str) -> Text:
    return _("Je ne trouve pas de lieu « {words} ». Quel lieu?", words=words)


def rdv_bad_date(words: str) -> Text:
    return _(
        "Je ne comprends pas la date « {words} ». Écrivez AAAA-MM-JJ, JJ/MM, demain ou un jour "
        "de la semaine.",
        words=words,
    )


def rdv_choose_day(alias: str, place: str) -> Text:
    return _("{alias}, {place}: quel jour?", alias=alias, place=place)


def rdv_no_days(place: str) -> Text:
    return _("{place} n'a aucun moment libre dans les 7 prochains jours.", place=place)


def rdv_choose_time(alias: str, place: str, day: When) -> Text:
    return _("{alias}, {place}, {day}: à quelle heure? (1 h)", alias=alias, place=place, day=day)


def rdv_no_time(place: str, day: When, windows: str) -> Text:
    return _(
        "{place} n'a aucun moment libre {day}. Ses heures: {windows}.",
        place=place,
        day=day,
        windows=windows,
    )


def rdv_outside(place: str, windows: str) -> Text:
    return _(
        "Ce moment n'est pas dans les heures de {place} ({windows}).",
        place=place,
        windows=windows,
    )


def rdv_taken(place: str) -> Text:
    return _("{place} est déjà réservé à ce moment.", place=place)


def rdv_past() -> Text:
    return _("Ce moment est déjà passé.")


def rdv_place_gone(place: str) -> Text:
    return _("{place} n'est plus offert.", place=place)


def rdv_proposed(alias: str, place: str, when: When, conditions: str) -> Text:
    if conditions:
        return _(
            "Proposition envoyée à {alias}: {when}, {place}. Sur place: {conditions}. "
            "Sa réponse arrivera ici.",
            alias=alias, place=place, when=when, conditions=conditions,
        )  # fmt: skip
    return _(
        "Proposition envoyée à {alias}: {when}, {place}. Sa réponse arrivera ici.",
        alias=alias,
        place=place,
        when=when,
    )


CANCEL_APPOINTMENT = _("Annuler ce rendez-vous")


def rdv_accepted(alias: str, place: str, when: When) -> Text:
    return _(
        "{alias} a accepté le rendez-vous: {when}, {place}. Des rappels lui seront envoyés.",
        alias=alias,
        place=place,
        when=when,
    )


def rdv_declined(alias: str, place: str, when: When) -> Text:
    return _(
        "{alias} ne peut pas venir au rendez-vous du {when} ({place}). "
        "Proposez un autre moment avec /rdv.",
        alias=alias,
        place=place,
        when=when,
    )


def rdv_cancelled(alias: str, place: str, when: When, withdrawn: bool) -> Text:
    if withdrawn:
        return _(
            "Rendez-vous de {alias} annulé: {place} n'est plus offert ({when}). La personne est "
            "prévenue; proposez un autre lieu avec /rdv.",
            alias=alias, place=place, when=when,
        )  # fmt: skip
    return _(
        "Rendez-vous de {alias} annulé ({when}, {place}). La personne est prévenue.",
        alias=alias,
        place=place,
        when=when,
    )


def rdv_none(alias: str) -> Text:
    return _("Aucun rendez-vous à venir pour {alias}.", alias=alias)


def rdv_which(alias: str) -> Text:
    return _("{alias}: quel rendez-vous annuler?", alias=alias)


def rdv_line(place: str, when: When) -> Text:
    return _("{when}, {place}", place=place, when=when)


# ---- follow-up check-ins (bot/followups/checkins.py) ---------------------------------------------

FOLLOWUP_BUTTONS = {
    "1": _("Demain"),
    "3": _("Dans 3 jours"),
    "7": _("Dans une semaine"),
}


def followup_usage() -> Text:
    return _(
        "Pour prévoir un suivi, en réponse à un message du dossier: /suivi 3j, /suivi 2h, "
        "/suivi 1sem, /suivi 2026-12-01 10:00, ou /suivi chaque semaine 4. "
        "Ajoutez un message après, sinon la personne reçoit un mot de votre part. "
        "/suivis pour voir et annuler vos suivis."
    )


def followup_scheduled(alias: str, when: When, moved: bool) -> Text:
    if moved:
        return _(
            "Suivi de {alias} prévu {when} (déplacé à la fin des heures calmes).",
            alias=alias,
            when=when,
        )
    return _("Suivi de {alias} prévu {when}.", alias=alias, when=when)


def followup_series(alias: str, count: int, every: str, first: When) -> Text:
    if every == "days":
        return _(
            "{count} suivis de {alias} prévus chaque jour, le premier {when}.",
            alias=alias,
            count=count,
            when=first,
        )
    return _(
        "{count} suivis de {alias} prévus chaque semaine, le premier {when}.",
        alias=alias,
        count=count,
        when=first,
    )


def followup_past() -> Text:
    return _("Ce moment est déjà passé. Donnez une date à venir.")


def followup_too_far() -> Text:
    return _("C'est trop loin: un suivi se prévoit au plus un an à l'avance.")


def followup_no_citizen(alias: str) -> Text:
    return _("Pas de suivi possible: la personne de {alias} a effacé ses données.", alias=alias)


def followup_opted_out(alias: str) -> Text:
    return _(
        "Pas de suivi possible: la personne de {alias} a demandé de ne plus recevoir de "
        "messages (STOP).",
        alias=alias,
    )


def followup_offer(alias: str) -> Text:
    return _("Prévoir un suivi pour {alias}? (ou plus tard: /suivi)", alias=alias)


def no_followups() -> Text:
    return _("Vous n'avez aucun suivi prévu. /suivi pour en prévoir un.")


def followups_header(count: int) -> Text:
    from flows.text import n_

    return n_("Votre suivi prévu:", "Vos {count} suivis prévus:", count)


def followup_line(number: int, alias: str, when: When, words: str) -> Text:
    if words:
        return _(
            "{number}. {alias}, {when}: « {words} »",
            number=number,
            alias=alias,
            when=when,
            words=_preview(words, 60),
        )
    return _("{number}. {alias}, {when}", number=number, alias=alias, when=when)


def cancel_followup(number: int) -> Text:
    return _("Annuler le suivi {number}", number=number)


def followup_cancelled(alias: str, when: When) -> Text:
    return _("Le suivi de {alias} du {when} est annulé.", alias=alias, when=when)


def followup_gone() -> Text:
    return _("Ce suivi n'est plus prévu (déjà envoyé ou annulé).")


def checkin_ok(alias: str, by: str) -> Text:
    if by:
        return _(
            "Suivi de {alias} (prévu par {by}): la personne répond que tout va bien.",
            alias=alias,
            by=by,
        )
    return _("Suivi de {alias}: la personne répond que tout va bien.", alias=alias)


def checkin_talk(alias: str) -> Text:
    return _("{alias}: en réponse au suivi, la personne aimerait vous parler.", alias=alias)


def checkin_reopened(alias: str, previous: str, words: str) -> Text:
    if words:
        return _(
            "{alias}: en réponse à votre suivi de {previous}, la personne écrit:\n« {words} »\n"
            "Le dossier est à vous: répondez à ce message pour lui écrire.",
            alias=alias,
            previous=previous,
            words=_preview(words),
        )
    return _(
        "{alias}: en réponse à votre suivi de {previous}, la personne aimerait parler. "
        "Le dossier est à vous: répondez à ce message pour lui écrire.",
        alias=alias,
        previous=previous,
    )


def checkin_context(alias: str, previous: str, by: str) -> Text:
    if by:
        return _(
            "{alias} fait suite à un suivi de {previous} prévu par {by}.",
            alias=alias,
            previous=previous,
            by=by,
        )
    return _("{alias} répond à un message de suivi ({previous}).", alias=alias, previous=previous)


def campaign_context(alias: str, number: int, message: str) -> Text:
    """A new request that answers a campaign: the campaign's words, so "OUI" makes sense."""
    return _(
        "{alias} répond à la campagne {number}: « {message} »",
        alias=alias,
        number=number,
        message=_preview(message, 300),
    )


def checkin_no_answer(alias: str, sent: When, hours: int, by: str, steps: Text) -> Text:
    """No answer to a check-in: what happened, then what the worker can do (`no_answer_steps`)."""
    if by:
        return _(
            "Suivi de {alias} (prévu par {by}): pas de réponse depuis {hours} h (envoyé {when}).\n"
            "{steps}",
            alias=alias,
            by=by,
            hours=hours,
            when=sent,
            steps=steps,
        )
    return _(
        "Suivi de {alias}: pas de réponse depuis {hours} h (envoyé {when}).\n{steps}",
        alias=alias,
        hours=hours,
        when=sent,
        steps=steps,
    )


def no_answer_steps(alias: str, coordinators: str) -> Text:
    """The steps a worker can take when a check-in went unanswered (no number or address)."""
    if coordinators:
        return _(
            "Vous pouvez: relancer la personne (/suivi {alias} 2h); en parler à la coordination "
            "({coordinators}), qui décidera avec vous de la suite; si la personne vous a laissé "
            "un autre moyen de la joindre avec son accord, l'utiliser.",
            alias=alias,
            coordinators=coordinators,
        )
    return _(
        "Vous pouvez: relancer la personne (/suivi {alias} 2h); en parler à la coordination, "
        "qui décidera avec vous de la suite; si la personne vous a laissé un autre moyen de la "
        "joindre avec son accord, l'utiliser.",
        alias=alias,
    )


# ---- hand-over and weekly summary (bot/escalation/housekeeping.py) -------------------------------


def handover_greeting(name: str) -> Text:
    return _("Bonne garde, {name}! Voici où en sont les choses.", name=name)


def handover_cases(count: int, mine: str) -> Text:
    from flows.text import n_

    if not count:
        return _("Aucun dossier ouvert.")
    if mine:
        return n_(
            "{count} dossier ouvert dans le réseau; les vôtres: {mine}.",
            "{count} dossiers ouverts dans le réseau; les vôtres: {mine}.",
            count,
            mine=mine,
        )
    return n_(
        "{count} dossier ouvert dans le réseau.", "{count} dossiers ouverts dans le réseau.", count
    )


def handover_waiting(count: int, aliases: str) -> Text:
    from flows.text import n_

    if not count:
        return _("Aucune demande en attente.")
    return n_(
        "{count} demande en attente: {aliases}.",
        "{count} demandes en attente: {aliases}.",
        count,
        aliases=aliases,
    )


def handover_urgent(aliases: str) -> Text:
    return _("Urgentes: {aliases}.", aliases=aliases)


def handover_checkins(count: int, lines: object) -> Text:
    from flows.text import n_

    if not count:
        return _("Aucun suivi prévu pendant votre garde.")
    return n_(
        "{count} suivi prévu pendant votre garde:\n{lines}",
        "{count} suivis prévus pendant votre garde:\n{lines}",
        count,
        lines=lines,
    )


def handover_checkin_line(alias: str, when: When, by: str) -> Text:
    return _("{alias}: {when} ({by})", alias=alias, when=when, by=by)


def weekly_summary(
    since: When, opened: int, urgent: int, closed: int, sent: int, answered: int, silent: int
) -> Text:
    return _(
        "Bilan de la semaine depuis {since}:\n"
        "Demandes reçues: {opened} (dont {urgent} urgentes)\n"
        "Dossiers fermés: {closed}\n"
        "Suivis envoyés: {sent}; réponses: {answered}; sans réponse: {silent}\n"
        "Le détail: relais report.",
        since=since,
        opened=opened,
        urgent=urgent,
        closed=closed,
        sent=sent,
        answered=answered,
        silent=silent,
    )


def nobody_on_call() -> Text:
    """In the weekly summary when no on-call worker can receive urgent cards out of hours."""
    return _(
        "Attention: personne n'est d'astreinte. La nuit et la fin de semaine, les demandes "
        "urgentes n'arrivent qu'aux coordinations. Ajoutez: relais workers add NOM --role oncall."
    )


# ---- tags and campaigns (bot/followups/campaigns.py) ---------------------------------------------


def tag_usage() -> Text:
    return _(
        "En réponse à un message du dossier: /tag canicule ajoute l'étiquette, /tag -canicule "
        "la retire, /tag seul montre les étiquettes. Lettres, chiffres, - et _ seulement."
    )


def tags_shown(alias: str, tags: str) -> Text:
    if not tags:
        return _("La personne de {alias} n'a aucune étiquette.", alias=alias)
    return _("Étiquettes de la personne de {alias}: {tags}", alias=alias, tags=tags)


def coordinators_only() -> Text:
    return _("Seule la coordination peut lancer une campagne.")


def campaign_usage() -> Text:
    return _(
        "Écrivez /campagne ÉTIQUETTE MESSAGE, par exemple: /campagne canicule Il fait très "
        "chaud aujourd'hui. Buvez de l'eau. Comment allez-vous?"
    )


def campaign_nobody(tag: str) -> Text:
    return _("Personne (inscrit) n'a l'étiquette {tag}.", tag=tag)


SEND_CAMPAIGN = _("Envoyer")
CANCEL_CAMPAIGN = _("Annuler")


def campaign_confirm(tag: str, count: int, preview: str) -> Text:
    from flows.text import n_

    return n_(
        "Envoyer à {count} personne ({tag}):\n« {preview} »",
        "Envoyer à {count} personnes ({tag}):\n« {preview} »",
        count,
        tag=tag,
        preview=_preview(preview),
    )


def campaign_exact(tag: str, count: int, exact: str, segments: int) -> Text:
    """The confirmation: the exact SMS each citizen gets and what it costs per person."""
    from flows.text import n_

    return n_(
        "Envoyer à {count} personne ({tag}). Voici exactement ce qu'elle recevra "
        "({segments} SMS par personne):\n\n{exact}",
        "Envoyer à {count} personnes ({tag}). Voici exactement ce que chacune recevra "
        "({segments} SMS par personne):\n\n{exact}",
        count,
        tag=tag,
        exact=exact,
        segments=segments,
    )


def campaign_fold_hint(segments: int, folded: int) -> Text:
    """A character forces UCS-2 in the campaign: the accent-free spelling costs less."""
    return _(
        "Un caractère accentué fait passer chaque message à {segments} SMS; "
        "sans accents, {folded} SMS par personne.",
        segments=segments,
        folded=folded,
    )


def send_campaign_as_is(segments: int) -> Text:
    return _("Envoyer tel quel ({segments} SMS)", segments=segments)


def send_campaign_folded(segments: int) -> Text:
    return _("Envoyer sans accents ({segments} SMS)", segments=segments)


def campaign_started(number: int, count: int, when: When | None) -> Text:
    if when is not None:
        return _(
            "Campagne {number}: {count} messages partiront {when}, après les heures calmes.",
            number=number,
            count=count,
            when=when,
        )
    return _(
        "Campagne {number}: envoi de {count} messages en cours. Les réponses arrivent comme "
        "des réponses aux suivis.",
        number=number,
        count=count,
    )


def campaign_cancelled(number: int) -> Text:
    return _("Campagne {number} annulée: rien n'a été envoyé.", number=number)


def campaign_progress(number: int, sent: int, total: int) -> Text:
    return _(
        "Campagne {number}: {sent} sur {total} envoyés.", number=number, sent=sent, total=total
    )


def campaign_sent(number: int, sent: int, failed: int) -> Text:
    return _(
        "Campagne {number}: tout est parti ({sent} envoyés, {failed} en échec).",
        number=number,
        sent=sent,
        failed=failed,
    )


def campaign_summary(number: int, tag: str, ok: int, talk: int, silent: int, aliases: str) -> Text:
    if silent and aliases:
        return _(
            "Campagne {number} ({tag}): {ok} vont bien, {talk} voulaient parler, {silent} sans "
            "réponse. Sans réponse: {aliases}. Pensez à les appeler.",
            number=number,
            tag=tag,
            ok=ok,
            talk=talk,
            silent=silent,
            aliases=aliases,
        )
    return _(
        "Campagne {number} ({tag}): {ok} vont bien, {talk} voulaient parler, {silent} sans "
        "réponse.",
        number=number,
        tag=tag,
        ok=ok,
        talk=talk,
        silent=silent,
    )


def moment_label(when: When) -> Text:
    """A day or a time on a button (bot/appointments/commands.py)."""
    return _("{when}", when=when)


# ---- technical alerts to coordinators (bot/ops/alerts.py) ------------------------------------

OPS_PROBLEMS = {
    "inbox_stuck": _("messages arrivés qui ne sont plus traités"),
    "outbox_stuck": _("envois {channel} bloqués"),
    "channel_down": _("envois {channel} en échec"),
    "webhook_failing": _("Telegram n'arrive plus à joindre le bot"),
}


def ops_problem(problem: str) -> Text:
    """A problem key of /healthz ("outbox_stuck:sms") in words."""
    kind, _sep, channel = problem.partition(":")
    text = OPS_PROBLEMS.get(kind, OPS_PROBLEMS["inbox_stuck"])
    return _(text.msgid, channel=CHANNELS.get(channel, channel)) if channel else text


def ops_alert(problem: Text) -> Text:
    """Something technical is wrong; nothing is lost."""
    return _(
        "Relais - alerte technique : {problem}. Rien n'est perdu : les messages attendent et "
        "partiront dès que ce sera réglé. Détails : /healthz sur le serveur.",
        problem=problem,
    )


def ops_resolved(problem: Text) -> Text:
    """The problem of an earlier alert is over."""
    return _("Relais - problème réglé : {problem}.", problem=problem)


def case_closed(alias: str) -> Text:
    """A worker wrote about a case that is closed: nothing was sent."""
    return _("{alias} est fermé: rien n'a été envoyé. Vos dossiers ouverts: /dossiers", alias=alias)


def step_failed(inbound_id: int) -> Text:
    """To the coordinators: a message could not be handled (ids only, no text)."""
    return _(
        "Erreur technique: le message n° {id} n'a pas pu être traité. La personne a reçu "
        "des excuses; le message est gardé. Détails dans les journaux.",
        id=inbound_id,
    )
