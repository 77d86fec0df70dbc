"""Chroma as the vector store: one collection per embedder, always with explicit embeddings.

Every collection is opened with embedding_function=None: chromadb otherwise attaches its default
ONNX MiniLM function, which tries to download weights (not possible here).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import RendaError
from assistant.index.keys import split_key_id

_BATCH = 1000
_READ_PAGE = 5000  # rows per read from Chroma


@dataclass(frozen=True, slots=True)
class VectorMatch:
    chunk_id: str
    key_number: int  # which of the chunk's retrieval keys matched (keys.retrieval_keys order)
    similarity: float  # cosine similarity


def open_client(path: Path | None, url: str = "") -> Any:
    """A PersistentClient under path, or an HttpClient when a server URL is configured."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if url:
        match = re.match(r"^(https?)://([^:/]+)(?::(\d+))?/?$", url)
        if not match:
            raise RendaError(f"RENDA_CHROMA_URL 格式不正确：{url!r}（应为 http://主机:端口）")
        scheme, host, port = match.groups()
        return chromadb.HttpClient(
            host=host, port=int(port or 8000), ssl=scheme == "https", settings=settings
        )
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class VectorStore:
    """Key vectors of one embedder. Keys carry chunk_id, doc_id and kind as metadata."""

    def __init__(self, client: Any, embedder_name: str, namespace: str = "") -> None:
        slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder_name).strip("-._")[:60] or "default"
        prefix = re.sub(r"[^a-zA-Z0-9]+", "", namespace)[:40]
        self.name = f"{prefix}-keys-{slug}" if prefix else f"keys-{slug}"
        self._client = client
        self._lock = threading.Lock()
        self._collection: Any = None

    @property
    def collection(self) -> Any:
        if self._collection is None:
            self._collection = self._client.get_or_create_collection(
                self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        return self._collection

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict[str, str]]) -> None:
        for i in range(0, len(ids), _BATCH):
            with self._lock:
                self.collection.upsert(
                    ids=list(ids[i : i + _BATCH]),
                    embeddings=vectors[i : i + _BATCH],
                    metadatas=list(metadatas[i : i + _BATCH]),
                )

    def delete_documents(self, doc_ids: Sequence[str]) -> None:
        for i in range(0, len(doc_ids), 100):
            with self._lock:
                self.collection.delete(where={"doc_id": {"$in": list(doc_ids[i : i + 100])}})

    def doc_ids(self) -> set[str]:
        """Every doc_id present; used to find orphans left by an interrupted ingest."""
        return {doc_id for doc_id, _ in self._metadata()}

    def chunk_ids(self) -> set[str]:
        """Every chunk_id that has at least one key vector."""
        return {chunk_id for _, chunk_id in self._metadata()}

    def _metadata(self) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        offset = 0
        while True:
            with self._lock:
                page = self.collection.get(include=["metadatas"], limit=_READ_PAGE, offset=offset)
            metas = page["metadatas"] or []
            found.update((str(m["doc_id"]), str(m["chunk_id"])) for m in metas if m)
            if len(metas) < _READ_PAGE:
                return found
            offset += _READ_PAGE

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these key ids; ids not stored are left out."""
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(ids), _READ_PAGE):
            with self._lock:
                page = self.collection.get(ids=list(ids[i : i + _READ_PAGE]), include=["embeddings"])
            found.update(zip(page["ids"], np.asarray(page["embeddings"], dtype=np.float32), strict=True))
        return found

    def count(self) -> int:
        with self._lock:
            return int(self.collection.count())

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None = None) -> list[VectorMatch]:
        """The n nearest keys. Chroma's HNSW is approximate: asked for few results on these
        embeddings (all cosines within 0.8-0.9) it can miss the true nearest, so callers ask for
        a generous n (RetrievalSettings.dense_pool). Only distances are fetched: the key id names
        the chunk (keys.split_key_id)."""
        with self._lock:  # chromadb 1.5 returns fewer results when the collection is smaller
            result = self.collection.query(
                query_embeddings=[vector], n_results=n, where=where, include=["distances"]
            )
        ids, dists = result["ids"][0], result["distances"][0]
        return [VectorMatch(*split_key_id(k), 1.0 - float(d)) for k, d in zip(ids, dists, strict=True)]

    def drop(self) -> None:
        with self._lock:
            try:
                self._client.delete_collection(self.name)
            except Exception as exc:  # chromadb raises different types per version for "missing"
                if "does not exist" not in str(exc).lower() and "not found" not in str(exc).lower():
                    raise
            self._collection = None
