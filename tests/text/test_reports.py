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
