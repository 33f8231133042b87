"""The "/" menus themselves (bot/channels/command_menu.py sets them up once Telegram runs):
what each chat was given, and the setMyCommands calls that change it."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import TelegramError

from flows.command_menu import menu
from storage import workers

logger = logging.getLogger(__name__)

LANGUAGES = (None, "en")  # None: every language without its own menu (French)


class CommandMenus:
    """What each chat was given, so that only changes are sent to Telegram."""

    def __init__(self, relais) -> None:
        self.relais = relais
        self.given: dict[int, str] = {}  # telegram id → "worker" | "coordinator"
        self.citizens_set = False

    async def refresh(self) -> None:
        """Send the menus that changed since the last time; forget those of former workers."""
        if self.relais.telegram is None:
            return
        everyone = await workers.list_all(self.relais.db)
        if not self.citizens_set:
            self.citizens_set = await self._set(BotCommandScopeAllPrivateChats(), "citizen")
            # A worker deactivated while the bot was down keeps no worker menu.
            self.given = {w.telegram_id: "former" for w in everyone if w.linked and not w.active}
        wanted = {
            w.telegram_id: "coordinator" if w.is_coordinator else "worker"
            for w in everyone
            if w.active and w.linked
        }
        for chat_id, kind in wanted.items():
            if self.given.get(chat_id) != kind and await self._set(
                BotCommandScopeChat(chat_id), kind
            ):
                self.given[chat_id] = kind
        for chat_id in set(self.given) - set(wanted):
            if await self._delete(BotCommandScopeChat(chat_id)):
                del self.given[chat_id]

    async def _set(self, scope, kind: str) -> bool:
        available = set(self.relais.desk.commands)
        entries = menu(kind, available)
        try:
            for language in LANGUAGES:
                render = self.relais.i18n.render
                commands = [BotCommand(c, render(d, language or "fr")) for c, d in entries]
                await self.relais.telegram.bot.set_my_commands(
                    commands, scope=scope, language_code=language
                )
        except TelegramError as exc:
            logger.warning(
                "telegram.menu_refused", extra={"kind": kind, "error": type(exc).__name__}
            )
            return False
        logger.info("telegram.menu_set", extra={"kind": kind, "commands": len(entries)})
        return True

    async def _delete(self, scope) -> bool:
        try:
            for language in LANGUAGES:
                await self.relais.telegram.bot.delete_my_commands(
                    scope=scope, language_code=language
                )
        except TelegramError as exc:
            logger.warning("telegram.menu_refused", extra={"error": type(exc).__name__})
            return False
        return True
