from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from assistant.service import Assistant
from tests.conftest import REGULATION, SPEECH, make_settings


@pytest.fixture(scope="module")
def fresh_assistant(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Assistant:
    """A writable index of its own for this module (its tests add and refuse documents, and
    each checks only what it changed)."""
    tmp_path = tmp_path_factory.mktemp("reliability")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "条例.md").write_text(REGULATION, encoding="utf-8")
    (corpus / "讲话.txt").write_text(SPEECH, encoding="utf-8")
    assistant = Assistant(make_settings(tmp_path / "index", embedding_cache))
    assistant.ingest([corpus], progress=False)
    return assistant


@pytest.fixture(scope="module")
def fresh_client(fresh_assistant: Assistant) -> Iterator[TestClient]:
    with TestClient(create_app(fresh_assistant.settings, assistant=fresh_assistant)) as client:
        yield client
