"""Colloquial names of things the statutes call otherwise reach the statute (default corpus)."""

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_a_village_committee_is_a_grassroots_self_governing_organisation(
    default_assistant: Assistant,
) -> None:
    """村委会 is 村民委员会, and 地方组织法 speaks of 基层群众性自治组织 (dev duty-203: the speech
    was all the top five held)."""
    hits = default_assistant.search("镇政府对村委会的工作该起个啥作用？", 3)
    assert any(h.chunk.section == "第八十七条" and "指导、支持和帮助" in h.chunk.text for h in hits), [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_drawing_on_a_lower_budget_is_the_statute_s_calling_on_it(default_assistant: Assistant) -> None:
    """抽调 is 调用 (预算法第三十条: 「上级政府不得在预算之外调用下级政府预算的资金」; dev basis-201)."""
    hits = default_assistant.search(
        "县里要从镇里的预算资金里抽调一部分，代表想提建议制止，有什么法律依据？", 5
    )
    assert any("不得在预算之外调用下级政府预算的资金" in h.chunk.text for h in hits), [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_a_congress_approves_a_budget_adjustment(default_assistant: Assistant) -> None:
    """通过的预算 is 批准的预算 (预算法第七十三条: 「地方各级预算的调整方案经批准后，由本级政府报上一级
    政府备案」; dev procedure-952 had it 12th)."""
    hits = default_assistant.search("镇人代会通过的预算调整方案，还要报哪儿备案？", 5)
    assert any("调整方案经批准后，由本级政府报上一级政府备案" in h.chunk.text for h in hits), [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_what_a_fund_is_for_and_who_keeps_it(default_assistant: Assistant) -> None:
    """干啥用 is 用于, 谁来管 is 谁管理 (预算法第四十一条, 第六十五条; dev multi-903 had one part)."""
    answer = default_assistant.ask("预算周转金干啥用？由谁来管？").answer
    assert "季节性收支差额" in answer and "由本级政府财政部门管理" in answer, answer


def test_keeping_ones_word_is_good_faith(default_assistant: Assistant) -> None:
    """讲信用 is 诚信 (地方组织法第六十五条: 「坚持诚信原则，加强政务诚信建设」; dev basis-703)."""
    hits = default_assistant.search(
        "有企业反映，招商时镇里答应的扶持政策，换了领导就不认账了。我想提建议要求镇政府讲信用，法律上有啥依据？",
        3,
    )
    assert any("诚信原则" in h.chunk.text for h in hits), [(h.chunk.title, h.chunk.section) for h in hits]


def test_keeping_secrets_and_refusing_to_help(default_assistant: Assistant) -> None:
    """保密 is 保守国家秘密 (代表法第八条, a deputy's duty; dev duty-055) and 不配合 is refusing
    the help the law requires (代表法第五十五条: 「有义务协助代表执行代表职务而拒绝履行义务的」;
    dev duty-054): both were out of the top five."""
    hits = default_assistant.search("镇人大代表视察时看到的内部材料，法律对保密有要求吗？", 5)
    assert any("保守国家秘密" in h.chunk.text for h in hits), [(h.chunk.title, h.chunk.section) for h in hits]
    hits = default_assistant.search("代表视察时，有的部门推三阻四不配合，该怎么处理？", 5)
    assert any("有义务协助代表执行代表职务而拒绝履行义务" in h.chunk.text for h in hits), [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_what_a_body_does_is_its_powers_or_duties(default_assistant: Assistant) -> None:
    """管哪些事 asks the list of 职权 or 职责 (选举法第十一条: 「选举委员会履行下列职责」; dev
    duty-053 was answered from 第十条 on who is appointed to it, duty-001 got 地方组织法第十二条 first)."""
    answer = default_assistant.ask("镇选举委员会都管哪些事？")
    assert not answer.abstained and "划分选举本级人民代表大会代表的选区" in answer.answer, answer.answer
    hits = default_assistant.search("乡镇人大在预算这块管哪些事？", 1)
    assert "行使下列职权" in hits[0].chunk.text, [(h.chunk.title, h.chunk.section) for h in hits]


def test_the_people_s_organisations_by_name(default_assistant: Assistant) -> None:
    """总工会 and 妇联 are 人民团体, which no statute names (地方组织法第二十一条: 「县级以上的其他有关
    机关、团体负责人，经本级人民代表大会常务委员会决定，可以列席」; dev procedure-563: 21st)."""
    hits = default_assistant.search("县总工会、妇联的负责人想列席县人代会，这事谁说了算？", 5)
    assert any("团体负责人，经本级人民代表大会常务委员会决定" in h.chunk.text for h in hits), [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_a_proposal_after_a_situation_is_searched_for_its_topic(default_assistant: Assistant) -> None:
    """「…镇政府打算出面给它做担保。代表想提建议制止这事」: the rule on guarantees (预算法第三十五条,
    第九十四条), not 代表法第五十一条 on handling proposals, which the words 代表想提建议 put first
    (dev basis-601)."""
    hits = default_assistant.search(
        "镇里招来的一家企业贷款，镇政府打算出面给它做担保。代表想提建议制止这事，有什么法律依据？", 3
    )
    assert hits[0].chunk.title.endswith("预算法") and "提供担保" in hits[0].chunk.text, [
        (h.chunk.title, h.chunk.section) for h in hits
    ]


def test_a_deputy_who_died_leaves_a_seat_vacant(default_assistant: Assistant) -> None:
    """去世 ends a deputy's status (代表法第六十二条) and leaves his seat vacant, 因故出缺 (选举法第五十七条:
    「…因故出缺，由原选区或者原选举单位补选」): the walk-through's 「人大代表去世了名额怎么办？」 had
    第五十七条 29th, below the articles on fixing 名额. Both are now the first two, and answered."""
    for question in ("人大代表去世了名额怎么办？", "代表过世了怎么办？"):
        hits = default_assistant.search(question, 2)
        texts = " ".join(h.chunk.text for h in hits)
        assert "代表去世的，其代表资格自然终止" in texts and "因故出缺" in texts, [
            (h.chunk.title, h.chunk.section) for h in hits
        ]
    answer = default_assistant.ask("人大代表去世了怎么办？").answer
    assert "代表去世的，其代表资格自然终止" in answer and "补选" in answer, answer


def test_whether_one_is_still_a_deputy_is_whether_the_status_ended(default_assistant: Assistant) -> None:
    """还能当代表 asks whether 其代表资格终止 (代表法第六十二条): of 「…外出打工了，还能当代表吗？」 the
    top ten held no article on it, of 「…退休了…」 it was 6th."""
    for question in ("镇人大代表外出打工了，还能当代表吗？", "乡镇人大代表退休了还能当代表吗？"):
        hits = default_assistant.search(question, 3)
        assert any("其代表资格终止" in h.chunk.text for h in hits), [
            (h.chunk.title, h.chunk.section) for h in hits
        ]


def test_chairs_words_for_what_statutes_say_otherwise(default_assistant: Assistant) -> None:
    """Three of the walk-through's chairs' questions whose statute says it otherwise: 县长 is among
    the 人民政府组成人员 whose recall 地方组织法第三十一条 rules (选举法第五十条, on recalling county
    deputies, came first); 找谁 is 向谁提出 (选举法第二十九条 「…向选举委员会提出申诉」, second); 多投
    is 「所投的票数多于投票人数」 (选举法第四十四条, second); what is done about an unfit deputy is
    the voters' recall (选举法第四十九条)."""
    for question, stated in (
        ("罢免县长要多少代表联名？", "人民政府组成人员"),
        ("选民名单弄错了找谁？", "提出申诉"),
        ("选举时选票被多投了怎么办？", "多于投票人数的无效"),
        ("人大代表不称职怎么办？", "罢免自己选出的代表"),  # 代表法第九条 first
    ):
        top = default_assistant.search(question, 1)[0]
        assert stated in top.chunk.text, (question, top.chunk.title, top.chunk.section)
