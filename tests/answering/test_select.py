"""How the extractive answerer chooses sentences. By the question's concepts, not its tokens:
乡镇人大 spelled out as 乡、民族乡、镇的人民代表大会 is one thing asked about, so a sentence that
merely names a township congress does not outweigh the one that states what was asked. And a
question asking two things gets a sentence for each."""

from collections.abc import Callable
from dataclasses import replace

import pytest

from assistant.answering.evidence import Evidence
from assistant.answering.extractive import ExtractiveAnswerer, _names_several
from assistant.config import AnswerSettings
from assistant.service import Assistant
from assistant.text.normalize import QueryNormalizer
from assistant.text.parts import asking_parts
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk, DocKind, Hit

MEETINGS = "第十四条 乡、民族乡、镇的人民代表大会会议一般每年举行两次。"
TERM = "第九条 地方各级人民代表大会每届任期五年。"


NATIONAL_AND_TOWNSHIP = (
    "第二十条 全国人民代表大会会议期间，一个代表团或者三十名以上的代表联名，有权书面提出对国务院和国务院"
    "各部门的质询案。\n\n乡、民族乡、镇的人民代表大会代表有权依照法律规定的程序提出对本级人民政府的质询案。"
    "质询案按照主席团的决定由受质询机关答复。提出质询案的代表半数以上对答复不满意的，可以要求受质询机关再作答复。"
)
LOCAL = (
    "第二十四条 地方各级人民代表大会举行会议的时候，代表十人以上联名可以书面提出对本级人民政府和它所属各"
    "工作部门的质询案。质询案必须写明质询对象、质询的问题和内容。"
)


def hit(text: str, n: int) -> Hit:
    article = text.split(" ", 1)[0]
    chunk = Chunk(f"c{n}", "d", n, text, 0, len(text), "地方组织法", DocKind.LAW, "law.md", article=article)
    return Hit(chunk, 1.0 - n / 10)


def answer(
    question: str, hits: list[Hit], max_sentences: int = 4, idf: Callable[[str], float] = lambda t: 1.0
) -> str:
    tokenizer = Tokenizer()
    nq = QueryNormalizer().normalize(question)
    answerer = ExtractiveAnswerer(AnswerSettings(max_sentences=max_sentences), tokenizer.tokens, idf)
    evidence = Evidence(0.9, 5.0, 1.0, (), "", True, {}, 0)
    return answerer.answer(
        question, tokenizer.tokens(nq.both), hits, evidence, 0.5, nq.synonym_tokens(tokenizer.tokens)
    ).answer


def test_the_sentence_stating_what_was_asked_beats_one_naming_the_township_congress() -> None:
    # the township article ranked first, as dense search does
    got = answer("乡镇人大每届任期几年？", [hit(MEETINGS, 0), hit(TERM, 1)], max_sentences=1)
    assert "每届任期五年" in got and "每年举行两次" not in got


CHAIR_TERM = (
    "第十八条 乡、民族乡、镇的人民代表大会设主席，并可以设副主席一人至二人。主席、副主席由本级人民代表大会从代表中"
    "选出，任期同本级人民代表大会每届任期相同。"
)
DEPUTY_TERM = "第二条 全国人民代表大会和地方各级人民代表大会代表每届任期五年。"
RECALL = (
    "第六条 镇人民代表大会举行会议的时候，主席团或者五分之一以上代表联名，可以提出对镇长、副镇长的罢免案。"
)


def test_the_answer_opens_with_the_passage_stating_what_was_asked() -> None:
    """In rank order the chairs' article came first, saying their term is the congress's (and
    stating a number of another kind, 副主席一人至二人), and the five years came after it (dev
    procedure-104); the answer now opens with the five years."""
    hits = [hit(CHAIR_TERM, 0), hit(DEPUTY_TERM, 1)]
    got = answer("乡镇人大代表和主席任期几年？", hits)
    assert "每届任期五年" in got and "任期同本级" in got, got
    assert got.startswith("全国人民代表大会和地方各级人民代表大会代表每届任期五年"), got
    # a question asking for no kind of fact keeps the passages in the order they rank
    plain = answer("代表每届任期和主席任期是怎么定的？", hits)
    assert "每届任期五年" in plain and plain.index("任期同本级") < plain.index("每届任期五年"), plain


