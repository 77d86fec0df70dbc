"""Law names and article numbers in a question: 「代表法第五十一条」 -> that article, first.

Aliases come from the titles actually indexed (with and without 中华人民共和国, with 人大/常委会
abbreviations) plus the short names people use for the congress laws.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from assistant.retrieval.regions import PlaceNames
from assistant.text.chars import cjk_count
from assistant.text.numerals import CN_NUMERAL_CHARS, cn_to_int

# Short names whose form cannot be derived from the title by abbreviation alone.
COMMON_NAMES: dict[str, str] = {
    "地方组织法": "地方各级人民代表大会和地方各级人民政府组织法",
    "代表法": "全国人民代表大会和地方各级人民代表大会代表法",
    "选举法": "全国人民代表大会和地方各级人民代表大会选举法",
    "监督法": "各级人民代表大会常务委员会监督法",
    "全国人大组织法": "全国人民代表大会组织法",
    "全国人大议事规则": "全国人民代表大会议事规则",
    "全国人大常委会议事规则": "全国人民代表大会常务委员会议事规则",
    "常委会议事规则": "全国人民代表大会常务委员会议事规则",
}
_ABBREVIATIONS = (("人民代表大会", "人大"), ("常务委员会", "常委会"), ("人民政府", "政府"))
_ARTICLE = re.compile(rf"第([{CN_NUMERAL_CHARS}]+)条")
_NUMBER = rf"[{CN_NUMERAL_CHARS}0-9]+"
# 「第十二条第四项」「第45条第2款」「第四十五条的第二款第三项」
_PART_REF = re.compile(rf"第{_NUMBER}条的?(?:第({_NUMBER})款)?的?(?:第({_NUMBER})项)?")


_VERB = "通过|制定|颁布|公布|发布|出台|施行|实施|生效|修改|修正|修订"
_WHEN = "什么时候|啥时候|何时|哪一?年|哪一?天|几月几[日号]|什么时间|什么日期"
# words between a law's name and what is asked of its history: 「代表法最近一次修正是哪年」
_BETWEEN = "[的是于在自从共一先后至今现目前行最近后早初第次已经都曾还总到了过]*"
# the two bodies that make national laws: 「是全国人大还是全国人大常委会制定的」
_MAKER = "全国(?:人大|人民代表大会)(?:常委会|常务委员会)?"
# What a question asks right after naming a law, when it asks the law's own history (its 题注):
# when it was passed or took effect, how often it was amended, who made it, whether it is in
# force. Not 「宪法的修改由谁提议」 nor 「预算法规定预算草案什么时候通过」: the procedure a law sets.
_HISTORY = re.compile(
    rf"》?{_BETWEEN}(?:"
    rf"(?:{_WHEN})(?:开始|起)?(?:{_VERB})"
    rf"|(?:哪个|什么|哪一?级)(?:机关|部门|单位)(?:{_VERB})的|由?谁(?:{_VERB})的"
    rf"|(?:{_VERB})(?:过|了|的)*(?:是|在|于)?(?:{_WHEN}|几次|多少次|哪几次|次数|时间|日期|年份|机关|历史|历程|沿革|情况)"
    rf"|由?{_MAKER}还是{_MAKER}(?:{_VERB})的"
    # 「实施以来有什么变化」「施行以来修改过几次」
    rf"|(?:{_VERB})以来(?:有|发生了?|作了|做了|经过了?|经历了?)?(?:什么|哪些|几次|多少次)?"
    rf"(?:变化|修改|修正|修订|变动)"
    rf"|(?:最新|现行)?版本(?:是|为)?(?:{_WHEN}|哪个|哪一个|什么)"
    rf"|制定机关|施行日期|生效日期|通过日期|公布日期|沿革|效力"
    rf"|(?:是否|是不是)?还?(?:现行)?(?:有效|失效|废止)的?(?:吗|了吗|没有|了没有)?"
    rf"(?=[？?。，,]|$))"
)


# 「监督法一共有多少条？」「代表法有几条」: how many articles a law has; not 「代表法第几条规定…」
_COUNT = re.compile(rf"》?{_BETWEEN}各?有?(?<!第)(?:多少|几)条(?:条文)?(?=[？?。，,吗呀啊]|$)")
# 「代表法和选举法各有多少条」: laws named together ask together
_JOINED = re.compile(r"》?[和与及跟、]《?")


# A name ending in 法 read on into a word of its own: 「监督法官」 is 监督 + 法官, not 监督法 + 官;
# 「监督法规」 too, but 「监督法规定」 names the law.
_FA_WORDS = re.compile(r"[官院律治庭警学典]|规(?!定)")


def _word_goes_on(text: str, end: int) -> bool:
    """Whether the name ending at `end` is the start of a longer word (「监督法官」)."""
    return text[end - 1 : end] == "法" and _FA_WORDS.match(text, end) is not None


def named_part(question: str) -> tuple[int, int]:
    """(款, 项) the question names right after an article, 0 for either not named:
    「地方组织法第十二条第四项是什么？」 -> (0, 4)."""
    for match in _PART_REF.finditer(question):
        clause, item = match.groups()
        if clause or item:
            try:
                return (_to_int(clause) if clause else 0, _to_int(item) if item else 0)
            except ValueError:
                return (0, 0)
    return (0, 0)


# What a question asking only for an article's text says around its number: 「第十二条是什么内容？」
# 「请问第12条讲的啥」「第五十一条的原文」
_ASKS_TEXT = re.compile(
    r"请问|请|帮我|麻烦|查一下|查查|看看|说说|讲讲|解释|一下|具体|原文|全文|条文|内容|意思|规定"
    r"|讲|说|写|是|的|了|什么|啥|哪些|有|呢|吗|呀|啊"
)


def asks_article_only(text: str) -> bool:
    """Whether the text asks for an article's text and says nothing else: 「第十二条是什么内容？」
    names no law and no topic that would tell which law's article it means."""
    if not _ARTICLE.search(text):
        return False
    return cjk_count(_ASKS_TEXT.sub("", _PART_REF.sub("", text))) == 0


