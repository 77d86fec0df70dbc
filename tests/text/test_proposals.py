"""Questions from deputies preparing a proposal on a topic (text.proposals). The service asks this
only of questions asking for a legal basis (NormalizedQuery.wants_statutes)."""

import pytest

from assistant.text.normalize import QueryNormalizer, without_asking_frame
from assistant.text.proposals import FORBIDS, Proposal, asks_to_stop, proposal, right_to_propose


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
        # the situation told first, then who proposes (a division word before 人大 or 代表 only);
        # 「想建议」 proposes as 「想提建议」 does
        (
            "县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？",
            Proposal("建议", "县里要从镇里的预算资金里抽调一部分 制止"),
        ),
        (
            "我想建议镇政府建立联系代表的制度，法律上有依据吗？",
            Proposal("建议", "镇政府建立联系代表的制度"),
        ),
        # the right to propose itself, and questions naming no proposal
        ("代表提建议有什么法律依据？", None),
        ("代表提议案，有什么依据？", None),
        ("代表建议要在多长时间内答复？", None),
    ],
)
def test_the_proposal_and_its_topic(question: str, expected: Proposal | None) -> None:
    assert proposal(without_asking_frame(question)[0]) == expected
    assert QueryNormalizer().normalize(question).proposal == expected


def test_a_proposal_on_a_situation_told_is_searched_by_its_topic() -> None:
    """After a situation told, 「代表想提建议」 says who asks, not what the basis is for: its words
    pulled the articles on handling deputies' proposals (代表法第五十一条) above the rule on the
    topic (dev basis-601: 预算法第三十五条 「…不得为任何单位和个人的债务以任何方式提供担保」)."""
    nq = QueryNormalizer().normalize(
        "镇里招来的一家企业贷款，镇政府打算出面给它做担保。代表想提建议制止这事，有什么法律依据？"
    )
    assert "担保" in nq.content and "建议" not in nq.content and "建议" not in nq.canonical
    assert nq.proposal == Proposal("建议", "镇里招来的一家企业贷款，镇政府打算出面给它做担保 制止这事")
    assert nq.proposal.told == "镇里招来的一家企业贷款，镇政府打算出面给它做担保"
    # a topic after the proposal, with no situation told: its words stay with the proposal's, which
    # bring the right to propose when the documents say nothing on the topic (道路养护)
    short = QueryNormalizer().normalize("我想提建议加强农村道路养护，有什么法律依据？")
    assert short.proposal == Proposal("建议", "加强农村道路养护") and not short.proposal.told
    assert "建议" in short.content
    # unless the topic is one the constitution words (POLICY_TOPICS): searched alone, its statute
    # wording joined to it
    known = QueryNormalizer().normalize("我想提建议加强农村养老服务，有什么法律依据？")
    assert known.proposal == Proposal("建议", "加强农村养老服务")
    assert known.content == "加强农村养老服务" and known.canonical == "加强农村养老、年老服务"
    # the deputy's own right asked: no proposal on a topic
    plain = QueryNormalizer().normalize("代表提建议有什么法律依据？")
    assert plain.proposal is None and "建议" in plain.content


def test_a_proposal_on_a_topic_is_not_searched_for_a_right() -> None:
    """有权 joins the statute wording of 「代表提建议有什么法律依据？」 (代表法第二十四条 grants the
    right); a proposal on a topic wants the rule on the topic (dev basis-201: 预算法第三十条)."""
    assert QueryNormalizer().normalize("代表提建议有什么法律依据？").canonical.endswith("有权")
    topical = QueryNormalizer().normalize(
        "县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？"
    )
    assert "有权" not in topical.canonical


def test_the_right_to_propose_is_asked_without_a_topic() -> None:
    asked = right_to_propose("议案")
    assert "议案" in asked and QueryNormalizer().normalize(asked).proposal is None


def test_a_proposal_to_stop_something_is_told_from_a_story_of_being_stopped() -> None:
    """A proposal to stop a practice wants the rule forbidding it (FORBIDS); the same verbs telling
    what happened, or a 反对票, do not ask for one."""
    assert asks_to_stop("县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？")
    assert asks_to_stop("上级下达专项资金要求镇里出配套钱，代表想提建议不让镇里配套，有啥法律依据？")
    assert not asks_to_stop("被厂里的人拦在门口不让进，还推搡了几下。阻碍代表履职的，法律上怎么处理？")
    assert not asks_to_stop("人大代表在选举中可以投反对票吗？")
    assert not asks_to_stop("代表对主席团提出的议案能投反对票吗？")
    assert FORBIDS.search("上级政府不得在预算之外调用下级政府预算的资金")
    assert not FORBIDS.search("上级政府可以调用下级政府预算的资金")
