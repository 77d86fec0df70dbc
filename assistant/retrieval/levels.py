"""Which level of the congress system a question and a passage are about (乡镇 / 县级 / 省、设区
的市 / 全国).

Statutes often state one rule per level in neighbouring articles (罢免 at 县级以上 needs 十分之一,
at 乡级 五分之一) or sentences (预算法第四十四条: the provinces' budget committee, the cities', the
counties'), so a question about a township should prefer the township article, and one about a
county the county's sentence.
"""

from __future__ import annotations

import re

from assistant.text.parts import asking_clauses, asking_parts
from assistant.types import Chunk

TOWNSHIP, COUNTY, PROVINCE, NATIONAL = "township", "county", "province", "national"
ALL_LEVELS = frozenset({TOWNSHIP, COUNTY, PROVINCE, NATIONAL})

QUESTION_CUES: dict[str, tuple[str, ...]] = {
    TOWNSHIP: (
        "乡镇",
        "乡级",
        "镇人大",
        "乡人大",
        "镇政府",
        "乡政府",
        "乡长",
        "镇长",
        "民族乡",
        "镇里",
        "乡里",
        "镇人代会",
        "乡人代会",
    ),
    COUNTY: (
        "县级",
        "区人大",
        "县人大",
        "区政府",
        "县政府",
        "区长",
        "县长",
        "区人代会",
        "县人代会",
        "区级",
        "县乡",  # 「县乡两级」「县乡人大代表选举」: the counties' and the townships'
    ),
    # provinces and the cities divided into districts (设区的市), which statutes name together
    PROVINCE: ("省人大", "市人大", "省级", "省政府", "市政府", "省长", "市长", "设区的市", "自治州", "各省"),
    NATIONAL: ("全国人大", "全国人民代表大会", "国务院", "委员长", "全国人代会"),
}
# Words that only say which level (县, 市辖区, 乡镇; 镇长, the head of a level's government): a
# sentence stating a rule rarely repeats its level, which its article's heading or first sentence
# names, and one naming the level's head states other rules about him as often as the one asked.
LEVEL_WORDS = frozenset(
    {
        "乡长",
        "镇长",
        "县长",
        "区长",
        "市长",
        "省长",
        "乡",
        "镇",
        "乡镇",
        "民族乡",
        "乡级",
        "县",
        "区",
        "市辖区",
        "辖区",
        "县级",
        "区级",
        "自治县",
        "市",
        "省",
        "省级",
        "自治区",
        "自治州",
        "设区的市",
        "不设区的市",
    }
)
PASSAGE_MARKERS: dict[str, tuple[str, ...]] = {
    TOWNSHIP: ("乡、民族乡、镇", "乡级", "乡镇", "乡长", "镇长"),
    COUNTY: ("县级以上", "县、自治县", "县级", "市辖区"),
    PROVINCE: ("县级以上", "省、自治区", "省级", "自治州", "设区的市"),
    NATIONAL: ("全国人民代表大会",),
}


# 「不设区的市」 is a county-level city, named with the counties (「县、自治县、不设区的市、市辖区」)
_NOT_DIVIDED = re.compile(r"不设区的市")

_LOCAL = (TOWNSHIP, COUNTY, PROVINCE)  # the local levels, lowest first

# 「乡镇人大有常委会吗？」「乡镇人大能不能设专门委员会？」: whether a level has an organ is answered by
# the rule naming the local levels that have it (「县级以上的地方各级人民代表大会设立常务委员会」),
# another level's rule, so such a question is about the level it names and the local levels above
_ORGAN = (
    r"(?:立|置)?(?:个)?(?:人大|人民代表大会)?"
    r"(?:常委会|常务委员会|专门委员会|专委会|主任会议|代表资格审查委员会|秘书长)"
)
ASKS_IF_LEVEL_HAS = re.compile(
    rf"(?:有没有|有无|设不设|有|设){_ORGAN}(?=[？?。，,]*(?:吗|么|对吗|对不对)|[？?]?$)"
    rf"|(?:能不能|可不可以|可以|能|要不要|是否|应当|应该)(?:设|成立){_ORGAN}"
)


def question_levels(text: str) -> frozenset[str]:
    """The levels a question is about, with the local levels above those it names when it asks
    whether a level has an organ (ASKS_IF_LEVEL_HAS)."""
    text = _NOT_DIVIDED.sub("县", text)
    named = frozenset(level for level, cues in QUESTION_CUES.items() if any(c in text for c in cues))
    local = [i for i, level in enumerate(_LOCAL) if level in named]
    if local and ASKS_IF_LEVEL_HAS.search(text):
        return named | frozenset(_LOCAL[min(local) :])
    return named


def asked_levels(question: str) -> frozenset[str]:
    """In a question asking one thing, the levels the clauses asking it name; the question's
    levels when they name none, or when it asks several things (each part is of its own level:
    「我们镇人代会上，代表联名提议案要几个人？全国人代会上…又得多少人？」). A clause before the
    asking one tells what is known, often of another level to compare with: 「镇人大代表最多一百
    六十名，那县人大代表总名额最多能到多少？」 asks the county's number."""
    asking = asking_clauses(question) if len(asking_parts(question)) < 2 else []
    return (question_levels("，".join(asking)) if asking else frozenset()) or question_levels(question)


