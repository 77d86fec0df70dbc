"""Okapi BM25 over jieba tokens as a sparse matrix: one product per query, fast at 26k passages."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


class BM25:
    """Immutable BM25 model over a list of token lists (k1=1.5, b=0.75, Lucene-style idf)."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, tokens in enumerate(docs):
            lengths[i] = len(tokens)
            counts: dict[int, int] = {}
            for tok in tokens:
                j = self.vocab.setdefault(tok, len(self.vocab))
                counts[j] = counts.get(j, 0) + 1
            rows.extend([i] * len(counts))
            cols.extend(counts.keys())
            vals.extend(counts.values())
        n_docs, n_terms = len(docs), len(self.vocab)
        tf = sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n_docs, n_terms))
        df = np.bincount(np.array(cols, dtype=np.int64), minlength=n_terms).astype(np.float32)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n_docs else 1.0
        norm = k1 * (1 - b + b * lengths / max(avg, 1e-9))
        tf = tf.tocoo()
        weights = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        self._matrix = sparse.csc_matrix((weights, (tf.row, tf.col)), shape=(n_docs, n_terms))
        self.n_docs = n_docs

    def term_ids(self, tokens: Sequence[str]) -> list[int]:
        return [self.vocab[t] for t in dict.fromkeys(tokens) if t in self.vocab]

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage for the query tokens (each distinct token counted once)."""
        ids = self.term_ids(tokens)
        if not ids or not self.n_docs:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._matrix[:, ids].sum(axis=1)).ravel()

    def idf_of(self, token: str) -> float:
        j = self.vocab.get(token)
        return float(self.idf[j]) if j is not None else 0.0

    def knows(self, word: str) -> bool:
        """Whether the corpus uses this word: as a token, or as a run of its character bigrams."""
        if word in self.vocab:
            return True
        return len(word) >= 2 and all(f"_{word[i : i + 2]}" in self.vocab for i in range(len(word) - 1))
