"""The kind of fact a question asks for (how long, how many people, which month, …) and whether
a text states such a fact. The ranker prefers passages that state it; the abstention rules
withhold an answer whose passages do not."""

from __future__ import annotations

import re

# A number of years that is no length of time: 上一年/下一年 (the year before or after: 「上一年度
# 预算执行情况」), the year something is (「…新局面的重要一年」, 「这一年」), and a plan or a slogan named
# by its years (「第十四个五年规划」, 「“二十年之问”」). The speech's 「2023年是各乡镇人大任期的第二年，
# 也是…的重要一年」 stated a number of years for 「镇人大代表任期几年？」 and came first.
_NOT_A_YEAR_OF = r"(?!(?<=[上下要键这])一年)"
_NOT_A_PLAN = r"(?!度|规划|行动计划|之问)"
# A term of office asked 「任期多久」 is a number of years (「每届任期五年」), which the rules do not
# require of the top passages (NOT_REQUIRED): the chairs' 「镇人大主席任期多久？」 was withheld for
# 第十八条's 「任期同本级人民代表大会每届任期相同」, which states no length
_NOT_A_TERM = r"(?<!任期)(?<!任期[是有])"

# kind of fact -> (words asking for it, how passages state it); the first kind asked for counts
ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    # how often (多久开一次, 一年开几次, 一年至少得搞几次执法检查): 每年至少举行一次, 每两个月举行
    # 一次; before "period", whose 多久 would take 「在选举完成后的两个月内」 for an answer. Of 一年…几次
    # only 一年 is matched: what is done between (执法检查) is what the question is about.
    "frequency": (
        re.compile(
            r"(?:多久|多长时间|多少天|几天|几个月)[^，,。？?]{0,6}一(?:次|趟|回)"
            # 「镇人大一年起码要给代表搞几回集中学习培训？」: 几回 as 几次
            r"|(?:一年|每年|一届)(?=[^，,。？?]{0,16}几(?:次|回))"
            # 「每个月要搞几次活动？」「每季度去几回？」: of 每个月…几次, as of 一年…几次, only the unit
            r"|每个?(?:月|季度|周|星期)(?=[^，,。？?]{0,10}几(?:次|回))"
            # 「政府债务管理情况每隔多长时间得向人大常委会报告？」: how often, answered by 每年…报告
            r"|每隔(?:多久|多长时间|多少时间|多少天|几天|几个月|多少个月|几年)"
        ),
        re.compile(
            r"每[^，。；]{0,8}?(?:(?<![第\d一二三四五六七八九十两])[一二三四五六七八九十两\d]+|至少)[^，。；]{0,4}?次"
            r"|每[一二三四五六七八九十两\d]+个?(?:年|月|季度|周|星期)"
            # once a year, said without a number: 「国务院和县级以上地方各级人民政府应当每年向本级人民
            # 代表大会常务委员会报告国有资产管理情况」 (监督法第二十四条), 「应当在每年六月至九月期间向…
            # 报告预算执行情况」 (预算法第八十六条); 「预算执行情况多久报告一次？」 was withheld
            r"|每年[^，。；]{0,24}?(?:报告|举行|召开)"
            # once before each election: 「每次选举前对上次选民登记以后新满十八周岁的…予以登记」
            # (选举法第二十七条, for 「选民登记多久登记一次？」); not 「每次会议举行预备会议」, which then
            # came second for 「区人大常委会多久开一次会？」
            r"|每次[^，。；]{0,8}?前"
            # a unit of time without a number: 「每月进站」, and the speech's slogans 「月进站、季回家、
            # 年述职」 (for 「多长时间得去一趟联络站？」, withheld as no period stated)
            r"|每(?:月|季度?|周|星期)"
            r"|[日周月季年][\u4e00-\u9fff]{1,2}、[日周月季年][\u4e00-\u9fff]{1,2}"
        ),
    ),
    "money": (
        # 「投资超过多少万元就必须…」 asked an amount as well
        re.compile(
            r"多少钱|多少[万千亿]?元|多少万块|几块钱|几[万千百]块|工资.{0,4}(多少|标准|几)|补贴.{0,4}多少"
            r"|经费.{0,4}(多少|标准)|多少(?:补贴|工资|经费|报酬|津贴)"  # 「每户能拿到多少补贴？」
        ),
        re.compile(r"\d+\s*[万千亿]?元|[一二三四五六七八九十百千万亿]+元"),
    ),
    # which year: a month or a day does not answer it, only a year written out does
    "year": (
        re.compile(r"哪一年|哪年|几几年|什么年份|哪个年份"),
        re.compile(r"\d{4}年|[〇零一二三四五六七八九]{4}年"),
    ),
    # which month (几月份报): a month named; a number of days (三十日前) does not answer it
    "month": (
        # 「一般放在一年当中哪几个月提请常委会审批？」: which months (六月至九月), not how long
        re.compile(r"几月|哪个月|哪几个月"),
        re.compile(r"[\d一二三四五六七八九十]+月"),
    ),
    "date": (
        re.compile(r"哪天|哪一天|几号|什么日子|开幕"),
        re.compile(
            r"\d{4}年|[\d一二三四五六七八九十]+月|[\d一二三四五六七八九十]+日|星期|周[一二三四五六日]"
        ),
    ),
    # a share: 「最多能占代表总数多少」 is answered by 二分之一 as well as by a percentage; a ratio
    # asked (「调入的比例是多少」「差额比例是多少」) by 三分之一, 一倍
    "percent": (
        re.compile(
            r"百分之(?:多少|几)|百分比|满意率|比率|占.{0,8}多少|多大比例"
            r"|比例[^，,。？?]{0,6}?(?:多少|几成)|(?:多少|什么|多高的?)比例|比重[^，,。？?]{0,4}?多少"
        ),
        re.compile(r"百分之|%|分之|半数|[\d一二三四五六七八九十两]+倍"),
    ),
    # how many days (几天): a number of months does not answer it, nor the day of a date (3月8日)
    "duration": (
        re.compile(r"几天|多少天|几日|多少日|多少个工作日|几个工作日"),
        re.compile(r"(?<![\d月])[\d一二三四五六七八九十百两]+(?:个工作)?(?:日|天)"),
    ),
    # how long, in any unit: 两个月内, 每届任期五年, 十分钟; not a date (2023年, 3月8日, 第二年)
    "period": (
        # 「试用期是多长？」: how long a trial lasts; not a term of office (years, below)
        re.compile(rf"{_NOT_A_TERM}(?:多长时间|多久)|多少时间|(?<!哪)几个月|多少个月|(?<!任)期[是有]?多长"),
        re.compile(
            rf"(?<![\d月第]){_NOT_A_YEAR_OF}(?:\d{{1,3}}|[一二三四五六七八九十百两]+)"
            rf"(?:个工作日|日|天|个月|年{_NOT_A_PLAN}|分钟|小时)"
            r"|(?<![上下前后])半(?:个月|年)"  # 「为期半年」, not 上半年 (a part of the year)
            # a span said without a number: the speech's 「作为当前和今后一个时期的首要政治任务」
            # (「…讲话说这管多长时间？」)
            r"|今后一个时期|一段时[期间]"
        ),
    ),
    # how many hours or minutes (「至少要参加多少学时的培训」「发言限时几分钟」): which no number of
    # days or times answers
    "hours": (
        re.compile(r"(?:多少|几)个?(?:学时|课时|小时|钟头|分钟)"),
        re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百两半]+)个?(?:学时|课时|小时|钟头|分钟)"),
    ),
    # which year of a term (「咱这届镇人大今年干到第几年了？」): 「…是各乡镇人大任期的第二年」
    "nth_year": (
        re.compile(r"第几年|第几个年头"),
        re.compile(r"第[一二三四五六七八九十\d]+个?年(?!度)"),
    ),
    # how many years (任期几年): what a term lasts, not which year; after "period", which catches
    # 多长时间/多久 first
    "years": (
        re.compile(r"(?<!第)几年|多少年|(?<=任期)[是有]?(?:多长时间|多久|多长)"),
        re.compile(
            rf"(?<![\d〇零一二三四五六七八九十第]){_NOT_A_YEAR_OF}(?:[一二三四五六七八九十两]{{1,3}}|\d{{1,2}})年"
            + _NOT_A_PLAN
        ),
    ),
    # how many terms (「乡镇人大主席最多能连任几届」): 「连续任职不得超过两届」, not 第十四届 nor 每届
    "terms": (
        re.compile(r"(?<!第)(?:几|多少)届|届数"),
        re.compile(
            r"(?<![第每本上下历各同一二三四五六七八九十两\d])(?:[一二三四五六七八九十两]{1,3}|\d{1,2})届"
        ),
    ),
    # how many kinds (「职权大致可以分成哪几类？」): 「分为三大类」, not the list of the kinds alone
    "classes": (
        # 「分成哪几类」 asks how they divide; 「要盯住哪几类重点问题」 which kinds, a list (as 哪几件
        # does: count), which no number of kinds answers
        re.compile(r"(?<!哪)(?:几|多少)大?类|分[成为]?哪几大?类|哪几大类"),
        re.compile(r"(?<![第一二三四五六七八九十两\d])[一二三四五六七八九十两\d]+大?类"),
    ),
    # how many people or items (几个人联名, 最多代几个)
    "count": (
        re.compile(
            r"多少名(?!额)|多少件|多少位|多少个人|多少人"
            # 「哪几件事」「哪几位」 ask which ones, a list, not how many
            r"|(?<!哪)几(?:名(?!额)|件|位|个人|人|个(?=[？?，,]|$))"
            # 「得几个成员提议」「由几个代表组成」; not 「我跟几个代表联名」 (several, not how many)
            r"|(?<![哪跟和同与找请约叫])几个(?=成员|代表|委员|选民)"
            # 「一个市最少得设几个联系点」: a bound asks how many, whatever is counted
            r"|(?:最少|最多|至少|至多|一共|总共)[得要能可设有]{0,3}几个"
            r"|(?:几|多少)(?:场|轮|回)(?![答复应])"  # 见面会开几场, 投几轮票; not 回答, 回复
            # a number of seats (名额 is what the question is about, not how it asks)
            r"|(?<=名额)[^，,。？?]{0,4}?(?:多少|几)|(?:多少|几)个?(?=名额)"
        ),
        re.compile(
            r"[\d一二三四五六七八九十百千两]+(?:名|件|位|人|场|轮)"
            r"|(?<![第\d一二三四五六七八九十百千两])[\d一二三四五六七八九十百千两]+个(?!月|工作日|小时)"
            r"|分之|过半数|半数"
        ),
    ),
    # how many households (「一名代表一般要负责联系多少户」): a number of them, not of people; not 「还有
    # 几户住在山沟里」 (a few, told)
    "households": (
        re.compile(r"多少户|几户(?=[？?，,。]|$)"),
        re.compile(r"[\d一二三四五六七八九十百千万两]+户"),
    ),
    # how it is done (「用什么方式投票」「举手还是投票」): 「选举采用无记名投票方式」, 「以书面形式」;
    # not 「怎么办」, which asks for a procedure that no one phrase states
    "manner": (
        re.compile(
            r"(?:什么|哪种|哪一种|何种)(?:样的)?(?:方式|方法|形式)|(?:怎么|怎样|如何)(?:投票|表决)"
            r"|(?:举手|投票|表决器|无记名)[^，,。？?]{0,8}还是|还是[^，,。？?]{0,6}(?:举手|投票|表决器|无记名)"
        ),
        re.compile(r"(?:采用|采取|实行|以|按照?|通过)[^。；，：]{0,14}(?:方式|方法|形式)|无记名|表决器|举手"),
    ),
    # what time of day (「投票站几点开门」): a clock time, not a date or a number of days
    "clock": (
        re.compile(r"几点钟?(?:开|关|到|前|以前|之前|结束|开始|截止|上班|下班)|几点钟|什么时辰|几时几分"),
        re.compile(
            r"\d{1,2}\s*[:：]\s*\d{2}|(?<![\d.])\d{1,2}\s*(?:点|时)(?!期)"
            r"|(?:上午|下午|早上|晚上|中午)?[一二三四五六七八九十]{1,3}(?:点|时)(?:[一二三四五六七八九十]+分|半|整|钟)"
            r"|(?:上午|下午|早上|晚上|中午)[一二三四五六七八九十]{1,3}(?:点|时)"
        ),
    ),
    # how large a place is (「联络站场地至少多大面积」): 平方米, 亩
    "area": (
        re.compile(
            r"多大(?:的)?面积|面积[^，,。？?]{0,4}(?:多大|多少|几)|多少平(?:方|米)|几平(?:方|米)|多少亩|几亩"
        ),
        re.compile(r"平方(?:米|公里|千米)|平米|㎡|\d+\s*亩|[一二三四五六七八九十百千万]+亩"),
    ),
}


