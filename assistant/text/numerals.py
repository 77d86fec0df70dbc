"""Chinese numerals as used in legal numbering (第十四条, 第一百零三条) <-> integers."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NAMES = "零一二三四五六七八九"
CN_NUMERAL_CHARS = "一二三四五六七八九十百千零〇两"


def cn_to_int(text: str) -> int:
    """'一百零三' -> 103, '十四' -> 14. Raises ValueError on anything else."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def int_to_cn(number: int) -> str:
    """103 -> '一百零三', 14 -> '十四' (the form statutes use), 1 <= number <= 9999."""
    if not 0 < number < 10000:
        raise ValueError(f"out of range: {number}")
    parts: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append(_NAMES[digit] + name)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text
