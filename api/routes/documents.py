"""Documents: list, upload (indexed at once, a result per file), delete; cited passages in context."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile
from pydantic import BaseModel, Field

from api.deps import AssistantDep, SettingsDep
from api.security import READ, WRITE
from assistant.errors import InvalidInput, NotFound
from assistant.index.ingest import FileResult
from assistant.loading import SUPPORTED_SUFFIXES
from assistant.render import file_result_dict
from assistant.types import DocKind

router = APIRouter(prefix="/api", tags=["documents"])
UPLOADS = "uploads"
MAX_FILES = 20
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*\u200b-\u200f\u202a-\u202e]+")


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    kind: DocKind
    revision: str
    chunks: int
    added: str
    source: str


class UploadResult(BaseModel):
    source: str
    status: str
    title: str
    doc_id: str
    chunks: int
    message: str


class PassageOut(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    section: str
    source: str
    before: str
    text: str
    after: str
    before_truncated: bool = Field(description="前文之前还有内容")
    after_truncated: bool = Field(description="后文之后还有内容")


def safe_name(name: str) -> str:
    """The base name of an uploaded file, without directories, control or reserved characters."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    stem, dot, suffix = base.rpartition(".")
    stem = stem.strip(" ")
    if not dot or not stem.strip("_ ") or not suffix.strip():
        raise InvalidInput(f"文件名无效：{name!r}")
    return f"{stem[:100]}.{suffix.strip()[:10].lower()}"


@router.get("/documents", response_model=list[DocumentOut], dependencies=READ, summary="文档列表")
def list_documents(assistant: AssistantDep) -> list[DocumentOut]:
    return [
        DocumentOut(
            doc_id=d.doc_id,
            title=d.title,
            kind=d.kind,
            revision=d.revision_label,
            chunks=d.n_chunks,
            added=datetime.fromtimestamp(d.added_at, UTC).isoformat(timespec="seconds"),
            source=d.source,
        )
        for d in assistant.documents()
    ]


@router.post(
    "/documents", response_model=list[UploadResult], dependencies=WRITE, summary="上传文档并立即建立索引"
)
async def upload_documents(
    assistant: AssistantDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="txt/md/docx/pdf/html 文件")],
    kind: Annotated[DocKind | None, Form(description="文档类型（不填则自动判断）")] = None,
) -> list[dict[str, object]]:
    if len(files) > MAX_FILES:
        raise InvalidInput(f"一次最多上传 {MAX_FILES} 个文件")
    limit = int(settings.api.max_upload_mb * 1024 * 1024)
    results = []
    for upload in files:
        try:
            results.append(await _one_upload(assistant, upload, limit, kind))
        except InvalidInput as exc:  # this file is refused; the others still go in
            refused = FileResult(upload.filename or "", "failed", message=str(exc))
            results.append(file_result_dict(refused))
    if all(r["status"] == "failed" for r in results):
        raise InvalidInput("；".join(str(r["message"]) for r in results))
    return results


async def _one_upload(
    assistant: AssistantDep, upload: UploadFile, limit: int, kind: DocKind | None
) -> dict[str, object]:
    name = safe_name(upload.filename or "")
    if Path(name).suffix not in SUPPORTED_SUFFIXES:
        raise InvalidInput(f"不支持的文件类型：{name}（支持 {' '.join(SUPPORTED_SUFFIXES)}）")
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise InvalidInput(f"文件过大：{name} 超过 {limit // 1024 // 1024} MB 上限")
    source = f"{UPLOADS}/{name}"
    result = assistant.add_document(name, data, source, kind)
    if result.status in ("added", "updated"):
        folder = assistant.settings.index_dir / UPLOADS
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)  # keep the original beside the index it feeds
    return file_result_dict(result)


@router.delete("/documents/{doc_id}", response_model=UploadResult, dependencies=WRITE, summary="删除文档")
def delete_document(doc_id: str, assistant: AssistantDep) -> dict[str, object]:
    if not re.fullmatch(r"[0-9a-f]{8,64}", doc_id):
        raise NotFound(f"文档不存在：{doc_id[:80]}")
    result = assistant.remove_document(doc_id)
    if result.source.startswith(f"{UPLOADS}/"):
        stored = assistant.settings.index_dir / UPLOADS / safe_name(result.source.split("/", 1)[1])
        stored.unlink(missing_ok=True)
    return file_result_dict(result)


@router.get(
    "/passages/{chunk_id}", response_model=PassageOut, dependencies=READ, summary="引用段落及其上下文"
)
def passage(
    chunk_id: str, assistant: AssistantDep, context: Annotated[int, Query(ge=0, le=3000)] = 400
) -> PassageOut:
    if not re.fullmatch(r"[0-9a-f]{8,64}", chunk_id):
        raise NotFound(f"段落不存在：{chunk_id[:80]}")
    p = assistant.passage(chunk_id, context)
    return PassageOut(**asdict(p))
