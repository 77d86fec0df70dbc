"""Proposal drafting: the offline template, the cited basis and checklist, the writer path (a fake
writer object stands in for the language model), and the Markdown/.docx exports."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from assistant.errors import InvalidInput
from assistant.service import Assistant
from assistant.tools.draft import (
    FAILED_NOTICE,
    SECTIONS,
    TEMPLATE_NOTICE,
    UNUSABLE_NOTICE,
    Draft,
    draft,
    parse_written,
    read_facts,
    title_for,
)
from assistant.tools.draft_export import CHECKLIST_HEADING, draft_dict, draft_markdown, export_draft
from assistant.tools.formats import FileFormat
from assistant.tools.passages import source_label
from assistant.tools.writer import TextWriter, WriterFailed

WRITTEN = """【问题与现状】
代表反映：部分建议答复不及时。
【原因分析】
有的承办单位未按期答复。[1]
【具体建议】
1. 严格执行交办后按期答复的规定。[1]
2. 加强督促办理。[2]
"""


class FakeWriter:
    """Records the prompts and answers with fixed text, as a language model client would."""

    def __init__(self, reply: str = WRITTEN, fail: bool = False) -> None:
        self.reply, self.fail = reply, fail
        self.calls: list[tuple[str, str]] = []

    def write(self, system: str, user: str) -> str:
        self.calls.append((system, user))
        if self.fail:
            raise WriterFailed("endpoint down")
        return self.reply


def markers(d: Draft) -> set[int]:
    return {int(n) for s in d.sections for n in re.findall(r"\[(\d+)\]", s.body)}


# --- no index --------------------------------------------------------------------------------
def test_fake_writer_satisfies_the_protocol() -> None:
    assert isinstance(FakeWriter(), TextWriter)


def test_title() -> None:
    assert title_for("农村饮用水安全") == "关于农村饮用水安全的建议"
    assert title_for("关于加强代表建议办理的建议") == "关于加强代表建议办理的建议"


def test_parse_written_needs_all_sections_and_known_markers() -> None:
    sections = parse_written(WRITTEN, {1, 2})
    assert sections is not None and [s.heading for s in sections] == list(SECTIONS)
    assert sections[2].body.startswith("1. 严格执行")
    assert parse_written(WRITTEN, {1}) is None  # [2] names no cited passage
    assert parse_written("【原因分析】只有一节", {1}) is None


def test_read_facts_detects_encoding_and_explains_missing_files(tmp_path: Path) -> None:
    notes = tmp_path / "情况.txt"
    notes.write_bytes("我镇三个村自来水水压不足。".encode("gbk"))
    assert read_facts(notes) == "我镇三个村自来水水压不足。"
    with pytest.raises(InvalidInput, match="无法读取情况材料文件"):
        read_facts(tmp_path / "none.txt")


# --- on real indexes ---------------------------------------------------------------------------
@pytest.mark.slow
def test_draft_on_proposal_handling_cites_the_representatives_law(default_assistant: Assistant) -> None:
    d = draft(default_assistant, "代表建议办理")
    assert d.title == "关于代表建议办理的建议" and d.notice == TEMPLATE_NOTICE and not d.written
    handling = [c for c in d.citations if "代表法" in c.title and "研究办理" in c.text and "答复" in c.text]
    assert handling, [source_label(c) for c in d.citations]
    assert markers(d) <= {c.n for c in d.citations} and markers(d)
    assert "请代表填写" in d.sections[0].body  # no facts given: a placeholder, nothing invented


@pytest.mark.slow
def test_checklist_items_are_each_cited(default_assistant: Assistant) -> None:
    d = draft(default_assistant, "代表建议办理")
    assert {i.group for i in d.checklist} == {"建议与议案的区别", "议案的联名人数", "建议的办理与答复"}
    for item in d.checklist:
        assert item.found and item.citation is not None, item.note
        assert item.quotes and all(q in item.citation.text for q in item.quotes)
    quotes = {item.name: "".join(item.quotes) for item in d.checklist}
    assert "三十名以上" in quotes["全国人民代表大会"]
    assert "十人以上" in quotes["县级以上地方各级人民代表大会"]
    assert "五人以上" in quotes["乡、民族乡、镇人民代表大会"]
    assert "研究办理" in quotes["由谁交办、研究办理"]
    assert "三个月内答复" in quotes["答复时限"]
    assert "职权范围内的议案" in quotes["议案"] and "建议、批评和意见" in quotes["建议"]


@pytest.mark.slow
def test_missing_rules_are_reported_not_invented(small_assistant: Assistant) -> None:
    d = draft(small_assistant, "代表意见办理", facts="我镇代表意见答复不及时。")
    assert d.sections[0].body == "我镇代表意见答复不及时。"
    national = next(i for i in d.checklist if i.name == "全国人民代表大会")
    assert not national.found and national.citation is None and not national.quotes
    assert "未找到" in national.note
    assert "未找到" in draft_markdown(d)


@pytest.mark.slow
def test_writer_writes_the_prose_from_numbered_passages(small_assistant: Assistant) -> None:
    writer = FakeWriter()
    d = draft(small_assistant, "代表意见办理", facts="部分建议答复不及时。", writer=writer)
    assert d.written and d.notice == ""
    assert d.sections[1].body == "有的承办单位未按期答复。[1]"
    system, user = writer.calls[0]
    assert "只依据" in system and "部分建议答复不及时。" in user
    for c in d.citations:
        assert f"[{c.n}] {source_label(c)}\n{c.text}" in user


@pytest.mark.slow
def test_writer_never_invents_the_situation(small_assistant: Assistant) -> None:
    d = draft(small_assistant, "代表意见办理", writer=FakeWriter())
    assert d.written and "请代表填写" in d.sections[0].body


@pytest.mark.slow
@pytest.mark.parametrize(
    ("writer", "notice"),
    [
        (FakeWriter(fail=True), FAILED_NOTICE),
        (FakeWriter(reply=WRITTEN.replace("[2]", "[99]")), UNUSABLE_NOTICE),
        (FakeWriter(reply="随便写的一段话"), UNUSABLE_NOTICE),
    ],
)
def test_writer_failures_fall_back_to_the_template(
    small_assistant: Assistant, writer: FakeWriter, notice: str
) -> None:
    d = draft(small_assistant, "代表意见办理", writer=writer)
    assert d.notice == notice and not d.written
    assert markers(d) <= {c.n for c in d.citations}


@pytest.mark.slow
def test_bad_topic_is_refused(small_assistant: Assistant) -> None:
    with pytest.raises(InvalidInput, match="主题不能为空"):
        draft(small_assistant, "  ")


@pytest.mark.slow
def test_exports(small_assistant: Assistant) -> None:
    d = draft(small_assistant, "代表意见办理")
    text = draft_markdown(d)
    for heading in ("问题与现状", "原因分析", "具体建议", "法律政策依据", CHECKLIST_HEADING):
        assert heading in text
    assert all(source_label(c) in text for c in d.citations)
    document = docx.Document(io.BytesIO(export_draft(d, FileFormat.DOCX)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert d.title in paragraphs and CHECKLIST_HEADING in paragraphs and TEMPLATE_NOTICE in paragraphs
    assert all(source_label(c) in paragraphs for c in d.citations)
    data = draft_dict(d)
    assert [s["heading"] for s in data["sections"]] == list(SECTIONS)
    assert all(c["text"] and c["label"] for c in data["citations"])


@pytest.mark.slow
def test_the_missing_basis_is_said_in_every_format(small_assistant: Assistant) -> None:
    d = draft(small_assistant, "加强农村道路养护")
    # the small corpus has none of 农村, 道路 and 养护
    assert d.basis_notice.startswith(
        "知识库中没有出现「农村」「道路」「养护」，未找到关于「加强农村道路养护」"
    )
    document = docx.Document(io.BytesIO(export_draft(d, FileFormat.DOCX)))
    assert d.basis_notice in [p.text for p in document.paragraphs]
    assert d.basis_notice in draft_markdown(d).splitlines()
    # a topic the documents speak of has no such notice
    assert draft(small_assistant, "代表意见办理").basis_notice == ""


# --- command line ------------------------------------------------------------------------------
@pytest.mark.slow
def test_cli_draft(small_assistant: Assistant, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    runner = CliRunner()
    index = ["--index", str(small_assistant.settings.index_dir)]
    notes = tmp_path / "情况.txt"
    notes.write_text("我镇代表意见答复不及时。", encoding="utf-8")
    result = runner.invoke(app, ["draft", "--topic", "代表意见办理", "--facts", str(notes), *index])
    assert result.exit_code == 0, result.stderr
    assert "# 关于代表意见办理的建议" in result.stdout and "我镇代表意见答复不及时。" in result.stdout
    out = tmp_path / "建议.docx"
    result = runner.invoke(
        app, ["draft", "--topic", "代表意见办理", "--format", "docx", "-o", str(out), *index]
    )
    assert result.exit_code == 0 and out.stat().st_size > 0
    result = runner.invoke(app, ["draft", "--topic", "代表意见办理", "--format", "csv", *index])
    assert result.exit_code == 2 and "不支持的输出格式" in result.stderr


@pytest.mark.slow
def test_a_topic_no_document_speaks_of_gets_the_right_to_propose_and_says_so(
    default_assistant: Assistant,
) -> None:
    # no document says 养护: 宪法第二十一条 (medicine) and 第八条 had been cited as the basis
    d = draft(default_assistant, "加强农村道路养护")
    assert d.basis_notice.startswith("知识库中没有出现「养护」，未找到关于「加强农村道路养护」的专门依据")
    assert d.citations and [c.n for c in d.citations] == list(range(1, len(d.citations) + 1))
    assert any("代表有权向本级人民代表大会提出对各方面工作的建议" in c.text for c in d.citations)
    assert not any("医疗" in c.text or "集体经济" in c.text for c in d.citations)
    assert d.basis_notice in draft_markdown(d) and draft_dict(d)["basis_notice"] == d.basis_notice
    # passages naming every other word of the topic are kept, before the right to propose
    d = draft(default_assistant, "关于开展代表履职积分评比的建议")
    assert "「积分」「评比」" in d.basis_notice and "「代表」「履职」" in d.basis_notice
    assert "代表" in d.citations[0].text and "履职" in d.citations[0].text
    assert any("代表有权" in c.text for c in d.citations[1:])
    # a policy topic is found in the constitution's words for it (text.normalize.POLICY_TOPICS):
    # 垃圾 is in no document, 「防治污染」 is
    d = draft(default_assistant, "关于推行农村垃圾分类的建议")
    assert d.basis_notice == "" and "防治污染" in d.citations[0].text
    assert draft(default_assistant, "关于在镇上办公办幼儿园的建议").citations[0].section == "第十九条"
    # a level is not a word of the topic: 镇级 is unknown, the budget articles are its basis
    d = draft(default_assistant, "规范镇级预算公开")
    assert d.basis_notice == "" and all("预算法" in c.title for c in d.citations)
