"""The small set of data types that crosses every seam of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class DocKind(StrEnum):
    """What a document is; decides how it is chunked and can be used as a filter."""

    LAW = "law"
    REGULATION = "regulation"
    SPEECH = "speech"
    REPORT = "report"
    OTHER = "other"

    @property
    def statute(self) -> bool:
        """A law or regulation: article by article, and each article binds at the level it names."""
        return self in (DocKind.LAW, DocKind.REGULATION)


# The section of a law's 题注, the note under its title: who made it, when it was passed and amended
HEADER_SECTION = "题注"


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded source file: its decoded text plus what citations need to name it."""

    doc_id: str  # content hash of the decoded text
    source: str  # where it came from (path as ingested, or uploads/<name>)
    title: str
    kind: DocKind
    text: str  # decoded text; chunk spans index into it
    revision: str = ""  # e.g. "2022年3月11日 第十三届全国人民代表大会第五次会议 … 第六次修正"
    revision_date: str = ""  # ISO date of the revision, "" when unknown
    revision_label: str = ""  # short form for citations, e.g. "2022年修正"
    file_sha256: str = ""  # hash of the raw bytes, for incremental ingest
    encoding: str = ""


@dataclass(frozen=True, slots=True)
class Chunk:
    """A citable passage: one article (or a piece of a long one), or a section piece of a speech."""

    chunk_id: str
    doc_id: str
    ordinal: int  # position within the document
    text: str  # verbatim: equals document.text[start:end]
    start: int
    end: int
    title: str
    kind: DocKind
    source: str
    revision_label: str = ""
    revision_date: str = ""
    section_path: tuple[str, ...] = ()  # 编/章/节 for laws, 一、/（一）/一是 for speeches
    article: str = ""  # "第十四条", "" when not an article
    article_no: int = 0
    part: str = ""  # "第一款", "（八）至（十四）项" for pieces of a long article
    lead: str = ""  # the article's opening clause, kept for pieces that lost it
    items: tuple[tuple[int, int], ...] = ()  # spans (relative to text) of 款/项 worth their own key

    @property
    def section(self) -> str:
        """The human label of where the passage sits: article for laws, heading path otherwise."""
        if self.article:
            return self.article + (self.part or "")
        return " › ".join(self.section_path)

    @property
    def is_header(self) -> bool:
        """The law's 题注 (HEADER_SECTION), not a provision."""
        return not self.article and self.section_path == (HEADER_SECTION,)

    @property
    def heading(self) -> str:
        """Title and structure, the context prepended to a passage before embedding."""
        return " ".join(p for p in (self.title, *self.section_path, self.article) if p)


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk returned by retrieval, with its fused score and the per-retriever evidence."""

    chunk: Chunk
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # retriever name -> 0-based rank
    scores: dict[str, float] = field(default_factory=dict)  # retriever name -> raw score
    # embedder name -> the key its best match was: 0 the whole passage, i >= 1 chunk.items[i - 1]
    matched: dict[str, int] = field(default_factory=dict)

    def matched_span(self, name: str) -> tuple[int, int] | None:
        """The 款/项/sentence (span in chunk.text) through which that embedder found this passage."""
        i = self.matched.get(name, 0)
        return self.chunk.items[i - 1] if 1 <= i <= len(self.chunk.items) else None


@dataclass(frozen=True, slots=True)
class Citation:
    """One numbered source of an answer: the verbatim passage and where it sits."""

    n: int
    chunk_id: str
    doc_id: str
    title: str
    revision: str
    section: str
    text: str
    source: str
    kind: DocKind
    start: int
    end: int

    @property
    def label(self) -> str:
        """《title》（revision）section, the way people cite a law."""
        rev = f"（{self.revision}）" if self.revision else ""
        return f"《{self.title}》{rev}{self.section}"


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer with [n] markers that all resolve to citations, or an abstention."""

    question: str
    answer: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    notice: str = ""  # why the LLM path fell back; which part of a question is not answered
    confidence: float = 0.0
    # with an abstention: the passages the search came nearest with, for the reader to judge
    # (no [n] points to them; numbered in their own list)
    related: tuple[Citation, ...] = ()
