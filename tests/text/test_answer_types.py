"""The kind of fact a question asks for, shared by the ranker (which prefers passages stating it)
and the abstention rules (which withhold an answer whose top passages do not)."""

from assistant.text.answer_types import (
    ASKS_QUANTITY,
    STATES_QUANTITY,
    answer_type,
    asks_quantity,
    required_type,
    states,
    without_asking,
)


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


def test_which_year_of_a_term_is_answered_by_an_ordinal_year() -> None:
    # multi-969: its first part was answered with the speech's 「…为期半年…」 (step 223)
    assert answer_type("咱这届镇人大今年干到第几年了？") == "nth_year"
    assert answer_type("一届总共几年？") == "years"
    assert states("nth_year", "2023年是各乡镇人大任期的第二年")
    assert not states("nth_year", "每届任期五年") and not states("years", "任期的第二年")


def test_a_year_named_or_a_plan_is_no_number_of_years() -> None:
    # the speech's 「…的重要一年」 came first for 「镇人大代表任期几年？」 (eval/RESULTS.md step 223)
    for text in (
        "奋力开创乡镇人大工作新局面的重要一年",
        "审查上一年度预算执行情况",
        "应当在下一年用于结转",
        "第十四个五年规划纲要",
        "回答好“二十年之问”",
        "基层治理五年行动计划",
    ):
        assert not states("years", text) and not states("period", text), text
    for text in ("自决算结束后一年内", "连续两年未用完", "处三年以上五年以下", "满一年的"):
        assert states("years", text) and states("period", text), text


def test_how_many_terms_is_answered_by_a_number_of_terms() -> None:
    """「乡镇人大主席最多能连任几届」 (blind batches, eval/RESULTS.md step 189): no document limits it,
    and 地方组织法第十八条's 「任期同本级人民代表大会每届任期相同」 was given for an answer."""
    assert required_type("这个乡镇人大主席最多能连任几届啊") == "terms"
    assert answer_type("有届数上限吗？") == "terms"
    assert answer_type("这是第几届人大？") == ""  # which term, not how many
    assert states("terms", "委员长、副委员长连续任职不得超过两届。")
    assert not states("terms", "主席、副主席任期同本级人民代表大会每届任期相同。")
    assert not states("terms", "第十三届全国人民代表大会第五次会议")
    assert not states("terms", "在本届人民代表大会代表选举完成后的两个月内")


def test_the_ranker_may_prefer_a_kind_the_abstention_rules_do_not_require() -> None:
    # a term of office is stated once for every level, often below the passages about the level
    assert required_type("乡镇人大每届任期几年？") == ""
    assert required_type("选民名单要提前几天公布？") == "duration"
    assert required_type("乡镇人大工作怎么开展？") == answer_type("乡镇人大工作怎么开展？") == ""


def test_any_text_states_no_kind_in_particular() -> None:
    assert states("", "任何文字")
    assert not states("count", "监票、计票人员由各代表团推选。")
    assert states("count", "代表五人以上联名，可以提出议案。")


def test_how_many_kinds_is_answered_by_a_number_of_kinds_not_by_an_ordinal() -> None:
    assert answer_type("乡镇人大的职权大致可以分成哪几类？") == "classes"
    assert answer_type("代表建议分几大类？") == "classes"
    # which kinds, a list (step 223): 「…点名要盯住哪几类重点问题来着」 was withheld for no 「N类」
    assert answer_type("点名要盯住哪几类重点问题") == ""
    assert answer_type("哪类人没有选举权？") == ""
    assert states("classes", "乡镇人大有14项职权，大致分为三大类，即：决定权……")
    assert not states("classes", "第二类是监督权")


def test_a_number_of_things_counts_but_not_an_ordinal_or_a_span_of_time() -> None:
    # 「代表之家建了几个？」: the speech states 「全区23个代表之家和410个代表联络站」
    assert answer_type("代表之家建了几个？") == "count"
    assert states("count", "如期完成了全区23个代表之家和410个代表联络站的建设")
    assert states("count", "乡镇人大有十四项职权，设三个专门小组")
    # 「第十四个五年规划」 is the fourteenth plan, 「两个月内」 a period: neither answers 多少件/几个
    assert not states("count", "国民经济和社会发展第十四个五年规划纲要实施情况的中期评估报告")
    assert not states("count", "应当在两个月内提请本级人民代表大会常务委员会任命")
    assert not states("count", "在十五个工作日内答复")


