"""Query-side normalisation, so that questions in people's words meet statute wording.

乡镇人大 -> 乡、民族乡、镇的人民代表大会, 常委会 -> 常务委员会, 第12条 -> 第十二条, 2/3 -> 三分之二,
撤一名副县长的职 -> 撤职一名副县长, traditional characters -> simplified. The original question is
kept: the speech says 乡镇人大 too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from assistant.text.chars import cjk_count
from assistant.text.numerals import CN_NUMERAL_CHARS, int_to_cn
from assistant.text.proposals import Proposal, proposal

# What deputies propose on, in everyday words, with the words of the constitution's general
# principles and citizens' rights (and of the local organic law's principles for governments) that
# are the basis of such a proposal (「想提建议在镇上办一所公办幼儿园」: 宪法第十九条 「…并且发展学前
# 教育」; 「推动移风易俗」: 第二十四条 「…制定和执行各种守则、公约，加强社会主义精神文明的建设」). In a
# question asking for a basis, each word keeps its place and the statute's words join it
# (TOPIC_PAIRS, QueryNormalizer.normalize). Written from the constitution's side: each article's
# subject in the words people use for it.
POLICY_TOPICS: dict[str, str] = {  # statute wording: everyday words, space-separated
    "学前教育": "幼儿园 托儿所 学前班",
    "名胜古迹、珍贵文物和其他重要历史文化遗产": (
        "祠堂 古桥 古石桥 古建筑 老建筑 古村落 古民居 古迹 遗址 历史建筑 非遗 非物质文化遗产"
    ),
    "加强社会主义精神文明的建设": "移风易俗 红白喜事 大操大办 彩礼 乡风文明 陈规陋习",
    "守则、公约": "村规民约 居民公约 乡规民约",
    "生活环境和生态环境": "人居环境 环境整治",
    "防治污染": "垃圾 污水 黑臭水体 秸秆焚烧 乱排乱放",
    "植树造林，保护林木": "绿化 植树 护林 砍树 滥伐",
    "医疗卫生设施": "卫生院 卫生室 村医 诊所",
    "群众性的体育活动": "健身 体育场 运动场 篮球场 广场舞",
    "图书馆博物馆文化馆和其他文化事业": "文化站 农家书屋 图书室 文化礼堂 文化广场",
    # 养老保险 too, as 养老、年老保险: 第四十五条 「…年老…国家发展…所需要的社会保险」
    "年老": "养老 敬老院 养老院 老年人 孤寡老人 失能老人",
    "社会救济": "低保 五保 困难群众 困难户 临时救助",
    "社会保险": "医保 社保",
    "烈士家属": "烈属",
    "军人家属": "军属",
    "有残疾的公民": "残疾人",
    "劳动就业": "就业 找工作 打工 务工",
    "劳动报酬": "拖欠工资 欠薪 工钱",
    "受教育的权利和义务": "辍学 失学 控辍保学",
    "儿童": "留守儿童",
    "矿藏、水流、森林、山岭、草原、荒地、滩涂等自然资源": "挖沙 采砂 盗采 滥采 开矿",
    "个体经济、私营经济等非公有制经济": "个体户 小老板 私营企业 民营企业 民企",
    "厉行节约，反对浪费": "铺张 浪费 面子工程 形象工程",
    "普及科学和技术知识": "科普",
    "社会治安": "小偷 偷盗 盗窃 治安",
    # and the local organic law's principles for governments (第六十三条, 第六十六条, 第六十七条) and
    # its 居民列席 (第八十八条)
    "提高行政效能": "办事效率 来回跑 跑好几趟 少跑腿",
    "政务公开": "张榜 公示",
    "科学决策、民主决策": "拍脑袋 一言堂",
    "居民列席有关会议": "旁听",
}

# Each pair is (colloquial, statute wording); a phrase comes before any shorter one it contains
# (乡镇人大主席 before 乡镇人大, 不开会的时候 before 开会).
# a document withdrawn (地方组织法第十二条: 「撤销乡、民族乡、镇的人民政府的不适当的决定和命令」), said after
# the document as people name it (「把这个通知给撤了」 -> 「把这个通知不适当的决定和命令撤销」)
REVOKED = "不适当的决定和命令撤销"

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("全国人大常委会", "全国人民代表大会常务委员会"),
    ("省人大常委会", "省人民代表大会常务委员会"),
    ("市人大常委会", "市人民代表大会常务委员会"),
    ("县人大常委会", "县人民代表大会常务委员会"),
    ("区人大常委会", "市辖区人民代表大会常务委员会"),
    # whether a level has one: 宪法第九十六条, 地方组织法第四十六条 (「…的人民代表大会设立常务委员会」),
    # in their word order: 「镇里有人大常委会吗？」 had 宪法第九十六条 8th, now 4th
    ("有没有人大常委会", "人民代表大会设立常务委员会"),
    ("有人大常委会", "人民代表大会设立常务委员会"),
    ("设人大常委会", "人民代表大会设立常务委员会"),
    ("人大常委会", "人民代表大会常务委员会"),
    ("有没有常委会", "设立常务委员会"),
    ("有常委会", "设立常务委员会"),
    ("设常委会", "设立常务委员会"),
    ("乡镇人大主席团", "乡、民族乡、镇的人民代表大会主席团"),
    ("乡镇人大主席", "乡、民族乡、镇的人民代表大会主席"),
    ("乡镇人大代表", "乡、民族乡、镇的人民代表大会代表"),
    ("乡镇人代会", "乡、民族乡、镇的人民代表大会会议"),
    ("乡镇人大", "乡、民族乡、镇的人民代表大会"),
    ("乡镇政府", "乡、民族乡、镇的人民政府"),
    ("乡镇长", "乡长、镇长"),
    ("乡镇", "乡、民族乡、镇"),
    ("全国人大", "全国人民代表大会"),
    ("人代会", "人民代表大会会议"),
    ("人大代表", "人民代表大会代表"),
    ("人大", "人民代表大会"),
    ("常委会", "常务委员会"),
    ("专委会", "专门委员会"),
    ("常务会", "常务会议"),  # 地方组织法第七十八条: 「人民政府会议分为全体会议和常务会议」
    ("监委", "监察委员会"),
    ("选委会", "选举委员会"),  # 「选委会成员自己被提名为代表候选人了」 was left as typed
    # statutes count a committee's members as its 组成人员 (「常务委员会组成人员」, 选举法第十条
    # 「选举委员会的组成人员为代表候选人的」); 成员 is the presidium's (「主席团成员」)
    ("委员会成员", "委员会组成人员"),
    ("一府一委两院", "人民政府、监察委员会、人民法院、人民检察院"),
    ("两院", "人民法院、人民检察院"),
    ("法院", "人民法院"),
    ("检察院", "人民检察院"),
    ("政府", "人民政府"),
    ("召开临时", "临时召集"),  # 「召开临时人代会」: 「…可以临时召集本级人民代表大会会议」
    ("临时召开", "临时召集"),
    ("临时开会", "临时召集会议"),
    ("临时开", "临时召集"),  # 「临时开乡镇人代会」: 「临时召集本级人民代表大会会议」
    # 地方组织法第十四条 (「想马上开一次镇人代会专门议这个」): before 开一次 below
    ("马上开", "临时召集"),
    ("赶紧开", "临时召集"),
    ("紧急开", "临时召集"),
    ("不开会的时候", "闭会期间"),
    ("两次大会中间", "闭会期间"),  # 「我刚当选主席，两次大会中间那大半年，主席团日常该干哪些事？」
    ("两次大会之间", "闭会期间"),
    ("不开的那段时间", "闭会期间"),  # 「平常人代会不开的那段时间，我主要该抓哪些事？」
    ("不开会时", "闭会期间"),
    ("不来开会", "不出席会议"),  # 代表法第六十二条: 「未经批准两次不出席本级人民代表大会会议的」
    ("没来开会", "不出席会议"),
    ("开会", "举行会议"),
    ("开几次", "举行几次"),
    ("开一次会", "举行一次会议"),  # 「多久开一次会」
    ("开一次", "举行一次"),
    ("几次会", "几次会议"),
    ("一年", "每年"),
    ("选代表", "选举代表"),
    ("提建议", "提出建议"),
    ("提议案", "提出议案"),
    ("多少人联名", "代表联名"),
    ("几个人联名", "代表联名"),
    ("过半", "过半数"),
    ("撤人", "罢免"),
    # the heads of a government at county level and up are among its 组成人员, whose recall 地方组织法
    # 第三十一条 rules (「…可以提出对本级…人民政府组成人员…的罢免案」); by name, 县长 only reached 选举法
    # 第五十条 on recalling county deputies (「罢免县长要多少代表联名？」 had 第三十一条 second)
    *(
        (f"罢免{head}", f"罢免人民政府组成人员{head}")
        for head in ("副县长", "县长", "副区长", "区长", "副市长", "市长", "副省长", "省长")
    ),
    ("免职", "罢免"),
    ("辞去代表职务", "辞职"),  # 选举法: 「书面提出辞职」「接受辞职」
    ("开得成", "始得举行"),
    ("才能开", "始得举行"),  # 「要多少人到场才能开？」: 「…过半数出席，始得举行」
    ("到会", "出席"),
    ("到场", "出席"),  # 「要多少人到场」: 「全体组成人员的过半数出席」
    ("同时当", "同时担任"),  # 选举法第四十八条: 「不得同时担任两个以上…的人民代表大会代表」
    ("两头都当", "同时担任"),  # 「邻县也想推他当县人大代表…他能两头都当吗？」
    ("两边都当", "同时担任"),
    # a chair or a standing committee's member holding a government post: 地方组织法第十八条 「乡、民族乡、
    # 镇的人民代表大会主席、副主席…不得担任国家行政机关的职务」, 第四十七条 (「副镇长那摊活还能接着兼
    # 吗？」 had neither in the top 5)
    *(
        (f"兼{one}{post}", f"担任国家行政机关的职务{post}")
        for one in ("一个", "个", "")  # 「让镇人大副主席兼一个副镇长的职务」
        for post in ("副镇长", "镇长", "副乡长", "乡长", "副县长", "县长", "局长")
    ),
    ("接着兼", "继续担任国家行政机关的职务"),
    ("还能兼着", "继续担任国家行政机关的职务"),  # 「…要是选上了，副镇长还能兼着干吗？」
    ("能不能兼着", "继续担任国家行政机关的职务"),
    ("兼任", "担任"),
    ("兼职", "担任职务"),
    # how an office is filled: statutes say who elects, nominates or appoints (「由本级人民代表大会在
    # 代表中选举主任…」); their 产生 is as often 「产生新的专门委员会」, a term's end
    ("是怎么产生的", "由谁选举"),
    ("是如何产生的", "由谁选举"),
    ("怎么产生", "由谁选举"),
    ("如何产生", "由谁选举"),
    ("怎样产生", "由谁选举"),
    ("干多久", "任期"),
    ("干几年", "任期"),
    ("述职", "报告履职情况"),  # 代表法第五十八条, 地方组织法第四十三条
    ("言论免责", "发言和表决不受法律追究"),  # 代表法第三十一条
    ("免责", "不受法律追究"),
    ("追责", "追究"),  # 代表法: 「…发言和表决，不受法律追究」
    ("花钱拉票", "以金钱贿赂"),  # 选举法第五十八条: 「以金钱或者其他财物贿赂选民或者代表」
    ("拉票", "贿赂"),
    # deputies sign jointly: 「代表十人以上书面联名」 (地方组织法第二十六条; 「…要凑够多少人签名？」
    # was withheld, no sentence of 签名 stating the number); the laws never say 签名
    ("签名", "联名"),
    ("贿选", "贿赂"),
    ("买票", "贿赂"),
    ("精神病人", "精神病患者"),  # 选举法第二十七条
    ("耽误的工资", "误工的工资"),  # 代表法第四十一条: 「…其所在单位按正常出勤对待，享受所在单位的工资」
    ("耽误工作", "误工"),
    ("误工", "执行代表职务"),  # 代表法第四十一条: 「代表依法执行代表职务，…给予适当补贴」
    ("审预算", "审查预算"),  # 预算法第四十五条: 「…举行会议审查预算草案前」
    ("审决算", "审查决算"),
    # 预算法第三十一条 「…编制下一年预算草案」, 第七十四条 「决算草案由各级政府…按照国务院规定的时间编制」
    ("编预算", "编制预算草案"),
    ("编决算", "编制决算草案"),
    # 预算法第四十六条: 「报送各级人民代表大会审查和批准的预算草案应当细化」
    ("细到啥程度", "细化"),
    ("细到什么程度", "细化"),
    # 代表法第四十一条, 地方组织法第四十一条: 「…国家根据需要给予往返的旅费和必要的物质上的便利或者
    # 补贴」: 「人大代表开会的路费谁出？」 found it first and was withheld
    ("路费", "旅费"),
    ("车费", "旅费"),
    ("交通费", "旅费"),
    ("报销", "经费"),  # 代表法第四十二条: 「代表的活动经费，应当列入本级财政预算予以保障」
    ("费用", "经费"),
    ("十八岁", "十八周岁"),  # 宪法第三十四条, 选举法第四条: 「年满十八周岁的公民」
    ("搬到外地", "迁出本行政区域"),  # 代表法第六十二条, 选举法第五十七条: 「迁出或者调离本行政区域」
    ("搬走", "迁出"),
    ("搬家", "迁出"),
    ("犯了罪", "刑事案件"),  # 代表法第六十一条: 「因刑事案件被羁押…」; 第六十二条: 「被判处剥夺政治权利」
    ("判刑", "依法判处"),  # 代表法第六十一条: 「被依法判处管制、拘役或者有期徒刑…」
    ("谋取私利", "牟取个人利益"),  # 代表法第五十九条: 「不得利用执行代表职务…牟取个人利益」
    ("谋私利", "牟取个人利益"),
    ("谋私", "牟取个人利益"),
    ("军人", "人民解放军"),  # 选举法第六条: 「人民解放军单独进行选举」
    ("部队", "人民解放军"),
    ("不在家", "外出"),  # 选举法第四十二条: 「选民如果在选举期间外出，…可以书面委托其他选民代为投票」
    ("穿小鞋", "打击报复"),  # 代表法第五十五条: 「对代表依法执行代表职务进行打击报复的…」
    ("当场处理", "直接处理"),  # 代表法第三十一条: 「代表参加视察…时，…但不直接处理问题」
    ("批下来", "批准"),  # 预算法第五十四条: 「预算草案在本级人民代表大会批准前，可以安排…支出」
    # a congress 批准 a budget, a final account or an adjustment plan (预算法第五十条: 「…将经本级人民
    # 代表大会批准的本级预算报上一级政府备案」, 第七十三条: 「地方各级预算的调整方案经批准后，由本级政府
    # 报上一级政府备案」); 通过 is its word for a resolution. 「镇人代会通过的预算调整方案，还要报哪儿
    # 备案？」 had 第七十三条 12th, now 5th. Not 批了/批完 -> 批准 (tried): dev gained two and lost
    # one, 「预算早就批了的项目钱就是下不来」 meeting 第五十二条 on 批复 above 第五十七条 on 拨付, and two
    # answers on 决算 quoted 「…提请本级人民代表大会审查和批准」 for 「批了以后报哪里备案」
    *((f"通过{what}", f"批准{what}") for what in ("的预算", "的决算", "预算", "决算")),
    ("花钱", "支出"),  # 预算法: 「支出」; 花钱拉票 (above) is bribery
    ("借钱", "举借债务"),  # 预算法第三十五条: 「地方政府及其所属部门不得以任何方式举借债务」
    ("借债", "举借债务"),
    ("欠的债", "债务"),  # 监督法: 「…报告政府债务管理情况」
    ("欠债", "债务"),
    ("不表态", "弃权"),  # 代表法第二十三条: 「可以表示赞成，可以表示反对，也可以表示弃权」
    # who sets a date or a number: 选举法第十一条 「确定选举日期」, 第十三条 「…具体名额，由…依照本法确定」
    ("谁来定", "谁确定"),
    ("谁定", "谁确定"),
    # whom one turns to: statutes say to whom one 提出 a complaint or request (选举法第二十九条: 「对于
    # 公布的选民名单有不同意见的，可以…向选举委员会提出申诉」)
    ("找谁", "向谁提出"),
    ("谁来管", "谁管理"),  # 预算法第六十五条: 「各级预算周转金由本级政府财政部门管理」
    ("谁管", "谁管理"),
    # what a thing is for: 预算法第四十一条 「…设置预算周转金，用于…调剂…季节性收支差额」
    ("干啥用", "用于"),
    ("干什么用", "用于"),
    ("做什么用", "用于"),
    # 地方组织法第六十五条: 「地方各级人民政府应当坚持诚信原则，加强政务诚信建设」
    ("讲信用", "诚信"),
    ("守信用", "诚信"),
    ("讲诚信", "诚信"),
    ("不认账", "失信"),
    # 地方组织法第八十七条: 「…人民政府对基层群众性自治组织的工作给予指导、支持和帮助」; 宪法第一百一十一条
    # names both
    ("村委会", "村民委员会等基层群众性自治组织"),
    ("居委会", "居民委员会等基层群众性自治组织"),
    # the people's organisations by name, which no statute uses: 「各政党、各人民团体…推荐代表候选人」
    # (选举法第三十条), 「县级以上的其他有关机关、团体负责人…可以列席」 (地方组织法第二十一条); not a
    # bare 工会, which runs on from 员工/施工 (「员工会不会…」)
    ("总工会", "人民团体"),
    ("妇联", "人民团体"),
    ("共青团", "人民团体"),
    ("团委", "人民团体"),
    ("拨钱", "拨付资金"),  # 预算法第五十七条: 「…及时、足额地拨付预算支出资金」
    # 预算法第六十三条: 「不得擅自改变预算支出的用途」 (挪用 is the statutes' word for revenue and
    # 重点支出资金, 第五十六条, 第九十四条)
    ("挪去", "改变用途"),
    ("挪走", "改变用途"),
    ("挪作他用", "改变用途"),
    # who has the last word: 选举法第十三条 「…代表的具体名额，由…依照本法确定」; 「由…决定」 throughout
    ("拍板", "确定"),
    ("说了算", "决定"),
    ("打招呼", "干预"),  # 选举法第三十六条: 「任何组织或者个人都不得以任何方式干预选民…」
    # 代表法第五十九条: 「不得利用执行代表职务干预具体执法、司法案件」 (「…拿着代表证去法院帮着说说情」)
    ("说说情", "干预具体执法、司法案件"),
    ("说情", "干预具体执法、司法案件"),
    ("打官司", "司法案件"),
    ("宣讲", "宣传"),  # 代表法第八条: 「带头宣传贯彻本级人民代表大会会议精神」
    ("大会精神", "会议精神"),
    ("对外公布", "公布"),  # 监督法第五十八条: 「调查委员会在调查过程中，可以不公布调查的情况和材料」
    # a congress 通过 and 发布 its resolutions: 地方组织法第十二条 「（二）在职权范围内通过和发布决议」,
    # 宪法第九十九条 「…依照法律规定的权限，通过和发布决议」
    ("作决议", "通过决议"),
    ("做决议", "通过决议"),
    ("对外发布", "发布"),
    # words the statutes never use for what they name: 工作委员会 (法制工作委员会, 代表工作委员会),
    # 财政部门 (预算法: 「本级政府财政部门」), 暂时停止 (代表法第六十一条 「暂时停止执行代表职务」),
    # 初步审查 (预算法第二十二条, 第四十四条), 答复 (代表法第五十一条: 「…并自交办之日起三个月内答复」)
    ("法工委", "法制工作委员会"),
    ("工委", "工作委员会"),
    ("财政局", "财政部门"),
    ("财政所", "财政部门"),
    ("暂停", "暂时停止"),
    ("初审", "初步审查"),
    ("回复", "答复"),
    ("抽调", "调用"),  # 预算法第三十条: 「上级政府不得在预算之外调用下级政府预算的资金」
    # what was done without the approval it needed: 「未经批准…擅自调整预算」 (预算法第七十条),
    # 「未经批准两次不出席」 (代表法第六十二条)
    ("没有经过", "未经"),
    ("没经过", "未经"),
    ("没经", "未经"),
    # 预算法第十三条: 「…未列入预算的不得支出」
    ("没列进", "未列入"),
    ("没编进", "未列入"),  # 「有一笔活动开支事先没编进预算，领导说先花了年底再补」
    ("没编入", "未列入"),
    ("没列入", "未列入"),
    ("列进", "列入"),
    ("开支", "支出"),
    # 预算法第九十五条: 「违反规定扩大开支范围、提高开支标准的」 (after 开支 -> 支出, which would undo it)
    ("超标准", "提高开支标准"),
    ("直选", "直接选举"),  # 选举法第二条: 「…由选民直接选举」
    ("招投标", "招标投标"),  # 代表法第五十九条: 「不得…插手招标投标…」
    ("参会", "出席会议"),
    # a tie: 选举法第四十五条, 地方组织法第二十九条: 「如遇票数相等不能确定当选人时，应当就票数相等的…
    # 再次投票」
    # more ballots cast than voters: 选举法第四十四条 「每次选举所投的票数，多于投票人数的无效」
    ("被多投了", "所投的票数多于投票人数"),
    ("被多投", "所投的票数多于投票人数"),
    ("多投了", "所投的票数多于投票人数"),
    # a seat left after the first ballot is filled by 另行选举 (地方组织法第二十九条: 「获得过半数选票的
    # 当选人数少于应选名额时，不足的名额另行选举。另行选举时，…确定候选人」, 选举法第四十六条):
    # 「选两个副镇长，第一轮只选上一个，再选时候选人从哪儿来？」 had it 7th, now 3rd; the first ballot is
    # 「第一次投票」 there (「可以根据在第一次投票时得票多少的顺序确定候选人」)
    ("再选举", "另行选举"),
    ("再选", "另行选举"),
    ("第一轮投票", "第一次投票"),
    ("第一轮", "第一次投票"),
    ("票数一样", "票数相等"),
    ("票数相同", "票数相等"),
    ("票一样多", "票数相等"),
    # 选举法第七条: 「旅居国外的中华人民共和国公民在县级以下人民代表大会代表选举期间在国内的，可以参加
    # 原籍地或者出国前居住地的选举」 (not 出国定居 -> 旅居国外: 「代表出国定居了代表资格还有吗？」 is
    # answered by 代表法第六十二条's 迁出, which that took to 第七条)
    ("回国", "在国内"),
    # an office or a seat that falls vacant is filled by a by-election: 地方组织法第三十条 (「…补选
    # …乡、民族乡、镇的人民代表大会主席、副主席…」), 选举法第五十七条 (「代表在任期内因故出缺，由原选区
    # 或者原选举单位补选」)
    ("出缺怎么办", "出缺补选"),
    ("空缺怎么办", "出缺补选"),
    # what is done about an unfit deputy is the voters' recall (选举法第四十九条: 「代表受选民和原选举单位
    # 的监督。选民或者选举单位都有权罢免自己选出的代表」): 「人大代表不称职怎么办？」 had 代表法第九条
    # on what counts as a deputy's work first
    ("代表不称职怎么办", "代表不称职，选民罢免自己选出的代表"),
    ("代表不合格怎么办", "代表不称职，选民罢免自己选出的代表"),
    # a deputy who dies: his status ends (代表法第六十二条: 「代表去世的，其代表资格自然终止」) and his
    # seat falls vacant (选举法第五十七条: 「代表在任期内，因故出缺，由原选区或者原选举单位补选」), which
    # says no word of death: 「人大代表去世了名额怎么办？」 had 第五十七条 29th, below the articles on
    # fixing 名额. Both wordings, one concept each.
    ("去世", "去世、因故出缺"),
    ("过世", "去世、因故出缺"),
    ("离世", "去世、因故出缺"),
    ("病故", "去世、因故出缺"),
    # whether someone is still a deputy is whether his 代表资格 has ended (代表法第六十二条: 「代表有下列
    # 情形之一的，其代表资格终止」): 「乡镇人大代表退休了还能当代表吗？」 had it 6th, below 第六十一条 on
    # suspension; not 「还能接着当代表吗」 after a suspension, answered by 第六十一条's 恢复执行
    ("还能当代表", "其代表资格终止"),
    ("还是代表吗", "其代表资格终止吗"),
    ("还算代表吗", "其代表资格终止吗"),
    # a deputy no longer in his right mind: 代表法第六十二条 「…（七）丧失行为能力的」 (his 代表资格
    # 终止); 「有个代表中风后人糊涂了，…他这代表还能接着当吗？」 abstained
    ("人糊涂了", "丧失行为能力"),
    ("神志不清", "丧失行为能力"),
    ("老年痴呆", "丧失行为能力"),
    ("痴呆", "丧失行为能力"),
    ("植物人", "丧失行为能力"),
    # 代表法第八条: 「代表应当…（一）模范地遵守宪法和法律，保守国家秘密」
    ("保密", "保守国家秘密"),
    # 代表法第五十五条: 「有义务协助代表执行代表职务而拒绝履行义务的，有关单位应当予以批评教育」
    ("不配合", "拒绝协助"),
    # what a body does is the list of its 职权 or 职责: 「选举委员会履行下列职责」 (选举法第十一条),
    # 「…人民代表大会行使下列职权」 (地方组织法第十一条, 第十二条)
    ("管哪些事", "有哪些职权职责"),
    ("干哪些事", "有哪些职权职责"),
    # 预算法第五十四条: 「预算年度开始后，各级预算草案在本级人民代表大会批准前，可以安排下列支出…
    # 应当在预算草案的报告中作出说明」
    ("还没批", "批准前"),
    ("交代清楚", "作出说明"),
    ("提上去", "提升"),  # the speech: 「努力提升代表的履职能力和水平」
    # 代表法第九条: 「代表不脱离各自的生产和工作」
    ("专职当代表", "脱离各自的生产和工作"),
    ("脱产", "脱离各自的生产和工作"),
    ("修宪", "修改宪法"),
    # 宪法第三十条: 「中华人民共和国的行政区域划分如下」; 第一百零七条: 「省、直辖市的人民政府决定乡、
    # 民族乡、镇的建置和区域划分」, whose 建置 is what merging or abolishing a township is
    ("行政区划", "行政区域划分"),
    ("撤并", "建置"),
    # a member of a body is one of its 组成人员: 代表法第二条 「地方各级人民代表大会代表是地方各级国家
    # 权力机关组成人员」, 地方组织法第三十一条 「…人民政府组成人员」
    ("一员", "组成人员"),
    # money held back on its way up: 预算法第三十条 「下级政府不得挤占或者截留属于上级政府预算的资金」,
    # 第五十六条 「…不得截留、占用、挪用或者拖欠」
    ("扣下", "截留"),
    ("截下", "截留"),
    # what speech recognition writes for 主席团 (voice-typed questions, eval/RESULTS.md step 188);
    # no document speaks of a rostrum
    ("主席台", "主席团"),
    # a motion is a deputies' 议案 (地方组织法第二十二条: 「…代表五人以上联名，可以向本级人民代表大会
    # 提出属于本级人民代表大会职权范围内的议案」)
    ("提个案子", "提出议案"),
    ("提案子", "提出议案"),
    # 代表法第二十条: 「提质询案的代表半数以上对答复不满意的，可以要求再作答复」
    ("不服气", "不满意"),
    # a session put off: 地方组织法第十四条 「…主席团可以决定适当提前或者推迟召开会议」 (blind batch
    # of the thirty-third session: 「赶上防汛抢险，想往后挪几天」 was withheld)
    ("往后挪", "推迟"),
    ("往后推", "推迟"),
    ("往后延", "推迟"),
    ("推后", "推迟"),
    # 地方组织法第二十条: 「地方各级人民代表大会每届第一次会议，在本届人民代表大会代表选举完成后的两个
    # 月内…召集」 (「新一届头一次大会得在多久之内召开？」 had it outside the top 5)
    ("头一次", "第一次"),
    ("头一回", "第一次"),
    # 选举法第五十五条: 「乡级的人民代表大会代表可以向本级人民代表大会书面提出辞职」 (「想把代表辞了」)
    ("代表辞了", "代表辞职"),
    # 代表法第四十一条: 「…其所在单位按正常出勤对待，享受所在单位的工资和其他待遇」
    ("算缺勤", "按正常出勤对待"),
    ("缺勤", "正常出勤"),
    ("扣工资", "按正常出勤对待，享受所在单位的工资"),
    ("扣我工资", "按正常出勤对待，享受所在单位的工资"),
    ("扣课时费", "按正常出勤对待，享受所在单位的工资和其他待遇"),
    ("按事假", "按正常出勤对待"),
    # 代表法第四十条: 「…代表所在单位必须给予时间保障」 (「厂里说耽误生产不让去」)
    ("不让去", "不给予时间保障"),
    ("不放人", "不给予时间保障"),
    # 地方组织法第十四条: 「…必须有三分之二以上的代表出席，始得举行」 (「到场的代表得有多少，会才能照常
    # 开？」)
    ("才能照常开", "始得举行"),
    ("才能正常开", "始得举行"),
    # whether one is still a deputy is his 代表资格 (代表法第六十二条: 「代表有下列情形之一的，其代表资格
    # 终止：…（三）未经批准两次不出席本级人民代表大会会议的」)
    ("代表身份还", "代表资格还"),  # 「他这个代表身份还保得住吗？」, not 「拿代表身份去打招呼」
    ("没请假", "未经批准"),
    ("不请假", "未经批准"),
    # 代表法第五十九条: 「不得利用执行代表职务干预具体执法、司法案件…」
    ("拿代表身份", "利用执行代表职务"),
    ("代表身份能这么用", "利用执行代表职务"),
    ("打个招呼", "干预"),
    # 选举法第四十二条: 「选民如果在选举期间外出，经选举委员会同意，可以书面委托其他选民代为投票」
    ("回不来", "外出"),
    *(  # 投票 before 投, which would leave 「…代为投票票」
        (f"{who}{vote}", "委托代为投票")
        for vote in ("投票", "投")
        for who in ("替我", "帮我", "替他", "帮他")
    ),
    # 地方组织法第三十条: 「…补选…候选人数可以多于应选人数，也可以同应选人数相等」; 第二十七条 「…如果
    # 提名的候选人只有一人，也可以等额选举」
    ("等额", "等额、同应选人数相等"),
    # 预算法第六十六条: 「各级一般公共预算年度执行中有超收收入的，只能用于冲减赤字或者补充预算稳定
    # 调节基金」 (「税收比预算多收了一块」)
    ("多收", "超收收入"),
    # a deputy moved away: 代表法第六十二条 「（一）地方各级人民代表大会代表迁出或者调离本行政区域的」
    ("工作调动", "调离本行政区域"),
    ("调到外", "调离本行政区域"),
    ("调去外", "调离本行政区域"),
    ("调动去了外", "调离本行政区域"),
    # 预算法第三十五条: 「…地方政府及其所属部门不得为任何单位和个人的债务以任何方式提供担保」
    ("出面担保", "提供担保"),
    ("作担保", "提供担保"),
    ("做担保", "提供担保"),
    # 预算法第十六条: 「上级政府在安排专项转移支付时，不得要求下级政府承担配套资金」
    ("配套钱", "配套资金"),
    ("配套的钱", "配套资金"),
    # a recall and a resignation said as people say them (「被选民罢掉」「自己辞掉代表」)
    ("罢掉", "罢免"),
    ("辞掉代表", "辞去代表职务"),
    # a notice withdrawn is 撤销 (PATTERN_WORDINGS), a person 撤掉 撤职 (below): 「把这个文件撤掉」 is
    # put in statute wording before 撤掉 is read as 撤职
    *(
        (f"{paper}{verb}", f"{paper}{REVOKED}")
        for paper in ("通知", "文件", "决定", "规定")
        for verb in ("撤掉", "给撤掉")
    ),
    # 监督法第六十一条: 「…常务委员会五分之一以上组成人员书面联名，可以…提出撤职案」 (「委员想撤掉一个
    # 不作为的副县长」)
    ("撤掉", "撤职"),
    # what a deputy said at a session is his 发言 (代表法第三十一条: 「代表在人民代表大会各种会议上的发言
    # 和表决，不受法律追究」; 「会不会因为这几句话被人追究责任？」)
    ("几句话", "发言"),
    ("说了几句", "发言"),
    # who must come in person: 监督法 「…负责人应当到会，听取意见，回答询问」 (「局长能不能派个科长代他
    # 去？」「一定要县长亲自去讲吗？」)
    ("亲自去", "负责人应当到会"),
    ("代他去", "负责人应当到会"),
    # the blind batches of the thirty-fourth session
    # 地方组织法第二十一条: 「乡级的人民政府领导人员，列席本级人民代表大会会议」 (「镇长、副镇长是以什么身份
    # 参加会议的？」)
    ("什么身份参加", "什么身份列席"),
    ("啥身份参加", "啥身份列席"),
    # 代表法第二十九条: 「…可以提出约见本级或者下级有关国家机关负责人」 (「想当面跟县卫健局领导谈谈，有没有
    # 权利要求见他们？」)
    ("要求见", "约见"),
    ("当面谈谈", "约见"),
    ("约谈", "约见"),
    # 预算法第四十六条: 「报送各级人民代表大会审查和批准的预算草案应当细化」 (「我想建议以后做细点」)
    ("做细", "细化"),
    ("细一点", "细化"),
    # a deputy nominating: 地方组织法第二十六条 「…代表十人以上书面联名，也可以提出…候选人」 (「代表自己推
    # 镇长人选」; 自己推 itself in PATTERN_WORDINGS)
    ("推人选", "提名候选人"),
    # 监督法第十一条: 常务委员会 「…听取和审议本级人民政府…的专项工作报告」 (「让县人大常委会专门听听县政府
    # 的汇报」)
    ("专门听听", "听取专项工作报告"),
    # 监督法第四十六条: 「…应当派有关负责人员到会，听取意见，回答询问」 (「局里必须来人吗？」); not 来人 of
    # 「一千八百来人」
    *((f"{must}来人", f"{must}派有关负责人员到会") for must in ("必须", "得", "要")),
    # 代表法第二十九条: 「…对本级人民政府和有关单位的工作进行视察」 (「带我们几个代表去镇卫生院实地看看」)
    ("实地看看", "视察"),
    ("下去看看", "视察"),
    # 选举法第四十二条: 「…可以书面委托其他选民代为投票。每一选民接受的委托不得超过三人」 (「托同村人代投」)
    ("代投", "委托代为投票"),
    ("没请过假", "未经批准"),
    # 代表法第六十二条: 「（一）地方各级人民代表大会代表迁出或者调离本行政区域的」 (「户口也迁过去了」)
    ("户口也迁", "户口迁出本行政区域"),
    ("户口迁", "户口迁出本行政区域"),
    ("秋后算账", "打击报复"),  # as 穿小鞋 (above)
)

# each everyday word of POLICY_TOPICS with its statute wording
_TOPIC_STATUTE = {word: statute for statute, words in POLICY_TOPICS.items() for word in words.split()}

# POLICY_TOPICS as (colloquial, statute wording) pairs, a longer word before a shorter one it
# contains (孤寡老人 before 老人)
TOPIC_PAIRS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        ((word, f"{word}、{statute}") for word, statute in _TOPIC_STATUTE.items()),
        key=lambda pair: -len(pair[0]),
    )
)


def policy_words(text: str) -> dict[str, str]:
    """The everyday words of POLICY_TOPICS the text says, each with its statute wording (a word
    inside a longer one said is not counted again: 老人 of 孤寡老人)."""
    found: dict[str, str] = {}
    for word, _ in TOPIC_PAIRS:
        if word in text and not any(word in longer for longer in found):
            found[word] = _TOPIC_STATUTE[word]
    return found


# Concepts said with words between their parts, which no fixed pair catches: each match is put in
# statute wording once, after ABBREVIATIONS (whose pairs of other wordings come first: 扣工资, 当场处理). The
# blind batches said the same things again this way (eval/RESULTS.md step 196): 「我当场能不能叫他们
# 停产整改？」「能不能当场拍板让有关单位解决？」 (代表法第三十一条 「…但不直接处理问题」), 「厂里说算我旷工
# 要扣钱」 (第四十一条 「…按正常出勤对待，享受所在单位的工资和其他待遇」), 「人代会能不能把这个文给废掉？」
# (地方组织法第十二条 「撤销…不适当的决定和命令」), 「他这个代表还算不算数？」 (代表法第六十二条 「…其代表
# 资格终止」).
PATTERN_WORDINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?:算|按)(?:我|他|成|作)?(?:旷工|请假|事假|病假|缺勤)"
            r"|扣(?:我|他|了)?(?:的)?(?:钱|工资|奖金|绩效|工分|补助|工钱)"
        ),
        "按正常出勤对待，享受所在单位的工资和其他待遇",
    ),
    # a document named stays (「把这个通知给撤了」 -> 「把这个通知不适当的决定和命令撤销」), a bare 文 goes
    (
        re.compile(
            r"(?:(?<=文件|通知|决定|规定)|(?<=[个份这那])文)给?(?:撤了|撤掉|撤回|撤销|废了|废掉|废止|取消)"
        ),
        REVOKED,
    ),
    # 代表法第五十九条: 「…不得…插手招标投标等经济活动」 (「亲戚想接镇里的工程，让我去打个招呼」)
    (re.compile(r"(?:接|揽|包)[^，。？！,\s]{0,4}?工程"), "插手招标投标等经济活动"),
    # 地方组织法第二十六条 (「代表自己推镇长人选」), not 自己推荐/推选 (「选民自己推荐代表候选人」)
    (re.compile(r"自己(?:想|要)?推(?![荐选迟动进广])"), "联名提名"),
    # 代表法第三十四条: 「…可以列席原选区所在的乡、民族乡、镇的人民代表大会会议」 (「县人大代表开镇人代会的
    # 时候能不能过来坐着听会？」), not 旁听会
    (re.compile(r"(?<!旁)听会"), "列席会议"),
    (
        re.compile(r"代表(?:的身份|身份|资格)?还(?=算不算|在不在|作不作数|算数|有效|有没有效)"),
        "代表资格终止还",
    ),
    # how long a term lasts: 地方组织法第九条 「地方各级人民代表大会每届任期五年」, 代表法第二条 「…代表
    # 每届任期五年」 (「乡镇人大一届几年？」 had 第十四条 on meetings first); not 「一届开几次会」
    (re.compile(r"一届(?:的)?(?:任期)?(?=(?:总共|一共|共)?[是有为]?(?:几年|多少年|多长|多久))"), "每届任期"),
)


# What a question tells of a situation, with the statute's words for it, read only in the situation
# the rule is about (the gate, searched in the whole question): what is done to a deputy on
# congress business (代表法第四十条, 第五十五条) only in a question on a deputy and not on voting
# (「拦着子女结婚」「对老人动手」 are no deputy's, nor is a voter kept from the ballot box: 选举法第五十八条).
# Each is (gate, told, statute wording, the statute's word): a question already saying the word
# (「阻碍代表履职的，法律上怎么处理？」) keeps it as a term of its own, not one of a pair (concepts).
# Applied after PATTERN_WORDINGS, each once.
_ON_DEPUTY = re.compile(r"^(?!.*(?:选民|投票|选票|候选人)).*代表(?!候选人)")  # 人民代表大会 too
# the township government's heads at a session of its congress, not electing, removing or
# questioning them (地方组织法第二十一条 names them only there, as 乡级的人民政府领导人员), nor at a
# meeting of the presidium between sessions (no national law says who attends it)
_LEADERS_AT_SESSION = re.compile(
    r"^(?!.*(?:选举|补选|罢免|辞职|撤职|质询|候选|任免|闭会))(?=.*(?:乡长|镇长))(?=.*人民代表大会会议)"
)
_ANYWHERE = re.compile("")
_NOT_AT_SESSION = re.compile(r"^(?!.*(?:审议|会上|会议上|开会的时候|开会时))")
TOLD_WORDINGS: tuple[tuple[re.Pattern[str], re.Pattern[str], str, str], ...] = (
    # spending more than the budget says, mid-year: 预算法第六十七条 (「…在执行中出现下列情况之一的，应当
    # 进行预算调整：（一）需要增加或者减少预算总支出的…」), 第六十九条 (「…必须及时增加预算支出的…」); not
    # in a question saying 调整 itself (「县里调整预算是报县人大常委会批…镇政府要调预算」 lost its key when
    # its two wordings became one concept)
    (_ANYWHERE, re.compile(r"[调动改]预算"), "预算调整", "调整"),
    (_ANYWHERE, re.compile(r"多花"), "增加预算支出", "增加"),
    # 代表法第三十一条: 「代表参加视察…时，可以向有关机关、组织提出建议、批评和意见，但不直接处理问题」
    # (「能不能当场让院长改过来？」, 「当场要求整改」), on a visit; at a session a deputy asking there and
    # then (「审议时…能不能当场叫政府那边来人说清楚？」) puts a question (代表法第十九条 询问)
    (
        _NOT_AT_SESSION,
        re.compile(
            r"(?:当场|现场)(?:就)?(?:能不能|可不可以|能否|可以|能)?(?:叫|让|要求|要|责令|拍板|确定|处理|解决)"
        ),
        "直接处理问题",
        "直接处理问题",
    ),
    # 「村会计把门一关不让看材料，还推搡了我」「堵着门不让进」「妨碍代表干事」: 「阻碍代表依法执行代表职务的，
    # 根据情节…给予处分…」
    (
        _ON_DEPUTY,
        re.compile(
            r"拦(?:着|在|住)[^，。？！,]{0,4}不让|堵(?:着|在|住)门|把门一关|不让(?:进|看|查)|推搡|动手推"
            r"|(?:妨碍|阻挠|阻拦|刁难)(?:代表|我|我们)?"
        ),
        "阻碍代表依法执行代表职务",
        "阻碍",
    ),
    # 「车间主任不准假」「单位不肯放我去」: 「…参加统一组织和安排的代表履职活动，代表所在单位必须给予时间
    # 保障」
    (
        _ON_DEPUTY,
        re.compile(r"不(?:准|给|批|肯给)(?:我|他)?(?:的)?假|不(?:肯|愿意?|想)?放(?:我|他|人)(?:去)?"),
        "代表所在单位必须给予时间保障",
        "时间保障",
    ),
    # 「副镇长不是人大代表，镇人代会开的时候他用不用到场？」「要不要也通知来会场坐着听？」: 「…乡级的人民政府
    # 领导人员，列席本级人民代表大会会议」
    (
        _LEADERS_AT_SESSION,
        re.compile(r"列席|出席|到场|到会|去参加|来参加|坐着听"),
        "乡级的人民政府领导人员，列席本级人民代表大会会议",
        "领导人员",
    ),
)


# A verb-object word said with its object inside (离合词): 「撤一名副县长的职」 is 撤职 (监督法第六十二条
# 「撤职案…被提出撤职的人员有权…提出申辩意见」), 「免了他的职」 免职, 「被撤了职」 撤职; the object
# stays after the word, in the content searched (the user's words, joined as statutes write them).
# Not 撤销/撤回/免去/免除/辞去…, words of their own, nor 撤镇设街道 (a division merged), nor
# 的职权/的职责/的职能.
SPLIT_WORDS = re.compile(
    r"(?P<verb>撤(?![销回换离出并退]|.[设并改建])|免(?![去除于费责])|辞(?![去退职]))了?"
    r"(?:(?P<object>[^，。；：？！,.;:?!\s]{1,12}?)的)?职(?![权责能工员])务?"
)

# What asks for the legal basis of a thing rather than names the thing (「代表提建议有什么法律依据？」
# 「…依据是哪条法律？」「…依据是什么？」「宪法里能找到依据吗？」「能引哪条法律？」「法律上允许吗？」
# 「…是怎么规定的？」), deputies' commonest phrasing (a bare 引 only after 能/该…: 「吸引哪些企业」 asks
# no basis). As search terms these words pull articles that speak of legal bases (立法法第四十八条:
# 「需要明确适用法律依据的」) above the rule asked about, so lexical and dense matching use the question
# without them.
ASKING_FRAME = re.compile(
    r"(?:法律|法规|政策)(?:上的?|方面的?)"
    r"|(?:法律|法规|政策)(?:依据|根据)(?:是(?:什么|啥|哪些|哪条|哪个))?"
    r"|(?:有|是)(?:什么|哪些|啥|何|没有)(?:法律|法规|政策)?(?:依据|根据|规定)"
    r"|(?:依据|根据|出自|见于|(?:能|可以|该|应该|应当|要)?(?:援引|引用)|(?:能|可以|该|应该|应当|要)引)"
    r"(?:是|于)?哪一?[部条个些项款]?(?:法律|法规|规定|条款|文件)?"
    r"|(?<!的)(?:依据|根据)(?:是|在)(?:什么|啥|哪儿|哪里)"  # not 「预算编制的依据是什么」: its subject
    r"|(?:能|可以)?找(?:得)?到(?:法律)?(?:依据|根据)吗"
    r"|(?:有|是)?(?:依据|根据)吗"
    r"|(?:是)?(?:怎么|怎样|如何)规定的?"
    r"|规定了?(?:什么|啥|哪些)"
)
# A trainer's multiple-choice item (「单选：选区由谁来划分？A.镇政府 B.县人大常委会 C.选举委员会」):
# its options name bodies and levels the answer is not about, and pull their articles up.
_CHOICES = re.compile(r"\s*[（(]?\s*A\s*[)）.．、:：]\s*\S.*?[（(]?\s*B\s*[)）.．、:：]\s*\S.*$", re.DOTALL)


# The label a trainer puts before an item (「单选：」「判断题：」) and the empty brackets where its
# answer goes (「（ ）」): the form of the item, not words of what it asks
_ITEM_LABEL = re.compile(r"^\s*(?:单项选择|多项选择|单选|多选|选择|判断|填空|简答|问答)题?\s*[：:]\s*")
_ANSWER_BRACKETS = re.compile(r"[（(]\s*[)）]")
# A true-or-false item asks whether the statement before it holds (「判断：人大只设到县一级，镇里没有
# 镇人大，这种说法对不对？」): the statement is what to look up. 说法 and 对不对 are words of no
# document; they halved the evidence's coverage and withheld three answers of the thirty-first
# session's quiz questions (eval/RESULTS.md, step 185).
_JUDGED = re.compile(
    r"[，,。；;]?\s*(?:这种|这个|这样的|此|以上|上述)?(?:说法|表述|观点|理解)?\s*"
    r"(?:对吗|对么|对不对|对不对呢|正确吗|是否正确|对还是错|是对是错)\s*[？?。！!]*\s*$"
)


def without_choices(question: str) -> str:
    """The stem of a quiz item, without its label, its empty answer brackets, its options A, B, …
    and the 「对吗？」 of a true-or-false item; other questions unchanged."""
    stem = _ANSWER_BRACKETS.sub("", _ITEM_LABEL.sub("", _CHOICES.sub("", question), count=1))
    stem = _JUDGED.sub("", stem)
    return stem if cjk_count(stem) >= 2 else question


# The legal basis for doing something is the provision granting the right or power to do it:
# 「代表提建议有什么法律依据？」 is answered by 代表法第二十四条 「代表有权向本级人民代表大会提出对各方面
# 工作的建议、批评和意见」, not by 全国人大组织法第四十六条 on how such proposals are handled. A
# question asking for a legal basis (not 「怎么规定的」, not a policy basis) gets 有权 in its
# statute wording; not one for a proposal on a topic (「镇政府要给企业贷款做担保，代表想提建议制止」):
# its basis is a rule on the topic (预算法第三十五条 「…不得…提供担保」), and 有权 pulled passages
# granting some right above it.
_ASKS_LEGAL_BASIS = re.compile(r"依据|根据")
_GRANTS = "有权"


# Words a question dictated to a phone is full of that ask nothing (「…点名要盯住哪几类重点问题来着，
# 好像有农村那块的」): no document says 来着 or 那块, so they weighed in the evidence's coverage as
# the rarest words asked and an answer with its gold first was withheld. Not 那个 or 这个, which
# as often point at what is asked (「那个副镇长」).
_FILLERS = re.compile(r"[嗯呃唉]+|来着|好像是?|就是说|我想问一下|想问一下|问一下|那块的?")


def without_fillers(question: str) -> str:
    """The question without the spoken words that ask nothing; unchanged when nothing else is left."""
    content = _FILLERS.sub("", question)
    return content if cjk_count(content) >= 2 else question


def without_asking_frame(question: str) -> tuple[str, str]:
    """(the question without the words that ask for a legal basis, those words); unchanged when
    nothing else would be left (「有什么法律依据？」 alone)."""
    frame = "".join(m.group(0) for m in ASKING_FRAME.finditer(question))
    content = ASKING_FRAME.sub(" ", question)
    return (content, frame) if frame and cjk_count(content) >= 2 else (question, "")


_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"／": "/", "％": "%"})
_ARTICLE_NUM = re.compile(r"第\s*(\d{1,4})\s*(条|章|节|编|款|项)")
_BARE_ARTICLE = re.compile(r"(?<![\d第])(\d{1,3})\s*条")
# An article number said without its 第 right after the name of a law or regulation: 「地方组织法七十一
# 条的内容是啥？」「预算法二十二条第四款」; elsewhere 三条 may be three of anything (「提了三条建议」)
_NAMED_BARE_ARTICLE = re.compile(rf"(法|条例|规则|细则|办法)([{CN_NUMERAL_CHARS}]{{1,6}})条")
_FRACTION = re.compile(r"(?<!\d)(\d{1,2})\s*/\s*(\d{1,2})(?!\d)")
_FRACTION_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*分之\s*(\d{1,2})(?!\d)")
_PERCENT = re.compile(r"(?<!\d)(\d{1,3})\s*%")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACE = re.compile(r"\s+")
# A space between two Chinese characters, where voice input or a hurried hand put no punctuation
# (「领导说今年要加开一次区人代会 主要是为了办啥事 还有就是…」): a clause break, as a comma is
_BARE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def one_line(text: str) -> str:
    """A title or topic as a user meant it: control and zero-width characters and runs of
    whitespace become one space (an ESC would otherwise reach Markdown, JSON and Word exports)."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text)).strip()


