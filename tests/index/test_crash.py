"""Crash safety: an ingest killed with SIGKILL part-way through a real corpus leaves an index
that opens, whose Chroma and BM25 sides agree, and that a re-run completes to the same state as
an uninterrupted run."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.sources.china_law import import_laws
from tests.conftest import REPO, make_settings

pytestmark = [pytest.mark.slow, pytest.mark.server]


def committed_documents(catalog: Path) -> int:
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{catalog}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def ingest_command(corpus: Path, index: Path, cache: Path) -> tuple[list[str], dict[str, str]]:
    env = os.environ | {"RENDA_EMBEDDING_CACHE_PATH": str(cache)}
    return [sys.executable, "-m", "assistant.cli", "ingest", str(corpus), "--index", str(index)], env


def assert_consistent(assistant: Assistant) -> None:
    catalog = assistant.index.catalog
    chunks = {c.chunk_id for c in assistant.index.snapshot().chunks}
    for store in assistant.index.vectors.values():
        assert store.doc_ids() == catalog.doc_ids(), store.name
        assert store.chunk_ids() == chunks, store.name
    assert catalog.pending() == []


def test_sigkill_mid_ingest_then_resume(
    tmp_path: Path, embedding_cache: Path, default_assistant: Assistant
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("laws"))
    import_laws(corpus / "laws")
    index = tmp_path / "index"

    # A cold embedding cache makes the run slow enough to be killed between documents.
    command, env = ingest_command(corpus, index, tmp_path / "cold-cache.sqlite")
    proc = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 600
    while (
        committed_documents(index / "catalog.sqlite") < 1 and proc.poll() is None and time.time() < deadline
    ):
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed_at = committed_documents(index / "catalog.sqlite")
    assert 1 <= killed_at < 11

    reopened = Assistant(make_settings(index, embedding_cache))
    assert reopened.search("罢免", 3)  # the index opens and answers
    assert_consistent(reopened)  # no half-documents on either side
    assert len(reopened.documents()) == killed_at

    command, env = ingest_command(corpus, index, embedding_cache)
    finished = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stderr
    resumed = Assistant(make_settings(index, embedding_cache))
    assert_consistent(resumed)
    reference = default_assistant.index
    assert resumed.index.catalog.doc_ids() == reference.catalog.doc_ids()
    assert {c.chunk_id for c in resumed.index.snapshot().chunks} == {
        c.chunk_id for c in reference.snapshot().chunks
    }
    for name, store in resumed.index.vectors.items():
        assert store.count() == reference.vectors[name].count()
