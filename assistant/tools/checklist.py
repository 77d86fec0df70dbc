"""The formal rules a 代表建议 must respect, each found in the corpus by search and quoted
verbatim. Only the queries and the patterns that recognise the right sentence are written here;
a rule whose passage is not in the index is reported as missing, never stated from memory."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.tools.passages import citation_of, sentences
from assistant.types import Chunk, Citation

if TYPE_CHECKING:
    from assistant.service import Assistant

_COUNT = "[一二三四五六七八九十百]+"
SEARCH_K = 10


@dataclass(frozen=True, slots=True)
class Rule:
    """How to find one rule: a query, and patterns a sentence must all match to state it."""

    group: str
    name: str
    query: str
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One line of the checklist: the verbatim sentences that state the rule and their citation,
    or, when the index holds no such passage, a note saying so."""

    group: str
    name: str
    quotes: tuple[str, ...] = ()
    citation: Citation | None = None
    note: str = ""

    @property
    def found(self) -> bool:
        return self.citation is not None


RULES: tuple[Rule, ...] = (
    Rule(
        "建议与议案的区别",
        "议案",
        "代表有权依照法律规定的程序向本级人民代表大会提出属于本级人民代表大会职权范围内的议案",
        ("代表有权", "职权范围内的议案"),
    ),
    Rule(
        "建议与议案的区别",
        "建议",
        "代表有权向本级人民代表大会提出对各方面工作的建议、批评和意见 明确具体",
        ("代表有权", "各方面工作的建议、批评和意见"),
    ),
    Rule(
        "议案的联名人数",
        "全国人民代表大会",
        "一个代表团或者三十名以上的代表联名，可以向全国人民代表大会提出属于全国人民代表大会职权范围内的议案",
        ("代表团", "联名", "全国人民代表大会", "职权范围内的议案"),
    ),
    Rule(
        "议案的联名人数",
        "县级以上地方各级人民代表大会",
        "县级以上的地方各级人民代表大会代表十人以上联名 可以向本级人民代表大会提出议案",
        ("县级以上", f"代表{_COUNT}人以上联名", "议案"),
    ),
    Rule(
        "议案的联名人数",
        "乡、民族乡、镇人民代表大会",
        "乡、民族乡、镇的人民代表大会代表五人以上联名 可以向本级人民代表大会提出议案",
        ("乡、民族乡、镇", f"代表{_COUNT}人以上联名", "议案"),
    ),
    Rule(
        "建议的办理与答复",
        "由谁交办、研究办理",
        "代表建议、批评和意见由本级人民代表大会常务委员会办事机构或者主席团交有关机关、组织研究办理",
        ("建议、批评和意见", "交(?:由)?有关机关", "研究办理"),
    ),
    Rule(
        "建议的办理与答复",
        "答复时限",
        "有关机关、组织研究办理代表建议 自交办之日起三个月内答复 六个月内答复",
        ("建议", "交办之日起", f"{_COUNT}个月内.{{0,12}}答复"),
    ),
)


def build_checklist(assistant: Assistant, rules: tuple[Rule, ...] = RULES) -> tuple[CheckItem, ...]:
    """Each rule with the first retrieved passage that states it, or a note that none does."""
    return tuple(check(assistant, rule) for rule in rules)


def check(assistant: Assistant, rule: Rule) -> CheckItem:
    for hit in assistant.search(rule.query, SEARCH_K):
        quotes = stating_sentences(hit.chunk, rule.patterns)
        if quotes:
            return CheckItem(rule.group, rule.name, quotes, citation_of(hit.chunk))
    note = f"知识库中未找到规定「{rule.group}：{rule.name}」的条文，请代表自行核实，本清单不作推断。"
    return CheckItem(rule.group, rule.name, note=note)


def stating_sentences(chunk: Chunk, patterns: tuple[str, ...]) -> tuple[str, ...]:
    """The sentences of the chunk (verbatim) that match every pattern."""
    return tuple(
        s.text
        for s in sentences(chunk, max_chars=len(chunk.text))
        if all(re.search(p, s.text) for p in patterns)
    )
