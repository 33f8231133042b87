"""What the coordinator reads from `relais simulate`, French msgids (see flows/cli_messages.py).

Ids, aliases and times only: no citizen's words, no number or Telegram account.
"""

from __future__ import annotations

from flows.text import Text, _, n_

DEFAULT_ROTA = _("par défaut (semaine, deux soirs, fins de semaine)")


def heading(days: int, first: str, zone: str, seed: int, rota: str | Text) -> Text:
    """First line: the period, the zone, the seed and the rota tried."""
    return n_(
        "Simulation : {count} jour à partir du {first} ({zone}), graine {seed}, horaire : {rota}",
        "Simulation : {count} jours à partir du {first} ({zone}), graine {seed}, horaire : {rota}",
        days,
        first=first,
        zone=zone,
        seed=seed,
        rota=rota,
    )


def people(citizens: int, messages: int) -> Text:
    """How many citizens wrote, how many messages."""
    return _(
        "Personnes qui ont écrit : {citizens}, messages : {messages}",
        citizens=citizens,
        messages=messages,
    )


def note(text: Text) -> Text:
    """A holiday or a clock change inside the period."""
    return _("Note : {text}", text=text)


def holiday(day: str, name: str) -> Text:
    """A Québec holiday of the period (no weekly shifts that day)."""
    return _("férié : {day} ({name})", day=day, name=name)


def clock_change(day: str) -> Text:
    """The clocks change that day (the day has 23 or 25 hours)."""
    return _("changement d'heure : {day}", day=day)


def requests(count: int, urgent: int, unanswered: int) -> Text:
    """The requests opened, the urgent ones, those no person answered."""
    return _(
        "Demandes : {count} ({urgent}), sans réponse d'une personne : {unanswered}",
        count=count,
        urgent=n_("{count} urgente", "{count} urgentes", urgent),
        unanswered=unanswered,
    )


def first_reply(median: str, p90: str) -> Text:
    """Time to the first human reply: median and 90th percentile ("12 min", "1 h 05", "-")."""
    return _(
        "Délai de la première réponse d'une personne : médiane {median}, 90e centile {p90}",
        median=median,
        p90=p90,
    )


def escalations(count: int) -> Text:
    """How many times a request waiting for a person was sent on (relances)."""
    return _("Relances : {count}", count=count)


def paged(who: str | Text) -> Text:
    """Cards received, per worker: "Jade Tremblay 12, Samuel Côté 9"."""
    return _("Fiches reçues (demandes par personne) : {who}", who=who)


NO_ONE = _("personne")


def messages(counts: str) -> Text:
    """How the messages were met: "réponse immédiate 80, transmis à une personne 10"."""
    return _("Messages : {counts}", counts=counts)


# How a citizen's message was met (bot/sim/check.py, Verdict.outcome).
OUTCOMES = {
    "answered": _("réponse immédiate"),
    "reached": _("transmis à une personne"),
    "silent": _("silence après STOP"),
    "unanswered": _("sans réponse"),
    "spoke": _("réponse après STOP"),
}

# The per-request table: one line per request.
COLUMNS = (
    _("alias"),
    _("citoyen·ne"),
    _("ouverte"),
    _("urgente"),
    _("1re réponse"),
    _("relances"),
    _("fiches à"),
)
YES = _("oui")


def moment(day: str, time: str) -> Text:
    """A moment of the period in the table and the broken promises: "lun. 30 nov. à 9 h 05"."""
    return _("{day} à {time}", day=day, time=time)


def broken(count: int) -> Text:
    """Heading of the broken promises."""
    return _("Promesses non tenues : {count}", count=count)


# What promise was broken (bot/sim/check.py, Broken.kind).
KINDS = {
    "unanswered": _("message sans réponse"),
    "urgent_unreached": _("demande urgente qui n'a joint personne"),
    "false_statement": _("« quelqu'un va répondre » dit alors que personne ne l'avait"),
    "spoke_after_stop": _("message envoyé après STOP"),
}
