"""Which body of the congress system a question and a passage are about: the congress itself, its
standing committee, its presidium, or the government.

Statutes state one rule per body in neighbouring articles: the congress meets 「每年至少举行一次」
(地方组织法第十四条), its standing committee 「每两个月至少举行一次」 (第五十一条), and a question
about the standing committee's meetings should prefer the second. A ranker feature (weight 0.5),
so it tips near ties only: 「什么情况下可以召开临时人代会？」 still ranks 全国人大常委会议事规则's
「有特殊需要的时候，可以临时召集会议」 first (eval/RESULTS.md step 62).
"""

from __future__ import annotations

import re

from assistant.loading.metadata import ARTICLE_LINE

CONGRESS, STANDING, PRESIDIUM, GOVERNMENT = "congress", "standing", "presidium", "government"

# On the normaliser's canonical wording (人大 → 人民代表大会, 常委会 → 常务委员会, 政府 → 人民政府,
# 人代会 → 人民代表大会会议). 人民代表大会 names the congress only where it is not the owner of
# another body or of its deputies: 「人民代表大会常务委员会」「人民代表大会代表」.
_BODIES = {
    STANDING: re.compile(r"常务委员会"),
    PRESIDIUM: re.compile(r"主席团"),
    GOVERNMENT: re.compile(r"人民政府"),
    CONGRESS: re.compile(r"人民代表大会(?!常务委员会|主席团|代表|专门委员会|的?主席|各?代表团)"),
}
_FIRST_SENTENCE = re.compile(r"[^。；：\n]+")


def bodies(text: str) -> frozenset[str]:
    return frozenset(body for body, pattern in _BODIES.items() if pattern.search(text))


def lead_bodies(text: str) -> frozenset[str]:
    """The bodies a passage's first sentence speaks of (its subject, as a rule states it first)."""
    label = ARTICLE_LINE.match(text)  # 「第六条 」, on its own line or not
    first = _FIRST_SENTENCE.search(text, label.end() if label else 0)
    return bodies(first.group(0)) if first else frozenset()


def body_match(asked: frozenset[str], passage: frozenset[str]) -> int:
    """+1 the passage's first sentence speaks of an asked body, -1 only of others, 0 otherwise."""
    if not asked or not passage:
        return 0
    return 1 if asked & passage else -1
