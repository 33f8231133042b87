"""Mass check-ins (heat wave, cold snap): /tag, /campagne, and what becomes of a campaign.

A campaign is a row plus one follow-up row per opted-in citizen with the tag, written in one
transaction (by `/campagne` or by `relais campaign send` from another process). The bot's
sweep (bot/followups/checkins.py) sends them like any due check-in, one transaction each; the outbox
sender paces them under the providers' limits. Answers are check-in answers. Once all are out
and RELAIS_CHECKIN_TIMEOUT has passed, one summary names who did not answer.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from bot.channels import gsm7
from bot.channels.render import render
from bot.core import args as parse
from bot.core.features import Button, Feature, Services
from bot.core.turns import WORKER_CHOICE, WorkerTurn
from bot.followups.answers import recipients
from flows import checkin
from flows import worker_messages as wm
from flows.normalize import fold
from flows.text import Joined, When
from flows.types import Choice, Reply
from storage import audit, workers
from storage import followups as store
from storage import requests as request_store
from storage.clock import from_db, to_db
from storage.workers import Source, fetch

logger = logging.getLogger(__name__)

PROGRESS_EVERY = timedelta(seconds=60)
MAX_MESSAGE = 600


def offers(services: Services, sweep: Callable[[Services], Awaitable[None]]) -> Feature:
    """`/tag`, `/campagne` (coordinators) and its confirmation buttons; `sweep` sends what is
    due (bot/followups/checkins.py, which composes this into the follow-ups feature)."""
    go_or_no = parse.one_of("go", "fold", "no")
    return Feature(
        name="campaigns",
        commands={"tag": partial(tag, services), "campagne": partial(campaign_command, services)},
        buttons=(
            Button("camp", partial(campaign_button, services, sweep), (parse.ident, go_or_no)),
        ),
    )


def clean_tag(text: str) -> str | None:
    """The tag typed ("Canicule" → "canicule"); None unless 1–30 of a-z, 0-9, - and _."""
    value = fold(text.strip().lstrip("#"))
    ok = (
        value
        and len(value) <= 30
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in value)
    )
    return value if ok else None


# ---- creating -------------------------------------------------------------------------------


async def create(
    conn, tag: str, message: str, now: datetime, settings, *, worker_id: int | None = None,
    draft: bool = False,
) -> tuple[int, int, datetime] | None:  # fmt: skip
    """(campaign id, citizens, when it goes out), or None if nobody opted in has the tag."""
    targets = await store.tagged(conn, tag)
    if not targets:
        return None
    cursor = await conn.execute(
        "INSERT INTO campaigns (tag, message, worker_id, status, total, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (tag, message, worker_id, "draft" if draft else "sending", len(targets), to_db(now)),
    )
    campaign_id = cursor.fetchone()[0]
    due = checkin.after_quiet(now, settings.quiet_hours, settings.timezone)
    if not draft:
        await _queue(conn, campaign_id, now, due)
    return campaign_id, len(targets), due


async def _queue(conn, campaign_id: int, now: datetime, due: datetime) -> int:
    """One pending check-in per opted-in citizen with the tag (read again: it may have moved)."""
    rows = await conn.execute_fetchall("SELECT * FROM campaigns WHERE id = ?", (campaign_id,))
    campaign = rows[0]
    targets = await store.tagged(conn, campaign["tag"])
    for target in targets:
        await store.add(
            conn, target["id"], due, now, worker_id=campaign["worker_id"],
            message=campaign["message"], campaign_id=campaign_id,
        )  # fmt: skip
    await conn.execute(
        "UPDATE campaigns SET status = 'sending', total = ?, progress_at = ? WHERE id = ?",
        (len(targets), to_db(now), campaign_id),
    )
    await audit.log(conn, now, "system", "campaign.queued", None, f"{campaign_id}:{len(targets)}")
    return len(targets)


# ---- progress -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """Where a campaign stands, counted from its follow-up rows and their outbox rows."""

    total: int
    waiting: int  # not queued yet (due later: quiet hours, or the sweep has not come)
    in_flight: int  # queued, not yet accepted by the provider
    sent: int
    failed: int
    cancelled: int
    ok: int
    talk: int
    silent: int
    last_sent_at: datetime | None

    @property
    def out(self) -> bool:
        return self.waiting == 0 and self.in_flight == 0


async def progress(src: Source, campaign_id: int) -> Progress:
    rows = await fetch(
        src,
        "SELECT f.status, f.answer, f.sent_at, o.status AS out FROM followups f"
        " LEFT JOIN outbox o ON o.id = f.outbox_id WHERE f.campaign_id = ?",
        (campaign_id,),
    )
    status = Counter(r["status"] for r in rows)
    out = Counter(r["out"] for r in rows if r["status"] not in ("pending", "cancelled"))
    answers = Counter(r["answer"] for r in rows if r["status"] == "answered")
    sent_at = [from_db(r["sent_at"]) for r in rows if r["sent_at"]]
    return Progress(
        total=len(rows),
        waiting=status["pending"],
        in_flight=out["pending"] + out["sending"],
        sent=out["sent"] + out["delivered"],
        failed=out["failed"] + out[None],
        cancelled=status["cancelled"],
        ok=answers["ok"],
        talk=answers["talk"] + answers["message"],
        silent=status["sent"] + status["unanswered"],
        last_sent_at=max(sent_at) if sent_at else None,
    )


async def follow_up(services: Services) -> None:
    """After each sweep: progress to the launcher, then the summary once answers had time."""
    campaigns = await services.db.fetchall(
        "SELECT * FROM campaigns WHERE status = 'sending' AND reported_at IS NULL"
    )
    for campaign in campaigns:
        now = services.clock()
        state = await progress(services.db, campaign["id"])
        async with services.db.transaction() as conn:
            await _progress_message(services, conn, campaign, state, now)
            await _summary_if_due(services, conn, campaign, state, now)
    if campaigns:
        services.engine.wake()


async def _progress_message(
    services: Services, conn, campaign, state: Progress, now: datetime
) -> None:
    launcher = await workers.get(conn, campaign["worker_id"]) if campaign["worker_id"] else None
    if launcher is None or campaign["sent_report_at"] is not None:
        return
    number = campaign["id"]
    if state.out:
        text = wm.campaign_sent(number, state.sent, state.failed)
        await conn.execute(
            "UPDATE campaigns SET sent_report_at = ? WHERE id = ?", (to_db(now), number)
        )
    elif now - from_db(campaign["progress_at"] or campaign["created_at"]) >= PROGRESS_EVERY:
        text = wm.campaign_progress(number, state.sent, state.total)
        await conn.execute(
            "UPDATE campaigns SET progress_at = ? WHERE id = ?", (to_db(now), number)
        )
    else:
        return
    await services.desk.tell_worker(conn, launcher, Reply(text))


async def _summary_if_due(
    services: Services, conn, campaign, state: Progress, now: datetime
) -> None:
    timeout = timedelta(hours=services.settings.checkin_timeout_hours)
    if not state.out or state.last_sent_at is None or state.last_sent_at + timeout > now:
        return
    silent = await _settle_answers(conn, campaign["id"], now)
    ok = state.ok
    talk = state.talk + (state.silent - len(silent))
    aliases = ", ".join(await _aliases(conn, silent))
    text = wm.campaign_summary(campaign["id"], campaign["tag"], ok, talk, len(silent), aliases)
    for worker in await _summary_recipients(services, conn, campaign["worker_id"], now):
        await services.desk.tell_worker(conn, worker, Reply(text))
    await conn.execute(
        "UPDATE campaigns SET reported_at = ? WHERE id = ?", (to_db(now), campaign["id"])
    )
    await audit.log(conn, now, "system", "campaign.reported", None, str(campaign["id"]))


async def _settle_answers(conn, campaign_id: int, now: datetime) -> list[int]:
    """Rows still waiting: answered if the person wrote anything since; the silent citizens."""
    silent = []
    for row in await store.select(conn, "campaign_id = ? AND status = 'sent'", (campaign_id,)):
        if await store.wrote_since(conn, row.citizen_id, row.sent_at):
            await store.mark_answered(conn, row.id, "message", now)
        else:
            await store.mark_unanswered(conn, row.id, now)
            silent.append(row.citizen_id)
    return silent


async def _aliases(conn, citizen_ids: list[int], limit: int = 40) -> list[str]:
    """The latest case of each silent citizen: what a worker calls them by."""
    found = []
    for citizen_id in citizen_ids[:limit]:
        rows = await conn.execute_fetchall(
            "SELECT max(id) AS id FROM requests WHERE citizen_id = ?", (citizen_id,)
        )
        if rows and rows[0]["id"]:
            found.append(request_store.alias(rows[0]["id"]))
    return found


async def _summary_recipients(
    services: Services, conn, worker_id: int | None, now: datetime
) -> list:
    if worker_id is not None:
        return (await recipients(services, conn, worker_id, now))[0]
    on_duty = await services.desk.on_duty_workers(conn, now)
    coordinators = await workers.coordinators(conn)
    return list({w.id: w for w in [*on_duty, *coordinators]}.values())


# ---- worker commands ------------------------------------------------------------------------


async def tag(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/tag canicule` adds, `/tag -canicule` removes, `/tag` shows the case citizen's tags."""
    words = args.split()
    explicit = words[0] if words and words[0].startswith("#") else ""
    words = words[1:] if explicit else words
    wanted = [(w.startswith("-"), clean_tag(w.lstrip("-"))) for w in words]
    if any(t is None for _, t in wanted):
        await turn.reply(wm.tag_usage())
        return
    request = await turn.case(explicit)
    if request is None:
        return
    if request.citizen_id is None:
        await turn.reply(wm.followup_no_citizen(request.alias))
        return
    for remove, value in wanted:
        if remove:
            await store.remove_tag(turn.conn, request.citizen_id, value)
        else:
            await store.add_tag(turn.conn, request.citizen_id, value, turn.worker.id, turn.now)
    tags = ", ".join(await store.tags_of(turn.conn, request.citizen_id))
    await turn.reply(wm.tags_shown(request.alias, tags), request_id=request.id)


