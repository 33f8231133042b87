"""The citizen's answer to an appointment proposal (being built: see the issue)."""

from __future__ import annotations

from flows.types import CitizenState, Context, Inbound, Outcome


def step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome | None:
    """Not an answer to an appointment proposal: the ordinary conversation goes on."""
    return None
