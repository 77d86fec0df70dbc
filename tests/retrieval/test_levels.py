"""Level of government (乡镇 / 县级 / 省、设区的市 / 全国) of questions and passages, and how they
match."""

import pytest

from assistant.retrieval.levels import (
    ALL_LEVELS,
    COUNTY,
    NATIONAL,
    PROVINCE,
    TOWNSHIP,
    asked_levels,
    chunk_levels,
    level_match,
    passage_levels,
    question_levels,
    ranking_level,
)
from assistant.service import Assistant
from assistant.types import Chunk, DocKind


def test_question_levels_from_colloquial_cues() -> None:
    assert question_levels("镇人大主席可以兼个副镇长吗？") == {TOWNSHIP}
    assert question_levels("区人代会闭会期间，区人大常委会能任免副区长吗？") == {COUNTY}
    assert question_levels("全国人大代表怎么提议案？") == {NATIONAL}
    assert question_levels("代表资格审查委员会主要审查啥？") == frozenset()
    assert question_levels("市人大常委会可以撤销下一级人大的决议吗？") == {PROVINCE}
    assert question_levels("不设区的市人大代表名额怎么定？") == {COUNTY}  # a county-level city
    # 县乡: both levels; 各省: the provinces (dev procedure-805: 选举法第六十条's 「省、自治区、直辖市的
    # 人民代表大会及其常务委员会…可以制定选举实施细则」 had been left out of the answer as another level's)
    both = question_levels("各省搞的县乡人大代表选举实施细则，是由哪个机关制定的？")
    assert both == {TOWNSHIP, COUNTY, PROVINCE}


def test_the_levels_asked_are_those_of_the_clause_asking() -> None:
    # a clause before the asking one tells what is known, of another level to compare with
    assert asked_levels("镇人大代表最多一百六十名，那县人大代表总名额最多能到多少？") == {COUNTY}
    assert asked_levels("全国人大代表联名提议案要三十人，镇人代会呢？") == {TOWNSHIP}
    assert asked_levels("县里调整预算报县人大常委会批，年中镇政府要调预算，能不能报镇人大主席团批？") == {
        TOWNSHIP
    }
    # the asking clause names no level: the question's
    assert asked_levels("我是镇人大代表，调到县人大常委会工作了，代表资格怎么办？") == {TOWNSHIP, COUNTY}
    # two things asked, each of its own level (the first's is in the clause before its asking one)
    two = "我们镇人代会上，代表联名提议案要几个人？全国人代会上代表联名提议案又得多少人？"
    assert asked_levels(two) == question_levels(two) == {TOWNSHIP, NATIONAL}


@pytest.mark.slow
def test_the_answer_states_the_rule_of_the_level_asked_not_of_the_one_compared_with(
    default_assistant: Assistant,
) -> None:
    # dev procedure-251: the township's 一百六十名 item had been chosen from 选举法第十二条
    answer = default_assistant.ask("镇人大代表最多一百六十名，那县人大代表总名额最多能到多少？")
    assert not answer.abstained and "四百五十名" in answer.answer


def test_whether_a_level_has_an_organ_is_asked_of_the_local_levels_above_it_too() -> None:
    """The answer is the rule naming the levels that have it (「县级以上的地方各级人民代表大会设立常务
    委员会」): confined to the township, the answer left it out as another level's rule."""
    local = {TOWNSHIP, COUNTY, PROVINCE}
    for question in (
        "乡镇人大有常委会吗？",
        "乡镇人大有没有常委会？",
        "镇里有人大常委会吗？",
        "乡镇人大能不能设专门委员会？",
        "乡镇人大可以设立专门委员会吗？",
        "判断题：乡镇人民代表大会设立常务委员会。对吗？",
        "乡镇人代会要不要设秘书长？",  # 「县级以上的地方各级人民代表大会会议设副秘书长若干人」
    ):
        assert question_levels(question) == local, question
    assert question_levels("县人大常委会有专门委员会吗？") == {COUNTY, PROVINCE}
    assert question_levels("全国人大有常委会吗？") == {NATIONAL}  # no local level named
    # an organ named otherwise is not asked about
    assert question_levels("乡镇人大向县人大常委会报告工作吗？") == {TOWNSHIP, COUNTY}
    assert question_levels("乡镇人大代表有常委会委员吗？") == {TOWNSHIP}


