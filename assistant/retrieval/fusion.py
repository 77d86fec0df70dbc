"""Fusion of ranked lists: weighted reciprocal rank fusion, or weighted z-scores of raw scores."""

from __future__ import annotations

import math
from collections.abc import Mapping


def rrf(rankings: Mapping[str, list[str]], weights: Mapping[str, float], k: int = 60) -> dict[str, float]:
    """score(d) = sum over lists of weight / (k + rank + 1); rank is 0-based."""
    fused: dict[str, float] = {}
    for name, ranked in rankings.items():
        w = weights.get(name, 1.0)
        for rank, item in enumerate(ranked):
            fused[item] = fused.get(item, 0.0) + w / (k + rank + 1)
    return fused


def zscore(scores: Mapping[str, Mapping[str, float]], weights: Mapping[str, float]) -> dict[str, float]:
    """Standardise each retriever's candidate scores, then add them up with weights.
    A candidate missing from one list gets that list's lowest z-score (it ranked below all)."""
    stats: dict[str, tuple[float, float, float]] = {}
    for name, values in scores.items():
        if not values:
            continue
        xs = list(values.values())
        mean = sum(xs) / len(xs)
        std = math.sqrt(sum((x - mean) ** 2 for x in xs) / len(xs)) or 1.0
        stats[name] = (mean, std, (min(xs) - mean) / std)
    items = dict.fromkeys(item for values in scores.values() for item in values)  # a set's order varies
    fused: dict[str, float] = {}
    for item in items:
        total = 0.0
        for name, (mean, std, floor) in stats.items():
            value = scores[name].get(item)
            total += weights.get(name, 1.0) * (floor if value is None else (value - mean) / std)
        fused[item] = total
    return fused
