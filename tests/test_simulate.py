"""`relais simulate`: the real bot on a virtual clock, and its checker, re-checked here from the
transcripts and the rows by other means than the checker's own."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli.main import CliEnv, build_parser, main
from bot.core.settings import Settings
from bot.sim import report
from bot.sim.check import REPLY_WITHIN, URGENT_WITHIN, Checker, Findings, promises
from bot.sim.run import Played, play
from bot.sim.scenario import CRISES, generate
from flows import messages as m
from storage.clock import from_db
from storage.db import Database
from tests.conftest import run_cli

TZ = ZoneInfo("America/Montreal")
MONDAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


async def _simulate(*argv: str, locale: str = "fr") -> tuple[int, str]:
    """`relais simulate …` through the real parser; the database given is never opened."""
    args = build_parser().parse_args(["simulate", *argv])
    out = io.StringIO()
    settings = Settings()
    env = CliEnv(db=Database(":memory:"), timezone=TZ, locale=locale, settings=settings,
                 now=lambda: NOW, out=out)  # fmt: skip
    return await args.func(args, env), out.getvalue()


def _broken_count(report: str) -> int:
    heads = ("Promesses non tenues :", "Broken promises:")
    line = next(ln for ln in report.splitlines() if ln.startswith(heads))
    return int(line.split(":")[1])


def _aligned(report: str, header: str, columns: tuple[str, ...]) -> None:
    """Each request line has a cell starting under each column's name (the table is aligned)."""
    lines = report.splitlines()
    head = next(ln for ln in lines if ln.startswith(header))
    rows = [ln for ln in lines if ln.startswith("#A")]
    assert rows
    for column in columns:
        at = head.index(column)
        assert all(row[at - 2 : at] == "  " and row[at] != " " for row in rows), column


async def test_a_week_through_the_cli_prints_sla_figures_and_broken_promises() -> None:
    code, report = await _simulate("--days", "7", "--seed", "3", "--start", "2026-11-30")
    assert report.startswith("Simulation : 7 jours à partir du lundi 30 novembre 2026 "
                             "(America/Montreal), graine 3, horaire : par défaut")  # fmt: skip
    assert "Délai de la première réponse d'une personne : médiane" in report
    assert "90e centile" in report
    assert "Relances :" in report and "Fiches reçues (demandes par personne) :" in report
    assert "#A1 " in report  # one line per request
    assert re.search(r"\n#A\d+ +c\d\d +mar\. 1er déc\. à \d{1,2} h( \d\d)? ", report)  # 9 h 05
    assert "Time to first" not in report and ":%M" not in report  # no English left, no HH:MM
    _aligned(report, "alias  citoyen·ne  ouverte", ("1re réponse", "relances", "fiches à"))
    assert code == (1 if _broken_count(report) else 0)
    assert "+1514" not in report and "loyer" not in report  # ids and times, no number or text


def test_simulate_never_opens_the_network_database(tmp_path, monkeypatch, capsys) -> None:
    """…and speaks English with RELAIS_LOCALE=en, the same report."""
    real = tmp_path / "relais.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RELAIS_DATABASE", str(real))
    monkeypatch.setenv("RELAIS_LOCALE", "en")
    code = main(["simulate", "--days", "1", "--seed", "2", "--start", "2026-12-01"])
    assert code in (0, 1)
    assert not real.exists()
    report = capsys.readouterr().out
    assert report.startswith("Simulation: 1 day from Tuesday, December 1, 2026 "
                             "(America/Montreal), seed 2, rota: default (weekdays, two "
                             "evenings, weekends)\nCitizens: ")  # fmt: skip
    assert "Time to first human reply: median" in report and "p90" in report
    assert "Escalations:" in report and "Paged (requests per person):" in report
    assert re.search(r"\n#A1 +c\d\d +Tue, Dec 1 at \d{1,2}:\d\d\s[ap]\.m\. ", report)
    _aligned(report, "alias  citizen  opened", ("first reply", "escalations", "paged"))
    assert code == (1 if _broken_count(report) else 0)
    assert "Relances" not in report and " à " not in report  # no French left
    assert "+1514" not in report and "loyer" not in report


def test_holidays_and_clock_changes_are_noted_in_the_language() -> None:
    from bot.core.i18n import I18n
    from bot.sim.report import Lines, notes

    fall = generate(1, date(2026, 10, 31), 3, TZ)
    christmas = generate(1, date(2026, 12, 24), 2, TZ)
    said = {lang: [I18n(TZ).render(t, lang) for s in (fall, christmas)
                   for t in notes(s, Lines(s, lang))] for lang in ("fr", "en")}  # fmt: skip
    assert said["fr"] == ["changement d'heure : dimanche 1er novembre 2026",
                          "férié : vendredi 25 décembre 2026 (Jour de Noël)"]  # fmt: skip
    assert said["en"] == ["clock change: Sunday, November 1, 2026",
                          "holiday: Friday, December 25, 2026 (Christmas Day)"]  # fmt: skip


