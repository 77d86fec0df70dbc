"""The catalog: SQLite record of documents, chunks, BM25 tokens and the index manifest.

It is the source of truth: a document exists when its catalog transaction committed. Before its
vectors are written to Chroma, the document id is journalled in `pending`; the commit that adds
the document clears it. A crash in between leaves a pending id whose vectors the next writer
deletes, so Chroma and the catalog never disagree for longer than a restart (readers ignore
vectors of unknown chunks meanwhile). Removals journal the id the same way until Chroma is done.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.types import Chunk, DocKind, Document

Row = tuple[Any, ...]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL UNIQUE, file_sha256 TEXT NOT NULL,
    title TEXT NOT NULL, kind TEXT NOT NULL, revision TEXT, revision_date TEXT, revision_label TEXT,
    encoding TEXT, text TEXT NOT NULL, added_at REAL NOT NULL, n_chunks INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, section_path TEXT NOT NULL,
    article TEXT NOT NULL, article_no INTEGER NOT NULL, part TEXT NOT NULL, lead TEXT NOT NULL,
    items TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS pending (doc_id TEXT PRIMARY KEY, since REAL NOT NULL);
INSERT OR IGNORE INTO state VALUES ('generation', 0);
"""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document as listed to users: no text."""

    doc_id: str
    source: str
    title: str
    kind: DocKind
    revision_label: str
    revision_date: str
    n_chunks: int
    added_at: float
    file_sha256: str


@dataclass(frozen=True, slots=True)
class StoredChunk:
    chunk: Chunk
    tokens: tuple[str, ...]


class Catalog:
    """Thread-safe access to one catalog file (WAL mode: readers never wait for a writer)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, timeout=60, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic change; bumps the generation so other readers reload."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("UPDATE state SET value = value + 1 WHERE key = 'generation'")
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    # --- manifest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, str]:
        with self._lock:
            return dict(self._conn.execute("SELECT key, value FROM manifest").fetchall())

    def set_manifest(self, values: dict[str, str]) -> None:
        with self.transaction() as db:
            _put_manifest(db, values)

    def replace_tokens(self, tokens: Sequence[tuple[str, Sequence[str]]], manifest: dict[str, str]) -> None:
        """New BM25 tokens for these chunks and the manifest entries that say how they were
        counted, in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE chunks SET tokens=? WHERE chunk_id=?", [(" ".join(t), c) for c, t in tokens]
            )
            _put_manifest(db, manifest)

    def generation(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT value FROM state WHERE key='generation'").fetchone()[0])

    # --- journal of vector writes not yet matched by the catalog ---------------------------
    def mark_pending(self, doc_ids: Sequence[str]) -> None:
        with self._lock:
            self._conn.executemany(
                "INSERT OR REPLACE INTO pending VALUES (?, ?)", [(d, time.time()) for d in doc_ids]
            )

    @staticmethod
    def clear_pending(db: sqlite3.Connection, doc_ids: Sequence[str]) -> None:
        db.executemany("DELETE FROM pending WHERE doc_id = ?", [(d,) for d in doc_ids])

    @staticmethod
    def journal(db: sqlite3.Connection, doc_ids: Sequence[str]) -> None:
        """Inside a transaction: these ids' vectors are to be deleted once it commits."""
        db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", [(d, time.time()) for d in doc_ids])

    def pending(self) -> list[str]:
        """Journalled ids that are not (or no longer) documents: their vectors must go."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT doc_id FROM pending WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            ).fetchall()
        return [r[0] for r in rows]

    def forget_pending(self, doc_ids: Sequence[str]) -> None:
        with self._lock:
            self._conn.executemany("DELETE FROM pending WHERE doc_id = ?", [(d,) for d in doc_ids])

    # --- documents ------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return self._infos("1=1", ())

    def by_source(self, source: str) -> DocumentInfo | None:
        found = self._infos("source=?", (source,))
        return found[0] if found else None

    def by_id(self, doc_id: str) -> DocumentInfo | None:
        found = self._infos("doc_id=?", (doc_id,))
        return found[0] if found else None

    def _infos(self, where: str, params: tuple[str, ...]) -> list[DocumentInfo]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT doc_id, source, title, kind, revision_label, revision_date, n_chunks, added_at,"
                f" file_sha256 FROM documents WHERE {where} ORDER BY added_at, source",
                params,
            ).fetchall()
        return [
            DocumentInfo(r[0], r[1], r[2], DocKind(r[3]), r[4] or "", r[5] or "", r[6], r[7], r[8])
            for r in rows
        ]

    def document_text(self, doc_id: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT text FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def doc_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT doc_id FROM documents")}

    def put_document(self, db: sqlite3.Connection, doc: Document, chunks: Sequence[StoredChunk]) -> None:
        """Insert a document with its chunks, inside the caller's transaction."""
        db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.doc_id,
                doc.source,
                doc.file_sha256,
                doc.title,
                doc.kind.value,
                doc.revision,
                doc.revision_date,
                doc.revision_label,
                doc.encoding,
                doc.text,
                time.time(),
                len(chunks),
            ),
        )
        db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.chunk_id,
                    c.doc_id,
                    c.ordinal,
                    c.start,
                    c.end,
                    json.dumps(c.section_path, ensure_ascii=False),
                    c.article,
                    c.article_no,
                    c.part,
                    c.lead,
                    json.dumps(c.items),
                    " ".join(sc.tokens),
                )
                for sc in chunks
                for c in (sc.chunk,)
            ],
        )

    @staticmethod
    def delete_document(db: sqlite3.Connection, doc_id: str) -> None:
        db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    @staticmethod
    def rename_source(db: sqlite3.Connection, doc_id: str, source: str, file_sha256: str) -> None:
        db.execute(
            "UPDATE documents SET source=?, file_sha256=? WHERE doc_id=?", (source, file_sha256, doc_id)
        )

    # --- chunks ---------------------------------------------------------------------------
    def load_chunks(self) -> tuple[int, list[Chunk]]:
        """(generation, every chunk), read in one transaction so that the documents, the chunks
        and the generation agree even while a writer commits."""
        generation, rows, docs = self._read_chunks(with_tokens=False)
        return generation, [_chunk(r, docs[r[1]]) for r in rows]

    def load_chunks_with_tokens(self) -> tuple[int, list[Chunk], list[tuple[str, ...]]]:
        """The same, with the BM25 tokens of every chunk."""
        generation, rows, docs = self._read_chunks(with_tokens=True)
        return generation, [_chunk(r, docs[r[1]]) for r in rows], [_tokens(r[11]) for r in rows]

    def _read_chunks(self, with_tokens: bool) -> tuple[int, list[Row], dict[str, Row]]:
        with self._lock:
            self._conn.execute("BEGIN")
            generation = int(
                self._conn.execute("SELECT value FROM state WHERE key='generation'").fetchone()[0]
            )
            docs = {
                r[0]: r
                for r in self._conn.execute(
                    "SELECT doc_id, source, title, kind, revision_label, revision_date, text FROM documents"
                )
            }
            rows = self._conn.execute(
                'SELECT chunk_id, doc_id, ordinal, start, "end", section_path, article, article_no, part,'
                f" lead, items{', tokens' if with_tokens else ''} FROM chunks ORDER BY doc_id, ordinal"
            ).fetchall()
            self._conn.execute("COMMIT")
        return generation, rows, docs

    def tokens_of(self, chunk_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """BM25 tokens of these chunks (those still in the catalog)."""
        out: dict[str, tuple[str, ...]] = {}
        with self._lock:
            for i in range(0, len(chunk_ids), 500):
                batch = chunk_ids[i : i + 500]
                rows = self._conn.execute(
                    f"SELECT chunk_id, tokens FROM chunks WHERE chunk_id IN ({','.join('?' * len(batch))})",
                    batch,
                )
                out.update((cid, _tokens(tokens)) for cid, tokens in rows)
        return out


_KINDS = {kind.value: kind for kind in DocKind}


def _put_manifest(db: sqlite3.Connection, values: dict[str, str]) -> None:
    db.executemany("INSERT OR REPLACE INTO manifest VALUES (?, ?)", list(values.items()))


def _tokens(stored: str) -> tuple[str, ...]:
    """Interned: all 352 laws hold 8 million tokens but 137,000 distinct ones (0.7 -> 0.3 GB)."""
    return tuple(map(sys.intern, stored.split()))


def _chunk(r: Row, d: Row) -> Chunk:
    """A chunk from its row and its document's row (see Catalog._read_chunks)."""
    return Chunk(
        chunk_id=r[0],
        doc_id=r[1],
        ordinal=r[2],
        text=d[6][r[3] : r[4]],
        start=r[3],
        end=r[4],
        title=d[2],
        kind=_KINDS[d[3]],
        source=d[1],
        revision_label=d[4] or "",
        revision_date=d[5] or "",
        section_path=tuple(json.loads(r[5])),
        article=r[6],
        article_no=r[7],
        part=r[8],
        lead=r[9],
        items=tuple((int(s), int(e)) for s, e in json.loads(r[10])),
    )
