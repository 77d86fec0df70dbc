"""Words placing a question in a speech or work report (retrieval.hybrid.asks_about_prose): 讲话 and
the like always; a year's words (今年, 去年) and the district's only when no legal basis is asked,
since a deputy tells his situation with them as often (eval/RESULTS.md step 194)."""

import pytest

from assistant.retrieval.hybrid import asks_about_prose
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer


@pytest.mark.parametrize(
    ("question", "prose"),
    [
        ("讲话里对代表进站有什么要求？", True),
        ("今年区人大常委会要听取哪些报告？", True),
        ("全区建了多少个代表之家？", True),
        ("领导说要盯住哪几类重点问题？", True),
        # a situation told with a year's word, then a legal basis asked: the basis is a statute's
        ("镇政府去年没上人代会就花了一大笔钱，我想写建议纠正，能引用哪条法律？", False),
        ("今年好几个代表都提了养老的建议，我想建议常委会听取专项工作报告，有依据吗？", False),
        # a legal basis asked of what a speech says is still the speech's
        ("讲话里说的代表家站建设有什么法律依据？", True),
        # 区里 of 选区里 or 社区里 is no district
        ("选区里推荐上来的候选人太多，正式候选人名单怎么定？", False),
        ("社区里的选民能不能联名推荐代表候选人？", False),
        ("罢免案要多少代表联名？", False),
    ],
)
def test_prose_cues(question: str, prose: bool) -> None:
    assert asks_about_prose(QueryNormalizer().normalize(question)) is prose


@pytest.mark.slow
def test_a_legal_basis_asked_after_a_year_told_is_sought_in_the_statutes(
    default_assistant: Assistant,
) -> None:
    """Blind basis-1391: the speech's 「三是要开好乡镇人代会…」 and three more of its passages ranked
    above any statute, for 「去年」 in the situation told."""
    hits = default_assistant.search(
        "镇政府去年没上人代会就花了一大笔钱搞广场亮化，我想写建议纠正这种花法，能引用哪条法律？", 5
    )
    assert hits and all(hit.chunk.kind.statute for hit in hits), [hit.chunk.title for hit in hits]
