"""Typed dependencies: the settings (cached, overridable in tests) and the app's one Assistant."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request

from assistant.config import Settings
from assistant.service import Assistant


@lru_cache
def get_settings() -> Settings:
    return Settings()


def get_assistant(request: Request) -> Assistant:
    assistant: Assistant = request.app.state.assistant
    return assistant


SettingsDep = Annotated[Settings, Depends(get_settings)]
AssistantDep = Annotated[Assistant, Depends(get_assistant)]