def test_a_first_passage_stating_the_kind_asked_keeps_its_place() -> None:
    """Both passages state a count; the recall article ranks first and stays first. And a
    follow-up resolved without the earlier question's asking words (text.follow_up: 「镇人大会议
    罢免镇长？」, no longer 「…一年开几次罢免镇长？」) asks no kind, so the meetings' 每年两次 does
    not take the recall article's place."""
    got = answer("罢免镇长要几个人联名？", [hit(RECALL, 0), hit(LOCAL, 1)])
    assert "五分之一" in got and got.startswith("镇人民代表大会举行会议的时候"), got
    got = answer("镇人大会议罢免镇长？", [hit(RECALL, 0), hit(MEETINGS, 1)])
    assert got.startswith("镇人民代表大会举行会议的时候"), got


def test_each_part_of_a_two_part_question_gets_a_sentence_at_the_level_asked() -> None:
    got = answer(
        "在乡镇人代会上质询镇政府要几个人联名？对答复不满意还能怎么办？",
        [hit(NATIONAL_AND_TOWNSHIP, 0), hit(LOCAL, 1)],
    )
    assert "再作答复" in got  # the second part
    # the first part, at the local level the question names: the national rule (三十名以上)
    # states a quantity too, and its passage ranks first
    assert "十人以上联名" in got


PENALTY = (
    "第九十四条 各级政府、各部门、各单位违反本法规定举借债务，或者挪用重点支出资金，或者在预算之外及"
    "超预算标准建设楼堂馆所的，责令改正，对负有直接责任的主管人员给予撤职、开除的处分。"
)
UNBUDGETED = "第十三条 各级政府、各部门、各单位的支出必须以经批准的预算为依据，未列入预算的不得支出。"


def test_a_part_whose_words_the_other_parts_sentence_shares_gets_its_own() -> None:
    """The sentence chosen for the second part says 支出 (挪用重点支出资金), a word of the first
    part; the first part's sentence states more of that part's words (未列入, 支出) and is added."""
    # idf as in the default corpus, where the colloquial words (年底, 先花) are unknown
    weights = {"开支": 4.4, "支出": 4.4, "列入": 4.0, "没列进": 4.0, "未": 2.5, "超预算": 6.4, "处分": 5.1}
    got = answer(
        "镇里有些开支没列进预算，能不能先花了年底再说？要是超预算标准盖办公楼，相关负责人要受啥处分？",
        [hit(PENALTY, 0), hit(UNBUDGETED, 1)],
        idf=lambda t: weights.get(t, 0.0),
    )
    assert "撤职、开除" in got and "未列入预算的不得支出" in got, got


def test_a_one_part_question_is_left_to_the_usual_choice() -> None:
    assert asking_parts("乡镇人大一年开几次会？") == ["乡镇人大一年开几次会"]
    assert asking_parts("要罢免一个镇人大代表，选民怎么提，怎样才算通过？") == [
        "要罢免一个镇人大代表，选民怎么提",
        "怎样才算通过",
    ]


def test_a_word_both_wordings_share_is_a_concept_of_its_own() -> None:
    tokenizer = Tokenizer()
    nq = QueryNormalizer().normalize("代表提建议有什么法律依据？")
    groups = nq.synonym_tokens(tokenizer.tokens)
    assert ("提建议", "提出建议") in nq.synonyms
    assert all("建议" not in g for g in groups)  # 建议 is what is asked about, not a spelling
    assert any("提出" in g for g in groups)


@pytest.mark.slow
def test_the_basis_for_proposing_is_the_right_to_propose(default_assistant: Assistant) -> None:
    """「代表提建议有什么法律依据？」 (dev basis-001) ranked 全国人大组织法第四十六条, on how the
    national deputies' proposals are handled, above 代表法第二十四条, which grants the right."""
    got = default_assistant.ask("代表提建议有什么法律依据？")
    assert not got.abstained
    first = got.citations[0]
    assert first.title.endswith("代表法") and first.section in ("第二十四条", "第七条"), first


