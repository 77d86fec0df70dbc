"""Pooled relevance judging: the passages a person should read to complete the gold.

The gold of a question lists the passages its author knew of. Other passages may answer it as
well (the same rule in another law, a national rule for a question that names no level), and
a system that ranks one of them first is then counted wrong. As TREC does, the top k of several
systems are pooled, and every pooled passage that is not gold yet states at least one of the
question's answer keys is put before a person, who adds a gold group for each one that answers
the question, or a part of a many-part one (eval/README.md, "How relevance is judged").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.evaluation.baselines import System
from assistant.evaluation.metrics import key_coverage, matched_groups
from assistant.evaluation.questions import Question


@dataclass
class PoolItem:
    question: Question
    title: str
    text: str
    coverage: float  # share of the answer keys the passage states
    found_by: list[str] = field(default_factory=list)  # "system@rank"


def judging_pool(questions: Sequence[Question], systems: Sequence[System], k: int = 5) -> list[PoolItem]:
    """Non-gold passages in any system's top k that state an answer key, one item per passage
    and question, those stating the most keys first within a question."""
    items: list[PoolItem] = []
    for q in questions:
        if not q.answerable:
            continue
        pooled: dict[tuple[str, str], PoolItem] = {}
        for system in systems:
            for rank, hit in enumerate(system.search(q.question, k), start=1):
                if matched_groups(hit, q.groups):
                    continue
                coverage = key_coverage(hit.text, q.answer_keys)
                if coverage == 0:
                    continue
                item = pooled.setdefault((hit.title, hit.text), PoolItem(q, hit.title, hit.text, coverage))
                item.found_by.append(f"{system.name}@{rank}")
        items += sorted(pooled.values(), key=lambda i: -i.coverage)
    return items


def pool_markdown(items: Sequence[PoolItem]) -> str:
    lines = [
        "# Pooled passages to judge",
        "",
        "Each passage below is in some system's top results, is not gold, and states at least one",
        "answer key. Add a group to the question in eval/questions.jsonl for each one that answers",
        "the question at the level it names (any level when it names none); for a `need: all`",
        'question, one that states a part of the answer, with `"part"` naming that part\'s group.',
    ]
    current = None
    for item in items:
        q = item.question
        if q.id != current:
            current = q.id
            keys = " / ".join("|".join(alts) for alts in q.answer_keys)
            lines += ["", f"## {q.id} ({q.split}) {q.question}", f"gold: {q.note}; keys: {keys}"]
        lines += [
            "",
            f"- 《{item.title}》 keys {item.coverage:.2f}, found by {', '.join(item.found_by)}",
            "",
            "  > " + item.text.replace("\n", " "),
        ]
    return "\n".join(lines) + "\n"
