"""Exact dense search: the true nearest keys of the vectors Chroma stores, kept in step with the
index as documents come and go, and the same on every run (HNSW's graph differs per process)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.index.exact import ExactKeys
from assistant.index.keys import retrieval_keys, split_key_id
from assistant.retrieval.filters import Filters
from assistant.service import Assistant
from assistant.types import DocKind
from tests.conftest import build_index

QUESTION = "罢免镇长要多少代表联名"
EXTRA = "代表小组活动办法.txt"


def brute_force(assistant: Assistant, name: str, vector: np.ndarray) -> list[tuple[int, int, float]]:
    """Every stored key scored by hand: (position, key number, cosine) of each passage's best key."""
    snap = assistant.index.snapshot()
    stored = assistant.index.vectors[name].collection.get(include=["embeddings"])
    matrix = np.asarray(stored["embeddings"], dtype=np.float64)
    sims = matrix @ vector / np.linalg.norm(matrix, axis=1) / np.linalg.norm(vector)
    best: dict[int, tuple[int, float]] = {}
    for key, sim in zip(stored["ids"], sims, strict=True):
        chunk_id, number = split_key_id(key)
        pos = snap.position[chunk_id]
        if pos not in best or sim > best[pos][1]:
            best[pos] = (number, float(sim))
    return sorted(((p, k, s) for p, (k, s) in best.items()), key=lambda t: -t[2])


def test_exact_search_finds_the_true_nearest_passages(tmp_path: Path, embedding_cache: Path) -> None:
    assistant = build_index(tmp_path, embedding_cache)
    snap = assistant.index.snapshot()
    for name in assistant.settings.embedding.backends:
        vector = assistant.index.embedders[name].embed_query(QUESTION)
        exact = assistant.index.exact_keys(name, snap)
        assert len(exact.ids) == sum(len(retrieval_keys(c)) for c in snap.chunks)
        found = exact.nearest(vector, 8)
        expected = brute_force(assistant, name, vector)[:8]
        assert [(p, k) for p, k, _ in found] == [(p, k) for p, k, _ in expected]
        np.testing.assert_allclose([s for *_, s in found], [s for *_, s in expected], atol=1e-5)
        # a mask keeps only the allowed passages, in the same order
        mask = np.array([c.kind == DocKind.SPEECH for c in snap.chunks])
        masked = exact.nearest(vector, 100, mask)
        assert masked and all(mask[p] for p, _, _ in masked)
        allowed = [p for p, _, _ in brute_force(assistant, name, vector) if mask[p]]
        assert [p for p, _, _ in masked] == allowed[:100]
    # the retriever uses it: its dense candidates are the brute-force order, without the 题注
    # of the regulation (a search never ranks one: only a question on a law's history reaches it)
    # and without the speech's salutation 「同志们：」 (Snapshot.provisions)
    name = assistant.settings.embedding.backends[0]
    cands = assistant.retriever.candidates(snap, QUESTION, Filters())
    vector = assistant.index.embedders[name].embed_query(cands.query.canonical)
    n = len(cands.ranked[name])
    provisions = snap.provisions
    assert provisions is not None
    ranked = [p for p, _, _ in brute_force(assistant, name, vector) if provisions[p]]
    assert any(c.is_header for c in snap.chunks)
    assert not any(provisions[p] for p, c in enumerate(snap.chunks) if c.is_header or c.text == "同志们：")
    assert cands.ranked[name] == ranked[:n]
    assistant.close()


def test_exact_keys_follow_documents_added_and_removed(tmp_path: Path, embedding_cache: Path) -> None:
    assistant = build_index(tmp_path, embedding_cache)
    name = assistant.settings.embedding.backends[0]
    before = assistant.index.exact_keys(name, assistant.index.snapshot())
    assert assistant.index.exact_keys(name, assistant.index.snapshot()) is before  # built once
    added = write_extra(tmp_path / "more")
    report = assistant.ingest([added], progress=False)
    assert report.count("added") == 1
    snap = assistant.index.snapshot()
    after = assistant.index.exact_keys(name, snap)
    assert after.generation == snap.generation and set(before.ids) < set(after.ids)
    new_keys = set(after.ids) - set(before.ids)
    assert {split_key_id(k)[0] for k in new_keys} == {
        c.chunk_id for c in snap.chunks if c.source.endswith(EXTRA)
    }
    vector = assistant.index.embedders[name].embed_query("代表小组每季度至少活动一次")
    top = after.nearest(vector, 1)[0]
    assert snap.chunks[top[0]].source.endswith(EXTRA)
    assert [(p, k) for p, k, _ in after.nearest(vector, 5)] == [
        (p, k) for p, k, _ in brute_force(assistant, name, vector)[:5]
    ]
    doc_id = snap.chunks[top[0]].doc_id
    assistant.remove_document(doc_id)
    gone = assistant.index.exact_keys(name, assistant.index.snapshot())
    assert set(gone.ids) == set(before.ids)
    assistant.close()


def write_extra(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / EXTRA).write_text(
        "代表小组活动办法\n一、代表小组每季度至少活动一次，由组长召集。\n二、活动情况报镇人大主席团备案。\n",
        encoding="utf-8",
    )
    return folder


def test_nearest_on_an_empty_index_finds_nothing() -> None:
    empty = ExactKeys(
        0, [], np.zeros((0, 1), dtype=np.float32), *(np.zeros(0, dtype=np.int64) for _ in range(3))
    )
    assert empty.nearest(np.ones(4, dtype=np.float32), 5) == []


def test_a_reader_takes_the_key_vectors_from_the_embedding_cache(small_assistant: Assistant) -> None:
    """The ingest put every key's vector in the embedding cache before writing it to Chroma: a
    reading process builds its matrix from the cache, without opening Chroma, to the same rows."""
    from assistant.index.store import Index

    reader = Index(small_assistant.settings)
    try:
        snap = reader.snapshot()
        for name in small_assistant.settings.embedding.backends:
            exact = reader.exact_keys(name, snap)
            assert "vectors" not in reader.__dict__  # Chroma never opened
            stored = small_assistant.index.vectors[name].vectors(exact.ids)
            rows = np.stack([stored[k] for k in exact.ids])
            rows /= np.linalg.norm(rows, axis=1, keepdims=True)
            np.testing.assert_allclose(exact.matrix, rows, atol=1e-6)
    finally:
        reader.close()


def test_keys_missing_from_the_cache_come_from_chroma(small_assistant: Assistant, tmp_path: Path) -> None:
    from assistant.embedding.cache import EmbeddingCache
    from assistant.index.store import Index

    settings = small_assistant.settings
    partial = tmp_path / "partial.sqlite"
    name = settings.embedding.backends[0]
    source = Index(settings)
    snap = source.snapshot()
    digests = [EmbeddingCache.key(t) for t in retrieval_keys(snap.chunks[0])]  # first passage only
    kept = EmbeddingCache(partial)
    kept.put_many(name, source.embedding_cache.get_many(name, digests))
    kept.close()
    source.close()
    reader = Index(
        settings.model_copy(
            update={"embedding": settings.embedding.model_copy(update={"cache_path": partial})}
        )
    )
    try:
        exact = reader.exact_keys(name, reader.snapshot())
        assert "vectors" in reader.__dict__  # the rest was read from Chroma
        assert len(exact.ids) == sum(len(retrieval_keys(c)) for c in snap.chunks)
        expected = small_assistant.index.exact_keys(name, small_assistant.index.snapshot())
        np.testing.assert_allclose(exact.matrix, expected.matrix, atol=1e-6)
    finally:
        reader.close()
