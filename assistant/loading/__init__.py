"""Loading: files of any supported format -> Document, with encoding, title, kind and revision."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.errors import LoadError
from assistant.loading.metadata import find_revision, guess_kind, guess_title, useful_title
from assistant.loading.readers import READERS, ReadError
from assistant.types import DocKind, Document

SUPPORTED_SUFFIXES = tuple(sorted(READERS))
MAX_FILE_BYTES = 50 * 1024 * 1024
# The longest national law runs to about 100,000 characters; two million is a library, not a
# document, and would tie the indexer up for hours.
MAX_TEXT_CHARS = 2_000_000


def load_bytes(data: bytes, name: str, source: str | None = None, kind: DocKind | None = None) -> Document:
    """Turn raw bytes named `name` into a Document; raises LoadError with a Chinese reason."""
    label = source or name
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise LoadError(
            label, f"不支持的文件类型 {suffix or '（无扩展名）'}；支持：{' '.join(SUPPORTED_SUFFIXES)}"
        )
    if not data:
        raise LoadError(label, "文件为空")
    if len(data) > MAX_FILE_BYTES:
        raise LoadError(label, f"文件过大（{len(data) // 1024 // 1024} MB）")
    try:
        raw = reader(data)
    except ReadError as exc:
        raise LoadError(label, str(exc)) from exc
    text = raw.text
    if not text.strip():
        raise LoadError(label, "文件中没有可读取的文字")
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(
            label,
            f"文档过长（{len(text) // 10000} 万字），请拆分为不超过 {MAX_TEXT_CHARS // 10000} 万字的文件",
        )
    stem = Path(name).stem
    title = raw.title if useful_title(raw.title, text) else guess_title(text, stem)
    revision = find_revision(text)
    return Document(
        doc_id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:20],
        source=label,
        title=title,
        kind=kind or guess_kind(title, text),
        text=text,
        revision=revision.line,
        revision_date=revision.date,
        revision_label=revision.label,
        file_sha256=hashlib.sha256(data).hexdigest(),
        encoding=raw.encoding,
    )


def load_file(path: Path, source: str | None = None, kind: DocKind | None = None) -> Document:
    """Read and load one file from disk."""
    label = source or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(label, f"无法读取文件：{exc.strerror or exc}") from exc
    return load_bytes(data, path.name, label, kind)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Supported files under the given files and folders, in a stable order; hidden files skipped."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in READERS
                    and not any(p.startswith(".") for p in rel)
                ):
                    yield child
        else:
            yield path
