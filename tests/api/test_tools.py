"""The HTTP contract of /api/quiz and /api/draft: JSON by default, files with the right content
type and download name, Chinese 4xx reasons (FastAPI test client, real small index)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from urllib.parse import unquote

import docx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.tools import get_writer
from assistant.service import Assistant
from assistant.tools.formats import MEDIA_TYPES, FileFormat

pytestmark = pytest.mark.slow
DOCX = MEDIA_TYPES[FileFormat.DOCX]


class FakeWriter:
    def write(self, system: str, user: str) -> str:
        return "【问题与现状】\n情况。\n【原因分析】\n原因。[1]\n【具体建议】\n1. 建议。[1]\n"


@pytest.fixture(scope="module")
def tools_client(small_assistant: Assistant) -> Iterator[TestClient]:
    app = create_app(small_assistant.settings, assistant=small_assistant)
    with TestClient(app) as c:
        yield c


def test_quiz_returns_verified_items_as_json(tools_client: TestClient) -> None:
    res = tools_client.post("/api/quiz", json={"topic": "镇人民代表大会会议", "n": 4})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["requested"] == 4 and body["items"]
    for item in body["items"]:
        assert item["key"] in item["source"]["text"] and item["sentence"] in item["source"]["text"]
        assert item["source"]["label"] == f"《{item['source']['title']}》{item['source']['section']}"
        assert item["type"] in ("choice", "judge", "blank") and item["explanation"]


def test_quiz_as_docx_file(tools_client: TestClient) -> None:
    res = tools_client.post("/api/quiz?format=docx", json={"doc": "工作条例", "chapter": "第二章", "n": 5})
    assert res.status_code == 200, res.text
    assert res.headers["content-type"] == DOCX
    disposition = res.headers["content-disposition"]
    assert disposition.startswith("attachment;") and 'filename="quiz.docx"' in disposition
    assert unquote(disposition.split("UTF-8''")[1]).endswith("第二章 测验.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(res.content)).paragraphs]
    assert "答案" in paragraphs


def test_quiz_as_csv_from_the_body_field(tools_client: TestClient) -> None:
    res = tools_client.post(
        "/api/quiz", json={"doc": "工作条例", "n": 3, "types": ["blank"], "format": "csv"}
    )
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.content.decode("utf-8-sig"))))
    assert rows and {r["题型"] for r in rows} == {"填空"} and all(r["出处"] for r in rows)


def test_quiz_markdown(tools_client: TestClient) -> None:
    res = tools_client.post("/api/quiz", params={"format": "md"}, json={"doc": "工作条例", "n": 3})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/markdown")
    assert "## 答案" in res.text


@pytest.mark.parametrize(
    ("body", "params", "status", "reason"),
    [
        ({"topic": "会议", "doc": "工作条例"}, {}, 422, "二者选一"),
        ({}, {}, 422, "二者选一"),
        ({"topic": "会议", "n": 0}, {}, 422, "n：过小"),
        ({"topic": "会议", "n": 101}, {}, 422, "n：过大"),
        ({"topic": "会议", "colour": "red"}, {}, 422, "不支持此参数"),
        ({"topic": "会议", "types": ["poem"]}, {}, 422, "types"),
        ({"topic": "会议"}, {"format": "pdf"}, 422, "不支持的输出格式"),
        ({"doc": "不存在的条例"}, {}, 404, "没有标题包含"),
    ],
)
def test_quiz_bad_requests(
    tools_client: TestClient, body: dict[str, object], params: dict[str, str], status: int, reason: str
) -> None:
    res = tools_client.post("/api/quiz", json=body, params=params)
    assert res.status_code == status
    assert reason in res.json()["detail"]


def test_draft_json_has_sections_citations_and_checklist(tools_client: TestClient) -> None:
    res = tools_client.post("/api/draft", json={"topic": "代表意见办理", "facts": "答复不及时。"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["title"] == "关于代表意见办理的建议" and body["written"] is False
    assert [s["heading"] for s in body["sections"]] == ["问题与现状", "原因分析", "具体建议"]
    assert body["sections"][0]["body"] == "答复不及时。"
    assert body["citations"] and all(c["text"] for c in body["citations"])
    assert body["basis_notice"] == ""
    body = tools_client.post("/api/draft", json={"topic": "加强农村道路养护"}).json()
    assert body["basis_notice"].startswith("知识库中没有出现「农村」「道路」「养护」")
    for item in body["checklist"]:
        assert item["found"] == (item["citation"] is not None)
        assert all(q in item["citation"]["text"] for q in item["quotes"]) if item["found"] else item["note"]


def test_draft_docx_and_errors(tools_client: TestClient) -> None:
    res = tools_client.post("/api/draft?format=docx", json={"topic": "代表意见办理"})
    assert res.status_code == 200 and res.headers["content-type"] == DOCX
    assert 'filename="draft.docx"' in res.headers["content-disposition"]
    assert docx.Document(io.BytesIO(res.content)).paragraphs
    assert tools_client.post("/api/draft", json={"topic": ""}).status_code == 422
    res = tools_client.post("/api/draft", json={"topic": "会议", "format": "csv"})
    assert res.status_code == 422 and "format" in res.json()["detail"]


def test_draft_uses_the_apps_writer(small_assistant: Assistant) -> None:
    app = create_app(small_assistant.settings, assistant=small_assistant)
    app.dependency_overrides[get_writer] = FakeWriter
    with TestClient(app) as client:
        body = client.post("/api/draft", json={"topic": "代表意见办理", "facts": "情况。"}).json()
    assert body["written"] is True and body["notice"] == ""
    assert body["sections"][1]["body"] == "原因。[1]"
