"""The server loads the index and the models in the background at start-up, so that the first
question is answered at warm speed; without an index it starts all the same."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from assistant.service import Assistant
from tests.conftest import make_settings

pytestmark = pytest.mark.slow


def test_start_up_loads_index_and_models(small_assistant: Assistant) -> None:
    app = create_app(small_assistant.settings)
    with TestClient(app) as client:
        app.state.warm_up.join(timeout=120)
        assert not app.state.warm_up.is_alive()
        index = app.state.assistant.index
        assert app.state.assistant is not small_assistant
        assert index._snapshot is not None and len(index._snapshot.chunks) > 0
        embedders = index.__dict__["embedders"]  # loaded, not merely declared
        assert embedders and all("_model" in e.inner.__dict__ for e in embedders.values())
        body = client.post("/api/ask", json={"question": "罢免镇长要多少代表联名？"}).json()
        assert "五分之一" in body["answer"]


def test_no_warm_up_when_switched_off(small_assistant: Assistant) -> None:
    settings = small_assistant.settings.model_copy(
        update={"api": small_assistant.settings.api.model_copy(update={"warm_up": False})}
    )
    app = create_app(settings)
    with TestClient(app):
        assert app.state.warm_up is None
        assert "index" not in app.state.assistant.__dict__


def test_start_up_without_an_index(tmp_path: Path, embedding_cache: Path) -> None:
    app = create_app(make_settings(tmp_path / "nothing", embedding_cache))
    with TestClient(app) as client:
        app.state.warm_up.join(timeout=60)
        assert client.get("/healthz").json()["documents"] == 0
        res = client.post("/api/ask", json={"question": "罢免镇长要多少代表联名？"})
        assert res.status_code == 503 and "索引不存在" in res.json()["detail"]
        assert not (tmp_path / "nothing").exists()  # reading never creates an index
