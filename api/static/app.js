"use strict";
const form = document.getElementById("ask-form");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const question = document.getElementById("question").value.trim();
  const answer = document.getElementById("answer");
  const list = document.getElementById("citations");
  answer.textContent = "正在检索……";
  list.replaceChildren();
  const res = await fetch("/api/ask", {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({question}),
  });
  const data = await res.json();
  if (!res.ok) { answer.textContent = data.detail || "出错了"; return; }
  answer.textContent = data.answer;
  for (const c of data.citations) {
    const li = document.createElement("li");
    const label = document.createElement("div");
    label.className = "label";
    label.textContent = `[${c.n}] ${c.label}`;
    const quote = document.createElement("div");
    quote.className = "quote";
    quote.textContent = c.text;
    li.append(label, quote);
    list.append(li);
  }
});
