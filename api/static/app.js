// 人大履职助手 web page: chat with cited answers, passages in context, the document library.
// The 出题 and 建议 tabs live in tools.js, which uses the helpers defined here.
// Plain browser JavaScript, no build step. Server text is only ever set with textContent.
"use strict";

const KIND_NAMES = { law: "法律", regulation: "法规", speech: "讲话", report: "报告", other: "其他" };
const STATUS_NAMES = {
  added: "新增", updated: "更新", unchanged: "未变", renamed: "改名",
  duplicate: "重复", failed: "失败", removed: "删除",
};
const KEY_STORAGE = "renda.apiKey";
const CONTEXT_CHARS = 400;   // characters of the document shown around a cited passage
const MAX_MESSAGES = 50;     // the chat endpoint accepts at most this many turns
const MARKER = /\[(\d+)\]/g;
const RELATED_HEADING = "最接近的段落（未能确认它们回答了这个问题，仅供参考）";

const VIEW_HASHES = { "view-chat": "", "view-quiz": "#quiz", "view-draft": "#draft", "view-docs": "#docs" };
const WIDE = window.matchMedia("(min-width: 1100px)");  // the passage opens beside the chat
const state = { history: [], busy: false, documents: [], passage: "", settingsTimer: 0 };
const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// DOM helpers

function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function button(text, className, onClick, attrs = {}) {
  const node = el("button", { className, text, attrs: { type: "button", ...attrs } });
  node.addEventListener("click", onClick);
  return node;
}

function kindTag(kind) {
  return el("span", { className: `kind-tag kind-${kind}`, text: KIND_NAMES[kind] || kind });
}

// ---------------------------------------------------------------------------------------------
// API access: every request carries the stored key; a 401 asks the user for one.

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

// What to tell the user: the server's Chinese reason, or a plain one for a broken connection.
function messageOf(err) {
  if (err instanceof ApiError) return err.message;
  console.error(err);
  return "连接中断或服务异常，请重试";
}

function storedKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

function withKey(headers = {}) {
  const key = storedKey();
  return key ? { ...headers, "X-API-Key": key } : headers;
}

async function errorOf(res) {
  let detail = "";
  try {
    detail = (await res.json()).detail;
  } catch {
    // not JSON (a proxy's error page): fall back to the status below
  }
  if (typeof detail !== "string" || !detail) detail = `请求失败（HTTP ${res.status}）`;
  if (res.status === 401) askForKey(detail);
  return new ApiError(res.status, detail);
}

async function request(path, options = {}) {
  let res;
  try {
    res = await fetch(path, { ...options, headers: withKey(options.headers) });
  } catch {
    throw new ApiError(0, "无法连接服务器，请确认服务正在运行");
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function getJson(path) {
  return (await request(path)).json();
}

// Server-sent events from a fetch response: yields each `data:` payload parsed as JSON.
async function* sseEvents(res) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r/g, "");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const data = eventData(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
      if (data === "[DONE]") return;
      if (data) yield JSON.parse(data);
    }
  }
}

function eventData(block) {
  return block.split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// Settings: the API key

function openSettings(open = true) {
  clearTimeout(state.settingsTimer);
  $("settings-panel").hidden = !open;
  $("settings-toggle").setAttribute("aria-expanded", String(open));
  if (!open) return;
  $("api-key").value = storedKey();
  $("settings-status").textContent = "";
}

function askForKey(detail) {
  openSettings(true);
  $("settings-status").textContent = `${detail.replace(/[。.]$/, "")}。请在此填写 API 密钥并保存，然后重试。`;
  $("settings-status").className = "settings-status error";
  $("api-key").focus();
}

function saveKey(event) {
  event.preventDefault();
  const key = $("api-key").value.trim();
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key is still not sent, say so below
  }
  const saved = storedKey() === key;
  $("settings-status").className = saved ? "settings-status ok" : "settings-status error";
  $("settings-status").textContent = !saved ? "浏览器禁止保存，密钥未生效"
    : key ? "已保存，之后的请求都会带上此密钥。" : "已清除密钥。";
  if (!saved) return;
  state.settingsTimer = setTimeout(() => openSettings(false), 1500);
  if (!$("view-docs").hidden) loadDocuments();
}

