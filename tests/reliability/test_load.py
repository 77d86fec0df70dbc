"""A bounded load test on loopback: 20 concurrent clients, 2,000 requests to /api/ask and
/api/search through a real uvicorn, zero errors. Prints throughput and latency percentiles."""

import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.evaluation.metrics import percentile
from tests.api.test_uvicorn import server  # noqa: F401  (real uvicorn on the small index)

pytestmark = [pytest.mark.slow, pytest.mark.server]
CLIENTS = 20
REQUESTS = 2000
QUESTIONS = [
    "罢免镇长要多少代表联名？",
    "镇人大会议一年开几次？",
    "主席团闭会期间做什么？",
    "代表培训一年几次？",
    "代表之家建了几个？",
    "议案要几个代表联名？",
]


def call(base: str, i: int) -> tuple[int, float]:
    path, field = ("/api/ask", "question") if i % 2 else ("/api/search", "query")
    body = json.dumps({field: QUESTIONS[i % len(QUESTIONS)]}).encode()
    req = urllib.request.Request(base + path, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            res.read()
            return res.status, time.perf_counter() - start
    except urllib.error.HTTPError as err:
        return err.code, time.perf_counter() - start


def test_bounded_load_without_errors(server: str) -> None:  # noqa: F811
    lock = threading.Lock()
    outcomes: list[tuple[int, float]] = []

    def one(i: int) -> None:
        result = call(server, i)
        with lock:
            outcomes.append(result)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        list(pool.map(one, range(REQUESTS)))
    elapsed = time.perf_counter() - start
    statuses = [s for s, _ in outcomes]
    latencies = [t * 1000 for _, t in outcomes]
    print(
        f"\nload: {REQUESTS} requests, {CLIENTS} clients, {elapsed:.1f} s, {REQUESTS / elapsed:.1f} req/s, "
        f"p50 {percentile(latencies, 50):.0f} ms, p95 {percentile(latencies, 95):.0f} ms, "
        f"max {max(latencies):.0f} ms"
    )
    assert len(outcomes) == REQUESTS
    assert statuses.count(200) == REQUESTS, {s: statuses.count(s) for s in set(statuses)}
