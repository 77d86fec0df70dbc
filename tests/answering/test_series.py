"""Speeches list their points in series (「要注意两点，一个是…。同时…」, 「…；要…；要…」): a chosen
sentence brings the rest of its series. A statute's ； goes on with what its subject does
(代表法第三十七条) or parts provisions (a clause on a condition or of another level): only the
first is brought along."""

from assistant.answering.evidence import Evidence
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.config import AnswerSettings
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk, DocKind, Hit

# past the length up to which the passage of the best sentence is quoted whole
FILLER = "各乡镇人大要紧紧围绕工作大局，不断加强和创新监督工作，着力提升乡镇人大工作水平。" * 3
SPEECH = (
    "今后开展代表联系走访活动要注意两点，一个是要有专项计划，对代表提出具体要求。"
    "同时要注重成果的运用和转化，将群众意见建议反馈到党委和政府。"
    "区人大常委会机关开展为期半年的机关建设年工作。" + FILLER
)
CLAUSES = (
    "充分发挥代表团团长在组织分团审议中的重要作用，带头发言，发挥示范作用；"
    "要确定重点发言人，让他们积极发言，起到带动作用；要鼓励不发言的代表勇于发言。"
    "乡镇人代会上代表提出建议的数量和质量情况，是衡量会议成效的一个重要指标。" + FILLER
)
STATUTE = (
    "第二十四条 质询案由主席团决定交由受质询机关答复；在主席团会议上答复的，提质询案的代表有权列席会议。"
    + FILLER
)

DUTIES = (
    "第三十七条 乡、民族乡、镇的人民代表大会代表在本级人民代表大会闭会期间，根据统一安排，开展调研等活动；"
    "组成代表小组，分工联系选民，反映人民群众的意见和要求；县级以上的地方各级人民代表大会代表参加本级人民代表"
    "大会常务委员会组织的活动。" + FILLER
)


def hit(text: str, kind: DocKind) -> Hit:
    chunk = Chunk("c", "d", 0, text, 0, len(text), "材料", kind, "材料.txt")
    return Hit(chunk, 1.0)


def answer(question: str, text: str, kind: DocKind = DocKind.SPEECH) -> str:
    tokenizer = Tokenizer()
    answerer = ExtractiveAnswerer(AnswerSettings(max_sentences=1), tokenizer.tokens, lambda t: 1.0)
    evidence = Evidence(0.9, 5.0, 1.0, (), "", True, {}, 0)
    return answerer.answer(question, tokenizer.tokens(question), [hit(text, kind)], evidence, 0.5).answer


def test_announced_points_bring_the_sentences_that_make_them_up() -> None:
    got = answer("组织代表联系走访选民要注意哪两点？", SPEECH)
    assert "专项计划" in got and "成果的运用和转化" in got
    assert "机关建设年" not in got  # two points announced, two given


def test_a_clause_of_a_series_brings_the_rest_of_its_sentence_when_several_things_are_asked() -> None:
    got = answer("分团审议的时候，代表团团长要起什么作用？", CLAUSES)
    assert "带头发言" in got and "重点发言人" in got and "勇于发言" in got
    assert "衡量会议成效" not in got  # the series ends with its sentence


def test_a_single_fact_question_gets_no_series() -> None:
    assert "重点发言人" not in answer("分团审议时谁带头发言？", CLAUSES)


def test_statutes_keep_their_provisions_apart() -> None:
    got = answer("质询案由谁决定交由受质询机关答复，有哪些方式？", STATUTE, DocKind.LAW)
    assert "主席团决定" in got and "列席会议" not in got  # 「在…答复的，」: a provision of its own


def test_a_statute_clause_brings_more_of_what_its_subject_does() -> None:
    """「…闭会期间平时要做些什么？」 (dev duty-018) quoted 代表法第三十七条 up to its ； and stopped before
    its key, 「组成代表小组，分工联系选民」. (The article's last clause, another level's, is made up.)"""
    got = answer("乡镇人大代表闭会期间平时要做些什么？", DUTIES, DocKind.LAW)
    assert "开展调研等活动" in got and "组成代表小组，分工联系选民" in got
    assert "县级以上" not in got  # another level's provision
    # a question asking one thing keeps the clause chosen (dev duty-018 asked 「做些什么」)
    one = answer("乡镇人大代表闭会期间开展调研吗？", DUTIES, DocKind.LAW)
    assert "开展调研等活动" in one and "分工联系选民" not in one
