"""The parts of a question that each ask something (「罢免镇长要几个代表联名，向谁提出？」 asks two
things): the extractive answerer gives each a sentence, and the abstention rules read a missing
fact as missing for the part that asks for it. And the questions one message asks one after
another (「…联名？选举经费从哪里出？」), which the retriever also searches one by one."""

from __future__ import annotations

import re

from assistant.text.answer_types import few_read_out
from assistant.text.chars import cjk_count
from assistant.text.follow_up import resolve

# What asks (几个人, 怎么办, 能不能, 谁): a clause holding one ends a part of the question; not
# a 几 that asks nothing (好几个月, 我们几个代表, 几乎: answer_types.few_read_out), read out first.
# A verb asked as 「X不X」 (是不是, 要不要, 算不算, 行不行) asks as 能不能 does.
_ASKS = re.compile(
    r"几|多少|多久|多长|怎么|怎样|如何|咋|谁|哪|什么|啥|吗|能否|是否|有没有|区别|一样|([\u4e00-\u9fff])不\1"
)
_CLAUSE = re.compile(r"[^，,；;？?。！!]+")


# What a clause may ask whether the law provides or sets (a rule, a figure, a limit): _SAME_ASK
_PROVIDED = (
    r"(?:规定|要求|这条|条文|说法|讲究|标准|标准数|具体数|数|数字|数额|比例|上限|下限|限制|时限|期限|限额)"
)
# A clause asking only whether the law provides what the rest asks (「选举法有没有规定，…要保管多少
# 年？」「…几次就得辞职？组织法里有这条吗？」「…法律上有没有数量要求？」), or whether it sets a figure
# or a limit at all (「…一天给补多少钱，有具体数吗？」「…最多能提几条建议？有没有数量上限？」): the
# same ask, not another, so that the fact's absence withholds the answer rather than leaving the rest
# of an answer that states no figure
_SAME_ASK = re.compile(
    rf"(?:有没有|有无|是否有|是不是有)(?:[\u4e00-\u9fff]{{0,6}}){_PROVIDED}$"
    rf"|有(?:[\u4e00-\u9fff]{{0,4}}){_PROVIDED}吗$"
    # 「…最少要跟着几个工作人员，法律上是怎么要求的？」
    r"|^(?:法律|规定|法规|条例)[上里]?(?:是|对此)?(?:怎么|如何|怎样)(?:要求|规定)的?$"
    # the figure asked again, or an example of it: 「…由几名成员组成，人数上下限是多少？」「…定多少人，
    # 比如占代表总数几分之几？」
    r"|^[\u4e00-\u9fff]{0,4}(?:上限|下限|上下限|具体数目?|具体标准)[\u4e00-\u9fff]{0,3}(?:多少|几)"
    r"|^(?:比如|例如|譬如)"
)


def asking_parts(question: str) -> list[str]:
    """Clauses up to one holding an asking word (「要罢免一个镇人大代表，选民怎么提，怎样才算通过？」
    -> 「要罢免一个镇人大代表，选民怎么提」, 「怎样才算通过」); words after the last asking clause join it,
    as does a clause asking only whether the law provides what another asks, or asking its
    figure again (_SAME_ASK)."""
    clauses = _CLAUSE.findall(question)
    asking = [_asks(c) for c in clauses]
    other = [a and not _SAME_ASK.search(c.strip()) for a, c in zip(asking, clauses, strict=True)]
    return _parts(clauses, other if any(other) else asking)


def _asks(clause: str) -> bool:
    return _ASKS.search(few_read_out(clause)) is not None


def _parts(clauses: list[str], ends: list[bool]) -> list[str]:
    parts: list[str] = []
    pending = ""
    for clause, ends_part in zip(clauses, ends, strict=True):
        pending = f"{pending}，{clause}" if pending else clause
        if ends_part:
            parts.append(pending)
            pending = ""
    if pending and parts:
        parts[-1] += "，" + pending
    return parts


# a clause ending on 呢 asks too: 「全国人大代表联名提议案要三十人，镇人代会呢？」
_ASKS_BACK = re.compile(r"呢$")


def asking_clauses(question: str) -> list[str]:
    """The clauses holding an asking word (「镇人大代表最多一百六十名，那县人大代表总名额最多能到多
    少？」 -> 「那县人大代表总名额最多能到多少」); those before them tell what is known."""
    return [c for c in _CLAUSE.findall(question) if _asks(c) or _ASKS_BACK.search(c.strip())]


_SUB_QUESTION = re.compile(r"[^？?]+[？?]")


def sub_questions(question: str) -> list[str]:
    """The questions one message asks one after another (「乡镇人代会审查预算草案，重点审哪些内容？
    预算批准以后多少天内要向社会公开？」), each made self-contained from the ones before it as a
    chat's follow-up is (「代表能提议临时开乡镇人代会吗？要多少人？」: the second becomes 「代表能提议临时
    开乡镇人代会，要多少人？」); [] for a message asking one question."""
    asked = [q.strip("，,。 ") for q in _SUB_QUESTION.findall(question)]
    asked = [q for q in asked if q.strip("？?")]
    if len(asked) < 2:
        return []
    # each against the one before as already resolved: resolve() would otherwise resolve every
    # earlier question again, a hundred times over for a message of a hundred questions
    resolved: list[str] = []
    for q in asked:
        resolved.append(resolve(q, resolved[-1:]))
    return resolved


def asked_after_telling(question: str) -> str:
    """What a question asks after telling a situation first (「…被厂里的人拦在门口不让进，还推搡了
    几下。阻碍代表履职的，法律上怎么处理？」 -> 「阻碍代表履职的，法律上怎么处理？」), made
    self-contained as a follow-up is when it points back (「…推到哪天当时没定下来。现在这个日子还能
    由谁来定？」); "" when it tells none."""
    told, _, asked = question.strip().rpartition("。")
    if cjk_count(told) < 4 or cjk_count(asked) < 4:
        return ""
    return resolve(asked.strip(), [told])
