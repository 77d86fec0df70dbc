"""Answer every question of eval/walkthrough.txt, and compare two such runs question by question.

    python scripts/dev/walk.py answer OUT.json [--index indexes/default]
    python scripts/dev/walk.py diff OLD.json NEW.json
    python scripts/dev/walk.py blind OLD.json NEW.json DIR [--parts 2]
    python scripts/dev/walk.py tally DIR

`answer` writes a JSON list of {q, answer, abstained, citations} (citations as labels, in order),
leaving out the questions that restate a test question (NEAR_TEST);
`diff` prints the questions whose answer, abstention or citations differ between two such files.
The walkthrough has no gold answers: the diff is for reading, not scoring.

`blind` is for scoring them all the same: the questions whose first citation or abstention differs,
each with its two answers as 【A】 and 【B】 in a random order, in DIR/pairs<n>.md, the rules for
judging them in DIR/INSTRUCTIONS.md (hand a helper both: "judge DIR/pairs0.md as
DIR/INSTRUCTIONS.md says"), which answer is which in DIR/key.json. A judge writes
DIR/verdicts<n>.txt, one `<id> <A|B|=> <reason>` a line; `tally` counts old better, new better and
equal. The walkthrough asks as chairs do, shorter than most gold questions: a change the dev
questions liked was judged worse here in 73 of 154 pairs and better in 45 (eval/RESULTS.md, step 159).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

REPO = Path(__file__).resolve().parents[2]
WALKTHROUGH = REPO / "eval" / "walkthrough.txt"
GOLD = REPO / "eval" / "questions.jsonl"
DEFAULT_INDEX = REPO / "indexes" / "default"
# A walk-through question sharing this much of its character bigrams with a test question
# (Jaccard) is not answered: 29 of the 767 restate one (「选民名单要提前多少天公布？」 word for word),
# and a rule decided on such an answer decides the held-out question too (eval/RESULTS.md step 170).
NEAR_TEST = 0.4

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


def _bigrams(text: str) -> set[str]:
    return {
        text[i : i + 2] for i in range(len(text) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", text[i : i + 2])
    }


def restating_test(questions: Sequence[str], gold: Path) -> set[str]:
    """The questions whose character bigrams overlap a test question's by NEAR_TEST or more."""
    from assistant.errors import RendaError
    from assistant.evaluation.questions import load_questions

    try:
        tests = [_bigrams(q.question) for q in load_questions(gold, split="test")]
    except (OSError, RendaError) as exc:
        raise WalkError(f"{gold}: cannot read the gold questions ({exc})") from exc
    near = set()
    for question in questions:
        own = _bigrams(question)
        if any(own | t and len(own & t) / len(own | t) >= NEAR_TEST for t in tests):
            near.add(question)
    return near


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


def answer(out: Path, index: Path, questions_file: Path, gold: Path) -> None:
    if not index.is_dir():
        raise WalkError(f"{index}: no index here (build one with `renda ingest`, or pass --index)")
    questions = read_questions(questions_file)
    near = restating_test(questions, gold)
    records = answer_all([q for q in questions if q not in near], index)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    abstained = sum(r["abstained"] for r in records)
    print(
        f"{len(records)} answers, {abstained} abstentions, written to {out}; "
        f"{len(near)} questions left out as restating a test question"
    )


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


# --- blind judging ---------------------------------------------------------------------------------
INSTRUCTIONS = """\
# Judging two versions of the assistant's answers

Each block `### <id>` of a pairs file has a question asked by a township congress chair or deputy
and two answers, 【A】 and 【B】, from two versions of the assistant, each quoted from statutes or
speeches with its sources (依据). An answer marked （拒答） is an abstention (no basis found).

For each block decide which answer better serves the asker: does the answer, its first cited
source especially, address what was asked, with the provision of the right level (乡镇, 县级,
全国)?

- One answer's first sources state what was asked and the other's do not: that one.
- An abstention beats an answer citing provisions beside the point; a relevant answer beats an
  abstention.
- Both as good, or both as bad: `=`.

Judge from your own knowledge of the laws (地方组织法, 代表法, 选举法, 监督法, 预算法, 宪法, 立法法 …);
the order of A and B is random. Write `verdicts<n>.txt` beside `pairs<n>.md`, one line a block:
`<id> <A|B|=> <a few words of reason>`, every block of the file.
"""

