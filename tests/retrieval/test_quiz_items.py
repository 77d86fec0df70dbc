"""Questions as trainers write quiz items (default corpus)."""

import pytest

from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_a_multiple_choice_item_is_answered_from_its_stem(default_assistant: Assistant) -> None:
    """The options name the township government, the county standing committee and the presidium,
    whose articles outranked the answer (dev procedure-306): the answer now names 选举委员会, and
    the question it echoes is the item as asked."""
    item = "单选：乡镇人大换届选举，选区由谁来划分？A.镇政府 B.县人大常委会 C.选举委员会 D.镇人大主席团"
    answer = default_assistant.ask(item)
    assert not answer.abstained and "选举委员会" in answer.answer and answer.question == item
    assert any(c.section == "第十一条" for c in answer.citations)
