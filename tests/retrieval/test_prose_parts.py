"""A question pointing to a part of the speech by its place finds that part (retrieval/prose_parts):
the sample speech that ships in corpus/, chunked as ingest chunks it."""

from pathlib import Path

import pytest

from assistant.chunking import chunk_document
from assistant.config import ChunkingSettings
from assistant.loading import load_bytes
from assistant.retrieval.prose_parts import placed_parts
from assistant.service import Assistant
from assistant.types import Chunk

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "2023-乡镇人大主席会议讲话.txt"


@pytest.fixture(scope="module")
def chunks() -> list[Chunk]:
    doc = load_bytes(SAMPLE.read_bytes(), SAMPLE.name)
    return chunk_document(doc, ChunkingSettings())


def _found(question: str, chunks: list[Chunk]) -> list[Chunk]:
    return [chunks[p] for p in placed_parts(question, chunks, None)]


@pytest.mark.parametrize(
    ("question", "heading", "item"),
    [
        ("讲话第三部分主要讲哪方面的工作？", "三、", ""),
        ("讲话第二部分第三点讲的啥？", "二、", "三是"),
        ("写监督计划要对上讲话，第二部分头一条说的是哪项工作？", "二、", "一是"),
        ("讲话第三部分的三是，要给代表建个啥机制？", "三、", "三是"),
    ],
)
def test_a_part_named_by_its_place_is_its_passages_in_order(
    question: str, heading: str, item: str, chunks: list[Chunk]
) -> None:
    found = _found(question, chunks)
    assert found
    for c in found:
        assert c.section_path[0].startswith(heading)
        if item:
            assert c.section_path[1].startswith(item)
    # every passage there, in the document's order: the first is the one the retriever pins
    there = [
        c
        for c in chunks
        if c.section_path[:1]
        and c.section_path[0].startswith(heading)
        and (not item or (len(c.section_path) > 1 and c.section_path[1].startswith(item)))
    ]
    assert found == there
    assert [c.ordinal for c in found] == sorted(c.ordinal for c in found)


def test_the_close(chunks: list[Chunk]) -> None:
    (close,) = _found("讲话最后要主席们拿出啥样的劲头？", chunks)
    assert close.ordinal == max(c.ordinal for c in chunks)
    assert "踔厉奋发" in close.text


def test_no_place_named_is_no_look_up(chunks: list[Chunk]) -> None:
    assert _found("讲话里说代表之家建了几个？", chunks) == []
    # the opening is several passages: the sentence asked for is found by its words
    assert _found("讲话开头列完今年的重点工作后，要求乡镇人大抓住哪些问题？", chunks) == []
    assert _found("最后要达到啥效果？", chunks) == []  # 最后 of a deed, the speech not named
    assert _found("讲话第九部分说了什么？", chunks) == []  # no such part
    laws_only = [c for c in chunks if c.kind.statute]
    assert placed_parts("讲话第二部分讲什么？", laws_only, None) == []


def test_a_part_the_filters_exclude_is_not_found(chunks: list[Chunk]) -> None:
    allowed = [not c.section_path or not c.section_path[0].startswith("三、") for c in chunks]
    assert placed_parts("讲话第三部分主要讲哪方面的工作？", chunks, allowed) == []


@pytest.mark.slow
def test_a_part_named_is_searched_first_and_answered(default_assistant: Assistant) -> None:
    """On the default index: 「讲话第三部分主要讲哪方面的工作？」 had the passages of other parts
    first and was withheld; the speech's salutation 「同志们：」 was the first hit of several questions."""
    hits = default_assistant.search("讲话第三部分主要讲哪方面的工作？", 5)
    assert hits[0].chunk.section_path[0].startswith("三、")
    answer = default_assistant.ask("讲话第三部分主要讲哪方面的工作？")
    assert not answer.abstained and "代表工作" in answer.answer
    assert answer.citations[0].section.startswith("三、")
    for question in ("这次讲话主要是讲给哪些人听的？", "这个讲话是一年里啥时候讲的？"):
        assert all(h.chunk.text.strip() != "同志们：" for h in default_assistant.search(question, 10))
