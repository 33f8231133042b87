"""The words of the coordinator's dashboard pages (French msgids; English in the catalog):
the rota and its import, workers and invites, welcoming places, the directory, the report.
The layout, sign-in and cases pages have theirs in flows/dashboard_messages.py."""

from __future__ import annotations

from flows.text import Raw, Text, _, n_

# ---- the rota ---------------------------------------------------------------------------


def rota_page() -> dict[str, Text]:
    """The fixed strings of /tableau/horaire."""
    return {
        "title": _("Horaire de garde"),
        "previous": _("Semaine précédente"),
        "following": _("Semaine suivante"),
        "this_week": _("Cette semaine"),
        "zone": _("Heures locales du fuseau"),
        "grid_caption": _("Qui le bot peut joindre, heure par heure"),
        "hour": _("Heure"),
        "nobody": _("Personne"),
        "partly": _("en partie"),
        "unguarded": _("sans astreinte"),
        "skipped": _("heure sautée (changement d'heure)"),
        "repeated": _("deux fois (changement d'heure)"),
        "unreachable": _("pas joignable"),
        "legend": _("Comment lire la grille"),
        "legend_gap": _(
            "« Personne » : aucun intervenant actif relié à Telegram n'est de garde; une demande "
            "reçue à cette heure attend."
        ),
        "legend_partial": _("« en partie » : quelqu'un est de garde, mais pas toute l'heure."),
        "legend_unguarded": _(
            "« sans astreinte » : une heure de nuit (21 h à 9 h), de fin de semaine ou de jour "
            "férié sans personne d'astreinte pour les demandes urgentes."
        ),
        "legend_unreachable": _(
            "« pas joignable » : de garde selon l'horaire, mais pas relié à Telegram ou désactivé."
        ),
        "shifts": _("Les quarts de la semaine"),
        "no_shift": _("Aucun quart cette semaine."),
        "day": _("Jour"),
        "hours": _("Heures"),
        "worker": _("Intervenant·e"),
        "kind": _("Quart"),
        "weekly": _("chaque semaine"),
        "one_off": _("une seule fois"),
        "remove": _("Retirer"),
        "remove_weekly": _("Retirer (toutes les semaines)"),
        "deactivated": _("désactivé·e"),
        "add": _("Ajouter un quart"),
        "every_week": _("Chaque semaine, le"),
        "once": _("ou une seule fois, le"),
        "start": _("Début"),
        "end": _("Fin"),
        "overnight": _(
            "Une fin avant le début finit le lendemain (22:00 à 06:00); une fin égale au début "
            "dure 24 heures. Un quart d'une seule fois remplace ce jour-là le quart habituel "
            "de la même personne là où leurs heures se chevauchent."
        ),
        "add_button": _("Ajouter le quart"),
        "import": _("Importer un horaire (CSV ou calendrier .ics)"),
    }


def week_of(day: str) -> Text:
    return _("Semaine du {day}", day=day)


def gap_hours(count: int) -> Text:
    return n_(
        "{count} heure sans personne de joignable cette semaine.",
        "{count} heures sans personne de joignable cette semaine.",
        count,
    )


def unguarded_hours(count: int) -> Text:
    return n_(
        "{count} heure de nuit ou de fin de semaine sans personne d'astreinte.",
        "{count} heures de nuit ou de fin de semaine sans personne d'astreinte.",
        count,
    )


def on_call_are(names: str) -> Text:
    return _("D'astreinte hors des heures (demandes urgentes) : {names}.", names=names)


def no_on_call_coordinators(names: str) -> Text:
    return _(
        "Personne n'est d'astreinte : les demandes urgentes de nuit et de fin de semaine vont à "
        "la coordination ({names}).",
        names=names,
    )


def nobody_at_night() -> Text:
    return _(
        "Personne ne reçoit les demandes urgentes hors des heures : ni astreinte, ni "
        "coordination reliée à Telegram."
    )


def shift_added() -> Text:
    return _("Quart ajouté.")


def shift_removed() -> Text:
    return _("Quart retiré.")


def rota_imported() -> Text:
    return _("Horaire importé.")


def choose_worker() -> Text:
    return _("Choisissez un intervenant actif.")


def bad_hours() -> Text:
    return _("Écrivez le début et la fin comme 09:00 et 17:00.")


def weekday_or_date() -> Text:
    return _("Choisissez un jour de la semaine ou une date, pas les deux.")


def no_such_shift() -> Text:
    return _("Ce quart n'est plus dans l'horaire.")


# ---- the rota import ----------------------------------------------------------------------


