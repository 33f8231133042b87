"""Settings: a wrong value stops the start in one line naming the variable; `.env` is read."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.core.settings import Settings, SettingsError
from tests.conftest import inherited

TOKEN = "123456789:AAHrelais-settings_token-0123456789"
TWILIO = {
    "TWILIO_ACCOUNT_SID": "AC" + "0123456789abcdef" * 2,
    "TWILIO_AUTH_TOKEN": "settings_auth_token",
    "TWILIO_PHONE_NUMBER": "+15145550100",
}
# (variable, value, other variables it needs to be read at all)
MALFORMED = [
    ("RELAIS_PORT", "huit-mille", {}),
    ("RELAIS_PORT", "70000", {}),
    ("RELAIS_HOST", "local host", {}),
    ("RELAIS_PUBLIC_URL", "relais.example.org", {}),
    ("RELAIS_TIMEZONE", "Mars/Olympus_Mons", {}),
    ("RELAIS_LOCALE", "de", {}),
    ("RELAIS_QUIET_HOURS", "21h-9h", {}),
    ("RELAIS_ESCALATE_AFTER", "0", {}),
    ("RELAIS_RETENTION_DAYS", "jamais", {}),
    ("RELAIS_CHECKIN_TIMEOUT", "-4", {}),
    ("RELAIS_SMS_RATE", "0", {}),
    ("RELAIS_SMS_RATE", "vite", {}),
    ("RELAIS_REQUEST_TIMEOUT", "0", {}),
    ("RELAIS_STORE_WAIT", "15", {}),  # Twilio gives up at 15 s
    ("RELAIS_STORE_WAIT", "cinq", {}),
    ("RELAIS_DATABSE", "relais.db", {}),  # a typo is an unknown setting, not a silent default
    ("TELEGRAM_BOT_TOKEN", "not-a-token", {}),
    ("TELEGRAM_API_URL", "ftp://api.telegram.org", {}),
    ("TELEGRAM_WEBHOOK_SECRET", "has spaces!", {"TELEGRAM_BOT_TOKEN": TOKEN}),
    ("TELEGRAM_WEBHOOK_SECRET", "s3cret", {}),  # webhook mode without a bot
    ("TWILIO_ACCOUNT_SID", "AC123", {k: v for k, v in TWILIO.items() if k != "TWILIO_ACCOUNT_SID"}),
    ("TWILIO_PHONE_NUMBER", "le numéro", {k: v for k, v in TWILIO.items() if "NUMBER" not in k}),
    ("TWILIO_AUTH_TOKEN", "", {k: v for k, v in TWILIO.items() if "AUTH" not in k}),
    ("TWILIO_API_URL", "api.twilio.com", {}),
    ("RELAIS_DATABASE", "postgresql://relais:pw@db.example.org:cinq/relais", {}),
    ("RELAIS_DATABASE", "postgresql://relais:pw@db.example.org:5432/", {}),
]
SECRETS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TWILIO_AUTH_TOKEN", "RELAIS_DATABASE")


@pytest.mark.parametrize(
    ("name", "value", "others"), MALFORMED, ids=[f"{n}={v}" for n, v, _ in MALFORMED]
)
def test_a_malformed_value_is_named_in_one_line(name, value, others):
    with pytest.raises(SettingsError) as raised:
        Settings.from_mapping({**others, name: value})
    message = str(raised.value)
    assert message.startswith(f"{name}:"), message
    assert "\n" not in message
    if name in SECRETS and value:
        assert value not in message  # a secret is never echoed, even a wrong one


def test_a_postgresql_url_is_taken_and_its_password_never_shown():
    url = "postgresql://relais:pa55-word@db.example.org:5432/relais"
    settings = Settings.from_mapping({"RELAIS_DATABASE": url})
    assert settings.database == url
    assert "pa55-word" not in repr(settings)


def test_good_values_are_parsed():
    settings = Settings.from_mapping(
        {
            "RELAIS_PORT": " 8099 ",
            "RELAIS_PUBLIC_URL": "https://relais.example.org/",
            "RELAIS_QUIET_HOURS": "",
            "RELAIS_SMS_RATE": "2.5",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEBHOOK_SECRET": "s3cret_-",
            **TWILIO,
            "TWILIO_PHONE_NUMBER": "(514) 555-0100",
            "HOME": "/nowhere",  # other variables of the environment are none of ours
        }
    )
    assert settings.port == 8099 and settings.quiet_hours is None and settings.sms_rate == 2.5
    assert settings.base_url == "https://relais.example.org"
    assert settings.telegram_enabled and settings.sms_enabled
    assert settings.twilio_phone_number == "+15145550100"
    assert TOKEN not in repr(settings) and "settings_auth_token" not in repr(settings)


def test_empty_values_mean_the_default():
    settings = Settings.from_mapping({"TELEGRAM_BOT_TOKEN": "", "RELAIS_PORT": ""})
    assert not settings.telegram_enabled and settings.port == 8080
    assert settings.quiet_hours is not None  # 21:00-09:00 unless RELAIS_QUIET_HOURS is set


def test_dotenv_is_read_and_the_environment_wins(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "\ufeff# Relais, Mercier-Est\n"
        "RELAIS_LOCALE=fr\n"
        "export RELAIS_PORT=8091\n"
        'RELAIS_DATABASE="/srv/relais/relais #1.db"\n'
        "RELAIS_TIMEZONE=America/Toronto  # the rota's zone\n"
        "RELAIS_QUIET_HOURS='22:00-08:00'\n"
        "\n"
        "not a setting line\n",
        encoding="utf-8",
    )
    settings = Settings.from_env(environ={"RELAIS_LOCALE": "en"}, dotenv=dotenv)
    assert settings.locale == "en"  # the environment wins
    assert settings.port == 8091
    assert settings.database == "/srv/relais/relais #1.db"
    assert str(settings.timezone) == "America/Toronto"
    assert settings.quiet_hours is not None and settings.quiet_hours[0].hour == 22


def test_a_wrong_value_in_dotenv_is_named(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("RELAIS_ESCALATE_AFTER=dix\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^RELAIS_ESCALATE_AFTER: "):
        Settings.from_env(environ={}, dotenv=dotenv)
    fixed = Settings.from_env(environ={"RELAIS_ESCALATE_AFTER": "12"}, dotenv=dotenv)
    assert fixed.escalate_after_minutes == 12


# ---- through the real `relais` command -----------------------------------------------------


def relais(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("relais")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "bot.cli.main", *args]


def clean_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """Only PATH and HOME from the test's environment: no stray RELAIS_* reaches the child."""
    path = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    return {**path, **inherited(), **settings}


