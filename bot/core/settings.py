"""Typed settings from the environment and `.env`; a wrong value stops the start in one line."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.targets import check_url, is_postgresql

logger = logging.getLogger(__name__)

_TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_QUIET = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


class SettingsError(ValueError):
    """A setting is missing, unknown or malformed; the message names the variable."""


class Secret(str):
    """A string that never shows itself in a repr or a log line."""

    def __repr__(self) -> str:
        return "Secret('**********')"


@dataclass(frozen=True)
class Settings:
    """Every setting of interfaces.md, parsed and checked."""

    database: str = "relais.db"
    host: str = "127.0.0.1"
    port: int = 8080
    public_url: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("America/Montreal"))
    locale: str = "fr"
    quiet_hours: tuple[time, time] | None = (time(21, 0), time(9, 0))
    escalate_after_minutes: int = 10
    retention_days: int = 365
    checkin_timeout_hours: int = 24
    sms_rate: float = 1.0
    request_timeout: int = 10
    store_wait: float = 5.0  # seconds a webhook waits for a busy database (Twilio gives 15)
    web_session_hours: int = 12
    kiosk_idle_seconds: int = 180
    web_new_sessions_per_minute: int = 10
    telegram_bot_token: Secret | None = None
    telegram_api_url: str = "https://api.telegram.org/bot"
    telegram_webhook_secret: Secret | None = None
    twilio_account_sid: str | None = None
    twilio_auth_token: Secret | None = None
    twilio_phone_number: str | None = None
    twilio_api_url: str = "https://api.twilio.com"
    metrics: str = "loopback"  # who may read /metrics: loopback | open | token:<secret>
    alert_sms: tuple[str, ...] = ()  # coordinators' numbers for alerts when Telegram fails
    crisis_reader: str = "semantic"  # semantic: patterns + sentence model | patterns: alone

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    @property
    def sms_enabled(self) -> bool:
        return self.twilio_account_sid is not None

    @property
    def base_url(self) -> str:
        """The public base URL without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @classmethod
    def from_env(
        cls, environ: dict[str, str] | None = None, dotenv: Path | None = None
    ) -> Settings:
        """Read `RELAIS_*`, `TELEGRAM_*` and `TWILIO_*`; the environment wins over `.env`."""
        values = read_dotenv(dotenv if dotenv is not None else Path(".env"))
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, values: dict[str, str]) -> Settings:
        """Build settings from a plain dict of variables (tests use this)."""
        known = {k: v for k, v in values.items() if k.startswith(_PREFIXES)}
        unknown = sorted(set(known) - set(_PARSERS))
        if unknown:
            raise SettingsError(f"{unknown[0]}: unknown setting (check the spelling)")
        kwargs: dict[str, Any] = {}
        for name, (attr, parse) in _PARSERS.items():
            if name not in known:
                continue
            raw = known[name]
            if raw.strip() == "" and name != "RELAIS_QUIET_HOURS":
                continue
            try:
                kwargs[attr] = parse(raw.strip())
            except (ValueError, ZoneInfoNotFoundError) as exc:
                raise SettingsError(f"{name}: {exc}") from None
        settings = cls(**kwargs)
        settings._check_groups()
        return settings

    def _check_groups(self) -> None:
        twilio = [self.twilio_account_sid, self.twilio_auth_token, self.twilio_phone_number]
        if any(twilio) and not all(twilio):
            missing = [
                n
                for n, v in zip(
                    ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER"),
                    twilio,
                    strict=True,
                )
                if not v
            ]
            raise SettingsError(f"{missing[0]}: SMS needs all three TWILIO_ variables")
        if self.telegram_webhook_secret and not self.telegram_bot_token:
            raise SettingsError("TELEGRAM_WEBHOOK_SECRET: set TELEGRAM_BOT_TOKEN too")


