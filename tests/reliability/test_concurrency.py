"""While an ingest runs, searches keep answering, each from one consistent state of the index."""

import threading
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.sources.china_law import import_laws

pytestmark = pytest.mark.slow


def test_searches_stay_consistent_during_an_ingest(fresh_assistant: Assistant, tmp_path: Path) -> None:
    laws = tmp_path / "laws"
    import_laws(laws)
    baseline = [h.chunk.chunk_id for h in fresh_assistant.search("罢免镇长要多少代表联名", 3)]
    errors: list[BaseException] = []
    results: list[tuple[int, list[str]]] = []
    done = threading.Event()

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
        hits = fresh_assistant.search("罢免镇长要多少代表联名", 3)
        assert hits, "a search during ingest returned nothing"
        assert all(h.chunk.chunk_id in fresh_assistant.index.snapshot().position for h in hits)
        results.append((snap.generation, [h.chunk.chunk_id for h in hits]))
    writer.join()
    assert not errors, errors
    assert len(results) > 3, "the ingest finished before searches could overlap it"
    generations = [g for g, _ in results]
    assert generations == sorted(generations)  # readers only ever move forward
    assert results[0][1] == baseline  # before the first commit: the same answer as before the ingest
    assert len(fresh_assistant.documents()) == 12
