"""One reader per format. Each turns raw bytes into plain text plus an optional title hint."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from assistant.loading.encoding import UndecodableError, decode_text


class ReadError(ValueError):
    """The bytes cannot be read as the format their name claims; the message is for users."""


@dataclass(frozen=True, slots=True)
class RawText:
    text: str
    encoding: str
    title: str = ""  # a title the format itself declares (docx/pdf metadata, <h1>)


def read_plain(data: bytes) -> RawText:
    try:
        text, encoding = decode_text(data)
    except UndecodableError as exc:
        raise ReadError(str(exc)) from exc
    return RawText(_normalise_newlines(text), encoding)


def read_docx(data: bytes) -> RawText:
    import docx  # python-docx; imported here so plain-text ingest never pays for it
    from docx.opc.exceptions import PackageNotFoundError

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("不是有效的 .docx 文件（不是 zip 格式）")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError(f"无法打开 .docx 文件：{exc}") from exc
    lines: list[str] = []
    title = (document.core_properties.title or "").strip()
    for para in document.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        text = para.text.strip()
        if not title and text and (style == "Title" or style.startswith("Heading 1")):
            title = text
        lines.append(para.text)
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return RawText(_normalise_newlines("\n".join(lines)), "docx", title)


def read_pdf(data: bytes) -> RawText:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF 已加密，无法读取（请先解除密码保护）")
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata: dict[str, object] = dict(reader.metadata or {})
        meta_title = str(metadata.get("/Title") or "").strip()
    except FileNotDecryptedError as exc:
        raise ReadError("PDF 已加密，无法读取（请先解除密码保护）") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"PDF 文件损坏或无法解析：{exc}") from exc
    return RawText(_normalise_newlines("\n".join(pages)), "pdf", str(meta_title))


def read_html(data: bytes) -> RawText:
    from bs4 import BeautifulSoup

    raw = read_plain(data)
    soup = BeautifulSoup(raw.text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    heading = soup.find(["h1"]) or soup.find("title")
    title = heading.get_text(" ", strip=True) if heading else ""
    body = soup.body or soup
    for br in body.find_all("br"):
        br.replace_with("\n")
    blocks = [
        el.get_text("", strip=True)
        for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "div"])
        if not el.find(["p", "div", "li", "h1", "h2", "h3", "h4"])
    ]
    text = "\n".join(b for b in blocks if b) or body.get_text("\n", strip=True)
    return RawText(_normalise_newlines(text), raw.encoding, title)


def _normalise_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return re.sub(r"[ \t]+\n", "\n", text)


READERS: dict[str, Callable[[bytes], RawText]] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".markdown": read_plain,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}
