"""Refresh the Babel catalogs: extract → update; French msgstr = msgid (French is the source).

Entries are sorted by message and carry no source locations or dates, so that two branches
adding messages rarely touch the same lines.

Run from the repository root: `python scripts/update_catalogs.py`. Then translate the new
empty entries of locales/en/LC_MESSAGES/relais.po; `pytest tests/test_i18n.py` fails until
every entry of both catalogs is translated with the same placeholders.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "locales" / "relais.pot"


def run(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def main() -> None:
    run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "n_:1,2",
        "--no-wrap",
        "--no-location",
        "--sort-output",
        "--project=Relais",
        "--copyright-holder=Relais contributors",
        "-o",
        str(POT),
        ".",
    )
    for language in ("fr", "en"):
        po = ROOT / "locales" / language / "LC_MESSAGES" / "relais.po"
        if po.exists():
            run(
                "update",
                "--no-wrap",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
                "-D",
                "relais",
                "-i",
                str(POT),
                "-d",
                "locales",
                "-l",
                language,
            )
        else:
            run(
                "init", "--no-wrap", "-D", "relais", "-i", str(POT), "-d", "locales", "-l", language
            )
    fr = ROOT / "locales" / "fr" / "LC_MESSAGES" / "relais.po"
    with fr.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for message in catalog:
        if message.pluralizable and not all(message.string):
            message.string = tuple(message.id)
        elif message.id and not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with fr.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True, no_location=True)
    for path in (POT, fr, ROOT / "locales" / "en" / "LC_MESSAGES" / "relais.po"):
        _stable_header(path)


def _stable_header(path: Path) -> None:
    """Drop the dates Babel stamps on every run: they would make every branch conflict."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(('"POT-Creation-Date', '"PO-Revision'))]
    path.write_text("".join(kept), encoding="utf-8")


if __name__ == "__main__":
    main()
