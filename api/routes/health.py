"""Liveness and a little state, for monitors and for the cold-start benchmark."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AssistantDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="服务状态")
def healthz(assistant: AssistantDep) -> Health:
    return Health(status="ok", documents=len(assistant.documents()), index=str(assistant.settings.index_dir))
