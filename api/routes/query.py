"""Search and ask: the two calls every other tool builds on."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AssistantDep
from api.schemas import AnswerOut, AskRequest, SearchRequest, SearchResponse
from api.security import READ
from assistant.render import answer_dict, hit_dict
from assistant.retrieval.filters import Filters

router = APIRouter(prefix="/api", tags=["query"], dependencies=READ)


def filters_of(req: SearchRequest | AskRequest) -> Filters:
    return Filters(kinds=tuple(req.kind or ()), titles=tuple(t for t in req.title or () if t))


@router.post("/search", response_model=SearchResponse, summary="检索条文与段落")
def search(req: SearchRequest, assistant: AssistantDep) -> dict[str, object]:
    hits = assistant.search(req.query, req.k, filters_of(req))
    return {"hits": [hit_dict(h) for h in hits]}


@router.post("/ask", response_model=AnswerOut, summary="提问，返回带出处的回答")
def ask(req: AskRequest, assistant: AssistantDep) -> dict[str, object]:
    return answer_dict(assistant.ask(req.question, filters_of(req)))
