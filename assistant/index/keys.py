"""Retrieval keys: the texts embedded for a chunk. A chunk is found through any of its keys.

Key 0 is the whole passage with its title and structure prepended. A passage made of several
款/项 also gets one key per 款/项 (with the article's opening clause), so an answer buried in
item (八) of a 14-item article is not drowned by the other thirteen.
"""

from __future__ import annotations

from assistant.types import Chunk

KEYS_VERSION = "4"


def retrieval_keys(chunk: Chunk) -> list[str]:
    """The passage with its full heading, then each 款/项/sentence with a short context (the
    article number or innermost heading, and the article's opening clause): short keys embed
    about twice as fast, and the passage key already carries the title."""
    keys = [f"{chunk.heading}\n{chunk.text}"]
    lead = chunk.lead or (_first_line(chunk) if chunk.article else "")
    label = chunk.article or (chunk.section_path[-1] if chunk.section_path else chunk.title)
    for s, e in chunk.items:
        unit = chunk.text[s:e]
        context = "" if unit.startswith(lead) else lead
        keys.append(f"{label} {context}{unit}")
    return keys


def key_id(chunk_id: str, n: int) -> str:
    """The vector-store id of a chunk's n-th retrieval key (0: the whole passage)."""
    return f"{chunk_id}:{n}"


def split_key_id(key: str) -> tuple[str, int]:
    """(chunk_id, n) of an id made by key_id."""
    chunk_id, _, n = key.rpartition(":")
    return chunk_id, int(n) if n.isdigit() else 0


def bm25_text(chunk: Chunk) -> str:
    """What BM25 indexes: structure words (章/节 names) count, the title once."""
    return f"{chunk.heading}\n{chunk.lead}\n{chunk.text}"


def _first_line(chunk: Chunk) -> str:
    if not chunk.items:
        return ""
    s, e = chunk.items[0]
    first = chunk.text[s:e]
    return first[len(chunk.article) :].strip() if chunk.article and first.startswith(chunk.article) else first
