"""API keys: when RENDA_API_KEY is set, writes need it (reads too when RENDA_API_PROTECT_READS=1).
The key comes as `X-API-Key: …` or `Authorization: Bearer …` and is compared in constant time."""

from __future__ import annotations

import hmac

from fastapi import Depends, Request

from api.deps import SettingsDep
from assistant.errors import Unauthorized


def _presented(request: Request) -> str:
    key = request.headers.get("x-api-key", "")
    auth = request.headers.get("authorization", "")
    if not key and auth.lower().startswith("bearer "):
        key = auth[7:].strip()
    return key


def _check(request: Request, expected: str) -> None:
    presented = _presented(request)
    if not presented:
        raise Unauthorized("需要 API 密钥：请在请求头 X-API-Key 或 Authorization: Bearer 中提供")
    if not hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8")):
        raise Unauthorized("API 密钥不正确")


def require_write(request: Request, settings: SettingsDep) -> None:
    if settings.api.key:
        _check(request, settings.api.key)


def require_read(request: Request, settings: SettingsDep) -> None:
    if settings.api.key and settings.api.protect_reads:
        _check(request, settings.api.key)


WRITE = [Depends(require_write)]
READ = [Depends(require_read)]
