"""scripts/dev: the evaluation-report summary and diffs, run as a developer runs them."""

import importlib.util
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


def _walk(path: Path, answers: dict[str, tuple[str, bool, list[str]]]) -> Path:
    records = [{"q": q, "answer": a, "abstained": ab, "citations": c} for q, (a, ab, c) in answers.items()]
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def test_walk_diff_prints_the_questions_whose_answers_changed(tmp_path: Path) -> None:
    def walk(name: str, answer: str) -> Path:
        return _walk(
            tmp_path / name,
            {
                "乡镇人大一年开几次会？": ("至少举行两次。", False, ["a"]),
                "罢免案怎么提？": (answer, False, ["b"]),
            },
        )

    shown = _run(
        "walk.py", "diff", str(walk("old.json", "由主席团提出。")), str(walk("new.json", "由代表联名提出。"))
    )
    assert shown.returncode == 0, shown.stderr
    assert "罢免案怎么提？" in shown.stdout and "乡镇人大一年开几次会？" not in shown.stdout
    assert "1 of 2 questions in both files changed" in shown.stdout


def test_walk_blind_pairs_hide_which_answer_is_new_and_tally_counts_the_verdicts(tmp_path: Path) -> None:
    old = _walk(
        tmp_path / "old.json",
        {
            "乡镇人大一年开几次会？": ("至少举行两次。", False, ["组织法第十四条"]),
            "罢免案怎么提？": ("由主席团提出。", False, ["组织法第二十九条"]),
            "代表证丢了怎么办？": ("未找到依据。", True, []),
            "镇长谁选？": ("由人代会选举。", False, ["组织法第十二条", "a"]),
        },
    )
    new = _walk(
        tmp_path / "new.json",
        {
            "乡镇人大一年开几次会？": ("至少举行两次。", False, ["组织法第十四条"]),
            "罢免案怎么提？": ("由代表联名提出。", False, ["选举法第五十条"]),
            "代表证丢了怎么办？": ("由人大制发。", False, ["代表法第四十九条"]),
            "镇长谁选？": ("由本级人代会选举。", False, ["组织法第十二条", "b"]),  # same first
        },
    )
    out = tmp_path / "blind"
    shown = _run("walk.py", "blind", str(old), str(new), str(out), "--parts", "1")
    assert shown.returncode == 0, shown.stderr
    assert "2 questions whose first citation or abstention changed" in shown.stdout
    text = (out / "pairs0.md").read_text(encoding="utf-8")
    assert "罢免案怎么提？" in text and "代表证丢了怎么办？" in text and "镇长谁选？" not in text
    assert "（拒答）" in text and "old" not in text and "new" not in text  # nothing tells them apart
    assert "（拒答）" in (out / "INSTRUCTIONS.md").read_text(encoding="utf-8")
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    assert len(key) == 2
    # the judge prefers the new answer of the first block and finds the second a draw
    first, second = sorted(key)
    prefer_new = "A" if key[first]["A"] == "new" else "B"
    (out / "verdicts0.txt").write_text(
        f"{first} {prefer_new} 新答案引对了条文\n{second} = 都不对\n", encoding="utf-8"
    )
    shown = _run("walk.py", "tally", str(out))
    assert shown.returncode == 0, shown.stderr
    assert "old better 0, new better 1, equal 1 (2 judged)" in shown.stdout
    (out / "verdicts0.txt").write_text(f"{first} {prefer_new} 只判了一个\n", encoding="utf-8")
    assert f"not judged (1): {second}" in _run("walk.py", "tally", str(out)).stdout
    missing = _run("walk.py", "tally", str(tmp_path / "none"))
    assert missing.returncode == 1 and "no key of a blind comparison" in missing.stderr
    blocked = _run("walk.py", "blind", str(old), str(new), str(old / "sub"))  # under a file
    assert blocked.returncode == 1 and "cannot write the pairs here" in blocked.stderr
    assert "Traceback" not in blocked.stderr


def test_walk_leaves_out_questions_that_restate_a_test_question(tmp_path: Path) -> None:
    """A rule decided on the answer to 「乡镇人大主席团开会多久开一次？」 decided test's near copy too
    (eval/RESULTS.md step 170): such walk-through questions are not answered."""
    spec = importlib.util.spec_from_file_location("walk", REPO / "scripts" / "dev" / "walk.py")
    assert spec and spec.loader
    walk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(walk)
    gold = tmp_path / "questions.jsonl"
    rows = [
        {
            "id": "unanswerable-1",
            "kind": "unanswerable",
            "question": "乡镇人大主席团会议多久至少开一次？",
            "answerable": False,
            "split": "test",
        },
        {
            "id": "procedure-1",
            "kind": "procedure",
            "question": "罢免镇长要多少代表联名？",
            "relevant": [{"title": "地方组织法", "contains": "五分之一以上代表联名"}],
            "split": "dev",
        },
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    asked = ["乡镇人大主席团开会多久开一次？", "罢免镇长要多少代表联名？", "代表之家建了几个？"]
    assert walk.restating_test(asked, gold) == {"乡镇人大主席团开会多久开一次？"}  # dev gold does not count
    # the 29 of the walk-through that restate a test question of the shipped gold
    shipped = walk.read_questions(walk.WALKTHROUGH)
    assert 0 < len(walk.restating_test(shipped, walk.GOLD)) < len(shipped) // 10
    missing = _run(
        "walk.py", "answer", str(tmp_path / "w.json"), "--index", str(tmp_path), "--gold", str(tmp_path / "x")
    )
    assert missing.returncode == 1 and "cannot read the gold questions" in missing.stderr