@pytest.mark.slow
def test_a_proposal_on_a_topic_the_documents_lack_gets_the_right_to_propose(
    default_assistant: Assistant,
) -> None:
    """A deputy preparing a proposal on 道路养护 (no document here is about it) was told nothing;
    now the answer gives the right to propose, and says the topic has no basis in the knowledge base."""
    question = "我想提建议加强农村道路养护，有什么法律依据？"
    got = default_assistant.ask(question)
    assert not got.abstained and got.question == question
    assert ("第二十四条", True) in [(c.section, c.title.endswith("代表法")) for c in got.citations]
    assert "「加强农村道路养护」" in got.notice and "提出建议" in got.notice
    # a topic the documents do cover is answered from them, with no such notice
    covered = default_assistant.ask("我想提建议要求镇政府规范举借债务，有什么法律依据？")
    assert not covered.abstained and not covered.notice
    assert any(c.title.endswith("预算法") for c in covered.citations)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "article", "said"),
    [
        # dev basis-266: 幼儿园, a word no document uses, had the right to propose and a notice
        ("想提建议在镇上办一所公办幼儿园，有什么法律依据？", "第十九条", "发展学前教育"),
        # dev basis-953: 祠堂 and 古石桥 are 名胜古迹 and 历史文化遗产 to the constitution
        (
            "我想提建议让镇政府把村里的老祠堂、古石桥保护起来，宪法里能找到依据吗？",
            "第二十二条",
            "国家保护名胜古迹",
        ),
        ("我想提建议加强农村养老服务，有什么法律依据？", "第四十五条", "年老"),
    ],
)
def test_a_proposal_on_a_policy_topic_is_answered_from_the_constitution(
    default_assistant: Assistant, question: str, article: str, said: str
) -> None:
    """What deputies propose on in everyday words has its basis in the constitution's general
    principles and citizens' rights, in other words (text.normalize.POLICY_TOPICS)."""
    got = default_assistant.ask(question)
    assert not got.abstained and not got.notice, got.notice
    first = got.citations[0]
    assert first.title.endswith("宪法") and first.section == article, first
    assert said in got.answer


@pytest.mark.slow
def test_a_further_part_may_cite_one_passage_more(default_assistant: Assistant) -> None:
    """The first part's sentences used up the three citations, and 监督法's forms of inspection
    (the second part) were left out; a further part may now cite a passage over the limit."""
    got = default_assistant.ask(
        "区人大常委会组织执法检查，能不能请区人大代表参加？执法检查一般采取哪些形式？"
    )
    assert not got.abstained
    assert "邀请本级人民代表大会代表参加" in got.answer
    assert "座谈会" in got.answer or "实地检查" in got.answer
    assert len(got.citations) <= 4


def test_the_quantity_preferred_is_of_the_kind_asked() -> None:
    """「任期几年」 asks a number of years: the term (五年) is preferred over a sentence whose only
    number is a count of meetings (两次), even from a passage ranked lower and sharing fewer
    words. Before, any number earned the bonus (procedure-104 was answered without 五年)."""
    term = "第二条 全国人民代表大会和地方各级人民代表大会代表每届任期五年。"
    chair = "第十八条 乡、民族乡、镇的人民代表大会主席、副主席，任期同本级人民代表大会每届任期相同，可以连任两次。"
    got = answer("乡镇人大代表任期几年？", [hit(chair, 0), hit(term, 1)], max_sentences=1)
    assert "五年" in got


def test_a_rule_of_another_level_only_is_not_quoted() -> None:
    """「乡镇人大开会一年开几次？」: the NPC's 「每年举行一次」 states a frequency too, and a passage
    lifted for it had been quoted after the township rule (the README's sample answer)."""
    national = "第八条 全国人民代表大会每届任期五年。全国人民代表大会会议每年举行一次，由全国人民代表大会常务委员会召集。"
    got = answer("乡镇人大开会一年开几次？", [hit(MEETINGS, 0), hit(national, 1)])
    assert "每年举行两次" in got and "全国人民代表大会" not in got


def test_a_sentence_naming_no_level_speaks_of_its_statutes() -> None:
    """「区人大常委会多久开一次会？」: the NPC standing committee's rules ranked first, and their
    sentences that name no level (「常务委员会会议由委员长召集并主持。」) were quoted for a county
    question, the county rule (地方组织法第五十一条) left out."""
    npc_rules = (
        "第六条 全国人民代表大会常务委员会会议一般每两个月举行一次。常务委员会会议召开的日期由委员长会议决定。"
        "常务委员会会议由委员长召集并主持。"
    )
    local = "第五十一条 常务委员会会议由主任召集并主持，每两个月至少举行一次。"
    chapter = ("第三章 县级以上的地方各级人民代表大会常务委员会",)
    hits = [
        Hit(replace(hit(npc_rules, 0).chunk, title="中华人民共和国全国人民代表大会常务委员会议事规则"), 1.0),
        Hit(replace(hit(local, 1).chunk, section_path=chapter), 0.9),
    ]
    got = answer("区人大常委会多久开一次会？", hits)
    assert "每两个月至少举行一次" in got and "委员长" not in got


