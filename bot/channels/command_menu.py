"""Telegram's "/" command menu (setMyCommands): per linked worker, and for everyone else.

Citizens (all private chats) see /start and /aide; each active linked worker's chat gets the
worker commands, coordinators also /garde, /remplacer, /campagne; in French by default and in
English for an English Telegram. Set at start and refreshed every minute, so a newly
linked or deactivated worker gets the right menu without a restart. A refusal by Telegram
is logged and never stops the bot.
"""

from __future__ import annotations

from apscheduler.triggers.interval import IntervalTrigger

from bot.core.features import Feature

REFRESH_MINUTES = 1  # a newly linked worker has their menu within a minute


def feature(relais) -> Feature:
    """The "/" menus, set once Telegram runs and kept in step with the workers."""
    return Feature(name="command menus", on_start=(lambda: started(relais),))


async def started(relais) -> None:
    """Set the menus now, then keep them in step with the workers."""
    if relais.telegram is None:
        return
    # Only where Telegram runs: the menus module loads python-telegram-bot (bot/app.py).
    from bot.channels.telegram_menus import CommandMenus

    menus = CommandMenus(relais)
    relais.command_menus = menus
    await menus.refresh()
    trigger = IntervalTrigger(minutes=REFRESH_MINUTES)
    relais.clock_work.every("telegram:menus", trigger, menus.refresh)
