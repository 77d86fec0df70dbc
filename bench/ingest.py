"""One instrumented `renda ingest`, run in its own process (`python -m bench.ingest SPEC`) so its
peak memory is its own. Every stage is timed by wrapping the index's parts, not by copying them."""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import EmbeddingSettings, Settings
from assistant.index.store import Index

CHANGED = ("added", "updated", "renamed", "removed")


@dataclass(frozen=True)
class IngestSpec:
    """What to ingest where; serialised to JSON for the worker process."""

    index_dir: str
    cache_path: str
    embedders: list[str]
    paths: list[str]
    rebuild: bool = False  # wipe the index first, keep the cache (`renda ingest --rebuild`)
    preload: bool = False  # load the models first and time that as its own stage
    progress: bool = True

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def bench_settings(index_dir: Path, cache_path: Path, embedders: list[str]) -> Settings:
    """The product settings with the benchmark's index, cache file and embedders."""
    embedding = EmbeddingSettings(backends=tuple(embedders), cache_path=cache_path)
    return Settings(index_dir=index_dir, embedding=embedding)


@dataclass
class StageClock:
    """Seconds and item counts per named stage."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @contextmanager
    def measure(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start

    def wrap(self, stage: str, fn: Callable[..., Any], counted: bool = False) -> Callable[..., Any]:
        """fn timed under `stage`; with counted, its first argument's length is added up too."""

        def timed(*args: Any, **kwargs: Any) -> Any:
            if counted:
                self.counts[stage] += len(args[0])
            with self.measure(stage):
                return fn(*args, **kwargs)

        return timed

    def wrap_context(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """A context-manager factory whose whole `with` block is timed under `stage`."""

        @contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            with self.measure(stage), fn(*args, **kwargs) as value:
                yield value

        return timed


def model_of(embedder: Any) -> Any:
    """The encoder under the content-hash cache (or the embedder itself when uncached)."""
    return getattr(embedder, "inner", embedder)


def instrument(index: Index, clock: StageClock) -> None:
    """Time the embedders (cache and model apart), the Chroma writes and the catalog commits."""
    for emb in index.embedders.values():
        emb.embed_documents = clock.wrap("embed", emb.embed_documents, counted=True)  # type: ignore[method-assign]
        inner = model_of(emb)
        if inner is not emb:
            inner.embed_documents = clock.wrap("model", inner.embed_documents, counted=True)
    for store in index.vectors.values():
        store.upsert = clock.wrap("chroma", store.upsert, counted=True)  # type: ignore[method-assign]
        store.delete_documents = clock.wrap("chroma", store.delete_documents)  # type: ignore[method-assign]
    index.catalog.transaction = clock.wrap_context("catalog", index.catalog.transaction)  # type: ignore[method-assign]


def stage_breakdown(clock: StageClock, total: float) -> dict[str, float]:
    """Disjoint stages that add up to the total; `other` is reading, chunking, tokenising."""
    s = clock.seconds
    stages = {
        "model_load": s["model_load"],
        "encoder": s["model"],
        "embedding_cache": max(0.0, s["embed"] - s["model"]),
        "chroma": s["chroma"],
        "catalog": s["catalog"],
    }
    stages["other"] = max(0.0, total - sum(stages.values()))
    return stages


def timed_ingest(spec: IngestSpec) -> dict[str, Any]:
    """Ingest as `renda ingest` does, with each stage timed. Imports count in `other`."""
    from assistant.index.maintenance import wipe_index
    from assistant.service import Assistant

    start = time.perf_counter()
    settings = bench_settings(Path(spec.index_dir), Path(spec.cache_path), spec.embedders)
    if spec.rebuild:
        wipe_index(settings)
    assistant = Assistant(settings)
    clock = StageClock()
    instrument(assistant.index, clock)
    if spec.preload:
        with clock.measure("model_load"):
            for emb in assistant.index.embedders.values():
                _ = model_of(emb).dim  # loads the model
    report = assistant.ingest([Path(p) for p in spec.paths], progress=spec.progress)
    assistant.close()
    seconds = time.perf_counter() - start
    changed = [r for r in report.results if r.status in CHANGED]
    n_embedders = max(1, len(spec.embedders))
    return {
        "seconds": seconds,
        "files": len(report.results),
        "changed_files": len(changed),
        "chunks": sum(r.chunks for r in changed),
        "keys": clock.counts["embed"] // n_embedders,
        "keys_encoded": clock.counts["model"] // n_embedders,
        "stages": stage_breakdown(clock, seconds),
        "failed": [f"{r.source}: {r.message}" for r in report.failed],
    }


def main(argv: list[str]) -> int:
    """Worker entry: one JSON spec in, one JSON result line out (progress bars go to stderr)."""
    if len(argv) != 1:
        print("用法：python -m bench.ingest '<IngestSpec JSON>'", file=sys.stderr)
        return 2
    result = timed_ingest(IngestSpec(**json.loads(argv[0])))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
