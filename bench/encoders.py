"""Raw encoder throughput on the very texts ingest embedded: fresh embedder objects, the product's
batch size, slices of the size ingest commits, no cache, no Chroma. Plus m3e-small float32 vs int8."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from tqdm import tqdm

from assistant.embedding import make_embedder
from assistant.index.keys import retrieval_keys
from assistant.index.store import Index
from bench.stats import rate, ratio

SLICE = 256  # keys per embed_documents call, as ingest batches documents (_KEYS_PER_BATCH)


def key_texts(index: Index) -> list[str]:
    """Every text ingest embedded for this index, in ingest order (from the catalog's chunks)."""
    return [text for chunk in index.snapshot().chunks for text in retrieval_keys(chunk)]


def sample(texts: Sequence[str], n: int) -> list[str]:
    """All texts when there are at most n, else about n of them as evenly spaced runs of SLICE
    consecutive keys: the same mix of lengths per model call as ingest's document batches."""
    if len(texts) <= n:
        return list(texts)
    blocks = max(1, round(n / SLICE))
    step = len(texts) // blocks
    return [t for b in range(blocks) for t in texts[b * step : b * step + SLICE]]


def encode_timed(name: str, texts: Sequence[str], batch_size: int) -> tuple[dict[str, float], np.ndarray]:
    """Load a fresh embedder (timed apart), then embed the texts slice by slice."""
    start = time.perf_counter()
    embedder = make_embedder(name, batch_size)
    _ = embedder.dim  # loads the model
    load = time.perf_counter() - start
    parts, start = [], time.perf_counter()
    for i in tqdm(range(0, len(texts), SLICE), desc=f"编码 {name}", unit="批", disable=None, leave=False):
        parts.append(embedder.embed_documents(texts[i : i + SLICE]))
    seconds = time.perf_counter() - start
    stats = {"keys": len(texts), "load_s": load, "seconds": seconds, "keys_per_s": rate(len(texts), seconds)}
    return stats, np.concatenate(parts)


def raw_throughput(names: Sequence[str], texts: Sequence[str], batch_size: int) -> dict[str, Any]:
    """keys/s of each embedder alone on the same texts."""
    return {name: encode_timed(name, texts, batch_size)[0] for name in names}


def precision_comparison(texts: Sequence[str], batch_size: int) -> dict[str, Any]:
    """m3e-small float32 against m3e-small-int8 on the same texts: speed and vector agreement."""
    fp32, v32 = encode_timed("m3e-small", texts, batch_size)
    int8, v8 = encode_timed("m3e-small-int8", texts, batch_size)
    cosine = np.sum(v32 * v8, axis=1)  # both L2-normalised
    return {
        "m3e-small": fp32,
        "m3e-small-int8": int8,
        "int8_speedup": ratio(int8["keys_per_s"], fp32["keys_per_s"]),
        "cosine_mean": float(cosine.mean()),
        "cosine_min": float(cosine.min()),
    }
