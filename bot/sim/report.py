"""The simulation's report: the period, SLA figures per request, and the broken promises, in
the coordinator's language (RELAIS_LOCALE: French by default, English), dates and times in the
local style ("mar. 1er déc. à 9 h 05").

Ids, aliases and times only: no message text, no number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TextIO

from babel.dates import format_date

from bot.cli.rota_show import format_day
from bot.core.i18n import BABEL_LOCALES, I18n
from bot.rota.rota import quebec_holidays
from bot.sim.check import Findings
from bot.sim.scenario import Scenario
from flows import cli_simulate_messages as sm
from flows.text import Text, When

SHORT_DAYS = {"fr": "EEE d MMM", "en": "EEE, MMM d"}  # "lun. 30 nov." / "Mon, Nov 30"


def duration(delta: timedelta | None) -> str:
    """ "12 min", "3 h 05", or "-" (the same in both languages, as in `relais report`)."""
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


class Lines:
    """The report's texts in one language and the network's zone."""

    def __init__(self, scenario: Scenario, locale: str) -> None:
        self.tz = scenario.timezone
        self.i18n = I18n(self.tz, locale)
        self.locale = self.i18n.language(locale)

    def text(self, text: Text) -> str:
        return self.i18n.render(text, self.locale)

    def day(self, day: date) -> str:
        """ "lundi 30 novembre 2026" / "Monday, November 30, 2026", as `relais rota show`."""
        return format_day(day, self.locale)

    def moment(self, moment: datetime) -> str:
        """ "lun. 30 nov. à 8 h 08" / "Mon, Nov 30 at 8:08 a.m." in the network's zone."""
        local = moment.astimezone(self.tz)
        day = format_date(local, SHORT_DAYS[self.locale], locale=BABEL_LOCALES[self.locale])
        if self.locale == "fr" and local.day == 1:
            day = day.replace(" 1 ", " 1er ", 1)
        return self.text(sm.moment(day, self.i18n.when(When(moment, "time"), self.locale)))


def notes(scenario: Scenario, lines: Lines) -> list[Text]:
    """Holidays (named in the report's language) and clock changes inside the period."""
    tz, found = scenario.timezone, []
    holidays = quebec_holidays(lines.locale)
    first = scenario.start.astimezone(tz).date()
    for n in range(scenario.days):
        day = first + timedelta(days=n)
        if day in holidays:
            found.append(sm.holiday(lines.day(day), holidays.get(day)))
        before = scenario.start + timedelta(days=n)
        after = before + timedelta(days=1)
        if before.astimezone(tz).utcoffset() != after.astimezone(tz).utcoffset():
            found.append(sm.clock_change(lines.day(day)))
    return found


def write(
    out: TextIO, scenario: Scenario, findings: Findings, rota: str | Text, locale: str = "fr"
) -> None:
    """The whole report, in `locale`; `rota` is the file tried or `sm.DEFAULT_ROTA`."""
    lines = Lines(scenario, locale)
    first = scenario.start.astimezone(lines.tz).date()
    head = [sm.heading(scenario.days, lines.day(first), lines.tz.key, scenario.seed, rota)]
    citizens = len({v.sent.citizen.alias for v in findings.verdicts})
    head.append(sm.people(citizens, len(findings.verdicts)))
    head += [sm.note(note) for note in notes(scenario, lines) + scenario.notes]
    head += _figures(findings, lines)
    for text in head:
        print(lines.text(text), file=out)
    print("\n" + table(_request_rows(findings, lines)), file=out)
    print("\n" + lines.text(sm.broken(len(findings.broken))), file=out)
    for row in table(_broken_rows(findings, lines)).splitlines():
        print("  " + row, file=out)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns two spaces apart, the last one unpadded."""
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(row, widths, strict=False)), row[-1]])
        for row in rows
    )


def _figures(findings: Findings, lines: Lines) -> list[Text]:
    requests = findings.requests
    urgent = sum(r.urgent for r in requests)
    unanswered = sum(r.first_reply is None for r in requests)
    paged = Counter(name for r in requests for name in r.paged)
    who = ", ".join(f"{name} {n}" for name, n in sorted(paged.items()))
    outcomes = Counter(v.outcome for v in findings.verdicts)
    met = ", ".join(f"{lines.text(sm.OUTCOMES[k])} {n}" for k, n in sorted(outcomes.items()))
    return [
        sm.requests(len(requests), urgent, unanswered),
        sm.first_reply(duration(findings.quantile(0.5)), duration(findings.quantile(0.9))),
        sm.escalations(sum(r.escalations for r in requests)),
        sm.paged(who or sm.NO_ONE),
        sm.messages(met),
    ]


def _request_rows(findings: Findings, lines: Lines) -> list[list[str]]:
    rows = [[lines.text(column) for column in sm.COLUMNS]]
    for r in findings.requests:
        rows.append([
            r.alias,
            r.citizen,
            lines.moment(r.created_at),
            lines.text(sm.YES) if r.urgent else "",
            duration(r.first_reply),
            str(r.escalations),
            ", ".join(r.paged) or "-",
        ])  # fmt: skip
    return rows


def _broken_rows(findings: Findings, lines: Lines) -> list[list[str]]:
    return [
        [lines.moment(b.at), b.citizen, b.request or "-", lines.text(sm.KINDS[b.kind])]
        for b in findings.broken
    ]
