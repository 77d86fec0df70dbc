"""Sentences are chosen by the question's concepts, not its tokens: 乡镇人大 spelled out as
乡、民族乡、镇的人民代表大会 is one thing asked about, so a sentence that merely names a township
congress does not outweigh the one that states what was asked."""

from assistant.answering.evidence import Evidence
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.config import AnswerSettings
from assistant.text.normalize import QueryNormalizer
from assistant.text.tokenize import Tokenizer
from assistant.types import Chunk, DocKind, Hit

MEETINGS = "第十四条 乡、民族乡、镇的人民代表大会会议一般每年举行两次。"
TERM = "第九条 地方各级人民代表大会每届任期五年。"


def hit(text: str, n: int) -> Hit:
    article = text.split(" ", 1)[0]
    chunk = Chunk(f"c{n}", "d", n, text, 0, len(text), "地方组织法", DocKind.LAW, "law.md", article=article)
    return Hit(chunk, 1.0 - n / 10)


def test_the_sentence_stating_what_was_asked_beats_one_naming_the_township_congress() -> None:
    tokenizer = Tokenizer()
    question = "乡镇人大每届任期几年？"
    nq = QueryNormalizer().normalize(question)
    answerer = ExtractiveAnswerer(AnswerSettings(max_sentences=1), tokenizer.tokens, lambda t: 1.0)
    evidence = Evidence(0.9, 5.0, 1.0, (), "", True, {}, 0)
    got = answerer.answer(
        question,
        tokenizer.tokens(nq.both),
        [hit(MEETINGS, 0), hit(TERM, 1)],  # the township article ranked first, as dense search does
        evidence,
        0.5,
        nq.synonym_tokens(tokenizer.tokens),
    ).answer
    assert "每届任期五年" in got and "每年举行两次" not in got


def test_a_word_both_wordings_share_is_a_concept_of_its_own() -> None:
    tokenizer = Tokenizer()
    nq = QueryNormalizer().normalize("代表提建议有什么法律依据？")
    groups = nq.synonym_tokens(tokenizer.tokens)
    assert ("提建议", "提出建议") in nq.synonyms
    assert all("建议" not in g for g in groups)  # 建议 is what is asked about, not a spelling
    assert any("提出" in g for g in groups)
