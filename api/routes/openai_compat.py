"""An OpenAI-compatible chat endpoint, so OpenAI clients and tools can use the assistant.

`stream: true` gives server-sent events in the chat.completion.chunk shape; the answer is cut
into small pieces and the citations travel in the final chunk (field `citations`, which OpenAI
clients keep as an extra attribute; with an abstention, `related`: the nearest passages).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import AssistantDep
from api.security import READ
from assistant.answering.conversation import MAX_TURNS, Turn
from assistant.render import answer_text, citation_dict
from assistant.retrieval.filters import Filters
from assistant.service import MAX_QUERY_CHARS
from assistant.types import Answer, DocKind

router = APIRouter(prefix="/v1", tags=["openai"], dependencies=READ)
MODEL = "renda-assistant"


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # clients send name, tool fields …
    role: Literal["user", "assistant", "system", "developer", "tool"]
    content: str | list[dict[str, Any]] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")  # temperature, top_p … are accepted and ignored
    model: str = MODEL
    messages: list[ChatMessage] = Field(min_length=1, max_length=MAX_TURNS)
    stream: bool = False
    kind: list[DocKind] | None = Field(default=None, description="扩展：只检索这些类型的文档")


@router.get("/models", summary="可用模型（OpenAI 兼容）")
def models() -> dict[str, Any]:
    return {"object": "list", "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "renda"}]}


@router.post("/chat/completions", summary="对话补全（OpenAI 兼容，支持 stream）", response_model=None)
def completions(req: CompletionRequest, assistant: AssistantDep) -> dict[str, Any] | StreamingResponse:
    turns = [
        Turn(m.role, m.text()[: 20 * MAX_QUERY_CHARS])
        for m in req.messages
        if m.role in ("user", "assistant")
    ]
    answer, resolved = assistant.chat(turns, Filters(kinds=tuple(req.kind or ())))
    meta = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
        "created": int(time.time()),
        "model": req.model or MODEL,
    }
    if req.stream:
        return StreamingResponse(
            _events(answer, resolved, meta),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )
    return (
        meta
        | {
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": answer_text(answer)},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
        | _extras(answer, resolved)
    )


def _extras(answer: Answer, resolved: str) -> dict[str, Any]:
    return {
        "citations": [citation_dict(c) for c in answer.citations],
        "related": [citation_dict(c) for c in answer.related],
        "abstained": answer.abstained,
        "resolved_question": resolved,
        "notice": answer.notice,
        "answer": answer.answer,
    }


def _events(answer: Answer, resolved: str, meta: dict[str, Any]) -> Iterator[str]:
    def chunk(delta: dict[str, str], finish: str | None = None, **extra: Any) -> str:
        body = (
            meta
            | {
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            | extra
        )
        return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    text = answer_text(answer)
    for piece in _pieces(text):
        yield chunk({"content": piece})
    yield chunk({}, "stop", **_extras(answer, resolved))
    yield "data: [DONE]\n\n"


def _pieces(text: str, size: int = 6) -> Iterator[str]:
    """Small pieces that never split an [n] marker, so a client can render markers as they come."""
    buffer = ""
    for ch in text:
        buffer += ch
        if len(buffer) >= size and "[" not in buffer[buffer.rfind("]") + 1 :]:
            yield buffer
            buffer = ""
    if buffer:
        yield buffer
