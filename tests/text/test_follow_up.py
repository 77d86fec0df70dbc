"""A follow-up asks what it asks: the earlier question lends its subject, not its asking words
(text.follow_up.resolve; the chat's end-to-end cases are in tests/api/test_chat.py)."""

from assistant.text.answer_types import answer_type
from assistant.text.follow_up import resolve


def test_what_about_a_new_matter_keeps_the_subject_and_drops_how_often() -> None:
    """「那罢免镇长呢？」 after 「镇人大会议一年开几次？」 resolved to 「镇人大会议一年开几次罢免镇长？」,
    a frequency by its words, and the meetings' 每年两次 was put before the recall article."""
    resolved = resolve("那罢免镇长呢？", ["镇人大会议一年开几次？"])
    assert resolved == "镇人大会议罢免镇长？"
    assert answer_type(resolved) == ""


def test_a_follow_up_asking_its_own_kind_of_fact_is_read_for_it() -> None:
    earlier = "镇人大会议一年开几次？"
    assert answer_type(earlier) == "frequency"
    resolved = resolve("要提前几天通知代表？", [earlier])
    assert resolved == "镇人大会议，要提前几天通知代表？"
    assert answer_type(resolved) == answer_type("要提前几天通知代表？") != "frequency"


def test_a_follow_up_asking_no_kind_keeps_the_whole_earlier_question() -> None:
    """What the earlier question asked is the follow-up's context when it asks no kind itself."""
    assert (
        resolve("应当履行哪些义务？", ["人大代表享有哪些权利？"])
        == "人大代表享有哪些权利，应当履行哪些义务？"
    )
    resolved = resolve("这个要多少人联名？", ["镇长的罢免案谁能提？"])
    assert resolved.startswith("镇长的罢免案") and resolved.endswith("要多少人联名？"), resolved
    assert answer_type(resolved) == "count"
