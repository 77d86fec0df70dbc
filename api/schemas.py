"""Request and response models of the HTTP API (a stable contract: other tools call it)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.service import MAX_K, MAX_QUERY_CHARS
from assistant.types import DocKind


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SearchRequest(_Request):
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="检索内容")
    k: int = Field(default=5, ge=1, le=MAX_K, description="返回条数")
    kind: list[DocKind] | None = Field(default=None, description="只检索这些类型的文档")
    title: list[str] | None = Field(default=None, description="只检索标题包含这些文字的文档")


class AskRequest(_Request):
    question: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="问题")
    kind: list[DocKind] | None = None
    title: list[str] | None = None


class HitOut(BaseModel):
    chunk_id: str
    doc_id: str
    text: str = Field(description="原文，逐字摘录")
    title: str
    section: str
    article: str
    revision: str
    kind: DocKind
    source: str
    start: int
    end: int
    score: float


class SearchResponse(BaseModel):
    hits: list[HitOut]


class CitationOut(BaseModel):
    n: int
    chunk_id: str
    doc_id: str
    title: str
    revision: str
    section: str
    label: str = Field(description="《标题》（版本）条款，用于展示")
    text: str = Field(description="原文，逐字摘录")
    source: str
    kind: DocKind
    start: int
    end: int


class AnswerOut(BaseModel):
    question: str
    answer: str = Field(description="回答；每个 [n] 都对应 citations 中的一条")
    abstained: bool = Field(description="知识库中没有依据时为 true")
    confidence: float
    notice: str = ""
    citations: list[CitationOut]
    related: list[CitationOut] = Field(
        default_factory=list,
        description="拒答时检索到的最接近的段落，供读者自行判断；回答中没有 [n] 指向它们",
    )


class Health(BaseModel):
    status: str
    documents: int
    index: str
