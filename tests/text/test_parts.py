"""Which parts of a message ask something, and which questions it asks one after another."""

from assistant.text.parts import asked_after_telling, asking_clauses, asking_parts, sub_questions


def test_one_question_is_no_series() -> None:
    assert sub_questions("乡镇人大一年开几次会？") == []
    assert sub_questions("要罢免一个镇人大代表，选民怎么提，怎样才算通过？") == []  # one question, two parts
    assert sub_questions("乡镇人大一年开几次会") == []


def test_each_question_of_a_message_stands_alone() -> None:
    assert sub_questions("罢免镇长要多少代表联名？选举经费从哪里出？") == [
        "罢免镇长要多少代表联名？",
        "选举经费从哪里出？",
    ]


def test_a_follow_up_takes_the_question_before() -> None:
    """「要多少人？」 alone would search for nothing in particular (text.follow_up.resolve)."""
    assert sub_questions("代表能提议临时开乡镇人代会吗？要多少人？") == [
        "代表能提议临时开乡镇人代会吗？",
        "代表能提议临时开乡镇人代会，要多少人？",
    ]


def test_empty_and_ascii_question_marks() -> None:
    assert sub_questions("？？罢免镇长要多少代表联名?？选举经费从哪里出?") == [
        "罢免镇长要多少代表联名?",
        "选举经费从哪里出?",
    ]


def test_a_question_naming_no_subject_takes_the_one_before() -> None:
    """「应当履行哪些义务？」 alone finds 代表法第五十五条 (「有义务协助代表执行代表职务而拒绝履行义务
    的…」), others' duty to deputies, not the deputies' own."""
    assert sub_questions("人大代表享有哪些权利？应当履行哪些义务？") == [
        "人大代表享有哪些权利？",
        "人大代表享有哪些权利，应当履行哪些义务？",
    ]


def test_a_question_opening_on_a_verb_asked_as_x_not_x_takes_the_one_before() -> None:
    """「算不算权力机关里的一员？」 alone names no one: 代表法第二条 (「地方各级人民代表大会代表是地方各级
    国家权力机关组成人员」) was not among the five found for the message (eval/RESULTS.md, step 184)."""
    assert sub_questions("镇人大代表在法律上算个啥？算不算权力机关里的一员？") == [
        "镇人大代表在法律上算个啥？",
        "镇人大代表在法律上算个啥，算不算权力机关里的一员？",
    ]
    # a subject of its own before the verb is kept
    assert (
        sub_questions("罢免镇长要几个人联名？副镇长算不算政府组成人员？")[1] == "副镇长算不算政府组成人员？"
    )


def test_a_question_opening_on_a_deed_done_takes_the_one_before() -> None:
    """「定下来以后还要报哪里备案？」 alone searched for 备案 anywhere (预算法第八十一条 first); with the
    question before, 选举法第十三条 (who fixes a township's seats, and where they are filed)."""
    assert sub_questions("下届镇人大代表定多少名，是哪一级拍板的？定下来以后还要报哪里备案？") == [
        "下届镇人大代表定多少名，是哪一级拍板的？",
        "下届镇人大代表定多少名，是哪一级拍板的，定下来以后还要报哪里备案？",
    ]
    # a time of its own names a subject of its own
    assert (
        sub_questions("乡镇人大一年开几次会？换届以后代表资格怎么确认？")[1] == "换届以后代表资格怎么确认？"
    )


def test_a_question_opening_on_then_takes_the_one_before() -> None:
    """「后来批了预算调整方案，又要报谁备案？」 goes on from the township budget asked before."""
    assert sub_questions("镇人代会批完的预算要报哪里备案？后来批了预算调整方案，又要报谁备案？")[1] == (
        "镇人代会批完的预算要报哪里备案，批了预算调整方案，又要报谁备案？"
    )


def test_what_is_asked_after_a_situation_told_first() -> None:
    question = "我们镇代表去企业看排污情况，被厂里的人拦在门口不让进。阻碍代表履职的，法律上怎么处理？"
    assert asked_after_telling(question) == "阻碍代表履职的，法律上怎么处理？"
    # pointing back, it takes the situation in (text.follow_up.resolve)
    pointing = asked_after_telling("上次人代会推到哪天没定下来。这个日子由谁来定？")
    assert "人代会" in pointing and pointing.endswith("由谁来定？")
    # no situation told: nothing more to search
    assert asked_after_telling("乡镇人大一年开几次会？") == ""
    assert asked_after_telling("好。几次？") == ""


