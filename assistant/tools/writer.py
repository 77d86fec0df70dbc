"""The seam to a language model for the prose of a draft: anything with write(system, user).
The real client lives elsewhere; tests pass a tiny fake. Offline, no writer is used at all."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class TextWriter(Protocol):
    """Writes text for a system prompt and a user message; raises WriterFailed when it cannot."""

    def write(self, system: str, user: str) -> str: ...


class WriterFailed(Exception):
    """The writer could not answer (endpoint down, timeout); the draft falls back to its template."""
