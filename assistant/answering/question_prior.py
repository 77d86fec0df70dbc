"""What the wording of a question says about whether the documents answer it.

Some kinds of question are seldom answered by congress documents whatever passage the retrievers
find on their topic: an age limit, a number of staff, how long papers are kept, the colour of a
deputy's card, a rule of another organisation (团委, 公务员). The retrievers' evidence cannot tell
these from the kinds the laws do answer (任期几年, 一年开几次): the passages found are on the topic
and score well. The query vectors the dense retrievers already computed can: a logistic model over
them and the abstention model's confidence, fitted on the dev split of eval/questions.jsonl
(`renda eval --fit-question-prior`), withholds an answer the other rules would give when its score
reaches a threshold chosen on held-out batches of that split (eval/RESULTS.md, step 222).

It is weighed only where nothing more specific decides: never for a question naming an article
(that article answers or the answer says it does not), nor when the question bank vouches for the
first passage, nor for a question worded like an answerable one in the bank (cosine of at least
the bank's vouching similarity): fitted on every answered question, it had leaned against the
chairs' first questions asking a term of office (任期几年) with the 连任几届 and 干到多少岁 that
the documents never answer. The weights belong to one set of embedders, like the abstention
model's: a set without an entry has no prior.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.answering.evidence import embedder_key, read_bundled

PRIORS = "question_prior.json"


@dataclass(frozen=True, slots=True)
class QuestionPrior:
    """score = bias + confidence_weight * confidence + Σ weights[e] · (unit query vector of e)."""

    weights: Mapping[str, np.ndarray]  # embedder -> weights over its normalised query vector
    confidence_weight: float
    bias: float
    threshold: float  # a score at or above it withholds the answer

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any]) -> QuestionPrior:
        return cls(
            {name: np.asarray(w, dtype=np.float32) for name, w in entry["weights"].items()},
            float(entry["confidence_weight"]),
            float(entry["bias"]),
            float(entry["threshold"]),
        )

    @classmethod
    def bundled(cls, embedders: Sequence[str]) -> QuestionPrior | None:
        """The entry fitted for exactly this set of embedders, if any (vectors of other models
        mean nothing to its weights)."""
        entry = read_priors().get("by_embedders", {}).get(embedder_key(embedders))
        return cls.from_entry(entry) if entry else None

    def score(self, vectors: Mapping[str, np.ndarray], confidence: float) -> float | None:
        """None when a vector it weighs is missing (a search that ran no dense retriever)."""
        if any(name not in vectors for name in self.weights):
            return None
        z = self.bias + self.confidence_weight * confidence
        for name, w in self.weights.items():
            v = np.asarray(vectors[name], dtype=np.float32)
            norm = float(np.linalg.norm(v))
            if norm == 0.0 or v.shape != w.shape:
                return None
            z += float(w @ v) / norm
        return z

    def withholds(self, score: float | None) -> bool:
        """Whether a score (None: not weighed) withholds the answer."""
        return score is not None and math.isfinite(score) and score >= self.threshold


def read_priors() -> dict[str, Any]:
    """The bundled file: {"by_embedders": {key: {"weights": {embedder: [...]}, "bias", …}}}."""
    return read_bundled(PRIORS, {"by_embedders": {}})
