"""Evaluation metrics as pure functions: no I/O, no models, unit-tested on their own."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text.chars import squash


@dataclass(frozen=True, slots=True)
class Group:
    """Gold relevance: a passage from a document whose title contains `title`, containing `contains`.
    `part` names the earlier group this one is an alternative for (another passage stating the
    same part of a many-part answer); None: the group is a part of its own."""

    title: str
    contains: str
    part: int | None = None


@dataclass(frozen=True, slots=True)
class Retrieved:
    title: str
    text: str


def matched_groups(item: Retrieved, groups: Sequence[Group]) -> set[int]:
    """The parts (indexes of groups that are not alternatives) this passage states."""
    text = squash(item.text)
    return {
        i if g.part is None else g.part
        for i, g in enumerate(groups)
        if g.title in item.title and squash(g.contains) in text
    }


def part_count(groups: Sequence[Group]) -> int:
    """How many parts an answer has: groups that are not alternatives of another."""
    return sum(1 for g in groups if g.part is None)


def relevance_matrix(results: Sequence[Retrieved], groups: Sequence[Group]) -> list[set[int]]:
    """For each retrieved passage, which gold groups it satisfies."""
    return [matched_groups(r, groups) for r in results]


def recall_at_k(matrix: Sequence[set[int]], n_groups: int, need: str, k: int) -> float:
    """need=any: 1 if any group is found in the top k. need=all: found groups / min(k, groups)."""
    if n_groups == 0:
        return 0.0
    found = set().union(*matrix[:k]) if matrix[:k] else set()
    if need == "any":
        return 1.0 if found else 0.0
    return min(1.0, len(found) / min(k, n_groups))


def mrr_at_k(matrix: Sequence[set[int]], k: int = 10) -> float:
    for rank, groups in enumerate(matrix[:k]):
        if groups:
            return 1.0 / (rank + 1)
    return 0.0


def ndcg_at_k(matrix: Sequence[set[int]], n_groups: int, need: str, k: int = 10) -> float:
    """Binary gain; a passage gains only for groups not already credited higher up.
    The ideal ranking has one passage per group (one in all for need=any)."""
    credited: set[int] = set()
    dcg = 0.0
    for rank, groups in enumerate(matrix[:k]):
        new = groups - credited
        if new and (need == "all" or not credited):
            dcg += 1.0 / math.log2(rank + 2)
            credited |= new
    ideal_hits = min(k, n_groups if need == "all" else 1)
    idcg = sum(1.0 / math.log2(r + 2) for r in range(ideal_hits))
    return dcg / idcg if idcg else 0.0


def key_coverage(answer: str, keys: Sequence[Sequence[str]]) -> float:
    """Share of answer keys (each a list of alternatives) stated in the answer."""
    if not keys:
        return 1.0
    text = squash(answer)
    return sum(1 for alts in keys if any(squash(a) in text for a in alts)) / len(keys)


_MARKER = re.compile(r"\[(\d+)\]")


def citation_markers(answer: str) -> list[int]:
    return [int(m) for m in _MARKER.findall(answer)]


@dataclass(frozen=True, slots=True)
class CitationCheck:
    markers_resolve: bool  # every [n] names a citation
    verbatim: bool  # every cited text is exactly its source's text at its span
    relevant: bool | None  # at least one citation is a gold passage (None: no gold)
    # the first citation, the passage the answer opens with, is a gold one (None: no gold)
    opens_relevant: bool | None = None


def check_citations(
    answer: str,
    cited: Sequence[tuple[int, Retrieved, str]],  # (n, passage, source text at the cited span)
    groups: Sequence[Group],
) -> CitationCheck:
    numbers = {n for n, _, _ in cited}
    markers = citation_markers(answer)
    resolve = all(m in numbers for m in markers) and bool(markers) == bool(cited)
    verbatim = all(item.text == source for _, item, source in cited)
    relevant = any(matched_groups(item, groups) for _, item, _ in cited) if groups else None
    first = min(numbers, default=None)
    opens = any(matched_groups(item, groups) for n, item, _ in cited if n == first) if groups else None
    return CitationCheck(resolve, verbatim, relevant, opens)


def abstention_scores(
    expected_abstain: Sequence[bool], abstained: Sequence[bool]
) -> tuple[float, float, float]:
    """(precision, recall, false-abstention rate among answerable questions)."""
    pairs = list(zip(expected_abstain, abstained, strict=True))
    tp = sum(1 for e, a in pairs if e and a)
    predicted = sum(1 for _, a in pairs if a)
    actual = sum(1 for e, _ in pairs if e)
    answerable = sum(1 for e, _ in pairs if not e)
    false_abstain = sum(1 for e, a in pairs if not e and a)
    precision = tp / predicted if predicted else 1.0
    recall = tp / actual if actual else 1.0
    return precision, recall, (false_abstain / answerable if answerable else 0.0)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[min(rank, len(ordered) - 1)]
