"""Multi-turn chat: the last user turn, resolved against the earlier ones (text.follow_up: 「那罢免
呢？」 or 「这个要多少人联名？」 become self-contained questions) before retrieval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.errors import InvalidInput

MAX_TURNS = 50


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # "user" | "assistant" | "system"
    content: str


def last_question(turns: Sequence[Turn]) -> tuple[str, list[str]]:
    """The last user message and the earlier user messages (newest last)."""
    if not turns:
        raise InvalidInput("对话不能为空")
    if len(turns) > MAX_TURNS:
        raise InvalidInput(f"对话过长（{len(turns)} 条），请控制在 {MAX_TURNS} 条以内")
    users = [t.content for t in turns if t.role == "user"]
    if not users or turns[-1].role != "user":
        raise InvalidInput("最后一条消息应当是用户的问题")
    return users[-1], users[:-1]
