"""How many must sign is asked of one motion; the ranker's `joint` feature puts the article setting
that motion's 联名 above those setting another's (text.motions, eval/RESULTS.md step 198)."""

import pytest

from assistant.retrieval.filters import Filters
from assistant.service import Assistant

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # 选举法第五十条 (voters recalling a deputy, 「…三十人以上联名」) was first (blind procedure-1453)
        (
            "有几个代表说想在镇人代会上联名弄个议案，最少得几个人一起签名才行？",
            "镇的人民代表大会代表五人以上联名",
        ),
        # 地方组织法第三十一条 (the 罢免案) was first (blind procedure-1421)
        (
            "乡镇人代会上代表自己推镇长人选，得攒够多少张代表签名？",
            "代表十人以上书面联名，可以提出本级人民代表大会主席",
        ),
    ],
)
def test_the_article_setting_the_motion_asked_comes_first(
    default_assistant: Assistant, question: str, expected: str
) -> None:
    hits = default_assistant.search(question, 1)
    assert expected in hits[0].chunk.text.replace("\n", ""), [(h.chunk.title, h.chunk.section) for h in hits]


def test_the_feature_marks_the_motion_asked_and_no_other(default_assistant: Assistant) -> None:
    retriever = default_assistant.retriever
    snap = default_assistant.index.snapshot()
    cands = retriever.candidates(snap, "镇人代会上几个代表联名能提议案？", Filters())
    positions, x, names = retriever.feature_matrix(snap, cands)
    column = x[:, names.index("joint")]
    plus = [snap.chunks[p].text for p, v in zip(positions, column, strict=True) if v > 0]
    minus = [snap.chunks[p].text for p, v in zip(positions, column, strict=True) if v < 0]
    assert plus and all("议案" in text or "法律案" in text for text in plus)
    assert any("罢免" in text for text in minus)
    # a question telling its 联名 and asking something else has no such evidence
    cands = retriever.candidates(snap, "我们十个代表联名推了个副镇长人选，提名的人还得做啥？", Filters())
    positions, x, names = retriever.feature_matrix(snap, cands)
    assert not x[:, names.index("joint")].any()
