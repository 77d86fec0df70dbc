"""Multi-turn chat: the last user message is answered in the light of the earlier ones."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AssistantDep
from api.schemas import AnswerOut
from api.security import READ
from assistant.answering.conversation import MAX_TURNS, Turn
from assistant.render import answer_dict
from assistant.retrieval.filters import Filters
from assistant.service import MAX_QUERY_CHARS
from assistant.types import DocKind

router = APIRouter(prefix="/api", tags=["chat"], dependencies=READ)


class Message(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=20 * MAX_QUERY_CHARS)


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    messages: list[Message] = Field(min_length=1, max_length=MAX_TURNS)
    kind: list[DocKind] | None = None
    title: list[str] | None = None


class ChatResponse(AnswerOut):
    resolved_question: str = Field(description="结合上文理解后的完整问题")


@router.post("/chat", response_model=ChatResponse, summary="多轮对话：结合上文回答追问")
def chat(req: ChatRequest, assistant: AssistantDep) -> dict[str, object]:
    turns = [Turn(m.role, m.content) for m in req.messages]
    filters = Filters(kinds=tuple(req.kind or ()), titles=tuple(t for t in req.title or () if t))
    answer, resolved = assistant.chat(turns, filters)
    return answer_dict(answer) | {"resolved_question": resolved}