# A trainer's blank before a unit asks for a number (「每年至少要走访联系____名代表」 is 「多少名」);
# a blank before anything else asks for words (「由____推选产生」)
_BLANK = re.compile(
    r"(?:_{2,}|＿+|（\s*）|\(\s*\))(?=\s*(?:个|名|人|位|件|次|天|日|年|月|周|分钟|小时|学时|元|亩|平方))"
)

# Any quantity, whatever its kind: the ranker's `quantity` feature, and the answerer's bonus when
# the question asks no kind the table names (「有几项职权」); read by asks_quantity, after the 几 that
# do not ask (few_read_out).
ASKS_QUANTITY = re.compile(rf"几|多少|多久|多长|期限|时间|比例|人数|什么时候|何时|多大|{_BLANK.pattern}")
# Whether something is allowed, required or lawful (「能不能…」「…行不行」「…合法吗」「…算不算数」
# 「要不要…」): a rule's answer, which a statute states and a speech seldom does. Of the 176 gold
# questions the speech alone answers, 2 ask so (one naming the speech); of the 1,278 the statutes
# alone answer, 266 (the ranker's `rule_asked`, eval/RESULTS.md step 192).
ASKS_IF_ALLOWED = re.compile(
    r"能不能|行不行|可不可以|可以吗|能吗|行吗|合法|违法|允许|有没有权|有权.{0,6}吗|对吗|合理吗|有依据吗"
    r"|算不算|要不要|得不得|该不该|还能.{0,12}吗|能否|是否可以"
)
STATES_QUANTITY = re.compile(
    r"[0-9一二三四五六七八九十百千万两]+(?:个月|日|天|年|周岁|岁|次|人|名|分之|以上|以下|届)|分之|过半数|半数"
)


