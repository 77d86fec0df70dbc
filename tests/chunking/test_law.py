from assistant.chunking import chunk_document
from assistant.chunking.law import part_span
from assistant.config import ChunkingSettings
from assistant.loading import load_bytes
from assistant.loading.metadata import header_entries
from assistant.types import Chunk
from tests.conftest import REGULATION


def chunks_of(text: str, max_chars: int = 420, header: bool = False) -> list[Chunk]:
    """The chunks of a law file: its provisions, or (header=True) its 题注 passages."""
    doc = load_bytes(text.encode("utf-8"), "条例.md")
    chunks = chunk_document(doc, ChunkingSettings(max_chars=max_chars))
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text  # verbatim span
    return [c for c in chunks if c.is_header == header]


def test_the_header_is_a_passage_of_its_own_before_the_articles() -> None:
    doc = load_bytes(REGULATION.encode("utf-8"), "条例.md")
    chunks = chunk_document(doc, ChunkingSettings())
    note = chunks[0]
    assert note.is_header and note.section == "题注" and not note.article_no
    assert note.text.startswith("2021年5月20日 某某镇第十届人民代表大会第三次会议通过")
    assert note.text.endswith("第一次修正")  # the title and the marker stay out
    assert not note.items  # one retrieval key: a search never ranks a 题注
    assert [note.text[s:e] for s, e in header_entries(note.text, 0, len(note.text))] == [
        "2021年5月20日 某某镇第十届人民代表大会第三次会议通过",
        "2023年6月1日 某某镇第十届人民代表大会第五次会议 第一次修正",
    ]
    assert not any(c.is_header for c in chunks[1:])


def test_a_wrapped_header_entry_is_one_entry_and_a_long_header_is_cut_between_entries() -> None:
    decision = "《关于修改〈某某镇人民代表大会工作条例〉的决定》"
    entries = [
        f"20{10 + n}年6月1日 某某镇第十届人民代表大会第{n}次会议{decision}第{n}次修正" for n in range(1, 6)
    ]
    wrapped = entries[4].replace("会议《", "会议\n\n《")  # a long decision title wraps in the source
    head = "\n\n".join(["2009年5月20日 某某镇人民代表大会通过", *entries[:4], wrapped])
    text = (
        f"# 某某镇人民代表大会工作条例\n\n{head}\n\n<!-- INFO END -->\n\n第一条 为了规范工作，制定本条例。\n"
    )
    notes = chunks_of(text, max_chars=200, header=True)
    assert len(notes) > 1
    keys = [n.text[s:e] for n in notes for s, e in header_entries(n.text, 0, len(n.text))]
    assert keys[0] == "2009年5月20日 某某镇人民代表大会通过"
    assert keys[-1].startswith("2015年6月1日") and keys[-1].endswith("第5次修正")  # both lines, one entry
    assert len(keys) == 6


def test_a_plain_text_law_keeps_its_parenthesised_note_and_a_speech_has_none() -> None:
    law = "某县人大常委会议事规则\n（2020年1月1日某县人大常委会第五次会议通过　2023年2月1日修正）\n第一条 为了规范议事，制定本规则。\n"
    doc = load_bytes(law.encode("utf-8"), "规则.txt")
    chunks = chunk_document(doc, ChunkingSettings())
    assert (
        chunks[0].is_header
        and chunks[0].text.startswith("（2020年1月1日")
        and chunks[0].text.endswith("修正）")
    )
    assert [c.article for c in chunks[1:]] == ["第一条"]
    speech = load_bytes("同志们：\n2023年3月1日以来，各镇人大做了大量工作。\n".encode(), "讲话.txt")
    assert not any(c.is_header for c in chunk_document(speech, ChunkingSettings()))


def test_one_chunk_per_article_with_structure_path() -> None:
    chunks = chunks_of(REGULATION)
    assert [c.article for c in chunks] == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    assert [c.article_no for c in chunks] == [1, 2, 3, 4, 5, 6]
    assert chunks[0].section_path == ("第一章 总则",)
    assert chunks[2].section_path == ("第二章 会议", "第一节 会议的举行")
    assert chunks[5].section_path == ("第二章 会议", "第二节 罢免")
    assert chunks[2].title == "某某镇人民代表大会工作条例"
    assert chunks[2].revision_label == "2023年修正"


def test_paragraphs_and_items_stay_with_their_article() -> None:
    third, fourth = chunks_of(REGULATION)[2:4]
    assert third.text.endswith("可以提前或者推迟召开会议。")  # second 款
    assert "（四）依照本条例第三条的规定召集会议。" in fourth.text
    assert len(fourth.items) == 5  # lead + four 项, each a retrieval key


def test_references_inside_the_text_are_not_headings() -> None:
    text = REGULATION + "\n第七条 依照本条例第五条提出的议案\n第五条规定的期限届满的，由主席团报告。\n"
    chunks = chunks_of(text)
    assert chunks[-1].article == "第七条"
    assert "第五条规定的期限届满的" in chunks[-1].text
    assert all(c.article != "第五条" or "五人以上联名" in c.text for c in chunks)