def test_which_month_is_answered_by_a_month_not_by_days() -> None:
    question = "区政府的决算草案一般几月份报区人大常委会批？"
    assert answer_type(question) == "month"
    assert states("month", "县级以上地方各级人民政府应当在每年六月，将上一年度的本级决算草案提请……")
    assert not states("month", "应当在举行会议审查和批准决算草案的三十日前")
    assert not states("month", "在本届人民代表大会代表选举完成后的两个月内")
    assert answer_type("大会哪天开幕？") == "date"
    # which months, not how long (dev procedure-1609); 几个月 alone still asks a period
    assert answer_type("上一年度的决算草案一般放在一年当中哪几个月提请常委会审批？") == "month"
    assert answer_type("专项工作报告审议后几个月内要报告整改情况？") == "period"


def test_how_often_is_answered_by_a_frequency_and_held_to_a_period() -> None:
    for question in (
        "区人大常委会多久开一次会？",
        "乡镇人大多长时间开一次会？",
        "乡镇人大一年开几次会？",
        "政府债务管理情况按法律每隔多长时间得向人大常委会报告？",  # duty-2219
        "镇里的新时代文明实践站每个月要搞几次活动？",  # unanswerable-2247
        "镇人大一年起码要给代表搞几回集中学习培训？",  # speech-1530: 几回 as 几次 (step 223)
        "代表每个季度要回选区几回？",  # 每个季度…几回 as 每个月…几次
    ):
        assert answer_type(question) == "frequency"
    # an amount asked as 多少补贴 (unanswerable-2251), a term as 期是多长 (unanswerable-2243)
    assert answer_type("农村改厕所，每户能拿到多少补贴？") == "money"
    assert answer_type("考上乡镇公务员，试用期是多长？") == "period"
    # a term of office asked how long is a number of years (「每届任期五年」), as 任期几年 is: the chairs'
    # 「镇人大主席任期多久？」 was withheld for its article's 「任期同本级人民代表大会每届任期相同」
    assert answer_type("代表任期多长？") == answer_type("镇人大主席任期多久？") == "years"
    assert answer_type("任期是多长时间？") == "years"
    assert states("frequency", "地方各级人民代表大会会议每年至少举行一次。")
    assert states("frequency", "乡、民族乡、镇的人民代表大会会议一般每年举行两次。")
    assert states("frequency", "常务委员会会议由主任召集并主持，每两个月至少举行一次。")
    assert states("frequency", "乡镇人大每年应至少举办1次人大代表集中学习培训")
    # once a year, said without a number (预算法第八十六条, 监督法第二十四条)
    assert states(
        "frequency",
        "县级以上地方各级政府应当在每年六月至九月期间向本级人民代表大会常务委员会报告预算执行情况。",
    )
    assert states(
        "frequency", "县级以上地方各级人民政府应当每年向本级人民代表大会常务委员会报告国有资产管理情况。"
    )
    assert not states("frequency", "每年的预算收入和支出")
    # once before each election (选举法第二十七条); what each session does is no frequency of meeting
    assert states("frequency", "每次选举前对上次选民登记以后新满十八周岁的……予以登记。")
    assert not states("frequency", "县级以上的地方各级人民代表大会每次会议举行预备会议，选举本次会议的主席团")
    assert not states("frequency", "每次选举所投的票数，多于投票人数的无效")
    # a period is not a frequency: the first session within two months, a five-year term
    assert not states("frequency", "在本届人民代表大会代表选举完成后的两个月内，由上届……召集")
    assert not states("frequency", "每届任期五年")
    assert not states("frequency", "未经批准两次不出席本级人民代表大会会议的")
    assert not states("frequency", "每届人民代表大会第一次会议的预备会议，由上届……主持。")
    # a trip asked for (多久去一趟), and a unit of time said without a number: 每月, the speech's
    # 「月进站、季回家、年述职」
    assert answer_type("代表多长时间得去一趟联络站？") == "frequency"
    assert states("frequency", "代表每月进站接待选民。")
    assert states("frequency", "要按照“月进站、季回家、年述职”的要求，有计划地组织开展代表活动")
    assert not states("frequency", "全年工作任务重、时间紧")
    # the abstention rules hold both forms to a frequency
    assert required_type("乡镇人大主席团会议多久至少开一次？") == "frequency"
    assert required_type("乡镇人大一年开几次会？") == "frequency"
    # 一年 … 几次 with what is done between them; only 一年 is the asking word, so what lies
    # between (执法检查) stays what the question is about
    question = "县人大常委会一年至少得搞几次执法检查？"
    assert answer_type(question) == "frequency"
    assert "执法检查" in without_asking("frequency", question)


