"""Chinese tokenising for BM25: a private jieba instance with a user dictionary of congress terms."""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jieba

_KEEP = re.compile(r"[\u4e00-\u9fff0-9a-zA-Z]")
_PERSON = frozenset(["nr", "nrt", "nrfg"])
# modal verbs and question words: 「钱能花」 is 钱 + 能 + 花, 「多少钱」 and 「归谁」 ask, not name
_NOT_IN_NAME = re.compile(r"[能会要该得谁啥哪]|多少|什么|怎")
_DIVISIONS = "省市县区乡镇村"  # the words naming a division: 县, 镇, 村 …
# a verb or preposition jieba glued onto a bare division word: 「开镇人代会」 is 开 + 镇人代会 (「中央
# 驻县单位」: 驻 + 县; 「法律上县这一级」: 上 + 县), not a town called 开镇 (开封, 开封市, 上海市 stay
# names); a word's last character glued onto it (「年中县财政又下拨了一笔」: 年中 + 县); and a division
# named relative to the speaker (「搬到外县去了」, 本县, 邻省): no place the documents could be
# silent about
_GLUED_DIVISION = re.compile(
    rf"[开在到去回进来从让给对向把被由和跟与及外本该邻各全别他某每此跨驻上下中][{_DIVISIONS}]"
)
# units counted by a number before them: 「多少天先送到」 is 多少天 + 先, not a person 天先
_UNIT = re.compile(r"[天日月年周次条款项届]")
# this, that, each and the measure word after them: 「这段时间」 is 这 + 段 + 时间, not 这 + a 段时间
_DEMONSTRATIVES = frozenset(["这", "那", "哪", "每", "此", "该"])
_MEASURE_WORDS = "段个位次件名届批些回项条"
_MEASURE = re.compile(f"[{_MEASURE_WORDS}]")
# a number and its measure word (those above and 本所家户张份): jieba tags 「那四本预算」's 四本 and
# 三本 places
_COUNTED = re.compile(f"[一二三四五六七八九十两几数]+[{_MEASURE_WORDS}本所家户张份]")
# a negation modifies a verb or an adjective, never a name: jieba's dictionary tags some common
# words as places (「跟议题不沾边」: 沾边 ns; 不塞车)
_NEGATIONS = frozenset(["不", "没", "没有", "未", "别", "不要", "不会"])
# jieba tags a one-character word and the locative 里 a place: 「代表法里」 法里, 「河里」
_IN_SOMETHING = re.compile(r"[\u4e00-\u9fff]里")
# words jieba tags as names that name no place or person the documents could be silent about:
# kinds of place (「我们乡都是山区」), places said from where the speaker stands (镇里, 这里), 东西
_NOT_NAMES = frozenset(
    {
        "东西",
        "镇里",
        "乡里",
        "区里",
        "县里",
        "村里",
        "这里",
        "那里",
        "哪里",
        "山区",
        "牧区",
        "林区",
        "农区",
        "库区",
        "矿区",
        "景区",
        "城区",
        "郊区",
        "市区",
        "老区",
        "边区",
        "社区",
        "小区",
        "县城",
        "城镇",
        "乡村",
        "农村",
        "城市",
        "城乡",
        "边疆",
        "外地",
        "本地",
        "当地",
        "山沟",
        "中风",  # a stroke, which jieba's dictionary tags as a place (ns)
        "礼拜",  # a week: 「名单贴出去一个礼拜了」 (ns in jieba's dictionary)
        "上门",  # coming to the door: 「村干部上门要求选民投某个人」 (ns)
        "太极",  # stalling, 打太极: 「答复完了，大伙儿都觉得是在打太极」 (ns)
        "大都",  # mostly: 「年轻人大都在外地」 (ns, the old capital)
        "城建",  # a line of work: 「分管城建的副镇长」 (ns)
        "上台",  # going on stage: 「代表要上台讲话」 (ns)
        "老城区",  # kinds of place, as 城区: 「管老城区保护的条例」 (ns)
        "新城区",
    }
)
# where the asker or someone told of lives, works or moves (「我在宁波打工，选举那几天回不来…」「老张
# 从东村搬到西村住了」): a place said after 在/从/到… and before such a verb tells the situation,
# it is not what the question asks the rules of, as 「山东省的代表补贴…」 is
_TO_OR_AT = frozenset({"在", "从", "到", "去", "回", "来自", "住在", "搬到", "调到"})
_LIVING = re.compile(r"打工|务工|工作|上班|上学|读书|住|生活|做生意|经商|出差|搬|定居|居住|当兵|服役|落户")
# a kind of institution, which jieba's dictionary tags a person (养老院, 敬老院: nr): 「组织代表去看
# 养老院」 names no place the documents could be silent about, nor does 卫生院 or 派出所
_INSTITUTION = re.compile(r"[院所站馆园校厂场局室委]$")  # 委: 卫健委, 发改委 (nr)
# a sum of money (「竞选宣传费」: nr in jieba's dictionary), and a question asked as A-not-A
# (「职数上面卡不卡？」: jieba's guess 卡不卡, a person): no one the documents could be silent about
_NO_PERSON = re.compile(r"[费款]$|^(.)不\1")
# a quarter of the speaker's own town or county: 「我们镇东片那个选区」 (镇东: ns)
_QUARTER = re.compile(rf"[{_DIVISIONS}城][东西南北]")


