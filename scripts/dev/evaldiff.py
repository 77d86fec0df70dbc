"""Summaries and per-question diffs of the reports that `renda eval --out DIR` writes.

    python scripts/dev/evaldiff.py summary REPORT [--split dev|test|all] [--ids 850-899,950-999] [--misses]
    python scripts/dev/evaldiff.py diff OLD NEW [--include-test] [--ids RANGES] [--answers]

REPORT, OLD and NEW are an eval-*.json file or the directory holding it (the newest report there is
read). The test split is held out: its figures are shown only when asked for by name
(`--split test`, `--split all`, `--include-test`), once, at the end of a session.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PRODUCT = "hybrid (product)"
SPLITS = ("dev", "test", "all")
REPORT_NAME = re.compile(r"eval-\w+-(\d{8}-\d{6})\.json$")

Question = dict[str, Any]
IdRange = tuple[int, int]


class ReportError(Exception):
    """A report that cannot be found or read; the message names the path."""


@dataclass(frozen=True)
class Report:
    """One eval report: where it was read from, the system scored and its questions."""

    path: Path
    system: str
    questions: list[Question]


@dataclass(frozen=True)
class Stats:
    """The figures of one group of questions; recall and key coverage over answerable questions."""

    n: int
    answerable: int
    r1: float
    r5: float
    key: float
    unanswerable: int
    abstained: int  # unanswerable questions the product abstained on (wanted)
    false_abstentions: int  # answerable questions it abstained on (unwanted)


# --- reading ---------------------------------------------------------------------------------------
def report_file(path: Path) -> Path:
    """The report itself, or the newest eval-*.json in a directory (by the stamp in its name)."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise ReportError(f"{path}: no such file or directory")
    found = sorted(path.glob("eval-*.json"), key=lambda p: (_stamp(p), p.name))
    if not found:
        raise ReportError(f"{path}: no eval-*.json report in this directory")
    if len(found) > 1:
        print(f"{path}: {len(found)} reports, reading the newest, {found[-1].name}", file=sys.stderr)
    return found[-1]


def _stamp(path: Path) -> str:
    match = REPORT_NAME.search(path.name)
    return match.group(1) if match else ""


