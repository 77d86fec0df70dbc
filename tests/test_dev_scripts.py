"""scripts/dev: the evaluation-report summary and diffs, run as a developer runs them."""

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRODUCT = "hybrid (product)"


def _question(qid: str, split: str, r1: float, abstained: bool = False, answer: str = "答") -> dict:
    answerable = not qid.startswith("unanswerable")
    scores = {"R@1": r1, "R@5": 1.0} if answerable else {"R@1": None, "R@5": None}
    return {
        "id": qid,
        "split": split,
        "question": f"问题{qid}",
        "answerable": answerable,
        "systems": {PRODUCT: scores},
        "key_coverage": r1 if answerable else None,
        "abstained": abstained,
        "answer": answer,
        "confidence": 0.5,
    }


def _report(directory: Path, questions: list[dict]) -> Path:
    directory.mkdir()
    (directory / "eval-all-20261205-060000.json").write_text(
        json.dumps({"questions": questions}, ensure_ascii=False), encoding="utf-8"
    )
    return directory


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "dev" / script), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_summary_shows_dev_and_keeps_the_test_split_out_unless_asked(tmp_path: Path) -> None:
    report = _report(
        tmp_path / "run",
        [
            _question("basis-850", "dev", 1.0),
            _question("basis-851", "dev", 0.0),
            _question("unanswerable-852", "dev", 0.0, abstained=True),
            _question("basis-001", "test", 0.0),
        ],
    )
    shown = _run("evaldiff.py", "summary", str(report))
    assert shown.returncode == 0, shown.stderr
    rows = [line.split() for line in shown.stdout.splitlines() if line.startswith(("dev", "test"))]
    assert rows == [["dev", "all", "3", "0.500", "1.000", "0.500", "1/1", "0/2"]]

    both = _run("evaldiff.py", "summary", str(report), "--split", "all", "--ids", "850-851")
    assert [line.split()[:3] for line in both.stdout.splitlines() if line.startswith("test")] == [
        ["test", "850-851", "0"]
    ]


def test_diff_names_what_moved_and_leaves_test_questions_out(tmp_path: Path) -> None:
    old = _report(
        tmp_path / "old",
        [_question("basis-850", "dev", 0.0), _question("basis-001", "test", 0.0)],
    )
    new = _report(
        tmp_path / "new",
        [_question("basis-850", "dev", 1.0, answer="新答"), _question("basis-001", "test", 1.0)],
    )
    shown = _run("evaldiff.py", "diff", str(old), str(new))
    assert shown.returncode == 0, shown.stderr
    assert "basis-850" in shown.stdout and "R@1 0.00->1.00" in shown.stdout
    assert "answer text" in shown.stdout
    assert "basis-001" not in shown.stdout
    assert "basis-001" in _run("evaldiff.py", "diff", str(old), str(new), "--include-test").stdout


def test_a_missing_report_is_a_clear_error(tmp_path: Path) -> None:
    shown = _run("evaldiff.py", "summary", str(tmp_path / "nothing"))
    assert shown.returncode == 1
    assert "no such file or directory" in shown.stderr and "Traceback" not in shown.stderr


def test_walk_diff_prints_the_questions_whose_answers_changed(tmp_path: Path) -> None:
    def walk(name: str, answer: str) -> Path:
        records = [
            {
                "q": "乡镇人大一年开几次会？",
                "answer": "至少举行两次。",
                "abstained": False,
                "citations": ["a"],
            },
            {"q": "罢免案怎么提？", "answer": answer, "abstained": False, "citations": ["b"]},
        ]
        path = tmp_path / name
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        return path

    shown = _run(
        "walk.py", "diff", str(walk("old.json", "由主席团提出。")), str(walk("new.json", "由代表联名提出。"))
    )
    assert shown.returncode == 0, shown.stderr
    assert "罢免案怎么提？" in shown.stdout and "乡镇人大一年开几次会？" not in shown.stdout
    assert "1 of 2 questions in both files changed" in shown.stdout
