"""Follow-up questions (「那罢免呢？」「这个要多少人联名？」) rewritten into self-contained ones from
the question before: a chat's earlier turn, or the sub-question before it in one message."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.text.answer_types import answer_type

_PRONOUN = re.compile(r"这个|这件事|这种情况|这种|这项|这样|它|其|该事项|上述|同样")
_OPENER = re.compile(r"^(那么|那|还有|另外|再问一下|再问|如果是|要是|后来|然后|接着|随后)[，,、\s]*")
_WHAT_ABOUT = re.compile(r"^(?:那么|那)?[，,\s]*(.{1,20}?)(?:的话)?呢[？?]?$")
_QUESTION_TAIL = re.compile(
    r"(是什么|是怎么规定的|怎么规定|有什么规定|有哪些|怎么办|怎么|如何|吗|呢|？|\?|。)+$"
)
_CONTENT = re.compile(r"[\u4e00-\u9fff]")
# A question opening on its verb, a modal or an asking word names no subject: 「应当履行哪些义务？」
# after 「人大代表享有哪些权利？」, 「要多少人联名？」 after 「罢免乡长怎么提？」.
_NO_SUBJECT = re.compile(
    r"^(?:应当|应该|要|需要|须|必须|能|能否|能不能|可以|可否|可不可以|得|该|是否|有没有|由谁|谁来|向谁|找谁"
    r"|怎么|怎样|如何|多少|几|多久|多长|什么时候|何时)"
    # or on a verb asked as 「X不X」: 「算不算权力机关里的一员？」 after 「镇人大代表在法律上算个啥？」
    r"|^([\u4e00-\u9fff])不\1"
    # or on a deed done to what was asked about: 「定下来以后还要报哪里备案？」 after 「代表名额由哪一
    # 级定？」 (a completed verb, 定下来/批完/报上去, not a time of its own such as 换届以后)
    r"|^[\u4e00-\u9fff]{1,3}(?:下来|上去|完|好|了)(?:以后|之后)"
)


def is_follow_up(question: str) -> bool:
    """Short, leaning on something said before (那…呢, 这个, 它), or naming no subject."""
    q = question.strip()
    content = len(_CONTENT.findall(q))
    leans = _OPENER.match(q) or _WHAT_ABOUT.match(q) or _PRONOUN.search(q) or _NO_SUBJECT.match(q)
    return bool(leans) or content <= 4


def resolve(question: str, earlier: Sequence[str]) -> str:
    """A self-contained question: the follow-up with the subject of the previous question."""
    if not earlier or not is_follow_up(question):
        return question
    previous = resolve(earlier[-1], earlier[:-1])  # the previous turn may itself be a follow-up
    topic = _QUESTION_TAIL.sub("", previous).strip("，, ")
    q = question.strip()
    what = _WHAT_ABOUT.match(q)
    if what:
        swapped = _swap(previous, what.group(1))  # 「那县级呢？」: same question, other level or role
        return swapped or f"{_subject(topic)}{what.group(1)}？"  # 「那罢免呢？」: same subject, new matter
    if answer_type(q) and answer_type(topic):
        # both ask a kind of fact (「一年开几次」, then 「要提前几天通知」): the follow-up's decides
        # what is asked, and the earlier one's asking words would be read first
        topic = _subject(topic)
    if _PRONOUN.search(q):  # 「这个要多少人联名？」: the pronoun stands for the previous topic
        return _PRONOUN.sub(topic, _OPENER.sub("", q), count=1)
    return f"{topic}，{_OPENER.sub('', q)}"


# Words a follow-up swaps one for another: levels of government and roles, longest first.
_SLOTS = (
    ("全国", "省级", "省", "设区的市", "市级", "县级", "区级", "县", "区", "乡镇", "乡级", "乡", "镇"),
    (
        "人大主席团",
        "主席团",
        "人大主席",
        "人大副主席",
        "人大代表",
        "代表",
        "常委会",
        "乡长",
        "镇长",
        "副乡长",
        "副镇长",
        "选民",
    ),
)


# An article named, with its 款 and 项: 「那第十二条呢？」 after 「代表法第十一条是什么？」 asks for
# 代表法第十二条, not both articles
_ARTICLE_REF = re.compile(
    r"第[零〇一二三四五六七八九十百千0-9]+条(?:第[零〇一二三四五六七八九十0-9]+[款项])*"
)


def _swap(previous: str, replacement: str) -> str:
    """The previous question with its level, role or article replaced by the follow-up's, or ''."""
    if _ARTICLE_REF.fullmatch(replacement):  # after a question naming no article, it is asked alone
        refs = list(_ARTICLE_REF.finditer(previous))
        if not refs:
            return f"{replacement}是什么内容？"
        return previous[: refs[-1].start()] + replacement + previous[refs[-1].end() :]
    for slot in _SLOTS:
        new = next((w for w in slot if w in replacement), None)
        old = next((w for w in slot if w in previous), None)
        # only a bare swap (「那县级呢」, 「那全国人大呢」); 「那罢免镇长呢」 asks about a new matter
        if new and old and new != old and len(replacement) <= len(new) + 2:
            return previous.replace(old, new, 1)
    return ""


# Where the subject of a question ends: its verb (怎么/要/能/可以…), or the words asking how many
# or how often (「镇人大会议一年开几次」). 「那罢免镇长呢？」 after it resolved to 「镇人大会议一年开几次
# 罢免镇长？」, which asks a frequency, and the meetings' 每年两次 came before the recall article.
_SUBJECT_ENDS = re.compile(
    r"^(.{2,20}?)(?:怎么|如何|要|需要|能|可以|应当|由谁|是否|有没有|的程序|的产生|选举|任期|多久|多长"
    r"|一年|每年|一届|每届|(?:由|有)?(?:几|多少))"
)


def _subject(topic: str) -> str:
    """Who or what the previous question was about: the part before its verb or asking words."""
    match = _SUBJECT_ENDS.match(topic)
    return match.group(1) if match else topic