def _to_int(number: str) -> int:
    return int(number) if number.isdigit() else cn_to_int(number)


@dataclass(frozen=True, slots=True)
class ArticleRef:
    doc_id: str | None  # None: no law named
    article_no: int


def title_aliases(title: str) -> set[str]:
    """Every way a question may name this document."""
    core = title.removeprefix("中华人民共和国")
    names = {title, core, f"《{title}》", f"《{core}》"}
    for full, short in _ABBREVIATIONS:
        names |= {n.replace(full, short) for n in list(names)}
    for short, full in COMMON_NAMES.items():
        if core == full:
            names.add(short)
    return {n for n in names if len(n) >= 2}


def short_name(title: str) -> str:
    """The shortest name a question may use for this document (代表法, 宪法): for telling people
    how to name it."""
    return min(title_aliases(title), key=len)


# A law the index does not hold is matched under this prefix and its full name, never as a doc_id.
_ELSEWHERE = "\0"
# What a question asks of a law it names, right after the name: 「监察法里…」「村民委员会组织法第几条
# 规定的」「土地管理法对宅基地怎么规定」; not 「违反了治安管理处罚法被拘留」, where the law only tells
# what happened. Or right before it: 「依据土地管理法…」.
_ASKS_OF_LAW = re.compile(r"》?的?(?:里|中|上|第|规定|怎么|如何|对|说|讲|写|有没有|是否|哪|关于|明确)")
_CITES_LAW = re.compile(r"(?:依据|根据|按照|依照|引用|适用)《?$")


def _asks_of_law(text: str, start: int, end: int) -> bool:
    """Whether the law named at text[start:end] is asked about, not only told of."""
    return _ASKS_OF_LAW.match(text, end) is not None or _CITES_LAW.search(text, 0, start) is not None


