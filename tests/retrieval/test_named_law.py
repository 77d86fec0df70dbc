"""A question that names a law is answered from that law first (ranker feature `named_doc`)."""

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_the_law_a_question_names_is_searched_first(default_assistant: Assistant) -> None:
    """「宪法修改需要什么程序？」 names 宪法; with the feature weighing 0.38, 代表法第十六条 (「依照宪法规定
    的程序…提出修改宪法的议案」) and 立法法 ranked above 宪法第六十四条, which says how."""
    top = default_assistant.search("宪法修改需要什么程序？", 3)[0].chunk
    assert top.title == "中华人民共和国宪法" and top.article == "第六十四条"
    top = default_assistant.search("宪法规定人大代表可以被罢免吗？", 3)[0].chunk
    assert top.title == "中华人民共和国宪法"


def test_a_word_that_starts_with_a_law_s_name_does_not_name_it(default_assistant: Assistant) -> None:
    """「监督法官」 is 监督 + 法官: read as 监督法, the named law would outweigh the question's words."""
    _, cands = default_assistant.search_with_evidence("人大可以监督法官判案吗？", 5)
    assert cands.named_docs == []
    hits, cands = default_assistant.search_with_evidence("监督法规定的监督方式有哪些？", 5)
    assert len(cands.named_docs) == 1 and hits[0].chunk.doc_id == cands.named_docs[0]
    assert hits[0].chunk.title == "中华人民共和国各级人民代表大会常务委员会监督法"
