"""Which body a question and a passage are about (retrieval.bodies, ranker feature `body`)."""

import pytest

from assistant.retrieval.bodies import (
    CONGRESS,
    GOVERNMENT,
    PRESIDIUM,
    STANDING,
    bodies,
    body_match,
    lead_bodies,
)
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer


def test_the_bodies_a_question_asks_about() -> None:
    canonical = QueryNormalizer().normalize
    assert bodies(canonical("县人大常委会多久开一次会？").canonical) == {STANDING}
    assert bodies(canonical("什么情况下可以召开临时人代会？").canonical) == {CONGRESS}
    assert bodies(canonical("乡镇人大主席团会议多久至少开一次？").canonical) == {PRESIDIUM}
    assert bodies(canonical("乡镇人大主席团安排代表听取政府专项工作报告").canonical) == {
        PRESIDIUM,
        GOVERNMENT,
    }
    # the congress as the owner of its deputies is no question about the congress
    assert bodies(canonical("乡镇人大代表任期几年？").canonical) == set()


def test_a_passage_is_about_the_bodies_of_its_first_sentence() -> None:
    assert lead_bodies("第五十一条 常务委员会会议由主任召集并主持，每两个月至少举行一次。") == {STANDING}
    # a later sentence naming the standing committee does not make the congress's rule its own
    congress = "第十四条 地方各级人民代表大会会议每年至少举行一次。县级以上的地方各级人民代表大会常务委员会…"
    assert lead_bodies(congress) == {CONGRESS}
    assert body_match(frozenset({STANDING}), lead_bodies(congress)) == -1
    assert body_match(frozenset({STANDING}), frozenset({STANDING, CONGRESS})) == 1
    assert body_match(frozenset(), frozenset({CONGRESS})) == 0


@pytest.mark.slow
def test_a_question_about_the_standing_committee_finds_its_rule(default_assistant: Assistant) -> None:
    """地方组织法第十四条 (the congress meets 每年至少一次) ranked above 第五十一条 (the standing
    committee, 每两个月至少一次) for 「县人大常委会多久开一次会？」: both state a frequency."""
    top = default_assistant.search("县人大常委会多久开一次会？", 3)[0].chunk
    assert top.article == "第五十一条" and "组织法" in top.title
