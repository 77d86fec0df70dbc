"""Documents named by their place: a chair who imported his province's regulation says 「我们浙江
这边…」「重庆条例里…」「河南主席团工作条例第十五条」, never its full title
(「河南省乡镇人民代表大会主席团工作条例」).

A document whose title begins with a province or a city (浙江省…, 北京市…, 杭州市…) is named by
that place; a short name beginning with the place and ending in the kind of document
(条例, 细则, 规定, 办法, 规则) names the one document of that place whose title holds its characters
in order (浙江乡镇人大工作条例 in 浙江省乡镇人民代表大会工作条例).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# The provincial-level divisions by the names people use, each with its official prefix.
_PROVINCES: tuple[tuple[str, str], ...] = (
    *((name, f"{name}市") for name in ("北京", "天津", "上海", "重庆")),
    *(
        (name, f"{name}省")
        for name in [
            "河北",
            "山西",
            "辽宁",
            "吉林",
            "黑龙江",
            "江苏",
            "浙江",
            "安徽",
            "福建",
            "江西",
            "山东",
            "河南",
            "湖北",
            "湖南",
            "广东",
            "海南",
            "四川",
            "贵州",
            "云南",
            "陕西",
            "甘肃",
            "青海",
            "台湾",
        ]
    ),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
)
# A city, prefecture or county at the head of a title: 杭州市…, 恩施州…, 长兴县…
_LOCAL = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:市|州|县)")
# What a title beginning so is not: a national body's or a law's own name
_NOT_PLACES = ("中华", "全国", "关于", "各级", "地方", "国务", "最高")
# A document's short name runs from its place to the kind of document, with no break between
_SHORT_NAME = re.compile(r"[^，,。？?！!；;：:\s]{0,24}?(?:条例|细则|规定|办法|规则)")
_SQUASHED = re.compile(r"[、，\s]")


def title_place(title: str) -> str:
    """The place a title begins with, as people say it (浙江, 北京, 杭州); "" for none."""
    for short, full in _PROVINCES:
        if title.startswith((full, short)):
            return short
    local = _LOCAL.match(title)
    if local and not title.startswith(_NOT_PLACES):
        return local.group(1)
    return ""


def _in_order(short: str, title: str) -> bool:
    """Whether every character of `short` appears in `title`, in order."""
    chars = iter(title)
    return all(ch in chars for ch in short)


class PlaceNames:
    """The documents of each place among the indexed titles (doc_id -> title)."""

    def __init__(self, titles: dict[str, str]) -> None:
        by_place: dict[str, list[str]] = {}
        for doc_id, title in sorted(titles.items(), key=lambda item: item[1]):
            place = title_place(title)
            if place:
                by_place.setdefault(place, []).append(doc_id)
        self._titles = {
            doc_id: _SQUASHED.sub("", titles[doc_id]) for docs in by_place.values() for doc_id in docs
        }
        # longest first: 内蒙古 before any shorter name inside it
        self._places = sorted(by_place.items(), key=lambda item: -len(item[0]))

    def __bool__(self) -> bool:
        return bool(self._places)

    def mentions(
        self, text: str, taken: Sequence[tuple[int, int, str]] = ()
    ) -> list[tuple[int, int, list[str]]]:
        """(start, end, doc_ids) of each place named outside the spans already taken: its one
        document when a short name follows (「浙江乡镇人大工作条例」) or the place has only one;
        else all of the place's documents."""
        found: list[tuple[int, int, list[str]]] = []
        for place, docs in self._places:
            s = text.find(place)
            while s >= 0:
                if not any(ts <= s < te for ts, te, _ in taken) and not any(
                    fs <= s < fe for fs, fe, _ in found
                ):
                    found.append(self._named(text, s, place, docs))
                s = text.find(place, s + 1)
        return sorted(found, key=lambda m: m[0])

    def _named(self, text: str, start: int, place: str, docs: list[str]) -> tuple[int, int, list[str]]:
        end = start + len(place)
        short = _SHORT_NAME.match(text, end)
        if short:
            name = _SQUASHED.sub("", text[start : short.end()])
            fits = [doc_id for doc_id in docs if _in_order(name, self._titles[doc_id])]
            if len(fits) == 1:
                return start, short.end(), fits
        return start, end, docs
