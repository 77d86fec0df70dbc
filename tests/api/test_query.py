"""The HTTP contract of /healthz, /api/search and /api/ask (FastAPI test client, real index)."""

import re

import pytest
from fastapi.testclient import TestClient

from tests.conftest import REGULATION, SPEECH

pytestmark = pytest.mark.slow


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["documents"] == 2


def test_search_returns_verbatim_hits(client: TestClient) -> None:
    res = client.post("/api/search", json={"query": "罢免镇长", "k": 3})
    assert res.status_code == 200
    hits = res.json()["hits"]
    assert len(hits) == 3
    assert {"text", "title", "section", "source", "score"} <= hits[0].keys()
    assert hits[0]["section"] == "第六条"
    assert hits[0]["text"].startswith("第六条 镇人民代表大会举行会议的时候")


def test_search_filters(client: TestClient) -> None:
    hits = client.post("/api/search", json={"query": "代表", "k": 5, "kind": ["speech"]}).json()["hits"]
    assert hits and {h["kind"] for h in hits} == {"speech"}


def test_ask_contract(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "镇人大会议一年开几次？"}).json()
    assert body["abstained"] is False
    numbers = {c["n"] for c in body["citations"]}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])} <= numbers
    first = body["citations"][0]
    assert {"n", "title", "section", "text", "source"} <= first.keys()
    assert "每年至少举行两次" in first["text"]


def test_ask_abstains_with_a_clear_message(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "山东省的代表补贴一天多少钱？"}).json()
    assert body["abstained"] is True and body["citations"] == []
    assert "未找到" in body["answer"]


def test_an_abstention_shows_the_nearest_passages_verbatim(client: TestClient) -> None:
    # the documents say nothing of 补贴, but of 代表 much: what they come nearest with is shown,
    # apart from the answer (no [n] in it), each passage as the document has it
    body = client.post("/api/ask", json={"question": "山东省的代表补贴一天多少钱？"}).json()
    assert body["abstained"] is True and not re.search(r"\[\d+\]", body["answer"])
    related = body["related"]
    assert 1 <= len(related) <= 3 and [c["n"] for c in related] == list(range(1, len(related) + 1))
    for c in related:
        assert "代表" in c["text"]
        assert c["text"] in REGULATION + SPEECH, c["text"]
        assert {"title", "section", "label", "chunk_id"} <= c.keys()


def test_no_nearest_passages_for_a_question_the_documents_have_no_word_of(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "明天的天气预报怎么样？"}).json()
    assert body["abstained"] is True and body["related"] == []


def test_an_answer_has_no_nearest_passages(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "镇人大会议一年开几次？"}).json()
    assert body["abstained"] is False and body["related"] == []


def test_ask_for_an_article_the_law_does_not_have_says_so(client: TestClient) -> None:
    # the regulation ends at an article below 第二十条: its number is said, not a guess answered
    body = client.post("/api/ask", json={"question": "某某镇人民代表大会工作条例第二十条说了什么？"}).json()
    assert body["abstained"] is True and body["citations"] == []
    assert re.fullmatch(
        r"知识库中的《某某镇人民代表大会工作条例》没有第二十条（共[一二三四五六七八九十]+条），请核对条号。",
        body["answer"],
    ), body["answer"]


@pytest.mark.parametrize(
    ("path", "payload", "reason"),
    [
        ("/api/search", {"query": "", "k": 5}, "不能为空"),
        ("/api/search", {"query": "   ", "k": 5}, "不能为空"),
        ("/api/search", {"query": "会议", "k": 0}, "k"),
        ("/api/search", {"query": "会议", "k": 51}, "k"),
        ("/api/search", {"query": "会议", "k": "many"}, "整数"),
        ("/api/search", {"query": "会" * 1001}, "过长"),
        ("/api/search", {"k": 5}, "缺少"),
        ("/api/search", {"query": "会议", "kind": ["poem"]}, "kind"),
        ("/api/ask", {"question": ""}, "不能为空"),
        ("/api/ask", {"question": "会议", "extra": 1}, "不支持"),
        ("/api/ask", ["not", "an", "object"], "JSON 对象"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_reason(
    client: TestClient, path: str, payload: object, reason: str
) -> None:
    res = client.post(path, json=payload)
    assert 400 <= res.status_code < 500
    assert reason in res.json()["detail"]


def test_invalid_json_body(client: TestClient) -> None:
    res = client.post("/api/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert res.status_code == 422
    assert "JSON" in res.json()["detail"]
