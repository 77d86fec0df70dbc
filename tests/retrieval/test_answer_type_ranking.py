"""A question asking for a kind of fact (几年, 几个人, 几月) ranks first the passage that states one;
the abstention rules still judge the passages ranked on the topic alone, so lifting a passage
for stating some number does not make an unanswerable question look answered."""

import numpy as np
import pytest

from assistant.retrieval.ranker import ANSWER_FEATURES, LinearRanker
from assistant.service import Assistant
from assistant.text.answer_types import required_type


def test_left_out_features_weigh_nothing() -> None:
    ranker = LinearRanker({"bias": 1.0, "answer_type": 3.0})
    x = np.array([[1.0, 1.0], [1.0, 0.0]])
    names = ["bias", "answer_type"]
    assert ranker.score(x, names).tolist() == [4.0, 1.0]
    assert ranker.score(x, names, leave_out=ANSWER_FEATURES).tolist() == [1.0, 1.0]


@pytest.mark.slow
def test_how_many_years_finds_the_term_stated(default_assistant: Assistant) -> None:
    question = "乡镇人大每届任期几年？"
    hits, cands = default_assistant.search_with_evidence(question, 5)
    assert "每届任期五年" in hits[0].chunk.text
    # ranked on the topic alone, the term sits lower: the article on the chair's term came first
    assert cands.topical and "每届任期五年" not in cands.topical[0].chunk.text
    answer = default_assistant.ask(question)
    assert not answer.abstained and "五年" in answer.answer


@pytest.mark.slow
def test_a_passage_lifted_for_its_number_does_not_answer_an_unanswerable_question(
    default_assistant: Assistant,
) -> None:
    # no law sets how many days before a township congress the deputies must be told; the
    # standing committee's 七日以前 is lifted into the hits for stating days, and must not rank
    # among the top three on the topic alone, where the abstention rules would take the days as
    # stated. With float32 m3e vectors it did (xfail since the thirteenth session); the `body`
    # feature (retrieval/bodies.py: a standing committee's rule for a question about the congress
    # counts against it) put it back below them.
    question = "镇人代会开会前，最晚要提前几天把开会日期通知到代表？"
    hits, cands = default_assistant.search_with_evidence(question, 5)
    assert any("七日以前" in h.chunk.text for h in hits[:3])
    assert not any("七日以前" in h.chunk.text for h in cands.topical)
    assert default_assistant.ask(question).abstained


@pytest.mark.slow
def test_how_often_finds_the_frequency_not_the_deadline(default_assistant: Assistant) -> None:
    # 「多长时间」 alone had lifted 「…选举完成后的两个月内…召集」 (a period) above the rule on how
    # often the congress meets
    question = "乡镇人大多长时间开一次会？"
    hits = default_assistant.search(question, 3)
    assert hits[0].chunk.article == "第十四条" and "每年至少举行一次" in hits[0].chunk.text
    answer = default_assistant.ask(question)
    assert not answer.abstained and "每年至少举行一次" in answer.answer


@pytest.mark.slow
def test_how_many_kinds_finds_the_passage_that_counts_them(default_assistant: Assistant) -> None:
    # 地方组织法第十二条 lists the township congress's powers; only the speech says how many kinds
    # they fall into (「大致分为三大类」). Without the kind the question asks for, it ranked sixth.
    hits = default_assistant.search("乡镇人大职权分几类？", 5)
    assert any("三大类" in h.chunk.text for h in hits[:3])
    # a number of kinds is not required of the passages: statutes list kinds without counting
    assert required_type("监督方式分几类？") == ""


@pytest.mark.slow
def test_how_a_chair_is_elected_finds_the_secret_ballot(default_assistant: Assistant) -> None:
    # 地方组织法第二十八条 (「选举采用无记名投票方式」) names no township and ranked below the top ten,
    # under articles on the township congress's powers and its presidium; the answer did not say it
    question = "乡镇人大选举主席用什么方式投票？"
    hits = default_assistant.search(question, 5)
    assert any("选举采用无记名投票方式" in h.chunk.text for h in hits[:3])
    answer = default_assistant.ask(question)
    assert not answer.abstained and "无记名投票" in answer.answer


@pytest.mark.slow
def test_the_answers_first_passage_counts_when_the_topic_ranks_it_next(default_assistant: Assistant) -> None:
    # the article stating how many more candidates than places is ranked first; on the topic
    # alone it came fourth, under three on nominating that state no such number, and the
    # question had been withheld for 「多几个」 not being stated
    question = "选副乡长、副镇长，候选人要比应选的多几个？"
    hits, cands = default_assistant.search_with_evidence(question, 5)
    assert "多一人至三人" in hits[0].chunk.text
    assert not any("多一人至三人" in h.chunk.text for h in cands.topical[:3])
    answer = default_assistant.ask(question)
    assert not answer.abstained and "多一人至三人" in answer.answer


@pytest.mark.slow
def test_a_passage_the_topic_ranks_lower_than_next_does_not_count(default_assistant: Assistant) -> None:
    # no law sets a deadline for acting on the committee's opinions on a work report; the article
    # on sending the report 二十日前 is lifted first for stating days, fifth on the topic alone
    question = "根据监督法，常委会听取专项工作报告后，审议意见要在多长时间内反馈？"
    hits, cands = default_assistant.search_with_evidence(question, 5)
    assert "二十日前" in hits[0].chunk.text
    assert not any("二十日前" in h.chunk.text for h in cands.topical)
    assert default_assistant.ask(question).abstained
