"""A deputy proposing to stop a practice (「代表想提建议制止」) needs the rule forbidding it: the
ranker's `forbids` feature lifts passages saying 不得/禁止/严禁 for such questions only."""

import pytest

from assistant.retrieval.filters import Filters
from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_a_proposal_to_stop_a_practice_finds_the_rule_forbidding_it(default_assistant: Assistant) -> None:
    """预算法第三十条 「上级政府不得在预算之外调用下级政府预算的资金」 first (dev basis-201 had 第七十一条
    on 配套资金 above it)."""
    hits = default_assistant.search(
        "县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？", 1
    )
    assert "不得在预算之外调用下级政府预算的资金" in hits[0].chunk.text, [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_the_feature_is_set_only_for_a_proposal_to_stop(default_assistant: Assistant) -> None:
    """Some passage has it for a proposal to stop a practice; without one it is 0 for every passage."""
    retriever = default_assistant.retriever
    snap = default_assistant.index.snapshot()
    for question, expected in (
        ("县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？", True),
        ("县里能从镇里的预算资金里抽调一部分吗？", False),
    ):
        cands = retriever.candidates(snap, question, Filters())
        _, x, names = retriever.feature_matrix(snap, cands)
        assert bool(x[:, names.index("forbids")].any()) is expected, question
