"""What every chunker produces: drafts (spans plus structure) that become Chunks."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.chunking.sentences import pack_spans, sentence_spans
from assistant.loading.metadata import paragraph_spans


@dataclass(frozen=True, slots=True)
class ChunkDraft:
    start: int
    end: int
    section_path: tuple[str, ...] = ()
    article: str = ""
    article_no: int = 0
    part: str = ""
    lead: str = ""
    items: tuple[tuple[int, int], ...] = ()


def section_drafts(
    text: str, start: int, end: int, path: tuple[str, ...], max_chars: int, min_chars: int
) -> list[ChunkDraft]:
    """Paragraphs under one heading path: whole paragraphs when they fit, else sentence packs."""
    drafts = []
    for ps, pe in paragraph_spans(text, start, end):
        sentences = list(sentence_spans(text, ps, pe))
        for s, e in pack_spans(text, sentences, max_chars, min_chars):
            drafts.append(ChunkDraft(s, e, path, items=_inner(sentences, s, e)))
    return _merge_small(drafts, max_chars, min_chars)


def _inner(spans: list[tuple[int, int]], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Sentences inside [start, end), relative to start: each becomes a retrieval key of its own."""
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return tuple(inside) if len(inside) > 1 else ()


def _merge_small(drafts: list[ChunkDraft], max_chars: int, min_chars: int) -> list[ChunkDraft]:
    """A paragraph shorter than min_chars joins the next one under the same path when both fit."""
    out: list[ChunkDraft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.section_path == draft.section_path
            and prev.end - prev.start < min_chars
            and draft.end - prev.start <= max_chars
        ):
            shift = draft.start - prev.start
            first = prev.items or ((0, prev.end - prev.start),)
            second = draft.items or ((0, draft.end - draft.start),)
            items = first + tuple((s + shift, e + shift) for s, e in second)
            out[-1] = ChunkDraft(prev.start, draft.end, prev.section_path, items=items)
        else:
            out.append(draft)
    return out
