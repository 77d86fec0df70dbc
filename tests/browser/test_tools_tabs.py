"""The 出题 and 建议 tabs in a real browser against a real server: a quiz with its sources and
downloads, a 代表建议 draft with its cited basis, on a desktop and on a phone-sized screen."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import API_KEY

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

REGULATION_TITLE = "某某镇人民代表大会工作条例"
ARTICLE_6 = "主席团或者五分之一以上代表联名，可以提出对镇长、副镇长的罢免案"


def make_quiz(page: Page, topic: str = "罢免", n: int | None = None) -> Locator:
    """Fills in a topic (and a count), asks for the quiz and waits for its items."""
    page.get_by_test_id("tab-quiz").click()
    page.get_by_test_id("quiz-topic").fill(topic)
    if n is not None:
        page.get_by_test_id("quiz-n").fill(str(n))
    page.get_by_test_id("quiz-submit").click()
    items = page.get_by_test_id("quiz-item")
    expect(items.first).to_be_visible()
    return items


def make_draft(page: Page, topic: str, facts: str = "") -> Locator:
    page.get_by_test_id("tab-draft").click()
    page.get_by_test_id("draft-topic").fill(topic)
    page.get_by_test_id("draft-facts").fill(facts)
    page.get_by_test_id("draft-submit").click()
    result = page.get_by_test_id("draft-result")
    expect(result.get_by_test_id("draft-basis")).to_be_visible()
    return result


def item_citing(items: Locator, page: Page, section: str) -> Locator:
    return items.filter(has=page.get_by_test_id("quiz-source").filter(has_text=section)).first


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_quiz_on_a_topic_reveals_answer_and_verbatim_source(page: Page) -> None:
    page.goto("/")
    with page.expect_request("**/api/quiz") as request:
        items = make_quiz(page)
    assert request.value.post_data_json == {"topic": "罢免", "n": 10, "types": ["choice", "judge", "blank"]}
    assert page.url.endswith("/#quiz")
    expect(page.get_by_test_id("quiz-title")).to_have_text("「罢免」专题测验")
    expect(page.get_by_test_id("quiz-summary")).to_contain_text("共 ")
    expect(page.get_by_test_id("quiz-notice")).to_be_hidden()
    for choice in page.locator("[data-testid=quiz-item][data-type=choice]").all():
        expect(choice.get_by_test_id("quiz-options").locator("li")).to_have_count(4)

    item = item_citing(items, page, "第六条")
    answer = item.get_by_test_id("quiz-answer")
    expect(answer).to_be_hidden()
    item.get_by_test_id("quiz-reveal").click()
    expect(answer).to_be_visible()
    expect(item.get_by_test_id("quiz-reveal")).to_have_attribute("aria-expanded", "true")
    expect(answer).to_contain_text("答案：")
    expect(answer).to_contain_text("解析：")
    expect(item.get_by_test_id("quiz-source")).to_contain_text(f"《{REGULATION_TITLE}》第六条")
    expect(item.get_by_test_id("quiz-source-text")).to_contain_text(ARTICLE_6)

    item.get_by_test_id("quiz-source").click()  # the source opens in its document, as in the chat
    expect(page.get_by_test_id("passage-mark")).to_contain_text(ARTICLE_6)
    page.get_by_test_id("passage-close").click()

    page.get_by_test_id("quiz-reveal-all").click()
    expect(page.get_by_test_id("quiz-reveal-all")).to_have_attribute("aria-pressed", "true")
    for panel in page.get_by_test_id("quiz-answer").all():
        expect(panel).to_be_visible()
    page.get_by_test_id("quiz-reveal-all").click()
    expect(page.get_by_test_id("quiz-answer").first).to_be_hidden()


def test_quiz_downloads_a_word_file_with_the_answers(editor_page: Page, tmp_path: Path) -> None:
    page = editor_page
    page.goto("/#quiz")
    make_quiz(page, n=5)
    docx_request = page.expect_request(lambda r: r.url.endswith("/api/quiz?format=docx"))
    with docx_request as request, page.expect_download() as download:
        page.get_by_test_id("quiz-download-docx").click()
    assert request.value.headers["x-api-key"] == API_KEY
    assert request.value.post_data_json == {"topic": "罢免", "n": 5, "types": ["choice", "judge", "blank"]}
    assert download.value.suggested_filename == "「罢免」专题测验.docx"
    path = tmp_path / "quiz.docx"
    download.value.save_as(path)
    text = docx_text(path)
    assert "答案" in text
    assert "罢免" in text
    expect(page.get_by_test_id("quiz-download-status")).to_contain_text("已下载")

    with page.expect_download() as download:
        page.get_by_test_id("quiz-download-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
    csv_path = tmp_path / "quiz.csv"
    download.value.save_as(csv_path)
    assert csv_path.read_text(encoding="utf-8-sig").startswith("题型,题目,选项A")


def test_quiz_of_one_type_says_when_fewer_items_were_found(page: Page) -> None:
    page.goto("/#quiz")
    page.get_by_test_id("quiz-type-choice").uncheck()
    page.get_by_test_id("quiz-type-blank").uncheck()
    with page.expect_request("**/api/quiz") as request:
        items = make_quiz(page, n=100)
    assert request.value.post_data_json["types"] == ["judge"]
    expect(page.get_by_test_id("quiz-notice")).to_contain_text("只找到")
    for kind in items.evaluate_all("items => items.map(i => i.dataset.type)"):
        assert kind == "judge"


def test_quiz_form_problems_and_server_errors_are_shown_in_chinese(page: Page) -> None:
    page.goto("/#quiz")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/api/quiz" in r.url else None)
    status = page.get_by_test_id("quiz-status")

    page.get_by_test_id("quiz-submit").click()
    expect(status).to_have_text("请填写出题主题")
    expect(page.get_by_test_id("quiz-topic")).to_be_focused()

    page.get_by_test_id("quiz-topic").fill("罢免")
    for kind in ("choice", "judge", "blank"):
        page.get_by_test_id(f"quiz-type-{kind}").uncheck()
    page.get_by_test_id("quiz-submit").click()
    expect(status).to_have_text("请至少选择一种题型")
    page.get_by_test_id("quiz-n").fill("101")
    page.get_by_test_id("quiz-type-judge").check()
    page.get_by_test_id("quiz-submit").click()
    expect(status).to_contain_text("1 到 100")
    assert not requests

    page.get_by_test_id("quiz-n").fill("10")
    page.get_by_test_id("quiz-scope-doc").check(force=True)  # the radio is styled as a segment
    expect(page.get_by_test_id("quiz-topic")).to_be_hidden()
    page.get_by_test_id("quiz-doc").fill("不存在的条例")
    page.get_by_test_id("quiz-chapter").fill("第二章")
    with page.expect_response("**/api/quiz") as response:
        page.get_by_test_id("quiz-submit").click()
    assert response.value.status == 404
    assert response.value.request.post_data_json == {
        "doc": "不存在的条例",
        "chapter": "第二章",
        "n": 10,
        "types": ["judge"],
    }
    expect(status).to_contain_text("没有标题包含「不存在的条例」的文档")
    expect(page.get_by_test_id("quiz-result")).to_be_hidden()


def test_quiz_by_document_and_chapter(page: Page) -> None:
    page.goto("/#quiz")
    page.get_by_test_id("quiz-scope-doc").check(force=True)
    page.get_by_test_id("quiz-doc").fill("工作条例")
    page.get_by_test_id("quiz-chapter").fill("会议")
    page.get_by_test_id("quiz-n").fill("3")
    page.get_by_test_id("quiz-submit").click()
    expect(page.get_by_test_id("quiz-title")).to_contain_text("《工作条例》会议")
    expect(page.get_by_test_id("quiz-item")).to_have_count(3)
    for source in page.get_by_test_id("quiz-source").all():
        expect(source).to_contain_text(REGULATION_TITLE)


def test_draft_shows_sections_basis_checklist_and_template_notice(editor_page: Page, tmp_path: Path) -> None:
    page = editor_page
    page.goto("/")
    facts = "本镇去年代表建议答复率偏低，部分建议超过三个月未答复。"
    with page.expect_request("**/api/draft") as request:
        result = make_draft(page, "代表建议办理", facts)
    assert request.value.post_data_json == {"topic": "代表建议办理", "facts": facts}
    assert request.value.headers["x-api-key"] == API_KEY
    expect(page.get_by_test_id("draft-title")).to_have_text("关于代表建议办理的建议")
    expect(page.get_by_test_id("draft-notice")).to_contain_text("未配置大模型")
    sections = result.get_by_test_id("draft-section")
    expect(sections).to_have_count(3)
    expect(sections.nth(0)).to_contain_text("一、问题与现状")
    expect(sections.nth(0)).to_contain_text(facts)
    expect(sections.nth(1)).to_contain_text("二、原因分析")
    expect(sections.nth(2)).to_contain_text("三、具体建议")

    basis = result.get_by_test_id("draft-basis")
    expect(basis).to_contain_text("四、法律政策依据")
    citation = basis.get_by_test_id("draft-citation").first
    expect(citation).to_contain_text("[1]")
    expect(citation).to_contain_text(f"《{REGULATION_TITLE}》第")
    checks = result.get_by_test_id("draft-checklist").get_by_test_id("check-item")
    expect(checks.first).to_be_visible()
    # the small index holds no 代表法: every rule says it was not found rather than guessing
    expect(checks.first).to_have_attribute("data-found", "false")
    expect(checks.first).to_contain_text("知识库中未找到")

    sections.nth(2).get_by_test_id("cite-1").click()  # a [n] in the text opens the cited passage
    expect(page.get_by_test_id("passage-title")).to_have_text(f"《{REGULATION_TITLE}》")
    page.get_by_test_id("passage-close").click()

    with page.expect_download() as download:
        page.get_by_test_id("draft-download-docx").click()
    assert download.value.suggested_filename == "关于代表建议办理的建议.docx"
    path = tmp_path / "draft.docx"
    download.value.save_as(path)
    text = docx_text(path)
    assert "法律政策依据" in text
    assert facts in text


def test_draft_says_when_no_document_speaks_of_the_topic(page: Page) -> None:
    page.goto("/")
    result = make_draft(page, "加强农村道路养护")
    notice = result.get_by_test_id("draft-basis").get_by_test_id("draft-basis-notice")
    expect(notice).to_contain_text("「养护」，未找到关于「加强农村道路养护」的专门依据")
    expect(page.get_by_test_id("draft-notice")).to_contain_text("未配置大模型")


def test_draft_needs_a_topic(page: Page) -> None:
    page.goto("/#draft")
    expect(page.get_by_test_id("draft-topic")).to_be_visible()
    page.get_by_test_id("draft-submit").click()
    expect(page.get_by_test_id("draft-status")).to_have_text("请填写建议的主题")
    expect(page.get_by_test_id("draft-topic")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("draft-result")).to_be_hidden()


def test_phone_sized_screen_keeps_the_tools_usable(phone_page: Page) -> None:
    page = phone_page
    page.goto("/")
    for tab in ("tab-chat", "tab-quiz", "tab-draft", "tab-docs"):
        expect(page.get_by_test_id(tab)).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_test_id("tab-quiz").tap()
    for control in ("quiz-topic", "quiz-n", "quiz-type-blank", "quiz-submit"):
        expect(page.get_by_test_id(control)).to_be_in_viewport()
    page.get_by_test_id("quiz-topic").fill("罢免")
    page.get_by_test_id("quiz-submit").tap()
    item = page.get_by_test_id("quiz-item").first
    expect(item).to_be_visible()
    item.get_by_test_id("quiz-reveal").tap()
    expect(item.get_by_test_id("quiz-source-text")).to_be_visible()
    expect(page.get_by_test_id("quiz-download-docx")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_test_id("tab-draft").tap()
    expect(page.get_by_test_id("draft-submit")).to_be_in_viewport()
    page.get_by_test_id("draft-topic").fill("代表建议办理")
    page.get_by_test_id("draft-submit").tap()
    expect(page.get_by_test_id("draft-notice")).to_be_in_viewport()
    expect(page.get_by_test_id("draft-basis").get_by_test_id("draft-citation").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
