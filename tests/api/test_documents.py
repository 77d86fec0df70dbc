"""Documents API on its own index: upload (indexed at once), list, passage in context, delete."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes.documents import safe_name
from assistant.errors import InvalidInput
from tests.conftest import REGULATION, build_index

pytestmark = pytest.mark.slow
NOTICE = (
    "# 某某镇代表接待制度\n\n第一条 某某镇人大代表接待日为每月十五日。\n\n第二条 接待地点设在镇代表之家。\n"
)


@pytest.fixture
def docs_client(tmp_path: Path, embedding_cache: Path) -> Iterator[TestClient]:
    assistant = build_index(tmp_path, embedding_cache, {"条例.md": REGULATION})
    with TestClient(create_app(assistant.settings, assistant=assistant)) as client:
        yield client


def upload(client: TestClient, *files: tuple[str, bytes]) -> list[dict[str, object]]:
    res = client.post("/api/documents", files=[("files", (name, data)) for name, data in files])
    assert res.status_code == 200, res.text
    return res.json()


def test_upload_list_ask_passage_delete(docs_client: TestClient, tmp_path: Path) -> None:
    results = upload(docs_client, ("接待制度.md", NOTICE.encode("utf-8")))
    assert results[0]["status"] == "added" and results[0]["title"] == "某某镇代表接待制度"
    listed = {d["title"]: d for d in docs_client.get("/api/documents").json()}
    assert set(listed) == {"某某镇人民代表大会工作条例", "某某镇代表接待制度"}
    doc = listed["某某镇代表接待制度"]
    assert doc["chunks"] == 2 and doc["source"] == "uploads/接待制度.md" and doc["added"].endswith("+00:00")
    assert (tmp_path / "index" / "uploads" / "接待制度.md").read_text(encoding="utf-8") == NOTICE

    answer = docs_client.post("/api/ask", json={"question": "代表接待日是哪天？"}).json()
    assert "每月十五日" in answer["answer"]
    cited = answer["citations"][0]
    passage = docs_client.get(f"/api/passages/{cited['chunk_id']}", params={"context": 20}).json()
    assert passage["text"] == cited["text"]
    assert passage["after"].strip().startswith("第二条")

    deleted = docs_client.delete(f"/api/documents/{doc['doc_id']}").json()
    assert deleted["status"] == "removed"
    assert [d["title"] for d in docs_client.get("/api/documents").json()] == ["某某镇人民代表大会工作条例"]
    assert not (tmp_path / "index" / "uploads" / "接待制度.md").exists()
    hits = docs_client.post("/api/search", json={"query": "代表接待日", "k": 5}).json()["hits"]
    assert all(h["doc_id"] != doc["doc_id"] for h in hits)  # gone from BM25 and from Chroma


def test_one_result_per_file_and_bad_files_do_not_stop_the_batch(docs_client: TestClient) -> None:
    results = upload(
        docs_client,
        ("好.md", NOTICE.encode("utf-8")),
        ("坏.docx", b"not a zip"),
        ("空.txt", b""),
        ("好的副本.md", NOTICE.encode("utf-8")),
    )
    assert [r["status"] for r in results] == ["added", "failed", "failed", "duplicate"]
    assert "zip" in str(results[1]["message"]) and "为空" in str(results[2]["message"])
    assert len(docs_client.get("/api/documents").json()) == 2


def test_same_name_new_content_replaces(docs_client: TestClient) -> None:
    upload(docs_client, ("制度.md", NOTICE.encode("utf-8")))
    again = upload(docs_client, ("制度.md", NOTICE.replace("十五日", "二十日").encode("utf-8")))
    assert again[0]["status"] == "updated"
    answer = docs_client.post("/api/ask", json={"question": "代表接待日是哪天？"}).json()
    assert "每月二十日" in answer["answer"]


@pytest.mark.parametrize(
    ("name", "data", "status", "reason"),
    [
        ("表格.xlsx", b"x", 422, "不支持的文件类型"),
        ("noextension", b"x", 422, "文件名无效"),
        ("大文件.txt", "会".encode() * (7 * 1024 * 1024), 422, "文件过大"),
    ],
)
def test_refusals(docs_client: TestClient, name: str, data: bytes, status: int, reason: str) -> None:
    res = docs_client.post("/api/documents", files=[("files", (name, data))])
    assert res.status_code == status and reason in res.json()["detail"]


def test_a_refused_file_does_not_stop_the_others(docs_client: TestClient) -> None:
    results = upload(docs_client, ("表格.xlsx", b"x"), ("../../好.md", NOTICE.encode("utf-8")))
    assert [r["status"] for r in results] == ["failed", "added"]
    assert "不支持的文件类型" in str(results[0]["message"])
    assert results[1]["source"] == "uploads/好.md"


def test_passage_says_whether_the_document_goes_on(docs_client: TestClient) -> None:
    hit = docs_client.post("/api/search", json={"query": "罢免镇长", "k": 1}).json()["hits"][0]
    near = docs_client.get(f"/api/passages/{hit['chunk_id']}", params={"context": 10}).json()
    assert near["before_truncated"] is True and len(near["before"]) == 10
    whole = docs_client.get(f"/api/passages/{hit['chunk_id']}", params={"context": 3000}).json()
    assert whole["before_truncated"] is False and whole["after_truncated"] is False


def test_delete_and_passage_of_unknown_ids_are_404(docs_client: TestClient) -> None:
    assert docs_client.delete("/api/documents/0123456789abcdef0123").status_code == 404
    assert docs_client.delete("/api/documents/..%2F..%2Fetc").status_code == 404
    res = docs_client.get("/api/passages/0123456789abcdef01234567")
    assert res.status_code == 404 and "段落不存在" in res.json()["detail"]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\a\\报告.DOCX", "报告.docx"),
        ("/abs/path/条例.md", "条例.md"),
        ("a\x00b\u202e.txt", "a_b_.txt"),
        ("  通知 .txt", "通知.txt"),
    ],
)
def test_file_names_are_sanitised(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


@pytest.mark.parametrize("raw", ["", "..", "../", ".txt", "/"])
def test_unusable_file_names_are_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        safe_name(raw)
