"""Questions about what a numbered shorthand means (「五到位具体指哪些？」): answered when a passage
spells it out, abstained on when the documents only name it."""

from pathlib import Path

import pytest

from assistant.answering.evidence import shorthand
from assistant.text.shorthand import counted_shorthands, described, listed_items
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


# 代表法第四条's wording: the 四个机关 listed, never named so; and a list of four kinds of 机关
ROLES = """# 某某镇人民代表大会代表工作条例

<!-- INFO END -->

第一条 镇人民代表大会代表应当为镇人民代表大会建设自觉坚持中国共产党领导的政治机关、保证人民当家作主的国家权力机关、全面担负宪法法律赋予的各项职责的工作机关、始终同人民群众保持密切联系的代表机关而积极履职。

第二条 镇人民政府、监察机关、审判机关、检察机关、公安机关应当支持代表依法履职。

第三条 镇人民代表大会主席团组织代表开展闭会期间的活动。
"""
NAMED = "同志们：\n要贯彻关于“四个机关”建设的要求，加强镇人大自身建设，组织好代表活动。\n"


def test_a_counted_shorthand_is_spelled_out_by_a_list_of_its_items() -> None:
    assert counted_shorthands("讲话里说的“四个机关”是什么？") == [(4, "机关")]
    # which characters after 个 are the noun is left to the passages: 机关, 机关定, 机关定位
    assert (4, "机关定位") in counted_shorthands("人大的四个机关定位是什么？")
    assert counted_shorthands("要加强四个机关建设。") == []  # not asked what it means
    article = ROLES.split("第一条 ")[1].split("\n")[0]
    items = listed_items(article, 4, "机关")
    assert items[0].endswith("领导的政治机关") and items[-1] == "始终同人民群众保持密切联系的代表机关"
    assert described(items)
    assert listed_items(article, 3, "机关") == [] and listed_items(article, 5, "机关") == []
    kinds = listed_items("监察机关、审判机关、检察机关、行政机关都由人民代表大会产生。", 4, "机关")
    assert len(kinds) == 4 and not described(kinds)


@pytest.mark.slow
def test_a_shorthand_named_in_a_speech_is_answered_from_the_passage_listing_it(
    tmp_path: Path, embedding_cache: Path
) -> None:
    """代表法第四条 lists the 四个机关 without quoting the shorthand: ranked on its words it came 96th
    of 99 candidates, and the speech that only names them made the question abstain."""
    assistant = build_index(tmp_path, embedding_cache, {"代表工作条例.md": ROLES, "讲话.txt": NAMED})
    try:
        answer = assistant.ask("讲话里说的“四个机关”是什么？")
        assert not answer.abstained
        assert answer.citations[0].section == "第一条"
        assert all(role in answer.answer for role in ("政治机关", "国家权力机关", "工作机关", "代表机关"))
        # four kinds of 机关 listed are not the shorthand's items, and nothing lists 五个机关
        assert all(c.section != "第二条" for c in answer.citations)
        assert not any(c.section == "第一条" for c in assistant.ask("五个机关是指什么？").citations[:1])
    finally:
        assistant.close()


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
