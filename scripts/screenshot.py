"""Screenshots of the web page for the docs: a question answered, with citation [1] opened, and a quiz.

Starts `renda serve` on an index in a subprocess, drives Debian's Chromium with Playwright and
writes docs/screenshot.png (desktop), docs/screenshot-mobile.png (phone) and
docs/screenshot-quiz.png (the 出题 tab, first answer shown).

    python scripts/screenshot.py [--index indexes/default]

Chinese text needs a CJK font in the system (Debian: fonts-noto-cjk), or it renders as boxes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "乡镇人大开会一年开几次？"
QUIZ_TOPIC = "罢免"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@contextmanager
def serve(index: Path) -> Iterator[str]:
    """`renda serve` on a free loopback port; yields its base URL."""
    port = free_port()
    env = os.environ | {"RENDA_INDEX_DIR": str(index.resolve())}
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
            env=env,
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/healthz", proc)
            yield base
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read().decode("utf-8", "replace")[-3000:])
            raise
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def ask(page: Page, question: str) -> None:
    page.get_by_test_id("question").fill(question)
    page.get_by_test_id("send").click()
    page.locator("[data-testid=assistant-message][data-state]").last.wait_for(timeout=60_000)


def desktop(browser: Browser, base: str, question: str, out: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 820})
    page.goto(base + "/")
    ask(page, question)
    page.get_by_test_id("cite-1").first.click()
    page.get_by_test_id("passage-mark").wait_for()
    page.wait_for_timeout(400)  # the highlight scrolls into view
    page.screenshot(path=str(out))
    page.close()


def mobile(browser: Browser, base: str, question: str, out: Path) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(base + "/")
    ask(page, question)
    page.wait_for_timeout(400)
    page.screenshot(path=str(out))
    context.close()


def quiz(browser: Browser, base: str, topic: str, out: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 820})
    page.goto(base + "/#quiz")
    page.get_by_test_id("quiz-topic").fill(topic)
    page.get_by_test_id("quiz-submit").click()
    page.get_by_test_id("quiz-item").first.wait_for(timeout=60_000)
    page.get_by_test_id("quiz-reveal").first.click()
    page.mouse.move(1270, 810)  # no hover outline on the button just clicked
    page.wait_for_timeout(600)  # the result scrolls into view
    page.screenshot(path=str(out))
    page.close()


def has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    return bool(fonts.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=REPO / "indexes" / "default")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--mobile-out", type=Path, default=REPO / "docs" / "screenshot-mobile.png")
    parser.add_argument("--quiz-topic", default=QUIZ_TOPIC)
    parser.add_argument("--quiz-out", type=Path, default=REPO / "docs" / "screenshot-quiz.png")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args()
    if not Path(args.chromium).exists():
        sys.exit(f"{args.chromium} not found: run scripts/install-browser.sh")
    if not has_cjk_font():
        print("warning: no CJK font found (apt-get install fonts-noto-cjk); Chinese may render as boxes")
    for out in (args.out, args.mobile_out, args.quiz_out):
        out.parent.mkdir(parents=True, exist_ok=True)
    with serve(args.index) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            desktop(browser, base, args.question, args.out)
            mobile(browser, base, args.question, args.mobile_out)
            quiz(browser, base, args.quiz_topic, args.quiz_out)
        finally:
            browser.close()
    print(f"wrote {args.out}, {args.mobile_out} and {args.quiz_out}")


if __name__ == "__main__":
    main()
