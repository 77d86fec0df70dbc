from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from assistant.service import Assistant
from tests.conftest import build_index


@pytest.fixture(scope="module")
def fresh_assistant(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Assistant:
    """A writable index of its own for this module (its tests add and refuse documents, and
    each checks only what it changed)."""
    return build_index(tmp_path_factory.mktemp("reliability"), embedding_cache)


@pytest.fixture(scope="module")
def fresh_client(fresh_assistant: Assistant) -> Iterator[TestClient]:
    with TestClient(create_app(fresh_assistant.settings, assistant=fresh_assistant)) as client:
        yield client
