"""Incremental ingest: unchanged files are skipped by hash, changed ones replaced, vanished ones
pruned on request. Each document is committed on its own, so an interrupted run loses nothing
that was committed and leaves no half-documents."""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.chunking import chunk_document
from assistant.errors import LoadError, NotFound
from assistant.index.catalog import StoredChunk
from assistant.index.keys import bm25_text, key_id, retrieval_keys
from assistant.index.lock import write_lock
from assistant.index.store import BM25_FILE, Index
from assistant.loading import iter_files, load_bytes
from assistant.types import DocKind, Document

log = logging.getLogger(__name__)
_KEYS_PER_BATCH = 256


@dataclass(frozen=True, slots=True)
class FileResult:
    source: str
    status: str  # added | updated | unchanged | renamed | duplicate | failed | removed
    title: str = ""
    doc_id: str = ""
    chunks: int = 0
    message: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def changed(self) -> bool:
        return any(r.status in ("added", "updated", "renamed", "removed") for r in self.results)


@dataclass
class _Prepared:
    doc: Document
    chunks: list[StoredChunk]
    keys: list[tuple[str, str, str]]  # (key id, chunk id, text to embed)
    replaces: str = ""  # doc_id of the previous version of this source


def source_label(path: Path) -> str:
    """How a file is named in the index: relative to the working directory when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


class Ingester:
    """Writes documents into an Index (catalog + every embedder's vectors)."""

    def __init__(self, index: Index) -> None:
        self.index = index

    # --- public operations ------------------------------------------------------------------
    def ingest_paths(self, paths: Sequence[Path], prune: bool = False, progress: bool = True) -> IngestReport:
        with write_lock(self.index.directory):
            self.index.check_manifest(create=True, writer=True)
            self.recover()
            if prune:
                self.remove_orphans()
            report = self._ingest_paths(paths, prune, progress)
            if not (self.index.directory / BM25_FILE).exists():
                # a new index: count every passage now, not in the first server start. Later
                # changes cost only their own rows, folded in by whoever reads the index next.
                self.index.snapshot()
            return report

    def _ingest_paths(self, paths: Sequence[Path], prune: bool, progress: bool) -> IngestReport:
        report = IngestReport()
        files = list(iter_files(paths))
        seen: set[str] = set()
        pending: list[_Prepared] = []
        bar = tqdm(
            total=len(files), desc="导入文档", unit="个", disable=None if progress else True, leave=False
        )
        for path in files:
            source = source_label(path)
            seen.add(source)
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.results.append(
                    FileResult(source, "failed", message=f"无法读取文件：{exc.strerror or exc}")
                )
                bar.update(1)
                continue
            outcome = self._prepare(source, path.name, data)
            twin = next(
                (
                    p
                    for p in pending
                    if not isinstance(outcome, FileResult) and p.doc.doc_id == outcome.doc.doc_id
                ),
                None,
            )
            if twin is not None:  # the same text twice in this batch
                outcome = FileResult(
                    source,
                    "duplicate",
                    twin.doc.title,
                    twin.doc.doc_id,
                    message=f"与 {twin.doc.source} 内容相同，未重复收录",
                )
            if isinstance(outcome, FileResult):
                report.results.append(outcome)
                bar.update(1)
                continue
            pending.append(outcome)
            if sum(len(p.keys) for p in pending) >= _KEYS_PER_BATCH:
                report.results.extend(self._commit(pending, bar))
                pending = []
        report.results.extend(self._commit(pending, bar))
        bar.close()
        if prune:
            report.results.extend(self._prune(paths, seen))
        return report

    def ingest_bytes(self, name: str, data: bytes, source: str, kind: DocKind | None = None) -> FileResult:
        """One document from memory (an upload); the same checks and atomicity as files."""
        with write_lock(self.index.directory):
            self.index.check_manifest(create=True, writer=True)
            self.recover()
            outcome = self._prepare(source, name, data, kind)
            if isinstance(outcome, FileResult):
                return outcome
            return self._commit([outcome], None)[0]

    def remove(self, doc_id: str) -> FileResult:
        with write_lock(self.index.directory):
            return self._remove(doc_id)

    def recover(self) -> int:
        """Delete the vectors of documents an interrupted run journalled but never committed
        (or removed but never finished). Call with the write lock held."""
        pending = self.index.catalog.pending()
        if pending:
            log.warning(
                "recovering from an interrupted write: dropping vectors of %d documents", len(pending)
            )
            for store in self.index.vectors.values():
                store.delete_documents(pending)
            self.index.catalog.forget_pending(pending)
        return len(pending)

    def remove_orphans(self) -> int:
        """Full scan: delete vectors of any document the catalog does not know (run with --prune;
        the journal makes this unnecessary after an ordinary crash)."""
        known = self.index.catalog.doc_ids()
        removed = 0
        for store in self.index.vectors.values():
            orphans = sorted(store.doc_ids() - known)
            if orphans:
                log.warning("removing vectors of %d uncommitted documents from %s", len(orphans), store.name)
                store.delete_documents(orphans)
                removed += len(orphans)
        return removed

    # --- steps ------------------------------------------------------------------------------
    def _prepare(
        self, source: str, name: str, data: bytes, kind: DocKind | None = None
    ) -> _Prepared | FileResult:
        catalog = self.index.catalog
        previous = catalog.by_source(source)
        file_sha = hashlib.sha256(data).hexdigest()
        if previous is not None and previous.file_sha256 == file_sha:
            return FileResult(source, "unchanged", previous.title, previous.doc_id, previous.n_chunks)
        try:
            doc = load_bytes(data, name, source, kind)
        except LoadError as exc:
            return FileResult(source, "failed", message=exc.reason)
        twin = catalog.by_id(doc.doc_id)
        if twin is not None and twin.source != source:
            return self._same_content(source, file_sha, twin.source, twin.doc_id, twin.title, twin.n_chunks)
        if twin is not None:  # same text, other bytes (e.g. re-encoded): only the hash moves
            with catalog.transaction() as db:
                catalog.rename_source(db, twin.doc_id, source, file_sha)
            return FileResult(source, "unchanged", twin.title, twin.doc_id, twin.n_chunks)
        chunks = chunk_document(doc, self.index.settings.chunking)
        if not chunks:
            return FileResult(source, "failed", doc.title, message="没有切分出任何段落（文件可能只有标题）")
        tokenizer = self.index.tokenizer
        stored = [StoredChunk(c, tuple(tokenizer.tokens(bm25_text(c)))) for c in chunks]
        keys = [
            (key_id(c.chunk_id, i), c.chunk_id, text)
            for c in chunks
            for i, text in enumerate(retrieval_keys(c))
        ]
        return _Prepared(doc, stored, keys, previous.doc_id if previous else "")

    def _same_content(
        self, source: str, file_sha: str, twin_source: str, twin_id: str, title: str, n_chunks: int
    ) -> FileResult:
        """A file whose text is already indexed: a move when the old file is gone, else a duplicate."""
        if Path(twin_source).exists() or twin_source.startswith("uploads/"):
            return FileResult(
                source, "duplicate", title, twin_id, message=f"与已收录的 {twin_source} 内容相同，未重复收录"
            )
        with self.index.catalog.transaction() as db:
            self.index.catalog.rename_source(db, twin_id, source, file_sha)
        return FileResult(source, "renamed", title, twin_id, n_chunks, message=f"由 {twin_source} 改名而来")

    def _remove(self, doc_id: str) -> FileResult:
        catalog = self.index.catalog
        info = catalog.by_id(doc_id)
        if info is None:
            raise NotFound(f"文档不存在：{doc_id}")
        with catalog.transaction() as db:
            catalog.delete_document(db, doc_id)
            catalog.journal(db, [doc_id])
        self._drop_vectors(doc_id)
        return FileResult(info.source, "removed", info.title, doc_id, info.n_chunks)

    def _drop_vectors(self, doc_id: str) -> None:
        for store in self.index.vectors.values():
            store.delete_documents([doc_id])
        self.index.catalog.forget_pending([doc_id])

    def _commit(self, batch: list[_Prepared], bar: tqdm | None) -> list[FileResult]:
        """Embed a batch of documents together (fewer, fuller model calls), then write each one."""
        if not batch:
            return []
        texts = [text for p in batch for _, _, text in p.keys]
        vectors = {name: emb.embed_documents(texts) for name, emb in self.index.embedders.items()}
        results, offset = [], 0
        for prepared in batch:
            n = len(prepared.keys)
            results.append(self._write(prepared, {k: v[offset : offset + n] for k, v in vectors.items()}))
            offset += n
            if bar is not None:
                bar.update(1)
        release_freed_memory()
        return results

    def _write(self, prepared: _Prepared, vectors: dict[str, np.ndarray]) -> FileResult:
        doc = prepared.doc
        ids = [k for k, _, _ in prepared.keys]
        metas = [{"chunk_id": c, "doc_id": doc.doc_id, "kind": doc.kind.value} for _, c, _ in prepared.keys]
        catalog = self.index.catalog
        catalog.mark_pending([doc.doc_id])  # journal first: a crash after this leaves no stray vectors
        for name, store in self.index.vectors.items():
            store.upsert(ids, vectors[name], metas)
        with catalog.transaction() as db:
            if prepared.replaces:
                catalog.delete_document(db, prepared.replaces)
                catalog.journal(db, [prepared.replaces])
            catalog.put_document(db, doc, prepared.chunks)
            catalog.clear_pending(db, [doc.doc_id])
        if prepared.replaces:
            self._drop_vectors(prepared.replaces)
        status = "updated" if prepared.replaces else "added"
        log.info("%s %s (%d chunks)", status, doc.source, len(prepared.chunks))
        return FileResult(doc.source, status, doc.title, doc.doc_id, len(prepared.chunks))

    def _prune(self, roots: Iterable[Path], seen: set[str]) -> list[FileResult]:
        """Drop documents that lived under the given roots but were not found this time."""
        labels = [source_label(root) for root in roots]
        results = []
        for info in self.index.catalog.documents():
            inside = any(info.source == lb or info.source.startswith(lb.rstrip("/") + "/") for lb in labels)
            if inside and info.source not in seen and not os.path.exists(info.source):
                results.append(self._remove(info.doc_id))
        return results


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim; elsewhere a no-op).

    Each batch's tensors have other shapes than the last one's, so glibc's heap fills with holes
    the next batch cannot reuse and that stay resident: an ingest grew by about 3 MB/s, and the
    encoders alone went from 1013 to 1668 MB over 16 batches of 256 keys; trimmed after each
    batch they stayed at 856-882 MB, in the same time (bench/RESULTS.md)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # not glibc, or no process handle (Windows)
        return
    trim(0)