def test_a_date_is_not_a_length_of_time() -> None:
    for text in ("2023年是各乡镇人大任期的第二年", "自3月中旬至8月份", "区人代会于2024年1月8日开幕"):
        assert not states("period", text) and not states("duration", text)
    assert states("period", "自交办之日起三个月内答复") and states("period", "30日内")
    assert states("duration", "在选举日的二十日以前公布") and not states("duration", "两个月内")


def test_half_a_year_is_a_length_of_time_but_the_first_half_of_one_is_not() -> None:
    # the speech: 「区人大常委会机关开展为期半年的“机关建设年”工作」 (dev speech-356 asks how long)
    assert states("period", "开展为期半年的“机关建设年”工作") and states("period", "半个月内答复")
    assert not states("period", "上半年完成") and not states("period", "下半年召开")
    assert states("period", "作为当前和今后一个时期的首要政治任务")


def test_every_how_many_years_asks_for_the_term() -> None:
    # 「几年选一次」 is answered by 「每届任期五年」, which states no frequency
    assert answer_type("镇人大代表几年选一次？") == "years"


def test_a_month_with_its_day_names_the_month() -> None:
    assert states("month", "区人代会于2024年1月8日开幕。")


def test_ages_and_thousands_are_quantities() -> None:
    """「多大年纪」 is answered by 年满十八周岁, 「名额多少」 by 不超过三千人."""
    assert STATES_QUANTITY.search("年满十八周岁的公民")
    assert STATES_QUANTITY.search("代表名额不超过三千人")
    assert not STATES_QUANTITY.search("选民登记按选区进行")


def test_how_many_seats_asks_for_a_count_and_keeps_what_it_is_about() -> None:
    """「全国人大代表名额多少？」: 选举法第十六条 (「名额不超过三千人」) states it, 第十七条 (how the seats
    are shared out) does not. 名额 stays in what the question is about, for the abstention rules'
    test that the number is stated of it."""
    from assistant.text.answer_types import without_asking

    for question in ("全国人大代表名额多少？", "县人大代表有多少名额？", "代表名额是几个？"):
        assert answer_type(question) == "count"
        assert "名额" in without_asking("count", question)
    assert states("count", "全国人民代表大会代表的名额不超过三千人。")
    assert answer_type("最多几名？") == "count"


def test_how_it_is_done_asks_for_a_manner_that_is_not_required() -> None:
    """「用什么方式投票」 is answered by 「选举采用无记名投票方式」; 「怎么办」 asks a procedure, which no
    one phrase states. Statutes state a manner rarely and seldom in the question's words, so the
    ranker prefers a passage stating one but the abstention rules do not require it (required, it
    withheld 「人大常委会任免干部要怎么表决？」, answered by 「任免案、撤职案逐人表决」)."""
    for question in ("乡镇人大选举主席用什么方式投票？", "罢免代表是举手表决还是投票？", "选民怎么投票？"):
        assert answer_type(question) == "manner"
        assert required_type(question) == ""
    assert answer_type("对选民名单有异议怎么办？") == ""
    assert answer_type("监督法规定的监督方式有哪些？") == ""  # a list, not how one thing is done
    assert states("manner", "选举采用无记名投票方式。")
    assert states("manner", "罢免代表采用无记名的表决方式。")
    assert states("manner", "代表应当以书面形式提出。")
    assert not states("manner", "选举委员会应当根据各选区选民分布状况设立投票站。")


def test_a_clock_time_is_asked_and_stated_apart_from_dates_and_points() -> None:
    question = "选举日那天投票站一般几点开门、几点关？"
    assert answer_type(question) == required_type(question) == "clock"
    assert answer_type("讲话对乡镇人大提了几点要求？") == ""  # points of a speech, not the time
    assert states("clock", "投票站上午8时开始投票，下午五点结束")
    assert states("clock", "八点半")
    # a date, an article number, 「同时」 and 「以下几点」 are no time of day
    for text in ("选举日定在2026年3月8日", "依照本法第5条", "同时担任", "明确以下几点"):
        assert not states("clock", text), text


