"""The plain data that crosses the flows: what came in, what goes out, what must happen."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from flows.text import Joined, Raw, Text


class Kind(StrEnum):
    """What an inbound message holds, whatever the channel."""

    TEXT = "text"
    CHOICE = "choice"  # a button press (Telegram) carrying a choice key
    MEDIA = "media"  # photo, voice note, video, document, sticker, audio…
    LOCATION = "location"
    CONTACT = "contact"
    EDITED = "edited"
    EMPTY = "empty"


@dataclass(frozen=True)
class Inbound:
    """One message from a person, normalized from a Telegram update or a Twilio webhook."""

    provider_id: str  # idempotency key: "telegram:update:42", "sms:SM…"
    address: str  # "sms:+15145550111" | "telegram:12345"
    kind: Kind
    received_at: datetime
    text: str = ""
    choice: str | None = None
    media: str | None = None  # "photo", "voice", "sticker"… for MEDIA
    language_hint: str | None = None  # Telegram's language_code
    sender_id: int | None = None  # Telegram user id (authorization of workers)
    reply_to: str | None = None  # provider message id this message answers (Telegram reply)

    @property
    def channel(self) -> str:
        return self.address.split(":", 1)[0]


@dataclass(frozen=True)
class Choice:
    """One option offered to a person: a stable key and a label."""

    key: str
    label: Text


@dataclass(frozen=True)
class Reply:
    """What to say: text and optional choices. Channels render it (buttons or numbered lines)."""

    text: Text | Raw | Joined
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Effect:
    """Something the application must do after a step; a subclass per kind."""


@dataclass(frozen=True)
class OpenRequest(Effect):
    """Open a request; the application then tells the person what happens next, after `lead`."""

    first_words: str
    urgent: bool = False
    lead: Text | Joined | None = None
    after: Text | Joined | None = None  # a separate message afterwards (privacy notice)


@dataclass(frozen=True)
class MarkUrgent(Effect):
    pass


@dataclass(frozen=True)
class AddToRequest(Effect):
    """Attach the message to the citizen's open request (relayed to the worker who has it)."""


@dataclass(frozen=True)
class OptOut(Effect):
    pass


@dataclass(frozen=True)
class OptIn(Effect):
    pass


@dataclass(frozen=True)
class SetLanguage(Effect):
    language: str


@dataclass(frozen=True)
class Erase(Effect):
    pass


@dataclass(frozen=True)
class SearchResources(Effect):
    """Search the directory; the application answers with the results."""

    words: str = ""
    category: str | None = None
    offset: int = 0


@dataclass(frozen=True)
class CheckinAnswer(Effect):
    """The citizen answered a check-in: `talk` when they want a person; `text`, their words."""

    talk: bool
    followup_id: int | None = None
    text: str = ""


@dataclass(frozen=True)
class AppointmentAnswer(Effect):
    accepted: bool
    appointment_id: int | None = None


@dataclass
class CitizenState:
    """What the flow remembers about a citizen between messages (stored as JSON)."""

    step: str = "new"
    language: str = "fr"
    opted_out: bool = False
    open_request: int | None = None  # id of the waiting or claimed request
    request_claimed: bool = False
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Facts the flow needs from outside, computed by the application before the step."""

    now: datetime
    retention_days: int = 365
    on_duty: bool = True
    next_shift_at: datetime | None = None
    default_language: str = "fr"
    night: str = ""  # key of the current out-of-hours night, for "once a night" notices
    on_call: bool = False  # out of hours, an on-call worker or coordinator gets urgent cards


@dataclass(frozen=True)
class Outcome:
    """The result of one step: replies in order, the new state, the effects to apply."""

    replies: tuple[Reply, ...]
    state: CitizenState
    effects: tuple[Effect, ...] = ()