# how people speak of someone they do not name (「有个老大爷在选票上勾了三个人」「让家里人帮着写」):
# jieba's dictionary tags 老大爷 and 家里人 persons, and an answer was withheld as about a person no
# document names; a kinship or address term, or a word for people ending in 人, names no one
_ADDRESS = re.compile(r"[爷奶爸妈哥姐弟妹叔姨婶舅伯娘嫂]|人$|同志$")  # 老同志: nr


def _data(name: str) -> str:
    return resources.files("assistant.text").joinpath("data", name).read_text(encoding="utf-8")


# Tokens kept for texts this short (questions, not passages), at most this many texts at a time.
_MEMO_CHARS, _MEMO_TEXTS = 200, 1024


class Tokenizer:
    """jieba search-mode tokens without punctuation or stopwords. Loads its dictionary lazily."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._memo: dict[str, tuple[str, ...]] = {}  # short text -> its tokens (see tokens)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the dictionary and stopwords, so an index knows what tokenised it."""
        digest = hashlib.sha256((_data("userdict.txt") + _data("stopwords.txt")).encode()).hexdigest()
        return f"jieba0.42.1:{digest[:12]}"

    @cached_property
    def stopwords(self) -> frozenset[str]:
        return frozenset(w.strip() for w in _data("stopwords.txt").splitlines() if w.strip())

    @cached_property
    def _jieba(self) -> jieba.Tokenizer:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tok = jieba.Tokenizer()
        for line in _data("userdict.txt").splitlines():
            parts = line.split()
            if parts:
                tok.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None)
        return tok

    @cached_property
    def _tagger(self) -> Any:
        import jieba.posseg

        # POSTokenizer(self._jieba) would read the word-tag table of the default dictionary again
        # (0.6 s of a cold start); jieba.posseg read that same table from that same file at import.
        tagger = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
        tagger.tokenizer = self._jieba
        tagger.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)
        return tagger

    def proper_names(self, text: str) -> list[str]:
        """Place and person names (jieba tags ns/nr): 「山东省」「孟景伟」. jieba's guess at an unknown
        person name runs on into the words after it (「张三能当代表吗」: 张三能, 「预算没批下来之前钱能
        花吗」: 钱能花, 「公章归谁保管」: 归谁): a person name ends before a modal verb or a question
        word, and what is left must still be two or three characters. jieba's dictionary tags
        thousands of common words nr (养老, 许可, 修正, 陈旧; idioms: 石沉大海): of its words only
        three-character ones are taken for names (毛泽东), so 雷锋 is missed. A guess that is a verb
        or preposition glued onto a bare division word (「开镇人代会」: 开镇; 「向镇人大报告」: 向镇), a
        division named relative to the speaker (外县), a kind of place (山区), a place said from
        where the speaker stands (镇里), a word and the locative 里 (「代表法里」), a unit read on
        after a number (「多少天先送到」: 天先) or after this or that (「这段时间」: 段时间), a number and its
        measure word (「那四本预算」: 四本) or a word
        after a negation (「不沾边」) is none; nor is a verb run on into the division word after it
        (「列进镇财政预算」: 列进镇; _verb_glued), a kinship or address term (老大爷, 家里人:
        _ADDRESS), a kind of institution (养老院: _INSTITUTION), a quarter of a town (镇东), the
        head or tail of a law's name (法列 of 「代表法列的」, 安全法 of 食品安全法), or where someone
        works or lives (「我在宁波打工」: _TO_OR_AT, _LIVING)."""
        with self._lock:
            pairs = self._tagger.lcut(text)
            dictionary = self._tagger.word_tag_tab
        names = []
        for before, p, after in zip([None, *pairs], pairs, [*pairs[1:], None], strict=False):
            if _COUNTED.fullmatch(p.word):
                continue  # 「那四本预算」: four of them, no place called 四本
            if _GLUED_DIVISION.fullmatch(p.word):
                continue  # 「向镇人大报告」: jieba takes 向镇 for a person as readily as for a place
            if before is not None and before.word in _NEGATIONS:
                continue
            if before is not None and before.flag == "m" and p.flag in _PERSON and _UNIT.match(p.word):
                continue  # 「提前多少天先送到」: jieba's 天先 is the unit 天 and 先, after a number
            if before is not None and before.word in _DEMONSTRATIVES and _MEASURE.match(p.word):
                continue  # 「这段时间」: jieba's 段时间 is the measure word 段 and 时间 (段 is a surname)
            if p.word[0] == "法" and p.word not in dictionary:
                continue  # 「代表法列的义务」: jieba's 法列 is the end of 代表法 and the verb after it
            if p.word[-1] == "法" and len(p.word) > 1:
                continue  # 「检查食品安全法在本县的落实情况」: jieba's 安全法 is the end of a law's name
            if (
                before is not None
                and before.word in _TO_OR_AT
                and after is not None
                and _LIVING.match(after.word)
            ):
                continue  # 「我在宁波打工」: where someone works or lives, not whose rules are asked
            if p.flag == "ns" and len(p.word) >= 2 and not _IN_SOMETHING.fullmatch(p.word):
                if not _QUARTER.fullmatch(p.word):
                    names.append(p.word)
            elif p.flag in _PERSON and not (
                _ADDRESS.search(p.word) or _INSTITUTION.search(p.word) or _NO_PERSON.search(p.word)
            ):
                word = _NOT_IN_NAME.split(p.word, 1)[0]
                if len(word) == 3 or (len(word) == 2 and p.word not in dictionary):
                    names.append(word)
        return [name for name in names if name not in _NOT_NAMES and not _verb_glued(name, dictionary)]

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens: 人民代表大会 also yields 人民, 代表, 大会, so short queries still match.

        The tokens of a short text are kept (_MEMO_*): a search tokenises its question, its
        canonical wording and the synonyms it names, and the answer some of them again; jieba
        took 3 ms of a search's 11 outside the encoders."""
        found = self._memo.get(text)
        if found is not None:
            return list(found)
        with self._lock:  # jieba's lazy initialisation is not thread-safe
            words = self._jieba.lcut_for_search(text.lower())
        kept = [w for w in words if _KEEP.search(w) and w not in self.stopwords and not w.isspace()]
        tokens = kept + _bigrams(text)
        if len(text) <= _MEMO_CHARS:
            with self._lock:
                if len(self._memo) >= _MEMO_TEXTS:
                    self._memo.clear()
                self._memo[text] = tuple(tokens)
        return tokens


