"""Multi-turn chat and the OpenAI-compatible endpoint (test client; the openai client runs against
a real uvicorn in test_openai_client.py)."""

import json

import pytest
from fastapi.testclient import TestClient

from assistant.render import RELATED_HEADING
from assistant.text.follow_up import is_follow_up, resolve

pytestmark = pytest.mark.slow


def test_follow_up_is_resolved_against_the_previous_question(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "镇人大会议一年开几次？"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "那罢免镇长呢？"},
    ]
    body = client.post("/api/chat", json={"messages": messages}).json()
    assert body["resolved_question"] != "那罢免镇长呢？"
    assert "罢免" in body["resolved_question"]
    assert "五分之一" in body["answer"]
    assert body["citations"][0]["section"] == "第六条"


def test_pronoun_follow_up(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "镇长的罢免案谁能提？"},
        {"role": "user", "content": "这个要多少人联名？"},
    ]
    body = client.post("/api/chat", json={"messages": messages}).json()
    assert body["resolved_question"].startswith("镇长的罢免案")
    assert "五分之一" in body["answer"]


def test_an_article_asked_for_next_is_the_law_before_s(client: TestClient) -> None:
    """「那第五条呢？」 after a question on a law asks for that law's 第五条, not every law's."""
    messages = [
        {"role": "user", "content": "某某镇人大工作条例是哪年修正的？"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": "那第五条呢？"},
    ]
    body = client.post("/api/chat", json={"messages": messages}).json()
    assert body["resolved_question"].endswith("工作条例第五条是什么内容？"), body["resolved_question"]
    assert "五人以上联名" in body["answer"]
    assert [c["section"] for c in body["citations"]] == ["第五条"]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"messages": []}, "messages"),
        ({"messages": [{"role": "assistant", "content": "你好"}]}, "用户的问题"),
        ({"messages": [{"role": "robot", "content": "你好"}]}, "role"),
    ],
)
def test_bad_chat_requests(client: TestClient, payload: dict[str, object], reason: str) -> None:
    res = client.post("/api/chat", json=payload)
    assert res.status_code == 422 and reason in res.json()["detail"]


def test_openai_shape_without_streaming(client: TestClient) -> None:
    res = client.post(
        "/v1/chat/completions",
        json={
            "model": "renda-assistant",
            "temperature": 0,
            "messages": [
                {"role": "system", "content": "你是助手"},
                {"role": "user", "content": "罢免镇长要多少代表联名？"},
            ],
        },
    )
    body = res.json()
    assert body["object"] == "chat.completion"
    content = body["choices"][0]["message"]["content"]
    assert "五分之一" in content and "依据：" in content
    assert body["citations"][0]["section"] == "第六条"


def test_openai_abstention_lists_the_nearest_passages(client: TestClient) -> None:
    body = client.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "山东省的代表补贴一天多少钱？"}]},
    ).json()
    content = body["choices"][0]["message"]["content"]
    assert body["abstained"] is True and body["citations"] == [] and body["related"]
    # a client that shows the text alone shows them too, under their own heading
    assert "依据：" not in content and f"{RELATED_HEADING}：" in content
    assert body["related"][0]["label"] in content


def test_openai_streaming_sends_citations_in_the_final_chunk(client: TestClient) -> None:
    with client.stream(
        "POST",
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "罢免镇长要多少代表联名？"}], "stream": True},
    ) as res:
        assert res.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in res.iter_lines() if line.startswith("data: ")]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert "五分之一" in text
    assert len(chunks) > 3  # streamed in pieces
    final = chunks[-1]
    assert final["choices"][0]["finish_reason"] == "stop"
    assert final["citations"] and final["citations"][0]["section"] == "第六条"
    assert all("citations" not in c for c in chunks[:-1])


def test_models_endpoint(client: TestClient) -> None:
    assert client.get("/v1/models").json()["data"][0]["id"] == "renda-assistant"


def test_follow_up_detection() -> None:
    assert is_follow_up("那罢免呢？") and is_follow_up("这个要多少人联名？") and is_follow_up("多久？")
    assert not is_follow_up("乡镇人大代表提出议案需要多少人联名？")
    # opening on a modal or an asking word, a question names no subject of its own
    assert is_follow_up("应当履行哪些义务？") and is_follow_up("要多少人联名才行？")
    assert not is_follow_up("选举经费从哪里出？")
    assert resolve("那县级呢？", ["乡镇人大代表提议案要几个人联名？"]) == "县级人大代表提议案要几个人联名？"
    assert resolve("代表法第五十一条说的什么", ["乡镇人大开会一年开几次？"]) == "代表法第五十一条说的什么"


def test_a_follow_up_naming_another_article_swaps_it() -> None:
    """「那第十二条呢？」 after 「代表法第十一条是什么？」 became 「代表法第十一条第十二条？」, which
    answered both articles; after a question naming no article, it is asked on its own."""
    assert resolve("那第十二条呢？", ["代表法第十一条第二款是什么？"]) == "代表法第十二条是什么？"
    assert resolve("第十二条呢", ["选举法第11条说的什么"]) == "选举法第十二条说的什么"
    assert resolve("那第十二条呢？", ["乡镇人大一年开几次会？"]) == "第十二条是什么内容？"