def test_a_rule_stated_in_the_same_words_by_two_laws_is_quoted_once() -> None:
    """宪法第七十五条 and 全国人大议事规则第五十五条 say 「全国人民代表大会代表在全国人民代表大会各种会议
    上的发言和表决，不受法律追究。」 word for word; the answer said it twice."""
    same = "全国人民代表大会代表在全国人民代表大会各种会议上的发言和表决，不受法律追究。"
    local = "第三十一条 代表在人民代表大会各种会议上的发言和表决，不受法律追究。"
    got = answer(
        "人大代表在会上发言会被追究法律责任吗？",
        [hit(f"第七十五条 {same}", 0), hit(f"第五十五条 {same}", 1), hit(local, 2)],
    )
    assert got.count(same) == 1 and "代表在人民代表大会各种会议上的发言和表决" in got


def test_a_provinces_rule_is_not_quoted_for_a_county_question() -> None:
    """预算法第四十四条 gives provinces, cities and counties a sentence each; 「县级…」 asks for the
    county's, and 省、自治区、直辖市 are a level of their own, not a county's."""
    article = (
        "第四十四条 省、自治区、直辖市政府财政部门应当在本级人民代表大会会议举行的三十日前，将本级预算草案的初步"
        "方案提交本级人民代表大会有关专门委员会进行初步审查。\n\n设区的市、自治州政府财政部门应当在本级人民代表"
        "大会会议举行的三十日前，将本级预算草案的初步方案提交本级人民代表大会有关专门委员会进行初步审查。"
        "\n\n县、自治县、不设区的市、市辖区政府应当在本级"
        "人民代表大会会议举行的三十日前，将本级预算草案的初步方案提交本级人民代表大会常务委员会进行初步审查。"
    )
    got = answer("县级预算草案的初步审查由谁负责？", [hit(article, 0)])
    assert "常务委员会进行初步审查" in got and "省、自治区" not in got and "设区的市、自治州" not in got


def test_a_clause_after_a_semicolon_is_of_its_sentences_level() -> None:
    """地方组织法第三十二条: 「县级以上的…组成人员…可以向本级人民代表大会提出辞职，由大会决定是否接受
    辞职；大会闭会期间，可以向本级人民代表大会常务委员会提出辞职…」: the clause after the ； is still
    the county's, and a township chair has no standing committee to resign to."""
    article = (
        "第三十二条 县级以上的地方各级人民代表大会常务委员会组成人员、专门委员会成员，人民政府领导人员，监察委员会"
        "主任，人民法院院长，人民检察院检察长，可以向本级人民代表大会提出辞职，由大会决定是否接受辞职；大会闭会"
        "期间，可以向本级人民代表大会常务委员会提出辞职，由常务委员会决定是否接受辞职。\n\n乡、民族乡、镇的人民代表"
        "大会主席、副主席，乡长、副乡长，镇长、副镇长，可以向本级人民代表大会提出辞职，由大会决定是否接受辞职。"
    )
    got = answer("乡镇人大主席想辞职，向谁提？", [hit(article, 0)])
    assert "乡长、副乡长" in got and "常务委员会提出辞职" not in got


def test_a_sentence_continuing_a_numbered_item_is_of_the_items_level() -> None:
    """选举法第十二条's item (二) on 设区的市 goes on after its ； with 「人口超过一千万的，代表总名额不得
    超过六百五十名」, which names no level; a township question must not get it as the maximum."""
    items = (
        "（一）省、自治区、直辖市的代表名额基数为三百五十名，省、自治区每十五万人可以增加一名代表，直辖市每二万五千"
        "人可以增加一名代表；但是，代表总名额不得超过一千名；",
        "（二）设区的市、自治州的代表名额基数为二百四十名，每二万五千人可以增加一名代表；人口超过一千万的，代表总"
        "名额不得超过六百五十名；",
        "（四）乡、民族乡、镇的代表名额基数为四十五名，每一千五百人可以增加一名代表；但是，代表总名额不得超过"
        "一百六十名；",
    )
    lead = "第十二条 地方各级人民代表大会的代表名额，按照下列规定确定："
    text = "\n\n".join((lead, *items))
    spans = []
    for part in (lead, *items):
        start = text.index(part)
        spans.append((start, start + len(part)))
    chunk = replace(hit(text, 0).chunk, items=tuple(spans))
    got = answer("乡镇人大代表最多多少名？", [Hit(chunk, 1.0)])
    assert "一百六十名" in got and "六百五十名" not in got and "一千名" not in got


