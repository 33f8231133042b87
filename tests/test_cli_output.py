"""The coordinator's terminal: answers in RELAIS_LOCALE (French by default), no log unless -v."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from storage.db import Database
from tests.conftest import inherited
from tests.test_backup import relais


async def run(tmp_path: Path, *argv: str, **env: str) -> tuple[int, str, str]:
    """`relais …` in its own process: (exit code, stdout, stderr)."""
    if not (tmp_path / "relais.db").exists():  # `relais run` creates it; commands never do
        async with Database(str(tmp_path / "relais.db")):
            pass
    environ = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), **inherited()}
    environ["RELAIS_DATABASE"] = str(tmp_path / "relais.db")
    proc = await asyncio.create_subprocess_exec(
        *relais(*argv),
        env={**environ, **env},
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 20)
    return proc.returncode, out.decode(), err.decode()


async def test_commands_answer_in_french_without_log_lines(tmp_path):
    code, out, err = await run(tmp_path, "workers", "add", "Bob", "Gagnon")
    assert code == 0
    assert out.startswith("Ajouté : Bob Gagnon (id 1, rôle worker), pas encore lié")
    assert err == ""  # no "INFO storage.db migration.apply" lines
    csv = tmp_path / "rota.csv"
    csv.write_text("worker,day,start,end\nBob Gagnon,mon,09:00,17:00\n")
    code, out, err = await run(tmp_path, "rota", "import", str(csv))
    assert code == 0 and "Horaire remplacé par" in out and err == ""


async def test_english_when_asked_and_the_log_with_verbose(tmp_path):
    (tmp_path / "relais.db").touch()  # an empty database: its migrations are logged
    code, out, err = await run(tmp_path, "-v", "workers", "list", RELAIS_LOCALE="en")
    assert code == 0
    assert out.startswith("No workers yet")
    assert "INFO" in err and "migration.apply" in err


async def test_places_resources_and_campaign_speak_french_by_default(tmp_path):
    from datetime import UTC, datetime

    from storage.db import Database
    from tests.conftest import run_cli

    now = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)
    async with Database(str(tmp_path / "relais.db")) as db:
        code, out = await run_cli(db, "places", "list", now=now)
        assert (code, out) == (0, "Aucun lieu accueillant pour l'instant : relais places add / "
                                  "relais places import\n")  # fmt: skip
        code, out = await run_cli(db, "resources", "remove", "nulle-part", now=now)
        assert code == 2 and out.startswith("erreur : aucune ressource ne vient de « nulle-part »")
        code, out = await run_cli(db, "campaign", "tags", now=now)
        assert out.startswith("Aucune étiquette pour l'instant")


async def test_help_follows_relais_locale_french_by_default(tmp_path):
    code, out, _ = await run(tmp_path, "rota", "import", "--help")
    assert code == 0
    assert out.startswith("utilisation : relais rota import")
    assert "remplacer l'horaire" not in out and "le fichier devient tout l'horaire" in out
    assert "afficher cette aide et quitter" in out and "--yes" in out
    code, out, _ = await run(tmp_path, "rota", "import", "--help", RELAIS_LOCALE="en")
    assert code == 0
    assert out.startswith("usage: relais rota import")
    assert "the file becomes the whole rota" in out and "show this help message" in out


async def test_a_usage_error_says_erreur_in_french(tmp_path):
    code, _, err = await run(tmp_path, "rota", "import")
    assert code == 2
    assert err.startswith("utilisation : relais rota import")
    assert "relais rota import: erreur : " in err


async def test_simulate_days_and_a_bad_telegram_id_say_erreur_in_french(tmp_path):
    from datetime import UTC, datetime

    from bot.cli.simulate import MAX_DAYS
    from tests.conftest import run_cli

    code, _, err = await run(tmp_path, "simulate", "--days", "0")
    assert code == 2
    assert err.splitlines()[-1] == (
        f"relais simulate: erreur : argument --days: de 1 à {MAX_DAYS} jours"
    )
    now = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)
    async with Database(str(tmp_path / "relais.db")) as db:
        code, out = await run_cli(db, "workers", "add", "Dora", "--telegram", "@dora", now=now)
    assert (code, out) == (
        2,
        "erreur : --telegram veut le numéro d'utilisateur Telegram (des chiffres), pas « @dora »\n",
    )


def test_a_usage_error_with_a_percent_sign_prints_it_once(capsys):
    """The error line went through the help text's `%` escaping: "50%" printed "50%%"."""
    from bot.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(["report", "--format", "50%"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "50%" in err and "50%%" not in err


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        ("fr", ("erreur : argument --seed: un nombre entier, pas « x »",
                "erreur : argument --start: une date AAAA-MM-JJ, pas « lundi »",
                "erreur : argument --weeks: un nombre entier, pas « 4,5 »",
                "erreur : argument --days: de 1 à 62 jours",
                "p. ex. « demander à l'accueil »")),
        ("en", ("error: argument --seed: a whole number, not 'x'",
                "error: argument --start: a date YYYY-MM-DD, not 'lundi'",
                "error: argument --weeks: a whole number, not '4,5'",
                "error: argument --days: from 1 to 62 days",
                'e.g. "ask at the front desk"')),
    ],
)  # fmt: skip
def test_argument_reasons_and_help_lines_follow_relais_locale(capsys, monkeypatch, locale, said):
    """argparse's own "invalid int value: 'x'" was English only; the types give the reason."""
    from bot.cli.main import main

    monkeypatch.setenv("RELAIS_LOCALE", locale)
    *refusals, conditions = said
    for argv, reason in zip(
        (["simulate", "--seed", "x"], ["simulate", "--start", "lundi"],
         ["rota", "import", "--weeks", "4,5", "rota.csv"], ["simulate", "--days", "abc"]),
        refusals,
        strict=True,
    ):  # fmt: skip
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
        assert capsys.readouterr().err.splitlines()[-1].endswith(f": {reason}")
    with pytest.raises(SystemExit) as stopped:
        main(["places", "add", "--help"])
    assert stopped.value.code == 0
    assert conditions in capsys.readouterr().out