async def test_a_rota_file_is_tried_with_the_workers_it_names(tmp_path: Path) -> None:
    rota = tmp_path / "next-month.csv"
    rota.write_text("worker,day,start,end\nAna Roy,mon,09:00,17:00\nBo Li,tue,09:00,17:00\n")
    code, report = await _simulate("--rota", str(rota), "--days", "2", "--start", "2026-11-30")
    assert f"horaire : {rota}" in report
    assert "Ana Roy" in report and "Bo Li" in report
    assert code == (1 if _broken_count(report) else 0)


CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:garde-ana@test
DTSTAMP:20261101T000000Z
DTSTART;TZID=America/Montreal:20261102T090000
DTEND;TZID=America/Montreal:20261102T170000
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
SUMMARY:Ana Roy
END:VEVENT
END:VCALENDAR
"""


async def test_a_calendar_rota_names_its_workers_by_event_title(tmp_path: Path) -> None:
    rota = tmp_path / "next-month.ics"
    rota.write_text(CALENDAR.replace("\n", "\r\n"))
    code, report = await _simulate("--rota", str(rota), "--days", "1", "--start", "2026-12-01")
    assert "Ana Roy" in report and code == (1 if _broken_count(report) else 0)


async def test_a_bad_rota_file_is_refused_with_its_line(tmp_path: Path) -> None:
    rota = tmp_path / "bad.csv"
    rota.write_text("worker,day,start,end\nAna Roy,lundi,9:00,25:00\n")
    code, report = await _simulate("--rota", str(rota), "--start", "2026-11-30")
    assert code == 2 and report.startswith(f"erreur : {rota} refusé, ligne 2 : ")  # French default
    assert report.count("\n") == 1
    code, report = await _simulate("--rota", str(rota), "--start", "2026-11-30", locale="en")
    assert code == 2 and report.startswith(f"error: {rota} refused, line 2: ")
    code, report = await _simulate("--rota", str(tmp_path / "nope.csv"), locale="en")
    assert code == 2 and report.startswith(f"error: cannot read {tmp_path / 'nope.csv'}: ")


# ---- the checker, re-checked ------------------------------------------------------------


async def _outbox_to_workers(played: Played) -> list[dict]:
    rows = await played.service.db.fetchall(
        "SELECT o.request_id, o.created_at, w.id AS worker, w.role FROM outbox o"
        " JOIN workers w ON w.id = o.worker_id WHERE o.status IN ('sent', 'delivered')"
        " AND o.request_id IS NOT NULL"
    )
    return [dict(r) | {"at": from_db(r["created_at"])} for r in rows]


def _window(played: Played, index: int) -> tuple[datetime, datetime]:
    sent = played.sent[index]
    later = [s.message.at for s in played.sent[index + 1 :] if s.citizen == sent.citizen]
    return sent.message.at, min([sent.message.at + REPLY_WITHIN, *later])


async def _recheck(played: Played, findings: Findings) -> None:
    """Every verdict and every broken promise, seen again from the transcripts and the rows."""
    assert [v.sent for v in findings.verdicts] == played.sent
    assert len(played.sent) == len(played.scenario.messages)  # every message accounted for
    to_workers = await _outbox_to_workers(played)
    broken = {(b.kind, b.citizen, b.at) for b in findings.broken}
    for index, verdict in enumerate(findings.verdicts):
        start, end = _window(played, index)
        got = [s for s in played.service.transcript(verdict.sent.citizen.address)
               if start <= s.at < end]  # fmt: skip
        staff = [r for r in to_workers if r["request_id"] == verdict.request_id
                 and start <= r["at"] < end]  # fmt: skip
        key = (verdict.sent.citizen.alias, verdict.sent.message.at)
        if verdict.outcome == "answered":
            assert got
        elif verdict.outcome == "reached":
            assert not got and staff
        elif verdict.outcome == "unanswered":
            assert not got and ("unanswered", *key) in broken
        elif verdict.outcome == "silent":
            assert not got and any(
                s.message.text == "STOP"
                for s in played.sent[:index]
                if s.citizen == verdict.sent.citizen
            )
        else:
            assert verdict.outcome == "spoke" and got and ("spoke_after_stop", *key) in broken
    await _recheck_urgent(played, findings, to_workers)
    _recheck_statements(played, findings)


async def _recheck_urgent(played: Played, findings: Findings, to_workers: list[dict]) -> None:
    """An urgent request is reported unless a worker's chat got it within 30 minutes of the
    first crisis message (the scenario's own crisis texts, not the bot's detector)."""
    crises = {text for texts in CRISES.values() for text in texts}
    reported = {b.request for b in findings.broken if b.kind == "urgent_unreached"}
    for request in findings.requests:
        if not request.urgent:
            assert request.alias not in reported
            continue
        since = min([v.sent.message.at for v in findings.verdicts if v.request_id == request.id
                     and v.sent.message.text in crises] or [request.created_at])  # fmt: skip
        pages = [
            r["at"]
            for r in to_workers
            if r["request_id"] == request.id and since <= r["at"] <= since + URGENT_WITHIN
        ]
        assert (request.alias in reported) == (not pages)


def _recheck_statements(played: Played, findings: Findings) -> None:
    """Each false statement was really said: the rendered `request_opened` / `added_to_request`."""
    i18n = played.service.relais.i18n
    for b in (b for b in findings.broken if b.kind == "false_statement"):
        sent = next(s for s in played.sent if s.citizen.alias == b.citizen and s.message.at == b.at)
        texts = [m.request_opened(b.request, True, None), *promises()[1:]]
        said = {i18n.render(text, language) for language in ("fr", "en") for text in texts}
        bodies = [s.body for s in played.service.transcript(sent.citizen.address)
                  if b.at <= s.at < b.at + REPLY_WITHIN]  # fmt: skip
        assert any(text in body for text in said for body in bodies)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    days=st.integers(1, 2),
    night=st.sampled_from([0.0, 0.3, 1.0]),
    first=st.dates(date(2026, 10, 29), date(2027, 1, 3)),  # the clock change, Christmas, New Year
)
async def test_the_checker_is_consistent_over_generated_scenarios(seed, days, night, first):
    scenario = generate(seed, first, days, TZ, night_share=night, per_day=(2, 5))
    played = await play(scenario)
    try:
        findings = await Checker(played).check()
        await _recheck(played, findings)
    finally:
        await played.service.__aexit__(None, None, None)


async def test_night_messages_all_get_a_true_answer() -> None:
    """Issue 11: a night of messages, none left without a true answer (was xfail until the
    night answers were merged)."""
    scenario = generate(5, MONDAY, 2, TZ, night_share=1.0, per_day=(3, 5))
    played = await play(scenario)
    try:
        findings = await Checker(played).check()
    finally:
        await played.service.__aexit__(None, None, None)
    assert findings.broken == []


async def test_the_checker_catches_a_promise_nobody_can_keep() -> None:
    """A French request paged to Jade; Jade is deactivated before she takes it while Sam, who
    reads only English, is on duty: until the next sweep pages Sam (up to 30 s in the bot), the
    bot tells the citizen "a person will answer" though no one who can holds the request."""
    from bot.rota.rota import Shift
    from bot.sim.harness import Service
    from bot.sim.run import SentMessage
    from bot.sim.scenario import Citizen, Message, Scenario, WorkerPlan

    start = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday 10:00 in Montréal
    async with Service(start) as service:
        jade = await service.add_worker("Jade Roy", 8001)
        sam = await service.add_worker("Sam Li", 8002, languages=("en",))
        await service.set_rota([Shift(w.id, time(9), time(17), weekday=1) for w in (jade, sam)])
        citizen = Citizen("c01", "sms", "+15145550111", "fr")
        sent = []
        for minutes, text in ((0, "J'ai besoin d'aide pour mon loyer"), (5, "Allo?")):
            await service.run_until(start + timedelta(minutes=minutes))
            if minutes:  # the coordinator's command; the sweep has not run since
                await run_cli(service.db, "workers", "deactivate", "Jade", "Roy", now=service.now())
            pid = await service.citizen_sms(citizen.handle, text)
            sent.append(SentMessage(Message(service.now(), "c01", text), citizen, pid))
        scenario = Scenario(0, start, 1, TZ, [], [], [citizen], [s.message for s in sent])
        plans = {w.name: WorkerPlan(w.name, w.telegram_id) for w in (jade, sam)}
        played = Played(service, scenario, sent, {w.name: w for w in (jade, sam)}, plans,
                        {jade.id: start + timedelta(minutes=5)})  # fmt: skip
        findings = await Checker(played).check()
        assert [(b.kind, b.citizen, b.request) for b in findings.broken] == [
            ("false_statement", "c01", "#A1")
        ]
        await _recheck(played, findings)
    said = {}
    for locale in ("fr", "en"):
        out = io.StringIO()
        report.write(out, scenario, findings, "rota.csv", locale)
        said[locale] = out.getvalue()
    assert said["fr"].endswith(
        "\nPromesses non tenues : 1\n  mar. 1er déc. à 10 h 05  c01  #A1  "
        "« quelqu'un va répondre » dit alors que personne ne l'avait\n"
    )
    assert said["en"].endswith(
        "\nBroken promises: 1\n  Tue, Dec 1 at 10:05\u202fa.m.  c01  #A1  "
        "'someone will answer' said, no one had it\n"
    )
    assert "+1514" not in said["fr"] + said["en"] and "loyer" not in said["fr"] + said["en"]
