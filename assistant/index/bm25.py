"""Okapi BM25 over jieba tokens as a sparse matrix: one product per query, fast at 26k passages.

The term counts are kept beside the catalog (`bm25.npz`), each row under a key of the text it
counts, so that opening an index loads them in a tenth of a second instead of re-reading every
token from SQLite and rebuilding (about 3 s on all 352 laws, a quarter of a cold start), and a
changed document costs only the rows of its own chunks. A damaged or foreign file is only a
miss: the counts are rebuilt from the catalog's tokens and the file rewritten.
"""

from __future__ import annotations

import logging
import os
import threading
import zipfile
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from scipy import sparse

from assistant.text.normalize import concepts
from assistant.text.tokenize import bigram_token

log = logging.getLogger(__name__)

_FORMAT = "bm25-tf-1"


class BM25:
    """Immutable BM25 model (k1=1.5, b=0.75, Lucene-style idf) over term counts: row i is passage i."""

    def __init__(self, terms: list[str], tf: sparse.csr_matrix, k1: float = 1.5, b: float = 0.75) -> None:
        self.terms = terms
        self.vocab: dict[str, int] = dict(zip(terms, range(len(terms)), strict=True))
        self.tf = tf
        self.n_docs, n_terms = tf.shape
        df = np.bincount(tf.indices, minlength=n_terms).astype(np.float32)
        self.idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        rows = np.repeat(np.arange(self.n_docs), np.diff(tf.indptr))
        lengths = np.bincount(rows, weights=tf.data, minlength=self.n_docs).astype(np.int64)
        avg = float(lengths.mean()) if self.n_docs else 1.0
        norm = k1 * (1 - b + b * lengths.astype(np.float32) / max(avg, 1e-9))
        weights = tf.data * (k1 + 1) / (tf.data + norm[rows]) * self.idf[tf.indices]
        self._matrix = sparse.csr_matrix((weights, tf.indices, tf.indptr), shape=tf.shape).tocsc()

    @classmethod
    def from_tokens(cls, docs: Sequence[Sequence[str]]) -> BM25:
        terms: list[str] = []
        return cls(terms, _counts(docs, {}, terms))

    def rebuilt(self, rows: Sequence[int | Sequence[str]]) -> BM25:
        """A model whose row i is this model's row rows[i] (an int) or counts the tokens rows[i];
        terms no passage uses any more are dropped, so it equals a model built from scratch."""
        old = [i for i, r in enumerate(rows) if isinstance(r, int)]
        new = [i for i, r in enumerate(rows) if not isinstance(r, int)]
        terms = list(self.terms)
        added = _counts([r for r in rows if not isinstance(r, int)], dict(self.vocab), terms)
        kept = self.tf[[r for r in rows if isinstance(r, int)]]
        kept = sparse.csr_matrix((kept.data, kept.indices, kept.indptr), shape=(len(old), len(terms)))
        stacked = sparse.vstack([kept, added], format="csr")  # the kept rows, then the new ones
        order = np.empty(len(rows), dtype=np.int64)  # row p of the result is row order[p] of stacked
        order[np.array(old + new, dtype=np.int64)] = np.arange(len(rows))
        tf = stacked[order]
        used = np.bincount(tf.indices, minlength=len(terms)) > 0
        if not used.all():
            renumber = np.cumsum(used) - 1
            shape = (len(rows), int(used.sum()))
            tf = sparse.csr_matrix((tf.data, renumber[tf.indices], tf.indptr), shape=shape)
            terms = [t for t, u in zip(terms, used, strict=True) if u]
        return BM25(terms, tf)

    # --- scoring ----------------------------------------------------------------------------
    def term_ids(self, tokens: Sequence[str]) -> list[int]:
        return [self.vocab[t] for t in dict.fromkeys(tokens) if t in self.vocab]

    def scores(self, tokens: Sequence[str], synonyms: Sequence[Collection[str]] = ()) -> np.ndarray:
        """BM25 score of every passage for the query tokens, each distinct token counted once.

        Tokens of one synonym group (text.normalize.concepts: 乡镇人大 and 乡、民族乡、镇的人民代表大会)
        add the mean of their contributions, not the sum: a concept said in 23 tokens weighs no
        more than one term, and no longer pulls every article about townships above the one that
        states what the rest of the question asks."""
        ids: list[int] = []
        weights: list[float] = []
        for concept in concepts(tokens, synonyms):
            known = self.term_ids(concept)
            if known:
                ids += known
                weights += [1.0 / len(known)] * len(known)
        if not ids or not self.n_docs:
            return np.zeros(self.n_docs, dtype=np.float32)
        return np.asarray(self._matrix[:, ids] @ np.array(weights, dtype=np.float32)).ravel()

    def terms_of(self, row: int) -> frozenset[str]:
        """The distinct tokens of passage `row`."""
        start, end = self.tf.indptr[row], self.tf.indptr[row + 1]
        return frozenset(self.terms[j] for j in self.tf.indices[start:end])

    def weight_present(self, rows: Sequence[int], weights: dict[str, float]) -> np.ndarray:
        """For each of these passages, the summed weight of the tokens it contains, added in the
        order of `weights`: each token's weight goes to the passages of its column (a set of each
        passage's terms cost 6 ms per question, slicing the sparse rows and columns 1 ms). The
        BM25 matrix's columns list exactly the passages holding each term: every stored count is
        at least 1 and every idf above 0, so no stored weight is 0."""
        indptr, indices = self._matrix.indptr, self._matrix.indices
        total = np.zeros(self.n_docs)
        for term, weight in weights.items():
            j = self.vocab.get(term)
            if j is not None:
                total[indices[indptr[j] : indptr[j + 1]]] += weight
        return total[list(rows)]

    def idf_of(self, token: str) -> float:
        j = self.vocab.get(token)
        return float(self.idf[j]) if j is not None else 0.0

    def knows(self, word: str) -> bool:
        """Whether the corpus uses this word: as a token, or as a run of its character bigrams."""
        if word in self.vocab:
            return True
        return len(word) >= 2 and all(
            bigram_token(word[i : i + 2]) in self.vocab for i in range(len(word) - 1)
        )


