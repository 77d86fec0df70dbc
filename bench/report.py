"""The Markdown table of one corpus's result, with ratios against the baselines of the same run
and the targets of issue 6; and the JSON/Markdown files under bench/results/."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.stats import ratio
from bench.suite import overhead

Row = tuple[str, str, str, str]  # measure, value, compared with, target
TARGETS = {
    "overhead": 1.2,
    "search_p50_ms": 50.0,
    "ask_p50_ms": 150.0,
    "cold_start_s": 10.0,
    "rss_mb": 2.5 * 1024,
    "one_file_s": 10.0,
}


def verdict(value: float, limit: float, unit: str = "") -> str:
    return f"≤ {limit:g}{unit} {'✅' if value <= limit else '❌'}"


def _ms(lat: dict[str, float]) -> str:
    return f"p50 {lat['p50_ms']:.0f} ms, p95 {lat['p95_ms']:.0f} ms"


def corpus_rows(r: dict[str, Any]) -> list[Row]:
    ing = r["ingest"]
    docs = f"{ing['files']} files, {ing['chunks']} chunks, {ing['keys']} keys"
    return [("corpus", docs, "", ""), ("embedders", " + ".join(r["embedders"]), "", "")]


def ingest_rows(r: dict[str, Any]) -> list[Row]:
    ing, over = r["ingest"], overhead(r)
    value = f"{ing['seconds']:.1f} s: {ing['chunks_per_s']:.1f} chunks/s, {ing['keys_per_s']:.1f} keys/s"
    rows: list[Row] = [("cold ingest (fresh cache)", value, "", "")]
    if over:
        raw = r["raw"]
        sampled = (
            "" if raw["keys_measured"] == raw["keys_total"] else f" (rate of {raw['keys_measured']} keys)"
        )
        rows.append(
            (
                "ingest ÷ raw encoding",
                f"{over['ratio']:.2f}× ({over['ratio_without_model_load']:.2f}× without model load)",
                f"raw encoding of all keys {over['raw_encode_s']:.1f} s{sampled}",
                verdict(over["ratio"], TARGETS["overhead"], "×"),
            )
        )
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in ing["stages"].items())
    rows.append(("ingest stages", stages, "", ""))
    return rows


def raw_rows(r: dict[str, Any]) -> list[Row]:
    raw = r.get("raw")
    if not raw:
        return []
    rates = ", ".join(f"{n} {s['keys_per_s']:.1f} keys/s" for n, s in raw["per_embedder"].items())
    rows: list[Row] = [("raw encoders", rates, f"{raw['keys_measured']} keys, batch 16", "")]
    reference = r.get("reference_embedders", [])
    if set(reference) - set(r["embedders"]) and (over := overhead(r)):
        keys = r["ingest"]["keys"]
        encode = sum(ratio(keys, raw["per_embedder"][n]["keys_per_s"]) for n in reference)
        rows.append(
            (
                f"extrapolated cold ingest, {' + '.join(reference)}",
                f"{encode * over['ratio'] / 60:.0f} min",
                f"raw {encode / 60:.0f} min × measured overhead {over['ratio']:.2f}",
                "",
            )
        )
    return rows


def latency_rows(r: dict[str, Any]) -> list[Row]:
    lat = r.get("latency")
    if not lat:
        return []
    lc = r.get("langchain")
    versus = f"LangChain search {_ms(lc['search'])}" if lc else ""
    s50, a50 = lat["search"]["p50_ms"], lat["ask"]["p50_ms"]
    return [
        ("warm search (k=5)", _ms(lat["search"]), versus, verdict(s50, TARGETS["search_p50_ms"], " ms")),
        ("warm ask", _ms(lat["ask"]), "", verdict(a50, TARGETS["ask_p50_ms"], " ms")),
    ]


def server_rows(r: dict[str, Any]) -> list[Row]:
    srv = r.get("server")
    if not srv:
        return []
    http = f"then HTTP ask {_ms(srv['http_ask'])}" if "http_ask" in srv else ""
    rss = max(r["ingest"]["peak_rss_mb"], srv["peak_rss_mb"])
    return [
        (
            "cold start → first answer",
            f"{srv['seconds']:.1f} s",
            _starts(srv) + http,
            verdict(srv["seconds"], TARGETS["cold_start_s"], " s"),
        ),
        (
            "peak RSS",
            f"ingest {r['ingest']['peak_rss_mb']:.0f} MB, server {srv['peak_rss_mb']:.0f} MB",
            "",
            verdict(rss / 1024, TARGETS["rss_mb"] / 1024, " GB"),
        ),
    ]


def disk_rows(r: dict[str, Any]) -> list[Row]:
    d = r["disk"]
    return [("on disk", f"index {d['index_mb']:.0f} MB, embedding cache {d['cache_mb']:.0f} MB", "", "")]


def reingest_rows(r: dict[str, Any]) -> list[Row]:
    re_ = r.get("reingest")
    if not re_:
        return []
    one, same = re_["one_file"], re_["unchanged"]
    detail = f"in process {one['seconds']:.1f} s, {one['keys_encoded']} keys encoded ({one['file']})"
    return [
        ("re-ingest, nothing changed", f"{same['wall_s']:.1f} s", f"in process {same['seconds']:.1f} s", ""),
        (
            "re-ingest, one file changed",
            f"{one['wall_s']:.1f} s",
            detail,
            verdict(one["wall_s"], TARGETS["one_file_s"], " s"),
        ),
    ]


def rebuild_rows(r: dict[str, Any]) -> list[Row]:
    rb = r.get("rebuild")
    if not rb:
        return []
    speedup = ratio(r["ingest"]["seconds"], rb["seconds"])
    return [
        (
            "rebuild, warm cache (--rebuild)",
            f"{rb['seconds']:.1f} s, {rb['keys_encoded']} keys encoded",
            f"{speedup:.1f}× faster than the cold ingest",
            "",
        )
    ]


def langchain_rows(r: dict[str, Any]) -> list[Row]:
    lc = r.get("langchain")
    if not lc:
        return []
    ing = r["ingest"]
    value = f"{lc['build_s']:.1f} s, {lc['chunks']} chunks, {lc['chunks_per_s']:.1f} chunks/s"
    times = ratio(ing["seconds"], lc["build_s"])
    versus = f"product cold ingest takes {times:.2f}× as long ({len(r['embedders'])} encoder(s) vs 1)"
    return [(f"LangChain defaults build (500/50, {lc['embedder']})", value, versus, "")]


def int8_rows(r: dict[str, Any]) -> list[Row]:
    q = r.get("int8")
    if not q:
        return []
    fp32, int8 = q["m3e-small"], q["m3e-small-int8"]
    value = f"float32 {fp32['keys_per_s']:.1f} keys/s, int8 {int8['keys_per_s']:.1f} keys/s"
    cos = (
        f"int8 {q['int8_speedup']:.2f}× faster; cosine mean {q['cosine_mean']:.3f} min {q['cosine_min']:.3f}"
    )
    return [(f"m3e-small float32 vs int8 ({fp32['keys']} keys)", value, cos, "")]


SECTIONS: tuple[Callable[[dict[str, Any]], list[Row]], ...] = (
    corpus_rows,
    ingest_rows,
    raw_rows,
    latency_rows,
    server_rows,
    disk_rows,
    reingest_rows,
    rebuild_rows,
    langchain_rows,
    int8_rows,
)


def markdown(result: dict[str, Any]) -> str:
    """One table for one corpus."""
    m = result["machine"]
    omp = m["threads"]["OMP_NUM_THREADS"] or "unset"
    busy = ", ".join(f"{k} {v:.2f}" for k, v in result["other_cores"].items())
    lines = [
        f"### {result['corpus']} ({m['date']}; {m['nproc']} cores; OMP_NUM_THREADS {omp},"
        f" torch threads {m['threads']['torch']})",
        "",
        f"Cores kept busy by other processes during each step (of {m['nproc']}): {busy}.",
        "",
        "| measure | value | compared with | target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(row)} |" for section in SECTIONS for row in section(result)]
    return "\n".join(lines) + "\n"


def result_stem(corpus: str) -> str:
    return f"{corpus}-{time.strftime('%Y%m%d-%H%M%S')}"


def write_json(result: dict[str, Any], out_dir: Path, stem: str) -> Path:
    """bench/results/<stem>.json (the folder is git-ignored); also used for partial results."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{stem}.json"
    result = result | {"overhead": overhead(result)}
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_results(result: dict[str, Any], out_dir: Path, stem: str) -> tuple[Path, Path]:
    """The final <stem>.json and <stem>.md."""
    json_path, md_path = write_json(result, out_dir, stem), out_dir / f"{stem}.md"
    md_path.write_text(markdown(result | {"overhead": overhead(result)}), encoding="utf-8")
    return json_path, md_path


def _starts(srv: dict[str, Any]) -> str:
    runs = srv.get("runs_s", [])
    if len(runs) < 2:
        return ""
    return f"median of {len(runs)} starts ({min(runs):.1f}–{max(runs):.1f} s); "
