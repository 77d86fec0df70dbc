"""The ingest gives the C heap's free pages back after each batch (glibc's malloc_trim)."""

import platform
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")

# 3000 blocks of 64 KiB (under glibc's mmap threshold, so they come from the heap), every 16th
# kept: the freed ones are holes below a live block, which free() alone never returns.
PROBE = textwrap.dedent(
    """
    from assistant.index.ingest import release_freed_memory

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 2**20

    blocks = [bytearray(65536) for _ in range(3000)]
    kept = blocks[::16]
    del blocks
    before = rss_mb()
    release_freed_memory()
    print(before, rss_mb())
    """
)


def test_release_freed_memory_returns_heap_holes() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    before, after = map(float, out.stdout.split())
    assert before - after > 100, (before, after)  # ~175 MiB of holes; without the trim RSS stays
