"""`/tableau` in Telegram: a worker or coordinator gets her personal sign-in link (single use,
10 minutes). Once the message has gone out, the token is struck from its stored copy, so the
outbox holds no usable link (tokens and sessions are otherwise only stored hashed)."""

from __future__ import annotations

import logging
from functools import partial

from apscheduler.triggers.interval import IntervalTrigger

from bot.core.features import Feature, Job, Services
from bot.core.turns import WorkerTurn
from bot.dashboard.dashboard import sign_in_url
from flows import dashboard_messages as dm
from storage import dashboard as store

logger = logging.getLogger(__name__)

SCRUB_SECONDS = 30


def feature(services: Services) -> Feature:
    """The /tableau command, its /aide line, and the job that strikes sent links' tokens."""
    return Feature(
        name="dashboard",
        commands={"tableau": partial(tableau, services)},
        help={"worker": dm.help_line},
        jobs=(Job("dashboard:scrub", IntervalTrigger(seconds=SCRUB_SECONDS), scrub, (services,)),),
    )


async def tableau(services: Services, turn: WorkerTurn, args: str) -> None:
    """`/tableau`: the link, to this worker only."""
    token = await store.create_link(turn.conn, turn.worker.id, turn.now)
    url = sign_in_url(services.settings.base_url, token)
    await turn.reply(dm.link_message(url, store.LINK_MINUTES))


async def scrub(services: Services) -> None:
    """Strike the tokens of the links already sent (or given up)."""
    async with services.db.transaction() as conn:
        count = await store.scrub_sent_links(conn, services.clock())
    if count:
        logger.info("dashboard.links_scrubbed", extra={"count": count})
