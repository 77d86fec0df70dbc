from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from assistant.service import Assistant


@pytest.fixture(scope="module")
def client(small_assistant: Assistant) -> Iterator[TestClient]:
    app = create_app(small_assistant.settings, assistant=small_assistant)
    with TestClient(app) as c:
        yield c
