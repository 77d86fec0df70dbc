import pytest

from assistant.evaluation import metrics as m

G = [m.Group("组织法", "每年举行两次"), m.Group("选举法", "五分之一以上")]


def r(title: str, text: str) -> m.Retrieved:
    return m.Retrieved(title, text)


def test_relevance_needs_title_and_phrase_ignoring_spaces_and_quotes() -> None:
    assert m.matched_groups(r("地方组织法", "会议一般每年\n举行两次。"), G) == {0}
    assert m.matched_groups(r("代表法", "每年举行两次"), G) == set()
    assert m.matched_groups(r("选举法", "“五分之一”以上"), G) == {1}


def test_recall_any_and_all() -> None:
    matrix = [set(), {0}, set(), {1}]
    assert m.recall_at_k(matrix, 2, "any", 1) == 0.0
    assert m.recall_at_k(matrix, 2, "any", 2) == 1.0
    assert m.recall_at_k(matrix, 2, "all", 2) == 0.5
    assert m.recall_at_k(matrix, 2, "all", 4) == 1.0
    assert m.recall_at_k(matrix, 2, "all", 1) == 0.0
    assert m.recall_at_k([], 0, "any", 5) == 0.0


def test_mrr() -> None:
    assert m.mrr_at_k([set(), set(), {0}]) == pytest.approx(1 / 3)
    assert m.mrr_at_k([set()] * 10 + [{0}]) == 0.0


def test_ndcg_perfect_and_partial() -> None:
    assert m.ndcg_at_k([{0}, {1}], 2, "all") == pytest.approx(1.0)
    assert m.ndcg_at_k([set(), {0}], 1, "any") == pytest.approx(1 / 1.5849625, rel=1e-4)
    assert m.ndcg_at_k([{0}, {0}], 1, "any") == pytest.approx(1.0)  # a duplicate gains nothing


def test_key_coverage() -> None:
    keys = [["两次", "2次"], ["主席团"]]
    assert m.key_coverage("会议一般每年举行两次。[1]", keys) == 0.5
    assert m.key_coverage("每年2次，由主席团决定", keys) == 1.0
    assert m.key_coverage("anything", []) == 1.0


def test_citation_checks() -> None:
    cited = [(1, r("地方组织法", "每年举行两次"), "每年举行两次")]
    ok = m.check_citations("会议每年举行两次。[1]", cited, G)
    assert ok.markers_resolve and ok.verbatim and ok.relevant
    dangling = m.check_citations("见[2]", cited, G)
    assert not dangling.markers_resolve
    altered = m.check_citations("[1]", [(1, r("地方组织法", "每年举行两次"), "每年举行三次")], G)
    assert not altered.verbatim
    assert m.check_citations("[1]", cited, []).relevant is None
    # the passage the answer opens with, [1], is the gold one, or only a later citation is
    other = (1, r("代表法", "代表应当出席"), "代表应当出席")
    later = m.check_citations("代表应当出席。[1]每年举行两次。[2]", [other, (2, *cited[0][1:])], G)
    assert later.relevant and not later.opens_relevant
    assert ok.opens_relevant


def test_abstention_scores() -> None:
    precision, recall, false_rate = m.abstention_scores(
        [True, True, False, False], [True, False, True, False]
    )
    assert (precision, recall, false_rate) == (0.5, 0.5, 0.5)


def test_percentile_nearest_rank() -> None:
    assert m.percentile([5, 1, 3, 2, 4], 50) == 3
    assert m.percentile([1, 2, 3, 4], 95) == 4
    assert m.percentile([], 50) == 0.0


def test_judging_pool_lists_non_gold_passages_stating_a_key() -> None:
    from assistant.evaluation.baselines import System
    from assistant.evaluation.pooling import judging_pool, pool_markdown
    from assistant.evaluation.questions import Question

    q = Question(
        "procedure-005",
        "procedure",
        "人代会到会代表要多少才能开得成？",
        (m.Group("组织法", "三分之二以上的代表出席"),),
        "any",
        (("三分之二",),),
        True,
        "dev",
        "地方组织法第十四条",
    )
    unanswerable = Question("unanswerable-001", "unanswerable", "公章归谁？", (), "any", (), False, "dev")
    gold = r("地方组织法", "地方各级人民代表大会会议有三分之二以上的代表出席，始得举行。")
    national = r("全国人大议事规则", "全国人民代表大会会议有三分之二以上的代表出席，始得举行。")
    unrelated = r("代表法", "代表应当按时出席本级人民代表大会会议。")
    a = System("a", lambda question, k: [gold, national, unrelated][:k])
    b = System("b", lambda question, k: [national, gold][:k])
    items = judging_pool([q, unanswerable], [a, b], k=5)
    assert [(i.title, i.found_by) for i in items] == [("全国人大议事规则", ["a@2", "b@1"])]
    assert items[0].coverage == 1.0
    sheet = pool_markdown(items)
    assert "## procedure-005 (dev)" in sheet and "found by a@2, b@1" in sheet
    assert judging_pool([q], [System("c", lambda question, k: [unrelated])]) == []


def test_an_alternative_counts_for_the_part_it_stands_for() -> None:
    groups = [
        m.Group("代表法", "不受法律追究"),
        m.Group("代表法", "立即报告"),
        m.Group("组织法", "不受法律追究", 0),
    ]
    assert m.part_count(groups) == 2
    assert m.matched_groups(r("地方组织法", "发言和表决，不受法律追究。"), groups) == {0}
    matrix = m.relevance_matrix([r("地方组织法", "不受法律追究"), r("代表法", "应当立即报告")], groups)
    assert m.recall_at_k(matrix, m.part_count(groups), "all", 5) == 1.0  # both parts, one by its alternative
    assert m.recall_at_k(matrix[:1], m.part_count(groups), "all", 5) == 0.5


def test_loader_checks_what_an_alternative_points_at(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assistant.errors import InvalidInput
    from assistant.evaluation.questions import load_questions

    def line(relevant: str) -> str:
        return (
            '{"id": "multi-900", "kind": "multi", "question": "问？", "relevant": ' + relevant + ", "
            '"need": "all", "answer_keys": [], "answerable": true, "split": "dev"}\n'
        )

    path = tmp_path / "q.jsonl"
    path.write_text(line('[{"title": "甲", "contains": "a"}, {"title": "乙", "contains": "b", "part": 0}]'))
    assert load_questions(path)[0].parts == 1
    for bad in (
        '[{"title": "甲", "contains": "a", "part": 0}]',
        '[{"title": "甲", "contains": "a", "part": "0"}]',
        '[{"title": "甲", "contains": "a"}, {"title": "乙", "contains": "b"}, {"title": "丙", "contains": "c", "part": true}]',
    ):
        path.write_text(line(bad))
        with pytest.raises(InvalidInput, match="part"):
            load_questions(path)
