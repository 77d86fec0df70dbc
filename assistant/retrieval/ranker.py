"""Learned fusion: a linear model over per-candidate evidence from every retriever.

The features are generic (ranks and scores per retriever, lexical coverage of the question, law
named, level of government, kind cues), so the weights carry over to other corpora. They are
fitted on the dev split of eval/questions.jsonl by `renda eval --fit` and stored in
ranker_weights.json beside this module; the test split stays held out.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from functools import partial
from importlib import resources

import numpy as np

from assistant.index.store import Snapshot
from assistant.retrieval.bodies import body_match, lead_bodies
from assistant.retrieval.levels import ranking_level
from assistant.text.answer_types import ASKS_IF_ALLOWED, STATES_QUANTITY, answer_type, asks_quantity, states
from assistant.text.motions import joint_match, motions_asked
from assistant.text.proposals import FORBIDS, asks_to_stop
from assistant.types import Chunk

BASE_FEATURES = (
    "coverage",
    "lead_coverage",
    "bigram_coverage",
    "named_doc",
    "kind_hint",
    "kind_named",
    "level",
    "body",
    "quantity",
    "answer_type",
    "forbids",
    "topic",
    "log_len",
    "pinned",
    "rule_asked",
    "joint",
)
# Evidence the abstention rules judge on their own (evidence.states_type): left out of the
# ranking they read, or a passage lifted for stating some number would answer for the question.
ANSWER_FEATURES = ("answer_type",)
# Where the question says the answer is (「讲话里…」: the speech), not how well a passage matches
# it: also left out of that ranking, or a passage lifted for being in the speech would vouch for a
# question the speech does not answer (「讲话里说的“三公开”具体是哪三项？」).
PLACE_FEATURES = ("kind_named",)


def feature_names(retrievers: Sequence[str]) -> list[str]:
    per = [f"{kind}:{name}" for name in retrievers for kind in ("rr", "score", "present")]
    return ["bias", *per, *BASE_FEATURES]


def candidate_features(
    snap: Snapshot,
    cands: object,
    positions: Sequence[int],
    retrievers: Sequence[str],
    question: str,
    idf: dict[str, float],
    tokens: Callable[[str], list[str]],
) -> np.ndarray:
    """(len(positions), n_features) matrix; `cands` is a retrieval.hybrid.Candidates."""
    canonical = cands.query.canonical  # type: ignore[attr-defined]
    bigrams = {canonical[i : i + 2] for i in range(len(canonical) - 1) if _cjk(canonical[i : i + 2])}
    ranked: dict[str, list[int]] = cands.ranked  # type: ignore[attr-defined]
    scores: dict[str, dict[int, float]] = cands.scores  # type: ignore[attr-defined]
    total_idf = sum(idf.values()) or 1.0
    wants_quantity = asks_quantity(question)
    kind = answer_type(cands.query.original)  # type: ignore[attr-defined]  # 几年: 五年; 几月: 六月
    to_stop = asks_to_stop(cands.query.original)  # type: ignore[attr-defined]
    # whether something is allowed or required, asked with no word of a speech or report: a prose
    # passage (the speech's chatty 「三是要开好乡镇人代会…」 first for 「我当场叫他们整改行不行？」)
    # states no such rule
    rule_asked = (
        bool(ASKS_IF_ALLOWED.search(cands.query.original))  # type: ignore[attr-defined]
        and not cands.hinted_kinds  # type: ignore[attr-defined]
        and not cands.named_kinds  # type: ignore[attr-defined]
    )
    # 「几个代表联名提议案？」: the 联名 for a 议案, not for a 罢免案 (text.motions)
    motions = motions_asked(cands.query.original)  # type: ignore[attr-defined]
    topics: tuple[str, ...] = cands.query.topic_statutes  # type: ignore[attr-defined]
    asked_bodies: frozenset[str] = cands.bodies  # type: ignore[attr-defined]
    rank_of = {name: {p: r for r, p in enumerate(ranked.get(name, []))} for name in retrievers}
    bounds = {name: (min(sc.values()), max(sc.values())) for name, sc in scores.items() if sc}
    coverages = snap.bm25.weight_present(positions, idf) / total_idf
    weighed = list(idf.items())
    lead_of = partial(tokens_of_lead, tokens=tokens)
    rows = []
    for pos, coverage in zip(positions, coverages, strict=True):
        row = [1.0]
        for name in retrievers:
            sc = scores.get(name, {})
            if pos in sc:
                low, top = bounds[name]
                row += [1.0 / (1 + rank_of[name][pos]), (sc[pos] - low) / ((top - low) or 1.0), 1.0]
            else:
                row += [0.0, 0.0, 0.0]
        chunk = snap.chunks[pos]
        lead = snap.fact("lead_tokens", pos, lead_of)
        # lists, not generators, inside sum(): a third quicker over a hundred candidates
        lead_coverage = sum([w for t, w in weighed if t in lead]) / total_idf
        bigram_coverage = sum([b in chunk.text for b in bigrams]) / (len(bigrams) or 1)
        row += [
            float(coverage),
            lead_coverage,
            bigram_coverage,
            float(chunk.doc_id in cands.named_docs),  # type: ignore[attr-defined]
            float(chunk.kind in cands.hinted_kinds),  # type: ignore[attr-defined]
            float(chunk.kind in cands.named_kinds),  # type: ignore[attr-defined]
            float(ranking_level(cands.levels, snap.levels[pos])),  # type: ignore[attr-defined]
            float(body_match(asked_bodies, snap.fact("lead_bodies", pos, _lead_bodies)))
            if asked_bodies
            else 0.0,
            float(wants_quantity and bool(STATES_QUANTITY.search(chunk.text))),
            float(bool(kind) and states(kind, chunk.text)),
            float(to_stop and bool(FORBIDS.search(chunk.text))),
            float(any(statute in chunk.text for statute in topics)),
            math.log1p(len(chunk.text)) / 7.0,
            float(pos in cands.pinned),  # type: ignore[attr-defined]
            float(rule_asked and not chunk.kind.statute),
            float(joint_match(motions, chunk.text)),
        ]
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(positions), -1)


def tokens_of_lead(chunk: Chunk, tokens: Callable[[str], list[str]]) -> frozenset[str]:
    """Tokens of what the passage is about: its headings and first sentence (an article's subject)."""
    first = re.split(r"[。；：\n]", chunk.lead or chunk.text, maxsplit=1)[0]
    return frozenset(tokens(" ".join((*chunk.section_path, first))))


def _lead_bodies(chunk: Chunk) -> frozenset[str]:
    return lead_bodies(chunk.lead or chunk.text)


def _cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


class LinearRanker:
    """score = w · features; weights by feature name, unknown features weigh 0."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights

    @classmethod
    def bundled(cls) -> LinearRanker | None:
        path = resources.files("assistant.retrieval").joinpath("ranker_weights.json")
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])

    def score(self, features: np.ndarray, names: Sequence[str], leave_out: Sequence[str] = ()) -> np.ndarray:
        w = np.array([0.0 if n in leave_out else self.weights.get(n, 0.0) for n in names], dtype=np.float64)
        return features @ w


def pairwise(groups: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """RankNet-style training pairs: (relevant - irrelevant) -> 1 and its negation -> 0, per question."""
    xs, ys = [], []
    for x, y in groups:
        pos, neg = x[y > 0], x[y == 0]
        if len(pos) == 0 or len(neg) == 0:
            continue
        diff = (pos[:, None, :] - neg[None, :, :]).reshape(-1, x.shape[1])
        xs += [diff, -diff]
        ys += [np.ones(len(diff)), np.zeros(len(diff))]
    return np.vstack(xs), np.concatenate(ys)


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 0.5, steps: int = 3000, lr: float = 0.5
) -> np.ndarray:
    """Plain L2-regularised logistic regression by gradient descent (bias is column 0, unpenalised)."""
    w = np.zeros(x.shape[1])
    pos_weight = (len(y) - y.sum()) / max(y.sum(), 1.0)  # balance the few positives
    sample_w = np.where(y > 0, pos_weight, 1.0)
    sample_w = sample_w / sample_w.mean()
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ ((p - y) * sample_w) / len(y)
        reg = l2 * w / len(y)
        reg[0] = 0.0
        w -= lr * (grad + reg)
    return w
