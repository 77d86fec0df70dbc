"""Index maintenance: wiping an index for a rebuild (the embedding cache is kept: a rebuild with
the same embedder re-embeds nothing)."""

from __future__ import annotations

import shutil

from assistant.config import Settings
from assistant.index.store import BM25_FILE, Index


def wipe_index(settings: Settings) -> None:
    index = Index(settings)
    if settings.chroma_url:
        for store in index.vectors.values():
            store.drop()
    else:
        shutil.rmtree(index.directory / "chroma", ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        (index.directory / f"catalog.sqlite{suffix}").unlink(missing_ok=True)
    (index.directory / BM25_FILE).unlink(missing_ok=True)
