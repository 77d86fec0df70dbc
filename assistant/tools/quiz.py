"""Quiz builder for trainers: single-choice, true/false and fill-in-the-blank items made from
testable spans (time limits, counts, fractions, bodies, actions) of cited sentences. Every item
is checked against its passage (assistant/tools/verify.py) before it is emitted."""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from assistant.chunking.sentences import opens_list
from assistant.errors import InvalidInput, NotFound
from assistant.service import MAX_K
from assistant.text.normalize import one_line
from assistant.tools.passages import (
    Sentence,
    citation_of,
    clause_around,
    document_chunks,
    sentences,
    source_label,
)
from assistant.tools.spans import DistractorPool, Span, find_spans
from assistant.tools.verify import acceptable_distractor, problems, substitute
from assistant.types import Chunk, Citation

if TYPE_CHECKING:
    from assistant.service import Assistant

log = logging.getLogger(__name__)
MAX_ITEMS = 100
TOPIC_PASSAGES = 20  # searched for a topic quiz at least (3 per item asked for, up to MAX_K)
CHOICE_SLOT = "（　　）"
BLANK_SLOT = "______"
LETTERS = "ABCD"
TRUE, FALSE = "正确", "错误"


class ItemType(StrEnum):
    CHOICE = "choice"
    JUDGE = "judge"
    BLANK = "blank"


TYPE_NAMES = {ItemType.CHOICE: "单选", ItemType.JUDGE: "判断", ItemType.BLANK: "填空"}


def parse_types(text: str | Iterable[str]) -> tuple[ItemType, ...]:
    """「choice,judge」 or a list of names -> item types, in the order given, without repeats."""
    names = text.split(",") if isinstance(text, str) else list(text)
    types: list[ItemType] = []
    for name in (n.strip() for n in names if n.strip()):
        try:
            types.append(ItemType(name))
        except ValueError:
            raise InvalidInput(f"未知的题型：{name}；可选 choice（单选）judge（判断）blank（填空）") from None
    if not types:
        raise InvalidInput("至少需要一种题型：choice、judge 或 blank")
    return tuple(dict.fromkeys(types))


@dataclass(frozen=True, slots=True)
class QuizRequest:
    """What to quiz on (a topic, or a document with an optional chapter), how many, which types."""

    topic: str | None = None
    doc: str | None = None
    chapter: str | None = None
    n: int = 20
    types: tuple[ItemType, ...] = tuple(ItemType)

    def __post_init__(self) -> None:
        for name in ("topic", "doc", "chapter"):
            value = getattr(self, name)
            object.__setattr__(self, name, one_line(value) if value is not None else None)
        if bool(self.topic) == bool(self.doc):
            raise InvalidInput("请指定出题范围：主题或文档标题，二者选一")
        if self.chapter and not self.doc:
            raise InvalidInput("章节只能与文档标题一起使用")
        if not 1 <= self.n <= MAX_ITEMS:
            raise InvalidInput(f"题目数量必须在 1 到 {MAX_ITEMS} 之间（收到 {self.n}）")
        object.__setattr__(self, "types", parse_types(self.types))

    @property
    def title(self) -> str:
        if self.topic:
            return f"「{self.topic}」专题测验"
        chapter = f"{self.chapter} " if self.chapter else ""
        return f"《{self.doc or ''}》{chapter}测验"


@dataclass(frozen=True, slots=True)
class QuizItem:
    """One question with its key, a one-line explanation and the verbatim passage it comes from.
    `sentence` is the passage sentence it was made from; `key` sits at sentence[start:];
    `source.n` is the item's number in its quiz."""

    type: ItemType
    question: str
    options: tuple[str, ...]
    answer: str  # A-D for choice, 正确/错误 for judge, the missing term for blank
    explanation: str
    source: Citation
    sentence: str
    key: str
    start: int

    def shown_statement(self) -> str:
        """The question without its 「根据《…》，」 lead-in."""
        return self.question.removeprefix(question_prefix(self.source))

    def distractors(self) -> tuple[str, ...]:
        """The wrong terms the item offers: other options, or the term swapped into a false statement."""
        if self.type == ItemType.CHOICE:
            return tuple(o for o in self.options if o != self.key)
        if self.type == ItemType.JUDGE and self.answer == FALSE:
            shown = self.shown_statement()
            tail = len(self.sentence) - self.start - len(self.key)
            return (shown[self.start : len(shown) - tail],)
        return ()

    @property
    def answer_text(self) -> str:
        """The answer as a reader wants it: 「B（三个月）」, 「错误」, 「三个月」."""
        return f"{self.answer}（{self.key}）" if self.type == ItemType.CHOICE else self.answer


