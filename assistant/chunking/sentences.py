"""Sentence boundaries (。！？；) with a size cap, as spans so chunk text stays verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator

_SENTENCE = re.compile(r"[^。！？；!?\n]*(?:[。！？；!?]+[”’」』）)]*|\n|$)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans of non-blank sentences in text[start:end], ending after their punctuation."""
    end = len(text) if end is None else end
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def opens_list(sentence: str) -> bool:
    """Whether a sentence is a list's lead-in (「…行使下列职权：」): it ends with a colon."""
    return sentence.rstrip().endswith(("：", ":"))


def pack_spans(
    text: str, spans: list[tuple[int, int]], max_chars: int, min_chars: int = 0
) -> list[tuple[int, int]]:
    """Greedily join consecutive spans into pieces of at most max_chars (a longer span is cut at
    a comma, else hard); a trailing piece shorter than min_chars joins its predecessor."""
    pieces: list[tuple[int, int]] = []
    for s, e in _cut_long(text, spans, max_chars):
        if pieces and e - pieces[-1][0] <= max_chars:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    if len(pieces) > 1 and pieces[-1][1] - pieces[-1][0] < min_chars:
        last = pieces.pop()
        pieces[-1] = (pieces[-1][0], last[1])
    return pieces


def _cut_long(text: str, spans: list[tuple[int, int]], max_chars: int) -> Iterator[tuple[int, int]]:
    for s, e in spans:
        while e - s > max_chars:
            window = text[s : s + max_chars]
            cut = max(window.rfind("，"), window.rfind(","), window.rfind("、"))
            cut = s + cut + 1 if cut > max_chars // 3 else s + max_chars
            yield s, cut
            s = cut
        if e > s:
            yield s, e
