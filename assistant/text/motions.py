"""What a number of deputies is needed for: 议案, 罢免案, 质询案, 候选人, 调查委员会, 临时会议, 撤职案.

Each has its own threshold, often in the same law and at the same level (地方组织法: a township
议案 needs 代表五人以上联名 in 第二十二条, a 罢免案 五分之一以上代表联名 in 第三十一条, a 候选人
十人以上书面联名 in 第二十六条), and the passages stating them share every word of a question asking
「几个代表联名才行？」 but the one that says what the 联名 is for. Fresh questions asking so ranked
another 联名 article first more often than anything else (eval/RESULTS.md, the thirty-fourth and
thirty-fifth sessions); `joint_match` tells the ranker whether a passage's 联名 is for the motion
asked about.
"""

from __future__ import annotations

import re

# each motion: how a question names it and how a statute does, in the sentence that sets its 联名
# or 提议. The question's own words are read, not its canonical form, where 撤掉 is already 撤职:
# 「村民想撤掉镇代表」 asks a 罢免, 「委员提撤职案」 a 撤职案.
_MOTIONS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "议案": (re.compile(r"议案|法律案|提案|案子"), re.compile(r"议案|法律案")),
    "罢免": (re.compile(r"罢免|撤下|撤掉|撤了|罢掉|换掉|拿掉|拿下"), re.compile(r"罢免")),
    "撤职": (re.compile(r"撤职|撤下|撤掉|撤了"), re.compile(r"撤职案")),
    "质询": (re.compile(r"质询"), re.compile(r"质询案")),
    # a deputy's candidacy (选举法第三十条 「选民或者代表，十人以上联名，也可以推荐代表候选人」) and an
    # office's (地方组织法第二十六条 「…代表十人以上书面联名，可以提出本级人民代表大会主席、副主席，
    # 人民政府领导人员的候选人」); a question naming neither asks both
    "代表候选人": (
        re.compile(r"代表候选人|候选代表|选民[^，,。？?]{0,8}(?:推荐|推|提名)"),
        re.compile(r"代表候选人"),
    ),
    "职务候选人": (
        re.compile(
            r"(?:长|主席|主任|委员)[^，,。？?]{0,4}(?:人选|候选人)|人选|选[^，,。？?]{0,4}(?:长|主席|主任)"
        ),
        re.compile(r"(?<!代表)候选人"),
    ),
    "调查": (re.compile(r"调查"), re.compile(r"调查委员会")),
    "临时会议": (
        re.compile(
            r"临时|(?:再|另外|额外|加|专门|单独|马上|立即|赶紧|尽快|紧急)开(?:一次|一回|个)?[^，,。？?]{0,6}会"
        ),
        re.compile(r"临时召集"),
    ),
}
# the sentence that sets a threshold: 「…代表五人以上联名，可以…」「…经过五分之一以上代表提议，可以
# 临时召集…」
_SETS_THRESHOLD = re.compile(r"联名|代表提议")
# a clause asking the people needed: 「几个代表联名」「要多少人签字」「得凑够多少张签名」「六个人够不够」
# 「得多少代表提才行」; not 「我们十个代表联名推了个人选，还得做啥？」 (the 联名 told, something else
# asked), 「几位委员准备联名提撤职案，撤职案里得写清楚哪些东西？」 (几 for several), 「由谁签字」
# (who signs a reply), 「罢免要多少人同意」 (a vote: no 联名 sentence states it)
_JOINT = re.compile(r"联名|(?<!谁)(?:签名|签字)|联署|署名|提议|(?:几|多少|比例)[^几多]{0,8}提(?![名拔前])")
_HOW_MANY = re.compile(r"几(?![位个名][^，,。？?]{0,6}(?:准备|想|打算|商量|计划))|多少|比例|够不够|够吗|够数")
_CANDIDATE = re.compile(r"候选人|提名|推(?:一个|个)?人")
_COUNT_ALONE = re.compile(r"(?:几|多少)(?:个|位|名)?(?:人|代表|委员)?(?:才行|才够|就行|够)?[吗呢呀啊]?$")
_CLAUSE = re.compile(r"[，,。？?！!；;\s]+")


def motions_asked(question: str) -> frozenset[str]:
    """The motions whose 联名 a question asks the number of (「镇人代会上几个代表联名能提议案？」:
    议案); empty when it asks no such number or names no motion."""
    clauses = _CLAUSE.split(question)
    # the number asked in the clause naming the 联名, or alone right after it (「我们几个代表想联名提个
    # 议案，得几个人？」; not 「…联名提的质询案答复完了，要有多少人不满意…」)
    if not any(
        (_JOINT.search(c) and _HOW_MANY.search(c))
        or (i and _JOINT.search(clauses[i - 1]) and _COUNT_ALONE.search(c))
        for i, c in enumerate(clauses)
    ):
        return frozenset()
    names = {name for name, (asked, _) in _MOTIONS.items() if asked.search(question)}
    if _CANDIDATE.search(question) and not names & {"代表候选人", "职务候选人"}:
        names |= {"代表候选人", "职务候选人"}
    return frozenset(names)


def joint_match(asked: frozenset[str], text: str) -> int:
    """+1 when a sentence of `text` setting a 联名 or 提议 threshold is for a motion asked about, -1
    when the text sets thresholds only for others, 0 when it sets none (or nothing is asked)."""
    if not asked:
        return 0
    sentences = [s for s in re.split(r"[。；\n]", text) if _SETS_THRESHOLD.search(s)]
    if not sentences:
        return 0
    for sentence in sentences:
        if any(_MOTIONS[name][1].search(sentence) for name in asked):
            return 1
    return -1
