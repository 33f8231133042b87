"""`relais report [--from DAY] [--to DAY] [--format text|csv]`: the activity figures.

The text reads like the network's activity report ("860 prises de contact, 30 personnes
seules, 3 interventions de gestion de crise") in RELAIS_LOCALE; the CSV has one `figure,value`
row per figure, always the same names in the same order, for a spreadsheet.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from babel.dates import format_date

from bot.cli.output import fail, helptext
from bot.reports.figures import Report, compute
from bot.reports.table import decimal, write_csv
from flows import cli_messages as cm
from flows.text import Text, _

BABEL = {"fr": "fr_CA", "en": "en_CA"}
# (singular, plural) per language; plain strings: this is the coordinator's terminal.
WORDS = {
    "fr": {
        "ecoute": ("d'écoute active", "d'écoute active"),
        "info": ("d'information et de référence", "d'information et de référence"),
        "accomp": ("d'accompagnement", "d'accompagnement"),
        "suivi": ("de suivi", "de suivi"),
        "crise": ("de gestion de crise", "de gestion de crise"),
        "autre": ("autre", "autres"),
        "famille": ("famille", "familles"),
        "couple": ("couple sans enfants", "couples sans enfants"),
        "seul": ("personne seule", "personnes seules"),
        "aine": ("aîné·e", "aîné·es"),
        "inconnu": ("profil inconnu", "profils inconnus"),
        "sms": "par SMS",
        "telegram": "par Telegram",
        "web": "par le clavardage web",
        "kiosk": "à un kiosque",
        "fr": "en français",
        "en": "en anglais",
        "food": "alimentation",
        "housing": "logement",
        "health": "santé",
        "seniors": "65 ans et plus",
        "families": "familles",
        "employment": "emploi",
        "legal": "droits et aide juridique",
        "other": "autres",
    },
    "en": {
        "ecoute": ("of active listening", "of active listening"),
        "info": ("of information and referral", "of information and referral"),
        "accomp": ("of accompaniment", "of accompaniment"),
        "suivi": ("of follow-up", "of follow-up"),
        "crise": ("of crisis management", "of crisis management"),
        "autre": ("other", "other"),
        "famille": ("family", "families"),
        "couple": ("couple without children", "couples without children"),
        "seul": ("person living alone", "people living alone"),
        "aine": ("senior", "seniors"),
        "inconnu": ("unknown profile", "unknown profiles"),
        "sms": "by SMS",
        "telegram": "on Telegram",
        "web": "through the web chat",
        "kiosk": "at a kiosk",
        "fr": "in French",
        "en": "in English",
        "food": "food",
        "housing": "housing",
        "health": "health",
        "seniors": "65 and over",
        "families": "families",
        "employment": "employment",
        "legal": "legal aid",
        "other": "other",
    },
}
NOUNS = {
    "fr": {
        "contacts": ("prise de contact", "prises de contact"),
        "followed": ("personne suivie", "personnes suivies"),
        "requests": ("demande", "demandes"),
        "crisis": ("intervention", "interventions"),
        "escalations": ("relance", "relances"),
        "referrals": ("référence", "références"),
        "searches": ("ressource", "ressources"),
    },
    "en": {
        "contacts": ("contact", "contacts"),
        "followed": ("person followed", "people followed"),
        "requests": ("request", "requests"),
        "crisis": ("crisis intervention", "crisis interventions"),
        "escalations": ("escalation", "escalations"),
        "referrals": ("referral", "referrals"),
        "searches": ("resource", "resources"),
    },
}
# `{count}` is the number with its noun ("3 prises de contact"), from NOUNS.
LINES = {
    "fr": {
        "title": "Relais — bilan d'activité du {start} au {end}",
        "contacts": "{count} (personnes qui ont écrit)",
        "followed": "{count}: {profiles}",
        "requests": "{count}: {channels}; {languages}",
        "interventions": "Interventions: {types}",
        "crisis": "{count} de gestion de crise (demandes urgentes ou fermées comme crise, prises"
        " en charge par une personne)",
        "crisis_unclaimed": "Demandes urgentes que personne n'a prises en charge: {n}",
        "reply": "Délai de la première réponse humaine: médiane {median}, 90e centile {p90}"
        " (demandes avec réponse: {n})",
        "no_reply": "Délai de la première réponse humaine: aucune réponse dans la période",
        "escalations": "{count} d'une demande restée sans prise en charge"
        " (demandes relancées: {requests})",
        "out_of_hours": "Demandes reçues hors des heures de garde: {n}",
        "referrals": "{count} vers des ressources par un intervenant: {categories}",
        "searches": "Recherches des citoyens: {count} montrées: {categories}",
        "kiosks": "Demandes par kiosque: {kiosks}",
        "checkins": "Relances de suivi: {sent} envoyées, {answered} répondues, {unanswered} sans"
        " réponse",
        "arrivals": "Premiers contacts par provenance: {sources}",
    },
    "en": {
        "title": "Relais — activity report from {start} to {end}",
        "contacts": "{count} (people who wrote)",
        "followed": "{count}: {profiles}",
        "requests": "{count}: {channels}; {languages}",
        "interventions": "Interventions: {types}",
        "crisis": "{count} (urgent requests or closed as crisis, taken by a person)",
        "crisis_unclaimed": "Urgent requests nobody took: {n}",
        "reply": "Time to the first human reply: median {median}, 90th percentile {p90}"
        " (requests answered: {n})",
        "no_reply": "Time to the first human reply: no reply in the period",
        "escalations": "{count} of a request nobody took (requests escalated: {requests})",
        "out_of_hours": "Requests received out of hours: {n}",
        "referrals": "{count} to resources by a worker: {categories}",
        "searches": "Citizens' own searches: {count} shown: {categories}",
        "kiosks": "Requests per kiosk: {kiosks}",
        "checkins": "Follow-up check-ins: {sent} sent, {answered} answered,"
        " {unanswered} unanswered",
        "arrivals": "First contacts by source: {sources}",
    },
}


def add_parser(sub: Any) -> None:
    """Add `report` with --from, --to and --format."""
    parser = sub.add_parser("report", help=helptext(_("les chiffres d'activité d'une période")))
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help=helptext(_(
                        "premier jour (par défaut : le 1er janvier de l'année du dernier jour)"
                        )))  # fmt: skip
    parser.add_argument(
        "--to",
        dest="last",
        metavar="YYYY-MM-DD",
        help=helptext(_("dernier jour (par défaut : aujourd'hui)")),
    )
    parser.add_argument("--format", choices=("text", "csv"), default="text")
    parser.set_defaults(func=report)


class _BadPeriod(ValueError):
    def __init__(self, text: Text) -> None:
        super().__init__(text.msgid)
        self.text = text


def _days(args: argparse.Namespace, env: Any) -> tuple[date, date]:
    """The period's first and last local days; _BadPeriod names the bad option."""
    try:
        last = date.fromisoformat(args.last) if args.last else None
    except ValueError:
        raise _BadPeriod(cm.bad_date_option("--to", args.last)) from None
    last = last or env.now().astimezone(env.timezone).date()
    try:
        first = date.fromisoformat(args.first) if args.first else date(last.year, 1, 1)
    except ValueError:
        raise _BadPeriod(cm.bad_date_option("--from", args.first)) from None
    if first > last:
        raise _BadPeriod(cm.from_after_to(str(first), str(last)))
    return first, last


