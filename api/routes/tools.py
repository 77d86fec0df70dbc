"""Quiz building and 代表建议 drafting: JSON by default, or the file (`?format=docx|csv|md`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AssistantDep
from api.security import READ
from assistant.service import MAX_QUERY_CHARS
from assistant.tools.draft import MAX_FACTS_CHARS, MAX_TOPIC_CHARS, draft
from assistant.tools.draft_export import draft_dict, export_draft
from assistant.tools.formats import FileFormat, parse_format
from assistant.tools.quiz import MAX_ITEMS, ItemType, QuizRequest, build_quiz
from assistant.tools.quiz_export import export_quiz, quiz_dict
from assistant.tools.writer import TextWriter
from assistant.types import DocKind

router = APIRouter(prefix="/api", tags=["tools"], dependencies=READ)
QUIZ_FORMATS = (FileFormat.JSON, FileFormat.MD, FileFormat.CSV, FileFormat.DOCX)
DRAFT_FORMATS = (FileFormat.JSON, FileFormat.MD, FileFormat.DOCX)
FormatQuery = Annotated[str | None, Query(alias="format", description="json、md、csv 或 docx；优先于请求体")]


def get_writer(assistant: AssistantDep) -> TextWriter | None:
    """The configured language model (RENDA_LLM_BASE_URL) writes drafts; None keeps them offline."""
    return assistant.llm


WriterDep = Annotated[TextWriter | None, Depends(get_writer)]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuizBody(_Request):
    topic: str | None = Field(default=None, min_length=1, max_length=MAX_QUERY_CHARS, description="出题主题")
    doc: str | None = Field(default=None, min_length=1, max_length=200, description="文档标题（包含即可）")
    chapter: str | None = Field(
        default=None, min_length=1, max_length=100, description="章节名称，与 doc 合用"
    )
    n: int = Field(default=20, ge=1, le=MAX_ITEMS, description="题目数量")
    types: list[ItemType] = Field(default_factory=lambda: list(ItemType), description="题型")
    format: Literal["json", "md", "csv", "docx"] = Field(default="json", description="返回格式")


class DraftBody(_Request):
    topic: str = Field(min_length=1, max_length=MAX_TOPIC_CHARS, description="建议主题")
    facts: str | None = Field(default=None, max_length=MAX_FACTS_CHARS, description="代表掌握的情况")
    format: Literal["json", "md", "docx"] = Field(default="json", description="返回格式")


class SourceOut(BaseModel):
    label: str = Field(description="《标题》第X条")
    title: str
    section: str
    revision: str
    text: str = Field(description="原文，逐字摘录")
    chunk_id: str
    doc_id: str
    source: str
    kind: DocKind
    start: int
    end: int


class QuizItemOut(BaseModel):
    n: int
    type: ItemType
    type_name: str
    question: str
    options: list[str]
    answer: str = Field(description="单选为 A-D，判断为 正确/错误，填空为所缺词语")
    key: str = Field(description="出处原文中被考查的词语")
    explanation: str
    source: SourceOut
    sentence: str = Field(description="出题所依据的原句")
    start: int


class QuizOut(BaseModel):
    title: str
    requested: int
    notice: str
    items: list[QuizItemOut]


class CitationOut(SourceOut):
    n: int


class SectionOut(BaseModel):
    heading: str
    body: str


class CheckOut(BaseModel):
    group: str
    name: str
    found: bool = Field(description="知识库中找到规定此项的条文时为 true")
    quotes: list[str] = Field(description="规定此项的原句，逐字摘录")
    citation: SourceOut | None
    note: str


class DraftOut(BaseModel):
    topic: str
    title: str
    notice: str
    written: bool = Field(description="由大模型撰写时为 true；否则为模板")
    basis_notice: str = Field(description="知识库中没有关于该主题的依据时的说明；否则为空")
    sections: list[SectionOut]
    citations: list[CitationOut]
    checklist: list[CheckOut]


def _files(formats: tuple[FileFormat, ...]) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {f.media_type: {} for f in formats if f is not FileFormat.JSON}}}


def file_response(data: bytes, fmt: FileFormat, name: str, fallback: str) -> Response:
    """The file with its content type and a download name (UTF-8, with an ASCII fallback)."""
    disposition = (
        f"attachment; filename=\"{fallback}.{fmt.value}\"; filename*=UTF-8''{quote(f'{name}.{fmt.value}')}"
    )
    return Response(content=data, media_type=fmt.media_type, headers={"Content-Disposition": disposition})


@router.post("/quiz", response_model=QuizOut, responses=_files(QUIZ_FORMATS), summary="按主题或文档出题")
def quiz(req: QuizBody, assistant: AssistantDep, fmt: FormatQuery = None) -> Any:
    chosen = parse_format(fmt or req.format, QUIZ_FORMATS)
    request = QuizRequest(req.topic, req.doc, req.chapter, req.n, tuple(req.types))
    result = build_quiz(assistant, request)
    if chosen is FileFormat.JSON:
        return quiz_dict(result)
    return file_response(export_quiz(result, chosen), chosen, result.title, "quiz")


@router.post("/draft", response_model=DraftOut, responses=_files(DRAFT_FORMATS), summary="起草代表建议")
def draft_proposal(
    req: DraftBody, assistant: AssistantDep, writer: WriterDep, fmt: FormatQuery = None
) -> Any:
    chosen = parse_format(fmt or req.format, DRAFT_FORMATS)
    result = draft(assistant, req.topic, req.facts, writer)
    if chosen is FileFormat.JSON:
        return draft_dict(result)
    return file_response(export_draft(result, chosen), chosen, result.title, "draft")
