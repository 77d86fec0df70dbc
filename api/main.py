"""The FastAPI application: routes, error translation, the web page. Built by create_app()."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api.deps import get_settings
from api.routes import chat, documents, health, openai_compat, query, tools
from assistant.config import Settings
from assistant.errors import RendaError
from assistant.service import Assistant

log = logging.getLogger(__name__)
STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The app owns one Assistant (models load lazily on first use, once)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.assistant = assistant or Assistant(settings)
        app.state.warm_up = None
        if assistant is None and settings.api.warm_up:
            # Requests are served meanwhile; the first one waits only for what is still loading.
            app.state.warm_up = threading.Thread(
                target=_warm_up, args=(app.state.assistant,), name="renda-warm-up", daemon=True
            )
            app.state.warm_up.start()
        yield
        if app.state.warm_up is not None:
            app.state.warm_up.join(timeout=60)
        if assistant is None:  # close only what this app opened
            app.state.assistant.close()

    app = FastAPI(
        title="人大履职助手 API",
        version="0.1.0",
        lifespan=lifespan,
        description="检索人大相关法律法规与文件，给出逐字引用出处的回答。",
    )
    app.dependency_overrides[get_settings] = lambda: settings
    app.include_router(health.router)
    app.include_router(query.router)
    app.include_router(chat.router)
    app.include_router(openai_compat.router)
    app.include_router(documents.router)
    app.include_router(tools.router)
    install_error_handlers(app)
    if settings.api.cors_origins:  # closed unless configured
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.api.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["*"],
        )
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html")

    return app


def install_error_handlers(app: FastAPI) -> None:
    """Every refusal is a 4xx with a Chinese reason; nothing leaks a traceback."""

    @app.exception_handler(RendaError)
    async def renda_error(_: Request, exc: RendaError) -> JSONResponse:
        return JSONResponse(status_code=exc.http_status, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        reasons = "；".join(_reason(e) for e in exc.errors())
        return JSONResponse(status_code=422, content={"detail": f"请求参数不正确：{reasons}"})

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(status_code=500, content={"detail": "服务器内部错误，请稍后再试"})


_MESSAGES = {
    "missing": "缺少此项",
    "string_too_short": "不能为空",
    "string_too_long": "过长",
    "greater_than_equal": "过小",
    "less_than_equal": "过大",
    "int_parsing": "应为整数",
    "string_type": "应为文字",
    "extra_forbidden": "不支持此参数",
    "enum": "取值不在允许范围内",
    "json_invalid": "不是有效的 JSON",
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为列表",
}


def _reason(error: dict[str, object]) -> str:
    parts = error.get("loc", ())
    loc = ".".join(str(p) for p in parts if p != "body" and not isinstance(p, int))  # type: ignore[attr-defined]
    message = _MESSAGES.get(str(error.get("type")), str(error.get("msg")))
    return f"{loc or '请求体'}：{message}"


def _warm_up(assistant: Assistant) -> None:
    start = time.perf_counter()
    try:
        assistant.warm_up()
    except RendaError as exc:  # e.g. no index yet: the first request reports it to the user
        log.info("warm-up skipped: %s", exc)
    except Exception:
        log.exception("warm-up failed; requests will load what they need")
    else:
        log.info("warm-up done in %.1f s", time.perf_counter() - start)
