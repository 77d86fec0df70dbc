"""Plain-data and human-readable forms of hits and answers, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from assistant.index.ingest import FileResult
from assistant.types import Answer, Citation, Hit

# over Answer.related: the passages the search came nearest with, when it found no grounds
RELATED_HEADING = "最接近的段落（未能确认它们回答了这个问题，仅供参考）"


def hit_dict(hit: Hit) -> dict[str, Any]:
    c = hit.chunk
    return {
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "text": c.text,
        "title": c.title,
        "section": c.section,
        "article": c.article,
        "revision": c.revision_label,
        "kind": c.kind.value,
        "source": c.source,
        "start": c.start,
        "end": c.end,
        "score": round(hit.score, 6),
        # the retrievers that ranked it (bm25, the embedders; "bank": shown for the known
        # questions worded like this one, retrieval.bank)
        "found_by": sorted(hit.ranks),
    }


def citation_dict(c: Citation) -> dict[str, Any]:
    return {
        "n": c.n,
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "title": c.title,
        "revision": c.revision,
        "section": c.section,
        "label": c.label,
        "text": c.text,
        "source": c.source,
        "kind": c.kind.value,
        "start": c.start,
        "end": c.end,
    }


def answer_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "answer": answer.answer,
        "abstained": answer.abstained,
        "confidence": round(answer.confidence, 4),
        "notice": answer.notice,
        "citations": [citation_dict(c) for c in answer.citations],
        "related": [citation_dict(c) for c in answer.related],
    }


def file_result_dict(r: FileResult) -> dict[str, Any]:
    return {
        "source": r.source,
        "status": r.status,
        "title": r.title,
        "doc_id": r.doc_id,
        "chunks": r.chunks,
        "message": r.message,
    }


def answer_text(answer: Answer) -> str:
    lines = [answer.answer]
    if answer.notice:
        lines += ["", f"（{answer.notice}）"]
    if answer.citations:
        lines += ["", "依据："]
        for c in answer.citations:
            lines += _quoted(f"[{c.n}] {c.label}", c.text)
    if answer.related:
        lines += ["", RELATED_HEADING + "："]
        for c in answer.related:
            lines += _quoted(f"{c.n}. {c.label}", c.text)
    return "\n".join(lines)


def _quoted(label: str, text: str) -> list[str]:
    """A passage under its label, each non-empty line indented."""
    return [label, *(f"    {line}" for line in text.splitlines() if line.strip())]


def hits_text(hits: list[Hit]) -> str:
    if not hits:
        return "没有找到相关内容。"
    lines = []
    for i, h in enumerate(hits, 1):
        c = h.chunk
        rev = f"（{c.revision_label}）" if c.revision_label else ""
        lines.append(f"{i}. 《{c.title}》{rev}{c.section}  [{h.score:.4f}]")
        body = c.text.replace("\n", " ")
        lines.append(f"   {body[:160]}{'…' if len(body) > 160 else ''}")
    return "\n".join(lines)


STATUS_NAMES = {
    "added": "新增",
    "updated": "更新",
    "unchanged": "未变",
    "renamed": "改名",
    "duplicate": "重复",
    "failed": "失败",
    "removed": "删除",
}
