"""The Embedder protocol: queries and passages are encoded the way each model expects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Sized
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    name: str  # stable identifier, recorded in the index manifest

    @property
    def dim(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised."""
        ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def by_length(texts: Sequence[Sized]) -> list[int]:
    """Order that batches texts of similar length together (less padding), longest first."""
    return sorted(range(len(texts)), key=lambda i: -len(texts[i]))


def padded_batches(
    order: Sequence[int], padded: Sequence[int], budget: int, cap: int = 0
) -> Iterator[list[int]]:
    """`order` (longest first, as by_length gives it) cut into batches that hold at most `budget`
    tokens once padded to their first item's `padded` length, and at most `cap` items when cap
    is set; an item longer than the budget makes a batch of its own."""
    part: list[int] = []
    for i in order:
        if part and ((len(part) + 1) * padded[part[0]] > budget or 0 < cap <= len(part)):
            yield part
            part = []
        part.append(i)
    if part:
        yield part
