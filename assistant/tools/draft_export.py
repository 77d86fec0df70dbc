"""A 代表建议 draft as plain data (for the API), Markdown or .docx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from assistant.tools import docx_out
from assistant.tools.checklist import CheckItem
from assistant.tools.draft import Draft
from assistant.tools.formats import FileFormat
from assistant.tools.passages import source_label
from assistant.tools.quiz_export import source_dict

NUMBERS = "一二三四五六"
CHECKLIST_HEADING = "附：提交前核对清单"


def export_draft(draft: Draft, fmt: FileFormat) -> bytes:
    if fmt is FileFormat.DOCX:
        return draft_docx(draft)
    if fmt is FileFormat.JSON:
        return json.dumps(draft_dict(draft), ensure_ascii=False, indent=2).encode("utf-8")
    return draft_markdown(draft).encode("utf-8")


def check_dict(item: CheckItem) -> dict[str, Any]:
    return {
        "group": item.group,
        "name": item.name,
        "found": item.found,
        "quotes": list(item.quotes),
        "citation": source_dict(item.citation) if item.citation else None,
        "note": item.note,
    }


def draft_dict(draft: Draft) -> dict[str, Any]:
    return {
        "topic": draft.topic,
        "title": draft.title,
        "notice": draft.notice,
        "written": draft.written,
        "basis_notice": draft.basis_notice,
        "sections": [{"heading": s.heading, "body": s.body} for s in draft.sections],
        "citations": [{"n": c.n, **source_dict(c)} for c in draft.citations],
        "checklist": [check_dict(item) for item in draft.checklist],
    }


def headings(draft: Draft) -> Iterator[tuple[str, str]]:
    """Numbered section headings with their bodies, 法律政策依据 last."""
    for i, section in enumerate(draft.sections):
        yield f"{NUMBERS[i]}、{section.heading}", section.body


def basis_heading(draft: Draft) -> str:
    return f"{NUMBERS[len(draft.sections)]}、法律政策依据"


def check_line(item: CheckItem) -> str:
    if not item.found or item.citation is None:
        return f"{item.name}：{item.note}"
    quotes = "".join(f"「{q}」" for q in item.quotes)
    return f"{item.name}：{quotes}（{source_label(item.citation)}）"


def draft_markdown(draft: Draft) -> str:
    lines = [f"# {draft.title}", ""]
    if draft.notice:
        lines += [draft.notice, ""]
    for heading, body in headings(draft):
        lines += [f"## {heading}", "", body, ""]
    lines += [f"## {basis_heading(draft)}", ""]
    if draft.basis_notice:
        lines += [draft.basis_notice, ""]
    for c in draft.citations or ():
        lines += [f"[{c.n}] {source_label(c)}", ""]
        lines += [f"> {line}" for line in c.text.splitlines() if line.strip()]
        lines.append("")
    if not draft.citations:
        lines += ["知识库中未检索到与该主题相关的条文。", ""]
    lines += [f"## {CHECKLIST_HEADING}", ""]
    group = ""
    for item in draft.checklist:
        if item.group != group:
            group = item.group
            lines += [*([""] if lines[-1] else []), f"### {group}", ""]
        lines.append(f"- [ ] {check_line(item)}")
    return "\n".join(lines) + "\n"


def draft_docx(draft: Draft) -> bytes:
    doc = docx_out.document(draft.title)
    if draft.notice:
        docx_out.paragraph(doc, draft.notice)
    for heading, body in headings(draft):
        doc.add_heading(heading, level=1)
        for line in (ln for ln in body.splitlines() if ln.strip()):
            docx_out.paragraph(doc, line)
    doc.add_heading(basis_heading(draft), level=1)
    if draft.basis_notice:
        docx_out.paragraph(doc, draft.basis_notice)
    for c in draft.citations:
        docx_out.paragraph(doc, f"[{c.n}] {source_label(c)}", bold=True)
        docx_out.quote(doc, c.text)
    doc.add_heading(CHECKLIST_HEADING, level=1)
    group = ""
    for item in draft.checklist:
        if item.group != group:
            group = item.group
            doc.add_heading(group, level=2)
        docx_out.paragraph(doc, f"☐ {check_line(item)}")
    return docx_out.to_bytes(doc)
