"""The file formats the tools export, with the media type and suffix a download needs."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from assistant.errors import InvalidInput


class FileFormat(StrEnum):
    MD = "md"
    JSON = "json"
    CSV = "csv"
    DOCX = "docx"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self]

    @property
    def binary(self) -> bool:
        return self is FileFormat.DOCX


MEDIA_TYPES = {
    FileFormat.MD: "text/markdown; charset=utf-8",
    FileFormat.JSON: "application/json",
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def parse_format(name: str, allowed: tuple[FileFormat, ...] = tuple(FileFormat)) -> FileFormat:
    """「docx」 -> FileFormat.DOCX, refusing formats this tool does not write."""
    wanted = name.strip().lower().lstrip(".")
    for fmt in allowed:
        if fmt.value == wanted:
            return fmt
    raise InvalidInput(f"不支持的输出格式：{name}；可选 {'、'.join(f.value for f in allowed)}")


def require_file(fmt: FileFormat, out: Path | None) -> None:
    """A binary format cannot go to the terminal: ask for -o before doing any work."""
    if fmt.binary and out is None:
        raise InvalidInput(f"{fmt.value} 格式需要用 -o 指定输出文件，例如 -o 输出.{fmt.value}")


def write_file(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"无法写入文件 {out}：{exc.strerror or exc}") from None


def as_text(data: bytes) -> str:
    """Exported text for the terminal (without the BOM a CSV file carries)."""
    return data.decode("utf-8-sig")
