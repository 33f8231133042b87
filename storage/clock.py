"""UTC timestamps as stored in the database."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def to_db(moment: datetime) -> str:
    """Serialize an aware datetime as an ISO-8601 UTC string."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: every stored time is aware and in UTC")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db(text: str | None) -> datetime | None:
    """Parse a stored timestamp back to an aware UTC datetime."""
    if text is None:
        return None
    return datetime.fromisoformat(text).astimezone(UTC)
