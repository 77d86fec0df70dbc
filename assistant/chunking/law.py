"""Laws and regulations: one chunk per 条 with its 编/章/节 path; long articles split by 款/项.

Only a line that *starts* with 第X条 opens an article, so references inside the text
(「依照本法第二十七条的规定」) never do; headings are short lines of the form 第X编/章/节.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.chunking.base import ChunkDraft, section_drafts
from assistant.chunking.sentences import pack_spans, sentence_spans
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int, int_to_cn

_N = CN_NUMERAL_CHARS
HEADING = re.compile(rf"^(?:#+\s*)?(第[{_N}]+)(编|分编|章|节)(?:[\s　]+(\S.*))?$")
MD_HEADING = re.compile(r"^(#{2,6})\s+(\S.*)$")
ARTICLE = re.compile(rf"^(第([{_N}]+)条)(?:[\s　:：]+|$)")
ITEM = re.compile(rf"^[（(][{_N}]+[）)]")
COMMENT = re.compile(r"^<!--.*-->$")
_LEVELS = {"编": 0, "分编": 1, "章": 2, "节": 3}


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    continued: bool = False  # a sentence run cut from an over-long line: same 款 as the line before


@dataclass
class _Article:
    label: str
    number: int
    path: tuple[str, ...]
    lines: list[_Line] = field(default_factory=list)


def law_drafts(text: str, body_start: int, max_chars: int, min_chars: int) -> list[ChunkDraft]:
    """Chunk drafts for a law-like document whose body starts at body_start."""
    drafts: list[ChunkDraft] = []
    path: dict[int, str] = {}
    article: _Article | None = None
    loose: list[_Line] = []  # text outside any article (序言, notes), chunked by sentences

    def flush_loose() -> None:
        if loose:
            drafts.extend(
                section_drafts(text, loose[0].start, loose[-1].end, _path(path), max_chars, min_chars)
            )
            loose.clear()

    def flush_article() -> None:
        nonlocal article
        if article is not None:
            drafts.extend(_article_drafts(text, article, max_chars))
            article = None

    for line in _lines(text, body_start, max_chars):
        if line.continued:  # the rest of a long line: never a heading or a new article
            (article.lines if article is not None else loose).append(line)
            continue
        heading = _heading(line.text)
        if heading is not None:
            flush_article()
            flush_loose()
            level, name = heading
            path = {lv: nm for lv, nm in path.items() if lv < level}
            path[level] = name
            continue
        if COMMENT.match(line.text):
            flush_article()
            flush_loose()
            continue
        opened = ARTICLE.match(line.text)
        if opened:
            flush_article()
            flush_loose()
            article = _Article(opened.group(1), cn_to_int(opened.group(2)), _path(path), [line])
        elif article is not None:
            article.lines.append(line)
        else:
            loose.append(line)
    flush_article()
    flush_loose()
    return drafts


def _lines(text: str, start: int, max_chars: int) -> list[_Line]:
    """Non-blank lines as spans; a line longer than max_chars (a whole law on one line, a PDF
    without line breaks) is cut into sentence runs that stay in the same paragraph."""
    out: list[_Line] = []
    pos = start
    for raw in text[start:].split("\n"):
        stripped = raw.strip()
        if stripped:
            s = pos + len(raw) - len(raw.lstrip())
            e = s + len(stripped)
            runs = [(s, e)]
            if e - s > max_chars:
                runs = pack_spans(text, list(sentence_spans(text, s, e)), max_chars)
            out += [_Line(rs, re_, text[rs:re_], continued=i > 0) for i, (rs, re_) in enumerate(runs)]
        pos += len(raw) + 1
    return out


def _heading(line: str) -> tuple[int, str] | None:
    match = HEADING.match(line)
    if match and len(line) <= 60 and not line.endswith("。"):
        name = match.group(1) + match.group(2)
        title = re.sub(r"[\s　]+", " ", (match.group(3) or "")).strip()
        return _LEVELS[match.group(2)], f"{name} {title}".strip()
    md = MD_HEADING.match(line)
    if md:
        return len(md.group(1)), md.group(2).strip()
    return None


def _path(path: dict[int, str]) -> tuple[str, ...]:
    return tuple(path[k] for k in sorted(path))


def _article_drafts(text: str, art: _Article, max_chars: int) -> list[ChunkDraft]:
    """One draft for the article, or pieces of whole 款 (or runs of 项) when it is too long."""
    clauses = _clauses(art.lines)  # each clause: [lead line, item lines...]
    start, end = art.lines[0].start, art.lines[-1].end
    units = _key_units(clauses, start)
    if end - start <= max_chars:
        return [ChunkDraft(start, end, art.path, art.label, art.number, items=units)]
    lead = _lead(art.lines[0].text, art.label)
    drafts = []
    for piece in _pieces(clauses, max_chars):
        s, e = piece[0].start, piece[-1].end
        piece_units = tuple(
            (us - (s - start), ue - (s - start)) for us, ue in units if us + start >= s and ue + start <= e
        )
        drafts.append(
            ChunkDraft(
                s,
                e,
                art.path,
                art.label,
                art.number,
                part=_part_label(clauses, piece),
                lead="" if s == start else lead,
                items=piece_units,
            )
        )
    return drafts


def _clauses(lines: list[_Line]) -> list[list[_Line]]:
    """款: a paragraph with the 项 lines that follow it."""
    clauses: list[list[_Line]] = []
    for line in lines:
        if (line.continued or ITEM.match(line.text)) and clauses:
            clauses[-1].append(line)
        else:
            clauses.append([line])
    return clauses


def _key_units(clauses: list[list[_Line]], start: int) -> tuple[tuple[int, int], ...]:
    """Spans (relative to the article) of each 款 and 项, worth a retrieval key of their own."""
    lines = [ln for clause in clauses for ln in clause]
    if len(lines) < 2:
        return ()
    return tuple((ln.start - start, ln.end - start) for ln in lines)


def _pieces(clauses: list[list[_Line]], max_chars: int) -> list[list[_Line]]:
    """Greedy packing of whole 款; a 款 longer than the cap is cut between its 项."""
    units: list[list[_Line]] = []
    for clause in clauses:
        if clause[-1].end - clause[0].start <= max_chars:
            units.append(clause)
            continue
        current: list[_Line] = []
        for line in clause:
            if current and line.end - current[0].start > max_chars:
                units.append(current)
                current = []
            current.append(line)
        units.append(current)
    pieces: list[list[_Line]] = []
    for unit in units:
        if pieces and unit[-1].end - pieces[-1][0].start <= max_chars:
            pieces[-1] = pieces[-1] + unit
        else:
            pieces.append(list(unit))
    return pieces


def _part_label(clauses: list[list[_Line]], piece: list[_Line]) -> str:
    """「第二款」, 「第一款（八）至（十四）项」: where a piece of a long article sits."""
    first, last = piece[0], piece[-1]
    idx = {id(ln): (ci, li) for ci, clause in enumerate(clauses) for li, ln in enumerate(clause)}
    (c1, l1), (c2, l2) = idx[id(first)], idx[id(last)]
    multi = len(clauses) > 1

    def clause_name(ci: int) -> str:
        return f"第{int_to_cn(ci + 1)}款" if multi else ""

    if l1 == 0 and (l2 == len(clauses[c2]) - 1):
        if c1 == c2:
            return clause_name(c1)
        return f"第{int_to_cn(c1 + 1)}款至第{int_to_cn(c2 + 1)}款"
    if not (_item_marker(first.text) or _item_marker(last.text)):  # runs of one long paragraph
        return f"{clause_name(c1)}（续）" if first.continued else f"{clause_name(c1)}（首段）"
    first_item = _item_marker(first.text) or "（首段）"
    last_item = _item_marker(last.text) or ""
    span = first_item if not last_item or last_item == first_item else f"{first_item}至{last_item}"
    return f"{clause_name(c1)}{span}项" if c1 == c2 else f"{clause_name(c1)}{span}"


def _item_marker(line: str) -> str:
    match = ITEM.match(line)
    return match.group(0) if match else ""


def _lead(first_line: str, label: str) -> str:
    """The article's opening clause without its number: 「乡、民族乡、镇的人民代表大会行使下列职权：」."""
    return first_line[len(label) :].strip()


_CLAUSE_LABEL = re.compile(rf"^第([{_N}]+)款")


def part_span(text: str, part: str, article: str, clause: int, item: int) -> tuple[int, int] | None:
    """Where 第`clause`款 (0: whichever) 第`item`项 (0: the whole 款) sits in a passage of an
    article: its text, its part label (「第一款（十一）」 begins inside 第一款, 「第二款至第三款」 at
    第二款; "" a whole article) and its label (第十二条, which opens the first line). 款 and 项 are
    read as the chunker reads them (`_clauses`); None when the passage does not hold the part."""
    first = _CLAUSE_LABEL.match(part)
    clauses = _clauses(_lines(text, 0, len(text) + 1))  # no line is cut: spans are the text's own
    numbered = enumerate(clauses, cn_to_int(first.group(1)) if first else 1)
    if not item:
        return next(((c[0].start, c[-1].end) for no, c in numbered if no == clause), None)
    for no, lines in numbered:
        for line in lines:
            label = line.start == 0 and bool(article) and line.text.startswith(article)
            marker = _item_marker(_lead(line.text, article) if label else line.text)
            if marker and cn_to_int(marker[1:-1]) == item and (not clause or no == clause):
                return line.start, line.end
    return None