# Words that qualify the fact asked for (「一年至少开几次」「最晚多少天」「每年几月份」「送过去以后几天
# 内」「每次最多几名」) and name nothing it is about: a sentence stating a month says 每年 as often as
# not (「每年六月至九月期间」), so a question's 每年 held the sentence to nothing.
QUALIFIERS = frozenset(
    {
        "每年",
        "每次",
        "以后",
        "之后",
        "以前",
        "之前",
        "至少",
        "最少",
        "最多",
        "至多",
        "最长",
        "最短",
        "最晚",
        "最迟",
        "最早",
        "一般",
        "通常",
        "大概",
        "大约",
        "大致",
    }
)


def answer_type(question: str) -> str:
    """The first kind of fact the question asks for; "" when none in particular."""
    return _first_kind(question)


# Kinds the ranker prefers passages for but the abstention rules do not require of the top
# passages: a term of office is stated once for every level (地方组织法第九条), often below the
# three passages about the level asked (dev: 「乡镇人大每届任期几年？」 would be withheld); a number
# of kinds, which statutes never state (they list the kinds: 「有权…下列…」), only a speech does.
# A frequency is required: the sentence stating it seldom repeats the question's words (「常务委员会
# 会议…每两个月至少举行一次」 for 「区人大常委会多久开一次会？」), but those are its level (区, 市辖区)
# and qualifiers (至少, 一般), which the subject leaves out (QUALIFIERS, retrieval.levels.LEVEL_WORDS).
NOT_REQUIRED = frozenset({"years", "classes", "manner"})


