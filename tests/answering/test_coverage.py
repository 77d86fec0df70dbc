"""How much of the question the top passages mention, counted in concepts: 乡镇 is mentioned where a
passage says 乡、民族乡、镇."""

import pytest

from assistant.answering.evidence import coverage
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer, concepts
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk, DocKind, Hit

ARTICLE = "第十八条 乡、民族乡、镇的人民代表大会主席、副主席不得担任国家行政机关的职务。"
IDF = {"乡镇": 4.0, "民族乡": 2.0, "主席": 1.0, "党委": 3.0, "书记": 3.0}


def hit(text: str) -> Hit:
    return Hit(Chunk("c", "d", 0, text, 0, len(text), "地方组织法", DocKind.LAW, "组织法.md"), 1.0)


def test_a_concept_is_found_by_any_of_its_wordings_and_weighs_its_rarest_token() -> None:
    tokens = Tokenizer().tokens
    nq = QueryNormalizer().normalize("乡镇人大主席不得担任什么职务？")
    question = concepts(tokens(nq.both), nq.synonym_tokens(tokens))
    idf = lambda t: IDF.get(t, 0.0)  # noqa: E731
    # the passage never says 乡镇, but says 乡、民族乡、镇: the township concept (weight 4) is found
    assert coverage(question, [hit(ARTICLE)], idf, tokens) == pytest.approx(1.0)
    flat = [(t,) for t in dict.fromkeys(tokens(nq.original))]  # the question's own words only
    assert coverage(flat, [hit(ARTICLE)], idf, tokens) == pytest.approx(1 / 5)  # 主席, not 乡镇
    other = QueryNormalizer().normalize("乡镇人大主席能由党委书记兼任吗")
    party = concepts(tokens(other.both), other.synonym_tokens(tokens))
    # the township concept (4) and 主席 (1, a word of both wordings, so a concept of its own),
    # not 党委, 书记 (3 each)
    assert coverage(party, [hit(ARTICLE)], idf, tokens) == pytest.approx(5 / 11)
    assert coverage(question, [], idf, tokens) == 0.0


@pytest.mark.slow
def test_a_township_question_is_covered_by_the_statute_wording(default_assistant: Assistant) -> None:
    answer, evidence = default_assistant.ask_with_evidence("乡镇人大主席可以在镇政府担任职务吗？")
    assert not answer.abstained and answer.citations[0].section.startswith("第十八条")
    # 0.45 in concepts; counting only the question's own words (乡镇, 镇政府 …) it was 0.29
    assert evidence.coverage > 0.4
