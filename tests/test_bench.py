"""The benchmark (bench/) on a tiny corpus, so the script cannot silently rot: every step runs for
real (worker processes, uvicorn, LangChain, both m3e precisions) and the JSON keeps its shape.
About 45 s on 2 cores, nearly all of it loading models in the seven processes involved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.report import markdown, write_results
from bench.stats import latency_summary
from bench.suite import Options, Workspace, run_corpus
from tests.conftest import REGULATION, SPEECH

pytestmark = [pytest.mark.slow, pytest.mark.server]

QUESTIONS = ("镇人民代表大会会议每年举行几次？", "罢免镇长要多少代表联名？", "代表每月进站接待选民几次？")


def tiny_corpus(root: Path) -> Path:
    (root / "laws").mkdir(parents=True)
    (root / "laws" / "工作条例.md").write_text(REGULATION, encoding="utf-8")
    (root / "镇人大讲话.txt").write_text(SPEECH, encoding="utf-8")
    return root


def positive(found: dict[str, Any], *keys: str) -> None:
    for key in keys:
        assert isinstance(found[key], int | float) and found[key] > 0, (key, found[key])


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("bench")
    opts = Options(
        embedders=("m3e-small-int8",),
        questions=QUESTIONS,
        repeats=1,
        raw_sample=40,
        int8_sample=20,
        cold_starts=2,
        reference_embedders=("m3e-small-int8",),
    )
    return run_corpus("tiny", Workspace.under(root, tiny_corpus(root / "corpus")), opts)


def test_ingest_and_raw_encoder(result: dict[str, Any]) -> None:
    ingest = result["ingest"]
    positive(ingest, "seconds", "chunks", "keys", "keys_encoded", "chunks_per_s", "keys_per_s", "peak_rss_mb")
    assert ingest["failed"] == [] and ingest["files"] == 2
    assert set(ingest["stages"]) == {"model_load", "encoder", "embedding_cache", "chroma", "catalog", "other"}
    assert abs(sum(ingest["stages"].values()) - ingest["seconds"]) < 1e-6
    assert result["raw"]["keys_total"] == ingest["keys"]
    positive(result["raw"]["per_embedder"]["m3e-small-int8"], "keys", "load_s", "seconds", "keys_per_s")
    positive(result["disk"], "index_mb", "cache_mb")


def test_latency_server_and_baseline(result: dict[str, Any]) -> None:
    for kind in ("search", "ask"):
        positive(result["latency"][kind], "n", "p50_ms", "p95_ms")
    positive(result["server"], "seconds", "peak_rss_mb")
    runs = result["server"]["runs_s"]
    assert len(runs) == 2 and min(runs) <= result["server"]["seconds"] <= max(runs)
    positive(result["server"]["http_ask"], "p50_ms")
    positive(result["langchain"], "build_s", "chunks", "chunks_per_s")
    positive(result["langchain"]["search"], "p50_ms")


def test_reingest_rebuild_and_int8(result: dict[str, Any]) -> None:
    re_ = result["reingest"]
    assert re_["unchanged"]["changed_files"] == 0 and re_["unchanged"]["keys"] == 0
    assert re_["one_file"]["changed_files"] == 1 and re_["one_file"]["file"] == "工作条例.md"
    positive(re_["one_file"], "wall_s", "keys_encoded")
    assert result["rebuild"]["keys_encoded"] == 0 and result["rebuild"]["changed_files"] == 2
    int8 = result["int8"]
    positive(int8, "int8_speedup", "cosine_mean", "cosine_min")
    assert 0.8 < int8["cosine_mean"] <= 1.0 + 1e-5


def test_every_step_timed_with_the_machine_load(result: dict[str, Any]) -> None:
    steps = {"ingest", "disk", "raw", "latency", "server", "reingest", "rebuild", "langchain", "int8"}
    assert set(result["step_seconds"]) == set(result["other_cores"]) == steps
    assert all(v >= 0 for v in result["other_cores"].values())
    assert result["machine"]["nproc"] >= 1 and result["machine"]["threads"]["torch"] >= 1


def test_results_files(result: dict[str, Any], tmp_path: Path) -> None:
    json_path, md_path = write_results(result, tmp_path, "tiny-test")
    saved = json.loads(json_path.read_text(encoding="utf-8"))
    positive(saved["overhead"], "raw_encode_s", "ratio")
    table = md_path.read_text(encoding="utf-8")
    assert table == markdown(saved) and "| cold ingest (fresh cache) |" in table


def test_latency_summary_percentiles() -> None:
    found = latency_summary([0.001 * i for i in range(1, 101)])
    assert found["n"] == 100 and 50 <= found["p50_ms"] <= 51 and 95 <= found["p95_ms"] <= 96
    with pytest.raises(ValueError):
        latency_summary([])
