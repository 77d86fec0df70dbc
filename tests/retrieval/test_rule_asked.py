"""Whether something is allowed or required is a rule's answer: for such a question the ranker's
`rule_asked` feature marks the speech's passages, which state no rule (eval/RESULTS.md step 192)."""

import pytest

from assistant.retrieval.filters import Filters
from assistant.service import Assistant
from assistant.types import DocKind

pytestmark = pytest.mark.slow


def test_a_deputy_may_not_settle_a_problem_on_the_spot(default_assistant: Assistant) -> None:
    """代表法第三十一条 「…但不直接处理问题」 first; the speech's 「三是要开好乡镇人代会…」 was (blind
    duty-1014)."""
    hits = default_assistant.search("第一次跟着镇人大去几个厂子视察，看到问题了，我当场叫他们整改行不行？", 1)
    assert "不直接处理问题" in hits[0].chunk.text, [(h.chunk.title, h.chunk.section) for h in hits]


def test_the_feature_marks_prose_only_for_a_question_on_a_rule_with_no_word_of_a_speech(
    default_assistant: Assistant,
) -> None:
    retriever = default_assistant.retriever
    snap = default_assistant.index.snapshot()
    for question, expected in (
        ("代表视察时能不能当场要求整改？", True),
        ("讲话里说代表视察时能不能当场要求整改？", False),  # the speech named: its answer may be there
        ("代表视察时一般做些什么？", False),  # no rule asked
    ):
        cands = retriever.candidates(snap, question, Filters())
        positions, x, names = retriever.feature_matrix(snap, cands)
        column = x[:, names.index("rule_asked")]
        marked = {snap.chunks[p].kind for p, v in zip(positions, column, strict=True) if v}
        assert bool(marked) is expected, question
        assert marked <= {DocKind.SPEECH, DocKind.REPORT, DocKind.OTHER}, question
