"""Small pure helpers: latency percentiles, rates, sizes on disk, the machine description."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MB = 1024 * 1024


@dataclass(frozen=True)
class CpuMark:
    """CPU seconds used so far by the whole machine and by this process with its reaped children."""

    wall: float
    machine_busy: float
    own: float


def cpu_mark() -> CpuMark:
    """Now: wall clock, busy CPU time of all processes (/proc/stat, steal excluded), our own."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    busy = (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    own = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    return CpuMark(time.perf_counter(), busy, own)


def other_cores(start: CpuMark, end: CpuMark) -> float:
    """Cores kept busy by other work between two marks (children must be reaped by `end`)."""
    wall = end.wall - start.wall
    others = (end.machine_busy - start.machine_busy) - (end.own - start.own)
    return max(0.0, others / wall) if wall > 0 else 0.0


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean/max in milliseconds of a list of call durations in seconds."""
    if not seconds:
        raise ValueError("no timings to summarise")
    ms = np.asarray(seconds, dtype=np.float64) * 1000
    return {
        "n": len(ms),
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "mean_ms": float(ms.mean()),
        "max_ms": float(ms.max()),
    }


def rate(count: float, seconds: float) -> float:
    """Items per second (0 when nothing was timed)."""
    return count / seconds if seconds > 0 else 0.0


def ratio(a: float, b: float) -> float:
    """a / b, 0 when b is 0 (a baseline that was not measured)."""
    return a / b if b > 0 else 0.0


def disk_mb(path: Path) -> float:
    """Allocated size like `du`: sparse Chroma files count only the blocks they use."""
    if path.is_file():
        return path.stat().st_blocks * 512 / MB
    total = sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())
    return total / MB


def sqlite_mb(path: Path) -> float:
    """A SQLite file with its -wal and -shm companions."""
    parts = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    return sum(disk_mb(p) for p in parts if p.exists())


def machine() -> dict[str, Any]:
    """What the numbers were measured on: nproc, `free -g`, CPU model, load at the time."""
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "free_g": _command(["free", "-g"]),
        "python": platform.python_version(),
        "threads": threads(),
        "loadavg": list(os.getloadavg()),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
    }


def threads() -> dict[str, Any]:
    """OpenMP threads: what the environment asks for and what torch actually uses."""
    import torch

    return {"OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"), "torch": torch.get_num_threads()}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _command(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return ""
