import io
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from assistant.errors import LoadError
from assistant.loading import iter_files, load_bytes, load_file
from assistant.types import DocKind
from tests.conftest import REGULATION, SPEECH


def make_docx(paragraphs: list[tuple[str, str]]) -> bytes:
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(lines: list[str], password: str | None = None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, encrypt=password)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(60, 800 - 20 * i, line)
    pdf.save()
    return out.getvalue()


def test_markdown_law_title_kind_and_revision() -> None:
    doc = load_bytes(REGULATION.encode("utf-8"), "条例.md")
    assert doc.title == "某某镇人民代表大会工作条例"
    assert doc.kind == DocKind.REGULATION
    assert doc.revision_date == "2023-06-01"
    assert doc.revision_label == "2023年修正"
    assert "第一次修正" in doc.revision


def test_speech_title_falls_back_to_file_name() -> None:
    doc = load_bytes(SPEECH.encode("utf-8"), "2023-镇人大讲话.txt")
    assert doc.title == "2023-镇人大讲话"
    assert doc.kind == DocKind.SPEECH


def test_gbk_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_bytes("关于召开会议的通知\n会议定于三月十日举行。\n".encode("gbk"))
    doc = load_file(path)
    assert doc.title == "关于召开会议的通知"
    assert doc.encoding == "gb18030"


def test_utf16_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.md"
    path.write_bytes(REGULATION.encode("utf-16"))
    assert load_file(path).text == REGULATION


def test_docx_title_from_heading_and_text() -> None:
    data = make_docx(
        [
            ("镇人大代表履职办法", "Title"),
            ("第一条 代表应当联系选民。", "Normal"),
            ("第二条 代表每年述职一次。", "Normal"),
            ("第三条 本办法自公布之日起施行。", "Normal"),
        ]
    )
    doc = load_bytes(data, "办法.docx")
    assert doc.title == "镇人大代表履职办法"
    assert "第二条 代表每年述职一次。" in doc.text


def test_pdf_text_and_title_from_first_line() -> None:
    data = make_pdf(
        ["某某镇人民代表大会工作规则", "第一条 为了规范会议，制定本规则。", "第二条 会议每年举行两次。"]
    )
    doc = load_bytes(data, "规则.pdf")
    assert doc.title == "某某镇人民代表大会工作规则"
    assert "第二条 会议每年举行两次。" in doc.text


def test_html_title_and_paragraphs() -> None:
    html = (
        "<html><head><title>页面</title><script>var x=1;</script></head><body><h1>代表建议办理规定</h1>"
        "<p>第一条 代表建议应当认真办理。</p><p>第二条 办理期限为三个月。</p></body></html>"
    )
    doc = load_bytes(html.encode("utf-8"), "a.html")
    assert doc.title == "代表建议办理规定"
    assert "第二条 办理期限为三个月。" in doc.text
    assert "var x" not in doc.text


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "文件为空"),
        (b"   \n\t  ", "blank.txt", "没有可读取的文字"),
        (bytes(range(256)) * 50, "binary.txt", "二进制"),
        (b"PK\x03\x04 not really a zip", "fake.docx", ".docx"),
        (b"this is not a docx", "plain.docx", "zip"),
        (b"%PDF-1.4 garbage without objects", "broken.pdf", "PDF"),
        (b"text", "table.xlsx", "不支持的文件类型"),
    ],
)
def test_bad_files_raise_load_error_with_reason(data: bytes, name: str, reason: str) -> None:
    with pytest.raises(LoadError) as info:
        load_bytes(data, name)
    assert reason in info.value.reason
    assert info.value.path == name


def test_encrypted_pdf_is_refused_clearly() -> None:
    data = make_pdf(["保密文件", "第一条 内容。"], password="secret")
    with pytest.raises(LoadError, match="加密"):
        load_bytes(data, "secret.pdf")


def test_iter_files_finds_supported_files_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.xlsx").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("c", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("d", encoding="utf-8")
    assert [p.name for p in iter_files([tmp_path])] == ["a.md", "d.txt"]


def test_shared_laws_load_with_revision(shared_corpus: Path) -> None:
    doc = load_file(shared_corpus / "laws" / "地方组织法.md")
    assert doc.title == "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法"
    assert doc.revision_label == "2022年修正"
    assert doc.kind == DocKind.LAW