def test_long_article_is_split_by_paragraph_keeping_its_number() -> None:
    clauses = "\n\n".join(
        f"本条第{i}款规定代表在闭会期间应当参加活动，联系选民，听取和反映意见和要求，内容较长。"
        for i in range(1, 9)
    )
    text = f"# 测试法\n\n<!-- INFO END -->\n\n第一条 总则。\n\n第二条 {clauses}\n\n第三条 附则。\n"
    chunks = chunks_of(text, max_chars=200)
    pieces = [c for c in chunks if c.article == "第二条"]
    assert len(pieces) >= 2
    assert all(c.article_no == 2 for c in pieces)
    assert pieces[0].part.startswith("第一款")
    assert pieces[0].part == "第一款至第四款"
    assert pieces[1].lead.startswith("本条第1款")  # later pieces keep the opening clause
    assert all(len(c.text) <= 200 for c in pieces)
    assert "".join(c.text for c in pieces).replace("\n", "") == ("第二条 " + clauses).replace("\n", "")


def test_long_item_list_is_cut_between_items() -> None:
    items = "\n".join(
        f"（{n}）审查和批准本行政区域内的第{n}项重要事项的计划和执行情况；" for n in "一二三四五六七八九十"
    )
    text = f"# 测试法\n\n<!-- INFO END -->\n\n第一条 乡、民族乡、镇的人民代表大会行使下列职权：\n{items}\n"
    pieces = chunks_of(text, max_chars=160)
    assert len(pieces) > 1
    assert all(p.article == "第一条" for p in pieces)
    assert pieces[1].text.startswith("（")
    assert pieces[1].lead == "乡、民族乡、镇的人民代表大会行使下列职权："
    assert "项" in pieces[1].part


def test_plain_text_law_without_markdown() -> None:
    text = "某县人大常委会议事规则\n第一章 总则\n第一条 为了规范议事，制定本规则。\n第二章 会议\n第二条 会议每两个月举行一次。\n第三条 会议由主任召集。\n"
    doc = load_bytes(text.encode("utf-8"), "规则.txt")
    chunks = chunk_document(doc, ChunkingSettings())
    assert [c.article for c in chunks] == ["第一条", "第二条", "第三条"]
    assert chunks[1].section_path == ("第二章 会议",)
    assert chunks[0].section == "第一条"


def test_chunk_ids_are_content_hashes() -> None:
    a, b = chunks_of(REGULATION), chunks_of(REGULATION)
    assert [c.chunk_id for c in a] == [c.chunk_id for c in b]
    changed = chunks_of(REGULATION.replace("每年至少举行两次", "每年至少举行三次"))
    assert a[0].chunk_id != changed[0].chunk_id  # the document changed, so every id moves


def test_shared_local_organisation_law_has_90_articles(shared_corpus) -> None:  # type: ignore[no-untyped-def]
    from assistant.loading import load_file

    doc = load_file(shared_corpus / "laws" / "地方组织法.md")
    chunks = chunk_document(doc, ChunkingSettings())
    assert len({c.article_no for c in chunks if c.article}) == 90
    twelfth = [c for c in chunks if c.article_no == 12]
    assert "（十四）保障宪法和法律赋予妇女的男女平等" in "".join(c.text for c in twelfth)


def test_the_part_a_question_names_is_found_in_any_piece_of_the_article() -> None:
    """「第二条第五款」「第一条第四项」: counted from the piece's own label, so a piece that starts at
    第五款, or inside 第一款's items, still finds it (the answerer quotes just that part)."""
    clauses = "\n\n".join(
        f"本条第{i}款规定代表在闭会期间应当参加活动，联系选民，听取和反映意见和要求，内容较长。"
        for i in range(1, 9)
    )
    text = f"# 测试法\n\n<!-- INFO END -->\n\n第一条 总则。\n\n第二条 {clauses}\n\n第三条 附则。\n"
    pieces = [c for c in chunks_of(text, max_chars=200) if c.article == "第二条"]
    found = [(c.part, part_span(c.text, c.part, c.article, 5, 0)) for c in pieces]
    hits = [(part, span) for part, span in found if span is not None]
    assert len(hits) == 1, found
    piece = next(c for c in pieces if c.part == hits[0][0])
    start, end = hits[0][1]
    assert (
        piece.text[start:end]
        == "本条第5款规定代表在闭会期间应当参加活动，联系选民，听取和反映意见和要求，内容较长。"
    )

    items = "\n".join(
        f"（{n}）审查和批准本行政区域内的第{n}项重要事项的计划和执行情况；" for n in "一二三四五六七八九十"
    )
    text = f"# 测试法\n\n<!-- INFO END -->\n\n第一条 乡、民族乡、镇的人民代表大会行使下列职权：\n{items}\n"
    pieces = chunks_of(text, max_chars=160)
    spans = [(c, part_span(c.text, c.part, c.article, 0, 9)) for c in pieces]
    (piece, (start, end)), *others = [(c, s) for c, s in spans if s is not None]
    assert not others and piece is not pieces[0]
    assert piece.text[start:end] == "（九）审查和批准本行政区域内的第九项重要事项的计划和执行情况；"
    # the first piece's lead-in line is 第一款 itself, not an item; no piece has a 第十一项
    assert part_span(pieces[0].text, pieces[0].part, "第一条", 1, 0) is not None
    assert all(part_span(c.text, c.part, c.article, 0, 11) is None for c in pieces)