async def campaign_command(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/campagne TAG MESSAGE` (coordinators): shows the count and asks to confirm."""
    if not turn.worker.is_coordinator:
        await turn.reply(wm.coordinators_only())
        return
    value, _, message = args.strip().partition(" ")
    value, message = clean_tag(value), message.strip()[:MAX_MESSAGE]
    if value is None or not message:
        await turn.reply(wm.campaign_usage())
        return
    created = await create(
        turn.conn, value, message, turn.now, services.settings, worker_id=turn.worker.id, draft=True
    )
    if created is None:
        await turn.reply(wm.campaign_nobody(value))
        return
    campaign_id, count, _due = created
    await _confirm(services, turn, value, campaign_id, count, message)


async def _confirm(
    services: Services, turn: WorkerTurn, tag: str, campaign_id: int, count: int, message: str
) -> None:
    """The exact SMS each citizen gets and its segments; the accent-free choice if cheaper."""
    exact, segments = exact_sms(services, turn.worker, message, turn.language)
    folded = gsm7.fold_to_gsm7(message)
    cheaper = exact_sms(services, turn.worker, folded, turn.language)[1] if folded else segments
    text = wm.campaign_exact(tag, count, exact, segments)
    choices = [Choice(f"{WORKER_CHOICE}camp:{campaign_id}:go", wm.SEND_CAMPAIGN)]
    if cheaper < segments:
        text = Joined((text, wm.campaign_fold_hint(segments, cheaper)))
        choices = [
            Choice(f"{WORKER_CHOICE}camp:{campaign_id}:go", wm.send_campaign_as_is(segments)),
            Choice(f"{WORKER_CHOICE}camp:{campaign_id}:fold", wm.send_campaign_folded(cheaper)),
        ]
    choices.append(Choice(f"{WORKER_CHOICE}camp:{campaign_id}:no", wm.CANCEL_CAMPAIGN))
    await turn.reply(text, tuple(choices))


def exact_sms(services: Services, launcher, message: str, language: str) -> tuple[str, int]:
    """(the SMS a citizen gets for this campaign, its segments), as the sender renders it."""
    reply = checkin.checkin_reply(message, launcher.name.split()[0], launcher.organization)
    parts = render(reply, language, "sms:", services.i18n)
    return "\n".join(p.body for p in parts), sum(gsm7.segment_count(p.body) for p in parts)


async def _fold_message(conn, campaign_id: int) -> None:
    rows = await conn.execute_fetchall("SELECT message FROM campaigns WHERE id = ?", (campaign_id,))
    folded = gsm7.fold_to_gsm7(rows[0]["message"])
    if folded:
        await conn.execute("UPDATE campaigns SET message = ? WHERE id = ?", (folded, campaign_id))


async def campaign_button(
    services: Services, sweep: Callable, turn: WorkerTurn, args: tuple[int, str]
) -> None:
    """Send or drop a draft campaign; only its author can, and only once."""
    campaign_id, answer = args
    cursor = await turn.conn.execute(
        "UPDATE campaigns SET status = ? WHERE id = ? AND worker_id = ? AND status = 'draft'",
        ("cancelled" if answer == "no" else "sending", campaign_id, turn.worker.id),
    )
    if cursor.rowcount != 1:
        await turn.reply(wm.not_allowed())
        return
    if answer == "no":
        await turn.reply(wm.campaign_cancelled(campaign_id))
        return
    if answer == "fold":
        await _fold_message(turn.conn, campaign_id)
    due = checkin.after_quiet(turn.now, services.settings.quiet_hours, services.settings.timezone)
    count = await _queue(turn.conn, campaign_id, turn.now, due)
    later = When(due) if due > turn.now else None
    await turn.reply(wm.campaign_started(campaign_id, count, later))
    services.clock_work.at(f"campaign:{campaign_id}", max(due, turn.now), sweep, services)
