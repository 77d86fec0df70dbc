"""Chunking that follows the structure of the document: articles for laws, sections for prose."""

from __future__ import annotations

import hashlib
import re

from assistant.chunking.base import ChunkDraft
from assistant.chunking.law import law_drafts
from assistant.chunking.speech import speech_drafts
from assistant.config import ChunkingSettings
from assistant.loading.metadata import ARTICLE_LINE, header_end
from assistant.types import Chunk, Document

# Bump when chunk boundaries or metadata change: indexes built with another version are refused.
CHUNKER_VERSION = "5"


def chunker_fingerprint(settings: ChunkingSettings) -> str:
    return f"v{CHUNKER_VERSION}:max{settings.max_chars}:min{settings.min_chars}"


def chunk_document(doc: Document, settings: ChunkingSettings) -> list[Chunk]:
    """Split a document into citable chunks whose text is exactly document.text[start:end]."""
    start = _body_start(doc.text, doc.title)
    body = doc.text[start:]
    if doc.kind.statute or ARTICLE_LINE.search(body):
        drafts = law_drafts(doc.text, start, settings.max_chars, settings.min_chars)
    else:
        drafts = speech_drafts(doc.text, start, settings.max_chars, settings.min_chars)
    return [_chunk(doc, i, d) for i, d in enumerate(drafts)]


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