def rota_import_page() -> dict[str, Text]:
    """The fixed strings of /tableau/horaire/importer."""
    return {
        "title": _("Importer un horaire"),
        "intro": _(
            "Un CSV (worker,day,start,end) ou un calendrier exporté de Google Agenda ou "
            "d'Outlook (.ics). Rien ne change avant que vous ayez vu la différence et appuyé "
            "sur « Appliquer »."
        ),
        "file": _("Fichier"),
        "mode": _("Que faire du fichier?"),
        "replace": _("Remplacer l'horaire (le fichier devient tout l'horaire)"),
        "add": _("Ajouter à l'horaire (rien n'est retiré; les doublons exacts sont ignorés)"),
        "weeks": _("Semaines du calendrier à lire à l'avance (.ics)"),
        "preview": _("Voir la différence"),
        "back": _("Retour à l'horaire"),
    }


def no_file() -> Text:
    return _("Choisissez un fichier.")


def file_refused(line: int, reason: Text) -> Text:
    return _("Fichier refusé, ligne {line} : {reason}", line=line, reason=reason)


def preview_expired() -> Text:
    return _("Cet aperçu a expiré. Téléversez le fichier de nouveau.")


def rota_preview_page() -> dict[str, Text]:
    """The fixed strings of the rota import's preview."""
    return {
        "title": _("Différence avec l'horaire"),
        "file": _("Fichier"),
        "added": _("Quarts ajoutés"),
        "removed": _("Quarts retirés"),
        "none_added": _("Aucun quart ajouté."),
        "none_removed": _("Aucun quart retiré."),
        "worker": _("Intervenant·e"),
        "day": _("Jour"),
        "hours": _("Heures"),
        "hidden": _("Quarts habituels remplacés ces jours-là par un quart d'une seule fois"),
        "lost": _("Heures qui perdent leur couverture (4 prochaines semaines)"),
        "lost_intro": _("Ces heures avaient quelqu'un de joignable et n'auraient plus personne :"),
        "none_lost": _("Aucune heure des 4 prochaines semaines ne perd sa couverture."),
        "calendar": _("Le calendrier"),
        "accept": _("J'accepte de laisser ces heures sans personne de joignable."),
        "apply": _("Appliquer"),
        "cancel": _("Annuler"),
    }


def mode_replace() -> Text:
    return _("Remplacer : le fichier devient tout l'horaire.")


def mode_add() -> Text:
    return _("Ajouter : rien n'est retiré de l'horaire.")


def preview_summary(adding: bool, added: int, removed: int, repeats: int) -> Text:
    if adding:
        return _(
            "{added} quart(s) ajouté(s); {repeats} déjà dans l'horaire, ignoré(s).",
            added=added,
            repeats=repeats,
        )
    return _(
        "{removed} quart(s) retiré(s), {added} ajouté(s); {repeats} gardé(s) tel(s) quel(s).",
        removed=removed,
        added=added,
        repeats=repeats,
    )


def rota_moved() -> Text:
    return _("L'horaire a changé depuis l'aperçu : voici la nouvelle différence.")


def accept_lost() -> Text:
    return _("Cochez la case pour laisser ces heures sans personne, ou annulez.")


def calendar_repeats(weeks: int) -> Text:
    return _(
        "Les événements répétés continuent de se répéter : le bot relit le calendrier chaque "
        "jour, {weeks} semaines à l'avance.",
        weeks=weeks,
    )


def series_count(title: str, count: int) -> Text:
    return _("« {title} » s'arrête après {count} fois.", title=title, count=count)


def series_until(title: str, until: str) -> Text:
    return _("« {title} » s'arrête le {until}.", title=title, until=until)


def holidays_skipped(days: str) -> Text:
    return _("Jours fériés sans les événements répétés : {days}.", days=days)


# ---- workers and invites ------------------------------------------------------------------


ROLES = {
    "worker": _("intervenant·e"),
    "oncall": _("intervenant·e d'astreinte (nuits, fins de semaine)"),
    "coordinator": _("coordination"),
}


def role_name(role: str) -> Text:
    return ROLES.get(role, ROLES["worker"])