def test_passage_levels_from_statute_wording() -> None:
    township = "乡、民族乡、镇的人民代表大会代表在本级人民代表大会闭会期间，根据统一安排，开展调研等活动。"
    county = "县级以上的各级人民代表大会常务委员会组织本级人民代表大会代表开展闭会期间的活动。"
    assert passage_levels(township) == {TOWNSHIP}
    assert passage_levels(county) == {COUNTY, PROVINCE}  # 县级以上: counties and up
    assert passage_levels(county + township) == {TOWNSHIP, COUNTY, PROVINCE}
    assert passage_levels("代表应当按时出席会议。") == frozenset()
    # 地方各级 includes townships; 县级以上的地方各级 does not
    local = passage_levels("地方各级人民政府对本级人民代表大会负责并报告工作。")
    assert local == {TOWNSHIP, COUNTY, PROVINCE}
    assert passage_levels("县级以上的地方各级人民代表大会设立常务委员会。") == {COUNTY, PROVINCE}
    # each level's organ (代表法第六十一条): not the township's rule alone
    each = "由代表资格审查委员会向本级人民代表大会常务委员会或者乡、民族乡、镇的人民代表大会报告："
    assert passage_levels(each) == {TOWNSHIP, COUNTY, PROVINCE}
    assert passage_levels("乡、民族乡、镇的人民代表大会主席团召集会议。") == {TOWNSHIP}
    # the standing committee's offices or the township's presidium: each level's (代表法第五十一条, whose
    # 「三个月内答复」 a county deputy's question lost to a speech sentence)
    offices = "由本级人民代表大会常务委员会办事机构、工作机构或者乡、民族乡、镇的人民代表大会主席团交由有关机关办理。"
    assert passage_levels(offices) == {TOWNSHIP, COUNTY, PROVINCE}
    # 预算法第四十四条 gives each level its sentence; a 不设区的市 is a county-level city
    assert passage_levels("省、自治区、直辖市政府财政部门应当在…三十日前…进行初步审查。") == {PROVINCE}
    assert passage_levels("设区的市、自治州政府财政部门应当在…三十日前…") == {PROVINCE}
    assert passage_levels("县、自治县、不设区的市、市辖区政府财政部门应当在…") == {COUNTY}
    # 县级以下: the counties and the townships (选举法第七条's citizens abroad vote in both elections)
    abroad = "旅居国外的中华人民共和国公民在县级以下人民代表大会代表选举期间在国内的，可以参加原籍地的选举。"
    assert passage_levels(abroad) == {COUNTY, TOWNSHIP}
    # 预算法's 各级 is every level's (第三条: five levels of budget, the township's the last); the
    # 各级人民代表大会常务委员会 are not the townships'
    surplus = "各级一般公共预算年度执行中有超收收入的，只能用于冲减赤字或者补充预算稳定调节基金。"
    assert TOWNSHIP in passage_levels(surplus + "省、自治区、直辖市一般公共预算年度执行中出现短收")
    assert passage_levels("各级人民代表大会常务委员会依照本法行使监督职权。") == frozenset()


def test_level_match_rewards_the_asked_level_and_penalises_only_other_levels() -> None:
    asked = frozenset({TOWNSHIP})
    assert level_match(asked, frozenset({TOWNSHIP})) == 1
    assert level_match(asked, frozenset({TOWNSHIP, COUNTY})) == 1  # 县级以上…；乡、民族乡、镇…
    assert level_match(asked, frozenset({COUNTY})) == -1  # the neighbouring article for 县级以上
    assert level_match(asked, frozenset()) == 0  # says nothing about levels
    assert level_match(frozenset({COUNTY}), frozenset({PROVINCE})) == -1  # 省、自治区、直辖市…
    assert level_match(frozenset(), frozenset({COUNTY})) == 0  # the question names no level
    # the NPC's own rules (议事规则: 「大会全体会议表决议案，由全体代表的过半数通过」) never govern a
    # local congress, however close their words to a township question's
    assert level_match(asked, frozenset({NATIONAL})) == -2
    assert level_match(frozenset({NATIONAL}), frozenset({TOWNSHIP})) == -1


def test_a_question_naming_no_level_ranks_the_npcs_own_rules_below_the_local_ones() -> None:
    none = frozenset[str]()
    assert ranking_level(none, frozenset({NATIONAL})) == -1  # a chair's 人大常委会 is the county's
    assert ranking_level(none, frozenset({NATIONAL, COUNTY})) == 0  # 全国人大和地方各级人大…
    assert ranking_level(none, frozenset({COUNTY})) == 0
    assert ranking_level(none, frozenset()) == 0
    for asked in (frozenset({TOWNSHIP}), frozenset({NATIONAL}), frozenset({COUNTY, TOWNSHIP})):
        for passage in (frozenset({NATIONAL}), frozenset({COUNTY}), frozenset()):
            assert ranking_level(asked, passage) == level_match(asked, passage)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "人大常委会组成人员辞职要经过谁同意？",
            ("地方各级人民代表大会和地方各级人民政府组织法", "第三十二条"),
        ),
        ("质询案由谁答复？", ("监督法", "第五十二条")),
        ("全国人大常委会组成人员辞职要经过谁同意？", ("全国人民代表大会议事规则", "第四十三条")),
        ("法律草案要不要向社会公布征求意见？", ("立法法", "第")),  # no local rule: the NPC's answers
    ],
)
def test_the_local_rule_comes_first_unless_the_npc_is_asked_about_or_alone_answers(
    default_assistant: Assistant, question: str, first: tuple[str, str]
) -> None:
    top = default_assistant.search(question, 1)[0].chunk
    assert first[0] in top.title and top.section.startswith(first[1]), (top.title, top.section)


