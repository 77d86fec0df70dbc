"""Decode text files whose encoding is detected, not assumed (UTF-8 ± BOM, GB18030/GBK, UTF-16)."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises UndecodableError for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(name), name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data.decode(utf16), utf16)
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except (UnicodeDecodeError, UndecodableError):
        pass
    for name in ("utf-16-le", "utf-16-be"):  # Chinese-only UTF-16 without BOM has no NUL bytes
        text = _plausible_chinese(data, name)
        if text is not None:
            return text, name
    try:
        return _checked(data.decode("gb18030"), "gb18030")
    except (UnicodeDecodeError, UndecodableError):
        pass
    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("无法识别文件编码（可能是二进制文件）")
    return _checked(str(best), best.encoding)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes at every other position for ASCII."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.2 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.2 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _plausible_chinese(data: bytes, name: str) -> str | None:
    """The text if `data` decodes strictly as `name` into Chinese prose (GBK bytes read as
    UTF-16 land in surrogates, Hangul or private use, and fail this)."""
    if len(data) % 2:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    sample = text[:5000]
    good = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or ch.isascii()
    )
    punctuation = any("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in sample)
    return text if punctuation and good >= 0.97 * len(sample) else None


def _checked(text: str, name: str) -> tuple[str, str]:
    """Reject decodings that are mostly control or private-use characters: binary data."""
    if not text:
        return text, name
    sample = text[:20000]
    bad = sum(1 for ch in sample if _is_garbage(ch))
    if bad > max(2, len(sample) // 100):
        raise UndecodableError("内容不是可读文本（疑似二进制文件）")
    return text, name


def _is_garbage(ch: str) -> bool:
    if ch in "\n\r\t\f":
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Co", "Cs", "Cn")
