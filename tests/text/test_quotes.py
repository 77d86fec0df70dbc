"""A sentence quoted to ask where it comes from, and whether a passage holds it."""

from __future__ import annotations

from assistant.text.quotes import holds, pairs, quoted_source


def test_a_quoted_sentence_is_read_only_when_its_source_is_asked() -> None:
    asked = "我想建议村里清理“一户多宅”，“农村村民一户只能拥有一处宅基地”这句是哪部法律规定的？"
    assert quoted_source(asked) == "农村村民一户只能拥有一处宅基地"  # the longer quote, not the term
    assert (
        quoted_source("「代表应当按时出席本级人民代表大会会议」出自哪里？")
        == "代表应当按时出席本级人民代表大会会议"
    )
    # a term, not a sentence; a quote whose meaning, not source, is asked
    assert quoted_source("“五簿一档”出自哪里？") == ""
    assert quoted_source("有的条文写着“具体办法由有关部门另行规定”，配套规定要多久出台？") == ""
    # 作出处理 is a deed, not 出处 (its source)
    assert quoted_source("群众反映“村里的路灯坏了半年没人修”，镇政府要多久作出处理？") == ""


def test_a_quote_from_memory_is_held_by_the_passage_it_misremembers_not_by_a_neighbour() -> None:
    quoted = pairs("国家机关实行民主集中制的原则")
    assert holds("中华人民共和国的国家机构实行民主集中制的原则。", quoted)
    other = pairs("农村村民一户只能拥有一处宅基地")
    assert not holds("宅基地和自留地、自留山，也属于集体所有。农村村民委员会……", other)
    assert not holds("任何文字", set())