def test_a_floor_area_is_asked_for_in_its_own_units() -> None:
    question = "一个代表联络站的场地至少要多大面积？"
    assert answer_type(question) == required_type(question) == "area"
    assert answer_type("代表之家的面积有多少平方米？") == "area"
    assert states("area", "活动场所面积不少于50平方米")
    assert not states("area", "做到阵地、人员、制度、活动、经费“五到位”")


def test_a_number_of_hours_is_asked_for_in_hours() -> None:
    """「至少要参加多少学时的履职培训？」 (dev unanswerable-711): the speech's 「每年应至少举办1次…
    学习培训」 counts sessions, not hours; the documents give no number of hours."""
    question = "镇人大代表一届任期里，至少要参加多少学时的履职培训？"
    assert answer_type(question) == required_type(question) == "hours"
    assert answer_type("镇人代会一般开几个小时？") == "hours"
    assert states("hours", "每年参加培训不少于24学时")
    assert states("hours", "会期半天，约三个小时")
    assert not states("hours", "乡镇人大每年应至少举办1次人大代表集中学习培训")
    assert not states("hours", "会议时间一般为两天")
    # minutes too (dev unanswerable-806: no document limits a speech at a township congress)
    assert required_type("镇人代会安排代表大会发言，每人一般限时几分钟？") == "hours"
    assert states("hours", "每人发言不超过十分钟")


def test_a_blank_before_a_unit_asks_for_a_number() -> None:
    """A trainer's fill-in item (dev unanswerable-807): 「____名」 asks 多少名; a blank before
    other words asks for words, and a choice item's 「（ ）」 before its options asks for none."""
    assert required_type("填空：乡镇人大主席每年至少要走访联系____名本级人大代表。") == "count"
    assert required_type("填空：预算经批准后（  ）日内批复") == "duration"
    assert ASKS_QUANTITY.search("填空：每年至少走访____名代表")
    assert answer_type("填空：执行主席由____在其成员中推选产生。") == ""
    assert answer_type("单选：县人代会的会议由谁召集？（ ）A.县委 B.县人大常委会") == ""


def test_how_many_meetings_or_rounds_is_a_count() -> None:
    """「见面会每人至少要开几场？」 (dev unanswerable-307): no document gives a number of meetings."""
    assert answer_type("换届选举时，候选人跟选民见面会每人至少要开几场？") == "count"
    assert answer_type("另行选举最多投几轮票？") == "count"
    assert answer_type("对答复不满意，能要求几回答复吗") != "count"  # 回答/答复 is no round
    assert states("count", "每名候选人组织两场见面会")
    assert not states("count", "选举委员会应当组织代表候选人与选民见面")


def test_how_many_members_asks_a_count_and_several_deputies_do_not() -> None:
    assert answer_type("主席团成员想临时开个主席团会议，得几个成员提议才行？") == "count"
    assert answer_type("代表小组可以由几个代表组成？") == "count"
    # 「我跟几个代表联名」: several deputies, and the question asks whether there is a limit
    assert answer_type("我跟几个代表联名推荐候选人，能推荐的人数有没有上限？") == ""
    # after a yes-or-no ask in the clause, 几个/几位… are a few (dev procedure-653, -408, multi-756)
    assert answer_type("任免案能不能几个人合在一起表决？") == ""
    assert answer_type("届中能不能趁机把委员的名额增加几个？") == ""
    assert answer_type("能不能请几位专家参加调查？") == ""
    assert answer_type("调查委员会由几位委员组成？") == "count"
    assert answer_type("罢免案最少要几个人联名？") == "count"
    # a bound asks how many, whatever is counted (dev unanswerable-684)
    assert answer_type("一个市最少得设几个联系点？") == "count"


