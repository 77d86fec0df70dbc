"""Questions about what a numbered shorthand means (「五到位具体指哪些？」): answered when a passage
spells it out, abstained on when the documents only name it."""

from pathlib import Path

import pytest

from assistant.answering.evidence import shorthand
from tests.conftest import build_index

SPEECH = """同志们：
一、加强代表家站建设
去年全镇代表家站做到了“五到位”“八有”。今年要不断强化“三公开”（即公开代表名单、公开活动计划、公开选民意见办理情况）的落实，按照每月进站一次的要求组织代表活动。
二、做好监督工作
要听取镇政府关于垃圾分类工作的报告，开展饮用水安全专题调研。
"""


def test_spelled_out_and_named_only_shorthands_are_told_apart() -> None:
    texts = [SPEECH]
    assert shorthand("三公开具体指哪些内容？", texts) == ("三公开", True)
    assert shorthand("五到位具体是指哪五个到位？", texts) == ("五到位", False)
    assert shorthand("八有是什么？", texts) == ("八有", False)
    # asking for its numbered parts asks what it means too
    assert shorthand("代表家站做到了“八有”，具体是有哪八项？", texts) == ("八有", False)
    assert shorthand("三公开具体是公开哪三项？", texts) == ("三公开", True)
    # not a question about meaning, or a shorthand the passages do not quote
    assert shorthand("五到位做到了吗？", texts) == ("", False)
    assert shorthand("四个机关是指什么？", texts) == ("", False)


@pytest.mark.slow
def test_a_shorthand_is_explained_or_abstained_on(tmp_path: Path, embedding_cache: Path) -> None:
    assistant = build_index(tmp_path, embedding_cache, {"镇人大讲话.txt": SPEECH})
    try:
        explained = assistant.ask("三公开具体指哪些内容？")
        assert not explained.abstained
        assert "公开代表名单" in explained.answer
        assert assistant.ask("五到位具体是指哪五个到位？").abstained
    finally:
        assistant.close()
