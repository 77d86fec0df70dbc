"""The `renda` command line: thin commands, Chinese output, JSON for machines, clear exit codes."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.render import RELATED_HEADING
from assistant.service import Assistant

pytestmark = pytest.mark.slow
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli_env(small_assistant: Assistant) -> dict[str, str]:
    return {"RENDA_EMBEDDING_CACHE_PATH": str(small_assistant.settings.embedding.cache_path)}


def test_ingest_search_ask_documents(tmp_path: Path, small_corpus: Path, cli_env: dict[str, str]) -> None:
    index = str(tmp_path / "idx")
    code, out, err = run("ingest", str(small_corpus), "--index", index, env=cli_env)
    assert code == 0, err
    assert "新增 3" in out
    code, out, _ = run("ingest", str(small_corpus), "--index", index, env=cli_env)
    assert "未变 3" in out
    code, out, _ = run("search", "罢免镇长", "-k", "2", "--json", "--index", index, env=cli_env)
    hits = json.loads(out)["hits"]
    assert code == 0 and len(hits) == 2 and hits[0]["section"] == "第六条"
    code, out, _ = run("ask", "罢免镇长要多少代表联名？", "--index", index, env=cli_env)
    assert code == 0 and "五分之一" in out and "依据：" in out and "《某某镇人民代表大会工作条例》" in out
    code, out, _ = run("ask", "罢免镇长要多少代表联名？", "--json", "--index", index, env=cli_env)
    body = json.loads(out)
    assert body["abstained"] is False and body["citations"]
    code, out, _ = run("ask", "山东省的代表补贴一天多少钱？", "--index", index, env=cli_env)
    assert code == 0 and "未找到" in out and f"{RELATED_HEADING}：" in out and "依据：" not in out
    code, out, _ = run("documents", "--index", index, env=cli_env)
    assert "共 3 个文档" in out


def test_failed_files_are_listed_and_exit_code_is_3(
    tmp_path: Path, small_corpus: Path, cli_env: dict[str, str]
) -> None:
    (small_corpus / "坏.pdf").write_bytes(b"%PDF-1.4 broken")
    code, out, err = run("ingest", str(small_corpus), "--index", str(tmp_path / "idx"), env=cli_env)
    assert code == 3
    assert "新增 3" in out and "失败 1" in out
    assert "坏.pdf" in err and "PDF" in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("ask", "   "), 2, "问题不能为空"),
        (("search", "会议", "-k", "0"), 2, "k 必须在"),
        (("search", "会议", "--kind", "poem"), 2, "未知的文档类型"),
    ],
)
def test_bad_input_gives_message_and_exit_code(
    small_assistant: Assistant, cli_env: dict[str, str], args: tuple[str, ...], code: int, message: str
) -> None:
    got, _, err = run(*args, "--index", str(small_assistant.settings.index_dir), env=cli_env)
    assert got == code
    assert message in err
    assert "Traceback" not in err


def test_missing_index_is_explained(tmp_path: Path) -> None:
    code, _, err = run("ask", "会议几次", "--index", str(tmp_path / "none"))
    assert code == 5 and "索引不存在" in err


def test_import_laws(tmp_path: Path) -> None:
    code, out, _ = run("import-laws", "--out", str(tmp_path / "laws"))
    assert code == 0 and "10 部法律" in out
    assert (tmp_path / "laws" / "代表法.md").is_file()
