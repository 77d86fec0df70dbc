"""Questions from deputies preparing a proposal: 「我想提建议加强农村养老服务，有什么法律依据？」.

The legal basis such a question asks for has two parts: the deputy's right to propose at all
(代表法第二十四条 for a 建议, 第十五条 for a 议案) and whatever the documents say on the topic. When
they say nothing on the topic, the assistant still gives the first and says the second is missing
(service.Assistant), instead of withholding both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.text.chars import cjk_count

# 提建议, 提出建议, 提一条建议, 写一份书面建议, 提个议案; 「我想建议县里…」
_ACT = re.compile(
    r"(?:(?:提出|提|写|递交|交)(?:一个|一条|一份|一件|个|条|份|件)?(?:书面)?|(?<=[想拟]))(建议|议案)"
)
# who proposes and how the topic is introduced: 「我想就…」「作为镇人大代表，我准备针对…」; a
# division word only before 人大 or 代表 (「县里要从镇里…」 keeps its 县)
_LEAD = re.compile(
    r"^(?:我们|我|本人)?[，,]?(?:作为)?(?:一名|一位)?(?:(?:乡镇|镇|乡|县|区|市)?(?:人大)?代表)?[，,]?"
    r"(?:我们|我)?(?:想|要|准备|打算|拟|计划)?(?:就|对|关于|针对)?"
)
# who proposes, after the situation told first: 「镇政府打算出面给它做担保。代表想提建议制止」
_TAIL = re.compile(
    r"[，,。]?(?:作为)?(?:(?:乡镇|镇|乡|县|区|市)?(?:人大)?代表|我们|我|本人)?(?:想|要|准备|打算|拟|计划)?$"
)
_EDGES = " ，,。？?！!、"


@dataclass(frozen=True, slots=True)
class Proposal:
    kind: str  # 建议 or 议案
    topic: str  # what it is about, as the question words it: 「加强农村养老服务」
    # the situation told before the proposal (「镇政府打算出面给它做担保。代表想提建议制止这事」):
    # 「镇政府打算出面给它做担保」; "" when the topic follows the proposal (「我想提建议加强…」)
    told: str = field(default="", compare=False)


def proposal(content: str) -> Proposal | None:
    """The proposal a question's content (the words besides those asking for a basis) is about,
    when it names one and a topic of it; None for 「代表提建议」 alone or any other question."""
    act = _ACT.search(content)
    if act is None:
        return None
    before = _TAIL.sub("", _LEAD.sub("", content[: act.start()].strip(_EDGES), count=1), count=1)
    before = before.strip(_EDGES)
    topic = (before + " " + content[act.end() :].strip(_EDGES)).strip(_EDGES)
    if cjk_count(topic) < 2:
        return None
    return Proposal(act.group(1), topic, before)


def right_to_propose(kind: str) -> str:
    """The question the documents answer with the deputy's right to make this kind of proposal."""
    return f"代表提{kind}有什么法律依据？"


# A proposal to stop a practice (「代表想提建议制止」「提建议不让镇里配套」「要求镇里不准…挪作他用」):
# its basis is the rule forbidding it (预算法第三十条 「上级政府不得在预算之外调用下级政府预算的资金」,
# 第三十八条 「…不得要求下级政府承担配套资金」). Only with 建议 or 议案 asked for: 「被厂里的人拦在门口
# 不让进」 tells what happened; 「对议案能投反对票吗」 asks about a vote, 「议案不准确」 about wording.
_STOP = re.compile(r"制止|纠正|叫停|不让|不准(?!确)|不许|禁止|反对(?!票)|杜绝|阻止|刹住")
_PROPOSES = re.compile(r"建议|议案")
# how a statute forbids: 不得, 禁止, 严禁
FORBIDS = re.compile(r"不得|禁止|严禁")


def asks_to_stop(question: str) -> bool:
    """Whether the question asks for the basis of a proposal to stop or forbid something."""
    return bool(_PROPOSES.search(question) and _STOP.search(question))
