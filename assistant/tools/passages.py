"""Where the tools get their material: chunks of a document or chapter, the sentences in them,
and the citation (《title》第X条 + verbatim text) every quiz item and draft paragraph carries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.chunking.sentences import sentence_spans
from assistant.errors import InvalidInput, NotFound
from assistant.types import Chunk, Citation

if TYPE_CHECKING:
    from assistant.service import Assistant

_ITEM_MARK = re.compile(r"^（[一二三四五六七八九十]+）")
_CLAUSE_END = "，。；：！？"
MIN_SENTENCE = 10
MAX_SENTENCE = 160


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a chunk without its article label; `start` indexes into chunk.text."""

    chunk: Chunk
    text: str
    start: int


def citation_of(chunk: Chunk, n: int = 1) -> Citation:
    """The citation of a whole chunk: its verbatim text and where it sits."""
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        title=chunk.title,
        revision=chunk.revision_label,
        section=chunk.section,
        text=chunk.text,
        source=chunk.source,
        kind=chunk.kind,
        start=chunk.start,
        end=chunk.end,
    )


def source_label(citation: Citation) -> str:
    """《title》第X条, the short way a trainer or deputy names a provision."""
    return f"《{citation.title}》{citation.section}"


def document_chunks(assistant: Assistant, title: str, chapter: str | None = None) -> list[Chunk]:
    """The chunks of the documents whose title contains `title` (an exact title wins), in order,
    limited to those whose 编/章/节 path mentions `chapter`."""
    title, chapter = title.strip(), (chapter or "").strip()
    if not title:
        raise InvalidInput("文档标题不能为空")
    assistant.index.check_manifest(create=False)
    chunks = [c for c in assistant.index.snapshot().chunks if title in c.title]
    if not chunks:
        raise NotFound(f"索引中没有标题包含「{title}」的文档（可在文档库中查看已收录的文档）")
    exact = [c for c in chunks if c.title == title]
    chunks = exact or chunks
    if chapter:
        chunks = [c for c in chunks if any(chapter in part for part in c.section_path)]
        if not chunks:
            raise NotFound(f"《{title}》中没有名称包含「{chapter}」的章节")
    return sorted(chunks, key=lambda c: (c.title, c.ordinal))


def sentences(chunk: Chunk, max_chars: int = MAX_SENTENCE) -> Iterator[Sentence]:
    """Sentences worth testing or quoting: not list items cut from their lead, not too short/long."""
    for s, e in _joined_spans(chunk.text):
        text = chunk.text[s:e]
        if chunk.article and text.startswith(chunk.article):
            cut = len(chunk.article)
            while cut < len(text) and text[cut].isspace():
                cut += 1
            s, text = s + cut, text[cut:]
        if MIN_SENTENCE <= len(text) <= max_chars and not _ITEM_MARK.match(text):
            yield Sentence(chunk, text, s)


def _joined_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans, with 「…；或者…」 halves of one sentence joined back when short enough."""
    spans: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        if (
            spans
            and text[spans[-1][1] - 1] == "；"
            and spans[-1][1] == s
            and e - spans[-1][0] <= MAX_SENTENCE
        ):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between ，。；： marks) around sentence[start:end], punctuation excluded."""
    left = max(sentence.rfind(p, 0, start) for p in _CLAUSE_END) + 1
    rights = [i for i in (sentence.find(p, end) for p in _CLAUSE_END) if i >= 0]
    return left, min(rights) if rights else len(sentence)


def clause_around(sentence: str, start: int, end: int) -> str:
    left, right = clause_bounds(sentence, start, end)
    return sentence[left:right]
