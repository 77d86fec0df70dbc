"""Answer every question of eval/walkthrough.txt, and compare two such runs question by question.

    python scripts/dev/walk.py answer OUT.json [--index indexes/default]
    python scripts/dev/walk.py diff OLD.json NEW.json

`answer` writes a JSON list of {q, answer, abstained, citations} (citations as labels, in order);
`diff` prints the questions whose answer, abstention or citations differ between two such files.
The walkthrough has no gold answers: the diff is for reading, not scoring.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

REPO = Path(__file__).resolve().parents[2]
WALKTHROUGH = REPO / "eval" / "walkthrough.txt"
DEFAULT_INDEX = REPO / "indexes" / "default"

Record = dict[str, Any]


class WalkError(Exception):
    """A missing index or an unreadable walk file; the message names the path."""


# --- answering -------------------------------------------------------------------------------------
def read_questions(path: Path) -> list[str]:
    """One question a line; blank lines and # comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WalkError(f"{path}: cannot read the questions ({exc})") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def answer_all(questions: Sequence[str], index: Path) -> list[Record]:
    """Ask the product every question in turn; other settings come from RENDA_* as for `renda ask`."""
    # Imported here: loading the assistant pulls in torch and the models, which `diff` does not need.
    from assistant.config import Settings
    from assistant.errors import RendaError
    from assistant.service import Assistant

    assistant = Assistant(Settings(index_dir=index))
    records = []
    try:
        for question in tqdm(questions, desc="answering", unit="q"):
            answer = assistant.ask(question)
            citations = [c.label for c in answer.citations]
            records.append(
                {
                    "q": question,
                    "answer": answer.answer,
                    "abstained": answer.abstained,
                    "citations": citations,
                }
            )
    except RendaError as exc:  # an index built with other settings, or none at all
        raise WalkError(f"{index}: {exc}") from exc
    finally:
        assistant.close()
    return records


def answer(out: Path, index: Path, questions_file: Path) -> None:
    if not index.is_dir():
        raise WalkError(f"{index}: no index here (build one with `renda ingest`, or pass --index)")
    records = answer_all(read_questions(questions_file), index)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    abstained = sum(r["abstained"] for r in records)
    print(f"{len(records)} answers, {abstained} abstentions, written to {out}")


# --- comparing -------------------------------------------------------------------------------------
def load_walk(path: Path) -> dict[str, Record]:
    try:
        records: list[Record] = json.loads(path.read_text(encoding="utf-8"))
        return {r["q"]: r for r in records}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WalkError(f"{path}: not a walk file ({exc})") from exc


def _same(a: Record, b: Record) -> bool:
    return (a["answer"], a["abstained"], a["citations"]) == (b["answer"], b["abstained"], b["citations"])


def _excerpts(old: str, new: str, width: int) -> tuple[str, str]:
    """Both answers on one line each; when they agree far in, from a little before they part."""
    old, new = " ".join(old.split()), " ".join(new.split())
    same = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new))
    )
    start = same - 40 if same > width // 2 else 0
    return _clip(old, start, width), _clip(new, start, width)


def _clip(text: str, start: int, width: int) -> str:
    head = "…" if start else ""
    tail = "…" if len(text) > start + width else ""
    return head + text[start : start + width] + tail


def _show(label: str, record: Record, text: str) -> None:
    mark = "[abstained] " if record["abstained"] else ""
    print(f"  {label}: {mark}{text}")
    print(f"       cites: {'; '.join(record['citations']) or '-'}")


def diff(old_path: Path, new_path: Path, width: int) -> None:
    old, new = load_walk(old_path), load_walk(new_path)
    changed = 0
    for question, record in new.items():
        before = old.get(question)
        if before is None or _same(before, record):
            continue
        changed += 1
        old_text, new_text = _excerpts(before["answer"], record["answer"], width)
        print(f"Q: {question}")
        _show("old", before, old_text)
        _show("new", record, new_text)
    common = sum(q in old for q in new)
    print(f"\n{changed} of {common} questions in both files changed")
    for label, only in (("only in new", new.keys() - old.keys()), ("only in old", old.keys() - new.keys())):
        if only:
            more = " / …" if len(only) > 10 else ""
            print(f"{label} ({len(only)}): {' / '.join(sorted(only)[:10])}{more}")


# --- command line ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("answer", help="answer every walkthrough question and write OUT.json")
    run.add_argument("out", type=Path, help="the JSON file to write")
    run.add_argument(
        "--index", type=Path, default=DEFAULT_INDEX, help="index directory (default: %(default)s)"
    )
    run.add_argument(
        "--questions", type=Path, default=WALKTHROUGH, help="one question a line (default: %(default)s)"
    )

    compare = commands.add_parser("diff", help="questions answered differently in NEW than in OLD")
    compare.add_argument("old", type=Path, help="the earlier walk file")
    compare.add_argument("new", type=Path, help="the later walk file")
    compare.add_argument("--width", type=int, default=300, help="characters of answer text shown (300)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "answer":
            answer(args.out, args.index, args.questions)
        else:
            diff(args.old, args.new, args.width)
    except WalkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
