"""Questions from deputies preparing a proposal on a topic (text.proposals). The service asks this
only of questions asking for a legal basis (NormalizedQuery.wants_statutes)."""

import pytest

from assistant.text.normalize import QueryNormalizer
from assistant.text.proposals import Proposal, proposal, right_to_propose


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我想提建议加强农村养老服务，有什么法律依据？", Proposal("建议", "加强农村养老服务")),
        ("我想就农村道路建设提一条建议，法律依据是什么？", Proposal("建议", "农村道路建设")),
        (
            "作为镇人大代表，我准备针对校园安全写一份书面建议，有什么依据？",
            Proposal("建议", "校园安全"),
        ),
        ("我想提个议案，要求建设养老院，有什么法律依据？", Proposal("议案", "要求建设养老院")),
        (
            "乡镇人大代表提建议要求整治农村人居环境，有什么法律依据？",
            Proposal("建议", "要求整治农村人居环境"),
        ),
        # the right to propose itself, and questions naming no proposal
        ("代表提建议有什么法律依据？", None),
        ("代表提议案，有什么依据？", None),
        ("代表建议要在多长时间内答复？", None),
    ],
)
def test_the_proposal_and_its_topic(question: str, expected: Proposal | None) -> None:
    assert proposal(QueryNormalizer().normalize(question).content) == expected


def test_the_right_to_propose_is_asked_without_a_topic() -> None:
    asked = right_to_propose("议案")
    assert "议案" in asked and proposal(QueryNormalizer().normalize(asked).content) is None