def _verb_glued(word: str, dictionary: dict[str, str]) -> bool:
    """A guess of jieba's (not a word of its dictionary) made of a verb and the division word it
    acts on: 「列进镇财政预算」 is 列进 + 镇财政, 「修村道」 修 + 村道, not places 列进镇 and 修村.
    Places whose name starts with a verb are in the dictionary (进贤县, 修水县, 开化县)."""
    if word in dictionary or word[-1] not in _DIVISIONS or len(word) < 2:
        return False
    prefix = word[:-1]
    tag = dictionary.get(prefix)
    if tag is not None:
        return tag.startswith("v") or tag == "p"
    return all(dictionary.get(c, "").startswith("v") for c in prefix)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_BIGRAM_MARK = "_"


def is_bigram(token: str) -> bool:
    """A character bigram `tokens` adds, not a word: what matches across jieba's splits says
    nothing on its own about which words a sentence states."""
    return token.startswith(_BIGRAM_MARK)


def bigram_token(pair: str) -> str:
    """The token `tokens` adds for two adjacent CJK characters."""
    return _BIGRAM_MARK + pair


def _bigrams(text: str) -> list[str]:
    """Character bigrams of Chinese runs, marked with '_': they match where jieba splits a term
    differently in the question and in the text (「五簿一档」)."""
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(bigram_token(run[i : i + 2]) for i in range(len(run) - 1))
    return out