# Kinds no pattern covers every statement of: a manner is said as 「逐人表决」 as well as 「采用无记名
# 投票方式」, so an answer is not withheld for stating none of the forms the pattern knows.
SAID_MANY_WAYS = frozenset({"manner"})


def required_type(question: str) -> str:
    """The kind of fact the top passages must state for the question to be answered: the first
    kind asked for that is required (「多久开一次」 asks a frequency, and is held to a period)."""
    return _first_kind(question, skip=NOT_REQUIRED)


def _first_kind(question: str, skip: frozenset[str] = frozenset()) -> str:
    asked = _blanks_asked(question)
    return next(
        (name for name, (asks, _) in ANSWER_TYPES.items() if name not in skip and asks.search(asked)), ""
    )


# 「能不能几个人合在一起表」「能不能趁机把委员的名额增加几个」: after a yes-or-no ask in the same
# clause, 几个/几名/几位/几件/几人 are a few, not how many
_FEW_AFTER_YES_NO = re.compile(r"((?:能不能|可不可以|能否|可否|是否)[^，,。？?；;！!]*?)几(?=[个名位件人])")
# 「好几个月干不了工作」: quite a few, told; 「几乎」: almost; 「我们几个代表联名提的议案」「咱几个商量」:
# several of us, told; 「开人代会那几天」「这几年都干了啥」「这几类分别指什么」: those days, these
# years, these kinds. 「有几位代表这五年几乎没露过面，…」「有几个数字我看不明白，…」: a clause
# opening on 有几 and closing on a comma or a full stop tells of some; 「挑出几件来重点督办」: picks
# a few. None asks how many, nor asks at all.
_NOT_ASKING_FEW = re.compile(
    r"好几|几乎|(?<=[我你他她咱]们)几(?=[个名位件人户])|(?<=咱)几(?=[个名位人])|(?<=[那这])几"
    r"|(?:(?<=^有)|(?<=[，,。；;！!？?\s]有))几(?=[个位名件条项][^，,。？?；;！!]*[，,。；;！!])"
    r"|(?<=出)几(?=[个件条项名位]来)"
)


