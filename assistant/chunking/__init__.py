"""Chunking that follows the structure of the document: articles for laws, sections for prose."""

from __future__ import annotations

import hashlib
import re

from assistant.chunking.base import ChunkDraft
from assistant.chunking.law import law_drafts
from assistant.chunking.sentences import pack_spans
from assistant.chunking.speech import speech_drafts
from assistant.config import ChunkingSettings
from assistant.loading.metadata import ARTICLE_LINE, header_end, header_entries, header_span
from assistant.types import HEADER_SECTION, Chunk, Document

# Bump when chunk boundaries or metadata change: indexes built with another version are refused.
CHUNKER_VERSION = "6"


def chunker_fingerprint(settings: ChunkingSettings) -> str:
    return f"v{CHUNKER_VERSION}:max{settings.max_chars}:min{settings.min_chars}"


def chunk_document(doc: Document, settings: ChunkingSettings) -> list[Chunk]:
    """Split a document into citable chunks whose text is exactly document.text[start:end]."""
    start = _body_start(doc.text, doc.title)
    body = doc.text[start:]
    if doc.kind.statute or ARTICLE_LINE.search(body):
        # the 题注 (who made the law, when it was passed and amended) is a passage of its own
        note = header_span(doc.text)
        drafts = _header_drafts(doc.text, note, settings.max_chars) if note else []
        start = max(start, note[1]) if note else start
        drafts += law_drafts(doc.text, start, settings.max_chars, settings.min_chars)
    else:
        drafts = speech_drafts(doc.text, start, settings.max_chars, settings.min_chars)
    return [_chunk(doc, i, d) for i, d in enumerate(drafts)]


def _header_drafts(text: str, span: tuple[int, int], max_chars: int) -> list[ChunkDraft]:
    """The 题注 whole when it fits, else runs of whole entries (a date and what was done then,
    possibly over several lines). No entry is a retrieval key of its own: a search never ranks a
    题注 (only a question on the law's history reaches it, by look-up), and an answer quotes it
    entry by entry (header_entries)."""
    return [
        ChunkDraft(s, e, (HEADER_SECTION,))
        for s, e in pack_spans(text, header_entries(text, *span), max_chars)
    ]


def _body_start(text: str, title: str) -> int:
    """Skip the header of a law (up to <!-- INFO END -->) and a line that repeats the title."""
    start = header_end(text)
    match = re.match(r"\s*([^\n]*)\n?", text[start:])
    first = match.group(1) if match else ""
    if match and first and _squash(first.lstrip("#")) == _squash(title):
        return start + match.end()
    return start


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chunk(doc: Document, ordinal: int, d: ChunkDraft) -> Chunk:
    text = doc.text[d.start : d.end]
    digest = hashlib.sha256(
        f"{doc.doc_id}\x1f{d.start}:{d.end}\x1f{d.article}\x1f{text}".encode()
    ).hexdigest()
    return Chunk(
        chunk_id=digest[:24],
        doc_id=doc.doc_id,
        ordinal=ordinal,
        text=text,
        start=d.start,
        end=d.end,
        title=doc.title,
        kind=doc.kind,
        source=doc.source,
        revision_label=doc.revision_label,
        revision_date=doc.revision_date,
        section_path=d.section_path,
        article=d.article,
        article_no=d.article_no,
        part=d.part,
        lead=d.lead,
        items=d.items,
    )
