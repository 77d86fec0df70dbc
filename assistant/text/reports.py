"""Which report a text speaks of.

监督法 sets a deadline or a procedure per kind of report: a 专项工作报告 is sent to the committee
「二十日前」 (第十五条), the government reports on the rectification of what an audit found 「六个月
内」 after the 审计工作报告 (第二十二条). A deadline stated for one kind of report does not answer
a question about another, however close the words.
"""

from __future__ import annotations

import re

# kind -> how questions (colloquial) and statutes (canonical) name it
_REPORTS = {
    "government": re.compile(r"(?:人民)?政府的?工作报告|政府报告"),
    "special": re.compile(r"专项(?:工作)?报告"),
    "audit": re.compile(r"审计(?:工作)?报告|审计查出"),
    "plan": re.compile(r"计划(?:执行情况)?的?报告|计划(?:、预算)?的?执行情况"),
    "budget": re.compile(r"预算(?:执行情况)?的?报告|预算的?执行情况|决算"),
    "inspection": re.compile(r"执法检查报告"),
    "assets": re.compile(r"国有资产管理情况"),
    "debt": re.compile(r"政府债务"),
    "presidium": re.compile(r"主席团的?工作报告"),
    "standing": re.compile(r"常务?委员?会的?工作报告"),
    "judicial": re.compile(r"(?:人民)?(?:法院|检察院)的?工作报告|两院报告"),
}


def reports(text: str) -> frozenset[str]:
    """The kinds of report the text names."""
    return frozenset(kind for kind, pattern in _REPORTS.items() if pattern.search(text))


def other_reports_only(asked: frozenset[str], text: str) -> bool:
    """The text names reports, none of them a kind the question asks about."""
    named = reports(text)
    return bool(asked and named and not asked & named)
