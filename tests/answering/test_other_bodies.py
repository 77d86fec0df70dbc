"""Bodies outside the congress system (政协, 工会, 妇联 …): the congress documents give none of
their rules, so a question about one is not answered from the congress's."""

import pytest

from assistant.answering.evidence import other_bodies
from assistant.retrieval.bodies import bodies
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer


def _bodies(question: str) -> list[str]:
    nq = QueryNormalizer().normalize(question)
    return other_bodies(nq.original, bodies(nq.canonical))


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("镇妇联主席是选出来的还是任命的？妇代会几年开一次？", ["妇联", "妇代会"]),
        ("县政协委员是选出来的还是推荐的，名单由谁来定？", ["政协"]),
        ("人大代表能不能同时当政协委员？", ["政协"]),  # 人大代表 names no body of the congress
        ("党代表能不能提议案？", ["党代表"]),
        # the documents bar the chair from posts in state administrative organs, and say nothing of
        # a 工会's: a chair is no body of the congress in retrieval.bodies either
        ("镇人大主席能兼任镇工会主席吗？", ["工会"]),
        # a congress or the government named: the question is about its session or its work
        ("县总工会、妇联的负责人想列席县人代会，这事谁说了算？", []),
        ("镇政府能不能管工会的事？", []),
        ("罢免镇长要多少代表联名？", []),
    ],
)
def test_bodies_outside_the_congress_system(question: str, named: list[str]) -> None:
    assert _bodies(question) == named


@pytest.mark.slow
def test_a_question_about_another_body_abstains(small_assistant: Assistant) -> None:
    answer, evidence = small_assistant.ask_with_evidence("镇工会主席是怎么选出来的？")
    assert evidence.unknown_names == ("工会",)
    assert answer.abstained and answer.citations == ()