def few_read_out(text: str) -> str:
    """The text with each 几 that asks nothing written 若干: a few (after a yes-or-no ask, 好几,
    我们几个) or almost (几乎). 「我们几个代表按主席团安排去村里看账…怎么处理」 asks no number, and read
    as asking one it put a count of deputies (地方组织法第三十一条) first."""
    return _NOT_ASKING_FEW.sub("若干", _FEW_AFTER_YES_NO.sub(r"\1若干", text))


def asks_quantity(text: str) -> bool:
    """Whether the text asks for a quantity of any kind (ASKS_QUANTITY, after few_read_out)."""
    return bool(ASKS_QUANTITY.search(few_read_out(text)))


def _blanks_asked(question: str) -> str:
    """The question with each blank before a unit read as the 多少 it stands for (_BLANK), and
    each 几 that asks nothing as 若干 (few_read_out)."""
    return few_read_out(_BLANK.sub("多少", question))


def states(kind: str, text: str) -> bool:
    """Whether the text states a fact of this kind anywhere (any text does for no kind)."""
    return kind not in ANSWER_TYPES or bool(ANSWER_TYPES[kind][1].search(text))


# The words asking for the fact, with what closes them (「多少天内报」「几天之内」「几个月以后」): left
# behind, 内 made jieba read 内报 of 「多少天内报县人大常委会备案」 as a word the question is about,
# which 「…自公布之日起三十日内报全国人民代表大会常务委员会备案」 (a court's interpretation) named
_ASKED = "\x00"
_ASKED_AND_CLOSING = re.compile(_ASKED + r"(?:以内|之内|内|以前|之前|以后|之后)?")


def without_asking(kind: str, question: str) -> str:
    """The question without the words that ask for the fact (「百分之多少」) and what closes them
    (「…天内」): what is left names what it is about."""
    if kind not in ANSWER_TYPES:
        return question
    return _ASKED_AND_CLOSING.sub(" ", ANSWER_TYPES[kind][0].sub(_ASKED, _blanks_asked(question)))
