"""Cold start: from launching `renda serve` (real uvicorn on a free loopback port) to the first
successful POST /api/ask, then a few warm HTTP asks, then the server's own peak RSS."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.errors import BenchError
from bench.procs import REPO, child_env, free_port, post_json, reap, renda_command
from bench.stats import latency_summary


def server_env(index_dir: Path, cache_path: Path, embedders: Sequence[str]) -> dict[str, str]:
    return child_env(
        {
            "RENDA_INDEX_DIR": str(index_dir),
            "RENDA_EMBEDDING_CACHE_PATH": str(cache_path),
            "RENDA_EMBEDDING_BACKENDS": json.dumps(list(embedders)),
        }
    )


def first_answer(base: str, proc: subprocess.Popen[bytes], question: str, timeout: float) -> None:
    """Poll POST /api/ask until it answers 200; fail fast if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"renda serve 启动失败（退出码 {proc.returncode}）")
        try:
            status, body = post_json(base + "/api/ask", {"question": question})
        except OSError:  # not listening yet
            time.sleep(0.05)
            continue
        if status == 200:
            return
        raise BenchError(f"renda serve 返回 {status}：{body.get('detail', body)}")
    raise BenchError(f"renda serve 在 {timeout:.0f} 秒内没有给出第一个回答")


def stop(proc: subprocess.Popen[bytes]) -> float:
    """SIGTERM (uvicorn shuts down gracefully), SIGKILL after 30 s; returns peak RSS in MB."""
    proc.send_signal(signal.SIGTERM)
    try:
        code, rss = reap(proc.pid, timeout=30)
    except TimeoutError:
        os.kill(proc.pid, signal.SIGKILL)
        code, rss = reap(proc.pid)
    proc.returncode = code
    return rss


def measure_cold_start(
    index_dir: Path,
    cache_path: Path,
    embedders: Sequence[str],
    questions: Sequence[str],
    log: Path,
    starts: int = 3,
) -> dict[str, Any]:
    """Seconds to the first answer (the median of a few starts: one start varies by a second or
    more on a shared 2-core machine), warm HTTP ask latency on a few questions, peak RSS."""
    server = (index_dir, cache_path, embedders, questions, log)
    runs = [_one_start(*server, warm=i == starts - 1) for i in range(starts)]
    result: dict[str, Any] = {
        "seconds": float(np.median([r["seconds"] for r in runs])),
        "runs_s": [r["seconds"] for r in runs],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
    }
    if "http_ask" in runs[-1]:
        result["http_ask"] = runs[-1]["http_ask"]
    return result


def _one_start(
    index_dir: Path,
    cache_path: Path,
    embedders: Sequence[str],
    questions: Sequence[str],
    log: Path,
    warm: bool,
) -> dict[str, Any]:
    port = free_port()
    cmd = [*renda_command(), "serve", "--index", str(index_dir), "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, env=server_env(index_dir, cache_path, embedders), cwd=REPO, stdout=out, stderr=out
        )
        try:
            first_answer(base, proc, questions[0], timeout=600)
            seconds = time.perf_counter() - start
            asks = [_timed_ask(base, q) for q in questions[1:21]] if warm else []
        finally:
            rss = stop(proc) if proc.returncode is None else 0.0
    result: dict[str, Any] = {"seconds": seconds, "peak_rss_mb": rss}
    if asks:
        result["http_ask"] = latency_summary(asks)
    return result


def _timed_ask(base: str, question: str) -> float:
    start = time.perf_counter()
    status, body = post_json(base + "/api/ask", {"question": question})
    if status != 200:
        raise BenchError(f"POST /api/ask 返回 {status}：{body.get('detail', body)}")
    return time.perf_counter() - start
