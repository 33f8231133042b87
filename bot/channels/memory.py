"""An in-process channel: keeps what it is given, per address, and never paces.

It stands where Telegram or Twilio stand for the outbox sender (`Channel` of
bot/channels/transports.py): `send(item)` returns a provider message id, an edit replaces the
text of the message it names. The service tests and `relais simulate` read the transcript.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.channels.transports import SendError
from storage.outbox import OutboxItem


@dataclass
class Sent:
    """One delivered message as the recipient sees it."""

    message_id: str
    outbox_id: int
    at: datetime
    body: str
    buttons: list[list[str]] | None = None
    kind: str = "text"
    edits: list[str] = field(default_factory=list)  # earlier texts, replaced by edits

    @property
    def choices(self) -> list[str]:
        """The callback data of the buttons, in order."""
        return [data for data, _ in self.buttons or []]


class MemoryChannel:
    """A channel whose deliveries land in `transcript[address]`."""

    rate = 1_000_000.0  # the sender's rate limiter never waits
    per_chat_rate: float | None = None

    def __init__(self, prefix: str, clock: Callable[[], datetime]) -> None:
        self.prefix = prefix
        self.clock = clock
        self.transcripts: dict[str, list[Sent]] = defaultdict(list)
        self.unreachable: set[str] = set()  # addresses that refuse (a blocked bot, a landline)
        self._ids: dict[str, Sent] = {}
        self._next_id = 1

    async def send(self, item: OutboxItem) -> str | None:
        """Keep the message (or apply the edit); its message id."""
        if item.address in self.unreachable:
            raise SendError(f"{self.prefix}.unreachable", permanent=True, opted_out=True)
        if item.kind == "edit":
            return self._edit(item)
        message_id = str(self._next_id)
        self._next_id += 1
        sent = Sent(message_id, item.id, self.clock(), item.body, item.buttons, item.kind)
        self.transcripts[item.address].append(sent)
        self._ids[message_id] = sent
        return message_id

    def _edit(self, item: OutboxItem) -> str:
        message_id = str((item.payload or {}).get("message_id", ""))
        sent = self._ids.get(message_id)
        if sent is None:
            raise SendError(f"{self.prefix}.bad_request: message to edit not found", permanent=True)
        sent.edits.append(sent.body)
        sent.body, sent.buttons = item.body, item.buttons
        return message_id

    def transcript(self, address: str) -> list[Sent]:
        """What this address received, oldest first."""
        return list(self.transcripts.get(address, []))
