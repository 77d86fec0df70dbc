"""Numbered shorthands (「四个机关」「五簿一档」) a question asks the meaning of, and passages that
spell one out by listing its items: 代表法第四条 lists the 四个机关 without naming them so,
「…的政治机关、…的国家权力机关、…的工作机关、…的代表机关而积极履职」, while the speech that asks
for them (「关于“四个机关”建设的要求」) only names them."""

from __future__ import annotations

import re

from assistant.text.numerals import cn_to_int

# 「是指什么」「包括哪些」, or asking for its numbered parts: 「具体是公开哪三项」
ASKS_MEANING = re.compile(
    r"(?:是指|指的是|指|是|包括|有)(?:哪|什么|啥)|哪[几一二三四五六七八九十两]+(?:项|个|条|类|方面)"
)
# 「四个机关」: a count, 个, then the noun every item ends with (two to four characters; which of
# them is the noun is settled by a passage listing that many items ending with it)
_COUNTED = re.compile(r"([二三四五六七八九十两])个([\u4e00-\u9fff]{2,4})")
_CLAUSE = re.compile(r"[^，,。；;：:！!？?\n]+")
_MAX_ITEM = 40  # characters in one listed item: 「全面担负宪法法律赋予的各项职责的工作机关」 is 20


def counted_shorthands(question: str) -> list[tuple[int, str]]:
    """(count, noun) for each 「N个X」 whose meaning the question asks, with every noun length the
    characters after 个 allow: 「四个机关定位是什么」 -> (4, 机关), (4, 机关定), (4, 机关定位)."""
    if not ASKS_MEANING.search(question):
        return []
    found: list[tuple[int, str]] = []
    for match in _COUNTED.finditer(question):
        count = cn_to_int(match.group(1))
        found += [(count, match.group(2)[:n]) for n in range(2, len(match.group(2)) + 1)]
    return found


def listed_items(text: str, count: int, noun: str) -> list[str]:
    """The first run of exactly `count` items of this noun joined by 、 in one clause: every item
    but the last ends with the noun, and the last holds it (「…的代表机关而积极履职」); [] if none."""
    for clause in _CLAUSE.findall(text):
        run: list[str] = []
        for item in [*clause.split("、"), ""]:
            # the first item starts wherever the clause does: its last words describe the noun
            if item.endswith(noun) and (not run or len(item) <= _MAX_ITEM):
                run.append(item if run else item[-_MAX_ITEM:])
                continue
            if run and noun in item:  # the last item goes on after the noun
                run.append(item[: item.index(noun) + len(noun)])
            if len(run) == count:
                return run
            run = []
    return []


def described(items: list[str]) -> bool:
    """Items that describe what the noun is (「自觉坚持中国共产党领导的政治机关」), as a shorthand's
    items do, rather than name kinds of it (宪法第三条's 「国家行政机关、监察机关、审判机关、检察机关」,
    four 机关 that are not the 四个机关)."""
    return bool(items) and all("的" in item for item in items)
