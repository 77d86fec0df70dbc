"""A sentence a question quotes to ask where it comes from: 「“农村村民一户只能拥有一处宅基地”这句是
哪部法律规定的？写建议想引原文。」 The documents must hold it (near enough: a quote from memory
says 国家机关 where the constitution says 国家机构) before any passage can be its source."""

from __future__ import annotations

import re

_QUOTED = re.compile(r"[“「『\"]([^”」』\"]+)[”」』\"]")
# where it is written: which law, which article, its source
_ASKS_SOURCE = re.compile(
    r"哪部|哪个法|哪项法|什么法|哪一?条|出自|(?<!作)出处|来源|原文|哪里规定|哪儿规定|谁规定"
)  # not 作出处理
_WORD_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
MIN_QUOTE_CHARS = 8  # shorter quotes are terms (“五簿一档”), not sentences
# the share of the quote's character pairs a passage must hold to be where it comes from: 11 of
# 13 for the misremembered 「国家机关实行民主集中制的原则」, 4 of 14 for a sentence of another law
HELD_SHARE = 0.6


def quoted_source(question: str) -> str:
    """The longest sentence the question quotes when it asks where a quote comes from; ""
    otherwise (「“五簿一档”是什么」 quotes a term, and asks its meaning)."""
    if not _ASKS_SOURCE.search(question):
        return ""
    quotes = [q.strip() for q in _QUOTED.findall(question)]
    longest = max(quotes, key=_letters, default="")
    return longest if len(_letters(longest)) >= MIN_QUOTE_CHARS else ""


def pairs(quote: str) -> set[str]:
    """The quote's pairs of adjacent characters, punctuation left out."""
    letters = _letters(quote)
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def holds(text: str, quoted: set[str]) -> bool:
    """Whether the text holds the quote near enough (HELD_SHARE of its character pairs)."""
    if not quoted:
        return False
    return sum(pair in text for pair in quoted) >= HELD_SHARE * len(quoted)


def _letters(text: str) -> str:
    return "".join(_WORD_CHARS.findall(text))