def load_report(path: Path) -> Report:
    """Read a report and pick the system to score: the product if present, else the first one."""
    file = report_file(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        questions: list[Question] = data["questions"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReportError(f"{file}: not an eval report ({exc})") from exc
    if not questions:
        raise ReportError(f"{file}: the report has no questions")
    names = list(questions[0]["systems"])
    system = PRODUCT if PRODUCT in names else names[0]
    return Report(file, system, questions)


# --- selecting -------------------------------------------------------------------------------------
def parse_ranges(text: str) -> list[IdRange]:
    """`850-860,950-958,801` -> [(850, 860), (950, 958), (801, 801)], both ends included."""
    ranges = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not match:
            raise argparse.ArgumentTypeError(f"not an id range: {part!r} (write e.g. 850-860,950-958)")
        lo, hi = int(match.group(1)), int(match.group(2) or match.group(1))
        if lo > hi:
            raise argparse.ArgumentTypeError(f"empty id range: {part!r}")
        ranges.append((lo, hi))
    return ranges


def id_number(qid: str) -> int | None:
    """The number of a question id (`basis-452` -> 452); None when the id has none."""
    tail = qid.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def in_ranges(question: Question, ranges: Sequence[IdRange]) -> bool:
    number = id_number(question["id"])
    return number is not None and any(lo <= number <= hi for lo, hi in ranges)


def in_split(question: Question, split: str) -> bool:
    return split == "all" or question["split"] == split


# --- summary ---------------------------------------------------------------------------------------
def _mean(values: Iterable[float | None]) -> float:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else float("nan")


def stats(questions: Sequence[Question], system: str) -> Stats:
    answerable = [q for q in questions if q["answerable"]]
    unanswerable = [q for q in questions if not q["answerable"]]
    return Stats(
        n=len(questions),
        answerable=len(answerable),
        r1=_mean(q["systems"][system]["R@1"] for q in answerable),
        r5=_mean(q["systems"][system]["R@5"] for q in answerable),
        key=_mean(q["key_coverage"] for q in answerable),
        unanswerable=len(unanswerable),
        abstained=sum(bool(q["abstained"]) for q in unanswerable),
        false_abstentions=sum(bool(q["abstained"]) for q in answerable),
    )


HEADER = f"{'split':<6} {'ids':<16} {'n':>5} {'R@1':>6} {'R@5':>6} {'key':>6}  {'abstain':>9}  {'false':>9}"


def stats_row(split: str, ids: str, s: Stats) -> str:
    abstain = f"{s.abstained}/{s.unanswerable}"
    false = f"{s.false_abstentions}/{s.answerable}"
    return f"{split:<6} {ids:<16} {s.n:>5} {s.r1:>6.3f} {s.r5:>6.3f} {s.key:>6.3f}  {abstain:>9}  {false:>9}"


def id_groups(ranges: Sequence[IdRange] | None) -> list[tuple[str, Sequence[IdRange] | None]]:
    """One group per range and, for several ranges, one for them together."""
    if not ranges:
        return [("all", None)]
    groups: list[tuple[str, Sequence[IdRange] | None]] = [(_range_label([r]), [r]) for r in ranges]
    if len(ranges) > 1:
        groups.append(("together", ranges))
    return groups


def _range_label(ranges: Sequence[IdRange]) -> str:
    return ",".join(f"{lo}-{hi}" if lo != hi else str(lo) for lo, hi in ranges)


def is_miss(question: Question, system: str) -> bool:
    """An answerable question not fully found, covered or answered, or an unanswerable one answered."""
    if not question["answerable"]:
        return not question["abstained"]
    scores = question["systems"][system]
    return (
        question["abstained"]
        or any(scores[k] is not None and scores[k] < 1 for k in ("R@1", "R@5"))
        or (question["key_coverage"] or 0) < 1
    )


def miss_line(question: Question, system: str) -> str:
    head = f"  {question['id']:<18} {question['split']:<5}"
    if not question["answerable"]:
        return (
            f"{head} unanswerable answered (confidence {question['confidence']:.2f})  {question['question']}"
        )
    scores = question["systems"][system]
    abstained = " ABSTAINED" if question["abstained"] else ""
    return (
        f"{head} R@1 {_num(scores['R@1'])} R@5 {_num(scores['R@5'])} "
        f"key {_num(question['key_coverage'])}{abstained}  {question['question']}"
    )


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def summary(report: Report, split: str, ranges: Sequence[IdRange] | None, misses: bool) -> None:
    print(f"{report.path}  (system: {report.system})")
    print("recall and key coverage over answerable questions; abstain = unanswerables abstained on;")
    print("false = answerable questions abstained on")
    print(HEADER)
    splits = SPLITS if split == "all" else (split,)
    for name in splits:
        chosen = [q for q in report.questions if in_split(q, name)]
        for label, group in id_groups(ranges):
            selected = [q for q in chosen if group is None or in_ranges(q, group)]
            print(stats_row(name, label, stats(selected, report.system)))
    if misses:
        selected = [
            q for q in report.questions if in_split(q, split) and (not ranges or in_ranges(q, ranges))
        ]
        wrong = [q for q in selected if is_miss(q, report.system)]
        print(f"\nmisses ({len(wrong)} of {len(selected)}):")
        for question in wrong:
            print(miss_line(question, report.system))


# --- diff ------------------------------------------------------------------------------------------
def changes(old: Question, new: Question, old_system: str, new_system: str) -> list[str]:
    """What moved for one question, old -> new."""
    found = []
    for metric in ("R@1", "R@5"):
        before, after = old["systems"][old_system][metric], new["systems"][new_system][metric]
        if before != after:
            found.append(f"{metric} {_num(before)}->{_num(after)}")
    before, after = old["key_coverage"], new["key_coverage"]
    if abs((before or 0) - (after or 0)) > 1e-9:
        found.append(f"key {_num(before)}->{_num(after)}")
    if bool(old["abstained"]) != bool(new["abstained"]):
        found.append("abstained" if new["abstained"] else "no longer abstains")
    if old["answer"] != new["answer"]:
        found.append("answer text")
    return found


def diff(
    old: Report, new: Report, include_test: bool, ranges: Sequence[IdRange] | None, answers: bool
) -> None:
    def shown(q: Question) -> bool:
        return (include_test or q["split"] != "test") and (not ranges or in_ranges(q, ranges))

    olds = {q["id"]: q for q in old.questions if shown(q)}
    news = {q["id"]: q for q in new.questions if shown(q)}
    print(f"old: {old.path}  (system: {old.system})")
    print(f"new: {new.path}  (system: {new.system})")
    changed = 0
    for qid, question in news.items():
        if qid not in olds:
            continue
        found = changes(olds[qid], question, old.system, new.system)
        if not found:
            continue
        changed += 1
        kind = "answerable" if question["answerable"] else "unanswerable"
        print(f"{qid:<18} {question['split']:<5} {kind:<12} {'; '.join(found)}  | {question['question']}")
        if answers and "answer text" in found:
            print(f"    old: {_flat(olds[qid]['answer'])}")
            print(f"    new: {_flat(question['answer'])}")
    common = sum(qid in olds for qid in news)
    print(f"\n{changed} of {common} questions in both reports changed", end="")
    print("" if include_test else " (test split not shown; --include-test shows it)")
    for label, ids in (
        ("only in new", news.keys() - olds.keys()),
        ("only in old", olds.keys() - news.keys()),
    ):
        if ids:
            more = " …" if len(ids) > 30 else ""
            print(f"{label} ({len(ids)}): {' '.join(sorted(ids)[:30])}{more}")


def _flat(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"


# --- command line ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    show = commands.add_parser("summary", help="R@1, R@5, key coverage and abstentions of one report")
    show.add_argument("report", type=Path, help="an eval-*.json report or the directory holding it")
    show.add_argument(
        "--split",
        choices=SPLITS,
        default="dev",
        help="dev (default); test and all show the held-out test split: once, at the end of a session",
    )
    show.add_argument("--ids", type=parse_ranges, help="id number ranges, e.g. 850-899,950-999")
    show.add_argument("--misses", action="store_true", help="also list the questions missed")

    compare = commands.add_parser("diff", help="per question, what changed from OLD to NEW")
    compare.add_argument("old", type=Path, help="the report to compare against (file or directory)")
    compare.add_argument("new", type=Path, help="the newer report (file or directory)")
    compare.add_argument("--include-test", action="store_true", help="also show held-out test questions")
    compare.add_argument("--ids", type=parse_ranges, help="only these id number ranges, e.g. 850-899")
    compare.add_argument("--answers", action="store_true", help="print old and new answer text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "summary":
            summary(load_report(args.report), args.split, args.ids, args.misses)
        else:
            diff(load_report(args.old), load_report(args.new), args.include_test, args.ids, args.answers)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # piped into `head`; Python flushes stdout again at exit, so point it nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