VERDICT = re.compile(r"^(\S+)\s+([AB=])(?:\s|$)")


def _first_moved(old: Record, new: Record) -> bool:
    return old["citations"][:1] != new["citations"][:1] or old["abstained"] != new["abstained"]


def _judged_text(record: Record) -> str:
    if record["abstained"]:
        return "（拒答）" + record["answer"][:300]
    return record["answer"][:700] + "\n   依据：" + "；".join(record["citations"][:3])


def blind(old_path: Path, new_path: Path, out: Path, parts: int, seed: int) -> None:
    old, new = load_walk(old_path), load_walk(new_path)
    moved = [(q, old[q], r) for q, r in new.items() if q in old and _first_moved(old[q], r)]
    rng = random.Random(seed)
    rng.shuffle(moved)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WalkError(f"{out}: cannot write the pairs here ({exc})") from exc
    key: dict[str, dict[str, str]] = {}
    for part in range(parts):
        blocks = []
        for i, (question, before, after) in enumerate(moved[part::parts]):
            new_first = rng.random() < 0.5
            a, b = (after, before) if new_first else (before, after)
            block_id = f"P{part}-{i:03d}"
            key[block_id] = {"q": question, "A": "new" if new_first else "old"}
            blocks.append(
                f"### {block_id}\n问题：{question}\n【A】{_judged_text(a)}\n【B】{_judged_text(b)}\n"
            )
        (out / f"pairs{part}.md").write_text("\n".join(blocks), encoding="utf-8")
    (out / "INSTRUCTIONS.md").write_text(INSTRUCTIONS, encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{len(moved)} questions whose first citation or abstention changed, in {parts} pairs files in {out}"
    )


def tally(out: Path) -> None:
    try:
        key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WalkError(f"{out / 'key.json'}: no key of a blind comparison ({exc})") from exc
    verdicts: dict[str, str] = {}
    for path in sorted(out.glob("verdicts*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found = VERDICT.match(line.strip())
            if found and found.group(1) in key:
                verdicts[found.group(1)] = found.group(2)
    counts = {"old": 0, "new": 0, "=": 0}
    other = {"old": "new", "new": "old"}
    for block_id, verdict in verdicts.items():
        a_is = key[block_id]["A"]
        counts["=" if verdict == "=" else a_is if verdict == "A" else other[a_is]] += 1
    old, new, same = counts["old"], counts["new"], counts["="]
    print(f"old better {old}, new better {new}, equal {same} ({len(verdicts)} judged)")
    missing = sorted(key.keys() - verdicts.keys())
    if missing:
        more = " …" if len(missing) > 10 else ""
        print(f"not judged ({len(missing)}): {' '.join(missing[:10])}{more}")


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
    run.add_argument(
        "--gold",
        type=Path,
        default=GOLD,
        help="gold questions whose test split is kept out of the walk (default: %(default)s)",
    )

    compare = commands.add_parser("diff", help="questions answered differently in NEW than in OLD")
    compare.add_argument("old", type=Path, help="the earlier walk file")
    compare.add_argument("new", type=Path, help="the later walk file")
    compare.add_argument("--width", type=int, default=300, help="characters of answer text shown (300)")

    pairs = commands.add_parser("blind", help="pairs of changed answers to judge blind, in DIR")
    pairs.add_argument("old", type=Path, help="the earlier walk file")
    pairs.add_argument("new", type=Path, help="the later walk file")
    pairs.add_argument("out", type=Path, help="the directory to write")
    pairs.add_argument("--parts", type=int, default=2, help="pairs files, one a judge (2)")
    pairs.add_argument("--seed", type=int, default=7, help="of the random order (7)")

    count = commands.add_parser("tally", help="count the verdicts written in DIR")
    count.add_argument("out", type=Path, help="the directory `blind` wrote")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "answer":
            answer(args.out, args.index, args.questions, args.gold)
        elif args.command == "diff":
            diff(args.old, args.new, args.width)
        elif args.command == "blind":
            blind(args.old, args.new, args.out, max(1, args.parts), args.seed)
        else:
            tally(args.out)
    except WalkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