def _counts(docs: Sequence[Sequence[str]], vocab: dict[str, int], terms: list[str]) -> sparse.csr_matrix:
    """Term counts of docs as a CSR matrix; new terms are numbered after those in vocab (and
    appended to terms). Term ids for every token come in one C-level pass (a defaultdict numbers
    new terms in order of first use), then scipy sums the duplicates of a (passage, term) pair."""
    numbering: defaultdict[str, int] = defaultdict(None, vocab)
    numbering.default_factory = numbering.__len__
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    total = int(lengths.sum())
    cols = np.fromiter(map(numbering.__getitem__, chain.from_iterable(docs)), dtype=np.int64, count=total)
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    terms.extend(list(numbering)[len(vocab) :])
    counts = sparse.coo_matrix(
        (np.ones(total, dtype=np.float32), (rows, cols)), shape=(len(docs), len(numbering))
    )
    return counts.tocsr()  # sums duplicates


@dataclass(frozen=True)
class SavedBM25:
    """The file beside the catalog: a model and the key of each row (a hash of what it counts)."""

    tokenizer: str
    row_keys: list[str]
    model: BM25

    def save(self, path: Path) -> None:
        """Write atomically (temporary file, then rename), so a reader never sees half a file."""
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tf = self.model.tf
        try:
            with tmp.open("wb") as out:
                np.savez(
                    out,
                    format=np.array(_FORMAT),
                    tokenizer=np.array(self.tokenizer),
                    row_keys=_blob(self.row_keys),
                    terms=_blob(self.model.terms),
                    shape=np.array(tf.shape, dtype=np.int64),
                    data=tf.data,
                    indices=tf.indices,
                    indptr=tf.indptr,
                )
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> SavedBM25 | None:
        try:
            with np.load(path) as saved:
                if str(saved["format"]) != _FORMAT:
                    return None
                n_rows, n_terms = (int(x) for x in saved["shape"])
                tf = sparse.csr_matrix(
                    (saved["data"], saved["indices"], saved["indptr"]), shape=(n_rows, n_terms)
                )
                terms, keys = _unblob(saved["terms"], n_terms), _unblob(saved["row_keys"], n_rows)
                return cls(str(saved["tokenizer"]), keys, BM25(terms, tf))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            log.warning("BM25 file %s unreadable (%s); it will be rebuilt", path, exc)
            return None


def _blob(words: list[str]) -> np.ndarray:
    """Tokens and keys hold no spaces (the catalog stores tokens space-separated)."""
    return np.frombuffer(" ".join(words).encode(), dtype=np.uint8)


def _unblob(blob: np.ndarray, n: int) -> list[str]:
    words = blob.tobytes().decode().split(" ") if n else []
    if len(words) != n:
        raise ValueError(f"{len(words)} entries where {n} were recorded")
    return words