@dataclass(frozen=True, slots=True)
class Quiz:
    title: str
    items: tuple[QuizItem, ...]
    requested: int
    notice: str = ""  # e.g. fewer verifiable items than requested


def question_prefix(source: Citation) -> str:
    return f"根据《{source.title}》，"


def build_quiz(assistant: Assistant, request: QuizRequest) -> Quiz:
    """Items from the topic's search hits or the document's chunks, verified against their passages."""
    chunks = _material(assistant, request)
    pool = DistractorPool(c.text for c in assistant.index.snapshot().chunks)
    spread = request.doc is not None  # a whole law: sample across it rather than its first articles
    items = _select(_candidates(chunks, spread), request, pool)
    if not items:
        raise NotFound(
            f"{request.title}：没有找到可以出题并核对出处的条文（需含期限、人数、比例、机关等内容）"
        )
    if spread:
        order = {c.chunk_id: i for i, c in enumerate(chunks)}
        items.sort(key=lambda it: (order[it.source.chunk_id], it.start))
    numbered = tuple(replace(it, source=replace(it.source, n=i)) for i, it in enumerate(items, 1))
    notice = "" if len(numbered) == request.n else _shortfall(len(numbered), request.n)
    return Quiz(request.title, numbered, request.n, notice)


def _shortfall(got: int, wanted: int) -> str:
    return f"只找到 {got} 道能核对出处的题目（要求 {wanted} 道），可扩大主题或章节范围。"


def _material(assistant: Assistant, request: QuizRequest) -> list[Chunk]:
    if request.doc:  # its provisions: the 题注 (who made it, its dates) is not what a law requires
        return [c for c in document_chunks(assistant, request.doc, request.chapter) if not c.is_header]
    # passages to spare: many a topic's best hits define rather than set a number or an organ
    # (「预算」: 预算法第三条至第五条), and items take the passages in turn by rank (_candidates)
    hits = assistant.search(request.topic or "", min(MAX_K, max(TOPIC_PASSAGES, 3 * request.n)))
    return [h.chunk for h in hits]


@dataclass(frozen=True, slots=True)
class _Candidate:
    sentence: Sentence
    span: Span
    round: int  # 0 for a sentence's most telling span, 1 for the next …
    place: tuple[int, int]  # (the sentence's place in its passage, the passage's rank)


def _candidates(chunks: Sequence[Chunk], spread: bool) -> list[_Candidate]:
    """Each sentence's best span first across all passages, then the second best, and so on. For
    a topic, the passages take turns in their rank order, a sentence each: a quiz of five on
    「罢免」 had four items from 选举法第五十条, the best hit, one giving away the next's answer."""
    found: list[_Candidate] = []
    for rank, chunk in enumerate(chunks):
        # a list's lead-in (「全国人民代表大会有权罢免下列人员：」) states nothing without its items
        stated = [s for s in sentences(chunk) if not opens_list(s.text)]
        for place, sentence in enumerate(stated):
            spans = [s for s in find_spans(sentence.text) if sentence.text.count(s.text) == 1]
            found += [_Candidate(sentence, span, i, (place, rank)) for i, span in enumerate(spans)]
    if spread:
        return sorted(found, key=lambda c: (c.round, _seed(c.sentence, c.span)))
    return sorted(found, key=lambda c: (c.round, c.place))


def _seed(sentence: Sentence, span: Span) -> int:
    digest = hashlib.sha1(f"{sentence.chunk.chunk_id}:{sentence.start}:{span.start}".encode()).hexdigest()
    return int(digest[:12], 16)


