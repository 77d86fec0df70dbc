"""A deputy's proposal on a policy topic (「办一所公办幼儿园」) has its basis in the constitution's
words for it (text.normalize.POLICY_TOPICS): the ranker's `topic` feature marks the passages that
say them (学前教育), for questions asking a basis only."""

import pytest

from assistant.retrieval.filters import Filters
from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_the_feature_marks_the_passages_saying_the_statute_wording(default_assistant: Assistant) -> None:
    retriever = default_assistant.retriever
    snap = default_assistant.index.snapshot()
    cands = retriever.candidates(snap, "想提建议在镇上办一所公办幼儿园，有什么法律依据？", Filters())
    positions, x, names = retriever.feature_matrix(snap, cands)
    marked = [snap.chunks[p] for p, row in zip(positions, x, strict=True) if row[names.index("topic")]]
    assert marked and all("学前教育" in chunk.text for chunk in marked)
    assert any(chunk.title.endswith("宪法") and chunk.section == "第十九条" for chunk in marked)
    # a question about the topic's facts, not a basis: no passage is marked
    cands = retriever.candidates(snap, "镇上的公办幼儿园归谁管？", Filters())
    _, x, names = retriever.feature_matrix(snap, cands)
    assert not x[:, names.index("topic")].any()
