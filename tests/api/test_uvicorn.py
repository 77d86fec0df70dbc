"""End to end through a real uvicorn process on loopback."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.service import Assistant

pytestmark = [pytest.mark.slow, pytest.mark.server]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def server(small_assistant: Assistant) -> Iterator[str]:
    port = free_port()
    env = os.environ | {
        "RENDA_INDEX_DIR": str(small_assistant.settings.index_dir),
        "RENDA_EMBEDDING_CACHE_PATH": str(small_assistant.settings.embedding.cache_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


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
