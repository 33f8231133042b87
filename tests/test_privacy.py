"""Privacy (issue 10): erasure leaves no row and no byte, the WAL is emptied, files are 0600.

On the service layer (tests/service.py: the real bot on a fake clock, no HTTP), over a database
file whose bytes are read.
"""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from bot.channels.memory import Sent
from bot.channels.transports import SendError
from bot.followups import checkins as followups
from bot.reports.figures import compute
from bot.sim.harness import Service
from flows.types import Inbound, Kind
from storage.workers import Worker
from tests import service as svc
from tests.service import CITIZEN, CITIZEN_SMS, take
from tests.test_followups import due, scheduled

# What she and the workers wrote: each word appears nowhere else in the test data.
HER_WORDS = ("Lachapelle", "Quirion", "Mathurin")
WORKER_WORDS = ("Albertine", "Tournesol")
# Not the usual test number: the schema's comments and the example directory hold that one.
HER = "+15145550177"
NUMBER_FORMS = (HER, HER[2:])
HER_SMS = f"sms:{HER}"


@pytest.fixture
async def office(tmp_path):
    """Jade and Karim on duty all week, on the service layer over a database file (its bytes
    are read)."""
    async with svc.running(database=str(tmp_path / "relais.db")) as service:
        jade, karim = await svc.jade_and_karim(service)
        yield service, jade, karim


def database_files(bot) -> dict[str, bytes]:
    """The bytes of the database's files (a whole-bot harness or a service)."""
    path = Path(bot.db.path)
    names = (path, Path(f"{path}-wal"), Path(f"{path}-shm"))
    return {p.name: p.read_bytes() for p in names if p.exists()}


def needles(*texts: str) -> list[bytes]:
    """Each text as SQLite may store it: UTF-8, and UTF-16 both ways."""
    return [t.encode(enc) for t in texts for enc in ("utf-8", "utf-16-le", "utf-16-be")]


async def every_row(bot) -> list[str]:
    """Every value of every row of every table, as text (a whole-bot harness or a service)."""
    tables = await bot.rows("SELECT name FROM sqlite_master WHERE type = 'table'")
    values = []
    for table in tables:
        for row in await bot.rows(f'SELECT * FROM "{table["name"]}"'):
            values += [str(v) for v in tuple(row) if v is not None]
    return values


async def a_case_with_words(service: Service, jade: Worker, karim: Worker) -> tuple[Sent, Sent]:
    """She writes; Jade takes it; they exchange; Jade writes a note. The two cards."""
    words = "Je suis Mme Lachapelle, au 4521 rue Quirion, j'ai besoin d'aide"
    await service.citizen_sms(HER, words)
    [card], [karim_card] = service.cards(jade), service.cards(karim)
    await service.worker_press(jade, take(card), card.message_id)
    assert len(service.texts(HER_SMS)) == 2
    await service.citizen_sms(HER, "Mon fils Mathurin ne vient plus me voir")
    assert service.said(jade, "Mathurin")
    await service.worker_text(jade, "Je passe jeudi avec Albertine, ça vous va?")
    assert len(service.texts(HER_SMS)) == 3
    await service.worker_text(jade, "/note Voisine Tournesol inquiète")
    assert service.said(jade, "Note ajoutée")
    return card, karim_card


async def erase(service: Service, number: str = HER) -> str:
    """OUBLIER, OUI; the confirmation, once delivered and its row gone."""
    address = f"sms:{number}"
    before = len(service.texts(address))
    await service.citizen_sms(number, "OUBLIER")
    assert len(service.texts(address)) == before + 1
    await service.citizen_sms(number, "OUI")
    replies = service.texts(address)
    assert len(replies) == before + 2
    assert await _gone(service, address)
    return replies[-1]


async def _gone(service: Service, address: str) -> bool:
    rows = await service.rows("SELECT id FROM outbox WHERE address = ?", (address,))
    return not rows


def refuse(service: Service, address: str, reason: str) -> None:
    """The SMS provider refuses this address for good from now on (Twilio's answer for a
    number that is not valid: permanent, unreachable; tests/test_durability.py checks it)."""
    send = service.sms.send

    async def sending(item):
        if item.address == address:
            raise SendError(reason, permanent=True, unreachable=True)
        return await send(item)

    service.sms.send = sending


