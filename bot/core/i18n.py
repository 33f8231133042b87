"""Render translatable text for one recipient: catalogs from locales/, dates with Babel."""

from __future__ import annotations

import logging
import os
from importlib import resources
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from flows.text import Joined, Raw, Text, When, _
from flows.types import Reply

logger = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
BABEL_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
DOMAIN = "relais"
DAY_PATTERNS = {"fr": "EEEE d MMMM", "en": "EEEE, MMMM d"}


def load_catalog(language: str) -> Translations:
    """Compile `locales/<lang>/LC_MESSAGES/relais.po`; fail loudly if it is missing.

    Parsing a .po costs ~20 ms of CPU, and each process builds an I18n for the bot, the
    operator's lines and the CLI help: a catalog is compiled once per process and file
    version, and the compiled form is kept beside the .po as Python keeps bytecode
    (`__pycache__/relais.<mtime>-<size>.mo`), so the next process reads it in a fraction of
    a millisecond. An edited .po (new mtime or size) is compiled again; where the folder is
    read-only, every process compiles it in memory."""
    po_file = resources.files("locales") / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        stat = Path(str(po_file)).stat()
    except OSError:  # not a plain file (a zipped install): compile it each time
        return Translations(BytesIO(compile_po(po_file.read_bytes(), language)), domain=DOMAIN)
    version = (str(po_file), stat.st_mtime_ns, stat.st_size)
    known = _COMPILED.get(language)
    if known is not None and known[0] == version:
        return known[1]
    translations = compiled_catalog(Path(str(po_file)), language, stat)
    _COMPILED[language] = (version, translations)
    return translations


def compile_po(source: bytes, language: str) -> bytes:
    """A .po file's text as the bytes of its .mo."""
    catalog = read_po(BytesIO(source), locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compiled_catalog(
    po_file: Path, language: str, stat: os.stat_result | None = None
) -> Translations:
    """The catalog of `po_file` (whose `stat` the caller may have read already): its .mo read
    from `__pycache__` if this version (mtime, size) was compiled before and reads whole, else
    compiled and kept there for the next process."""
    stat = stat or po_file.stat()
    cached = po_file.parent / "__pycache__" / f"{DOMAIN}.{stat.st_mtime_ns}-{stat.st_size}.mo"
    try:
        return Translations(BytesIO(cached.read_bytes()), domain=DOMAIN)
    except Exception:  # none yet, unreadable, or damaged: compiled again
        pass
    compiled = compile_po(po_file.read_bytes(), language)
    _keep(cached, compiled)
    return Translations(BytesIO(compiled), domain=DOMAIN)


def _keep(cached: Path, compiled: bytes) -> None:
    """Write the compiled catalog for the next process (whole, or not at all: written aside,
    then renamed), and remove those of earlier versions; a folder that cannot be written is
    left as it is."""
    try:
        cached.parent.mkdir(exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        partial.write_bytes(compiled)
        os.replace(partial, cached)
        for old in cached.parent.glob(f"{DOMAIN}.*.mo"):
            if old != cached:
                old.unlink(missing_ok=True)
    except OSError:
        logger.debug("i18n.catalog_cache_unwritable")


_COMPILED: dict[str, tuple[tuple[str, int, int], Translations]] = {}  # language → (file, catalog)


class I18n:
    """Translate `Text` per recipient; the locale is chosen at send time, never installed."""

    def __init__(self, timezone: ZoneInfo, default_language: str = "fr") -> None:
        self.timezone = timezone
        self.default_language = default_language
        self._catalogs = {lang: load_catalog(lang) for lang in LANGUAGES}

    def language(self, language: str | None) -> str:
        return language if language in self._catalogs else self.default_language

    def render(self, item: Text | Raw | Joined | None, language: str) -> str:
        """The final string for one recipient."""
        if item is None:
            return ""
        if isinstance(item, Raw):
            return item.value
        if isinstance(item, Joined):
            return "\n\n".join(filter(None, (self.render(p, language) for p in item.parts)))
        return self._text(item, self.language(language))

    def _text(self, item: Text, language: str) -> str:
        catalog = self._catalogs[language]
        if item.plural is not None:
            template = catalog.ngettext(item.msgid, item.plural, item.count or 0)
        else:
            template = catalog.gettext(item.msgid)
        params = {k: self._param(v, language) for k, v in item.params}
        try:
            text = template.format(**params) if params else template
            # "back at 9:00 a.m.." : a sentence ending on an English time keeps one period.
            return text.replace("a.m..", "a.m.").replace("p.m..", "p.m.")
        except (KeyError, IndexError, ValueError):
            logger.error("i18n.format_error", extra={"msgid": item.msgid[:40]})
            return item.msgid.format(**params)

    def _param(self, value: object, language: str) -> object:
        if isinstance(value, When):
            return self.when(value, language)
        if isinstance(value, Text | Raw | Joined):
            return self.render(value, language)
        return value

    def when(self, value: When, language: str) -> str:
        """A moment in the configured zone: "jeudi 27 novembre à 9 h"."""
        locale = BABEL_LOCALES[self.language(language)]
        local = value.moment.astimezone(self.timezone)
        if value.style == "numeric":  # 2026-12-01: short, and GSM-7 in August too
            return local.date().isoformat()
        day = format_date(local, DAY_PATTERNS[self.language(language)], locale=locale)
        hour = format_time(local, "short", locale=locale)
        if locale == "fr_CA":  # Québec style: "9 h", "9 h 30", "1er janvier"
            hour = f"{local.hour} h" + (f" {local.minute:02d}" if local.minute else "")
            if local.day == 1:
                day = day.replace(" 1 ", " 1er ", 1)
        if value.style == "date":
            return day
        if value.style == "time":
            return hour
        return self.render(_("{day} à {time}", day=day, time=hour), language)

    def labels(self, reply: Reply, language: str) -> list[tuple[str, str]]:
        """(key, label) of a reply's choices in the recipient's language."""
        return [(c.key, self.render(c.label, language)) for c in reply.choices]