@pytest.mark.slow
def test_a_question_asking_which_things_gets_the_sentence_listing_them(default_assistant: Assistant) -> None:
    """「县人大代表可以向哪些机关提出质询？」: 代表法第二十条 lists the organs (「…本级人民政府及其所属
    各部门、监察委员会、人民法院、人民检察院的质询案」) without the word 机关, and the sentence on an
    unsatisfying reply (「…可以要求受质询机关再作答复」), sharing more of the question's words, was
    quoted instead."""
    got = default_assistant.ask("县人大代表可以向哪些机关提出质询？")
    assert not got.abstained
    assert "监察委员会、人民法院、人民检察院的质询案" in got.answer


def test_a_list_is_three_things_in_one_clause_not_the_levels_a_statute_names() -> None:
    assert _names_several("提出对本级人民政府及其所属各部门、监察委员会、人民法院、人民检察院的质询案。")
    # 「人大代表有哪些权利？」 had its list of rights displaced by sentences naming levels
    assert not _names_several("省、自治区、直辖市、自治州、设区的市的人民代表大会代表可以列席会议。")
    assert not _names_several("（八）听取和审议乡、民族乡、镇的人民政府的工作报告；")
    assert not _names_several("对法律、法规实施情况进行检查，开展视察、调研等活动。")  # two pairs


@pytest.mark.slow
def test_the_readme_sample_is_answered_without_a_sentence_sharing_only_bigrams(
    default_assistant: Assistant,
) -> None:
    """「乡镇人大开会一年开几次？」: character bigrams straddling its words (大开, 议每, 年举) held two
    thirds of its weight, and 第十九条's 「乡、民族乡、镇的人民代表大会举行会议的时候，选举主席团。」
    (大会举行: 会举) was quoted after the answer, though it answers nothing asked."""
    got = default_assistant.ask("乡镇人大开会一年开几次？")
    assert "一般每年举行两次" in got.answer
    assert "选举主席团" not in got.answer


# 监督法第三十六条: the article's first sentence, then a 款 that lists what the report holds
INSPECTION = (
    "第三十六条 执法检查结束后，执法检查组应当及时提出执法检查报告，由委员长会议或者主任会议决定提请常务委员会审议。"
    "\n\n执法检查报告包括下列内容：\n\n（一）对所检查的法律、法规或者相关法律制度实施情况进行评价，提出执法中存在的问题和改进执法"
    "工作的建议；\n\n（二）对有关法律、法规提出修改完善的建议。"
)
GROUP = "第三十三条 常务委员会按照精干、效能的原则，组织执法检查组。"


def test_an_item_is_led_in_by_its_own_lists_lead_not_the_articles_first_sentence() -> None:
    got = answer(
        "执法检查组按照什么原则组织，要对法律实施情况进行评价吗？", [hit(GROUP, 0), hit(INSPECTION, 1)]
    )
    assert "（一）对所检查的法律" in got  # quoted as an item, not with the whole article
    assert "执法检查报告包括下列内容：……（一）" in got
    assert got.count("执法检查结束后") <= 1  # the first sentence is not said again as the item's lead


ADJUSTMENT = (
    "第六十九条第五款至第七款 设区的市、自治州政府财政部门应当在本级人民代表大会常务委员会举行会议审查和批准"
    "预算调整方案的三十日前，将预算调整初步方案送交本级人民代表大会有关专门委员会进行初步审查。\n\n"
    "中央预算的调整方案应当提请全国人民代表大会常务委员会审查和批准。县级以上地方各级预算的调整方案应当提请"
    "本级人民代表大会常务委员会审查和批准；乡、民族乡、镇预算的调整方案应当提请本级人民代表大会审查和批准。"
)


def test_a_rule_for_the_levels_above_brings_the_same_rule_for_the_township() -> None:
    """「预算调整方案要报谁批准？」 names no level: the national rule alone (chosen for covering the
    question as well as the others) told a township chair to go to a standing committee."""
    got = answer("预算调整方案要报谁批准？", [hit(ADJUSTMENT, 0)], max_sentences=2)
    assert "中央预算的调整方案应当提请全国人民代表大会常务委员会审查和批准" in got
    assert "乡、民族乡、镇预算的调整方案应当提请本级人民代表大会审查和批准" in got
    assert "县级以上地方各级预算的调整方案" in got
    # a question naming a level keeps to it, as before
    township = answer("乡镇预算调整方案要报谁批准？", [hit(ADJUSTMENT, 0)], max_sentences=2)
    assert "中央预算" not in township and "乡、民族乡、镇预算的调整方案" in township