function clearKey() {
  $("api-key").value = "";
  $("settings-form").requestSubmit();
}

// ---------------------------------------------------------------------------------------------
// Tabs

function showView(viewId, focus = true) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const selected = tab.dataset.view === viewId;
    tab.setAttribute("aria-selected", String(selected));
    $(tab.dataset.view).hidden = !selected;
  }
  closePassage();
  if (viewId === "view-docs") loadDocuments();
  else if (focus && viewId === "view-chat") $("question").focus();
  history.replaceState(null, "", location.pathname + VIEW_HASHES[viewId]);
}

// The view a link such as /#quiz opens; the chat when the hash names none.
function viewOfHash(hash) {
  return Object.keys(VIEW_HASHES).find((view) => hash && VIEW_HASHES[view] === hash) || "view-chat";
}

// ---------------------------------------------------------------------------------------------
// Chat

function chatPayload() {
  const payload = { messages: state.history.slice(-MAX_MESSAGES), stream: true };
  const kind = $("kind-filter").value;
  if (kind) payload.kind = [kind];
  return payload;
}

function scrollToEnd() {
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
}

function appendUserMessage(text) {
  $("welcome").hidden = true;
  const node = el("div", { className: "message user", attrs: { "data-testid": "user-message" } }, [
    el("div", { className: "bubble", text }),
  ]);
  $("messages").append(node);
}

function appendAssistantMessage() {
  const body = el("div", { className: "answer streaming", attrs: { "data-testid": "answer" } }, [
    el("span", { className: "thinking", text: "正在检索知识库……" }),
  ]);
  const avatar = el("div", { className: "avatar", text: "助", attrs: { "aria-hidden": "true" } });
  const root = el("article", { className: "message assistant", attrs: { "data-testid": "assistant-message" } }, [
    avatar, el("div", { className: "bubble" }, [body]),
  ]);
  $("messages").append(root);
  scrollToEnd();
  return { root, body };
}

async function streamInto(res, view) {
  let text = "";
  for await (const chunk of sseEvents(res)) {
    const choice = (chunk.choices || [])[0] || {};
    const piece = (choice.delta || {}).content;
    if (piece) {
      text += piece;
      view.body.textContent = text.split("\n\n依据：")[0];  // the list is redrawn from `citations`
      scrollToEnd();
    }
    if (choice.finish_reason) return chunk;
  }
  throw new ApiError(0, "回答没有完整返回，请重试");
}

async function ask(question) {
  state.history.push({ role: "user", content: question });
  appendUserMessage(question);
  const view = appendAssistantMessage();
  setBusy(true);
  try {
    const res = await request("/v1/chat/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(chatPayload()),
    });
    const final = await streamInto(res, view);
    renderAnswer(view, final, question);
    state.history.push({ role: "assistant", content: final.answer || "" });
  } catch (err) {
    state.history.pop();  // the question went unanswered: leave it out of the next request
    renderError(view, err);
    if (!$("question").value) $("question").value = question;
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  state.busy = busy;
  $("send").disabled = busy;
  $("send").textContent = busy ? "检索中" : "发送";
}

function renderError(view, err) {
  view.root.classList.add("failed");
  view.body.className = "answer";
  view.body.replaceChildren(el("p", { className: "error-text", text: messageOf(err) }));
  view.root.dataset.state = "error";
  scrollToEnd();
}