def workers_page() -> dict[str, Text]:
    """The fixed strings of /tableau/intervenants."""
    return {
        "title": _("Intervenants"),
        "name": _("Nom"),
        "organization": _("Organisme"),
        "role": _("Rôle"),
        "languages": _("Langues"),
        "state": _("État"),
        "actions": _("Actions"),
        "invite": _("Nouveau code d'invitation"),
        "deactivate": _("Désactiver"),
        "reactivate": _("Réactiver"),
        "none": _("Personne n'est encore inscrit."),
        "add": _("Inscrire un intervenant"),
        "add_intro": _(
            "Un code d'invitation s'affiche ensuite : la personne l'envoie au bot dans Telegram "
            "pour relier son compte."
        ),
        "lang_fr": _("français"),
        "lang_en": _("anglais"),
        "add_button": _("Inscrire et afficher l'invitation"),
    }


def state_deactivated() -> Text:
    return _("désactivé·e")


def state_linked() -> Text:
    return _("actif·ve, sur Telegram")


def state_no_invite() -> Text:
    return _("actif·ve, pas sur Telegram (aucune invitation valide)")


def state_invited(until: str) -> Text:
    return _("invité·e, code valide jusqu'au {until}", until=until)


def worker_deactivated() -> Text:
    return _("Intervenant·e désactivé·e; ses dossiers ouverts sont retournés à la file.")


def worker_reactivated() -> Text:
    return _("Intervenant·e réactivé·e; ses quarts comptent de nouveau.")


def worker_refused(reason: str | Text | Raw) -> Text:
    return _("Inscription refusée : {reason}", reason=reason)


def name_required() -> Text:
    return _("Écrivez le nom de la personne.")


def name_taken(name: str) -> Text:
    return _("« {name} » est déjà inscrit·e.", name=name)


def no_such_worker() -> Text:
    return _("Cet intervenant n'existe pas.")


def invite_deactivated(name: str) -> Text:
    return _("{name} est désactivé·e : réactivez d'abord son inscription.", name=name)


def not_yourself() -> Text:
    return _("Vous ne pouvez pas vous désactiver vous-même.")


def invite_page() -> dict[str, Text]:
    """The fixed strings of an invite."""
    return {
        "title": _("Invitation"),
        "code": _("Code d'invitation"),
        "scan": _(
            "Avec son téléphone, la personne lit ce code QR : Telegram s'ouvre sur le bot, et "
            "« Démarrer » envoie le code."
        ),
        "once": _("Le code ne sert qu'une fois. Il n'est montré qu'ici : notez-le maintenant."),
        "link": _("Lien direct"),
        "back": _("Retour aux intervenants"),
    }


def invite_until(until: str) -> Text:
    return _("Valide jusqu'au {until}.", until=until)


def invite_how(code: str) -> Text:
    return _("Ou bien elle ouvre le bot dans Telegram et envoie : /start {code}", code=code)


def invite_replaces() -> Text:
    return _("Son compte Telegram actuel sera remplacé quand le code sera utilisé.")


def qr_label(name: str) -> Text:
    return _("Code QR de l'invitation de {name}", name=name)


def deactivate_page() -> dict[str, Text]:
    return {
        "title": _("Désactiver un intervenant"),
        "confirm": _("Désactiver"),
        "cancel": _("Annuler"),
    }


def deactivate_consequence(name: str, cases: int) -> Text:
    return n_(
        "{name} ne recevra plus de demandes; ses quarts restent dans l'horaire mais ne "
        "comptent plus; ses invitations sont annulées. Son dossier ouvert retourne à la file "
        "({count}).",
        "{name} ne recevra plus de demandes; ses quarts restent dans l'horaire mais ne "
        "comptent plus; ses invitations sont annulées. Ses dossiers ouverts retournent à la "
        "file ({count}).",
        cases,
        name=name,
    )


# ---- welcoming places -------------------------------------------------------------------


def places_page() -> dict[str, Text]:
    """The fixed strings of /tableau/lieux."""
    return {
        "title": _("Lieux d'accueil"),
        "intro": _(
            "Les salles que les organismes prêtent pour rencontrer une personne; les "
            "intervenants y proposent des rendez-vous avec /rdv."
        ),
        "show_all": _("Voir aussi les lieux retirés"),
        "show_offered": _("Voir seulement les lieux offerts"),
        "none": _("Aucun lieu pour l'instant."),
        "organization": _("Organisme"),
        "name": _("Nom du lieu"),
        "address": _("Adresse"),
        "windows": _("Heures où le lieu est prêté"),
        "windows_help": _(
            "Par exemple : lun-ven 9:00-12:00, 13:00-16:00; sam 10:00-12:00. Chaque plage finit "
            "le jour où elle commence."
        ),
        "conditions": _("Conditions"),
        "withdraw": _("Retirer"),
        "add": _("Ajouter un lieu ou mettre à jour celui qui porte ce nom"),
        "add_button": _("Enregistrer le lieu"),
    }


