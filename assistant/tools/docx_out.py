"""Small python-docx helpers shared by the quiz and draft exports (a CJK font, headings, quotes)."""

from __future__ import annotations

import io
import re
from typing import Any

from docx import Document as new_document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

BODY_FONT = "宋体"
HEADING_FONT = "黑体"

# Characters XML 1.0 cannot hold (C0 controls other than tab and newlines, surrogates,
# U+FFFE/U+FFFF); lxml refuses them, and a user's topic or an uploaded file may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters a .docx cannot store."""
    return _NOT_XML.sub("", text)


def document(title: str) -> Any:
    """A new document with Chinese fonts set for East Asian text, titled `title`."""
    doc = new_document()
    _font(doc.styles["Normal"], BODY_FONT, Pt(11))
    for name in ("Title", "Heading 1", "Heading 2"):
        _font(doc.styles[name], HEADING_FONT)
    doc.add_heading(xml_safe(title), level=0)
    return doc


def _font(style: Any, name: str, size: Any = None) -> None:
    style.font.name = name
    if size is not None:
        style.font.size = size
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def paragraph(doc: Any, text: str, bold: bool = False, indent: float = 0.0) -> Any:
    para = doc.add_paragraph()
    run = para.add_run(xml_safe(text))
    run.bold = bold
    if indent:
        para.paragraph_format.left_indent = Pt(indent)
    return para


def quote(doc: Any, text: str) -> None:
    """A verbatim passage: indented, grey, line breaks kept."""
    for line in (ln for ln in text.splitlines() if ln.strip()):
        run = paragraph(doc, line, indent=18).runs[0]
        run.font.size = Pt(10)
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def to_bytes(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
