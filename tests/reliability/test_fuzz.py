"""schemathesis against the app's own OpenAPI schema: whatever the input, no 500s.

(schemathesis' lazy pytest fixture does not run on pytest 9, so the operations are walked here
with a hypothesis test per operation.)"""

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api.main import create_app
from assistant.service import Assistant

pytestmark = pytest.mark.slow


def test_no_server_errors(fresh_assistant: Assistant) -> None:
    app = create_app(fresh_assistant.settings, assistant=fresh_assistant)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    statuses: list[int] = []
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case: Any) -> None:
            response = case.call()
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.path} {response.status_code} {response.text[:200]}")

        call()
        checked += 1
    assert checked >= 10  # every route of the app was exercised
    assert len(statuses) >= 10 * checked and any(400 <= s < 500 for s in statuses)
    assert not failures, failures[:5]
