"""`renda eval`: every system on every question, metrics per kind and overall, reports on disk."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.config import Settings
from assistant.evaluation import metrics as m
from assistant.evaluation.baselines import System, all_systems
from assistant.evaluation.questions import KINDS, Question, load_questions
from assistant.loading import load_file
from assistant.service import Assistant
from assistant.types import Answer

K = 10
# The question bank (retrieval.bank) never helps a question with the questions of its own writing
# batch, itself included: ids are numbered in the order batches were written and no batch spans
# more than this many numbers (eval/README.md). Held out thus, the bank's figures on dev are what
# a question worded afresh gets; the test split is never in the bank at all.
BATCH_WINDOW = 60


@dataclass
class SearchOutcome:
    matrix: list[set[int]]
    retrieved: list[m.Retrieved]
    ms: float


@dataclass
class AskOutcome:
    answer: Answer
    ms: float
    coverage: float
    check: m.CitationCheck
    features: dict[str, float]
    related_relevant: bool = False  # an abstention's nearest passages (Answer.related) hold a gold one


@dataclass
class EvalReport:
    summary: dict[str, Any]
    details: list[dict[str, Any]]
    paths: tuple[Path, Path] = (Path(), Path())
    misses: list[str] = field(default_factory=list)

    def markdown_table(self) -> str:
        return retrieval_table(self.summary) + "\n\n" + answer_table(self.summary)


def run_evaluation(
    settings: Settings,
    questions_path: Path,
    split: str = "all",
    baselines: bool = True,
    out_dir: Path | None = None,
    progress: bool = True,
) -> EvalReport:
    questions = load_questions(questions_path, split)
    assistant = Assistant(settings)
    systems = all_systems(assistant, baselines)
    searches: dict[str, dict[str, SearchOutcome]] = {s.name: {} for s in systems}
    asks: dict[str, AskOutcome] = {}
    bar = tqdm(
        total=len(questions) * (len(systems) + 1),
        desc="评测",
        unit="次",
        disable=None if progress else True,
        leave=False,
    )
    bank = assistant.retriever.bank
    for q in questions:
        if bank is not None:
            bank.held_out = same_batch(q.id)
        for system in systems:
            searches[system.name][q.id] = run_search(system, q)
            bar.update(1)
        asks[q.id] = run_ask(assistant, q)
        bar.update(1)
    if bank is not None:
        bank.held_out = None
    bar.close()
    summary = summarise(questions, searches, asks, split)
    details = [question_details(q, searches, asks[q.id]) for q in questions]
    report = EvalReport(summary, details)
    if out_dir is not None:
        report.paths = write_reports(report, out_dir)
    return report


def same_batch(question_id: str) -> Callable[[str], bool]:
    """Whether a bank entry was written with this question (BATCH_WINDOW)."""
    number = id_number(question_id)
    return lambda other: (
        other == question_id
        or (number is not None and (n := id_number(other)) is not None and abs(n - number) < BATCH_WINDOW)
    )


def id_number(question_id: str) -> int | None:
    tail = question_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def write_pool(
    settings: Settings, questions_path: Path, split: str, out_dir: Path, k: int = 5
) -> tuple[Path, int]:
    """The judging sheet of pooling.judging_pool over the product and its parts alone (the
    LangChain baseline's windows are left out: they cut passages anywhere)."""
    from assistant.evaluation.baselines import product_and_parts
    from assistant.evaluation.pooling import judging_pool, pool_markdown

    systems = product_and_parts(Assistant(settings))
    items = judging_pool(load_questions(questions_path, split), systems, k)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"pool-{split}-{time.strftime('%Y%m%d-%H%M%S')}.md"
    path.write_text(pool_markdown(items), encoding="utf-8")
    return path, len(items)


def run_search(system: System, q: Question) -> SearchOutcome:
    start = time.perf_counter()
    retrieved = system.search(q.question, K)
    ms = (time.perf_counter() - start) * 1000
    return SearchOutcome(m.relevance_matrix(retrieved, q.groups), retrieved, ms)


def run_ask(assistant: Assistant, q: Question) -> AskOutcome:
    start = time.perf_counter()
    answer, ev = assistant.ask_with_evidence(q.question)
    ms = (time.perf_counter() - start) * 1000
    cited = [
        (c.n, m.Retrieved(c.title, c.text), _source_text(assistant, c.doc_id, c.source, c.start, c.end))
        for c in answer.citations
    ]
    features = ev.features() | {"pinned": float(ev.pinned > 0)} | ev.similarities
    if ev.prior is not None:
        features["question_prior"] = ev.prior
    return AskOutcome(
        answer,
        ms,
        m.key_coverage(answer.answer, q.answer_keys),
        m.check_citations(answer.answer, cited, q.groups),
        features,
        any(m.matched_groups(m.Retrieved(c.title, c.text), q.groups) for c in answer.related),
    )


def _source_text(assistant: Assistant, doc_id: str, source: str, start: int, end: int) -> str:
    """The cited span, read again from the file on disk when it is there, else from the catalog."""
    path = Path(source)
    if path.is_file():
        return load_file(path).text[start:end]
    return (assistant.index.catalog.document_text(doc_id) or "")[start:end]


# --- aggregation ---------------------------------------------------------------------------
def _mean(xs: list[float]) -> float:
    return round(sum(xs) / len(xs), 4) if xs else 0.0


def summarise(
    questions: list[Question],
    searches: dict[str, dict[str, SearchOutcome]],
    asks: dict[str, AskOutcome],
    split: str,
) -> dict[str, Any]:
    groups = {"all": questions} | {k: [q for q in questions if q.kind == k] for k in KINDS}
    out: dict[str, Any] = {"split": split, "questions": len(questions), "systems": {}, "answers": {}}
    for name, by_q in searches.items():
        per_kind = {}
        for kind, qs in groups.items():
            ans = [q for q in qs if q.answerable]
            if not ans:
                continue
            per_kind[kind] = {
                "n": len(ans),
                "R@1": _mean([m.recall_at_k(by_q[q.id].matrix, q.parts, q.need, 1) for q in ans]),
                "R@5": _mean([m.recall_at_k(by_q[q.id].matrix, q.parts, q.need, 5) for q in ans]),
                "R@10": _mean([m.recall_at_k(by_q[q.id].matrix, q.parts, q.need, 10) for q in ans]),
                "MRR@10": _mean([m.mrr_at_k(by_q[q.id].matrix) for q in ans]),
                "nDCG@10": _mean([m.ndcg_at_k(by_q[q.id].matrix, q.parts, q.need) for q in ans]),
            }
        latencies = [o.ms for o in by_q.values()]
        per_kind["latency"] = {
            "p50": round(m.percentile(latencies, 50), 1),
            "p95": round(m.percentile(latencies, 95), 1),
        }
        out["systems"][name] = per_kind
    for kind, qs in groups.items():
        if qs:
            out["answers"][kind] = answer_summary(qs, asks)
    return out


def answer_summary(qs: list[Question], asks: dict[str, AskOutcome]) -> dict[str, Any]:
    answerable = [q for q in qs if q.answerable]
    answered = [q for q in answerable if not asks[q.id].answer.abstained]
    withheld = [q for q in answerable if asks[q.id].answer.abstained]
    cited = [q for q in qs if asks[q.id].answer.citations]
    precision, recall, false_rate = m.abstention_scores(
        [not q.answerable for q in qs], [asks[q.id].answer.abstained for q in qs]
    )
    latencies = [asks[q.id].ms for q in qs]
    return {
        "n": len(qs),
        "key_coverage": _mean([asks[q.id].coverage for q in answerable]),
        "key_coverage_answered": _mean([asks[q.id].coverage for q in answered]),
        "citations_verbatim": _mean([float(asks[q.id].check.verbatim) for q in cited]),
        "markers_resolve": _mean([float(asks[q.id].check.markers_resolve) for q in qs]),
        "cited_relevant": _mean([float(bool(asks[q.id].check.relevant)) for q in answered]),
        "opens_relevant": _mean([float(bool(asks[q.id].check.opens_relevant)) for q in answered]),
        "abstain_precision": round(precision, 4),
        "abstain_recall": round(recall, 4),
        "false_abstention": round(false_rate, 4),
        # of the answerable questions withheld, those whose nearest passages shown hold a gold one
        "withheld_gold_shown": _mean([float(asks[q.id].related_relevant) for q in withheld]),
        "ask_p50_ms": round(m.percentile(latencies, 50), 1),
        "ask_p95_ms": round(m.percentile(latencies, 95), 1),
    }


def question_details(
    q: Question, searches: dict[str, dict[str, SearchOutcome]], ask: AskOutcome
) -> dict[str, Any]:
    return {
        "id": q.id,
        "kind": q.kind,
        "split": q.split,
        "question": q.question,
        "note": q.note,
        "expected": [
            {"title": g.title, "contains": g.contains} | ({} if g.part is None else {"part": g.part})
            for g in q.groups
        ],
        "answer_keys": [list(a) for a in q.answer_keys],
        "systems": {
            name: {
                "R@1": m.recall_at_k(by_q[q.id].matrix, q.parts, q.need, 1) if q.answerable else None,
                "R@5": m.recall_at_k(by_q[q.id].matrix, q.parts, q.need, 5) if q.answerable else None,
                "retrieved": [
                    {"title": r.title, "text": r.text[:120], "relevant": sorted(g)}
                    for r, g in zip(by_q[q.id].retrieved[:5], by_q[q.id].matrix[:5], strict=False)
                ],
            }
            for name, by_q in searches.items()
        },
        "answer": ask.answer.answer,
        "abstained": ask.answer.abstained,
        "answerable": q.answerable,
        "confidence": ask.answer.confidence,
        "key_coverage": ask.coverage,
        "features": ask.features,
        "citations": [c.label for c in ask.answer.citations],
        "related": [c.label for c in ask.answer.related],
        "citation_check": {
            "verbatim": ask.check.verbatim,
            "markers_resolve": ask.check.markers_resolve,
            "relevant": ask.check.relevant,
            "opens_relevant": ask.check.opens_relevant,
        },
    }


# --- reports -------------------------------------------------------------------------------
def retrieval_table(summary: dict[str, Any]) -> str:
    lines = [
        "| system | R@1 | R@5 | R@10 | MRR@10 | nDCG@10 | search p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, kinds in summary["systems"].items():
        a, lat = kinds["all"], kinds["latency"]
        lines.append(
            f"| {name} | {a['R@1']:.3f} | {a['R@5']:.3f} | {a['R@10']:.3f} | {a['MRR@10']:.3f} "
            f"| {a['nDCG@10']:.3f} | {lat['p50']} | {lat['p95']} |"
        )
    return "\n".join(lines)


def kind_table(summary: dict[str, Any], system: str) -> str:
    lines = [
        f"Recall by kind ({system}):",
        "",
        "| kind | n | R@1 | R@5 | R@10 | MRR@10 |",
        "|---|---|---|---|---|---|",
    ]
    for kind, row in summary["systems"][system].items():
        if kind != "latency":
            lines.append(
                f"| {kind} | {row['n']} | {row['R@1']:.3f} | {row['R@5']:.3f} | {row['R@10']:.3f} "
                f"| {row['MRR@10']:.3f} |"
            )
    return "\n".join(lines)


def answer_table(summary: dict[str, Any]) -> str:
    columns = (
        "key_coverage",
        "citations_verbatim",
        "markers_resolve",
        "cited_relevant",
        "opens_relevant",
        "abstain_precision",
        "abstain_recall",
        "false_abstention",
        "withheld_gold_shown",
    )
    lines = [
        "| kind | n | key coverage | verbatim | [n] resolve | cited relevant | opens relevant | abstain P "
        "| abstain R | false abstain | withheld, gold shown | ask p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, a in summary["answers"].items():
        cells = " | ".join(f"{a[c]:.3f}" for c in columns)
        lines.append(f"| {kind} | {a['n']} | {cells} | {a['ask_p50_ms']} | {a['ask_p95_ms']} |")
    return "\n".join(lines)


def misses_markdown(report: EvalReport) -> str:
    product = next(iter(report.summary["systems"]))
    lines = ["## Misses", ""]
    for d in report.details:
        r5 = d["systems"][product]["R@5"]
        wrong_abstain = d["abstained"] != (not d["answerable"])
        if (r5 is not None and r5 < 1.0) or wrong_abstain:
            lines.append(f"### {d['id']} {d['question']}")
            expected = (
                "; ".join(f"《…{e['title']}》「{e['contains']}」" for e in d["expected"]) or "（应拒答）"
            )
            lines.append(f"- expected: {expected} ({d['note']})")
            got = d["systems"][product]["retrieved"]
            lines += [f"- got {i + 1}: 《{r['title']}》 {r['text'][:60]}…" for i, r in enumerate(got[:3])]
            lines.append(
                f"- answer ({'abstained' if d['abstained'] else 'answered'}, "
                f"confidence {d['confidence']:.2f}): {d['answer'][:120]}"
            )
            lines.append("")
    return "\n".join(lines)


def write_reports(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    json_path = out_dir / f"eval-{report.summary['split']}-{stamp}.json"
    md_path = json_path.with_suffix(".md")
    json_path.write_text(
        json.dumps({"summary": report.summary, "questions": report.details}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    product = next(iter(report.summary["systems"]))
    md = [
        f"# Evaluation ({report.summary['split']}, {report.summary['questions']} questions)",
        "",
        "## Retrieval (answerable questions)",
        "",
        retrieval_table(report.summary),
        "",
        kind_table(report.summary, product),
        "",
        "## Answers",
        "",
        answer_table(report.summary),
        "",
        misses_markdown(report),
    ]
    md_path.write_text("\n".join(md), encoding="utf-8")
    return json_path, md_path
