"""While an ingest runs, searches keep answering, each from one consistent state of the index."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.sources.china_law import import_laws

pytestmark = pytest.mark.slow

QUESTION = "罢免镇长要多少代表联名"
READER_TIMEOUT = 120.0  # seconds the writer waits for a search to see its commit


def test_searches_stay_consistent_during_an_ingest(
    fresh_assistant: Assistant, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laws = tmp_path / "laws"
    import_laws(laws)
    catalog = fresh_assistant.index.catalog
    baseline = [h.chunk.chunk_id for h in fresh_assistant.search(QUESTION, 3)]
    start = catalog.generation()
    errors: list[BaseException] = []
    results: list[tuple[int, list[str]]] = []
    seen = threading.Condition()
    latest_seen = [start - 1]
    done = threading.Event()

    # The writer commits only once a search has read the current state, so searches overlap
    # the ingest however the two threads are scheduled (on a busy CI machine the whole ingest
    # once finished between three searches).
    commit = catalog.transaction

    @contextmanager
    def observed_commit() -> Iterator[object]:
        generation = catalog.generation()
        with seen:
            if not seen.wait_for(lambda: latest_seen[0] >= generation, timeout=READER_TIMEOUT):
                raise TimeoutError(f"no search read generation {generation}")
        with commit() as db:
            yield db

    monkeypatch.setattr(catalog, "transaction", observed_commit)

    def ingest() -> None:
        try:
            fresh_assistant.ingest([laws], progress=False)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            done.set()

    writer = threading.Thread(target=ingest)
    writer.start()
    while not done.is_set():
        snap = fresh_assistant.index.snapshot()
        hits = fresh_assistant.search(QUESTION, 3)
        assert hits, "a search during ingest returned nothing"
        assert all(h.chunk.chunk_id in fresh_assistant.index.snapshot().position for h in hits)
        results.append((snap.generation, [h.chunk.chunk_id for h in hits]))
        with seen:
            latest_seen[0] = max(latest_seen[0], snap.generation)
            seen.notify_all()
    writer.join()
    assert not errors, errors
    generations = [g for g, _ in results]
    commits = catalog.generation() - start
    assert commits >= 2
    # every state but possibly the last was read by a search while the ingest ran
    assert set(range(start, start + commits)) <= set(generations)
    assert generations == sorted(generations)  # readers only ever move forward
    assert results[0][0] == start and results[0][1] == baseline  # before the first commit
    assert len(fresh_assistant.documents()) == 12
