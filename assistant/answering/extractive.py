"""The default answerer: no LLM. It picks the best sentences of the top passages, marks each with
[n], and abstains when the evidence is weak."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.answering.citations import build_citations
from assistant.answering.evidence import Evidence
from assistant.chunking.law import part_span
from assistant.chunking.sentences import opens_list, sentence_spans
from assistant.config import AnswerSettings
from assistant.loading.metadata import header_entries
from assistant.retrieval.levels import (
    TOWNSHIP,
    asked_levels,
    chunk_levels,
    level_match,
    passage_levels,
    question_levels,
)
from assistant.retrieval.lookup import short_name
from assistant.text.answer_types import STATES_QUANTITY, answer_type, asks_quantity, states
from assistant.text.normalize import concepts
from assistant.text.parts import asking_parts
from assistant.text.tokenize import is_bigram
from assistant.types import Answer, Chunk, Hit

_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# Sentence selection, tuned on eval/questions.jsonl (key coverage; dev and test splits alike):
RATIO = 0.4  # a further sentence must gain this share of what the first one did
# a part of the question counts as answered by a sentence chosen for another part that states this
# share of the part's own words; below, a sentence stating more of them is added (_each_part)
PART_ANSWERED = 0.75
REPEAT = 0.5  # a question term an earlier sentence already states counts this share of its weight
RANK_PRIOR = 0.25  # gain / (rank + 1) for sentences of better-ranked passages
QUANTITY_BONUS = 0.15  # 「几/多少/多久」: the first sentence stating the kind asked, else any quantity
MATCH_BONUS = 0.1  # per embedder whose best-matching key (款/项/sentence) is this sentence
# 「哪些机关」: a sentence naming several things (A、B、C) answers a question asking which things,
# seldom with the question's noun (「…人民政府及其所属各部门、监察委员会、人民法院、人民检察院的质询案」)
ENUMERATION_BONUS = 0.1
# A concept made only of character bigrams (the tokenizer adds every bigram of the question's
# Chinese runs) repeats a word already counted or straddles two (「人大开会」: 大开; 「会议每年」: 议每):
# rare, so heavy by idf (65 % of 「乡镇人大开会一年开几次？」), yet no term of the question. It
# counts this share of its idf (dev key coverage 0.876 at 1, 0.891 at 0.1-0.25, 0.887 at 0)
BIGRAM_SHARE = 0.25
# 「省、自治区、直辖市」「乡、民族乡、镇」: the levels a statute sentence speaks of, not a list it gives
_DIVISION = r"(?:省|自治区|直辖市|自治州|设区的市|不设区的市|市辖区|县|自治县|乡|民族乡|镇)"
_DIVISIONS = re.compile(rf"{_DIVISION}(?:、{_DIVISION})+")
_CLAUSE = re.compile(r"[，,；;：:。！？]")
LOOKUP_CHARS = 600  # an article the question names is quoted whole up to this length
# a law's 题注 asked for (「选举法修改过几次？」) is quoted whole up to this length: every line counts
HEADER_CHARS = 1500
SHORT_CHARS = 150  # the passage of the best sentence is quoted whole up to this length
LIST_CHARS = 240
WHOLE_LIST_CHARS = 400  # a list of the kind a question asks for (「有哪些权利」) is given whole up to this
SERIES_CHARS = 300  # the rest of a ；-series or of announced points a chosen sentence opens
# two sentences of a 款 state one rule for different levels when they share this many characters
# in a row, the levels left out (「的调整方案应当提请」 is 9)
PARALLEL_CHARS = 8
_ASKS_SEVERAL = re.compile(r"哪些|哪几|几点|几个方面|什么作用")
# 「闭会期间平时要做些什么？」: what someone does is several things too, for a ；-series (_with_series)
_ASKS_DOINGS = re.compile(r"做(?:些)?什么|干(?:些)?(?:什么|啥)")
# 「有哪些权利」「哪几项职权」: the kind of thing a question asks to be listed
_ASKED_KIND = re.compile(r"(?:哪些|哪几[项类种个条方面]*)([\u4e00-\u9fff]{2})")
# 「出处是组织法第几条？」「在代表法哪一条？」: where it is written is asked, so the answer names the
# article of each passage it quotes (the citations under it always do)
_ASKS_ARTICLE = re.compile(r"第几条|第几款|哪一?条|哪个条文|(?<!作)出处|出自")  # not 作出处理
_POINTS = re.compile(r"(?<![第一二三四五六七八九十百])([两二三四五六七八九十])(?:点|个方面|大类|类)")
_POINT_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
ABSTAIN_MESSAGE = "知识库中未找到关于「{q}」的依据。请换个说法，或先导入相关的法律、法规或文件。"
# a question naming an article its law does not have (「代表法第九十九条」): said instead of an answer
NO_SUCH_ARTICLE = "知识库中的《{title}》没有第{article}条（共{count}条），请核对条号。"
# a question asking how many articles a law has: its last article is cited (「监督法一共有多少条？」)
ARTICLE_COUNT = "知识库中的《{title}》共{count}条，最后一条是{article}[{n}]。"
# an article asked for with no law named (「第十二条是什么内容？」): the opening of that article in
# each document holding it, closest to townships first
UNNAMED_ARTICLE = "问题没有说明是哪部法律、法规的{article}。知识库中{count}部法律、法规有{article}{shown}："
UNNAMED_SHOWN = "，以下是与乡镇人大工作最相关的{shown}部"
UNNAMED_ITEM = "\n《{title}》{article}：{opening}[{n}]"
UNNAMED_MISSING = (
    "问题没有说明是哪部法律、法规的{article}，知识库中也没有哪部法律、法规有{article}，请核对条号。"
)
UNNAMED_NOTICE = "请在问题中写明法律名称，例如「{name}{article}是什么内容？」，即可得到该条全文。"
# a question asking what a law says that the index does not hold (「监察法里…是第几条规定的？」)
LAW_NOT_INDEXED = (
    "知识库中没有收录《{title}》，无法给出它的规定。"
    "可用 renda import-laws --all 导出全部现行法律，再用 renda ingest 导入后再问。"
)
# a sentence the question quotes to ask its source that no document holds, and where the bundled
# law database has it (Assistant._quote_not_held)
QUOTE_NOT_HELD = "知识库中没有找到「{quote}」这句话，无法说明它的出处。"
QUOTE_ELSEWHERE = (
    "随附的法律数据库中，{where}有这句话：可用 renda import-laws --all 导出全部现行法律，"
    "再用 renda ingest 导入后查看原文。"
)
# a question on a law's amendments whose 题注 lists none (an imported law: its current version only)
NO_AMENDMENTS_LISTED = (
    "《{title}》的题注只记载了现行版本，没有列出历次修改；修改经过请查阅载有修改记录的正式文本。"
)
# an article the question names that does not state the fact it asks (Assistant.evidence)
NAMED_SILENT = "《{title}》{article}没有写明这一点[{n}]。"
# a question asking several things, one of whose asked facts the passages do not state
PART_NOT_FOUND = "「{part}」：检索到的依据中没有写明，以上回答未涉及这一问。可换个说法单独再问。"
# a proposal on a topic the documents are silent about: the answer gives the right to propose
TOPIC_NOT_FOUND = (
    "知识库中未找到关于「{topic}」的依据，以上是代表提出{kind}的法律依据。"
    "可先导入与这一事项相关的法律、法规或文件再问。"
)


@dataclass(frozen=True, slots=True)
class _Unit:
    hit: int  # index into hits
    start: int  # span within the chunk text
    end: int


@dataclass(frozen=True, slots=True)
class _Candidate:
    unit: _Unit
    terms: frozenset[int]  # the question's concepts the sentence states (their numbers)
    prior: float  # its passage's rank, the embedders that matched it, a list for 「哪些」
    quantity: bool  # the question asks 几/多少 and the sentence states a quantity


class ExtractiveAnswerer:
    """An article the question names is quoted whole, and so is the 题注 of a law whose history
    it asks. Otherwise sentences are chosen by
    idf-weighted overlap with the question terms not yet stated, preferring the best-ranked
    passages, the 款/项 the embedders matched and, for 「几/多少/多久」 questions, a sentence that
    states the kind of fact asked (text.answer_types: 五年 for 任期几年, not 两次), else any
    quantity, and for 「哪些」 questions a sentence naming several things; the passage of the best
    sentence is quoted whole when it is short. A chosen sentence that opens a list brings its
    items, and in a speech one that opens a series of points brings the rest of them; a statute's
    rule for the levels above the township brings the same rule for the township (a question
    naming no level). The answer reads passage by passage, in the order they rank, but opens with
    the best-ranked one stating the kind of fact asked when the first states none
    (_stating_first)."""

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
        synonyms: Sequence[Collection[str]] = (),
        part: tuple[int, int] = (0, 0),
    ) -> Answer:
        """`synonyms`: the token groups of the normaliser's substitutions (Candidates.synonyms);
        each counts as one question term when sentences are chosen. `part`: the (款, 项) the
        question names after an article (Candidates.part), quoted instead of the article."""
        if not hits or evidence.confidence < threshold:
            return abstention(question, evidence.confidence)
        named = hits[: evidence.pinned]
        # 「第十二条第四项」: that item (after its lead-in); else the article (or 题注), whole if short enough
        whole = HEADER_CHARS if named and all(hit.chunk.is_header for hit in named) else LOOKUP_CHARS
        units = self._named_part(part, named) or (self._whole(named, whole) if named else [])
        opening = None  # the passage the answer opens with, when not the best-ranked one
        if not units:
            units = self._select(
                question, query_tokens, named or hits[: self.settings.max_citations + 2], synonyms
            )
            opening = _stating_first(question, units, hits)
            if units:  # the passage of the best sentence is quoted whole when it is short
                top = units[0].hit
                units = _merged(units, self._whole(hits[top : top + 1], SHORT_CHARS, top))
        plural = bool(_ASKS_SEVERAL.search(question) or _ASKS_DOINGS.search(question))
        units = self._with_series(self._with_listed_items(units, hits), hits, plural)
        if not question_levels(question):
            units = self._with_other_levels(units, hits)
        asked = _ASKED_KIND.search(question)
        if asked:
            units = self._with_whole_lists(units, hits, asked.group(1))
        if opening is not None:  # its passage first, the others in reading order
            units = sorted(units, key=lambda u: u.hit != opening)
        if not units:
            return abstention(question, evidence.confidence)
        order = list(dict.fromkeys(u.hit for u in units))  # citation numbers by first use
        where_asked = _ASKS_ARTICLE.search(question) is not None
        parts = []
        led: set[tuple[str, str]] = set()  # (doc_id, lead-in) of the lists the answer has opened
        for i, unit in enumerate(units):
            chunk = hits[unit.hit].chunk
            sentence = _strip_label(chunk.text[unit.start : unit.end].strip(), chunk.article)
            if chunk.is_header:  # an entry wrapped over lines, maybe with the note's closing ）
                sentence = _unwrapped(sentence)
            follows_lead = (
                i > 0
                and units[i - 1].hit == unit.hit
                and _ITEM.match(sentence) is not None
                and (
                    _ITEM.match(
                        _strip_label(chunk.text[units[i - 1].start : units[i - 1].end], chunk.article)
                    )
                    or opens_list(chunk.text[units[i - 1].start : units[i - 1].end])
                )
            )
            if _ITEM.match(sentence) and not follows_lead:
                # a list's lead-in is said once: 选举法第十二条's items, in two passages and with a
                # 「但是，…」 sentence between, each repeated 「…代表名额，按照下列规定确定：……」
                lead = _list_lead(chunk, unit.start)
                if lead and (chunk.doc_id, lead) not in led:
                    sentence = f"{lead}……{sentence}"
                    led.add((chunk.doc_id, lead))
            elif opens_list(sentence):
                led.add((chunk.doc_id, sentence))
            # units come grouped by passage (_with_series sorts them by passage and position)
            first_of_passage = i == 0 or units[i - 1].hit != unit.hit
            last_of_passage = i + 1 == len(units) or units[i + 1].hit != unit.hit
            marker = f"[{order.index(unit.hit) + 1}]" if last_of_passage else ""
            next_is_item = not last_of_passage and _ITEM.match(
                _strip_label(chunk.text[units[i + 1].start : units[i + 1].end], chunk.article)
            )
            said = (sentence if next_is_item else _as_statement(sentence)) + marker
            if where_asked and first_of_passage and chunk.kind.statute and chunk.article:
                said = f"《{chunk.title}》{chunk.article}规定：{said}"
            parts.append(said)
        citations = build_citations([hits[i] for i in order])
        return Answer(question, "".join(parts), False, citations, confidence=evidence.confidence)

    @staticmethod
    def _named_part(part: tuple[int, int], named: Sequence[Hit]) -> list[_Unit]:
        """The sentences of the 款 or 项 the question names (part) in the articles it names."""
        clause, item = part
        if not named or not (clause or item):
            return []
        units: list[_Unit] = []
        for i, hit in enumerate(named):
            c = hit.chunk
            span = part_span(c.text, c.part, c.article, clause, item)
            if span is not None:
                units += [_Unit(i, s, e) for s, e in _sentences(c) if span[0] <= s and e <= span[1]]
        return units

    @staticmethod
    def _whole(hits: Sequence[Hit], max_chars: int, first: int = 0) -> list[_Unit]:
        """Every sentence of these passages, when together they are at most max_chars long."""
        units = [_Unit(first + i, s, e) for i, hit in enumerate(hits) for s, e in _sentences(hit.chunk)]
        return units if sum(u.end - u.start for u in units) <= max_chars else []

    @staticmethod
    def _with_listed_items(units: list[_Unit], hits: Sequence[Hit]) -> list[_Unit]:
        """A chosen sentence that opens a list (「……行使下列职权：」) brings its items along, up to
        LIST_CHARS: the lead-in alone answers nothing."""
        out: list[_Unit] = []
        for unit in units:
            out.append(unit)
            text = hits[unit.hit].chunk.text
            if not opens_list(text[unit.start : unit.end]):
                continue
            budget = LIST_CHARS
            for s, e in sentence_spans(text, unit.end):
                if not _ITEM.match(text[s:e]) or budget <= 0:
                    break
                if all(not (u.hit == unit.hit and u.start == s) for u in units):
                    out.append(_Unit(unit.hit, s, e))
                budget -= e - s
        return sorted(out, key=lambda u: (u.hit, u.start))

    @staticmethod
    def _with_other_levels(units: list[_Unit], hits: Sequence[Hit]) -> list[_Unit]:
        """For a question naming no level, the best passage's chosen sentence stating a rule for
        levels above the township brings the sentences of its 款 that state the same rule for the
        other levels, when one of them is the township's (预算法第六十九条: 「中央预算的调整方案应当提请
        全国人民代表大会常务委员会审查和批准。县级以上地方各级预算的调整方案应当提请本级人民代表大会
        常务委员会审查和批准；乡、民族乡、镇预算的调整方案应当提请本级人民代表大会审查和批准。」): the
        first alone tells a township chair the national rule only. The same rule: the same words
        (PARALLEL_CHARS in a row) once the levels are left out. Up to SERIES_CHARS in all."""
        out = list(units)
        if not hits or not hits[0].chunk.kind.statute:
            return out
        chunk = hits[0].chunk
        text = chunk.text
        for unit in (u for u in units if u.hit == 0):
            own = _sentence_levels(chunk, unit.start, unit.end)
            if not own or TOWNSHIP in own:
                continue
            rule = _DIVISIONS.sub("", text[unit.start : unit.end])
            lo, hi = text.rfind("\n", 0, unit.start) + 1, text.find("\n", unit.end)
            siblings = [
                (s, e)
                for s, e in sentence_spans(text, lo, hi if hi >= 0 else len(text))
                if s != unit.start
                and passage_levels(text[s:e]) - own
                and _common_run(rule, _DIVISIONS.sub("", text[s:e])) >= PARALLEL_CHARS
            ]
            if not any(TOWNSHIP in passage_levels(text[s:e]) for s, e in siblings):
                continue
            if sum(e - s for s, e in siblings) <= SERIES_CHARS:
                out += [_Unit(0, s, e) for s, e in siblings if _Unit(0, s, e) not in out]
        return sorted(out, key=lambda u: (u.hit, u.start))

    @staticmethod
    def _with_whole_lists(units: list[_Unit], hits: Sequence[Hit], kind: str) -> list[_Unit]:
        """For a question asking which things of a kind there are (「人大代表有哪些权利？」): a chosen
        item brings the list it belongs to, lead-in and every item, when the lead-in names that
        kind (「代表享有下列权利：」) and the list is at most WHOLE_LIST_CHARS long. Two items of the
        eight of 代表法第七条 read as if they were all; a list of another kind (the congress's
        职权 for a question on the presidium's 职责) stays as chosen."""
        out = list(units)
        taken = {(u.hit, u.start) for u in units}
        for unit in units:
            chunk = hits[unit.hit].chunk
            spans = list(_sentences(chunk))
            at = next((i for i, (s, _) in enumerate(spans) if s == unit.start), None)
            if at is None or not _is_item(chunk, *spans[at]):
                continue
            first, last = at, at
            while first > 0 and _is_item(chunk, *spans[first - 1]):
                first -= 1
            while last + 1 < len(spans) and _is_item(chunk, *spans[last + 1]):
                last += 1
            lead = chunk.text[slice(*spans[first - 1])].rstrip() if first else ""
            if not opens_list(lead) or kind not in lead:
                continue  # no lead-in here (a piece of a long article), or a list of something else
            block = spans[first - 1 : last + 1]
            if sum(e - s for s, e in block) > WHOLE_LIST_CHARS:
                continue
            for s, e in block:
                if (unit.hit, s) not in taken:
                    out.append(_Unit(unit.hit, s, e))
                    taken.add((unit.hit, s))
        return sorted(out, key=lambda u: (u.hit, u.start))

    @staticmethod
    def _with_series(units: list[_Unit], hits: Sequence[Hit], plural: bool) -> list[_Unit]:
        """In a speech or report, a chosen sentence that announces points (「要注意两点，一个是…」,
        「大致分为三大类，即：…」) brings the sentences that make up the rest of them, and, when the
        question asks for several things (「哪些」「什么作用」「做些什么」), a clause ending in ； brings
        the clauses after it up to the sentence's 。 (「带头发言，发挥示范作用；要确定重点发言人…」):
        speeches list their points so. In a statute too, up to a provision of its own (a clause
        naming a level or opening on a condition, _own_provision): 代表法第三十七条's 「…开展调研等
        活动；组成代表小组，分工联系选民…」 is what township deputies do between sessions. Up to
        SERIES_CHARS each."""
        out = list(units)
        taken = {(u.hit, u.start) for u in units}
        for unit in units:
            chunk = hits[unit.hit].chunk
            statute = chunk.kind.statute
            text = chunk.text
            chosen = text[unit.start : unit.end].rstrip()
            points = None if statute else _POINTS.search(chosen)
            wanted = _POINT_COUNT[points.group(1)] - 1 if points else 0  # sentences after this one
            in_sentence = not chosen.endswith(("。", "！", "？"))  # its ；-clauses still follow
            if not (wanted or (plural and in_sentence)):
                continue
            budget = SERIES_CHARS
            for s, e in sentence_spans(text, unit.end):
                if budget <= 0 or _ITEM.match(text[s:e]) or (not in_sentence and wanted <= 0):
                    break
                if statute and _own_provision(text[s:e]):
                    break
                if (unit.hit, s) not in taken:
                    out.append(_Unit(unit.hit, s, e))
                    taken.add((unit.hit, s))
                budget -= e - s
                if text[s:e].rstrip().endswith(("。", "！", "？")):
                    wanted -= 0 if in_sentence else 1
                    in_sentence = False
        return sorted(out, key=lambda u: (u.hit, u.start))

    def _select(
        self,
        question: str,
        query_tokens: Sequence[str],
        hits: Sequence[Hit],
        synonyms: Sequence[Collection[str]] = (),
    ) -> list[_Unit]:
        """Greedy coverage, best first: each further sentence must bring question terms the chosen
        ones lack (a term already stated counts REPEAT of its weight), so a two-part question gets
        a sentence for each part instead of two wordings of the first. A term is a concept
        (text.normalize.concepts): 乡镇人大 spelled out as 乡、民族乡、镇的人民代表大会 is one term
        weighing the mean idf of its tokens, as in BM25, not 23 terms that make any sentence
        naming a township congress outweigh the one stating what was asked (「每届任期」); a
        concept of character bigrams only weighs BIGRAM_SHARE of that. A sentence stating only
        another level's rule than the question names, or a statute sentence naming no level in a
        passage of another level, is not a candidate (the NPC's 「每年举行一次」 for a township
        question), nor for a part (_each_part); a clause after a ； is of its sentence's level
        (_sentence_levels). A sentence worded as one already chosen is not said again."""
        groups = concepts(list(query_tokens), synonyms)
        weights = {i: _concept_weight(g, self._idf) for i, g in enumerate(groups)}
        concept_of = {t: i for i, g in enumerate(groups) for t in g}
        total = sum(weights.values()) or 1.0
        wants_quantity = asks_quantity(question)
        kind = answer_type(question)  # 任期几年 wants 五年, not 两次; 多久 a period, not 2023年
        levels = asked_levels(question)
        plural = bool(_ASKS_SEVERAL.search(question))
        pool: list[_Candidate] = []
        for i, hit in enumerate(hits):
            text = hit.chunk.text
            matched = [span for name in hit.matched if (span := hit.matched_span(name))]
            # a sentence naming no level speaks of its statute's (委员长 in the NPC's rules)
            passage = chunk_levels(hit.chunk) if levels and hit.chunk.kind.statute else frozenset()
            for s, e in _sentences(hit.chunk):
                sentence = text[s:e]
                if len(sentence) < 4:
                    continue
                if levels and level_match(levels, _sentence_levels(hit.chunk, s, e) or passage) < 0:
                    continue
                found = sum(1 for ms, me in matched if ms < e and s < me)
                enumerates = plural and _names_several(sentence)
                pool.append(
                    _Candidate(
                        _Unit(i, s, e),
                        frozenset(concept_of[t] for t in self._tokens(sentence) if t in concept_of),
                        RANK_PRIOR / (i + 1) + MATCH_BONUS * found + ENUMERATION_BONUS * enumerates,
                        states(kind, sentence)
                        if kind
                        else wants_quantity and STATES_QUANTITY.search(sentence) is not None,
                    )
                )
        covered: set[int] = set()
        quantity_stated = False

        def gain(c: _Candidate) -> float:
            terms = sum(weights[t] * (REPEAT if t in covered else 1.0) for t in c.terms) / total
            return terms + c.prior + (QUANTITY_BONUS if c.quantity and not quantity_stated else 0.0)

        chosen: list[_Unit] = []
        said: set[str] = set()  # 宪法 and 议事规则 may state a rule in the same words
        first = 0.0
        candidates = list(pool)
        while pool and len(chosen) < self.settings.max_sentences:
            best = max(pool, key=gain)
            pool.remove(best)
            value = gain(best)
            cited = {u.hit for u in chosen} | {best.unit.hit}
            if chosen and (value < RATIO * first or len(cited) > self.settings.max_citations):
                continue
            words = _wording(hits[best.unit.hit].chunk, best.unit)
            if words in said:
                continue
            said.add(words)
            first = first or value
            chosen.append(best.unit)
            covered |= best.terms
            quantity_stated = quantity_stated or best.quantity
        return self._each_part(question, concept_of, weights, candidates, hits, chosen)

    def _each_part(
        self,
        question: str,
        concept_of: dict[str, int],
        weights: dict[int, float],
        candidates: Sequence[_Candidate],
        hits: Sequence[Hit],
        chosen: list[_Unit],
    ) -> list[_Unit]:
        """A question asking two things (「…要几个人联名？对答复不满意还能怎么办？」) gets a sentence
        for each. A part is answered by a sentence stating more than half the weight of the words
        only that part names (words some candidate sentence states: 镇政府 in a question says
        nothing about which sentence answers it), a quantity when the part asks 几/多少, and no
        rule for another level than the question names. A part no chosen sentence answers, or
        answers with less than PART_ANSWERED of its words, gets the candidate that answers it best
        (if better), one sentence over the usual count at most, from a
        passage within the citation limit, which grows by one for each further part: the first
        parts' sentences had often used it up (「…能不能请区人大代表参加？执法检查一般采取哪些形
        式？」). Greedy coverage alone let a sentence on the second part stand for the first,
        sharing its general words (质询案) and stating some quantity (半数以上)."""
        parts = asking_parts(question)
        if len(parts) < 2:
            return chosen
        stated = set().union(*(c.terms for c in candidates))
        words = [
            {concept_of[t] for t in self._tokens(p) if t in concept_of and not is_bigram(t)} for p in parts
        ]
        out = list(chosen)
        limit = self.settings.max_citations + len(parts) - 1  # a passage more for each further part
        for i, part in enumerate(parts):
            others = set().union(*(w for j, w in enumerate(words) if j != i))
            own = frozenset(c for c in words[i] - others if weights[c] > 0 and c in stated)
            if not own or len(out) > self.settings.max_sentences:
                continue
            share = _PartShare(own, weights, asks_quantity(part), hits)
            answered = max((share(c) for c in candidates if c.unit in out), default=0.0)
            if answered >= PART_ANSWERED:
                continue
            cited = {u.hit for u in out}
            fits = [c for c in candidates if c.unit not in out and len(cited | {c.unit.hit}) <= limit]
            best = max(fits, key=lambda c: (share(c), c.prior), default=None)
            # a sentence chosen for another part may share some of this part's words (支出 in
            # 「挪用重点支出资金」 for 「开支没列进预算能先花吗」): one stating more of them is added
            if best is not None and share(best) > answered:
                out.append(best.unit)
        return out


@dataclass(frozen=True, slots=True)
class _PartShare:
    """How well a sentence answers one part of a question: the share of the part's own weight it
    states, or 0 at half or below, or without a quantity asked for. (No candidate states only
    another level's rule than the question names: _select leaves those out.)"""

    own: frozenset[int]
    weights: dict[int, float]
    asks_quantity: bool
    hits: Sequence[Hit]  # the passages the candidates' units point into

    def __call__(self, c: _Candidate) -> float:
        share = sum(self.weights[t] for t in c.terms & self.own) / sum(self.weights[t] for t in self.own)
        text = self.hits[c.unit.hit].chunk.text[c.unit.start : c.unit.end]
        if self.asks_quantity and STATES_QUANTITY.search(text) is None:
            return 0.0
        return share if share > 0.5 else 0.0


def _stating_first(question: str, chosen: Sequence[_Unit], hits: Sequence[Hit]) -> int | None:
    """The best-ranked passage with a chosen sentence stating the kind of fact the question asks
    for (text.answer_types), which the answer then opens with, when the sentences chosen from the
    best-ranked passage state none. None when the question asks for no kind, or those sentences
    state it, or no chosen sentence does. Of the dev answers it moves, 13 now open on a gold
    passage and 7 no longer do (a number of another rule; a 几 read as asking, since mended), of
    134; leading with the sentence chosen first instead (the one with the most question terms)
    opened 21 on a gold passage and 82 no longer (eval/RESULTS.md steps 224 and 225)."""
    kind = answer_type(question)
    if not kind or not chosen:
        return None
    stating = {u.hit for u in chosen if states(kind, hits[u.hit].chunk.text[u.start : u.end])}
    first = min(u.hit for u in chosen)
    return None if first in stating else min(stating, default=None)


def _merged(*groups: Sequence[_Unit]) -> list[_Unit]:
    """Units in reading order (passage, then position), each sentence once."""
    by_span = {(u.hit, u.start): u for group in groups for u in group}
    return [by_span[key] for key in sorted(by_span)]


def abstention(question: str, confidence: float) -> Answer:
    shown = question if len(question) <= 40 else question[:40] + "…"
    return Answer(question, ABSTAIN_MESSAGE.format(q=shown), True, (), confidence=confidence)


def named_silent(question: str, named: Sequence[Hit], confidence: float) -> Answer:
    """An abstention on a question asking a fact of an article it names that the article does not
    state (「预算法第五十条…最迟批准后多少天内报？」: 「应当及时」): the article is cited, so the
    asker reads for themselves what it does say."""
    said = "".join(
        NAMED_SILENT.format(title=hit.chunk.title, article=hit.chunk.article or hit.chunk.section, n=i + 1)
        for i, hit in enumerate(named)
    )
    shown = abstention(question, confidence)
    return replace(shown, answer=said + shown.answer, citations=build_citations(named))


OPENING_CHARS = 80  # an article's opening shown in a listing of articles, at most


def unnamed_article(question: str, article: str, listed: Sequence[Hit], count: int) -> Answer:
    """The answer to 「第十二条是什么内容？」, which names no law: the opening of that article in each
    listed document (the retriever's order), each cited, and how many documents have one; the
    notice says how to ask for one law's article whole. An abstention when no document has one."""
    if not listed:
        return Answer(question, UNNAMED_MISSING.format(article=article), True, (), confidence=0.0)
    said = UNNAMED_ARTICLE.format(
        article=article,
        count=count,
        shown=UNNAMED_SHOWN.format(shown=len(listed)) if len(listed) < count else "",
    )
    said += "".join(
        UNNAMED_ITEM.format(title=hit.chunk.title, article=article, opening=_opening(hit.chunk), n=i + 1)
        for i, hit in enumerate(listed)
    )
    notice = UNNAMED_NOTICE.format(name=short_name(listed[0].chunk.title), article=article)
    return Answer(question, said, False, build_citations(listed), confidence=1.0, notice=notice)


def _opening(chunk: Chunk) -> str:
    """An article's first sentence without its number, cut at OPENING_CHARS."""
    text = re.sub(r"\s+", "", _strip_label(chunk.text, chunk.article))
    end = next((i + 1 for i, ch in enumerate(text) if ch in "。；：！？"), len(text))
    return text[:end] if end <= OPENING_CHARS else text[:OPENING_CHARS] + "……"


def _as_statement(sentence: str) -> str:
    """Items end with ；: close them as sentences so the answer reads as prose."""
    sentence = sentence.rstrip("；;，,、")
    return sentence if sentence.endswith(("。", "！", "？", "”", "：")) else sentence + "。"


def _unwrapped(entry: str) -> str:
    """A 题注 entry as one line, without a ） the source closes the note with but never opened."""
    entry = re.sub(r"\s*\n\s*", "", entry)
    opened = entry.count("（") + entry.count("(")
    if entry.endswith(("）", ")")) and entry.count("）") + entry.count(")") > opened:
        entry = entry[:-1]
    return entry


def _strip_label(sentence: str, article: str) -> str:
    """「第十四条 地方各级…」 -> 「地方各级…」: the citation already names the article."""
    return sentence[len(article) :].lstrip() if article and sentence.startswith(article) else sentence


def _list_lead(chunk: Chunk, start: int) -> str:
    """The lead-in of the list the item at `start` belongs to: the nearest line before it that is
    not an item, when it ends with ： (监督法第三十六条's second 款 「执法检查报告包括下列内容：」, not
    the article's first sentence, which an answer may already have quoted); in a piece of a long
    article that starts with items, the lead-in the piece kept (Chunk.lead). "" when the line
    before the items introduces no list."""
    for line in reversed(chunk.text[:start].split("\n")):
        line = _strip_label(line.strip(), chunk.article)
        if line and not _ITEM.match(line):
            return line if opens_list(line) else ""
    return chunk.lead


def _concept_weight(concept: Sequence[str], idf: Callable[[str], float]) -> float:
    """The mean idf of a concept's tokens (as BM25 weighs a synonym group), BIGRAM_SHARE of it
    for a concept of character bigrams only."""
    weight = sum(map(idf, concept)) / len(concept)
    return weight * BIGRAM_SHARE if all(is_bigram(t) for t in concept) else weight


def _own_provision(clause: str) -> bool:
    """A statute clause after a ； that is a provision of its own, not more of what its sentence's
    subject does: it names a level (「…；乡、民族乡、镇预算的调整方案应当…」) or opens on a condition
    (「…；在主席团会议上答复的，提质询案的代表有权列席会议」)."""
    return bool(passage_levels(clause)) or _CLAUSE.split(clause, maxsplit=1)[0].endswith("的")


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters the two texts share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _names_several(sentence: str) -> bool:
    """Three things or more named in one clause (「…监察委员会、人民法院、人民检察院的质询案」), not
    counting the levels a statute speaks of nor a pair in each of two clauses (「法律、法规…，
    视察、调研」)."""
    return any(clause.count("、") >= 2 for clause in _CLAUSE.split(_DIVISIONS.sub("", sentence)))


def _sentence_levels(chunk: Chunk, start: int, end: int) -> frozenset[str]:
    """The levels a sentence names, else those of the clauses before it up to the 。 or line
    break its sentence starts at: a clause after a ； goes on with the subject before it
    (预算法第二十四条's 「县级以上地方各级政府编制本级预算、决算草案；……编制本级预算的调整方案；」,
    选举法第十二条's 「（二）设区的市、自治州…；人口超过一千万的，代表总名额不得超过六百五十名；」).
    Not a whole 款's: its next sentence may speak of another level (「…补选的具体办法，由省、自治区、
    直辖市的人民代表大会常务委员会规定。」)."""
    own = passage_levels(chunk.text[start:end])
    if own:
        return own
    text = chunk.text
    opening = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    return passage_levels(text[opening:start]) if opening < start else frozenset()


def _wording(chunk: Chunk, unit: _Unit) -> str:
    """A sentence as said, without its article label, punctuation at its end or spaces."""
    return _strip_label(chunk.text[unit.start : unit.end], chunk.article).strip().rstrip("。；;，,")


def _sentences(chunk: Chunk) -> Iterator[tuple[int, int]]:
    """Spans of the chunk's sentences, without a bare article number on a line of its own; the
    entries of a 题注 (a date and what was done then, maybe over lines, has no 。 to end it)."""
    if chunk.is_header:
        return iter(header_entries(chunk.text, 0, len(chunk.text)))
    return (
        (s, e) for s, e in sentence_spans(chunk.text) if not _is_heading_only(chunk.text[s:e], chunk.article)
    )


def _is_item(chunk: Chunk, start: int, end: int) -> bool:
    return _ITEM.match(_strip_label(chunk.text[start:end].strip(), chunk.article)) is not None


def _is_heading_only(sentence: str, article: str) -> bool:
    return bool(article) and sentence.strip() == article
