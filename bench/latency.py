"""Warm latency of the product (search and ask, in process) and the LangChain-defaults pipeline
(build time and search latency) on the same documents, with the same first embedder."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.config import EmbeddingSettings, Settings
from assistant.errors import InvalidInput
from assistant.index.store import Index
from bench.errors import BenchError
from bench.stats import latency_summary, rate

WARMUP = 10  # questions run once, untimed, before measuring (models, snapshot, jieba loaded)


def load_question_texts(path: Path) -> list[str]:
    """The question strings of a gold set (eval/questions.jsonl)."""
    from assistant.evaluation.questions import load_questions

    try:
        return [q.question for q in load_questions(path)]
    except InvalidInput as exc:
        raise BenchError(f"问题集不可用：{exc}") from exc


def time_calls(fn: Callable[[str], Any], questions: Sequence[str], repeats: int, desc: str) -> list[float]:
    """Durations of fn(q) for every question, `repeats` times over."""
    timings = []
    for q in tqdm([*questions] * repeats, desc=desc, unit="次", disable=None, leave=False):
        start = time.perf_counter()
        fn(q)
        timings.append(time.perf_counter() - start)
    return timings


def product_latency(settings: Settings, questions: Sequence[str], repeats: int) -> dict[str, Any]:
    """Search (k=5) and ask p50/p95 after a warm-up, through the Assistant the CLI and API use."""
    from assistant.service import Assistant

    assistant = Assistant(settings)
    try:
        for q in questions[:WARMUP]:
            assistant.ask(q)
        search = time_calls(lambda q: assistant.search(q, 5), questions, repeats, "检索延迟")
        ask = time_calls(assistant.ask, questions, repeats, "问答延迟")
    finally:
        assistant.close()
    return {"search": latency_summary(search), "ask": latency_summary(ask), "repeats": repeats}


def uncached(settings: Settings, embedder: str) -> Settings:
    """The same index read with one embedder and no embedding cache (the baseline embeds all)."""
    return settings.model_copy(update={"embedding": EmbeddingSettings(backends=(embedder,), cache=False)})


def langchain_baseline(
    settings: Settings, workdir: Path, questions: Sequence[str], repeats: int
) -> dict[str, Any]:
    """RecursiveCharacterTextSplitter(500, 50) + the first embedder + langchain_chroma: build
    (a fresh model, so its load counts as it does in the product's cold ingest) and search."""
    from assistant.evaluation.baselines import langchain_defaults_system

    embedder = settings.embedding.backends[0]
    index = Index(uncached(settings, embedder))
    start = time.perf_counter()
    system = langchain_defaults_system(index, workdir, embedder)
    build = time.perf_counter() - start
    chunks = _collection_size(workdir)
    for q in questions[:WARMUP]:
        system.search(q, 5)
    search = time_calls(lambda q: system.search(q, 5), questions, repeats, "LangChain 检索延迟")
    index.close()
    return {
        "embedder": embedder,
        "build_s": build,
        "chunks": chunks,
        "chunks_per_s": rate(chunks, build),
        "search": latency_summary(search),
    }


def _collection_size(workdir: Path) -> int:
    """Pieces the baseline stored (its only collection lives in the fresh workdir)."""
    from assistant.index.vectors import open_client

    client = open_client(workdir)
    return sum(int(c.count()) for c in client.list_collections())