LOCAL_ORGANS = "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法"
NPC_RULES = "中华人民共和国全国人民代表大会常务委员会议事规则"


def chunk(
    text: str,
    section_path: tuple[str, ...] = (),
    lead: str = "",
    title: str = LOCAL_ORGANS,
    kind: DocKind = DocKind.LAW,
) -> Chunk:
    return Chunk("c", "d", 0, text, 0, len(text), title, kind, "x.md", section_path=section_path, lead=lead)


def test_a_passage_naming_no_level_takes_its_headings_level() -> None:
    chapter = ("第三章 县级以上的地方各级人民代表大会常务委员会", "第三节 常务委员会会议的举行")
    meetings = "常务委员会会议由主任召集并主持，每两个月至少举行一次。"
    assert chunk_levels(chunk(meetings, chapter)) == {COUNTY, PROVINCE}
    items = "（十一）撤销下一级人民代表大会及其常务委员会的不适当的决议；"
    lead = "县级以上的地方各级人民代表大会常务委员会行使下列职权："
    chapter_two = ("第二章 地方各级人民代表大会",)
    assert chunk_levels(chunk(items, chapter_two, lead)) == {COUNTY, PROVINCE}  # the article's lead
    own = "乡、民族乡、镇的人民代表大会主席团决定。"
    assert chunk_levels(chunk(own, chapter)) == {TOWNSHIP}  # its own words first
    every = ("全国人民代表大会和地方各级人民代表大会代表",)
    law = "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法"
    # headings or a title that span every level make it every level's (代表法 for a township deputy)
    assert chunk_levels(chunk("代表应当按时出席会议。", every, title=law)) == ALL_LEVELS
    assert (
        chunk_levels(chunk("代表应当按时出席会议。", ("第四章 代表执行职务的保障",), title=law)) == ALL_LEVELS
    )


def test_a_statute_passage_naming_no_level_at_all_takes_its_titles_level() -> None:
    quorum = "第七条 常务委员会会议有常务委员会全体组成人员的过半数出席，始得举行。"
    assert chunk_levels(chunk(quorum, ("第一章 会议的召开",), title=NPC_RULES)) == {NATIONAL}
    local = chunk("代表应当按时出席会议。", ("第二章 地方各级人民代表大会",))
    assert chunk_levels(local) == {TOWNSHIP, COUNTY, PROVINCE}  # 地方各级: every local level
    # a speech's title does not bound what it speaks of: 区人大常委会 plans in a township meeting
    speech = chunk(
        "全年我们还要听取和审议区政府的报告。", title="2023-乡镇人大主席会议讲话", kind=DocKind.SPEECH
    )
    assert chunk_levels(speech) == frozenset()
    # 监督法 is the standing committees' law, and a township has none (blind procedure-1455: its
    # rule on re-answering a 质询案 came first for a township deputy's)
    supervision = chunk(
        "第五十三条 提质询案的常务委员会组成人员的过半数对受质询机关的答复不满意的，可以提出要求。",
        ("第六章 询问和质询",),
        title="中华人民共和国各级人民代表大会常务委员会监督法",
    )
    assert chunk_levels(supervision) == {COUNTY, PROVINCE, NATIONAL}


@pytest.mark.slow
def test_a_chair_asking_whether_the_township_has_an_organ_is_told_which_levels_do(
    default_assistant: Assistant,
) -> None:
    # quoted before: 代表法第四十四条 on the chair's duties, 第五十二条 on handling proposals
    answer = default_assistant.ask("乡镇人大有常委会吗？")
    assert not answer.abstained and "县级以上的地方各级人民代表大会设立常务委员会" in answer.answer
    # 地方组织法第三十三条 ranked first and was never quoted: its sentences are the provinces' and
    # the counties' (dev duty-104)
    answer = default_assistant.ask("乡镇人大能不能设专门委员会？")
    assert "县、自治县、不设区的市、市辖区的人民代表大会根据需要" in answer.answer