def without_controls(text: str) -> str:
    """Free text with its line breaks and tabs kept, control and zero-width characters removed."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True, slots=True)
class NormalizedQuery:
    original: str  # cleaned, simplified-character form of what the user typed
    # the original without the words asking for a legal basis (ASKING_FRAME); of a proposal after
    # a situation told (Proposal.told), the topic alone: 「…做担保。代表想提建议制止这事」's 代表想提建议
    # says who asks, and its words pulled the articles on handling proposals above the rule on the
    # topic. A topic after the proposal (「我想提建议加强农村道路养护」) keeps them: they bring the
    # right to propose where no document speaks of the topic; unless it names a policy topic
    # (「…加强农村养老服务」: POLICY_TOPICS), whose basis the constitution's words for it find.
    content: str
    canonical: str  # the content with statute wording substituted
    # The (colloquial, statute wording) pairs substituted, in order: each pair names one concept,
    # which lexical scoring counts once (see BM25.scores).
    synonyms: tuple[tuple[str, str], ...] = ()
    frame: str = ""  # the words that asked for a basis (「有什么法律依据」), "" when none
    proposal: Proposal | None = None  # the proposal on a topic whose basis is asked (text.proposals)

    @property
    def wants_statutes(self) -> bool:
        """It asks for a legal basis (「…有什么法律依据？」「…是怎么规定的？」), which only laws and
        regulations give; a policy basis (「政策依据」) may also be in speeches and reports."""
        return bool(self.frame) and "政策" not in self.frame

    @property
    def both(self) -> str:
        """Both forms of the content, for lexical matching: a term in either counts."""
        return self.content if self.canonical == self.content else f"{self.content} {self.canonical}"

    def synonym_tokens(self, tokenize: Callable[[str], list[str]]) -> list[set[str]]:
        """For each substituted pair, the tokens of its two wordings but those both share (see
        `concepts`): in 提建议 -> 提出建议 only 提 and 提出 name one thing two ways; 建议 is the
        same word in both and stays a term of its own, as 代表 in 乡镇人大代表 -> 乡、民族乡、镇的
        人民代表大会代表."""
        groups = []
        for short, full in self.synonyms:
            a, b = set(tokenize(short)), set(tokenize(full))
            groups.append((a | b) - (a & b))
        return groups

    @property
    def topic_statutes(self) -> tuple[str, ...]:
        """The statute wording of each policy topic the question names (POLICY_TOPICS): a passage
        saying it states the topic's basis (学前教育 for 幼儿园)."""
        said = (_TOPIC_STATUTE.get(short) for short, _ in self.synonyms)
        return tuple(dict.fromkeys(statute for statute in said if statute))

    def replaced_tokens(self, tokenize: Callable[[str], list[str]]) -> set[str]:
        """Tokens of the colloquial wordings substituted that no statute wording substituted for
        them has (人大常委会, 批下来): rare only because statutes never say them."""
        said = {t for short, _ in self.synonyms for t in tokenize(short)}
        return said - {t for _, full in self.synonyms for t in tokenize(full)}