def withdrawn_on(day: str) -> Text:
    return _("retiré le {day}", day=day)


def place_saved() -> Text:
    return _("Lieu enregistré.")


def place_withdrawn() -> Text:
    return _("Lieu retiré; ses rendez-vous à venir sont annulés et les deux côtés prévenus.")


def place_needs_names() -> Text:
    return _("Écrivez l'organisme et le nom du lieu.")


def bad_windows() -> Text:
    return _(
        "Les heures ne se lisent pas : écrivez par exemple « lun-ven 9:00-12:00; sam "
        "10:00-12:00 », chaque plage finissant après son début, le même jour."
    )


def no_such_place() -> Text:
    return _("Ce lieu n'existe pas.")


def withdraw_page() -> dict[str, Text]:
    return {"title": _("Retirer un lieu"), "confirm": _("Retirer"), "cancel": _("Annuler")}


def withdraw_consequence(meetings: int) -> Text:
    return n_(
        "Le lieu ne sera plus proposé. {count} rendez-vous à venir y sera annulé; la personne "
        "et l'intervenant en seront prévenus.",
        "Le lieu ne sera plus proposé. {count} rendez-vous à venir y seront annulés; les "
        "personnes et les intervenants en seront prévenus.",
        meetings,
    )


# ---- the directory ------------------------------------------------------------------------


CATEGORIES = {
    "food": _("alimentation"),
    "housing": _("logement"),
    "health": _("santé"),
    "seniors": _("65 ans et plus"),
    "families": _("familles"),
    "employment": _("emploi"),
    "legal": _("droits et aide juridique"),
    "other": _("autres"),
}


def category_name(category: str) -> Text | str:
    return CATEGORIES.get(category, category)


def kind_name(kind: str) -> Text:
    return _("paquet Open Referral (HSDS)") if kind == "hsds" else _("CSV simple")


def directory_page() -> dict[str, Text]:
    """The fixed strings of /tableau/repertoire."""
    return {
        "title": _("Répertoire des ressources"),
        "sources": _("Sources"),
        "source": _("Source"),
        "count": _("Ressources"),
        "none": _("Le répertoire est vide."),
        "import": _("Importer"),
        "intro": _(
            "Un CSV (name, description, category, phone, address, hours, url, languages) ou le "
            "zip d'un paquet Open Referral (HSDS). Un import remplace ce que sa source "
            "contenait. Rien ne change avant « Appliquer »."
        ),
        "file": _("Fichier"),
        "source_field": _("Nom de la source (par défaut : le nom du fichier)"),
        "preview": _("Voir ce qui changerait"),
    }


def example_loaded(source: str) -> Text:
    return _(
        "Le répertoire d'exemple (fictif) est encore chargé : importez le vrai, puis retirez "
        "l'exemple avec « relais resources remove {source} ».",
        source=source,
    )


def directory_preview_page() -> dict[str, Text]:
    """The fixed strings of a directory import's preview."""
    return {
        "title": _("Aperçu de l'import"),
        "file": _("Fichier"),
        "kind": _("Format"),
        "refused": _("Rien ne sera importé :"),
        "skipped": _("Services inactifs laissés de côté"),
        "categories": _("Par catégorie"),
        "category": _("Catégorie"),
        "count": _("Ressources"),
        "without_phone": _("Sans téléphone"),
        "without_address": _("Sans adresse"),
        "apply": _("Appliquer"),
        "cancel": _("Annuler"),
        "again": _("Choisir un autre fichier"),
    }


def directory_summary(source: str, added: int, updated: int, removed: int, same: int) -> Text:
    return _(
        "Source « {source} » : {added} ajoutée(s), {updated} mise(s) à jour, {removed} "
        "retirée(s), {same} inchangée(s).",
        source=source,
        added=added,
        updated=updated,
        removed=removed,
        same=same,
    )


def directory_imported(source: str, added: int, updated: int, removed: int, same: int) -> Text:
    return _(
        "Importé dans « {source} » : {added} ajoutée(s), {updated} mise(s) à jour, {removed} "
        "retirée(s), {same} inchangée(s).",
        source=source,
        added=added,
        updated=updated,
        removed=removed,
        same=same,
    )


def directory_moved() -> Text:
    return _("Le répertoire a changé depuis l'aperçu : voici le nouvel aperçu.")


# ---- the report ---------------------------------------------------------------------------


CHANNELS = {
    "sms": _("SMS"),
    "telegram": _("Telegram"),
    "web": _("clavardage web"),
    "kiosk": _("kiosque"),
}
LANGUAGE_NAMES = {"fr": _("français"), "en": _("anglais")}


