"""Extractive answers: [n] markers, verbatim citations, abstention."""

import re

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_answer_cites_verbatim_passages(small_assistant: Assistant) -> None:
    answer = small_assistant.ask("罢免镇长要多少代表联名？")
    assert not answer.abstained
    assert "五分之一" in answer.answer
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers and markers <= {c.n for c in answer.citations}
    catalog = small_assistant.index.catalog
    for c in answer.citations:
        assert catalog.document_text(c.doc_id)[c.start : c.end] == c.text
    assert answer.citations[0].label == "《某某镇人民代表大会工作条例》（2023年修正）第六条"


def test_item_answers_keep_their_lead_in(small_assistant: Assistant) -> None:
    answer = small_assistant.ask("闭会期间主席团要组织代表开展什么活动？")
    assert "视察和调研" in answer.answer
    assert "主席团在闭会期间履行下列职责" in answer.answer


def test_unanswerable_question_abstains(small_assistant: Assistant) -> None:
    answer = small_assistant.ask("山东省乡镇人大代表误工补贴一天多少钱？")
    assert answer.abstained
    assert answer.citations == ()
    assert "未找到" in answer.answer


def test_question_about_a_place_the_corpus_never_names_abstains(small_assistant: Assistant) -> None:
    assert small_assistant.ask("浙江省的代表之家怎么建？").abstained
