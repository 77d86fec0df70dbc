"""API keys (constant-time comparison), protected reads, CORS closed unless configured."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from assistant.config import ApiSettings
from assistant.service import Assistant

pytestmark = pytest.mark.slow
KEY = "s3cret-key-0123"


def client_with(small_assistant: Assistant, **api: object) -> TestClient:
    settings = small_assistant.settings.model_copy(update={"api": ApiSettings(**api)})  # type: ignore[arg-type]
    return TestClient(create_app(settings, assistant=small_assistant))


@pytest.fixture
def protected(small_assistant: Assistant) -> Iterator[TestClient]:
    with client_with(small_assistant, key=KEY) as client:
        yield client


def test_writes_need_the_key(protected: TestClient) -> None:
    res = protected.post("/api/documents", files=[("files", ("a.txt", "内容".encode()))])
    assert res.status_code == 401 and "需要 API 密钥" in res.json()["detail"]
    res = protected.delete("/api/documents/0123456789abcdef0123", headers={"X-API-Key": "wrong"})
    assert res.status_code == 401 and "不正确" in res.json()["detail"]
    res = protected.delete("/api/documents/0123456789abcdef0123", headers={"Authorization": f"Bearer {KEY}"})
    assert res.status_code == 404  # authorised, and the document does not exist


def test_reads_stay_open_unless_configured(protected: TestClient, small_assistant: Assistant) -> None:
    assert protected.post("/api/search", json={"query": "会议"}).status_code == 200
    with client_with(small_assistant, key=KEY, protect_reads=True) as strict:
        assert strict.post("/api/search", json={"query": "会议"}).status_code == 401
        assert strict.get("/api/documents").status_code == 401
        assert (
            strict.post(
                "/v1/chat/completions", json={"messages": [{"role": "user", "content": "会议"}]}
            ).status_code
            == 401
        )
        ok = strict.post("/api/search", json={"query": "会议"}, headers={"X-API-Key": KEY})
        assert ok.status_code == 200


def test_cors_is_closed_by_default_and_opens_when_configured(
    protected: TestClient, small_assistant: Assistant
) -> None:
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    res = protected.options("/api/search", headers=preflight)
    assert "access-control-allow-origin" not in res.headers
    with client_with(small_assistant, cors_origins=("https://oa.example",)) as open_client:
        ok = open_client.options("/api/search", headers=preflight | {"Origin": "https://oa.example"})
        assert ok.headers["access-control-allow-origin"] == "https://oa.example"
        bad = open_client.options("/api/search", headers=preflight)
        assert bad.headers.get("access-control-allow-origin") != "https://evil.example"