function renderAnswer(view, final, typed) {
  const citations = final.citations || [];
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const parts = [];
  const resolved = (final.resolved_question || "").trim();
  if (resolved && resolved !== typed.trim()) {
    const attrs = { "data-testid": "resolved" };
    parts.push(el("p", { className: "resolved", text: `理解为：${resolved}`, attrs }));
  }
  if (final.abstained) {
    parts.push(el("p", { className: "abstain-tag", text: "未找到依据" }));
    view.root.classList.add("abstained");
  }
  parts.push(el("div", { className: "answer-text" }, answerNodes(final.answer || "", byNumber)));
  if (final.notice) {
    parts.push(el("p", { className: "notice", text: final.notice, attrs: { "data-testid": "notice" } }));
  }
  if (citations.length) parts.push(citationList(citations));
  const related = final.related || [];
  if (final.abstained && related.length) parts.push(relatedList(related));
  view.body.className = "answer";
  view.body.replaceChildren(...parts);
  view.root.dataset.state = final.abstained ? "abstained" : "answered";
  scrollToEnd();
}

// The answer text with each [n] that names a citation turned into a button opening the passage.
function answerNodes(answer, byNumber) {
  const nodes = [];
  let last = 0;
  for (const match of answer.matchAll(MARKER)) {
    const citation = byNumber.get(Number(match[1]));
    if (!citation) continue;
    nodes.push(document.createTextNode(answer.slice(last, match.index)));
    nodes.push(markerButton(citation));
    last = match.index + match[0].length;
  }
  nodes.push(document.createTextNode(answer.slice(last)));
  return nodes;
}

function markerButton(citation) {
  return button(`[${citation.n}]`, "cite", () => openPassage(citation.chunk_id), {
    "data-testid": `cite-${citation.n}`,
    "data-chunk-id": citation.chunk_id,
    "aria-label": `查看依据 ${citation.n}：${citation.label}`,
    title: citation.label,
  });
}

function citationList(citations) {
  return passageList(citations, "依据", "citation", "citations", (c) => `[${c.n}]`);
}

// With an abstention: the passages the search came nearest with, for the reader to judge.
function relatedList(passages) {
  return passageList(passages, RELATED_HEADING, "related", "related-list", (c) => `${c.n}.`);
}

// A numbered list of passages, each label opening the passage in its document.
function passageList(passages, heading, testid, listid, number) {
  const items = passages.map((c) => el("li", {
    className: testid === "citation" ? "citation" : `citation ${testid}`,
    attrs: { "data-testid": testid, "data-kind": c.kind, "data-chunk-id": c.chunk_id },
  }, [
    el("div", { className: "citation-head" }, [
      el("span", { className: "citation-n", text: number(c) }),
      passageLabel(c, `${testid}-label-${c.n}`),
    ]),
    el("blockquote", { className: "citation-text" }, [
      el("span", { className: "clamp", text: c.text.replace(/\n\s*\n/g, "\n") }),
    ]),
  ]));
  return el("section", { className: testid === "citation" ? "citations" : "citations related-list" }, [
    el("h3", { text: heading }),
    el("ol", { attrs: { "data-testid": listid } }, items),
  ]);
}

function passageLabel(c, testid) {
  const label = button("", "citation-label", () => openPassage(c.chunk_id), { "data-testid": testid });
  label.append(el("span", { text: c.label }), kindTag(c.kind));
  return label;
}

function submitQuestion(event) {
  event.preventDefault();
  const input = $("question");
  const question = input.value.trim();
  if (!question || state.busy) return;
  input.value = "";
  autoGrow();
  ask(question);
}

function newChat() {
  if (state.busy) return;  // the answer on its way belongs to this conversation
  state.history = [];
  for (const node of [...$("messages").children]) if (node.id !== "welcome") node.remove();
  $("welcome").hidden = false;
  $("question").focus();
}

function onQuestionKey(event) {
  // Enter sends; Shift+Enter breaks the line; never while an input method is composing 拼音.
  if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
  event.preventDefault();
  $("chat-form").requestSubmit();
}

