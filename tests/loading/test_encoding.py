import codecs

import pytest

from assistant.loading.encoding import UndecodableError, decode_text

TEXT = "第一条 乡、民族乡、镇的人民代表大会会议一般每年举行两次。\n第二条 代表应当出席会议。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_detects_encoding(data: bytes, expected: str) -> None:
    text, encoding = decode_text(data)
    assert text == TEXT
    assert encoding == expected


def test_utf16_without_bom_with_ascii_and_chinese() -> None:
    text = "Article 1: 代表法 2025 revision. 第一条 为了保障代表依法行使职权。" * 10
    assert decode_text(text.encode("utf-16-le"))[0] == text


def test_binary_data_is_refused() -> None:
    with pytest.raises(UndecodableError):
        decode_text(bytes(range(256)) * 40)


def test_png_header_is_refused() -> None:
    with pytest.raises(UndecodableError):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(200)) * 20)
