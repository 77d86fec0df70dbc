"""End to end through a real uvicorn process on loopback."""

import json
import urllib.request
from collections.abc import Iterator

import pytest

from assistant.service import Assistant
from tests.servers import renda_server

pytestmark = [pytest.mark.slow, pytest.mark.server]


@pytest.fixture(scope="module")
def server(small_assistant: Assistant) -> Iterator[str]:
    settings = small_assistant.settings
    assert settings.embedding.cache_path is not None
    with renda_server(settings.index_dir, settings.embedding.cache_path) as base:
        yield base


def post(url: str, payload: dict[str, object]) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_ask_through_uvicorn(server: str) -> None:
    status, body = post(server + "/api/ask", {"question": "罢免镇长要多少代表联名？"})
    assert status == 200
    assert body["abstained"] is False
    assert "五分之一" in str(body["answer"])


def test_bad_request_through_uvicorn(server: str) -> None:
    status, body = post(server + "/api/search", {"query": "", "k": 5})
    assert status == 422 and "不能为空" in str(body["detail"])


def test_web_page_is_served_without_cdn(server: str) -> None:
    with urllib.request.urlopen(server + "/", timeout=10) as res:
        html = res.read().decode("utf-8")
    assert "人大履职助手" in html
    assert "http://" not in html and "https://" not in html
