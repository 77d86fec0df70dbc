"""Real server processes for the tests: `renda serve` (uvicorn) on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Poll url until it answers; fail with the server's last words if it exits first."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            tail = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {tail}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@contextmanager
def renda_server(index: Path, cache: Path, workers: int = 1, **env: str) -> Iterator[str]:
    """`renda serve` on the given index; yields its base URL and stops it afterwards."""
    port = free_port()
    environment = os.environ | {"RENDA_INDEX_DIR": str(index), "RENDA_EMBEDDING_CACHE_PATH": str(cache)} | env
    command = [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        command, env=environment, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)