def concepts(tokens: Sequence[str], synonyms: Sequence[Collection[str]] = ()) -> list[tuple[str, ...]]:
    """The distinct query tokens grouped by what they name: the tokens of one synonym pair
    (乡镇人大 and 乡、民族乡、镇的人民代表大会: 23 tokens) are one concept, every other token is
    its own. A token of two pairs belongs to the first. Lexical scores and coverage count concepts,
    so a phrase the normaliser spelled out does not outweigh the rest of the question."""
    distinct = list(dict.fromkeys(tokens))
    out: list[tuple[str, ...]] = []
    taken: set[str] = set()
    for group in synonyms:
        members = tuple(t for t in distinct if t in group and t not in taken)
        taken.update(group)
        if members:
            out.append(members)
    out += [(t,) for t in distinct if t not in taken]
    return out


class QueryNormalizer:
    """Stateless apart from the lazily built traditional->simplified converter."""

    @cached_property
    def _t2s(self) -> Any:
        from opencc import OpenCC

        return OpenCC("t2s")

    def clean(self, text: str) -> str:
        """Drop control and zero-width characters, unify width and whitespace, convert to
        simplified Chinese; a space or line break between Chinese words becomes the comma it
        stands for (a character pasted inside a word must not break it in two)."""
        text = one_line(without_controls(unicodedata.normalize("NFC", text))).translate(_FULLWIDTH)
        return _BARE_BREAK.sub("，", self._t2s.convert(text)) if _has_cjk(text) else text

    def normalize(self, text: str) -> NormalizedQuery:
        original = _numerals(self.clean(text))
        content, frame = without_asking_frame(without_fillers(original))
        topic = proposal(content) if frame else None
        # a proposal on a policy topic has its basis in the constitution's words for it, which the
        # topic alone finds: the words of proposing pull the articles on handling proposals above it
        if topic is not None and (topic.told or policy_words(topic.topic)):
            content = topic.topic
        content = SPLIT_WORDS.sub(_joined, content)
        canonical, synonyms = content, []
        # the constitution's words for a topic are the basis of a proposal on it, not an answer to
        # what the topic's facts are (「低保标准是谁定的？」)
        for short, full in ABBREVIATIONS + (TOPIC_PAIRS if frame else ()):
            replaced = _replace_word(canonical, short, full)
            if replaced != canonical:
                synonyms.append((short, full))
            canonical = replaced
        told = tuple(
            (pattern, full)
            for gate, pattern, full, word in TOLD_WORDINGS
            if gate.search(canonical) and word not in canonical
        )
        for pattern, full in PATTERN_WORDINGS + told:
            if (m := pattern.search(canonical)) and full not in canonical:
                synonyms.append((m.group(0), full))
                canonical = canonical[: m.start()] + full + canonical[m.end() :]
        nq = NormalizedQuery(original, content, canonical, tuple(synonyms), frame, topic)
        grants = topic is None and _GRANTS not in canonical
        if grants and nq.wants_statutes and _ASKS_LEGAL_BASIS.search(frame):
            return replace(nq, canonical=canonical.rstrip("，,？?。 ") + "，" + _GRANTS)
        return nq


