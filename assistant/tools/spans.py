"""Testable spans of a sentence — time limits, counts, fractions, bodies, actions — and the
same-type alternatives (drawn from the corpus, then from a short seed list) a quiz may offer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from assistant.text.numerals import cn_to_int

_NUM = "一二三四五六七八九十百两"
_NOT_AFTER = f"(?<![第月上下{_NUM}〇零])"  # ordinals (第三次, 下一次), dates (三月十日), longer numerals
_FRACTION = re.compile(f"{_NOT_AFTER}(?:过半数|半数|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)")
# an age is in 周岁 (「年满十八周岁」), its own unit: 周 alone made 「十八周」 a span of weeks
_TIME = re.compile(f"{_NOT_AFTER}([{_NUM}]+)(个月|日|年|小时|周岁|周(?!年|岁))")
_COUNT = re.compile(f"{_NOT_AFTER}([{_NUM}]+)(人(?![民员士口选大])|名(?![义称单额册誉次])|次(?!性|序))")

CONGRESS_ORGANS = (
    "代表资格审查委员会",
    "专门委员会",
    "常务委员会",
    "主席团",
    "委员长会议",
    "主任会议",
    "秘书处",
)
STATE_ORGANS = ("人民政府", "国务院", "监察委员会", "人民法院", "人民检察院")
NATIONAL_ONLY = ("国务院", "委员长会议")  # no local counterpart: offered only where 全国 is in play
ACTIONS = ("召集", "主持", "审议", "审查", "批准", "备案", "撤销", "罢免", "公布", "答复", "任免", "表决")
_BODY = re.compile("|".join(sorted(CONGRESS_ORGANS + STATE_ORGANS, key=len, reverse=True)))
_ACTION = re.compile(f"(?:{'|'.join(ACTIONS)})(?!法)")
_UNTESTABLE_BODY_PREFIX = ("最高", "国家", "中央")  # 最高人民法院 is a name, not a slot
_OPEN_SLOT_PREFIX = ("由", "经", "向", "交", "或者", "和", "、", "，")  # any organ reads grammatically here

SEEDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("time", "日"): ("三日", "五日", "七日", "十日", "十五日", "二十日", "三十日"),
    ("time", "个月"): ("一个月", "两个月", "三个月", "六个月"),
    ("time", "年"): ("一年", "两年", "三年", "五年"),
    ("time", "周岁"): ("十六周岁", "十八周岁", "二十周岁", "二十二周岁"),
    ("count", "人"): ("三人", "五人", "十人", "二十人", "三十人"),
    ("count", "名"): ("五名", "十名", "三十名", "五十名"),
    ("count", "次"): ("一次", "两次", "三次", "四次"),
    ("fraction", ""): ("五分之一", "十分之一", "四分之一", "三分之一", "三分之二", "过半数"),
    ("body", "congress"): CONGRESS_ORGANS,
    ("body", "state"): STATE_ORGANS,
    ("body", "any"): CONGRESS_ORGANS + STATE_ORGANS,
    ("action", ""): ACTIONS,
}
PRIORITY = {"fraction": 0, "time": 1, "count": 2, "body": 3, "action": 4}


@dataclass(frozen=True, slots=True)
class Span:
    """A testable piece of a sentence; `value` decides which alternatives mean something else."""

    start: int
    end: int
    text: str
    family: str  # fraction, time, count, body, action
    group: str  # unit for quantities (日, 个月, 人 …), "congress"/"any" for bodies
    value: object


def find_spans(sentence: str) -> list[Span]:
    """Testable spans, most telling first (numbers before bodies before actions)."""
    found = [*_fractions(sentence), *_quantities(sentence), *_bodies(sentence), *_actions(sentence)]
    return sorted(found, key=lambda s: (PRIORITY[s.family], s.start))


def classify(text: str) -> Span | None:
    """The span a bare term (a distractor, a key) would be, read on its own."""
    spans = [s for s in find_spans(text) if s.start == 0 and s.end == len(text)]
    return spans[0] if spans else None


def _fractions(sentence: str) -> Iterable[Span]:
    for m in _FRACTION.finditer(sentence):
        yield Span(m.start(), m.end(), m.group(), "fraction", "", fraction_value(m.group()))


def fraction_value(text: str) -> Fraction:
    if text.endswith("半数"):  # 过半数 and 半数 both mean "half", never distractors of each other
        return Fraction(1, 2)
    denominator, numerator = text.split("分之")
    return Fraction(cn_to_int(numerator), cn_to_int(denominator))


def _quantities(sentence: str) -> Iterable[Span]:
    for family, pattern in (("time", _TIME), ("count", _COUNT)):
        for m in pattern.finditer(sentence):
            number, unit = m.group(1), m.group(2)
            if len(number) > 1 and not any(u in number for u in "十百"):
                continue  # 一九八二年, 二三年: a date or a range, not a quantity
            yield Span(m.start(), m.end(), m.group(), family, unit, cn_to_int(number))


def _bodies(sentence: str) -> Iterable[Span]:
    for m in _BODY.finditer(sentence):
        before = sentence[: m.start()]
        if before.endswith(_UNTESTABLE_BODY_PREFIX):
            continue
        yield Span(m.start(), m.end(), m.group(), "body", _body_group(before, m.group()), m.group())


def _body_group(before: str, name: str) -> str:
    """Which organs may stand in this slot: any after 由/经/向, else organs of the same kind
    (人民代表大会常务委员会 takes 主席团, never 人民政府)."""
    if before.endswith(("人民代表大会", "人大")):
        return "congress"
    if not before or before.endswith(_OPEN_SLOT_PREFIX):
        return "any"
    return "congress" if name in CONGRESS_ORGANS else "state"


def _actions(sentence: str) -> Iterable[Span]:
    for m in _ACTION.finditer(sentence):
        yield Span(m.start(), m.end(), m.group(), "action", "", m.group())


class DistractorPool:
    """Alternatives seen in the corpus for each type, most frequent first, then the seed list."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._seen: Counter[tuple[str, str, str]] = Counter()
        for text in texts:
            for span in find_spans(text):
                self._seen[(span.family, _pool_group(span), span.text)] += 1

    def alternatives(self, span: Span, sentence: str = "") -> list[str]:
        """Terms of the same type and unit that mean something else than `span` in `sentence`."""
        group = _pool_group(span)
        seen = [(n, t) for (f, g, t), n in self._seen.items() if f == span.family and g == group]
        ordered = [t for _, t in sorted(seen, key=lambda p: (-p[0], p[1]))]
        ordered += SEEDS.get((span.family, span.group), ())
        if span.family == "body" and span.group != "any":
            ordered = [t for t in ordered if t in SEEDS[("body", span.group)]]
        if span.family == "body" and "全国" not in sentence:
            ordered = [t for t in ordered if t not in NATIONAL_ONLY]
        return [t for t in dict.fromkeys(ordered) if _differs(span, t)]


def _pool_group(span: Span) -> str:
    return "" if span.family == "body" else span.group


def _differs(span: Span, text: str) -> bool:
    other = classify(text)
    return (
        other is not None
        and other.family == span.family
        and _pool_group(other) == _pool_group(span)
        and other.value != span.value
    )