function autoGrow() {
  const input = $("question");
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

function askExample(event) {
  const example = event.target.closest(".example");
  if (!example) return;
  $("question").value = example.textContent;
  $("chat-form").requestSubmit();
}

// ---------------------------------------------------------------------------------------------
// A cited passage in its context

// Marks the [n] buttons of the passage on show, so the reader sees which one is open.
function markOpenCitation(chunkId) {
  for (const marker of document.querySelectorAll(".cite[data-chunk-id]")) {
    marker.classList.toggle("active", marker.dataset.chunkId === chunkId);
  }
}

async function openPassage(chunkId) {
  const dialog = $("passage-dialog");
  markOpenCitation(chunkId);
  $("passage-title").textContent = "正在载入原文……";
  $("passage-section").textContent = "";
  $("passage-source").textContent = "";
  $("passage-body").replaceChildren();
  if (!dialog.open) {
    if (WIDE.matches) dialog.show();
    else dialog.showModal();
  }
  state.passage = chunkId;
  try {
    const p = await getJson(`/api/passages/${encodeURIComponent(chunkId)}?context=${CONTEXT_CHARS}`);
    if (state.passage === chunkId) renderPassage(p);  // not if another [n] was clicked meanwhile
  } catch (err) {
    $("passage-title").textContent = "无法载入原文";
    $("passage-body").replaceChildren(el("p", { className: "error-text", text: messageOf(err) }));
  }
}

function renderPassage(p) {
  $("passage-title").textContent = `《${p.title}》`;
  $("passage-section").textContent = p.section;
  $("passage-source").textContent = p.source ? `来源文件：${p.source}` : "";
  const before = (p.before.length >= CONTEXT_CHARS ? "……" : "") + plainContext(p.before);
  const after = plainContext(p.after) + (p.after.length >= CONTEXT_CHARS ? "……" : "");
  const mark = el("mark", { text: p.text, attrs: { "data-testid": "passage-mark" } });
  $("passage-body").replaceChildren(
    el("span", { className: "context", text: before }), mark, el("span", { className: "context", text: after }),
  );
  requestAnimationFrame(() => mark.scrollIntoView({ block: "center" }));
}

// The surrounding text without Markdown heading marks and comments (the cited text stays verbatim).
function plainContext(text) {
  return text.replace(/^#{1,6}[ \t]+/gm, "").replace(/<!--[\s\S]*?-->/g, "");
}

function closePassage() {
  if ($("passage-dialog").open) $("passage-dialog").close();
}

function closeOnBackdrop(event) {
  if (event.target === $("passage-dialog")) closePassage();
}

function closeOnEscape(event) {
  if (event.key === "Escape") closePassage();  // a modal dialog does this itself, the side panel does not
}

// ---------------------------------------------------------------------------------------------
// Documents

async function loadDocuments() {
  $("docs-status").textContent = "正在载入……";
  try {
    state.documents = await getJson("/api/documents");
    $("docs-status").textContent = "";
  } catch (err) {
    $("docs-status").textContent = messageOf(err);
  }
  renderDocuments();
}

function sortedDocuments() {
  return [...state.documents].sort((a, b) =>
    (b.added || "").localeCompare(a.added || "") || a.title.localeCompare(b.title, "zh-CN"));
}

function renderDocuments() {
  const filter = $("doc-search").value.trim();
  const shown = sortedDocuments().filter((d) => !filter || d.title.includes(filter));
  $("doc-count").textContent = `共 ${state.documents.length} 份`;
  const items = shown.map(documentItem);
  if (!items.length && state.documents.length) {
    items.push(el("li", { className: "empty", text: "没有标题包含该文字的文档" }));
  }
  if (!state.documents.length && !$("docs-status").textContent) {
    items.push(el("li", { className: "empty", text: "知识库还是空的，请先上传文档" }));
  }
  $("doc-list").replaceChildren(...items);
}

function documentItem(doc) {
  const meta = [doc.revision, `${doc.chunks} 段`, `加入于 ${formatDate(doc.added)}`].filter(Boolean).join(" · ");
  return el("li", { className: "doc", attrs: { "data-testid": "doc-item", "data-doc-id": doc.doc_id } }, [
    el("div", { className: "doc-main" }, [
      el("div", { className: "doc-title" }, [kindTag(doc.kind), el("span", { text: doc.title })]),
      el("div", { className: "doc-meta", text: meta }),
      el("div", { className: "doc-source", text: doc.source }),
    ]),
    button("删除", "danger small", () => deleteDocument(doc), {
      "data-testid": "doc-delete",
      "aria-label": `删除《${doc.title}》`,
    }),
  ]);
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString("zh-CN");
}

async function deleteDocument(doc) {
  if (!confirm(`确定删除《${doc.title}》吗？删除后将不再检索到该文档。`)) return;
  let note;
  try {
    await request(`/api/documents/${encodeURIComponent(doc.doc_id)}`, { method: "DELETE" });
    note = `已删除《${doc.title}》`;
  } catch (err) {
    note = `删除失败：${messageOf(err)}`;
  }
  await loadDocuments();
  if (!$("docs-status").textContent) $("docs-status").textContent = note;
}

function showChosenFiles() {
  const names = [...$("upload-files").files].map((file) => file.name);
  $("upload-chosen").textContent = !names.length ? "未选择文件"
    : names.length === 1 ? names[0] : `${names.length} 个文件：${names.join("、")}`;
}

async function uploadFiles(event) {
  event.preventDefault();
  const files = $("upload-files").files;
  if (!files.length) {
    showUploadNote("请先选择要上传的文件", "error");
    return;
  }
  const form = new FormData();
  for (const file of files) form.append("files", file);
  if ($("upload-kind").value) form.append("kind", $("upload-kind").value);
  setUploading(true);
  try {
    const res = await request("/api/documents", { method: "POST", body: form });
    renderUploadResults(await res.json());
    $("upload-form").reset();
    showChosenFiles();
  } catch (err) {
    showUploadNote(`上传失败：${messageOf(err)}`, "error");
  } finally {
    setUploading(false);
  }
  await loadDocuments();
}

function setUploading(busy) {
  $("upload-button").disabled = busy;
  $("upload-button").textContent = busy ? "正在建立索引……" : "上传";
  if (busy) $("upload-results").replaceChildren();
}

function renderUploadResults(results) {
  $("upload-results").replaceChildren(...results.map(uploadResultItem));
}

function uploadResultItem(r) {
  const detail = [r.chunks ? `${r.chunks} 段` : "", r.message].filter(Boolean).join(" · ");
  return el("li", {
    className: `upload-result status-${r.status}`,
    attrs: { "data-testid": "upload-result", "data-status": r.status },
  }, [
    el("span", { className: "status-tag", text: STATUS_NAMES[r.status] || r.status }),
    el("span", { className: "upload-name", text: r.title ? `《${r.title}》` : r.source }),
    el("span", { className: "upload-detail", text: detail }),
  ]);
}

function showUploadNote(text, tone) {
  $("upload-results").replaceChildren(el("li", {
    className: `upload-result note-${tone}`, text, attrs: { "data-testid": "upload-note" },
  }));
}

// ---------------------------------------------------------------------------------------------

function start() {
  $("chat-form").addEventListener("submit", submitQuestion);
  $("question").addEventListener("keydown", onQuestionKey);
  $("question").addEventListener("input", autoGrow);
  $("examples").addEventListener("click", askExample);
  $("new-chat").addEventListener("click", newChat);
  $("passage-close").addEventListener("click", closePassage);
  $("passage-dialog").addEventListener("click", closeOnBackdrop);
  $("passage-dialog").addEventListener("close", () => markOpenCitation(""));
  document.addEventListener("keydown", closeOnEscape);
  WIDE.addEventListener("change", closePassage);
  $("upload-form").addEventListener("submit", uploadFiles);
  $("upload-files").addEventListener("change", showChosenFiles);
  $("doc-search").addEventListener("input", renderDocuments);
  $("settings-toggle").addEventListener("click", () => openSettings($("settings-panel").hidden));
  $("settings-form").addEventListener("submit", saveKey);
  $("api-key-clear").addEventListener("click", clearKey);
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => showView(tab.dataset.view));
  }
  showView(viewOfHash(location.hash), false);
}

start();
