"""A message asking two questions (「罢免镇长要多少代表联名？选举经费从哪里出？」): each question is
searched on its own too, and the rankings are taken in turn, so the second question's passage is
not crowded out of the top five by the first question's neighbours."""

import pytest

from assistant.retrieval.hybrid import MAX_SEARCHED_QUESTIONS, interleaved
from assistant.service import Assistant
from assistant.types import Chunk, DocKind, Hit


def hit(name: str, score: float) -> Hit:
    return Hit(Chunk(name, "d", 0, name, 0, len(name), "地方组织法", DocKind.LAW, "law.md"), score)


def test_rankings_are_taken_in_turn_each_passage_once() -> None:
    whole = [hit("a", 9.0), hit("b", 8.0), hit("c", 7.0)]
    first = [hit("a", 6.0), hit("d", 5.0)]
    second = [hit("e", 12.0), hit("b", 11.0), hit("f", 10.0)]
    merged = interleaved([whole, first, second], 5)
    assert [h.chunk.chunk_id for h in merged] == ["a", "e", "b", "d", "c"]
    scores = [h.score for h in merged]
    assert scores == sorted(scores, reverse=True)  # e's 12.0 is shown as a's 9.0


def test_named_articles_stay_first() -> None:
    whole = [hit("pinned1", 20.0), hit("pinned2", 20.0), hit("b", 8.0)]
    merged = interleaved([whole, [hit("e", 30.0)]], 4, keep=2)
    assert [h.chunk.chunk_id for h in merged] == ["pinned1", "pinned2", "e", "b"]
    assert merged[2].score == 20.0
    assert interleaved([[], []], 5) == []


@pytest.mark.slow
def test_the_second_question_gets_its_article(default_assistant: Assistant) -> None:
    """Searched as one, the recall articles (地方组织法第三十一条, 选举法第五十条, 宪法第一百零一条…)
    fill the top five and the answer says nothing of election funds."""
    question = "罢免镇长要多少代表联名？选举经费从哪里出？"
    hits = default_assistant.search(question, 5)
    found = [(h.chunk.title, h.chunk.article) for h in hits]
    assert "组织法" in found[0][0] and found[0][1] == "第三十一条", found
    assert any("选举法" in title and article == "第八条" for title, article in found), found
    answer = default_assistant.ask(question).answer
    assert "五分之一以上代表联名" in answer and "由国库开支" in answer, answer


@pytest.mark.slow
def test_what_is_asked_after_a_situation_is_searched_too(default_assistant: Assistant) -> None:
    """The situation told first (企业, 排污, 拦在门口) drowned 「阻碍代表履职」: 代表法第五十五条
    ranked sixth (dev duty-604)."""
    question = (
        "我们镇代表按主席团安排去一家企业看排污情况，被厂里的人拦在门口不让进，还推搡了几下。"
        "阻碍代表履职的，法律上怎么处理？"
    )
    found = [(h.chunk.title, h.chunk.article) for h in default_assistant.search(question, 5)]
    assert any(title.endswith("代表法") and article == "第五十五条" for title, article in found), found


@pytest.mark.slow
def test_a_question_naming_no_subject_is_searched_with_the_one_before(default_assistant: Assistant) -> None:
    answer = default_assistant.ask("人大代表享有哪些权利？应当履行哪些义务？")
    assert "代表享有下列权利" in answer.answer and "代表应当履行下列义务" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_message_of_many_questions_runs_a_bounded_number_of_searches(
    small_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1,000 characters may hold a hundred question marks; at 27 ms a search that was three
    seconds an ask. Repeated questions are searched once, and at most MAX_SEARCHED_QUESTIONS."""
    retriever = small_assistant.retriever
    searched: list[str] = []
    candidates = retriever.candidates

    def counting(snap, query, filters):  # type: ignore[no-untyped-def]
        searched.append(query)
        return candidates(snap, query, filters)

    monkeypatch.setattr(retriever, "candidates", counting)
    small_assistant.search("镇人大一年开几次会？" * 50, 5)
    assert len(searched) == 1 + 1  # the message, and its one distinct question
    searched.clear()
    hits = small_assistant.search("".join(f"第{i}个问题是什么？" for i in range(60)), 5)
    assert len(searched) == 1 + MAX_SEARCHED_QUESTIONS
    assert len(hits) <= 5


@pytest.mark.slow
def test_a_question_naming_no_level_is_searched_at_the_messages_level(
    small_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """「常委会批决算的时候还要听哪个报告？」 after 「区政府的决算草案…报区人大常委会批？」 asks about the
    district's standing committee: searched alone it ranked the NPC standing committee's rules first."""
    from assistant.retrieval.levels import COUNTY

    retriever = small_assistant.retriever
    levels: list[frozenset[str]] = []
    fuse = retriever._fuse

    def spying(snap, cands, k):  # type: ignore[no-untyped-def]
        levels.append(cands.levels)
        return fuse(snap, cands, k)

    monkeypatch.setattr(retriever, "_fuse", spying)
    small_assistant.search("区政府的决算草案几月份报区人大常委会批？常委会批决算的时候还要听哪个报告？", 5)
    assert levels == [frozenset({COUNTY})] * 3  # the message, then each of its two questions
