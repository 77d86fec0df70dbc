from assistant.chunking import chunk_document
from assistant.chunking.sentences import pack_spans, sentence_spans
from assistant.config import ChunkingSettings
from assistant.loading import load_bytes
from tests.conftest import SPEECH


def test_sections_and_items_become_section_paths() -> None:
    doc = load_bytes(SPEECH.encode("utf-8"), "讲话.txt")
    chunks = chunk_document(doc, ChunkingSettings())
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
    training = next(c for c in chunks if "集中培训" in c.text)
    assert training.section_path == ("一、提高认识，做好代表工作", "一是要抓好代表培训")
    assert training.section == "一、提高认识，做好代表工作 › 一是要抓好代表培训"
    assert not training.article
    opening = chunks[0]
    assert opening.section_path == ()


def test_long_paragraph_is_packed_at_sentence_boundaries() -> None:
    sentence = "乡镇人大要认真贯彻落实区委的决策部署，自觉把人大工作放在工作大局中去谋划。"
    text = "同志们：\n一、总体要求\n" + sentence * 30 + "\n"
    doc = load_bytes(text.encode("utf-8"), "讲话.txt")
    chunks = chunk_document(doc, ChunkingSettings(max_chars=200, min_chars=40))
    body = [c for c in chunks if c.section_path == ("一、总体要求",)]
    assert len(body) > 3
    assert all(len(c.text) <= 200 for c in body)
    assert all(c.text.endswith("。") for c in body)


def test_sentence_spans_keep_closing_quotes() -> None:
    text = "他说：“要开好会。”然后散会！最后一句没有标点"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "他说：“要开好会。”",
        "然后散会！",
        "最后一句没有标点",
    ]


def test_pack_spans_cuts_an_overlong_sentence_at_a_comma() -> None:
    text = "，".join(["代表应当联系选民"] * 40) + "。"
    pieces = pack_spans(text, list(sentence_spans(text)), max_chars=100)
    assert len(pieces) > 1
    assert all(e - s <= 100 for s, e in pieces)
    assert "".join(text[s:e] for s, e in pieces) == text
