"""Character classes the text modules share."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
_IGNORED = re.compile(r"[\s\"'“”‘’「」『』]")


def cjk_count(text: str) -> int:
    """How many CJK ideographs the text holds: what is left of a question once asking words,
    choices or a situation are taken off must still say something."""
    return len(_CJK.findall(text))


def squash(text: str) -> str:
    """Comparison form: no whitespace, no quotation marks (sources differ in both)."""
    return _IGNORED.sub("", text)
