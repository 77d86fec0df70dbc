"""Fitting the learned fusion on the dev split: candidates and features from the real retrievers,
labels from the gold relevance. Writes assistant/retrieval/ranker_weights.json."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.answering.evidence import RULE_WEIGHTS, embedder_key
from assistant.embedding import make_embedder
from assistant.evaluation import metrics as m
from assistant.evaluation.questions import load_questions
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
