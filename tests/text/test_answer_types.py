"""The kind of fact a question asks for, shared by the ranker (which prefers passages stating it)
and the abstention rules (which withhold an answer whose top passages do not)."""

from assistant.text.answer_types import answer_type, required_type, states


def test_how_many_years_asks_for_a_term_not_for_a_year() -> None:
    assert answer_type("乡镇人大每届任期几年？") == "years"
    assert answer_type("人大代表一届要干多少年？") == "years"
    assert answer_type("孟景伟书记是哪一年到副中心任职的？") == "year"
    assert answer_type("一届干多久？") == "period"  # how long, in any unit, comes first
    assert states("years", "地方各级人民代表大会每届任期五年。")
    assert states("years", "任期3年")
    # a year of the calendar, every year, a number of months: not a term in years
    assert not states("years", "2023年是各乡镇人大任期的第二年")
    assert not states("years", "二〇二三年")
    assert not states("years", "乡、民族乡、镇的人民代表大会会议一般每年举行两次。")
    assert not states("years", "在本届人民代表大会代表选举完成后的两个月内")


def test_the_ranker_may_prefer_a_kind_the_abstention_rules_do_not_require() -> None:
    # a term of office is stated once for every level, often below the passages about the level
    assert required_type("乡镇人大每届任期几年？") == ""
    assert required_type("选民名单要提前几天公布？") == "duration"
    assert required_type("乡镇人大工作怎么开展？") == answer_type("乡镇人大工作怎么开展？") == ""


def test_any_text_states_no_kind_in_particular() -> None:
    assert states("", "任何文字")
    assert not states("count", "监票、计票人员由各代表团推选。")
    assert states("count", "代表五人以上联名，可以提出议案。")


def test_which_month_is_answered_by_a_month_not_by_days() -> None:
    question = "区政府的决算草案一般几月份报区人大常委会批？"
    assert answer_type(question) == "month"
    assert states("month", "县级以上地方各级人民政府应当在每年六月，将上一年度的本级决算草案提请……")
    assert not states("month", "应当在举行会议审查和批准决算草案的三十日前")
    assert not states("month", "在本届人民代表大会代表选举完成后的两个月内")
    assert answer_type("大会哪天开幕？") == "date"
