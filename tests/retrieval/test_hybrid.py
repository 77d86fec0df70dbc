"""Hybrid retrieval on a small real index (real models, jieba BM25, Chroma)."""

import pytest

from assistant.retrieval.filters import Filters
from assistant.retrieval.langchain import RendaRetriever
from assistant.retrieval.lookup import LawResolver, title_aliases
from assistant.service import Assistant
from assistant.types import DocKind

pytestmark = pytest.mark.slow


def test_colloquial_question_finds_the_article(small_assistant: Assistant) -> None:
    hits = small_assistant.search("镇人大一年开几次会？", 3)
    assert hits[0].chunk.article == "第三条"
    assert set(hits[0].ranks) >= {"bm25"}


def test_named_article_comes_first(small_assistant: Assistant) -> None:
    hits = small_assistant.search("工作条例第6条讲的什么", 3)
    assert hits[0].chunk.article == "第六条"


def test_filters_by_kind_and_title(small_assistant: Assistant) -> None:
    speech = small_assistant.search("代表培训", 5, Filters(kinds=(DocKind.SPEECH,)))
    assert speech and all(h.chunk.kind == DocKind.SPEECH for h in speech)
    titled = small_assistant.search("代表培训", 5, Filters(titles=("工作条例",)))
    assert titled and all("工作条例" in h.chunk.title for h in titled)
    assert small_assistant.search("代表培训", 5, Filters(titles=("不存在的文件",))) == []


def test_a_question_for_the_legal_basis_searches_the_statutes(small_assistant: Assistant) -> None:
    """「…有什么规定？」 asks what a law or regulation says: the speech, which talks of training too
    (「每年至少举办两次代表集中培训」), is no legal basis. Asked of the speech, or filtered to it by
    the caller, the speech is searched."""
    statutes = small_assistant.search("代表培训有什么规定？", 5)
    assert statutes and all(h.chunk.kind == DocKind.REGULATION for h in statutes)
    assert any(h.chunk.kind == DocKind.SPEECH for h in small_assistant.search("代表培训", 5))
    asked = small_assistant.search("讲话里对代表培训有什么规定？", 5)
    assert asked[0].chunk.kind == DocKind.SPEECH
    chosen = small_assistant.search("代表培训有什么规定？", 5, Filters(kinds=(DocKind.SPEECH,)))
    assert chosen and all(h.chunk.kind == DocKind.SPEECH for h in chosen)


def test_hits_carry_citation_metadata(small_assistant: Assistant) -> None:
    hit = small_assistant.search("罢免镇长要多少代表联名", 1)[0]
    c = hit.chunk
    assert c.article == "第六条" and c.title == "某某镇人民代表大会工作条例"
    assert c.section_path == ("第二章 会议", "第二节 罢免")
    assert c.revision_label == "2023年修正"


def test_langchain_retriever_adapter(small_assistant: Assistant) -> None:
    docs = RendaRetriever(searcher=small_assistant, k=2).invoke("罢免镇长")
    assert len(docs) == 2
    assert docs[0].metadata["article"] == "第六条"
    assert docs[0].page_content.startswith("第六条")


def test_law_aliases_and_article_refs() -> None:
    title = "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"
    assert "代表法" in title_aliases(title)
    resolver = LawResolver({"d1": title, "d2": "中华人民共和国全国人民代表大会常务委员会议事规则"})
    refs = resolver.article_refs("代表法第五十一条和全国人大常委会议事规则第六条")
    assert [(r.doc_id, r.article_no) for r in refs] == [("d1", 51), ("d2", 6)]
    assert resolver.article_refs("第九条")[0].doc_id is None
