"""The quiz builder: spans and distractors, verification against the cited passage, the request
rules, and the exports (Markdown, JSON, CSV, .docx) on real indexes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from assistant.errors import InvalidInput, NotFound
from assistant.service import Assistant
from assistant.tools.formats import FileFormat
from assistant.tools.passages import source_label
from assistant.tools.quiz import (
    BLANK_SLOT,
    CHOICE_SLOT,
    FALSE,
    LETTERS,
    TRUE,
    ItemType,
    Quiz,
    QuizItem,
    QuizRequest,
    build_quiz,
    parse_types,
)
from assistant.tools.quiz_export import CSV_COLUMNS, export_quiz, quiz_from_json, quiz_json, quiz_markdown
from assistant.tools.spans import DistractorPool, classify, find_spans
from assistant.tools.verify import acceptable_distractor, passage_states, problems

ARTICLE_51 = (
    "第五十一条 代表对各方面工作提出的建议、批评和意见，由本级人民代表大会常务委员会办事机构交有关机关、组织研究办理。\n\n"
    "有关机关、组织应当认真研究办理代表建议、批评和意见，并自交办之日起三个月内答复。"
    "涉及面广、处理难度大的建议、批评和意见，应当自交办之日起六个月内答复。"
)


# --- spans and distractors (no index) ---------------------------------------------------------
def test_spans_find_quantities_fractions_and_bodies() -> None:
    sentence = "罢免案经全体代表的三分之一以上提议，由主席团在十日内召集会议，代表五人以上联名。"
    found = {(s.text, s.family) for s in find_spans(sentence)}
    assert {("三分之一", "fraction"), ("主席团", "body"), ("十日", "time"), ("五人", "count")} <= found
    assert find_spans(sentence)[0].family == "fraction"  # numbers are tested before bodies


@pytest.mark.parametrize(
    "text", ["1982年十二月四日通过，一九八二年", "第一次会议", "三月十日举行", "印发下一次会议"]
)
def test_dates_and_ordinals_are_not_quantities(text: str) -> None:
    assert not [s for s in find_spans(text) if s.family in ("time", "count")]


def test_an_age_is_tested_whole() -> None:
    # 「年满十八周岁」: the span was 「十八周」 (weeks), and a judge item read 「四十五周岁」 against it
    sentence = "中华人民共和国年满十八周岁的公民，都有选举权和被选举权。"
    assert [(s.text, s.group) for s in find_spans(sentence) if s.family == "time"] == [("十八周岁", "周岁")]
    age = classify("十八周岁")
    assert age is not None
    alts = DistractorPool([sentence]).alternatives(age)
    assert alts and "十八周岁" not in alts and all(a.endswith("周岁") for a in alts)


def test_alternatives_share_type_and_unit_and_never_mean_the_same() -> None:
    pool = DistractorPool(["每两个月举行一次。", "二次会议", "半数以上", "自交办之日起三个月内答复"])
    key = classify("两次")
    assert key is not None
    alts = pool.alternatives(key)
    assert alts and "二次" not in alts and "两次" not in alts
    assert all(classify(a) is not None and classify(a).group == "次" for a in alts)  # type: ignore[union-attr]
    half = classify("过半数")
    assert half is not None and "半数" not in pool.alternatives(half)
    months = classify("三个月")
    assert months is not None and set(pool.alternatives(months)) <= {"一个月", "两个月", "六个月"}


def test_distractor_that_the_passage_states_elsewhere_is_rejected() -> None:
    sentence = "有关机关、组织应当认真研究办理代表建议、批评和意见，并自交办之日起三个月内答复。"
    start = sentence.index("三个月")
    end = start + 3
    assert passage_states(ARTICLE_51, sentence, start, end, "六个月")  # 交办之日起六个月内答复 is true too
    assert not acceptable_distractor(ARTICLE_51, sentence, start, end, "六个月")
    assert acceptable_distractor(ARTICLE_51, sentence, start, end, "一个月")


def _item(**changes: object) -> QuizItem:
    from assistant.tools.passages import citation_of
    from assistant.types import Chunk, DocKind

    chunk = Chunk(
        "c1", "d1", 0, ARTICLE_51, 0, len(ARTICLE_51), "某法", DocKind.LAW, "x.md", article="第五十一条"
    )
    sentence = "有关机关、组织应当认真研究办理代表建议、批评和意见，并自交办之日起三个月内答复。"
    base = QuizItem(
        ItemType.CHOICE,
        "根据《某法》，" + sentence.replace("三个月", CHOICE_SLOT),
        ("一个月", "三个月", "两个月", "十个月"),
        "B",
        "",
        citation_of(chunk),
        sentence,
        "三个月",
        sentence.index("三个月"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_verification_catches_bad_keys_and_supported_distractors() -> None:
    assert problems(_item()) == []
    assert problems(_item(options=("六个月", "三个月", "两个月", "十个月")))  # the passage says 六个月 too
    assert problems(_item(key="四个月"))  # key not in the passage
    judge_false = _item(type=ItemType.JUDGE, options=(), answer=FALSE, question="根据《某法》，" + "涉及面广")
    assert problems(judge_false)


# --- request rules (no index) ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "二者选一"),
        ({"topic": "会议", "doc": "代表法"}, "二者选一"),
        ({"topic": "会议", "chapter": "第二章"}, "只能与文档标题"),
        ({"topic": "会议", "n": 0}, "1 到 100"),
        ({"topic": "会议", "n": 101}, "1 到 100"),
        ({"topic": "会议", "types": ("poem",)}, "未知的题型"),
        ({"topic": "会议", "types": ()}, "至少需要一种题型"),
    ],
)
def test_bad_requests_are_refused_in_chinese(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        QuizRequest(**kwargs)  # type: ignore[arg-type]


def test_parse_types() -> None:
    assert parse_types("judge, choice,judge") == (ItemType.JUDGE, ItemType.CHOICE)


# --- on real indexes ---------------------------------------------------------------------------
def assert_verified(quiz: Quiz) -> None:
    """Independent checks of every item against the verbatim passage it cites."""
    assert quiz.items
    for item in quiz.items:
        passage = item.source.text
        assert item.sentence in passage and item.key in passage
        assert item.sentence[item.start : item.start + len(item.key)] == item.key
        assert item.explanation and "\n" not in item.explanation
        assert source_label(item.source) in item.explanation
        if item.type == ItemType.CHOICE:
            assert len(set(item.options)) == 4 and item.options[LETTERS.index(item.answer)] == item.key
            assert item.question.endswith(item.sentence.replace(item.key, CHOICE_SLOT, 1)[item.start :])
            for wrong in item.distractors():
                assert wrong not in item.sentence
                filled = item.sentence[: item.start] + wrong + item.sentence[item.start + len(item.key) :]
                assert filled not in passage
        elif item.type == ItemType.JUDGE:
            statement = item.shown_statement()
            assert (statement == item.sentence) == (item.answer == TRUE)
            if item.answer == FALSE:
                assert statement not in passage
        else:
            assert item.answer == item.key
            assert item.question.replace(BLANK_SLOT, item.key).endswith(item.sentence)
        assert problems(item) == []


def assert_no_repeats(quiz: Quiz) -> None:
    pairs = [(it.sentence, it.key) for it in quiz.items]
    assert len(pairs) == len(set(pairs))
    assert len({it.question for it in quiz.items}) == len(quiz.items)


@pytest.mark.slow
def test_topic_quiz_on_small_corpus(small_assistant: Assistant) -> None:
    quiz = build_quiz(small_assistant, QuizRequest(topic="镇人民代表大会会议和罢免", n=6))
    assert_verified(quiz)
    assert_no_repeats(quiz)
    assert {it.source.n for it in quiz.items} == set(range(1, len(quiz.items) + 1))
    assert len(quiz.items) < 6 or not quiz.notice


@pytest.mark.slow
def test_document_and_chapter_quiz(small_assistant: Assistant) -> None:
    quiz = build_quiz(small_assistant, QuizRequest(doc="工作条例", chapter="第二章", n=30))
    assert_verified(quiz)
    snap = small_assistant.index.snapshot()
    chapters = {snap.chunks[snap.position[it.source.chunk_id]].section_path[0] for it in quiz.items}
    assert chapters == {"第二章 会议"}
    assert len(quiz.items) < 30 and "只找到" in quiz.notice  # a small chapter cannot fill 30 items
    with pytest.raises(NotFound, match="没有标题包含"):
        build_quiz(small_assistant, QuizRequest(doc="不存在的条例"))
    with pytest.raises(NotFound, match="章节"):
        build_quiz(small_assistant, QuizRequest(doc="工作条例", chapter="第九章"))


@pytest.mark.slow
def test_single_type_quiz(small_assistant: Assistant) -> None:
    quiz = build_quiz(small_assistant, QuizRequest(doc="工作条例", n=5, types=(ItemType.BLANK,)))
    assert quiz.items and {it.type for it in quiz.items} == {ItemType.BLANK}


@pytest.mark.slow
def test_quiz_over_a_law_of_the_default_corpus(default_assistant: Assistant) -> None:
    quiz = build_quiz(default_assistant, QuizRequest(doc="代表法", n=20))
    assert len(quiz.items) == 20 and not quiz.notice
    assert {it.type for it in quiz.items} == set(ItemType)
    assert any(it.answer == FALSE for it in quiz.items) and any(it.answer == TRUE for it in quiz.items)
    assert all("代表法" in it.source.title for it in quiz.items)
    assert_verified(quiz)
    assert_no_repeats(quiz)
    topical = build_quiz(default_assistant, QuizRequest(topic="代表建议办理", n=8))
    assert_verified(topical)
    assert any("答复" in it.source.text for it in topical.items)


@pytest.mark.slow
def test_a_topic_quiz_takes_its_items_from_several_passages(default_assistant: Assistant) -> None:
    quiz = build_quiz(default_assistant, QuizRequest(topic="罢免", n=5))
    assert len(quiz.items) == 5 and not quiz.notice
    assert_verified(quiz)
    # the best hit (选举法第五十条) has four testable sentences; the passages take turns
    assert len({it.source.chunk_id for it in quiz.items}) >= 4
    # a list's lead-in (「全国人民代表大会有权罢免下列人员：」) is no item: it states nothing alone
    assert not [it for it in quiz.items if it.sentence.rstrip().endswith(("：", ":"))]
    # no item tests the topic's own word: the title gives it away (「______代表采用无记名的表决方式」)
    assert all(it.key not in "罢免" for it in quiz.items)


@pytest.mark.slow
def test_a_topic_whose_best_hits_define_terms_still_gets_a_quiz(default_assistant: Assistant) -> None:
    # 「预算」's ten best hits (预算法第三条至第五条…) set no number or organ a quiz could test
    quiz = build_quiz(default_assistant, QuizRequest(topic="预算", n=4))
    assert len(quiz.items) == 4 and not quiz.notice
    assert_verified(quiz)
    assert all("预算" in it.source.title for it in quiz.items)


# --- exports -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_quiz(small_assistant: Assistant) -> Quiz:
    return build_quiz(small_assistant, QuizRequest(doc="工作条例", n=8))


@pytest.mark.slow
def test_json_round_trip(small_quiz: Quiz) -> None:
    text = quiz_json(small_quiz)
    assert quiz_from_json(text) == small_quiz
    data = json.loads(text)
    assert [d["question"] for d in data["items"]] == [it.question for it in small_quiz.items]
    assert all(d["source"]["label"].startswith("《") for d in data["items"])


@pytest.mark.slow
def test_csv_round_trip(small_quiz: Quiz) -> None:
    data = export_quiz(small_quiz, FileFormat.CSV)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, so spreadsheet software reads the Chinese
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS and len(rows) == len(small_quiz.items)
    for row, item in zip(rows, small_quiz.items, strict=True):
        assert row["题目"] == item.question and row["答案"] == item.answer
        assert [row[f"选项{x}"] for x in LETTERS] == [*item.options, "", "", "", ""][:4]
        assert row["解析"] == item.explanation and row["出处"] == source_label(item.source)
        assert row["原文"] == item.source.text


@pytest.mark.slow
def test_docx_holds_every_item_and_the_key_section(small_quiz: Quiz) -> None:
    document = docx.Document(io.BytesIO(export_quiz(small_quiz, FileFormat.DOCX)))
    texts = [p.text for p in document.paragraphs]
    key_at = texts.index("答案")
    questions, answers = "\n".join(texts[:key_at]), "\n".join(texts[key_at:])
    for item in small_quiz.items:
        assert item.question in questions
        assert item.explanation in answers and source_label(item.source) in answers
        assert item.explanation not in questions  # keys stay out of the question part
        assert all(o in questions for o in item.options)


@pytest.mark.slow
def test_markdown_lists_questions_then_answers(small_quiz: Quiz) -> None:
    text = quiz_markdown(small_quiz)
    head, answers = text.split("## 答案")
    assert all(it.question in head and it.explanation in answers for it in small_quiz.items)


# --- command line ------------------------------------------------------------------------------
@pytest.mark.slow
def test_cli_quiz(small_assistant: Assistant, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    runner = CliRunner()
    index = ["--index", str(small_assistant.settings.index_dir)]
    env = {"RENDA_EMBEDDING_CACHE_PATH": str(small_assistant.settings.embedding.cache_path)}
    result = runner.invoke(app, ["quiz", "--doc", "工作条例", "-n", "3", "--format", "json", *index], env=env)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["items"]) == 3
    out = tmp_path / "测验.docx"
    result = runner.invoke(
        app, ["quiz", "--doc", "工作条例", "-n", "3", "--format", "docx", "-o", str(out), *index]
    )
    assert result.exit_code == 0 and "已写入" in result.stdout
    assert "答案" in [p.text for p in docx.Document(str(out)).paragraphs]
    for args, message in [
        (["--doc", "工作条例", "--format", "docx"], "需要用 -o"),
        (["--topic", "会议", "--doc", "工作条例"], "二者选一"),
        (["--doc", "工作条例", "--types", "essay"], "未知的题型"),
        (["--doc", "工作条例", "--format", "pdf"], "不支持的输出格式"),
    ]:
        result = runner.invoke(app, ["quiz", *args, *index], env=env)
        assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr
