"""The official openai Python client against the running server (real uvicorn)."""

import pytest
from openai import OpenAI

from tests.api.test_uvicorn import server  # noqa: F401  (module-scoped real uvicorn fixture)

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_openai_client_non_streaming(server: str) -> None:  # noqa: F811
    client = OpenAI(base_url=server + "/v1", api_key="unused")
    reply = client.chat.completions.create(
        model="renda-assistant", messages=[{"role": "user", "content": "罢免镇长要多少代表联名？"}]
    )
    assert "五分之一" in (reply.choices[0].message.content or "")
    citations = reply.model_extra["citations"]  # type: ignore[index]
    assert citations[0]["section"] == "第六条"


def test_openai_client_streaming(server: str) -> None:  # noqa: F811
    client = OpenAI(base_url=server + "/v1", api_key="unused")
    stream = client.chat.completions.create(
        model="renda-assistant",
        stream=True,
        messages=[
            {"role": "user", "content": "镇人大会议一年开几次？"},
            {"role": "assistant", "content": "每年至少举行两次。"},
            {"role": "user", "content": "那罢免镇长呢？"},
        ],
    )
    pieces, final = [], None
    for chunk in stream:
        pieces.append(chunk.choices[0].delta.content or "")
        if chunk.choices[0].finish_reason == "stop":
            final = chunk
    assert "五分之一" in "".join(pieces)
    assert final is not None and final.model_extra["citations"]  # type: ignore[index]
    assert "罢免" in final.model_extra["resolved_question"]  # type: ignore[index]
