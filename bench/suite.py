"""One corpus, measured end to end in a work directory of its own: cold ingest against the raw
encoders, disk, warm latency, cold start, re-ingests, a warm-cache rebuild, LangChain, int8."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.index.store import Index
from bench.corpora import append_sentence, file_to_change
from bench.encoders import key_texts, precision_comparison, raw_throughput, sample
from bench.ingest import IngestSpec, bench_settings
from bench.latency import langchain_baseline, product_latency
from bench.procs import run_worker
from bench.server import measure_cold_start
from bench.stats import cpu_mark, disk_mb, machine, other_cores, rate, ratio, sqlite_mb

STEPS = ("raw", "latency", "server", "reingest", "rebuild", "langchain", "int8")  # may be skipped


@dataclass(frozen=True)
class Options:
    embedders: tuple[str, ...]
    questions: tuple[str, ...]
    repeats: int = 3
    raw_sample: int = 3000  # keys; the raw encoders run on all keys when there are fewer
    int8_sample: int = 1000
    skip: frozenset[str] = frozenset()
    cold_starts: int = 3
    reference_embedders: tuple[str, ...] = field(default_factory=lambda: Settings().embedding.backends)


@dataclass(frozen=True)
class Workspace:
    corpus: Path
    index: Path
    cache: Path
    root: Path

    @classmethod
    def under(cls, root: Path, corpus: Path) -> Workspace:
        """Index and a fresh embedding cache (so the cold ingest really embeds) under root."""
        return cls(corpus, root / "index", root / "cache" / "embeddings.sqlite", root)

    def spec(self, embedders: tuple[str, ...], **kw: Any) -> IngestSpec:
        return IngestSpec(str(self.index), str(self.cache), list(embedders), [str(self.corpus)], **kw)

    def settings(self, embedders: tuple[str, ...]) -> Settings:
        return bench_settings(self.index, self.cache, list(embedders))


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_corpus(
    name: str, ws: Workspace, opts: Options, checkpoint: Callable[[dict[str, Any]], object] | None = None
) -> dict[str, Any]:
    """Every measurement of one corpus; steps in `opts.skip` are left out of the result.
    `checkpoint` gets the result after each step, so an interrupted hour-long run keeps its data."""
    result: dict[str, Any] = {
        "corpus": name,
        "embedders": list(opts.embedders),
        "reference_embedders": list(opts.reference_embedders),
        "machine": machine(),
    }
    result["step_seconds"], result["other_cores"] = {}, {}  # other work on the shared machine
    for step in ("ingest", "disk", *STEPS):
        if step in opts.skip:
            continue
        say(f"[{name}] {STEP_NAMES.get(step, step)} …")
        start = cpu_mark()
        result[step] = STEP_FUNCTIONS[step](ws, opts, result)
        end = cpu_mark()
        result["step_seconds"][step] = end.wall - start.wall
        result["other_cores"][step] = other_cores(start, end)
        if checkpoint is not None:
            checkpoint(result)
    return result


def step_ingest(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    """The first ingest, fresh cache, with the models' load timed as its own stage."""
    found, proc = run_worker(ws.spec(opts.embedders, preload=True).to_json())
    found["wall_s"] = proc.wall_s  # plus interpreter start and imports
    found["peak_rss_mb"] = proc.peak_rss_mb
    found["chunks_per_s"] = rate(found["chunks"], found["seconds"])
    found["keys_per_s"] = rate(found["keys"], found["seconds"])
    return found


def step_disk(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    return {"index_mb": disk_mb(ws.index), "cache_mb": sqlite_mb(ws.cache)}


def step_raw(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    """Raw encoders on the ingested keys (or a sample); `overhead` relates them to the ingest."""
    index = Index(ws.settings(opts.embedders))
    texts = key_texts(index)
    index.close()
    chosen = sample(texts, opts.raw_sample)
    names = list(dict.fromkeys([*opts.embedders, *opts.reference_embedders]))
    per = raw_throughput(names, chosen, Settings().embedding.batch_size)
    return {"keys_total": len(texts), "keys_measured": len(chosen), "per_embedder": per}


def step_latency(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    return product_latency(ws.settings(opts.embedders), opts.questions, opts.repeats)


def step_server(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    log = ws.root / "serve.log"
    return measure_cold_start(ws.index, ws.cache, opts.embedders, opts.questions, log, opts.cold_starts)


def step_reingest(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    """`renda ingest` again with nothing changed, then after one file got one more sentence."""
    unchanged, proc0 = run_worker(ws.spec(opts.embedders).to_json())
    changed_file = file_to_change(ws.corpus)
    append_sentence(changed_file)
    changed, proc1 = run_worker(ws.spec(opts.embedders).to_json())
    return {
        "unchanged": unchanged | {"wall_s": proc0.wall_s},
        "one_file": changed | {"wall_s": proc1.wall_s, "file": changed_file.name},
    }


def step_rebuild(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    """`renda ingest --rebuild`: index wiped, embedding cache kept."""
    found, proc = run_worker(ws.spec(opts.embedders, rebuild=True).to_json())
    return found | {"wall_s": proc.wall_s, "peak_rss_mb": proc.peak_rss_mb}


def step_langchain(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    settings = ws.settings(opts.embedders)
    return langchain_baseline(settings, ws.root / "langchain", opts.questions, opts.repeats)


def step_int8(ws: Workspace, opts: Options, result: dict[str, Any]) -> dict[str, Any]:
    index = Index(ws.settings(opts.embedders))
    texts = sample(key_texts(index), opts.int8_sample)
    index.close()
    return precision_comparison(texts, Settings().embedding.batch_size)


STEP_NAMES = {
    "ingest": "冷导入（全新的向量缓存）",
    "disk": "索引大小",
    "raw": "原始编码速度",
    "latency": "检索与问答延迟",
    "server": "服务冷启动",
    "reingest": "增量导入",
    "rebuild": "重建（缓存已热）",
    "langchain": "LangChain 默认管线",
    "int8": "m3e-small float32 与 int8",
}
STEP_FUNCTIONS = {
    "ingest": step_ingest,
    "disk": step_disk,
    "raw": step_raw,
    "latency": step_latency,
    "server": step_server,
    "reingest": step_reingest,
    "rebuild": step_rebuild,
    "langchain": step_langchain,
    "int8": step_int8,
}


def overhead(result: dict[str, Any]) -> dict[str, float]:
    """Ingest seconds over the raw encoders' seconds for all keys (extrapolated from a sample)."""
    raw = result.get("raw")
    if not raw:
        return {}
    keys = result["ingest"]["keys"]
    encode = sum(ratio(keys, raw["per_embedder"][n]["keys_per_s"]) for n in result["embedders"])
    ingest = result["ingest"]["seconds"]
    load = result["ingest"]["stages"]["model_load"]
    return {
        "raw_encode_s": encode,
        "ratio": ratio(ingest, encode),
        "ratio_without_model_load": ratio(ingest - load, encode),
    }
