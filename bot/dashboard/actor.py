"""`Actor`: the signed-in worker or coordinator behind a dashboard request (bot/dashboard/auth.py
finds it; every page is rendered for one)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.workers import Worker


@dataclass(frozen=True)
class Actor:
    """The signed-in worker or coordinator behind a request."""

    worker: Worker
    session_id: int
    csrf: str
    language: str  # "fr" | "en" (from ?lang= / the worker's first language)

    @property
    def is_coordinator(self) -> bool:
        return self.worker.is_coordinator