def _select(candidates: Sequence[_Candidate], request: QuizRequest, pool: DistractorPool) -> list[QuizItem]:
    """Up to n items, cycling through the requested types; no sentence is tested twice on one key,
    and no key is a word of the topic: in a quiz on 「罢免」, 「______代表采用无记名的表决方式」 is
    answered by the quiz's own title."""
    items: list[QuizItem] = []
    used: set[tuple[str, str]] = set()
    questions: set[str] = set()
    for cand in candidates:
        if len(items) >= request.n:
            break
        if (cand.sentence.text, cand.span.text) in used or cand.span.text in (request.topic or ""):
            continue
        item = _first_item(cand, _rotation(request.types, len(items)), pool)
        if item is None or item.question in questions:
            continue
        used.add((cand.sentence.text, cand.span.text))
        questions.add(item.question)
        items.append(item)
    return items


def _rotation(types: tuple[ItemType, ...], turn: int) -> list[ItemType]:
    k = turn % len(types)
    return list(types[k:] + types[:k])


def _first_item(cand: _Candidate, types: list[ItemType], pool: DistractorPool) -> QuizItem | None:
    """The first requested type this span makes a verified item of."""
    for kind in types:
        item = MAKERS[kind](cand, pool, random.Random(_seed(cand.sentence, cand.span)))
        if item is None:
            continue
        wrong = problems(item)
        if not wrong:
            return item
        log.debug("quiz item dropped (%s): %s", "; ".join(wrong), item.question)
    return None


def _alternatives(cand: _Candidate, pool: DistractorPool) -> list[str]:
    s, sp = cand.sentence, cand.span
    return [
        a
        for a in pool.alternatives(sp, s.text)
        if acceptable_distractor(s.chunk.text, s.text, sp.start, sp.end, a)
    ]


def _item(cand: _Candidate, kind: ItemType, body: str, answer: str, explanation: str) -> QuizItem:
    source = citation_of(cand.sentence.chunk)
    s, sp = cand.sentence, cand.span
    return QuizItem(
        kind, question_prefix(source) + body, (), answer, explanation, source, s.text, sp.text, sp.start
    )


def _label_and_clause(cand: _Candidate) -> tuple[str, str]:
    s, sp = cand.sentence, cand.span
    return source_label(citation_of(s.chunk)), clause_around(s.text, sp.start, sp.end)


def make_choice(cand: _Candidate, pool: DistractorPool, rng: random.Random) -> QuizItem | None:
    """Four options: the key and three same-type terms the passage does not support."""
    alts = _alternatives(cand, pool)
    if len(alts) < 3:
        return None
    options = [*rng.sample(alts[:8], 3), cand.span.text]
    rng.shuffle(options)
    letter = LETTERS[options.index(cand.span.text)]
    label, clause = _label_and_clause(cand)
    s, sp = cand.sentence, cand.span
    body = substitute(s.text, sp.start, sp.end, CHOICE_SLOT)
    item = _item(cand, ItemType.CHOICE, body, letter, f"{label}规定：「{clause}」，故选{letter}。")
    return replace(item, options=tuple(options))


def make_judge(cand: _Candidate, pool: DistractorPool, rng: random.Random) -> QuizItem | None:
    """About half the judge items alter the key to a same-type term; the rest state the text as is."""
    s, sp = cand.sentence, cand.span
    label, clause = _label_and_clause(cand)
    alts = _alternatives(cand, pool) if rng.random() < 0.5 else []
    if not alts:
        return _item(cand, ItemType.JUDGE, s.text, TRUE, f"{label}原文为「{clause}」，表述正确。")
    alt = rng.choice(alts[:5])
    explanation = f"{label}原文为「{clause}」，应为「{sp.text}」而非「{alt}」。"
    return _item(cand, ItemType.JUDGE, substitute(s.text, sp.start, sp.end, alt), FALSE, explanation)


def make_blank(cand: _Candidate, pool: DistractorPool, rng: random.Random) -> QuizItem | None:
    """The key term removed from the sentence."""
    s, sp = cand.sentence, cand.span
    label, clause = _label_and_clause(cand)
    body = substitute(s.text, sp.start, sp.end, BLANK_SLOT)
    return _item(cand, ItemType.BLANK, body, sp.text, f"{label}原文为「{clause}」。")


Maker = Callable[[_Candidate, DistractorPool, random.Random], QuizItem | None]
MAKERS: dict[ItemType, Maker] = {
    ItemType.CHOICE: make_choice,
    ItemType.JUDGE: make_judge,
    ItemType.BLANK: make_blank,
}