def report_page() -> dict[str, Text]:
    """The fixed strings of /tableau/bilan."""
    return {
        "title": _("Bilan d'activité"),
        "period": _("Période"),
        "from": _("Du"),
        "to": _("Au"),
        "show": _("Afficher"),
        "csv": _("Télécharger le CSV (comme relais report --format csv)"),
        "figures": _("Les chiffres"),
        "figure": _("Chiffre"),
        "value": _("Valeur"),
        "details": _("Le détail"),
        "charts": _("En images"),
        "table": _("Les chiffres du graphique"),
        "count": _("Nombre"),
    }


def report_title(first: str, last: str) -> Text:
    return _("Du {first} au {last}", first=first, last=last)


def bad_period() -> Text:
    return _("Écrivez les dates comme 2026-01-31.")


def period_reversed() -> Text:
    return _("Le premier jour vient après le dernier.")


def fig_contacts() -> Text:
    return _("Prises de contact (personnes qui ont écrit)")


def fig_followed() -> Text:
    return _("Personnes suivies")


def fig_requests() -> Text:
    return _("Demandes")


def fig_crisis() -> Text:
    return _("Interventions de gestion de crise (prises en charge par une personne)")


def fig_crisis_unclaimed() -> Text:
    return _("Demandes urgentes que personne n'a prises en charge")


def fig_reply_median() -> Text:
    return _("Délai de la première réponse humaine, médiane")


def fig_reply_p90() -> Text:
    return _("Délai de la première réponse humaine, 90e centile")


def fig_replied() -> Text:
    return _("Demandes avec une réponse")


def fig_escalations() -> Text:
    return _("Relances d'une demande restée sans prise en charge")


def fig_escalated() -> Text:
    return _("Demandes relancées")


def fig_out_of_hours() -> Text:
    return _("Demandes reçues hors des heures de garde")


def fig_worker_referrals() -> Text:
    return _("Références vers des ressources par un intervenant")


def fig_searches() -> Text:
    return _("Ressources montrées par les recherches des citoyens")


def fig_checkins_sent() -> Text:
    return _("Relances de suivi envoyées")


def fig_checkins_answered() -> Text:
    return _("Relances de suivi répondues")


def by_profile() -> Text:
    return _("Personnes suivies, par profil")


def by_intervention() -> Text:
    return _("Interventions, par type")


def by_channel() -> Text:
    return _("Demandes, par canal")


def by_language() -> Text:
    return _("Demandes, par langue")


def by_kiosk() -> Text:
    return _("Demandes, par kiosque")


def by_worker_referral() -> Text:
    return _("Références par un intervenant, par catégorie")


def by_search() -> Text:
    return _("Recherches des citoyens, par catégorie")


def by_arrival() -> Text:
    return _("Premiers contacts, par provenance")


def chart_months_title() -> Text:
    return _("Prises de contact par mois")


def chart_months_desc(total: int, month: str, most: int) -> Text:
    return _(
        "Diagramme à barres : {total} prises de contact dans la période; le mois le plus "
        "chargé : {month} ({most}).",
        total=total,
        month=month,
        most=most,
    )


def month_header() -> Text:
    return _("Mois")


def chart_replies_title() -> Text:
    return _("Délai de la première réponse humaine")


def chart_replies_desc(count: int) -> Text:
    return _(
        "Histogramme : {count} demandes avec réponse, réparties selon le délai de la première "
        "réponse, de moins de 5 minutes à plus de 24 heures.",
        count=count,
    )


def delay_header() -> Text:
    return _("Délai")


def chart_week_title() -> Text:
    return _("Heures d'arrivée des demandes et heures de garde")


def chart_week_desc(total: int, late: int) -> Text:
    return _(
        "Une ligne par jour, une colonne par heure : la barre compte les demandes arrivées à "
        "cette heure dans la période ({total}, dont {late} hors des heures de garde, hachurées); "
        "le fond vert marque les heures où quelqu'un est de garde dans l'horaire habituel "
        "actuel.",
        total=total,
        late=late,
    )


def legend_in_hours() -> Text:
    return _("demandes reçues pendant une garde")


def legend_out_of_hours() -> Text:
    return _("demandes reçues hors des heures de garde")


def legend_on_duty() -> Text:
    return _("quelqu'un de garde (horaire habituel actuel)")


def hour_header() -> Text:
    return _("Heure")


def week_cell_note() -> Text:
    return _("demandes / intervenants de garde")
