"""Browser fixtures: a real uvicorn server on an index of its own, driven by Debian's Chromium.

The tests upload and delete documents, so they get their own index (not the shared read-only
`small_assistant` one). The server requires an API key for writes, as a deployment would.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

from tests.conftest import build_index
from tests.servers import renda_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
API_KEY = "browser-test-key"
DESKTOP = {"width": 1280, "height": 900}

expect.set_options(timeout=30_000)


def warm_up(base: str) -> None:
    """Load the models before the first test, so no test pays the cold start."""
    body = json.dumps({"question": "镇人民代表大会会议每年举行几次？"}).encode()
    req = urllib.request.Request(base + "/api/ask", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as res:
        assert res.status == 200


@pytest.fixture(scope="session")
def browser_index(tmp_path_factory: pytest.TempPathFactory, embedding_cache: Path) -> Path:
    """The small corpus (made-up 工作条例 + a speech) in a fresh index the tests may change."""
    assistant = build_index(tmp_path_factory.mktemp("browser"), embedding_cache)
    assistant.close()
    return assistant.settings.index_dir


@pytest.fixture(scope="session")
def server(browser_index: Path, embedding_cache: Path) -> Iterator[str]:
    with renda_server(browser_index, embedding_cache, RENDA_API_KEY=API_KEY) as base:
        warm_up(base)
        yield base


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (scripts/install-browser.sh installs Debian's chromium)")
    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def open_page(browser: Browser, server: str, *, api_key: str = "", **context: object) -> Iterator[Page]:
    """A fresh context (empty localStorage) on the app; fails the test on any JavaScript error."""
    ctx = browser.new_context(base_url=server, **context)  # type: ignore[arg-type]
    if api_key:
        ctx.add_init_script(f"localStorage.setItem('renda.apiKey', {json.dumps(api_key)})")
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        yield page
    finally:
        ctx.close()
    assert not errors, errors


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """The page as a reader sees it: no API key stored."""
    yield from open_page(browser, server, viewport=DESKTOP)


@pytest.fixture
def editor_page(browser: Browser, server: str) -> Iterator[Page]:
    """The page with the right API key already saved, as after using the settings once."""
    yield from open_page(browser, server, api_key=API_KEY, viewport=DESKTOP)


@pytest.fixture
def phone_page(browser: Browser, server: str) -> Iterator[Page]:
    yield from open_page(
        browser,
        server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
