"""Speeches, reports and other prose: sections from 一、/（一）/1. headings and 一是/二是 items,
paragraphs packed at sentence boundaries (。！？；) under a size cap."""

from __future__ import annotations

import re

from assistant.chunking.base import ChunkDraft, section_drafts
from assistant.loading.metadata import paragraph_spans
from assistant.text.numerals import CN_NUMERAL_CHARS

_N = CN_NUMERAL_CHARS
_HEADINGS = (
    (1, re.compile(rf"^[{_N}]+、")),
    (2, re.compile(rf"^[（(][{_N}]+[）)]")),
    (3, re.compile(r"^\d{1,2}[\.．、](?!\d)")),
)
_MD = re.compile(r"^(#{1,6})\s+(\S.*)$")
_ITEM = re.compile(rf"^(?:[{_N}]+是|[{_N}]+、|[（(][{_N}]+[）)]|\d{{1,2}}[\.．、](?!\d))")
_LABEL_END = re.compile(r"[。！？；：]")


def speech_drafts(text: str, body_start: int, max_chars: int, min_chars: int) -> list[ChunkDraft]:
    """Drafts for prose: a heading sets the path, a 一是 paragraph adds its own label to it."""
    drafts: list[ChunkDraft] = []
    path: dict[int, str] = {}
    for s, e in paragraph_spans(text, body_start, len(text)):
        para = text[s:e]
        heading = _heading(para)
        if heading is not None:
            level, label = heading
            path = {lv: nm for lv, nm in path.items() if lv < level}
            path[level] = label
            continue
        base = tuple(path[k] for k in sorted(path))
        item = _item_label(para)
        drafts.extend(section_drafts(text, s, e, (*base, item) if item else base, max_chars, min_chars))
    return drafts


def _heading(para: str) -> tuple[int, str] | None:
    md = _MD.match(para)
    if md:
        return len(md.group(1)) + 3, md.group(2).strip()  # Markdown headings nest below numbered ones
    if len(para) > 60 or para.endswith(("。", "；", "：")):
        return None
    for level, pattern in _HEADINGS:
        if pattern.match(para):
            return level, para
    return None


def _item_label(para: str) -> str:
    """「三是要开好乡镇人代会」: the item marker with its first clause, as a section label."""
    if not _ITEM.match(para):
        return ""
    cut = _LABEL_END.search(para)
    label = para[: cut.start()] if cut else para
    return label if len(label) <= 40 else label[:40] + "…"
