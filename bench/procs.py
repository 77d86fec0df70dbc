"""Child processes measured from outside: wall time and each child's own peak RSS (os.wait4
reports the rusage of exactly that pid, unlike RUSAGE_CHILDREN's maximum over all children)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.errors import BenchError
from bench.stats import MB

REPO = Path(__file__).resolve().parents[1]
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


@dataclass(frozen=True)
class Finished:
    returncode: int
    wall_s: float
    peak_rss_mb: float
    stdout: str


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every child: offline, plus the given RENDA_* settings."""
    return os.environ | OFFLINE | (extra or {})


def reap(pid: int, timeout: float | None = None) -> tuple[int, float]:
    """(exit code, peak RSS in MB) of a child; None waits forever. Raises TimeoutError."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, 0 if deadline is None else os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage.ru_maxrss * 1024 / MB
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(pid)
        time.sleep(0.05)


def run_measured(cmd: list[str], env: dict[str, str]) -> Finished:
    """Run to completion; stdout captured, stderr (progress bars) passed through."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    code, rss = reap(proc.pid)
    proc.returncode = code  # reaped by wait4; tell Popen so it does not wait again
    return Finished(code, time.perf_counter() - start, rss, out)


def run_worker(spec_json: str) -> tuple[dict[str, Any], Finished]:
    """The ingest worker (bench/ingest.py) in a fresh interpreter: its JSON result and rusage."""
    done = run_measured([sys.executable, "-m", "bench.ingest", spec_json], child_env())
    if done.returncode != 0 or not done.stdout.strip():
        raise BenchError(f"导入子进程失败（退出码 {done.returncode}），见上方错误输出")
    return json.loads(done.stdout.strip().splitlines()[-1]), done


def renda_command() -> list[str]:
    """The installed `renda` script next to this interpreter, or the module when absent."""
    script = Path(sys.executable).with_name("renda")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def post_json(url: str, payload: dict[str, Any], timeout: float = 300) -> tuple[int, dict[str, Any]]:
    """POST JSON; (status, body). Connection errors propagate as OSError."""
    req = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")
