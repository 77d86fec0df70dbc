"""The parts of a question that each ask something (「罢免镇长要几个代表联名，向谁提出？」 asks two
things): the extractive answerer gives each a sentence, and the abstention rules read a missing
fact as missing for the part that asks for it."""

from __future__ import annotations

import re

# What asks (几个人, 怎么办, 能不能, 谁): a clause holding one ends a part of the question.
_ASKS = re.compile(r"几|多少|多久|多长|怎么|怎样|如何|谁|哪|什么|啥|吗|能不能|能否|是否|有没有|区别|一样")
_CLAUSE = re.compile(r"[^，,；;？?。！!]+")


def asking_parts(question: str) -> list[str]:
    """Clauses up to one holding an asking word (「要罢免一个镇人大代表，选民怎么提，怎样才算通过？」
    -> 「要罢免一个镇人大代表，选民怎么提」, 「怎样才算通过」); words after the last asking clause join it."""
    parts: list[str] = []
    pending = ""
    for clause in _CLAUSE.findall(question):
        pending = f"{pending}，{clause}" if pending else clause
        if _ASKS.search(clause):
            parts.append(pending)
            pending = ""
    if pending and parts:
        parts[-1] += "，" + pending
    return parts