_PREFIXES = ("RELAIS_", "TELEGRAM_", "TWILIO_")


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a simple `.env` file: `NAME=value` lines, `#` comments, optional quotes."""
    if not path.is_file():
        return {}
    if path.stat().st_mode & 0o044:
        # It holds the bot token and the Twilio secret: `chmod 600 .env`.
        logger.warning("dotenv.readable_by_others (chmod 600)", extra={"path": str(path)})
    values: dict[str, str] = {}
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise SettingsError(
            f"{path}: line {line} is not UTF-8 text; save the file as UTF-8"
        ) from None
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read it ({exc.strerror})") from None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, _, value = line.partition("=")
        values[name.removeprefix("export ").strip()] = _dotenv_value(value)
    return values


def _dotenv_value(raw: str) -> str:
    """A quoted value as written; an unquoted one without a trailing ` # comment`."""
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        end = raw.find(raw[0], 1)
        if end > 0:
            return raw[1:end]
    return raw.split(" #", 1)[0].rstrip()


def _int_in(low: int, high: int):
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"expected a whole number, got {raw!r}") from None
        if not low <= value <= high:
            raise ValueError(f"expected a number from {low} to {high}, got {value}")
        return value

    return parse


def _number_in(low: float, high: float, what: str, *, above: bool = False):
    """A decimal number from `low` (or above it) to `high`: `what` says what is counted."""

    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError(f"expected {what}, got {raw!r}") from None
        if not ((low < value) if above else (low <= value)) or not value <= high:
            span = f"more than {low:g} and at most {high:g}" if above else f"{low:g} to {high:g}"
            raise ValueError(f"expected {span} {what}, got {value:g}")
        return value

    return parse


def _url(raw: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"expected an http(s) URL, got {raw!r}")
    return raw.rstrip("/")


def _zone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {raw!r} (e.g. America/Montreal)") from None


def _locale(raw: str) -> str:
    if raw not in ("fr", "en"):
        raise ValueError(f"expected fr or en, got {raw!r}")
    return raw


def _quiet(raw: str) -> tuple[time, time] | None:
    if raw == "":
        return None
    match = _QUIET.match(raw)
    if not match:
        raise ValueError(f"expected HH:MM-HH:MM (e.g. 21:00-09:00), got {raw!r}")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return time(h1, m1), time(h2, m2)


def _token(raw: str) -> Secret:
    if not _TELEGRAM_TOKEN.match(raw):
        raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
    return Secret(raw)


def _webhook_secret(raw: str) -> Secret:
    if not _WEBHOOK_SECRET.match(raw):
        raise ValueError("1 to 256 characters among A-Z, a-z, 0-9, _ and -")
    return Secret(raw)


def _account_sid(raw: str) -> str:
    if not re.fullmatch(r"AC[0-9a-fA-F]{32}", raw):
        raise ValueError("expected AC followed by 32 hexadecimal characters")
    return raw


def _phone(raw: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(raw, "CA")
    except phonenumbers.NumberParseException:
        raise ValueError(f"not a phone number: {raw!r}") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(f"not a possible phone number: {raw!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _host(raw: str) -> str:
    if any(c.isspace() for c in raw) or "/" in raw:
        raise ValueError(f"expected a host name or IP address, got {raw!r}")
    return raw


def _metrics(raw: str) -> str:
    if raw in ("loopback", "open"):
        return raw
    if raw.startswith("token:"):
        if len(raw) - len("token:") < 16 or any(c.isspace() for c in raw):
            raise ValueError("token:<secret> needs a secret of 16 or more characters, no spaces")
        return Secret(raw)
    raise ValueError(f"expected loopback, open or token:<secret>, got {raw[:20]!r}")


def _database(raw: str) -> str:
    """A SQLite file, or a PostgreSQL URL (kept as a `Secret`: it may hold a password)."""
    if not is_postgresql(raw):
        return raw
    return Secret(check_url(raw))


def _crisis_reader(raw: str) -> str:
    if raw in ("semantic", "patterns"):
        return raw
    raise ValueError(f"expected semantic or patterns, got {raw[:20]!r}")


def _phones(raw: str) -> tuple[str, ...]:
    return tuple(_phone(part.strip()) for part in raw.split(",") if part.strip())


def _nonempty_secret(raw: str) -> Secret:
    return Secret(raw)


_PARSERS: dict[str, tuple[str, Any]] = {
    "RELAIS_DATABASE": ("database", _database),
    "RELAIS_HOST": ("host", _host),
    "RELAIS_PORT": ("port", _int_in(0, 65535)),
    "RELAIS_PUBLIC_URL": ("public_url", _url),
    "RELAIS_TIMEZONE": ("timezone", _zone),
    "RELAIS_LOCALE": ("locale", _locale),
    "RELAIS_QUIET_HOURS": ("quiet_hours", _quiet),
    "RELAIS_ESCALATE_AFTER": ("escalate_after_minutes", _int_in(1, 24 * 60)),
    "RELAIS_RETENTION_DAYS": ("retention_days", _int_in(1, 3650)),
    "RELAIS_CHECKIN_TIMEOUT": ("checkin_timeout_hours", _int_in(1, 24 * 14)),
    "RELAIS_SMS_RATE": ("sms_rate", _number_in(0, 100, "messages per second", above=True)),
    "RELAIS_REQUEST_TIMEOUT": ("request_timeout", _int_in(1, 120)),
    "RELAIS_STORE_WAIT": ("store_wait", _number_in(0.1, 14, "seconds")),
    "RELAIS_WEB_SESSION_HOURS": ("web_session_hours", _int_in(1, 24 * 7)),
    "RELAIS_KIOSK_IDLE_SECONDS": ("kiosk_idle_seconds", _int_in(2, 3600)),
    "RELAIS_WEB_SESSIONS_PER_MINUTE": ("web_new_sessions_per_minute", _int_in(1, 1_000_000)),
    "TELEGRAM_BOT_TOKEN": ("telegram_bot_token", _token),
    "TELEGRAM_API_URL": ("telegram_api_url", _url),
    "TELEGRAM_WEBHOOK_SECRET": ("telegram_webhook_secret", _webhook_secret),
    "TWILIO_ACCOUNT_SID": ("twilio_account_sid", _account_sid),
    "TWILIO_AUTH_TOKEN": ("twilio_auth_token", _nonempty_secret),
    "TWILIO_PHONE_NUMBER": ("twilio_phone_number", _phone),
    "TWILIO_API_URL": ("twilio_api_url", _url),
    "RELAIS_METRICS": ("metrics", _metrics),
    "RELAIS_ALERT_SMS": ("alert_sms", _phones),
    "RELAIS_CRISIS_READER": ("crisis_reader", _crisis_reader),
}
