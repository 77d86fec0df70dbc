"""Regression gate on a corpus the product was not tuned on: the default corpus with seven
regulations of ../shared imported, as a chair in 浙江 or 重庆 would import his province's, asked
eval/questions_imported.jsonl (eval/README.md). Skips where ../shared is absent."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.evaluation.runner import run_evaluation
from assistant.service import Assistant
from tests.conftest import REPO, SHARED, build_default

pytestmark = pytest.mark.slow
QUESTIONS = REPO / "eval" / "questions_imported.jsonl"
# the files `make eval-imported` imports (Makefile REGULATIONS)
REGULATIONS = (
    "北京市乡镇人民代表大会组织条例",
    "县级以下人大代表直接选举若干规定",
    "山东省乡镇人民代表大会工作若干规定",
    "河南省乡镇人民代表大会主席团工作条例",
    "浙江省乡镇人民代表大会工作条例",
    "浙江省县乡两级人民代表大会代表选举实施细则",
    "重庆市乡镇人民代表大会工作条例",
)

# 0.912 / 0.971 on the first 40 after step 187 (2026-12-06, thirty-second session; 0.853 / 0.941
# before it); 0.933 / 0.983 with the second 30, 60 answerable, after step 188; 0.967 / 1.000
# after step 218 (2026-12-07; 0.900 with the bank's lead over a named province): two under
RETRIEVAL_FLOOR = {"R@1": 0.93, "R@5": 0.95}
# 0.853 on the first 40 (0.779 before step 187), 0.850 on all 70, 0.875 after step 218
ANSWER_FLOOR = {"key_coverage": 0.85, "citations_verbatim": 1.0, "markers_resolve": 1.0}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Iterator[Assistant]:
    if not SHARED.is_dir():
        pytest.skip("../shared/corpus is not present")
    extra = [SHARED / "laws" / f"{name}.md" for name in REGULATIONS]
    assistant = build_default(tmp_path_factory.mktemp("imported"), embedding_cache, extra)
    yield assistant
    assistant.close()


@pytest.fixture(scope="module")
def report(imported: Assistant):  # type: ignore[no-untyped-def]
    return run_evaluation(imported.settings, QUESTIONS, baselines=False, progress=False)


def test_imported_regulations_are_found(report) -> None:  # type: ignore[no-untyped-def]
    overall = report.summary["systems"]["hybrid (product)"]["all"]
    for metric, floor in RETRIEVAL_FLOOR.items():
        assert overall[metric] >= floor, f"{metric} {overall[metric]} < {floor}"


def test_imported_regulations_are_quoted(report) -> None:  # type: ignore[no-untyped-def]
    answers = report.summary["answers"]["all"]
    for metric, floor in ANSWER_FLOOR.items():
        assert answers[metric] >= floor, f"{metric} {answers[metric]} < {floor}"
    # 3 of 60 answerable withheld when set (0.05); 6 of 10 unanswerable abstain; 1 of 60 and 7 of
    # 10 after step 218; 1 of 60 and 8 of 10 after step 222
    assert answers["false_abstention"] <= 0.07
    assert answers["abstain_recall"] >= 0.5


def test_a_province_named_is_its_regulation(imported: Assistant) -> None:
    """「我们浙江这边…」 had 河南's article on the same matter first (step 187)."""
    top = imported.search("我们浙江这边乡镇人代会一年开两次，一般放在什么时候开？", 3)[0].chunk
    assert top.title == "浙江省乡镇人民代表大会工作条例" and "年初和年中" in top.text
    answer = imported.ask("浙江县乡两级人大代表选举实施细则第三十六条讲的什么？")
    assert answer.citations[0].title == "浙江省县、乡两级人民代表大会代表选举实施细则"
    assert answer.citations[0].section.endswith("第三十六条")