# 「县级以上的地方各级…」 is about counties and up; 「地方各级…」 alone is about every local level.
_COUNTY_AND_UP = re.compile(r"县级以上(?:的)?(?:地方)?各级")


# 「地方各级…」 is about every local level; so are 预算法's 「各级政府」「各级一般公共预算」, the township's
# too (第三条: 「…乡、民族乡、镇五级预算」): 第六十六条 (「各级一般公共预算年度执行中有超收收入的，只能
# 用于冲减赤字…」) counted as the provinces' for its third paragraph. Not 「各级人民代表大会常务委员会」,
# which townships have not.
_EVERY_LEVEL = re.compile(r"地方各级|各级(?!人民代表大会常务委员会)")


# 「向本级人民代表大会常务委员会或者乡、民族乡、镇的人民代表大会主席团报告」: each level's organ, the
# standing committee where there is one (counties and up), the township's otherwise; also its offices
# (代表法第五十一条: 「由本级人民代表大会常务委员会办事机构、工作机构或者乡、民族乡、镇的人民代表大会主席团
# 交由有关机关…办理」, which counted as the townships' only and lost 「三个月内答复」 to a county question)
_EACH_LEVELS_ORGAN = re.compile(r"常务委员会[^。；，]{0,12}?(?:或者|和|、)乡、民族乡、镇")


def passage_levels(text: str) -> frozenset[str]:
    text = _NOT_DIVIDED.sub("县", text)
    levels = {level for level, marks in PASSAGE_MARKERS.items() if any(m in text for m in marks)}
    if "县级以下" in text:  # 「县级以下人民代表大会代表选举」: the counties' and the townships'
        levels.add(TOWNSHIP)
    if _EVERY_LEVEL.search(_COUNTY_AND_UP.sub("", text)) or _EACH_LEVELS_ORGAN.search(text):
        levels |= {TOWNSHIP, COUNTY, PROVINCE}
    return frozenset(levels)


_STANDING_COMMITTEES_LAW = re.compile(r"各级人民代表大会常务委员会\w*法$")


def chunk_levels(chunk: Chunk) -> frozenset[str]:
    """A passage's levels from its own words, else from the opening clause of its article (a
    piece of items of a long article lost it), else from its headings: 地方组织法第五十一条 (「常务
    委员会会议由主任召集并主持，每两个月至少举行一次」) names no level, its chapter 「县级以上的地方
    各级人民代表大会常务委员会」 does. Else, in a statute, from its title: every article of
    全国人民代表大会常务委员会议事规则 is the NPC's, also 「常务委员会会议有常务委员会全体组成人员的过半数
    出席，始得举行」 (a speech's title, 「乡镇人大主席会议讲话」, does not bound what it speaks of).
    Headings or a title that span every level make the passage every level's: 代表法第三十八条
    (「代表在人民代表大会各种会议上的发言和表决，不受法律追究」) speaks of township deputies as much
    as 地方组织法's level-less articles do of every local level, and ranked below the NPC's own
    rule for a township question when it counted as no level."""
    found = passage_levels(chunk.text) or passage_levels(chunk.lead)
    if found:
        return found
    found = passage_levels(" ".join(chunk.section_path))
    if found or not chunk.kind.statute:
        return found
    # 监督法 (「各级人民代表大会常务委员会监督法」) is the standing committees' law, and townships have none:
    # its 「提质询案的常务委员会组成人员的过半数对…答复不满意的」 does not answer a township deputy's 质询
    if _STANDING_COMMITTEES_LAW.search(chunk.title):
        return frozenset({COUNTY, PROVINCE, NATIONAL})
    return passage_levels(chunk.title)


def level_match(asked: frozenset[str], passage: frozenset[str]) -> int:
    """+1 the passage speaks of an asked level, -1 it speaks only of other levels (-2 the NPC's
    only, for a question about a local level: its rules of procedure word a township question's
    matter as closely as the local article does, 全体代表的过半数, 代表团), 0 otherwise."""
    if not asked or not passage:
        return 0
    if asked & passage:
        return 1
    return -2 if passage == {NATIONAL} else -1


def ranking_level(asked: frozenset[str], passage: frozenset[str]) -> int:
    """The ranker's level evidence: level_match, and for a question naming no level -1 for a
    passage about the NPC only. The assistant is asked by township and county chairs and
    deputies, whose 人大常委会 is the county's and whose 代表 are local deputies: of the
    walk-through's level-less questions, 「人大常委会组成人员辞职要经过谁同意？」 had 全国人大议事规则第
    四十三条 first and 地方组织法第三十二条 under it, 「质询案由谁答复？」 the NPC's rule first and
    监督法第五十二条 second. A national rule still answers when no local one does (立法法 on
    法律草案), and a question naming the NPC (全国人大, 国务院) asks about that level."""
    if not asked:
        return -1 if passage == {NATIONAL} else 0
    return level_match(asked, passage)
