"""The notes of a citizen's earlier cases, for whoever gets a new or reopened one.

Shared (the desk gives them with a claimed case, the follow-ups with a reopened one), so it
lives in core rather than in either feature.
"""

from __future__ import annotations

import aiosqlite

from bot.core.i18n import I18n
from flows import worker_messages as wm
from flows.text import Text, When
from storage import notes
from storage import requests as request_store
from storage.requests import Request


async def earlier_notes(
    conn: aiosqlite.Connection, i18n: I18n, request: Request, language: str
) -> Text | None:
    """The notes of the citizen's other cases as one message, or None when there are none."""
    if request.citizen_id is None:
        return None
    found = [
        n for n in await notes.of_citizen(conn, request.citizen_id) if n.request_id != request.id
    ]
    if not found:
        return None
    lines = [wm.note_line(When(n.created_at, "date"), author(n), n.body) for n in found]
    text = "\n".join(i18n.render(line, language) for line in lines)
    return wm.earlier_notes(request.alias, text)


def author(note: notes.Note) -> str:
    """ "Jade (#A3)": who wrote a note, on which case."""
    first = note.author.split()[0] if note.author else "?"
    return f"{first} ({request_store.alias(note.request_id)})"
