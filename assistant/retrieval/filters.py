"""Metadata filters shared by every retriever: document kind, title, document id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.types import Chunk, DocKind


@dataclass(frozen=True, slots=True)
class Filters:
    kinds: tuple[DocKind, ...] = ()
    titles: tuple[str, ...] = ()  # a chunk passes when its title contains any of these
    doc_ids: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.kinds or self.titles or self.doc_ids)

    def accepts(self, chunk: Chunk) -> bool:
        return (
            (not self.kinds or chunk.kind in self.kinds)
            and (not self.titles or any(t in chunk.title for t in self.titles))
            and (not self.doc_ids or chunk.doc_id in self.doc_ids)
        )

    def mask(self, chunks: list[Chunk]) -> np.ndarray:
        return np.array([self.accepts(c) for c in chunks], dtype=bool)

    def chroma_where(self, allowed_doc_ids: set[str]) -> dict[str, Any] | None:
        """The same filter for Chroma, expressed on doc_id (Chroma cannot match substrings)."""
        if self.empty:
            return None
        return {"doc_id": {"$in": sorted(allowed_doc_ids) or ["-none-"]}}
