"""Exact dense search over a snapshot's key vectors, kept in memory.

Chroma's HNSW is approximate and its graph differs from process to process, so the same question
could find other passages after a restart. For a corpus of ordinary size every key vector fits in
memory (2,373 keys of the default corpus: 8.5 MB for both embedders) and one matrix product finds
the true nearest keys in well under a millisecond. Chroma stays the store of record: the matrix is
read from it, and when the snapshot moves only the keys of new passages are fetched.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExactKeys:
    """Every key vector of one embedder for one snapshot, rows grouped by passage position."""

    generation: int
    ids: list[str]  # key ids, one per row
    matrix: np.ndarray  # (keys, dim), unit rows
    owners: np.ndarray  # passage position of each row's group (one entry per group)
    starts: np.ndarray  # first row of each group
    key_numbers: np.ndarray  # each row's key number (keys.retrieval_keys order)

    @cached_property
    def ends(self) -> np.ndarray:
        """One past the last row of each group."""
        return np.append(self.starts[1:], len(self.ids))

    def nearest(
        self, vector: np.ndarray, n: int, mask: np.ndarray | None = None
    ) -> list[tuple[int, int, float]]:
        """The n passages whose best key is nearest the query: (position, key number, cosine),
        best first; passages outside the mask are left out."""
        if not len(self.ids):
            return []
        unit = vector / (np.linalg.norm(vector) or 1.0)
        # einsum, not @: a BLAS product wakes OpenBLAS's threads, whose busy-waiting then slows the
        # query encoders (search p50 55 -> 70 ms); einsum's own loop takes 0.26 ms for 2,373 keys
        sims = np.einsum("ij,j->i", self.matrix, unit.astype(np.float32))
        best = np.maximum.reduceat(sims, self.starts)
        if mask is not None:
            best = np.where(mask[self.owners], best, -np.inf)
        order = np.argsort(-best, kind="stable")[:n]
        ends = self.ends
        out = []
        for g in order:
            if best[g] == -np.inf:
                break
            row = self.starts[g] + int(np.argmax(sims[self.starts[g] : ends[g]]))
            out.append((int(self.owners[g]), int(self.key_numbers[row]), float(best[g])))
        return out


def build_exact_keys(
    generation: int,
    wanted: Sequence[tuple[int, str, int]],
    fetch: Callable[[list[str]], dict[str, np.ndarray]],
    previous: ExactKeys | None,
) -> ExactKeys:
    """The matrix for these keys ((passage position, key id, key number), passage by passage, as
    Snapshot.keys lists them): rows of the previous matrix are reused, only the keys it lacks are
    fetched. A key missing from the store (it should not be) is left out and logged."""
    have = {k: r for r, k in enumerate(previous.ids)} if previous is not None else {}
    fetched = fetch([k for _, k, _ in wanted if k not in have])
    rows: list[np.ndarray] = []
    ids: list[str] = []
    owners: list[int] = []
    starts: list[int] = []
    numbers: list[int] = []
    missing = 0
    for pos, key, number in wanted:
        if key in have:
            vector = previous.matrix[have[key]]  # type: ignore[union-attr]
        elif key in fetched:
            vector = fetched[key]
        else:
            missing += 1
            continue
        if not owners or owners[-1] != pos:
            owners.append(pos)
            starts.append(len(ids))
        rows.append(vector)
        ids.append(key)
        numbers.append(number)
    if missing:
        log.warning(
            "%d key vectors missing from the vector store; their passages are found by BM25 only", missing
        )
    matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 1), dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32)
    return ExactKeys(
        generation,
        ids,
        matrix,
        np.array(owners, dtype=np.int64),
        np.array(starts, dtype=np.int64),
        np.array(numbers, dtype=np.int64),
    )
