"""Print the CLI's translatable lines in RELAIS_LOCALE (French by default, English complete)."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.i18n import I18n
from flows.text import Text


@lru_cache(maxsize=4)
def _i18n(zone: str, locale: str) -> I18n:
    return I18n(ZoneInfo(zone), locale)


def help_locale() -> str:
    """The language of `--help`: the parser is built before the settings are read, so it looks
    at RELAIS_LOCALE itself; anything but "en" gives French, the default (a bad value is
    reported by the settings right after)."""
    return "en" if os.environ.get("RELAIS_LOCALE", "").strip() == "en" else "fr"


def helptext(text: Text) -> str:
    """A help line of the command-line parser, in `help_locale()`; `%` is escaped for argparse."""
    locale = help_locale()
    return _i18n("America/Montreal", locale).render(text, locale).replace("%", "%%")


def render_in(locale: str, text: Text, zone: str = "America/Montreal") -> str:
    """The text in `locale` with the CLI's catalogs, for a line written before a command's
    environment exists (e.g. no database where the settings point)."""
    return _i18n(zone, locale).render(text, locale)


def render(env: Any, text: Text, language: str | None = None) -> str:
    """The text in the coordinator's language (or in `language`)."""
    return _i18n(env.timezone.key, env.locale).render(text, language or env.locale)


def say(env: Any, text: Text) -> None:
    """Write one line (or more) of translated text to the command's output."""
    env.out.write(render(env, text) + "\n")


def fail(env: Any, text: Text) -> int:
    """Write an error line and return the usage-error exit status (2)."""
    say(env, text)
    return 2
