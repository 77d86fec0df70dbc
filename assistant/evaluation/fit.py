"""Fitting on the dev split: the learned fusion (candidates and features from the real retrievers,
labels from the gold relevance; assistant/retrieval/ranker_weights.json), the abstention model
and the question prior (assistant/answering/), and the question bank's export."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from tqdm import tqdm

from assistant.answering.evidence import RULE_WEIGHTS, embedder_key
from assistant.answering.question_prior import PRIORS, QuestionPrior
from assistant.embedding import make_embedder
from assistant.errors import InvalidInput
from assistant.evaluation import metrics as m
from assistant.evaluation.questions import load_questions
from assistant.evaluation.runner import id_number, same_batch
from assistant.retrieval.bank import (
    BANK_FILE,
    VECTORS_FILE,
    encode_questions,
    entry_line,
    parse_entries,
    save_vectors,
)
from assistant.retrieval.filters import Filters
from assistant.retrieval.ranker import fit_logistic, pairwise
from assistant.service import Assistant

RETRIEVAL_DIR = Path(__file__).resolve().parent.parent / "retrieval"
WEIGHTS_PATH = RETRIEVAL_DIR / "ranker_weights.json"
BANK_PATH = RETRIEVAL_DIR / BANK_FILE


def bank_lines(questions_path: Path) -> list[str]:
    """The question bank (retrieval.bank): the dev split's answerable questions and their gold
    passages, in the file's order; never a test question."""
    return [
        entry_line(q.id, q.question, [(g.title, g.contains) for g in q.groups])
        for q in load_questions(questions_path, "dev")
        if q.answerable
    ]


def export_bank(assistant: Assistant, questions_path: Path, out_dir: Path = RETRIEVAL_DIR) -> int:
    """Write the bank and its questions' vectors (worded and encoded as the assistant's retriever
    does it) into out_dir; returns the number of questions."""
    lines = bank_lines(questions_path)
    text = "\n".join(lines) + "\n"
    (out_dir / BANK_FILE).write_text(text, encoding="utf-8")
    name = assistant.settings.retrieval.bank_embedder
    wordings = [assistant.retriever.bank_wording(e.question) for e in parse_entries(text)]
    vectors = encode_questions(make_embedder(name), tqdm(wordings, desc="问题库向量", unit="问"))
    save_vectors(out_dir / VECTORS_FILE, name, wordings, np.stack(vectors))
    return len(lines)


