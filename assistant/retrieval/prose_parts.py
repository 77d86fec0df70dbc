"""The part of a speech or report a question points to by its place (「讲话第三部分主要讲什么？」
「第二部分头一条说的是哪项工作？」「讲话最后要我们拿出啥样的劲头？」): its words say little of what is
in it, so ranked on them the passages of that part came anywhere (the thirty-first session's blind
speech questions, eval/RESULTS.md step 186). The part's first passage is looked up, as an article
named is (pinned, and quoted whole: 「第三部分主要讲什么」 is its opening paragraph); its other
passages come next, in their order of score (HybridRetriever._hits), for the answer may be in any
of them (「讲话第一部分主要讲的是啥？」: its last)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int
from assistant.types import Chunk, DocKind

_N = CN_NUMERAL_CHARS
_PROSE = (DocKind.SPEECH, DocKind.REPORT)
# 「讲话第三部分」「报告的第二部分」「第一部分」 (the document named elsewhere in the question)
_PART = re.compile(rf"第([{_N}]+)(?:个)?部分")
# the item of that part: 「第二部分第三点」「…头一条」「…的三是」
_ITEM = re.compile(rf"部分.{{0,6}}?(?:第([{_N}]+)(?:点|条|项|个方面)|头一(?:条|点|项)|([{_N}]+)是)")
# the speech's close: 「讲话最后要…」「讲话结尾」 (not 最后 of a deed: 「最后要达到啥效果」 with no
# 讲话 before it). Not its opening: that is several passages, and looked up it was quoted from its
# first passage whole, above the sentence asked for (dev speech-779, -962)
_CLOSE = re.compile(r"(?:讲话|报告)(?:的)?(?:最后|结尾|收尾|末尾)")


def placed_parts(
    question: str, chunks: Sequence[Chunk], allowed: np.ndarray | Sequence[bool] | None
) -> list[int]:
    """Positions (into `chunks`) of the passages each speech or report holds at the place the
    question names: those of the part (or of its item), or its last; [] when the question names
    no place."""
    part = _PART.search(question)
    if not (part or _CLOSE.search(question)):
        return []
    item = _ITEM.search(question) if part else None
    number = cn_to_int(part.group(1)) if part else 0
    item_number = 0  # the part's first passage
    if item:
        said = item.group(1) or item.group(2)
        item_number = cn_to_int(said) if said else 1  # 头一条: its first item
    by_doc: dict[str, list[int]] = {}
    for pos, c in enumerate(chunks):
        if c.kind in _PROSE and (allowed is None or allowed[pos]):
            by_doc.setdefault(c.doc_id, []).append(pos)
    found: list[int] = []
    for positions in by_doc.values():
        ordered = sorted(positions, key=lambda p: chunks[p].ordinal)
        found += _under(chunks, ordered, number, item_number) if part else ordered[-1:]
    return found


_HEAD = re.compile(rf"^([{_N}]+)、")
_LEAD = re.compile(rf"^([{_N}]+)是")


def _under(chunks: Sequence[Chunk], ordered: list[int], number: int, item: int) -> list[int]:
    """The passages under the numbered heading 「N、…」 (and under its item 「M是…」, when asked)."""
    found = []
    for pos in ordered:
        path = chunks[pos].section_path
        if not path or not (m := _HEAD.match(path[0])) or cn_to_int(m.group(1)) != number:
            continue
        if not item or (len(path) > 1 and (k := _LEAD.match(path[1])) and cn_to_int(k.group(1)) == item):
            found.append(pos)
    return found
