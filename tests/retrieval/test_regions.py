"""A regulation a user imported is named by its place (retrieval/regions): 「我们浙江这边…」 asks
浙江's regulation, 「河南主席团工作条例第五条」 its article."""

from pathlib import Path

import pytest

from assistant.retrieval.lookup import ArticleRef, LawResolver
from assistant.retrieval.regions import title_place
from tests.conftest import build_index

TITLES = {
    "zj": "浙江省乡镇人民代表大会工作条例",
    "zjx": "浙江省县、乡两级人民代表大会代表选举实施细则",
    "hn": "河南省乡镇人民代表大会主席团工作条例",
    "bj": "北京市乡、民族乡、镇人民代表大会组织条例",
    "db": "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
    "gd": "全国人民代表大会常务委员会关于县级以下人民代表大会代表直接选举的若干规定",
    "sp": "2023-乡镇人大主席会议讲话",
}


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("浙江省乡镇人民代表大会工作条例", "浙江"),
        ("北京市乡、民族乡、镇人民代表大会组织条例", "北京"),
        ("广西壮族自治区乡镇人民代表大会工作条例", "广西"),
        ("杭州市人民代表大会常务委员会议事规则", "杭州"),
        ("中华人民共和国全国人民代表大会和地方各级人民代表大会代表法", ""),
        ("全国人民代表大会常务委员会关于县级以下人民代表大会代表直接选举的若干规定", ""),
        ("关于城市管理的规定", ""),
        ("2023-乡镇人大主席会议讲话", ""),
    ],
)
def test_the_place_a_title_begins_with(title: str, place: str) -> None:
    assert title_place(title) == place


def test_a_place_names_its_documents_and_a_short_name_one_of_them() -> None:
    resolver = LawResolver(TITLES)
    # 浙江 has two documents: the place alone names both, and none of their articles
    assert resolver.named_documents("我们浙江这边乡镇人代会一般什么时候开？") == ["zj", "zjx"]
    assert resolver.article_refs("浙江这边第十六条讲的啥？") == [ArticleRef(None, 16)]
    # a short name from the place to the kind of document names the one whose title holds it
    question = "浙江县乡两级人大代表选举实施细则第三十六条讲的什么？"
    assert resolver.named_documents(question) == ["zjx"]
    assert resolver.article_refs(question) == [ArticleRef("zjx", 36)]
    assert resolver.named_documents("浙江条例里主席团怎么规定的？") == ["zj"]
    # a place with one document names it, articles included
    assert resolver.article_refs("河南主席团工作条例第十五条讲了些啥？") == [ArticleRef("hn", 15)]
    assert resolver.named_documents("北京的乡镇人大一年开几次会？") == ["bj"]
    # with a law named beside it, both, in the order named
    assert resolver.named_documents("北京的条例和代表法说的一样吗？") == ["bj", "db"]
    # no place, or a place no indexed title begins with: nothing named
    assert resolver.named_documents("乡镇人大一年开几次会？") == []
    assert resolver.named_documents("江苏的乡镇人大一年开几次会？") == []


def test_an_index_without_regional_documents_names_no_place() -> None:
    resolver = LawResolver({k: v for k, v in TITLES.items() if k in ("db", "gd", "sp")})
    assert resolver.named_documents("我们浙江这边乡镇人代会一般什么时候开？") == []


ZHEJIANG = """# 浙江省乡镇人民代表大会工作条例

2016年7月29日 浙江省第十二届人民代表大会常务委员会第三十一次会议通过

<!-- INFO END -->

第一条 为了加强乡镇人民代表大会的工作和建设，制定本条例。

第二条 乡镇人民代表大会会议一般每年年初和年中各举行一次。经五分之一以上代表提议，可以临时召集人民代表大会会议。

第三条 乡镇人民代表大会举行会议七日前，主席团应当将会议举行时间和会议事项通知代表。
"""

HENAN = """# 河南省乡镇人民代表大会主席团工作条例

2016年11月18日 河南省第十二届人民代表大会常务委员会第二十五次会议修订

<!-- INFO END -->

第一条 为了规范乡镇人民代表大会主席团的工作，制定本条例。

第二条 乡镇人民代表大会会议一般每年举行两次，会议召开的日期由主席团决定。乡镇人民代表大会会议有三分之二以上的代表出席，始得举行。

第三条 乡镇人民代表大会举行会议五日前，主席团应当将开会日期和建议会议讨论的主要事项通知代表。
"""


@pytest.mark.slow
def test_a_question_naming_its_province_is_answered_from_its_regulation(
    tmp_path: Path, embedding_cache: Path
) -> None:
    """Two provinces' regulations imported side by side: 「我们浙江这边…」 had 河南's article on the
    same matter first (imported-regulation questions, eval/RESULTS.md step 187)."""
    assistant = build_index(tmp_path, embedding_cache, {"浙江.md": ZHEJIANG, "河南.md": HENAN})
    try:
        for question, title, said in (
            ("我们浙江这边乡镇人代会一般放在什么时候开？", "浙江", "年初和年中"),
            ("河南这边镇人代会一般什么时候开？", "河南", "每年举行两次"),
            ("开镇人代会，浙江要求提前几天通知代表？", "浙江", "七日前"),
        ):
            top = assistant.search(question, 2)[0].chunk
            assert top.title.startswith(title) and said in top.text, question
        answer = assistant.ask("河南主席团工作条例第三条讲了啥？")
        assert not answer.abstained and answer.citations[0].title.startswith("河南")
        assert "五日前" in answer.answer
    finally:
        assistant.close()