class LawResolver:
    """Finds the documents and articles a question names, among the indexed titles (by name, or by
    the place a regulation is of: regions.PlaceNames); and the laws it asks about that exist
    (`elsewhere`: the full names of laws the index may lack) but are not indexed."""

    def __init__(self, titles: dict[str, str], elsewhere: Collection[str] = ()) -> None:  # doc_id -> title
        indexed = [(alias, doc_id) for doc_id, title in titles.items() for alias in title_aliases(title)]
        known = {alias for alias, _ in indexed}
        # a law indexed under a title of its own (a copy from elsewhere) is not also missing
        unindexed = [
            (alias, f"{_ELSEWHERE}{name}")
            for name in elsewhere
            if not (aliases := title_aliases(name)) & known
            for alias in aliases
        ]
        self._aliases: list[tuple[str, str]] = sorted(
            indexed + unindexed,
            key=lambda pair: (-len(pair[0]), pair),  # longest first; ties in a fixed order, not set order
        )
        # the aliases by their first two characters: a question holds a few dozen of them, so the
        # thousands of aliases of every law known by name are not each searched for (1.7 ms a search)
        self._by_head: dict[str, list[int]] = {}
        for i, (alias, _) in enumerate(self._aliases):
            self._by_head.setdefault(alias[:2], []).append(i)
        self._places = PlaceNames(titles)
        # text -> (its names, its places with several documents): one question is resolved
        # several times
        self._cache: dict[str, tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]] = {}

    def named_documents(self, text: str) -> list[str]:
        """doc_ids named in the text, in order of appearance."""
        named = sorted(self._indexed(text) + self._resolved(text)[1])
        return list(dict.fromkeys(doc_id for _, _, doc_id in named))

    def unindexed_laws(self, text: str) -> list[str]:
        """Full names of the laws the text asks about (what they say, where) that the index does not
        hold: 「监察法里乡镇人大代表算不算监察对象？」 -> ["中华人民共和国监察法"]."""
        return list(
            dict.fromkeys(
                key.removeprefix(_ELSEWHERE)
                for s, e, key in self._matches(text)
                if key.startswith(_ELSEWHERE) and _asks_of_law(text, s, e)
            )
        )

    def _indexed(self, text: str) -> list[tuple[int, int, str]]:
        return [m for m in self._matches(text) if not m[2].startswith(_ELSEWHERE)]

    def history_documents(self, text: str) -> list[str]:
        """doc_ids of the laws whose own history the text asks (「代表法是哪一年通过的？」)."""
        return list(dict.fromkeys(doc_id for _, e, doc_id in self._indexed(text) if _HISTORY.match(text, e)))

    def counted_documents(self, text: str) -> list[str]:
        """doc_ids of the laws whose number of articles the text asks (「监督法一共有多少条？」,
        「代表法和选举法各有多少条？」)."""
        named = self._indexed(text)
        counted: list[str] = []
        for i, (_, end, doc_id) in enumerate(named):
            if not _COUNT.match(text, end):
                continue
            together = [doc_id]
            while i > 0 and _JOINED.fullmatch(text, named[i - 1][1], named[i][0]):
                i -= 1
                together.insert(0, named[i][2])
            counted += together
        return list(dict.fromkeys(counted))

    def _matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, doc_id) of each name; a shorter alias inside a longer one that already
        matched does not count (全国人大常委会议事规则 is not also 常委会议事规则)."""
        return self._resolved(text)[0]

    def _resolved(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """_matches, and the places named whose several documents the text does not tell apart
        (浙江: its 工作条例 and its 选举实施细则): they name all of them, but none of their articles."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        taken: list[tuple[int, int, str]] = []
        for alias, doc_id in self._possible(text):
            s = text.find(alias)
            while s >= 0:
                e = s + len(alias)
                if not _word_goes_on(text, e) and not any(ts <= s and e <= te for ts, te, _ in taken):
                    taken.append((s, e, doc_id))
                s = text.find(alias, s + 1)
        several = []
        for s, e, docs in self._places.mentions(text, taken) if self._places else ():
            if len(docs) == 1:
                taken.append((s, e, docs[0]))
            else:
                several += [(s, e, doc_id) for doc_id in docs]
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[text] = (sorted(taken), several)
        return self._cache[text]

    def _possible(self, text: str) -> list[tuple[str, str]]:
        """The aliases whose first two characters occur in the text, in their order (longest first)."""
        found = {i for start in range(len(text)) for i in self._by_head.get(text[start : start + 2], ())}
        return [self._aliases[i] for i in sorted(found)]

    def article_refs(self, text: str) -> list[ArticleRef]:
        """Articles named in the text, each tied to the law named closest before it; none of a law
        the index does not hold (「监察法第十五条」 is no article of the indexed laws)."""
        names = self._matches(text)
        refs: list[ArticleRef] = []
        for match in _ARTICLE.finditer(text):
            try:
                number = cn_to_int(match.group(1))
            except ValueError:
                continue
            before = [doc_id for pos, _, doc_id in names if pos < match.start()]
            if before and before[-1].startswith(_ELSEWHERE):
                continue
            refs.append(ArticleRef(before[-1] if before else None, number))
        return refs