async def test_erasure_leaves_no_row_and_no_byte_of_her(office):
    service, jade, karim = office
    await a_case_with_words(service, jade, karim)
    confirmation = await erase(service)
    assert confirmation.startswith("C'est effacé")  # it is delivered …
    values = " ".join(await every_row(service))  # … and then no row holds her
    for word in (*NUMBER_FORMS, *HER_WORDS, *WORKER_WORDS):
        assert word not in values, (
            word,
            values[max(0, values.find(word) - 300) : values.find(word) + 60],
        )
    for name, content in database_files(service).items():  # nor any byte of the files
        for needle in needles(HER, HER[2:], *HER_WORDS, *WORKER_WORDS):
            at = content.find(needle)
            assert at < 0, (name, needle, at // 4096, content[max(0, at - 200) : at + 100])
    assert (await service.rows("SELECT count(*) FROM requests"))[0][0] == 1  # counts stay


async def test_erasure_edits_the_workers_copies_and_tells_the_worker(office):
    service, jade, karim = office
    card, karim_card = await a_case_with_words(service, jade, karim)
    await erase(service)
    [told] = service.said(jade, "a effacé ses données")
    assert told.body.startswith("#A1: la personne a effacé ses données")
    for message in (card, karim_card):
        assert "effacé" in message.body and message.edits  # edited in place
    assert not service.said(jade, "Mathurin")  # the relayed words too
    for worker in (jade, karim):
        for text in service.worker_texts(worker):
            assert not any(w in text for w in HER_WORDS), text
    assert card.body == "#A1: effacé à la demande de la personne."
    assert not card.buttons  # no Take button left
    # The case is closed: what Jade writes next reaches no one.
    await service.worker_text(jade, "Êtes-vous là?")
    assert service.said(jade, "aucun dossier ouvert")
    assert len(service.texts(HER_SMS)) == 5


async def test_erasure_confirmation_that_cannot_go_out_is_deleted_too(office):
    service, jade, karim = office
    await a_case_with_words(service, jade, karim)
    await service.citizen_sms(HER, "OUBLIER")
    assert len(service.texts(HER_SMS)) == 4
    refuse(service, HER_SMS, "twilio.21211")  # not a valid number: a permanent failure
    await service.citizen_sms(HER, "OUI")
    assert len(service.texts(HER_SMS)) == 4  # the confirmation could not go out …
    assert await _gone(service, HER_SMS)  # … and its row is gone all the same
    values = " ".join(await every_row(service))
    assert HER[2:] not in values
    for content in database_files(service).values():
        assert HER.encode() not in content


async def test_telegram_citizen_erasure_leaves_no_trace_of_her_chat(office):
    service, _, _ = office
    chat = 5_012_345
    address = f"telegram:{chat}"
    await service.citizen_telegram(chat, "Bonjour, je m'appelle Lachapelle et je cherche de l'aide")
    assert len(service.texts(address)) == 1
    await service.citizen_telegram(chat, "OUBLIER")
    assert len(service.texts(address)) == 2
    await service.citizen_telegram(chat, "OUI")
    (*_, confirmation) = service.texts(address)
    assert confirmation.startswith("C'est effacé")
    assert await _gone(service, address)
    values = " ".join(await every_row(service))
    assert str(chat) not in values and "Lachapelle" not in values
    for content in database_files(service).values():
        for needle in needles(address, "Lachapelle"):
            assert needle not in content


async def test_database_files_are_private(tmp_path):
    async with svc.running(database=str(tmp_path / "relais.db")) as service:
        await service.citizen_sms(CITIZEN, "Bonjour")
        assert len(service.texts(CITIZEN_SMS)) == 1
        for name in ("", "-wal", "-shm"):
            mode = stat.S_IMODE(os.stat(f"{service.db.path}{name}").st_mode)
            assert mode == 0o600, (name, oct(mode))


async def test_existing_world_readable_files_are_made_private(tmp_path):
    database = tmp_path / "old.db"
    async with svc.running(database=str(database)) as service:
        await service.citizen_sms(CITIZEN, "Bonjour")
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists():
            path.chmod(0o644)
    assert stat.S_IMODE(database.stat().st_mode) == 0o644
    async with svc.running(database=str(database)):
        assert stat.S_IMODE(database.stat().st_mode) == 0o600


async def test_erased_persons_check_ins_still_count_anonymously(office):
    service, jade, karim = office
    await a_case_with_words(service, jade, karim)
    (row,) = await scheduled(service, jade, "/suivi 2h Bonjour Mme Lachapelle, tout va bien?")
    await due(service, row)
    assert len(service.texts(HER_SMS)) == 4
    await erase(service)
    (kept,) = await service.rows("SELECT citizen_id, message, status, sent_at FROM followups")
    assert kept["citizen_id"] is None and kept["message"] == "" and kept["sent_at"]
    assert kept["status"] == "cancelled"  # no "no answer" alert about an erased person
    assert "Lachapelle" not in " ".join(await every_row(service))  # nor Jade's /suivi words
    await followups.checkin_timeout(service.relais, row.id)  # its no-answer alarm rings
    await service.drain()
    assert not service.said(jade, "pas de réponse")
    tz = service.settings.timezone
    today = service.now().astimezone(tz).date()
    report = await compute(service.db, today - timedelta(1), today + timedelta(1), tz)
    assert report.checkins["sent"] == 1 and report.requests == 1


async def test_a_message_stored_before_her_erasure_was_processed_is_kept_and_answered(office):
    """OUI and a new message arrive back to back: both are stored before OUI is processed. The
    erasure takes what she wrote until OUI, not the message that came after it (it was lost
    without an answer: found by tests/test_fuzz.py)."""
    service, _, _ = office
    await service.citizen_sms(HER, "Bonjour, je m'appelle Lachapelle")
    await service.citizen_sms(HER, "OUBLIER")
    before = len(service.texts(HER_SMS))
    oui = Inbound("sms:erase-1", HER_SMS, Kind.TEXT, service.now(), text="OUI")
    after = Inbound("sms:erase-2", HER_SMS, Kind.TEXT, service.now(), text="Allo? c'est encore moi")
    assert await service.relais.engine.accept_all([oui, after], process=False) == [True, True]
    await service.relais.engine.recover()  # both processed now, in order
    await service.drain()
    rows = await service.rows(
        "SELECT provider_id, status FROM inbound WHERE address = ?", (HER_SMS,)
    )
    assert [tuple(r) for r in rows] == [("sms:erase-2", "processed")]
    replies = service.texts(HER_SMS)[before:]
    assert len(replies) == 2  # the erasure's confirmation, then an answer to her new message
    assert "Ici Relais" in replies[1]  # welcomed as the new person she is now
    values = " ".join(await every_row(service))
    assert "Lachapelle" not in values
