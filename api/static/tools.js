// 人大履职助手 web page, the tools: 出题 (a quiz for trainers) and 建议 (a 代表建议 draft for deputies).
// Loaded after app.js and built on its helpers ($, el, button, request, messageOf, openPassage, …).
// Server text is only ever set with textContent.
"use strict";

const SECTION_NUMBERS = "一二三四五六七";
const OPTION_LETTERS = "ABCD";
const QUIZ_MAX_ITEMS = 100;
const tools = { quizBody: null, draftBody: null, quizBusy: false, draftBusy: false };

// ---------------------------------------------------------------------------------------------
// Shared: posting a form, its status line, downloads

function postJson(path, body) {
  return request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

function setStatus(id, text, tone = "") {
  $(id).textContent = text;
  $(id).className = tone ? `form-status ${tone}` : "form-status";
}

function setButtonBusy(node, busy, busyText) {
  if (busy && !node.disabled) node.dataset.idle = node.textContent;
  node.textContent = busy ? busyText : node.dataset.idle || node.textContent;
  node.disabled = busy;
}

// A problem with what was typed: said in the status line, the field marked and focused.
function refuse(statusId, problem, field) {
  setStatus(statusId, problem, "error");
  field.setAttribute("aria-invalid", "true");
  field.focus();
}

function clearInvalid(form) {
  for (const field of form.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
}

// The download name the server gave (filename*=UTF-8''… first), else the fallback.
function fileNameOf(res, fallback) {
  const header = res.headers.get("Content-Disposition") || "";
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // a malformed escape: use the plain name below
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { attrs: { href: url, download: name, hidden: "" } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);  // revoking at once can cancel the download
}

// The buttons of a download group fetch the same request again in the format they name.
function wireDownloads(groupId, path, bodyOf, statusId) {
  $(groupId).addEventListener("click", (event) => {
    const target = event.target.closest("button[data-format]");
    if (target && !target.disabled) downloadAs(target, path, bodyOf(), statusId);
  });
}

async function downloadAs(target, path, body, statusId) {
  const format = target.dataset.format;
  setButtonBusy(target, true, "生成中……");
  setStatus(statusId, "");
  try {
    const res = await postJson(`${path}?format=${format}`, body);
    const name = fileNameOf(res, `${path.split("/").pop()}.${format}`);
    saveFile(await res.blob(), name);
    setStatus(statusId, `已下载 ${name}`, "ok");
  } catch (err) {
    setStatus(statusId, `下载失败：${messageOf(err)}`, "error");
  } finally {
    setButtonBusy(target, false);
  }
}

function showNotice(id, text) {
  $(id).textContent = text || "";
  $(id).hidden = !text;
}

// A passage as the page quotes it: verbatim, blank lines between paragraphs dropped.
function passageText(text) {
  return text.replace(/\n\s*\n/g, "\n");
}

// 《标题》第X条 as a button that opens the passage in its document.
function sourceButton(source, testId) {
  const node = button("", "citation-label", () => openPassage(source.chunk_id), {
    "data-testid": testId,
    "data-chunk-id": source.chunk_id,
    title: "查看原文上下文",
  });
  node.append(el("span", { text: source.label }), kindTag(source.kind));
  return node;
}

// ---------------------------------------------------------------------------------------------
// 出题

function quizByDoc() {
  return $("quiz-scope-doc").checked;
}

function showQuizScope() {
  const byDoc = quizByDoc();
  $("quiz-topic-field").hidden = byDoc;
  $("quiz-doc-fields").hidden = !byDoc;
  if (byDoc) loadDocTitles();
}

// The titles offered while typing a document name; only a convenience, so failures stay quiet.
async function loadDocTitles() {
  try {
    const docs = await getJson("/api/documents");
    const titles = [...new Set(docs.map((d) => d.title))].sort((a, b) => a.localeCompare(b, "zh-CN"));
    $("quiz-doc-titles").replaceChildren(...titles.map((title) => el("option", { attrs: { value: title } })));
  } catch (err) {
    console.warn("document titles not loaded:", messageOf(err));
  }
}

// The request body for /api/quiz, or the first problem with the form.
function quizForm() {
  const value = (id) => $(id).value.trim();
  const boxes = [...document.querySelectorAll("input[name=quiz-type]")];
  const types = boxes.filter((box) => box.checked).map((box) => box.value);
  const n = Number(value("quiz-n"));
  const scope = quizByDoc() ? { doc: value("quiz-doc") } : { topic: value("quiz-topic") };
  if (quizByDoc() && !scope.doc) return { problem: "请填写文档标题", field: $("quiz-doc") };
  if (!quizByDoc() && !scope.topic) return { problem: "请填写出题主题", field: $("quiz-topic") };
  if (!Number.isInteger(n) || n < 1 || n > QUIZ_MAX_ITEMS) {
    return { problem: `题目数量须为 1 到 ${QUIZ_MAX_ITEMS} 之间的整数`, field: $("quiz-n") };
  }
  if (!types.length) return { problem: "请至少选择一种题型", field: boxes[0] };
  if (quizByDoc() && value("quiz-chapter")) scope.chapter = value("quiz-chapter");
  return { body: { ...scope, n, types } };
}

async function submitQuiz(event) {
  event.preventDefault();
  if (tools.quizBusy) return;
  clearInvalid($("quiz-form"));
  const { body, problem, field } = quizForm();
  if (problem) {
    refuse("quiz-status", problem, field);
    return;
  }
  setQuizBusy(true);
  try {
    const quiz = await (await postJson("/api/quiz", body)).json();
    tools.quizBody = body;
    setStatus("quiz-status", "");
    renderQuiz(quiz);
  } catch (err) {
    setStatus("quiz-status", messageOf(err), "error");
  } finally {
    setQuizBusy(false);
  }
}

function setQuizBusy(busy) {
  tools.quizBusy = busy;
  setButtonBusy($("quiz-submit"), busy, "正在出题……");
  if (busy) setStatus("quiz-status", "正在检索条文、出题并逐题核对出处……");
}

function renderQuiz(quiz) {
  $("quiz-title").textContent = quiz.title;
  $("quiz-summary").textContent = quizSummary(quiz.items);
  showNotice("quiz-notice", quiz.notice);
  setStatus("quiz-download-status", "");
  $("quiz-items").replaceChildren(...quiz.items.map(quizItem));
  revealAll(false);
  $("quiz-result").hidden = false;
  $("quiz-title").focus({ preventScroll: true });
  $("quiz-result").scrollIntoView({ block: "start", behavior: "smooth" });
}

function quizSummary(items) {
  const counts = new Map();
  for (const item of items) counts.set(item.type_name, (counts.get(item.type_name) || 0) + 1);
  const parts = [...counts].map(([name, count]) => `${name} ${count} 题`).join("，");
  return `共 ${items.length} 题（${parts}）。点击「显示答案」查看答案、解析和出处原文。`;
}

function quizItem(item) {
  const panel = answerPanel(item);
  const toggle = button("显示答案", "ghost small reveal", () => reveal(root, panel.hidden), {
    "aria-expanded": "false",
    "aria-controls": panel.id,
    "data-testid": "quiz-reveal",
  });
  const root = el("li", {
    className: "quiz-item",
    attrs: { "data-testid": "quiz-item", "data-type": item.type },
  }, [
    el("div", { className: "quiz-question" }, [
      el("span", { className: "quiz-n", text: `${item.n}.` }),
      el("span", { className: `type-tag type-${item.type}`, text: item.type_name }),
      el("span", { className: "quiz-text", text: item.question, attrs: { "data-testid": "quiz-question" } }),
    ]),
    ...(item.options.length ? [optionList(item)] : []),
    toggle,
    panel,
  ]);
  return root;
}

function optionList(item) {
  return el("ol", { className: "quiz-options", attrs: { "data-testid": "quiz-options" } },
    item.options.map((option, i) => el("li", {
      className: item.answer === OPTION_LETTERS[i] ? "option correct" : "option",
    }, [el("span", { className: "option-letter", text: `${OPTION_LETTERS[i]}.` }), option])));
}

function answerText(item) {
  return item.type === "choice" ? `${item.answer}（${item.key}）` : item.answer;
}

function answerPanel(item) {
  const panel = el("div", {
    className: "quiz-answer",
    attrs: { id: `quiz-answer-${item.n}`, "data-testid": "quiz-answer" },
  }, [
    labelled("答案", el("span", { className: "quiz-key", text: answerText(item) })),
    labelled("解析", el("span", { text: item.explanation })),
    labelled("出处", sourceButton(item.source, "quiz-source")),
    el("blockquote", { className: "citation-text", attrs: { "data-testid": "quiz-source-text" } },
      markedSentence(passageText(item.source.text), item.sentence)),
  ]);
  panel.hidden = true;
  return panel;
}

function labelled(name, content) {
  return el("p", { className: "answer-line" }, [el("strong", { text: `${name}：` }), content]);
}

// The passage with the sentence the item was made from highlighted (when it is found verbatim).
function markedSentence(text, sentence) {
  const at = sentence ? text.indexOf(sentence) : -1;
  if (at < 0) return [text];
  return [text.slice(0, at), el("mark", { text: sentence }), text.slice(at + sentence.length)];
}

function reveal(item, show) {
  const panel = item.querySelector(".quiz-answer");
  const toggle = item.querySelector(".reveal");
  panel.hidden = !show;
  item.classList.toggle("revealed", show);
  toggle.setAttribute("aria-expanded", String(show));
  toggle.textContent = show ? "隐藏答案" : "显示答案";
}

function revealAll(show) {
  const all = $("quiz-reveal-all");
  all.setAttribute("aria-pressed", String(show));
  all.textContent = show ? "隐藏全部答案" : "显示全部答案";
  for (const item of $("quiz-items").children) reveal(item, show);
}

// ---------------------------------------------------------------------------------------------
// 建议

async function submitDraft(event) {
  event.preventDefault();
  if (tools.draftBusy) return;
  clearInvalid($("draft-form"));
  const topic = $("draft-topic").value.trim();
  const facts = $("draft-facts").value.trim();
  if (!topic) {
    refuse("draft-status", "请填写建议的主题", $("draft-topic"));
    return;
  }
  const body = facts ? { topic, facts } : { topic };
  setDraftBusy(true);
  try {
    const draft = await (await postJson("/api/draft", body)).json();
    tools.draftBody = body;
    setStatus("draft-status", "");
    renderDraft(draft);
  } catch (err) {
    setStatus("draft-status", messageOf(err), "error");
  } finally {
    setDraftBusy(false);
  }
}

function setDraftBusy(busy) {
  tools.draftBusy = busy;
  setButtonBusy($("draft-submit"), busy, "正在起草……");
  if (busy) setStatus("draft-status", "正在检索法律政策依据并核对提交规则……");
}

function renderDraft(draft) {
  const written = draft.written ? "本草稿由大模型依据下列条文撰写，句末 [n] 可查看原文，请核对后使用。" : "";
  showNotice("draft-notice", draft.notice || written);
  setStatus("draft-download-status", "");
  $("draft-title").textContent = draft.title;
  const byNumber = new Map(draft.citations.map((c) => [c.n, c]));
  const sections = draft.sections.map((s, i) => draftSection(`${SECTION_NUMBERS[i]}、${s.heading}`, [
    el("div", { className: "draft-body" }, answerNodes(passageText(s.body), byNumber)),
  ]));
  const basis = `${SECTION_NUMBERS[draft.sections.length]}、法律政策依据`;
  const basisNotice = draft.basis_notice
    ? [el("p", { className: "notice", attrs: { "data-testid": "draft-basis-notice" }, text: draft.basis_notice })]
    : [];
  sections.push(draftSection(basis, [...basisNotice, basisList(draft.citations)], "draft-basis"));
  sections.push(draftSection("附：提交前核对清单", checklist(draft.checklist), "draft-checklist"));
  $("draft-sections").replaceChildren(...sections);
  $("draft-result").hidden = false;
  $("draft-title").focus({ preventScroll: true });
  $("draft-result").scrollIntoView({ block: "start", behavior: "smooth" });
}

function draftSection(heading, children, testId = "draft-section") {
  return el("section", { className: "draft-section", attrs: { "data-testid": testId } }, [
    el("h3", { text: heading }),
    ...children,
  ]);
}

function basisList(citations) {
  if (!citations.length) return el("p", { className: "muted", text: "知识库中未检索到与该主题相关的条文。" });
  return el("ol", { className: "basis-list" }, citations.map((c) => el("li", {
    className: "citation",
    attrs: { "data-testid": "draft-citation", "data-chunk-id": c.chunk_id },
  }, [
    el("div", { className: "citation-head" }, [
      el("span", { className: "citation-n", text: `[${c.n}]` }),
      sourceButton(c, `draft-citation-label-${c.n}`),
    ]),
    el("blockquote", { className: "citation-text", text: passageText(c.text) }),
  ])));
}

// The formal rules grouped as the API lists them; each with its verbatim sentences and citation,
// or the note that the index holds no passage stating it.
function checklist(items) {
  const groups = new Map();
  for (const item of items) groups.set(item.group, [...(groups.get(item.group) || []), item]);
  return [...groups].map(([group, rules]) => el("div", { className: "check-group" }, [
    el("h4", { text: group }),
    el("ul", { className: "checklist" }, rules.map(checkItem)),
  ]));
}

function checkItem(item) {
  const found = Boolean(item.found && item.citation);
  const detail = found
    ? [el("span", { className: "check-quotes", text: item.quotes.map((q) => `「${q}」`).join("") }),
      sourceButton(item.citation, "check-citation")]
    : [el("span", { className: "check-note", text: item.note })];
  const box = el("input", { attrs: { type: "checkbox", "aria-label": `已核对：${item.group}·${item.name}` } });
  return el("li", {
    className: found ? "check found" : "check missing",
    attrs: { "data-testid": "check-item", "data-found": String(found) },
  }, [box, el("div", { className: "check-body" }, [el("strong", { text: `${item.name}：` }), ...detail])]);
}

// ---------------------------------------------------------------------------------------------

function startTools() {
  $("quiz-form").addEventListener("submit", submitQuiz);
  for (const radio of document.querySelectorAll("input[name=quiz-scope]")) {
    radio.addEventListener("change", showQuizScope);
  }
  $("quiz-reveal-all").addEventListener("click", () => {
    revealAll($("quiz-reveal-all").getAttribute("aria-pressed") !== "true");
  });
  wireDownloads("quiz-downloads", "/api/quiz", () => tools.quizBody, "quiz-download-status");
  $("draft-form").addEventListener("submit", submitDraft);
  wireDownloads("draft-downloads", "/api/draft", () => tools.draftBody, "draft-download-status");
  showQuizScope();
}

startTools();
