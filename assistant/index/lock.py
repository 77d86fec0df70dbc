"""One writer at a time per index, across processes: an advisory lock file in the index folder
(several API workers, or a CLI ingest beside a running server, never interleave their writes)."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def write_lock(directory: Path, blocking: bool = True) -> Iterator[bool]:
    """Holds the lock inside the block; yields False (without waiting) when blocking=False and
    another writer holds it."""
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory / ".write.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
