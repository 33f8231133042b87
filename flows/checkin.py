"""The citizen's answer to a follow-up check-in (being built: see the issue)."""

from __future__ import annotations

from flows.types import CitizenState, Context, Inbound, Outcome


def step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome | None:
    """Not an answer to a follow-up check-in: the ordinary conversation goes on."""
    return None
