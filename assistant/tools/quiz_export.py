"""A quiz as Markdown, JSON, CSV (one row per item, for exam tools) or .docx (questions, then a
separate 答案 section with keys, explanations and sources)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from assistant.tools import docx_out
from assistant.tools.formats import FileFormat
from assistant.tools.passages import source_label
from assistant.tools.quiz import TYPE_NAMES, ItemType, Quiz, QuizItem
from assistant.types import Citation, DocKind

CSV_COLUMNS = ("题型", "题目", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处", "原文")
LETTERS = "ABCD"


def export_quiz(quiz: Quiz, fmt: FileFormat) -> bytes:
    """The quiz in `fmt`, as the bytes of a file (CSV with a BOM so spreadsheet software reads it)."""
    if fmt is FileFormat.DOCX:
        return quiz_docx(quiz)
    text = {FileFormat.MD: quiz_markdown, FileFormat.JSON: quiz_json, FileFormat.CSV: quiz_csv}[fmt](quiz)
    return text.encode("utf-8-sig" if fmt is FileFormat.CSV else "utf-8")


# --- JSON -----------------------------------------------------------------------------------------
def item_dict(item: QuizItem) -> dict[str, Any]:
    return {
        "n": item.source.n,
        "type": item.type.value,
        "type_name": TYPE_NAMES[item.type],
        "question": item.question,
        "options": list(item.options),
        "answer": item.answer,
        "key": item.key,
        "explanation": item.explanation,
        "source": source_dict(item.source),
        "sentence": item.sentence,
        "start": item.start,
    }


def source_dict(c: Citation) -> dict[str, Any]:
    return {
        "label": source_label(c),
        "title": c.title,
        "section": c.section,
        "revision": c.revision,
        "text": c.text,
        "chunk_id": c.chunk_id,
        "doc_id": c.doc_id,
        "source": c.source,
        "kind": c.kind.value,
        "start": c.start,
        "end": c.end,
    }


def quiz_dict(quiz: Quiz) -> dict[str, Any]:
    return {
        "title": quiz.title,
        "requested": quiz.requested,
        "notice": quiz.notice,
        "items": [item_dict(it) for it in quiz.items],
    }


def quiz_json(quiz: Quiz) -> str:
    return json.dumps(quiz_dict(quiz), ensure_ascii=False, indent=2)


def quiz_from_json(text: str) -> Quiz:
    """Reads back what quiz_json wrote (e.g. to re-export or re-verify a saved quiz)."""
    data = json.loads(text)
    items = tuple(_item_from_dict(d) for d in data["items"])
    return Quiz(data["title"], items, data["requested"], data.get("notice", ""))


def _item_from_dict(d: dict[str, Any]) -> QuizItem:
    s = d["source"]
    source = Citation(
        d["n"], s["chunk_id"], s["doc_id"], s["title"], s["revision"], s["section"], s["text"],
        s["source"], DocKind(s["kind"]), s["start"], s["end"],
    )  # fmt: skip
    return QuizItem(
        ItemType(d["type"]), d["question"], tuple(d["options"]), d["answer"], d["explanation"],
        source, d["sentence"], d["key"], d["start"],
    )  # fmt: skip


# --- CSV ------------------------------------------------------------------------------------------
def quiz_csv(quiz: Quiz) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in quiz.items:
        options = [*item.options, "", "", "", ""][:4]
        label = source_label(item.source)
        writer.writerow([TYPE_NAMES[item.type], item.question, *options, item.answer, item.explanation, label,
                         item.source.text])  # fmt: skip
    return buffer.getvalue()


# --- Markdown -------------------------------------------------------------------------------------
def question_lines(item: QuizItem) -> list[str]:
    """The question as a trainee sees it: type tag, text, options or an answer bracket."""
    tail = "（　　）" if item.type == ItemType.JUDGE else ""
    lines = [f"{item.source.n}. 【{TYPE_NAMES[item.type]}】{item.question}{tail}"]
    lines += [f"   {LETTERS[i]}. {option}" for i, option in enumerate(item.options)]
    return lines


def answer_line(item: QuizItem) -> str:
    return f"{item.source.n}. 答案：{item.answer_text}。{item.explanation}"


def summary(quiz: Quiz) -> str:
    counts = Counter(it.type for it in quiz.items)
    parts = "，".join(f"{TYPE_NAMES[t]} {counts[t]} 题" for t in ItemType if counts[t])
    return f"共 {len(quiz.items)} 题（{parts}）。答案、解析与出处见文末。"


def quiz_markdown(quiz: Quiz) -> str:
    lines = [f"# {quiz.title}", "", summary(quiz), ""]
    if quiz.notice:
        lines += [f"> {quiz.notice}", ""]
    for item in quiz.items:
        lines += [*question_lines(item), ""]
    lines += ["## 答案", ""]
    for item in quiz.items:
        lines += [answer_line(item), "", f"   出处：{source_label(item.source)}", ""]
        lines += [f"   > {line}" for line in item.source.text.splitlines() if line.strip()]
        lines.append("")
    return "\n".join(lines)


# --- Word -----------------------------------------------------------------------------------------
def quiz_docx(quiz: Quiz) -> bytes:
    doc = docx_out.document(quiz.title)
    docx_out.paragraph(doc, summary(quiz))
    if quiz.notice:
        docx_out.paragraph(doc, quiz.notice)
    for item in quiz.items:
        first, *options = question_lines(item)
        docx_out.paragraph(doc, first)
        for option in options:
            docx_out.paragraph(doc, option.strip(), indent=18)
    doc.add_page_break()
    doc.add_heading("答案", level=1)
    for item in quiz.items:
        docx_out.paragraph(doc, answer_line(item), bold=False)
        docx_out.paragraph(doc, f"出处：{source_label(item.source)}", indent=18)
        docx_out.quote(doc, item.source.text)
    return docx_out.to_bytes(doc)
