"""Which report a text speaks of (text.reports): 监督法 sets deadlines per kind of report."""

from assistant.text.reports import other_reports_only, reports

AUDIT = (
    "常务委员会在听取和审议审计工作报告后的六个月内，听取和审议本级人民政府关于审计查出问题整改情况的报告。"
)
SPECIAL = "常务委员会听取和审议专项工作报告的会议举行二十日前，由其办事机构将专项工作报告送交本级人民代表大会有关专门委员会。"


def test_questions_and_statutes_name_the_same_kinds() -> None:
    assert reports("镇政府工作报告要提前几天发给代表看？") == {"government"}
    assert reports("听取和审议乡、民族乡、镇的人民政府的工作报告") == {"government"}
    assert reports("常委会听取专项工作报告后，政府多长时间报告整改情况？") == {"special"}
    assert reports(AUDIT) == {"audit"}
    assert reports("代表建议办理的满意率要求达到百分之多少？") == frozenset()


def test_a_sentence_about_another_report_only_does_not_answer() -> None:
    assert other_reports_only(frozenset({"special"}), AUDIT)
    assert other_reports_only(frozenset({"government"}), SPECIAL)
    assert not other_reports_only(frozenset({"special"}), SPECIAL)
    # a question naming no report, or a sentence naming none, is not judged by this
    assert not other_reports_only(frozenset(), AUDIT)
    assert not other_reports_only(frozenset({"audit"}), "代表五人以上联名，可以提出议案。")


def test_the_debt_report_is_not_the_plan_and_budget_report() -> None:
    """「政府债务管理情况…几月份报？」: 监督法第二十条's 「每年六月至九月期间」 is for the plan's and the
    budget's execution (dev unanswerable-505)."""
    plan_and_budget = (
        "国务院和县级以上地方各级人民政府应当在每年六月至九月期间，向本级人民代表大会常务委员会报告"
        "本年度上一阶段国民经济和社会发展计划、预算的执行情况。"
    )
    assert reports(plan_and_budget) == {"plan", "budget"}
    question = "县政府每年向县人大常委会报告政府债务管理情况，一般得安排在几月份报？"
    assert reports(question) == {"debt"}
    assert other_reports_only(reports(question), plan_and_budget)
