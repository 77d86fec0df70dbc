"""sentence-transformers passages are encoded in batches bounded by padded tokens, in any order
of lengths, with each vector back in its text's place."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.embedding.backends import TOKEN_BUDGET, SentenceTransformerEmbedder, bundled_m3e_path

pytestmark = pytest.mark.slow

TEXTS = [
    "乡镇人大开会一年开几次？",
    "第十四条 地方各级人民代表大会会议每年至少举行一次。" * 12,  # ~330 characters
    "代表建议多久要答复？",
    "乡、民族乡、镇的人民代表大会设主席，并可以设副主席一人至二人。" * 20,  # past the 512-token window
    "罢免案应当写明罢免理由。",
]


@pytest.fixture(scope="module")
def m3e() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder("m3e-small-int8", bundled_m3e_path(), batch_size=32, int8=True)


def test_batches_hold_at_most_the_token_budget_or_one_long_text(m3e: SentenceTransformerEmbedder) -> None:
    texts = TEXTS * 8
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    parts = list(m3e._batches(texts, order))
    assert [i for part in parts for i in part] == order  # every text once, longest first
    for part in parts:
        padded = len(part) * (min(512, max(len(texts[i]) for i in part)) + 2)
        assert len(part) == 1 or padded <= TOKEN_BUDGET
        assert len(part) <= 32
    assert len(parts) > 2  # the long texts do not share a batch with 31 others


def test_vectors_come_back_in_the_texts_order_equal_to_each_encoded_alone(
    m3e: SentenceTransformerEmbedder,
) -> None:
    together = m3e.embed_documents(TEXTS)
    alone = np.stack([m3e.embed_documents([t])[0] for t in TEXTS])
    assert together.shape == (len(TEXTS), 512)
    # dynamic int8 scales activations per batch, so the batch a text shares moves its vector a little
    cosines = np.sum(together * alone, axis=1)
    assert cosines.min() > 0.98, cosines  # a wrong place would read ~0.7-0.9
    assert float(together[0] @ together[2]) < 0.97  # distinct texts, distinct vectors


def test_the_default_m3e_encodes_a_text_the_same_whatever_its_batch_holds() -> None:
    """The default (float32) m3e-small gives a passage the same vector in any batch, so a fresh
    build, an incremental ingest and the embedding cache agree. m3e-small-int8 did not (above:
    cosine 0.98 against the text alone), and adding ten passages to the default corpus moved the
    evaluation by a question here and there through the batches they joined."""
    from assistant.config import EmbeddingSettings
    from assistant.embedding import make_embedder

    name = EmbeddingSettings().backends[0]
    assert name == "m3e-small"
    m3e = make_embedder(name)
    together = m3e.embed_documents(TEXTS)
    reversed_batch = m3e.embed_documents(TEXTS[::-1])[::-1]
    alone = np.stack([m3e.embed_documents([t])[0] for t in TEXTS])
    assert np.sum(together * alone, axis=1).min() > 0.99999
    assert np.sum(reversed_batch * alone, axis=1).min() > 0.99999
