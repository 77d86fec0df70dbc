"""Citations: the verbatim passage and where it sits, numbered as the answer uses them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.types import Citation, Hit

_MARKER = re.compile(r"\[(\d+)\]")


def build_citations(hits: Sequence[Hit]) -> tuple[Citation, ...]:
    return tuple(
        Citation(
            n=i + 1,
            chunk_id=h.chunk.chunk_id,
            doc_id=h.chunk.doc_id,
            title=h.chunk.title,
            revision=h.chunk.revision_label,
            section=h.chunk.section,
            text=h.chunk.text,
            source=h.chunk.source,
            kind=h.chunk.kind,
            start=h.chunk.start,
            end=h.chunk.end,
        )
        for i, h in enumerate(hits)
    )


def markers(answer: str) -> list[int]:
    """The [n] numbers an answer uses, in order."""
    return [int(m) for m in _MARKER.findall(answer)]


def unresolved_markers(answer: str, citations: Sequence[Citation]) -> list[int]:
    known = {c.n for c in citations}
    return [m for m in markers(answer) if m not in known]
