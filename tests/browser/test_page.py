"""The web page in a real browser against a real server: ask, read the cited passage, manage documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import API_KEY

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

RECEPTION = """# 某某镇人大代表接待工作规定

第一条 为了密切人大代表同人民群众的联系，制定本规定。

第二条 某某镇代表接待日为每月十五日，代表在代表之家接待选民。
"""


def ask(page: Page, question: str) -> Locator:
    """Types a question, sends it and waits for the final answer; returns the assistant message."""
    earlier = page.get_by_test_id("assistant-message").count()
    page.get_by_test_id("question").fill(question)
    page.get_by_test_id("send").click()
    message = page.get_by_test_id("assistant-message").nth(earlier)
    expect(message).to_have_attribute("data-state", re.compile("answered|abstained|error"))
    return message


def upload(page: Page, path: Path) -> Locator:
    page.get_by_test_id("tab-docs").click()
    page.get_by_test_id("upload-files").set_input_files(path)
    page.get_by_test_id("upload-button").click()
    return page.get_by_test_id("upload-results")


def doc_item(page: Page, title: str) -> Locator:
    return page.get_by_test_id("doc-item").filter(has_text=title)


def test_question_streams_an_answer_and_opens_the_cited_passage(page: Page) -> None:
    page.goto("/")
    with page.expect_response("**/v1/chat/completions") as response:
        page.get_by_test_id("question").fill("罢免镇长要多少代表联名？")
        page.get_by_test_id("send").click()
    assert response.value.request.post_data_json["stream"] is True
    assert response.value.headers["content-type"].startswith("text/event-stream")
    message = page.get_by_test_id("assistant-message").last
    expect(message.get_by_test_id("answer")).to_contain_text("五分之一")
    expect(message).to_have_attribute("data-state", "answered")
    expect(message.get_by_test_id("citation").first).to_contain_text("某某镇人民代表大会工作条例")

    message.get_by_test_id("cite-1").click()
    dialog = page.get_by_test_id("passage-dialog")
    expect(dialog).to_be_visible()
    expect(page.get_by_test_id("passage-title")).to_have_text("《某某镇人民代表大会工作条例》")
    expect(page.get_by_test_id("passage-section")).to_contain_text("第六条")
    mark = page.get_by_test_id("passage-mark")
    expect(mark).to_contain_text("主席团或者五分之一以上代表联名")
    expect(mark).to_be_in_viewport()
    expect(page.get_by_test_id("passage-body")).to_contain_text("第五条")  # the context before it

    page.get_by_test_id("passage-close").click()
    expect(dialog).to_be_hidden()
    message.get_by_test_id("citation-label-1").click()  # the label under the answer opens it too
    expect(mark).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_follow_up_is_sent_with_the_conversation_and_shown_as_understood(page: Page) -> None:
    page.goto("/")
    ask(page, "罢免镇长要多少代表联名？")
    with page.expect_request("**/v1/chat/completions") as request:
        message = ask(page, "那副镇长呢？")
    messages = request.value.post_data_json["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert "依据：" not in messages[1]["content"]  # the answer alone goes back, not the list under it
    expect(message.get_by_test_id("resolved")).to_contain_text("理解为：")


def test_question_without_grounds_is_marked_as_abstained(page: Page) -> None:
    page.goto("/")
    message = ask(page, "明天的天气预报怎么样？")
    expect(message).to_have_attribute("data-state", "abstained")
    expect(message).to_contain_text("未找到依据")
    expect(message.get_by_test_id("citation")).to_have_count(0)
    expect(message.get_by_test_id("related")).to_have_count(0)  # the documents have no word of it


def test_abstention_shows_the_nearest_passages_to_open(page: Page) -> None:
    page.goto("/")
    message = ask(page, "山东省的代表补贴一天多少钱？")
    expect(message).to_have_attribute("data-state", "abstained")
    expect(message.get_by_test_id("citation")).to_have_count(0)
    expect(message).to_contain_text("最接近的段落")
    related = message.get_by_test_id("related")
    expect(related.first).to_contain_text("代表")
    message.get_by_test_id("related-label-1").click()
    expect(page.get_by_test_id("passage-dialog")).to_be_visible()
    expect(page.get_by_test_id("passage-mark")).to_contain_text("代表")


def test_filter_by_kind_cites_only_speeches(page: Page) -> None:
    page.goto("/")
    page.get_by_test_id("kind-filter").select_option("speech")
    with page.expect_request("**/v1/chat/completions") as request:
        message = ask(page, "代表培训每年举办几次？")
    assert request.value.post_data_json["kind"] == ["speech"]
    citations = message.get_by_test_id("citation")
    expect(citations.first).to_be_visible()
    for kind in citations.evaluate_all("items => items.map(i => i.dataset.kind)"):
        assert kind == "speech"
    expect(citations.first).to_contain_text("讲话")


def test_upload_ask_about_it_and_delete(editor_page: Page, tmp_path: Path) -> None:
    page = editor_page
    path = tmp_path / "代表接待工作规定.md"
    path.write_text(RECEPTION, encoding="utf-8")
    page.goto("/")

    results = upload(page, path)
    expect(results.get_by_test_id("upload-result")).to_have_attribute("data-status", "added")
    expect(results).to_contain_text("新增")
    expect(doc_item(page, "某某镇人大代表接待工作规定")).to_have_count(1)

    page.get_by_test_id("tab-chat").click()
    message = ask(page, "代表接待日是每月哪一天？")
    expect(message.get_by_test_id("answer")).to_contain_text("十五日")
    expect(message.get_by_test_id("citation").first).to_contain_text("某某镇人大代表接待工作规定")

    page.get_by_test_id("tab-docs").click()
    page.once("dialog", lambda dialog: dialog.accept())
    doc_item(page, "某某镇人大代表接待工作规定").get_by_test_id("doc-delete").click()
    expect(page.get_by_test_id("docs-status")).to_contain_text("已删除")
    expect(doc_item(page, "某某镇人大代表接待工作规定")).to_have_count(0)
    expect(doc_item(page, "某某镇人民代表大会工作条例")).to_have_count(1)


def test_delete_asks_first_and_keeps_the_document_when_cancelled(editor_page: Page) -> None:
    page = editor_page
    page.goto("/#docs")
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    doc_item(page, "某某镇人民代表大会工作条例").get_by_test_id("doc-delete").click()
    expect(doc_item(page, "某某镇人民代表大会工作条例")).to_have_count(1)
    assert messages and "确定删除" in messages[0]


def test_api_key_is_asked_for_on_401_and_sent_once_saved(page: Page, tmp_path: Path) -> None:
    path = tmp_path / "通知.txt"
    path.write_text("关于召开某某镇人民代表大会第七次会议的通知\n会议定于九月九日举行。\n", encoding="utf-8")
    page.goto("/")

    results = upload(page, path)
    expect(results).to_contain_text("需要 API 密钥")
    expect(page.get_by_test_id("settings-panel")).to_be_visible()
    expect(page.get_by_test_id("api-key")).to_be_focused()

    page.get_by_test_id("api-key").fill("wrong-key")
    page.get_by_test_id("api-key-save").click()
    upload(page, path)
    expect(results).to_contain_text("API 密钥不正确")

    page.get_by_test_id("api-key").fill(API_KEY)
    page.get_by_test_id("api-key-save").click()
    with page.expect_request("**/api/documents") as request:
        upload(page, path)
    assert request.value.headers["x-api-key"] == API_KEY
    expect(results.get_by_test_id("upload-result")).to_have_attribute("data-status", "added")
    assert page.evaluate("localStorage.getItem('renda.apiKey')") == API_KEY

    page.once("dialog", lambda dialog: dialog.accept())
    doc_item(page, "第七次会议的通知").get_by_test_id("doc-delete").click()
    expect(doc_item(page, "第七次会议的通知")).to_have_count(0)


def test_phone_sized_screen_keeps_input_and_tabs_usable(phone_page: Page) -> None:
    page = phone_page
    page.goto("/")
    question, send = page.get_by_test_id("question"), page.get_by_test_id("send")
    for control in (question, send, page.get_by_test_id("tab-docs"), page.get_by_test_id("kind-filter")):
        expect(control).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling

    question.tap()
    question.fill("罢免镇长要多少代表联名？")
    send.tap()
    message = page.get_by_test_id("assistant-message").last
    expect(message.get_by_test_id("answer")).to_contain_text("五分之一")
    expect(send).to_be_in_viewport()
    message.get_by_test_id("cite-1").tap()
    expect(page.get_by_test_id("passage-mark")).to_be_in_viewport()
    page.get_by_test_id("passage-close").tap()

    page.get_by_test_id("tab-docs").tap()
    expect(page.get_by_test_id("doc-item").first).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_page_loads_nothing_from_outside_the_app(page: Page, server: str) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto("/")
    ask(page, "乡镇人大开会一年开几次？")
    page.get_by_test_id("cite-1").first.click()
    expect(page.get_by_test_id("passage-mark")).to_be_visible()
    page.get_by_test_id("passage-close").click()
    page.get_by_test_id("tab-docs").click()
    expect(page.get_by_test_id("doc-item").first).to_be_visible()

    assert any(url.endswith("/static/app.js") for url in urls)
    outside = [url for url in urls if not url.startswith(server + "/")]
    assert not outside, outside
