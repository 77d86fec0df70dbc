"""BM25: scores, incremental rows, and the counts file a server loads instead of recounting."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.index.bm25 import BM25, SavedBM25
from assistant.index.store import BM25_FILE, Index, Snapshot
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk, DocKind
from tests.conftest import make_settings, write_corpus

DOCS = [
    ("乡", "人民代表大会", "每年", "至少", "举行", "两次"),
    ("代表", "联名", "罢免", "镇长", "代表"),
    ("预算", "草案", "审查", "人民代表大会"),
    (),
]
QUERY = ["人民代表大会", "罢免", "预算", "代表", "两次", "监督"]


def test_scores_follow_okapi_bm25() -> None:
    bm25 = BM25.from_tokens(DOCS)
    scores = bm25.scores(["人民代表大会", "罢免", "罢免", "不存在"])
    assert scores.shape == (4,) and scores[3] == 0.0
    # 人民代表大会 is in two of four passages, 罢免 in one: the rarer term weighs more
    assert bm25.idf_of("罢免") > bm25.idf_of("人民代表大会") > 0
    assert scores[1] > scores[0] > 0 and scores[2] > 0
    # by hand: tf 1, length 5 against an average of 15/4, k1 1.5, b 0.75
    idf = np.log1p((4 - 1 + 0.5) / (1 + 0.5))
    norm = 1.5 * (1 - 0.75 + 0.75 * 5 / (15 / 4))
    assert bm25.scores(["罢免"])[1] == pytest.approx(idf * 2.5 / (1 + norm), rel=1e-5)
    assert bm25.terms_of(1) == {"代表", "联名", "罢免", "镇长"}
    assert bm25.terms_of(3) == frozenset()
    assert not bm25.scores([]).any() and not bm25.scores(["不存在"]).any()


def test_a_synonym_group_adds_the_mean_of_its_tokens() -> None:
    bm25 = BM25.from_tokens(DOCS)
    flat = {t: bm25.scores([t]) for t in ("人民代表大会", "代表", "预算", "罢免")}
    got = bm25.scores(["人民代表大会", "代表", "预算", "罢免"], [{"人民代表大会", "代表", "不存在"}])
    expected = (flat["人民代表大会"] + flat["代表"]) / 2 + flat["预算"] + flat["罢免"]
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    # a token of two groups belongs to the first; a group none of whose tokens is asked adds nothing
    twice = bm25.scores(["代表", "罢免"], [{"代表", "罢免"}, {"罢免"}, {"不存在"}])
    np.testing.assert_allclose(twice, (flat["代表"] + flat["罢免"]) / 2, rtol=1e-6)
    assert not bm25.scores(["不存在"], [{"不存在"}]).any()


def test_a_spelled_out_township_no_longer_outweighs_the_word_asked() -> None:
    """「乡镇人代会」 becomes the many tokens of 「乡、民族乡、镇的人民代表大会会议」: summed, they put an
    article that repeats the township wording above the one that says who attends (列席)."""
    tokens = Tokenizer().tokens
    meets = "第十四条 乡、民族乡、镇的人民代表大会会议一般每年举行两次。会议召开的日期由乡、民族乡、镇的人民代表大会主席团决定。"
    attends = "第二十一条 乡级的人民政府领导人员，列席本级人民代表大会会议。"
    bm25 = BM25.from_tokens([tokens(meets), tokens(attends)])
    # no township head named: a 乡长 would put 列席 in statute words too (normalize.TOLD_WORDINGS)
    nq = QueryNormalizer().normalize("乡镇人代会开会，哪些人要列席？")
    assert [short for short, _ in nq.synonyms] == ["乡镇人代会", "开会"]
    flat = bm25.scores(tokens(nq.both))
    grouped = bm25.scores(tokens(nq.both), nq.synonym_tokens(tokens))
    assert flat[0] > flat[1] and grouped[1] > grouped[0]


def test_weight_present_sums_the_weights_of_the_tokens_each_passage_has() -> None:
    bm25 = BM25.from_tokens(DOCS)
    weights = {"人民代表大会": 1.0, "罢免": 2.0, "代表": 4.0, "不存在": 8.0}
    got = bm25.weight_present([1, 0, 3, 2, 1], weights)
    np.testing.assert_array_equal(got, [6.0, 1.0, 0.0, 1.0, 6.0])
    assert bm25.weight_present([], weights).shape == (0,)
    assert not bm25.weight_present([0, 1], {"不存在": 1.0}).any()


def test_weights_are_reproducible_to_the_last_bit() -> None:
    # The ranker's weights were fitted on these scores, so counts kept on disk and rows updated one
    # by one must give them bit for bit. Reference: Okapi BM25 computed directly, in float32 steps.
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(400)]
    docs = [tuple(rng.choice(words, size=int(rng.integers(1, 300)))) for _ in range(3000)]
    bm25 = BM25.from_tokens(docs)
    lengths = np.array([len(d) for d in docs])
    norm = 1.5 * (1 - 0.75 + 0.75 * lengths.astype(np.float32) / float(lengths.mean()))
    for term in ("w0", "w17", "w399"):
        tf = np.array([d.count(term) for d in docs], dtype=np.float32)
        df = np.float32((tf > 0).sum())
        idf = np.log1p((len(docs) - df + 0.5) / (df + 0.5)).astype(np.float32)
        expected = np.where(tf > 0, tf * 2.5 / (tf + norm) * idf, 0).astype(np.float32)
        np.testing.assert_array_equal(bm25.scores([term]), expected)


def same_model(a: BM25, b: BM25) -> None:
    np.testing.assert_allclose(a.scores(QUERY), b.scores(QUERY), rtol=1e-6)
    for term in QUERY:
        np.testing.assert_allclose(a.scores([term]), b.scores([term]), rtol=1e-6)
        assert a.idf_of(term) == pytest.approx(b.idf_of(term))
    assert set(a.vocab) == set(b.vocab)
    assert [a.terms_of(i) for i in range(a.n_docs)] == [b.terms_of(i) for i in range(b.n_docs)]


def test_rebuilt_rows_equal_a_model_counted_from_scratch() -> None:
    old = BM25.from_tokens(DOCS)
    new_doc = ("监督", "预算", "执行", "监督")
    # passage 0 dropped (its 每年/至少/举行/两次/乡 vanish), 2 and 1 swapped, one passage new
    rebuilt = old.rebuilt([2, new_doc, 1, 3])
    same_model(rebuilt, BM25.from_tokens([DOCS[2], new_doc, DOCS[1], DOCS[3]]))
    assert "两次" not in rebuilt.vocab and not rebuilt.knows("两次")
    same_model(old.rebuilt([0, 1, 2, 3]), old)
    assert old.rebuilt([]).n_docs == 0


def test_saved_counts_round_trip(tmp_path: Path) -> None:
    path = tmp_path / BM25_FILE
    built = BM25.from_tokens(DOCS)
    SavedBM25("tok-1", ["k0", "k1", "k2", "k3"], built).save(path)
    loaded = SavedBM25.load(path)
    assert loaded is not None and loaded.tokenizer == "tok-1" and loaded.row_keys == ["k0", "k1", "k2", "k3"]
    same_model(loaded.model, built)
    assert not list(tmp_path.glob(".*.tmp"))  # written through a temporary file, then renamed
    SavedBM25("tok-1", [], BM25.from_tokens([])).save(path)
    empty = SavedBM25.load(path)
    assert empty is not None and empty.model.n_docs == 0 and empty.model.terms == []


def test_damaged_or_missing_file_is_a_miss(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / BM25_FILE
    assert SavedBM25.load(path) is None
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert SavedBM25.load(path) is None
    assert "unreadable" in caplog.text


LAW = "# 某某条例\n第一条 乡镇人民代表大会每年至少举行两次会议。\n第二条 代表联名可以提出罢免案。\n"


@pytest.mark.slow
def test_index_keeps_the_file_up_to_date_row_by_row(
    tmp_path: Path, embedding_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path / "index", embedding_cache)
    corpus = write_corpus(
        tmp_path / "corpus", {"条例.md": LAW, "通知.txt": "关于召开代表大会的通知\n请代表准时出席。\n"}
    )
    assistant = Assistant(settings)
    assistant.ingest([corpus], progress=False)
    path = Path(settings.index_dir) / BM25_FILE
    assert path.exists()  # a new index is counted by the ingest that built it

    with monkeypatch.context() as m:  # a fresh reader loads the file: no token is read again
        m.setattr("assistant.index.catalog.Catalog.tokens_of", _must_not_read)
        fresh = Index(Settings(index_dir=settings.index_dir))
        fresh.snapshot()
        fresh.close()

    (corpus / "条例.md").write_text(LAW.replace("两次", "三次"), encoding="utf-8")
    assistant.ingest([corpus], progress=False)
    asked: list[list[str]] = []
    with monkeypatch.context() as m:  # only the changed chunks are read and counted
        original = assistant.index.catalog.tokens_of
        m.setattr(assistant.index.catalog, "tokens_of", lambda ids: asked.append(list(ids)) or original(ids))
        snap = assistant.index.snapshot()
    changed = {c.chunk_id for c in snap.chunks if "三次" in c.text}
    assert asked and set(asked[0]) == changed
    counted = BM25.from_tokens(assistant.index.catalog.load_chunks_with_tokens()[2])
    same_model(snap.bm25, counted)
    assert "三次" in snap.bm25.vocab and "两次" not in snap.bm25.vocab
    saved = SavedBM25.load(path)  # and saved for the next reader
    assert saved is not None and saved.model.n_docs == len(snap.chunks)

    path.write_bytes(b"garbage")  # damaged: counted again from the catalog, the index still answers
    hits = Assistant(settings).search("罢免案怎么提", k=1)
    assert hits and "罢免" in hits[0].chunk.text
    assistant.close()


def _must_not_read(*args: object) -> dict[str, tuple[str, ...]]:
    raise AssertionError("tokens read again although the BM25 file matches the catalog")


def test_a_snapshot_finds_a_fact_of_a_passage_once() -> None:
    texts = ["第一条 乡镇人民代表大会每年举行两次。", "第二条 常务委员会每两个月举行一次。"]
    chunks = [Chunk(f"c{i}", "d", i, t, 0, len(t), "某法", DocKind.LAW, "x.md") for i, t in enumerate(texts)]
    snap = Snapshot(0, chunks, BM25.from_tokens([[], []]))
    seen: list[str] = []

    def first_words(chunk: Chunk) -> str:
        seen.append(chunk.chunk_id)
        return chunk.text[4:8]

    assert [snap.fact("words", pos, first_words) for pos in (1, 0, 1, 0)] == ["常务委员", "乡镇人民"] * 2
    assert seen == ["c1", "c0"]
    assert snap.fact("length", 1, lambda chunk: len(chunk.text)) == len(texts[1])  # another fact: computed
