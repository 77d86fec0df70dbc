"""The default answerer: no LLM. It picks the best sentences of the top passages, marks each with
[n], and abstains when the evidence is weak."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering.citations import build_citations
from assistant.answering.evidence import Evidence
from assistant.chunking.sentences import sentence_spans
from assistant.config import AnswerSettings
from assistant.types import Answer, Hit

_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_ASKS_QUANTITY = re.compile(r"几|多少|多久|多长|期限|时间|比例|人数|什么时候|何时|多大")
_HAS_QUANTITY = re.compile(
    r"[0-9一二三四五六七八九十百两]+(?:个月|日|天|年|次|人|名|分之|以上|以下|届)|分之|过半数|半数"
)
RATIO = 0.75  # a further sentence must score this share of the best one
LIST_CHARS = 240
ABSTAIN_MESSAGE = "知识库中未找到关于「{q}」的依据。请换个说法，或先导入相关的法律、法规或文件。"


@dataclass(frozen=True, slots=True)
class _Unit:
    hit: int  # index into hits
    start: int  # span within the chunk text
    end: int
    score: float


class ExtractiveAnswerer:
    """Sentence selection by idf-weighted overlap with the question, with a preference for the
    best-ranked passages and, for 「几/多少/多久」 questions, for sentences that state a quantity."""

    def __init__(
        self, settings: AnswerSettings, tokens: Callable[[str], list[str]], idf: Callable[[str], float]
    ) -> None:
        self.settings = settings
        self._tokens = tokens
        self._idf = idf

    def answer(
        self,
        question: str,
        query_tokens: Sequence[str],
        hits: Sequence[Hit],
        evidence: Evidence,
        threshold: float,
    ) -> Answer:
        if not hits or evidence.confidence < threshold:
            return abstention(question, evidence.confidence)
        units = self._with_listed_items(
            self._select(question, query_tokens, hits[: self.settings.max_citations + 2]), hits
        )
        if not units:
            return abstention(question, evidence.confidence)
        order = list(dict.fromkeys(u.hit for u in units))  # citation numbers by first use
        parts = []
        for i, unit in enumerate(units):
            chunk = hits[unit.hit].chunk
            sentence = _strip_label(chunk.text[unit.start : unit.end].strip(), chunk.article)
            follows_lead = (
                i > 0
                and units[i - 1].hit == unit.hit
                and _ITEM.match(sentence) is not None
                and (
                    _ITEM.match(
                        _strip_label(chunk.text[units[i - 1].start : units[i - 1].end], chunk.article)
                    )
                    or chunk.text[units[i - 1].start : units[i - 1].end].rstrip().endswith(("：", ":"))
                )
            )
            if _ITEM.match(sentence) and not follows_lead:
                lead = chunk.lead or _lead_of(chunk.text, chunk.article)
                sentence = f"{lead}……{sentence}" if lead else sentence
            last_of_passage = i + 1 == len(units) or units[i + 1].hit != unit.hit
            marker = f"[{order.index(unit.hit) + 1}]" if last_of_passage else ""
            next_is_item = not last_of_passage and _ITEM.match(
                _strip_label(chunk.text[units[i + 1].start : units[i + 1].end], chunk.article)
            )
            parts.append((sentence if next_is_item else _as_statement(sentence)) + marker)
        citations = build_citations([hits[i] for i in order])
        return Answer(question, "".join(parts), False, citations, confidence=evidence.confidence)

    @staticmethod
    def _with_listed_items(units: list[_Unit], hits: Sequence[Hit]) -> list[_Unit]:
        """A chosen sentence that opens a list (「……行使下列职权：」) brings its items along, up to
        LIST_CHARS: the lead-in alone answers nothing."""
        out: list[_Unit] = []
        for unit in units:
            out.append(unit)
            text = hits[unit.hit].chunk.text
            if not text[unit.start : unit.end].rstrip().endswith(("：", ":")):
                continue
            budget = LIST_CHARS
            for s, e in sentence_spans(text, unit.end):
                if not _ITEM.match(text[s:e]) or budget <= 0:
                    break
                if all(not (u.hit == unit.hit and u.start == s) for u in units):
                    out.append(_Unit(unit.hit, s, e, unit.score))
                budget -= e - s
        return sorted(out, key=lambda u: (u.hit, u.start))

    def _select(self, question: str, query_tokens: Sequence[str], hits: Sequence[Hit]) -> list[_Unit]:
        weights = {t: self._idf(t) for t in dict.fromkeys(query_tokens)}
        total = sum(weights.values()) or 1.0
        wants_quantity = bool(_ASKS_QUANTITY.search(question))
        scored: list[_Unit] = []
        for i, hit in enumerate(hits):
            text = hit.chunk.text
            for s, e in sentence_spans(text):
                sentence = text[s:e]
                if len(sentence) < 4 or _is_heading_only(sentence, hit.chunk.article):
                    continue
                found = set(self._tokens(sentence))
                overlap = sum(w for t, w in weights.items() if t in found) / total
                score = overlap + 0.25 / (i + 1)
                if wants_quantity and _HAS_QUANTITY.search(sentence):
                    score += 0.15
                scored.append(_Unit(i, s, e, score))
        if not scored:
            return []
        scored.sort(key=lambda u: -u.score)
        best = scored[0]
        chosen = [best]
        for unit in scored[1:]:
            if len(chosen) >= self.settings.max_sentences:
                break
            if (
                unit.score >= RATIO * best.score
                and len({u.hit for u in chosen} | {unit.hit}) <= self.settings.max_citations
            ):
                chosen.append(unit)
        return sorted(chosen, key=lambda u: (u.hit, u.start))


def abstention(question: str, confidence: float) -> Answer:
    shown = question if len(question) <= 40 else question[:40] + "…"
    return Answer(question, ABSTAIN_MESSAGE.format(q=shown), True, (), confidence=confidence)


def _as_statement(sentence: str) -> str:
    """Items end with ；: close them as sentences so the answer reads as prose."""
    sentence = sentence.rstrip("；;，,、")
    return sentence if sentence.endswith(("。", "！", "？", "”", "：")) else sentence + "。"


def _strip_label(sentence: str, article: str) -> str:
    """「第十四条 地方各级…」 -> 「地方各级…」: the citation already names the article."""
    return sentence[len(article) :].lstrip() if article and sentence.startswith(article) else sentence


def _lead_of(text: str, article: str) -> str:
    first = text.split("\n", 1)[0]
    return first[len(article) :].strip() if article and first.startswith(article) else ""


def _is_heading_only(sentence: str, article: str) -> bool:
    return bool(article) and sentence.strip() == article
