"""A question that names the kind of document its answer is in (「讲话里…」: the speech) is answered
from that document first (ranker feature `kind_named`), as one naming a law is from the law; the
abstention rules still judge the passages ranked on the topic alone (ranker.PLACE_FEATURES)."""

import pytest

from assistant.retrieval.hybrid import NAMED_KINDS
from assistant.service import Assistant
from assistant.types import DocKind


@pytest.mark.parametrize(
    "question",
    [
        "讲话里对代表小组活动有什么要求？",
        "讲话提到今年要听取哪些报告？",
        "讲话要求乡镇人大重点盯哪些民生问题？",
    ],
)
def test_the_speech_is_named(question: str) -> None:
    assert NAMED_KINDS[DocKind.SPEECH].search(question)


@pytest.mark.parametrize("question", ["人大代表在会上讲话会被追究吗？", "代表在大会上讲话有时间限制吗？"])
def test_speaking_names_no_document(question: str) -> None:
    assert not NAMED_KINDS[DocKind.SPEECH].search(question)


@pytest.mark.slow
def test_the_speech_a_question_names_is_searched_first(default_assistant: Assistant) -> None:
    # the speech asks for 代表小组学习、交流活动; 代表法第二十六条 (代表小组 as the basic form of
    # deputies' activity) came first on the question's words alone
    hits, cands = default_assistant.search_with_evidence("讲话里对代表小组活动有什么要求？", 5)
    assert cands.named_kinds == (DocKind.SPEECH,)
    assert hits[0].chunk.kind is DocKind.SPEECH and "代表小组" in hits[0].chunk.text
    hits, cands = default_assistant.search_with_evidence("人大代表在会上讲话会被追究吗？", 5)
    assert cands.named_kinds == () and hits[0].chunk.kind.statute
    # the speech's list of the reports to hear this year, not the NPC's rules on the reports it hears
    # (kind_named 2.5 -> 3.0: the walk-through's question had 全国人大常委会议事规则第三十三条 first)
    hits = default_assistant.search("讲话里提到哪些报告要听取审议？", 1)
    assert hits[0].chunk.kind is DocKind.SPEECH and "听取和审议区政府" in hits[0].chunk.text


@pytest.mark.slow
def test_a_passage_lifted_for_its_document_does_not_answer_for_it(default_assistant: Assistant) -> None:
    # the speech names 「八有」 without spelling it out: its passages rank first for being in the
    # speech, the topical ranking the abstention rules read does not lift them, and the answer is
    # withheld
    question = "讲话里说的“八有”具体指什么？"
    hits, cands = default_assistant.search_with_evidence(question, 5)
    assert hits[0].chunk.kind is DocKind.SPEECH
    assert cands.topical and cands.topical[0].chunk.kind is not DocKind.SPEECH
    assert default_assistant.ask(question).abstained