def fit_ranker(
    assistant: Assistant,
    questions_path: Path,
    out: Path = WEIGHTS_PATH,
    l2: float = 0.5,
    method: str = "pointwise",
) -> dict[str, float]:
    questions = [q for q in load_questions(questions_path, "dev") if q.answerable]
    retriever = assistant.retriever
    assistant.search("预热", 1)  # opens the index and loads the models once
    snap = assistant.index.snapshot()
    groups = []
    names: list[str] = []
    for q in questions:
        cands = retriever.candidates(snap, q.question, Filters())
        positions, x, names = retriever.feature_matrix(snap, cands)
        labels = [
            float(bool(m.matched_groups(m.Retrieved(snap.chunks[p].title, snap.chunks[p].text), q.groups)))
            for p in positions
        ]
        groups.append((x, np.array(labels)))
    if method == "pairwise":
        px, py = pairwise(groups)
        w = fit_logistic(px, py, l2=l2)
    else:
        w = fit_logistic(np.vstack([g[0] for g in groups]), np.concatenate([g[1] for g in groups]), l2=l2)
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}
    out.write_text(
        json.dumps(
            {"fitted_on": f"{questions_path} (dev split, {len(questions)} questions)", "weights": weights},
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return weights


ABSTENTION_PATH = Path(__file__).resolve().parent.parent / "answering" / "abstention_weights.json"
MAX_FALSE_ABSTENTION = 0.05


def fit_abstention(
    assistant: Assistant, questions_path: Path, out: Path = ABSTENTION_PATH
) -> dict[str, float]:
    """Logistic model answerable-vs-not on the dev split, then the highest threshold that keeps
    false abstentions at or under 5% there; written as the entry of the assistant's embedders."""
    questions = load_questions(questions_path, "dev")
    rows, labels = [], []
    for q in questions:
        hits, cands = assistant.search_with_evidence(q.question, 5)
        ev = assistant.evidence(cands, hits)
        if ev.pinned:
            continue
        feats = ev.features()
        if any(feats[name] for name in RULE_WEIGHTS):
            continue  # decided by rule
        rows.append([1.0, feats["top_score"], feats["coverage"]])
        labels.append(1.0 if q.answerable else 0.0)
    names = ["bias", "top_score", "coverage"]
    x, y = np.array(rows), np.array(labels)
    w = fit_logistic(x, y, l2=20.0, lr=0.1)
    confidence = 1.0 / (1.0 + np.exp(-(x @ w)))
    answerable = np.sort(confidence[y > 0])
    allowed = int(np.floor(MAX_FALSE_ABSTENTION * len(answerable)))
    threshold = float(answerable[allowed]) - 1e-6 if len(answerable) else 0.5
    weights = {n: round(float(v), 4) for n, v in zip(names, w, strict=True)}
    # one entry per set of embedders (AbstentionModel): the others are kept as they are
    data = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    embedders = assistant.settings.embedding.backends
    data.setdefault("default", embedder_key(embedders))
    data.setdefault("by_embedders", {})[embedder_key(embedders)] = {
        "fitted_on": f"{questions_path} (dev split, {len(rows)} questions)",
        "threshold": round(threshold, 4),
        "weights": weights,
    }
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return weights | {"threshold": threshold}


PRIOR_PATH = Path(__file__).resolve().parent.parent / "answering" / PRIORS
# answerable dev questions the prior may withhold, as a share of them, judged on held-out batches
PRIOR_FALSE_ABSTENTION = 0.005
PRIOR_L2 = 0.3
PRIOR_FOLDS = 5


def fit_question_prior(
    assistant: Assistant,
    questions_path: Path,
    out: Path = PRIOR_PATH,
    budget: float = PRIOR_FALSE_ABSTENTION,
    l2: float = PRIOR_L2,
) -> dict[str, float]:
    """The question prior (answering.question_prior) on the dev split: the questions the assistant
    answers without it, where it is weighed (no named article, no vouching, no answerable bank
    question worded alike), labelled by whether they are answerable. The threshold is set on
    scores of questions held out with their writing batch (PRIOR_FOLDS contiguous ranges of ids),
    so it withholds about `budget` of the answerable questions of batches the model never saw;
    the weights written are fitted on all.
    Written as the entry of the assistant's embedders; returns the held-out figures."""
    questions = load_questions(questions_path, "dev")
    answerable_total = sum(q.answerable for q in questions)
    embedders = list(assistant.settings.embedding.backends)
    bank = assistant.retriever.bank
    ids, rows, labels = [], [], []
    dims: dict[str, int] = {}
    # weighed (Evidence.prior is its score where it is) but never withholding: the answers given
    # without it are the ones it will judge
    saved, assistant.question_prior = assistant.question_prior, QuestionPrior({}, 0.0, 0.0, math.inf)
    try:
        for q in tqdm(questions, desc="问题先验", unit="问"):
            if bank is not None:
                bank.held_out = same_batch(q.id)  # as the evaluation asks it (runner.run_evaluation)
            answer, ev = assistant.ask_with_evidence(q.question)
            if answer.abstained or ev.prior is None:
                continue
            _, cands = assistant.search_with_evidence(q.question, 5)
            if any(n not in cands.vectors for n in embedders):
                continue
            units = [unit(cands.vectors[n]) for n in embedders]
            dims = {n: len(u) for n, u in zip(embedders, units, strict=True)}
            ids.append(q.id)
            rows.append(np.concatenate([[1.0, ev.confidence], *units]))
            labels.append(0.0 if q.answerable else 1.0)  # 1: the prior should withhold it
    finally:
        assistant.question_prior = saved
        if bank is not None:
            bank.held_out = None
    x, y = np.array(rows), np.array(labels)
    if not 0 < y.sum() < len(y):
        raise InvalidInput("拟合问题先验需要 dev 子集中既有答出的可回答问题，也有答出的不可回答问题")
    held_out = np.zeros(len(y))
    folds = batch_folds(ids, PRIOR_FOLDS)
    for fold in range(PRIOR_FOLDS):
        train = folds != fold
        held_out[~train] = x[~train] @ fit_weighted_logistic(x[train], y[train], l2)
    answerable = np.sort(held_out[y == 0])[::-1]
    allowed = int(np.floor(budget * answerable_total))
    threshold = float(answerable[allowed]) + 1e-6 if allowed < len(answerable) else math.inf
    w = fit_weighted_logistic(x, y, l2)
    weights, at = {}, 2
    for name in embedders:
        weights[name] = [round(float(v), 5) for v in w[at : at + dims[name]]]
        at += dims[name]
    withheld = held_out >= threshold
    data = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    data.setdefault("by_embedders", {})[embedder_key(embedders)] = {
        "fitted_on": f"{questions_path} (dev split, {len(y)} questions answered without it)",
        "held_out": {
            "answerable_withheld": int((withheld & (y == 0)).sum()),
            "unanswerable_withheld": int((withheld & (y > 0)).sum()),
            "unanswerable_answered": int(y.sum()),
        },
        "threshold": round(threshold, 5),
        "bias": round(float(w[0]), 5),
        "confidence_weight": round(float(w[1]), 5),
        "weights": weights,
    }
    out.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    return {
        "questions": float(len(y)),
        "unanswerable": float(y.sum()),
        "withheld_unanswerable": float((withheld & (y > 0)).sum()),
        "withheld_answerable": float((withheld & (y == 0)).sum()),
        "threshold": threshold,
    }


def unit(vector: np.ndarray) -> np.ndarray:
    return np.asarray(vector, dtype=np.float64) / max(float(np.linalg.norm(vector)), 1e-12)


def batch_folds(ids: Sequence[str], k: int) -> np.ndarray:
    """Fold of each question: k contiguous ranges of id numbers, so a writing batch (numbered
    together, runner.BATCH_WINDOW) falls in one fold; ids without a number go by position."""
    numbers = [id_number(i) for i in ids]
    keys = [n if n is not None else pos for pos, n in enumerate(numbers)]
    order = np.argsort(keys, kind="stable")
    folds = np.empty(len(ids), dtype=int)
    folds[order] = np.arange(len(ids)) * k // max(len(ids), 1)
    return folds


def fit_weighted_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """L2-regularised logistic regression, classes weighted to balance (column 0 is the bias,
    unpenalised), by L-BFGS: the hundreds of small vector components make gradient descent
    (ranker.fit_logistic) crawl."""
    pos = max(float(y.sum()), 1.0)
    neg = max(float(len(y) - y.sum()), 1.0)
    sample = np.where(y > 0, len(y) / (2 * pos), len(y) / (2 * neg))
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        # log(1 + e^z) - y z, stably
        value = float(sample @ (np.logaddexp(0.0, z) - y * z)) + 0.5 * float(penalty @ (w * w))
        p = 1.0 / (1.0 + np.exp(-z))
        return value, x.T @ (sample * (p - y)) + penalty * w

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
    return np.asarray(result.x)
