"""Telegram update processing: Relais's path versus a bare python-telegram-bot echo bot."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bench.common import Plan, Row
from bench.relais_proc import WEBHOOK_SECRET
from bench.standins import StandinClient
from bot.app import Relais
from bot.channels.sender import OutboxSender
from bot.core import heap
from bot.core.settings import Settings

TARGET_COST_RATIO = 2.0
TEXTS = ("Bonjour", "J'aurais besoin d'aide pour remplir un formulaire")
NOTES = [
    "Telegram: both bots run in the benchmark process and get the same updates (new private"
    " chats, two text messages each) through `Application.process_update`, one at a time,"
    " with the Telegram stand-in in another process. process_update is the code behind both"
    " webhook and polling, so this measures processing rather than network waits. The bare"
    " bot's handler sends its reply inline (one sendMessage); Relais stores the update and"
    " queues its replies in the outbox, so after processing a fresh outbox sender, with the"
    " Telegram pacing lifted, delivers everything queued. Cost per update = CPU time of the"
    " process (every thread) / updates: Relais's counts processing plus delivery. What the"
    " process has loaded is set aside from the garbage collector first (`gc.freeze`, as"
    " `relais run` does once started), for both bots.",
]


def updates(count: int, first_chat: int) -> list[dict]:
    """`count` Bot API updates: new private chats, each sending TEXTS in turn."""
    out = []
    for n in range(count):
        chat = first_chat + n // len(TEXTS)
        user = {"id": chat, "is_bot": False, "first_name": "Test", "language_code": "fr"}
        message = {
            "message_id": n % len(TEXTS) + 1,
            "from": user,
            "chat": {"id": chat, "type": "private", "first_name": "Test"},
            "date": int(time.time()),
            "text": TEXTS[n % len(TEXTS)],
        }
        out.append({"update_id": first_chat + n, "message": message})
    return out


async def _feed(app: Application, batch: list[dict]) -> tuple[float, float]:
    """Decode and process each update in turn; (wall seconds, CPU seconds)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for data in batch:
        await app.process_update(Update.de_json(data, app.bot))
    return time.perf_counter() - wall, time.process_time() - cpu


async def bare(standins: StandinClient, count: int) -> tuple[float, float]:
    """The echo bot: one MessageHandler replying with the same text."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text(update.message.text)

    builder = Application.builder().token(standins.token).updater(None)
    app = builder.base_url(standins.telegram_url + "/bot").build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await _feed(app, updates(20, 1_000))  # warm-up
        return await _feed(app, updates(count, 100_000))


async def _drain(relais: Relais, within: float) -> float:
    """Deliver everything queued without pacing; the CPU seconds it took."""
    channel = relais.channels["telegram"]
    channel.rate, channel.per_chat_rate = 100_000.0, None
    cpu = time.process_time()
    sender = OutboxSender(relais.db, relais.channels)
    await sender.start()
    deadline = time.perf_counter() + within
    query = "SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')"
    while time.perf_counter() < deadline and (await relais.db.fetchone(query))["n"]:  # noqa: ASYNC110
        await asyncio.sleep(0.02)
    await sender.stop()
    return time.process_time() - cpu


async def started_relais(workdir: Path, standins: StandinClient, name: str = "telegram") -> Relais:
    """Relais in webhook mode, started, its sender stopped (replies stay queued)."""
    settings = Settings.from_mapping(
        {
            "RELAIS_DATABASE": str(workdir / f"{name}.db"),
            "RELAIS_QUIET_HOURS": "",
            "TELEGRAM_BOT_TOKEN": standins.token,
            "TELEGRAM_API_URL": standins.telegram_url + "/bot",
            "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
        }
    )
    relais = Relais(settings)
    await relais.start()
    try:
        await relais.sender.stop()  # replies stay queued; delivered by _drain
        await _feed(relais.telegram, updates(20, 1_000))  # warm-up
        await _drain(relais, 10)
    except BaseException:
        await relais.stop()
        raise
    return relais


async def relais_path(
    workdir: Path, standins: StandinClient, count: int
) -> tuple[float, float, float, int]:
    """Relais in webhook mode: (wall, processing CPU, delivery CPU, messages queued)."""
    relais = await started_relais(workdir, standins)
    try:
        wall, cpu = await _feed(relais.telegram, updates(count, 100_000))
        queued = (await relais.db.fetchone("SELECT COUNT(*) AS n FROM outbox WHERE status ="
                                           " 'pending'"))["n"]  # fmt: skip
        delivery = await _drain(relais, 30)
        return wall, cpu, delivery, queued
    finally:
        await relais.stop()


async def run(workdir: Path, standins: StandinClient, plan: Plan) -> list[Row]:
    """The Telegram rows."""
    count = int(plan.pick(600, 150))
    await standins.reset("telegram")
    heap.settle()  # as `relais run` does once loaded (bot/core/heap.py); for both bots
    bare_wall, bare_cpu = await bare(standins, count)
    wall, cpu, delivery, queued = await relais_path(workdir, standins, count)
    bare_cost, relais_cost = bare_cpu / count * 1000, (cpu + delivery) / count * 1000
    ratio = relais_cost / bare_cost
    return [
        Row("Telegram bare echo bot", f"{count / bare_wall:.0f} updates/s · {bare_cost:.2f}"
            " CPU ms/update"),
        Row("Telegram Relais (process_update)", f"{count / wall:.0f} updates/s · "
            f"{cpu / count * 1000:.2f} CPU ms/update + {delivery / count * 1000:.2f} to deliver"
            f" {queued} replies"),
        Row("Telegram cost ratio Relais/bare, processing only", f"{cpu / bare_cpu:.2f}×"),
        Row("Telegram cost ratio Relais/bare, incl. delivery", f"{ratio:.2f}×",
            f"≤ {TARGET_COST_RATIO:.0f}×", ratio <= TARGET_COST_RATIO),
    ]  # fmt: skip