async def report(args: argparse.Namespace, env: Any) -> int:
    """Print the figures of the period as text or CSV."""
    try:
        first, last = _days(args, env)
    except _BadPeriod as exc:
        return fail(env, exc.text)
    figures = await compute(env.db, first, last, env.timezone)
    if args.format == "csv":
        write_csv(figures, env.out)
    else:
        env.out.write(text(figures, env.locale if env.locale in LINES else "fr"))
    return 0


def _plural(n: int, forms: tuple[str, str], lang: str) -> str:
    singular = n <= 1 if lang == "fr" else n == 1
    return f"{n} {forms[0] if singular else forms[1]}"


def _minutes(value: float, lang: str) -> str:
    """Minutes with one decimal, as in the CSV ("0,2 min"); hours added past 60 min."""
    shown = decimal(value).replace(".", "," if lang == "fr" else ".")
    whole = int(round(value, 1))
    return f"{shown} min" + (f" ({whole // 60} h {whole % 60:02d})" if whole >= 60 else "")


def text(r: Report, lang: str) -> str:
    """The figures as sentences, one per line, like the yearly report."""
    words, line, nouns = WORDS[lang], LINES[lang], NOUNS[lang]

    def listed(counts: dict[str, int], plural: bool = True) -> str:
        shown = [(k, n) for k, n in counts.items() if n]
        if not shown:
            return "—"
        return ", ".join(
            _plural(n, words[k], lang) if plural else f"{n} {words.get(k, k)}" for k, n in shown
        )

    def say(key: str, n: int, **values: object) -> str:
        return line[key].format(count=_plural(n, nouns[key], lang), **values)

    day = {"start": _day(r.first_day, lang), "end": _day(r.last_day, lang)}
    out = [line["title"].format(**day), ""]
    out.append(say("contacts", r.contacts))
    out.append(say("followed", r.persons_followed, profiles=listed(r.profiles)))
    channels, languages = listed(r.by_channel, False), listed(r.by_language, False)
    out.append(say("requests", r.requests, channels=channels, languages=languages))
    if r.by_kiosk:
        kiosks = ", ".join(f"{name} {n}" for name, n in r.by_kiosk.items())
        out.append(line["kiosks"].format(kiosks=kiosks))
    out.append(line["interventions"].format(types=listed(r.interventions)))
    out.append(say("crisis", r.crisis))
    out.append(line["crisis_unclaimed"].format(n=r.crisis_unclaimed))
    if r.first_reply_median is None or r.first_reply_p90 is None:
        out.append(line["no_reply"])
    else:
        median, p90 = _minutes(r.first_reply_median, lang), _minutes(r.first_reply_p90, lang)
        out.append(line["reply"].format(median=median, p90=p90, n=r.replied))
    out.append(say("escalations", r.escalations, requests=r.escalated_requests))
    out.append(line["out_of_hours"].format(n=r.out_of_hours))
    given = sum(r.worker_referrals.values())
    out.append(say("referrals", given, categories=listed(r.worker_referrals, False)))
    shown = sum(r.searches.values())
    out.append(say("searches", shown, categories=listed(r.searches, False)))
    if r.checkins is not None:
        out.append(line["checkins"].format(**r.checkins))
    if r.arrivals:
        sources = ", ".join(f"{source} {n}" for source, n in r.arrivals.items())
        out.append(line["arrivals"].format(sources=sources))
    return "\n".join(out) + "\n"


def _day(day: date, lang: str) -> str:
    text = format_date(day, "long", locale=BABEL[lang])
    return f"1er{text[1:]}" if lang == "fr" and day.day == 1 else text