def _joined(m: re.Match[str]) -> str:
    """A SPLIT_WORDS match as one word, its object after it: 撤一名副县长的职 -> 撤职一名副县长."""
    return m["verb"] + "职" + (m["object"] or "")


def _numerals(text: str) -> str:
    text = _ARTICLE_NUM.sub(_spelled("第{0}{1}", 1), text)
    text = _BARE_ARTICLE.sub(_spelled("第{0}条", 1), text)
    text = _NAMED_BARE_ARTICLE.sub(r"\1第\2条", text)
    text = _FRACTION.sub(_spelled("{1}分之{0}", 2), text)
    text = _FRACTION_WORDS.sub(_spelled("{0}分之{1}", 2), text)
    return _PERCENT.sub(_spelled("百分之{0}", 1), text)


def _spelled(template: str, numbers: int) -> Callable[[re.Match[str]], str]:
    """A replacement that writes the match's first `numbers` groups in Chinese numerals into
    `template` (further groups verbatim); a number statutes never write (0, 0/0, 第0条) is left as
    typed."""

    def replace(m: re.Match[str]) -> str:
        try:  # int_to_cn owns the range statutes use
            spelled = [int_to_cn(int(g)) for g in m.groups()[:numbers]]
        except ValueError:
            return m.group(0)
        return template.format(*spelled, *m.groups()[numbers:])

    return replace


# A colloquial phrase ending in 开 (临时开, 才能开) or 当 (同时当) means holding a meeting or holding
# an office unless the next character makes another word of it: 临时开展 is not 临时召集展, 同时当选
# is not 担任选.
_OTHER_VERB_AFTER = {
    "开": frozenset("展始放发除支具通拓辟设工业幕学庭启销"),
    "当": frozenset("选天地时然面前场即年日晚众作做成"),
}


def _replace_word(text: str, short: str, full: str) -> str:
    """Replace `short` unless it already sits inside its full form (人民政府 stays as it is) or
    is the start of another word (see _OTHER_VERB_AFTER)."""
    if short not in text:
        return text
    goes_on = _OTHER_VERB_AFTER.get(short[-1], frozenset())
    out, pos = [], 0
    while True:
        i = text.find(short, pos)
        if i < 0:
            out.append(text[pos:])
            return "".join(out)
        window_start = max(0, i - len(full))
        after = text[i + len(short) : i + len(short) + 1]
        if full in text[window_start : i + len(full)] or (after and after in goes_on):
            out.append(text[pos : i + len(short)])
        else:
            out.append(text[pos:i] + full)
        pos = i + len(short)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
