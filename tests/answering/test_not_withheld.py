"""Answerable questions written outside the gold, to check abstention rules against (2026-12-02).

Each is answered by the default corpus (the article or speech passage is there); none may be
withheld. They caught a coverage-floor rule that the gold alone supported (「…同时在乡政府任职？」)
and a money answer type that took every 工资 for an amount (「…工资待遇怎么算？」). They carry no
gold passages, so they check abstention only; retrieval is measured on eval/questions.jsonl.
"""

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow

ANSWERABLE = [
    "乡镇人大主席能不能同时在乡政府任职？",
    "乡镇人大主席可以在镇政府担任职务吗？",
    "镇人大一年至少开几次会？",
    "乡镇人大代表任期几年？",
    "罢免乡长需要多少代表联名提出？",
    "乡镇人大主席团由哪些人组成？",
    "乡镇人代会选举主席团吗？",
    "代表在会上发言会被追究法律责任吗？",
    "人大代表可以不出席会议吗？",
    "乡镇人大代表能不能被随便逮捕？",
    "乡镇人大代表提出的建议多长时间内要答复？",
    "镇人大代表联系选民有什么要求？",
    "乡镇人大会议由谁主持？",
    "乡镇预算草案由谁审查批准？",
    "乡镇人大可以撤销乡政府不适当的决定吗？",
    "乡长辞职要向谁提出？",
    "选民可以罢免自己选的乡镇人大代表吗？",
    "乡镇人大代表的选举由谁主持？",
    "县人大常委会可以撤销乡镇人大的决议吗？",
    "乡镇人大闭会期间谁来负责日常工作？",
    "乡镇人大主席的任期跟人大一样吗？",
    "人大代表出席会议耽误的工资谁来发？",
    "代表执行职务时单位要给假吗？",
    "乡镇人大代表名额是怎么确定的？",
    "选乡镇人大代表要多少选民参加投票才有效？",
    "乡镇人大能不能设专门委员会？",
    "讲话里说今年乡镇人大要重点做哪些工作？",
    "讲话提到代表家站建设有什么要求？",
    "镇长候选人可以由代表联名推荐吗？",
    "人大代表受法律保护吗？",
    "代表执行代表职务期间工资待遇怎么算？",
]


def test_answerable_questions_outside_the_gold_are_not_withheld(default_assistant: Assistant) -> None:
    withheld = [q for q in ANSWERABLE if default_assistant.ask(q).abstained]
    assert not withheld, withheld


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # dictated to a phone (eval/RESULTS.md step 188): 老大爷 and 家里人 were taken for persons no
        # document names, and the answers withheld with their article first
        ("嗯这回我们那个选区应选两个代表 有个老大爷在选票上勾了三个人 这张票是算有效还是作废啊", "作废"),
        ("我们那个村好多老人不识字 还有个残疾的手写不了字 选票自己填不了 能不能让家里人帮着写啊", "代写"),
    ],
)
def test_a_dictated_question_telling_of_someone_unnamed_is_answered(
    default_assistant: Assistant, question: str, said: str
) -> None:
    answer = default_assistant.ask(question)
    assert not answer.abstained and said in answer.answer