def test_several_of_us_asks_no_number() -> None:
    """「我们几个代表…」 tells who asks (dev duty-1288: read as asking a count, it put 地方组织法第三十一条's
    count of deputies first for a question on deputies obstructed); a later 几 still asks."""
    told = "我们几个代表按主席团安排去村里看账，村支书拦着不让看，这种情况法律上怎么处理"
    assert not asks_quantity(told)
    assert answer_type(told) == ""
    assert not asks_quantity("咱几个商量着提个建议，该交给谁？")
    assert not asks_quantity("主任住院了，好几个月没法上班，职务谁来代理？")
    assert asks_quantity("我们几个代表想联名提议案，要几个人才够？")
    assert answer_type("我们几个代表想联名提议案，要几个人才够？") == "count"
    assert asks_quantity("几个代表联名才能提罢免案？")


def test_some_told_of_asks_no_number() -> None:
    """A clause opening on 有几 and closing on a comma tells of some (dev speech-2164: 「有几位代表这
    五年几乎没露过面，…」 read as asking a count); 「挑出几件来」 picks a few (basis-458). A clause
    asking 有几… still asks."""
    told = (
        "明年又该换届了，有几位代表这五年几乎没露过面，村里还打算继续推荐。讲话把尽职表现和再被提名挂钩了吗？"
    )
    assert answer_type(told) == ""
    assert answer_type("我想建议县人大常委会挑出几件来重点督办，法律上有依据吗？") == ""
    assert answer_type("有几个数字我看不明白，能不能当场叫政府那边来人说清楚？") == ""
    assert answer_type("乡镇人大主席团有几个人？") == answer_type("有几名副主席？") == "count"
    assert answer_type("有几名副主席") == "count"  # asked without a question mark
    assert answer_type("选举的时候要选出几名代表？") == "count"


def test_those_days_ask_no_number() -> None:
    """「开人代会那几天」「这几年」 point to days and years already told (dev duty-1678: read as
    asking how many days, 「去开人代会那几天厂里算他旷工要扣钱，厂里这么做对吗」 was withheld for
    stating none; eval/RESULTS.md step 220); 前几天 before a date still asks (「选举日前几天发到」)."""
    assert answer_type("我是村书记，开人代会那几天正赶上村里防汛，请假该找谁批？") == ""
    assert not asks_quantity("代表这几年替我们办了啥事？")
    assert answer_type("选民证最晚在选举日前几天发到选民手里？") == "duration"


def test_what_percent_asks_a_share() -> None:
    assert answer_type("预算周转金规模最多不能超过当年支出的百分之几？") == "percent"
    # a ratio asked is a share too, stated as 三分之一 or 一倍 (dev unanswerable-861, -059)
    assert answer_type("国有资本经营预算调入一般公共预算，比例是多少？") == "percent"
    assert answer_type("镇人大代表里中共党员的比例一般控制在多少以内？") == "percent"
    assert answer_type("差额比例是多少？") == "percent"
    assert states("percent", "代表候选人的人数应多于应选代表名额三分之一至一倍")
    assert states("percent", "候选人数可以多一倍")
    # whether a ratio is set at all is no share asked
    assert answer_type("换届时镇人大代表里连任的比例有没有规定？") == ""


def test_how_many_households_is_answered_in_households() -> None:
    """「一名代表一般要负责联系多少户？」 (dev unanswerable-565) was answered by 「有代表三人以上的居民
    地区」: a number of people is no number of households."""
    assert required_type("镇人大代表分工联系选民，一名代表一般要负责联系多少户？") == "households"
    assert required_type("选区里有几户？") == "households"
    assert required_type("村里还有几户住在山沟里，怎么投票？") == ""  # a few households, told
    assert states("households", "每名代表联系二十户选民")
    assert not states("households", "有代表三人以上的居民地区或者生产单位可以组织代表小组")


def test_an_amount_in_ten_thousands_asks_for_money() -> None:
    """「投资超过多少万元就必须拿到镇人代会上去定？」 (blind batch, eval/RESULTS.md step 194): no document
    sets a sum, and an article listing what a budget review covers was given for an answer."""
    assert answer_type("村道项目投资超过多少万元就必须上会？") == "money"
    assert answer_type("几万块的项目也要上会吗？") == "money"
    assert answer_type("选区划了几块？") == ""  # pieces of something, not money
    assert states("money", "补助标准为每人每月三百元")
    assert states("money", "超过50万元的项目")
    assert not states("money", "乡镇人大每年应至少举办1次人大代表集中学习培训")
