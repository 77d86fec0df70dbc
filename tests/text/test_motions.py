"""What a question's 联名 is for (text.motions): each motion has its own number of deputies."""

import pytest

from assistant.text.motions import joint_match, motions_asked


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("镇人代会上几个代表联名可以提议案？", {"议案"}),
        ("罢免副镇长要多少代表联名？", {"罢免"}),
        ("村民想撤掉他们那片选出来的镇代表，这个得有多少人签字？", {"罢免", "撤职"}),
        ("委员提撤职案要几分之几的组成人员联名？", {"撤职"}),
        ("代表自己推镇长人选，得攒够多少张代表签名？", {"职务候选人"}),
        ("选民自己推荐候选人要几个人联名？", {"代表候选人"}),
        ("明年要选镇人大主席，代表自己推人要几个人签名？", {"职务候选人"}),
        ("候选人要几个人联名才能提？", {"代表候选人", "职务候选人"}),  # whose candidacy, unsaid
        ("我们几个代表想联名提个议案，得几个人？", {"议案"}),  # the number asked right after
        ("六个人够不够联名提议案？", {"议案"}),
        ("我们代表想马上开一次镇人代会，得多少代表提才行？", {"临时会议"}),
        # the 联名 told, something else asked
        ("我们十个代表联名推了个副镇长人选，提名的人还得做啥？", set()),
        ("县人大常委会几位委员准备联名提撤职案，撤职案里得写清楚哪些东西？", set()),
        ("委员联名提的质询案答复完了，提案的委员里要有多少人不满意，才能要求再答复？", set()),
        # who signs, and a vote
        ("质询案的书面答复得由谁签字？", set()),
        ("罢免镇长要多少代表同意？", set()),
        # no motion named
        ("最少得几个人一起签名才行？", set()),
    ],
)
def test_the_motion_whose_joint_signatures_are_counted(question: str, expected: set[str]) -> None:
    assert motions_asked(question) == expected


TOWNSHIP_MOTION = (
    "县级以上的地方各级人民代表大会代表十人以上联名，乡、民族乡、镇的人民代表大会代表五人以上联名，"
    "可以向本级人民代表大会提出属于本级人民代表大会职权范围内的议案。"
)
RECALL = "对于乡级的人民代表大会代表，原选区选民三十人以上联名，可以向县级的人民代表大会常务委员会书面提出罢免要求。"
SESSION = "乡、民族乡、镇的人民代表大会主席团认为必要，或者经过五分之一以上代表提议，可以临时召集本级人民代表大会会议。"


def test_a_passage_setting_the_threshold_of_the_motion_asked_matches_and_others_do_not() -> None:
    motion = motions_asked("几个代表联名能提议案？")
    assert joint_match(motion, TOWNSHIP_MOTION) == 1
    assert joint_match(motion, RECALL) == -1
    assert joint_match(motion, "代表应当与原选区选民保持密切联系。") == 0  # sets no threshold
    assert joint_match(motions_asked("要多少代表提议才能临时开会？"), SESSION) == 1
    assert joint_match(frozenset(), RECALL) == 0  # nothing asked: no evidence either way
    office = motions_asked("镇人大主席的人选，代表这边至少几位一起签名能提？")
    assert (
        joint_match(
            office,
            "乡、民族乡、镇的人民代表大会代表十人以上书面联名，可以提出本级人民代表大会主席、副主席的候选人。",
        )
        == 1
    )
    assert joint_match(office, "选民或者代表，十人以上联名，也可以推荐代表候选人。") == -1