async def run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *args,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 20)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return proc.returncode, out.decode(), err.decode()


async def test_relais_run_refuses_a_malformed_value_in_one_line(tmp_path):
    names = (
        "RELAIS_PORT",
        "RELAIS_TIMEZONE",
        "RELAIS_DATABSE",
        "TELEGRAM_BOT_TOKEN",
        "TWILIO_ACCOUNT_SID",
    )
    cases = [next(case for case in MALFORMED if case[0] == name) for name in names]
    results = await asyncio.gather(
        *(
            run(relais("run"), clean_env(tmp_path, **others, **{name: value}), tmp_path)
            for name, value, others in cases
        )
    )
    for (name, _, _), (code, out, err) in zip(cases, results, strict=True):
        assert code != 0, (name, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and name in lines[0], (name, err)
        assert "Traceback" not in err and out == ""
    assert not list(tmp_path.glob("*.db"))  # nothing was started


async def test_relais_reads_dotenv_in_its_folder_and_the_environment_wins(tmp_path):
    (tmp_path / ".env").write_text("RELAIS_DATABASE=from-dotenv.db\n", encoding="utf-8")
    (tmp_path / ".env").chmod(0o600)  # it holds secrets: readable by others is warned about
    for name in ("from-dotenv.db", "from-env.db"):
        (tmp_path / name).touch()  # a command opens a database, it never creates one
    code, _, err = await run(relais("workers", "list"), clean_env(tmp_path), tmp_path)
    assert code == 0, err
    assert (tmp_path / "from-dotenv.db").stat().st_size > 0  # opened (and migrated)
    assert (tmp_path / "from-env.db").stat().st_size == 0

    env = clean_env(tmp_path, RELAIS_DATABASE="from-env.db")
    code, _, err = await run(relais("workers", "list"), env, tmp_path)
    assert code == 0, err
    assert (tmp_path / "from-env.db").stat().st_size > 0

    (tmp_path / ".env").write_text("RELAIS_LOCALE=de\n", encoding="utf-8")
    code, _, err = await run(relais("workers", "list"), clean_env(tmp_path), tmp_path)
    assert code != 0 and err.strip().startswith("relais: RELAIS_LOCALE:"), err
