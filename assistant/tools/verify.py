"""Checks a quiz item against the passage it cites before it is emitted: the key is in the
passage, no distractor makes a statement the passage also makes, an altered judge statement is
not in the passage. Works from the item alone, so it can also audit an exported quiz."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.tools.passages import clause_bounds

if TYPE_CHECKING:
    from assistant.tools.quiz import QuizItem

CONTEXTS = ((8, 8), (4, 3))  # clause characters (left, right) a substitute is checked with


def substitute(sentence: str, start: int, end: int, text: str) -> str:
    return sentence[:start] + text + sentence[end:]


def passage_states(passage: str, sentence: str, start: int, end: int, text: str) -> bool:
    """Whether putting `text` in sentence[start:end] yields something the passage itself says,
    as the whole sentence or in the words around the slot (并自交办之日起三个月内答复 with 六个月:
    the next sentence says 应当自交办之日起六个月内答复, so 六个月 is no wrong option there)."""
    if substitute(sentence, start, end, text) in passage:
        return True
    left, right = clause_bounds(sentence, start, end)
    return any(
        sentence[max(left, start - before) : start] + text + sentence[end : min(right, end + after)]
        in passage
        for before, after in CONTEXTS
    )


def acceptable_distractor(passage: str, sentence: str, start: int, end: int, text: str) -> bool:
    """A wrong option: not already in the sentence, and not a true statement of the passage."""
    return text not in sentence and not passage_states(passage, sentence, start, end, text)


def problems(item: QuizItem) -> list[str]:
    """What is wrong with an item (empty when its key and distractors check out)."""
    passage, sentence = item.source.text, item.sentence
    start, end = item.start, item.start + len(item.key)
    found: list[str] = []
    if sentence not in passage:
        found.append("sentence not in the cited passage")
    if not item.key or sentence[start:end] != item.key or item.key not in passage:
        found.append("key not in the cited passage")
    for alt in item.distractors():
        if not acceptable_distractor(passage, sentence, start, end, alt):
            found.append(f"distractor {alt!r} is supported by the passage")
    shown = item.shown_statement()
    if item.type == "judge" and item.answer == "正确" and shown != sentence:
        found.append("true statement differs from the passage")
    if item.type == "judge" and item.answer == "错误" and (shown == sentence or shown in passage):
        found.append("false statement appears in the passage")
    return found
