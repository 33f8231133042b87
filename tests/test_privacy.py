"""Privacy (issue 10): erasure leaves no row and no byte, the WAL is emptied, files are 0600."""

from __future__ import annotations

import asyncio
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.reports.figures import compute
from tests.test_e2e_worker import JADE, KARIM, add_worker, always_on_duty, take_button
from tests.test_followups import fall_due, said, schedule

# What she and the workers wrote: each word appears nowhere else in the test data.
HER_WORDS = ("Lachapelle", "Quirion", "Mathurin")
WORKER_WORDS = ("Albertine", "Tournesol")
# Not the usual test number: the schema's comments and the example directory hold that one.
HER = "+15145550177"
NUMBER_FORMS = (HER, HER[2:])


@pytest.fixture
async def desk(bot):
    jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    karim = await add_worker(bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame")
    await always_on_duty(bot.db, jade, karim)
    return bot


async def eventually(check, within: float = 10.0):
    """Wait until `check()` (async) returns something true; return it."""
    deadline = asyncio.get_running_loop().time() + within
    while not (found := await check()):
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(check)
        await asyncio.sleep(0.02)
    return found


def database_files(bot) -> dict[str, bytes]:
    path = Path(bot.db.path)
    names = (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
    return {p.name: p.read_bytes() for p in names if p.exists()}


def needles(*texts: str) -> list[bytes]:
    """Each text as SQLite may store it: UTF-8, and UTF-16 both ways."""
    return [t.encode(enc) for t in texts for enc in ("utf-8", "utf-16-le", "utf-16-be")]


async def every_row(bot) -> list[str]:
    """Every value of every row of every table, as text."""
    tables = await bot.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
    values = []
    for table in tables:
        for row in await bot.rows(f'SELECT * FROM "{table["name"]}"'):
            values += [str(v) for v in tuple(row) if v is not None]
    return values


async def a_case_with_words(desk) -> tuple[dict, dict]:
    """She writes; Jade takes it; they exchange; Jade writes a note. The two cards."""
    await desk.sms("Je suis Mme Lachapelle, au 4521 rue Quirion, j'ai besoin d'aide", from_=HER)
    (card,) = await desk.telegram_replies(JADE)
    (karim_card,) = await desk.telegram_replies(KARIM)
    desk.tg.push_callback(JADE, card["message_id"], take_button(card))
    await desk.sms_replies(HER, count=2)
    await desk.sms("Mon fils Mathurin ne vient plus me voir", from_=HER)
    await said(desk, JADE, "Mathurin")
    desk.tg.push_text(JADE, "Je passe jeudi avec Albertine, ça vous va?")
    await desk.sms_replies(HER, count=3)
    desk.tg.push_text(JADE, "/note Voisine Tournesol inquiète")
    await said(desk, JADE, "Note ajoutée")
    return card, karim_card


async def erase(desk, number: str = HER) -> str:
    """OUBLIER, OUI; wait for the confirmation and for its row to be gone. The confirmation."""
    before = len(desk.tw.bodies_to(number))
    await desk.sms("OUBLIER", from_=number)
    await desk.sms_replies(number, count=before + 1)
    await desk.sms("OUI", from_=number)
    replies = await desk.sms_replies(number, count=before + 2)
    await eventually(lambda: _gone(desk, f"sms:{number}"))
    return replies[-1]


async def _gone(desk, address: str) -> bool:
    rows = await desk.rows("SELECT id FROM outbox WHERE address = ?", (address,))
    return not rows


async def test_erasure_leaves_no_row_and_no_byte_of_her(desk):
    await a_case_with_words(desk)
    confirmation = await erase(desk)
    assert confirmation.startswith("C'est effacé")  # it is delivered …
    values = " ".join(await every_row(desk))  # … and then no row holds her
    for word in (*NUMBER_FORMS, *HER_WORDS, *WORKER_WORDS):
        assert word not in values, (
            word,
            values[max(0, values.find(word) - 300) : values.find(word) + 60],
        )
    for name, content in database_files(desk).items():  # nor any byte of the files
        for needle in needles(HER, HER[2:], *HER_WORDS, *WORKER_WORDS):
            at = content.find(needle)
            assert at < 0, (name, needle, at // 4096, content[max(0, at - 200) : at + 100])
    assert (await desk.rows("SELECT count(*) FROM requests"))[0][0] == 1  # counts stay


async def test_erasure_edits_the_workers_copies_and_tells_the_worker(desk):
    card, karim_card = await a_case_with_words(desk)
    await erase(desk)
    told = await said(desk, JADE, "a effacé ses données")
    assert told[0]["text"].startswith("#A1: la personne a effacé ses données")
    for chat, message in ((JADE, card), (KARIM, karim_card)):
        await desk.tg.wait_for(
            lambda c=chat, m=message: "effacé" in desk.tg.message(c, m["message_id"])["text"]
        )
    await desk.tg.wait_for(lambda: not any("Mathurin" in t for t in desk.tg.texts(JADE)))
    for chat in (JADE, KARIM):
        for text in desk.tg.texts(chat):
            assert not any(w in text for w in HER_WORDS), text
    edited = desk.tg.message(JADE, card["message_id"])
    assert edited["text"] == "#A1: effacé à la demande de la personne."
    assert "reply_markup" not in edited  # no Take button left
    # The case is closed: what Jade writes next reaches no one.
    desk.tg.push_text(JADE, "Êtes-vous là?")
    await said(desk, JADE, "aucun dossier ouvert")
    assert len(desk.tw.bodies_to(HER)) == 5


async def test_erasure_confirmation_that_cannot_go_out_is_deleted_too(desk):
    await a_case_with_words(desk)
    await desk.sms("OUBLIER", from_=HER)
    await desk.sms_replies(HER, count=4)
    desk.tw.fail_to(HER, code=21211)  # not a valid number: a permanent failure
    await desk.sms("OUI", from_=HER)
    await eventually(lambda: _gone(desk, f"sms:{HER}"))
    values = " ".join(await every_row(desk))
    assert HER[2:] not in values
    for content in database_files(desk).values():
        assert HER.encode() not in content


async def test_telegram_citizen_erasure_leaves_no_trace_of_her_chat(desk):
    chat = 5_012_345
    desk.tg.push_text(chat, "Bonjour, je m'appelle Lachapelle et je cherche de l'aide")
    await desk.telegram_replies(chat)
    desk.tg.push_text(chat, "OUBLIER")
    await desk.telegram_replies(chat, count=2)
    desk.tg.push_text(chat, "OUI")
    (*_, confirmation) = await desk.telegram_replies(chat, count=3)
    assert confirmation["text"].startswith("C'est effacé")
    await eventually(lambda: _gone(desk, f"telegram:{chat}"))
    values = " ".join(await every_row(desk))
    assert str(chat) not in values and "Lachapelle" not in values
    for content in database_files(desk).values():
        for needle in needles(f"telegram:{chat}", "Lachapelle"):
            assert needle not in content


async def test_database_files_are_private(make_bot, tmp_path):
    bot = await make_bot()
    await bot.sms("Bonjour")
    await bot.sms_replies()
    for name in ("", "-wal", "-shm"):
        mode = stat.S_IMODE(os.stat(f"{bot.db.path}{name}").st_mode)
        assert mode == 0o600, (name, oct(mode))


async def test_existing_world_readable_files_are_made_private(make_bot, tmp_path):
    database = tmp_path / "old.db"
    first = await make_bot(RELAIS_DATABASE=str(database))
    await first.relais.stop()
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists():
            path.chmod(0o644)
    await make_bot(RELAIS_DATABASE=str(database))
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


async def test_erased_persons_check_ins_still_count_anonymously(desk):
    await a_case_with_words(desk)
    (row,) = await schedule(desk, "/suivi 2h Bonjour Mme Lachapelle, tout va bien?")
    await fall_due(desk, row)
    await desk.sms_replies(HER, count=4)
    await erase(desk)
    (kept,) = await desk.rows("SELECT citizen_id, message, status, sent_at FROM followups")
    assert kept["citizen_id"] is None and kept["message"] == "" and kept["sent_at"]
    assert kept["status"] == "cancelled"  # no "no answer" alert about an erased person
    assert "Lachapelle" not in " ".join(await every_row(desk))  # nor Jade's /suivi words
    today = datetime.now(UTC).astimezone(desk.relais.settings.timezone).date()
    report = await compute(
        desk.db, today - timedelta(1), today + timedelta(1), desk.relais.settings.timezone
    )
    assert report.checkins["sent"] == 1 and report.requests == 1