def test_asking_clauses_leave_out_what_is_told_before() -> None:
    assert asking_clauses("镇人大代表最多一百六十名，那县人大代表总名额最多能到多少？") == [
        "那县人大代表总名额最多能到多少"
    ]
    assert asking_clauses("全国人大代表联名提议案要三十人，镇人代会呢？") == ["镇人代会呢"]
    assert asking_clauses("代表法第五十一条。") == []


def test_a_verb_asked_as_x_not_x_asks() -> None:
    # 是不是, 要不要 ask as 能不能 does (dev multi-351; duty-507 and multi-804 gained by it)
    question = "县人大会选市人大代表的时候，这个选举由谁来主持，候选人是不是非得是县人大代表才行"
    assert asking_parts(question) == [
        "县人大会选市人大代表的时候，这个选举由谁来主持",
        "候选人是不是非得是县人大代表才行",
    ]
    assert asking_clauses("镇政府除了向镇人大报告预算执行情况，还要不要定期向县政府报告？") == [
        "还要不要定期向县政府报告"
    ]
    assert asking_parts("代表不得不请假") == []
    # 咋 is the spoken 怎么 (as 啥 is 什么)
    assert asking_parts("预算批了，钱下不来咋办") == ["预算批了，钱下不来咋办"]
    # 好几 (quite a few) tells; it does not ask
    assert asking_parts(
        "县人大常委会主任住院了，好几个月没法上班，这段时间常委会主任的职务谁来代理？怎么产生？"
    ) == [
        "县人大常委会主任住院了，好几个月没法上班，这段时间常委会主任的职务谁来代理",
        "怎么产生",
    ]
    # nor does 我们几个 (several of us): the clause telling who asks is no part of its own
    assert asking_parts("我们几个联名提的议案交给专门委员会审议了，专委会审的时候要不要跟我们沟通？") == [
        "我们几个联名提的议案交给专门委员会审议了，专委会审的时候要不要跟我们沟通"
    ]


def test_asking_whether_the_law_provides_it_is_the_same_ask() -> None:
    """「…几次就得被责令辞职？组织法里有这条吗？」 asks one thing: the number of absences was held
    to be one part and answered with a notice instead of abstaining (dev unanswerable-686, -689,
    -790)."""
    assert asking_parts("选举法有没有规定，选举材料要封存保管多少年？") == [
        "选举法有没有规定，选举材料要封存保管多少年"
    ]
    assert asking_parts("缺席会议几次就得辞职？组织法里有这条吗？") == [
        "缺席会议几次就得辞职，组织法里有这条吗"
    ]
    assert asking_parts("一般定多少件，法律上有没有数量要求？") == ["一般定多少件，法律上有没有数量要求"]
    # alone it is the question; another ask beside it stays a part of its own
    assert asking_parts("法律上有没有规定？") == ["法律上有没有规定"]
    assert asking_parts("罢免镇长要几个代表联名，向谁提出？") == ["罢免镇长要几个代表联名", "向谁提出"]


def test_asking_whether_a_figure_is_set_is_the_same_ask() -> None:
    """「…一天给补多少钱，有具体数吗？」 asks the amount once more, not a second thing: as two
    parts, the answer stated 适当补贴 with a notice that the amount was not found instead of
    withholding (eval/RESULTS.md step 219)."""
    assert asking_parts("财政一天给补多少钱，有具体数吗？") == ["财政一天给补多少钱，有具体数吗"]
    assert asking_parts("一个代表最多能提几条建议？是不是有个条数限制？") == [
        "一个代表最多能提几条建议，是不是有个条数限制"
    ]
    assert asking_parts("代表活动经费按每人多少钱来列，国家有没有定一个统一的标准数") == [
        "代表活动经费按每人多少钱来列，国家有没有定一个统一的标准数"
    ]
    assert asking_parts("会场座位怎么排，有硬性规定吗？") == ["会场座位怎么排，有硬性规定吗"]
    assert asking_parts("最少要跟着几个工作人员，法律上是怎么要求的") == [
        "最少要跟着几个工作人员，法律上是怎么要求的"
    ]
    # the figure asked again, or an example of it
    assert asking_parts("主席团由几名成员组成，人数上下限是多少？") == [
        "主席团由几名成员组成，人数上下限是多少"
    ]
    assert asking_parts("每个月给发多少钱的补助？具体数目是几百还是几千？") == [
        "每个月给发多少钱的补助，具体数目是几百还是几千"
    ]
    assert asking_parts("定多少人法律上给没给个数，比如占代表总数几分之几？") == [
        "定多少人法律上给没给个数，比如占代表总数几分之几"
    ]
    # a figure asked beside another matter is still two asks
    assert asking_parts("选民名单漏了人该找谁，多久给答复？") == ["选民名单漏了人该找谁", "多久给答复"]
