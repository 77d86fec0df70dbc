"""Document-level metadata read from the text: title, kind and revision line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.types import DocKind

_HEADER_END = re.compile(r"^<!--\s*(INFO END|LEGAL_HEADER_END)\s*-->\s*$", re.M)
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_REVISION_WORDS = ("修正", "修订", "通过", "公布", "版本")
ARTICLE_LINE = re.compile(r"^\s*第[一二三四五六七八九十百千零〇两]+条(?:[\s　:：]|$)", re.M)
_RULE_WORDS = ("条例", "规定", "办法", "细则", "规则", "制度", "决定")
_SENTENCE_END = "。！？；：:，,、"


@dataclass(frozen=True, slots=True)
class Revision:
    line: str = ""
    date: str = ""
    label: str = ""


def guess_title(text: str, fallback: str) -> str:
    """The first Markdown heading, else a first line that reads as a title, else the file name."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip() or fallback
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if looks_like_title(first):
        return first.lstrip("#").strip()
    return fallback


def useful_title(title: str, text: str) -> bool:
    """A title declared by the file format, unless it is a placeholder ('untitled', or Latin
    letters only for a Chinese document, as PDF producers often write)."""
    title = title.strip()
    if not title or title.lower() in ("untitled", "无标题", "无标题文档", "document"):
        return False
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for ch in title)
    return has_cjk or not any("\u4e00" <= ch <= "\u9fff" for ch in text[:2000])


def looks_like_title(line: str) -> bool:
    line = line.strip().lstrip("#").strip()
    return 2 <= len(line) <= 60 and line[-1] not in _SENTENCE_END and not ARTICLE_LINE.match(line)


def header_end(text: str) -> int:
    """Offset where the body starts: after a `<!-- INFO END -->` style marker, else 0."""
    match = _HEADER_END.search(text)
    if match is None:
        return 0
    pos = match.end()
    # a few more metadata comment lines may follow the marker
    while True:
        nxt = re.match(r"\s*<!--.*?-->[^\S\n]*\n?", text[pos:])
        if not nxt:
            return pos
        pos += nxt.end()


# 「（2006年8月27日第十届全国人民代表大会常务委员会第二十三次会议通过　根据……修正）」: the note under
# a law's title in a text without the header marker
_NOTE_OPEN = re.compile(rf"^[（(]{_DATE.pattern}")
# a line that opens an entry of a 题注: a date (「2015年8月29日 第十二届……第六次修正」) or a label
# (「制定机关：」); other lines continue the entry before them (a long decision title wraps)
_ENTRY_OPEN = re.compile(rf"[（(]?{_DATE.pattern}|[^：:\s]{{1,6}}[：:]")
_NOTE_LINES = 20


def header_span(text: str) -> tuple[int, int] | None:
    """The law's 题注 as a span of text: who made it, when it was passed and amended (the lines
    between the title and a `<!-- INFO END -->` style marker, or a parenthesised note that opens
    with a date right under the title); None when the text has neither."""
    end = header_end(text)
    lines = paragraph_spans(text, 0, end or len(text))
    if lines and _is_title_line(text[slice(*lines[0])]):
        lines = lines[1:]
    if end:  # everything before the marker but the title (also repeated, broken over lines) and comments
        title = re.sub(r"\s+", "", guess_title(text, ""))
        while lines and title and re.sub(r"\s+", "", text[slice(*lines[0])]) in title:
            lines = lines[1:]
        kept = [(s, e) for s, e in lines if not text[s:e].startswith("<!--")]
        return (kept[0][0], kept[-1][1]) if kept else None
    if not lines or not _NOTE_OPEN.match(text[slice(*lines[0])]):
        return None
    for s, e in lines[:_NOTE_LINES]:
        if text[s:e].endswith(("）", ")")):
            return lines[0][0], e
    return None


def header_entries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the entries of a 题注 in text[start:end]: its lines, a wrapped one joined to the
    entry it continues."""
    entries: list[tuple[int, int]] = []
    for s, e in paragraph_spans(text, start, end):
        if entries and not _ENTRY_OPEN.match(text, s):
            entries[-1] = (entries[-1][0], e)
        else:
            entries.append((s, e))
    return entries


def paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:end] as spans, stripped (the chunkers' paragraphs too)."""
    spans = []
    pos = start
    for raw in text[start:end].split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return spans


def _is_title_line(line: str) -> bool:
    return line.startswith("# ") or (looks_like_title(line) and not _DATE.match(line.lstrip("（(")))


def find_revision(text: str) -> Revision:
    """The latest dated entry of a law's header: 「2022年3月11日 … 第六次修正」.

    An entry starts with a date and may wrap over several lines (long decision titles do).
    """
    end = header_end(text)
    head = text[:end] if end else text[:1500]
    entries: list[str] = []
    for raw in head.splitlines():
        line = raw.strip().strip("（）()")
        if not line or line.startswith(("#", "<!--")):
            continue
        if _DATE.match(line):
            entries.append(line)
        elif entries and not end:
            break
        elif entries:
            entries[-1] += line
    dated = [(_DATE.match(e), e) for e in entries if any(w in e for w in _REVISION_WORDS)]
    if not dated:
        return Revision()
    date, line = max(dated, key=lambda pair: _ymd(pair[0]))
    y, m, d = _ymd(date)
    word = next((w for w in ("修正", "修订", "通过") if w in line), "")
    label = f"{y}年{word}" if word else f"{y}年{m}月{d}日版"
    return Revision(line=line, date=f"{y:04d}-{m:02d}-{d:02d}", label=label)


def _ymd(match: re.Match[str] | None) -> tuple[int, int, int]:
    assert match is not None
    y, m, d = (int(g) for g in match.groups())
    return y, m, d


def guess_kind(title: str, text: str) -> DocKind:
    """Kind from title words and structure; only used when the caller does not say."""
    if any(w in title for w in ("讲话", "致辞", "发言")) or text.lstrip().startswith("同志们"):
        return DocKind.SPEECH
    if "报告" in title:
        return DocKind.REPORT
    articles = len(ARTICLE_LINE.findall(text))
    national = title.startswith("中华人民共和国") or title.startswith("全国人民代表大会")
    if national and (articles >= 3 or "决定" in title or "规定" in title):
        return DocKind.LAW
    if articles >= 3 or (articles and any(w in title for w in _RULE_WORDS)):
        return DocKind.REGULATION
    return DocKind.OTHER
