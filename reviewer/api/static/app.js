// The copywriter's page: no build step, no CDN. Streams a review from /v1/reviews:stream.
"use strict";

const $ = (id) => document.getElementById(id);
let state = { findings: [], scores: {}, body: "", subject: "", pending: false };

// The installed rubrics and finding categories come from GET /v1/rubrics, so a brand's own rubric file shows up
// here with no change to the page. Categories the service did not list still render, with a fallback label/colour.
const PALETTE = ["#2456c7", "#8e24aa", "#00796b", "#c2185b", "#5d4037", "#3949ab", "#558b2f", "#d84315", "#00838f"];
const FALLBACK_COLOUR = "#6b6b6b";
let catalogue = { rubrics: [], categories: new Map() };

async function loadCatalogue() {
  try {
    const response = await fetch("/v1/rubrics");
    if (!response.ok) return;
    const data = await response.json();
    const rubrics = data.rubrics || [];
    const categories = new Map();
    for (const c of [...rubrics, ...(data.categories || [])]) {
      if (!categories.has(c.id)) categories.set(c.id, { id: c.id, title: c.title || titleOf(c.id), description: c.description || "" });
    }
    [...categories.values()].forEach((c, i) => { c.colour = PALETTE[i % PALETTE.length]; });
    catalogue = { rubrics, categories };
    const names = rubrics.map((r) => r.title || titleOf(r.id));
    $("rubric-names").textContent = names.length ? ` (${names.join(", ")})` : "";
    renderScores();
  } catch {
    // the list is a nicety: reviews still work, and rows come from the scores the service returns
  }
}
const catalogueLoaded = loadCatalogue();

function titleOf(id) { const words = String(id).replace(/_/g, " "); return words.charAt(0).toUpperCase() + words.slice(1); }
function category(id) {
  return catalogue.categories.get(id) || { id, title: titleOf(id), description: "", colour: FALLBACK_COLOUR };
}
function anchorLabel(rubricId, score) {
  const rubric = catalogue.rubrics.find((r) => r.id === rubricId);
  const anchor = rubric && rubric.scale && rubric.scale[String(score)];
  return anchor ? anchor.label : "";
}

$("api-key").value = localStorage.getItem("reviewer.apiKey") || "";
$("api-key").addEventListener("change", () => localStorage.setItem("reviewer.apiKey", $("api-key").value));

function buildContext() {
  const raw = $("ctx-json").value.trim();
  if (raw) return JSON.parse(raw); // a SyntaxError is reported to the user below
  const ctx = {};
  const first = $("ctx-first").value.trim(), last = $("ctx-last").value.trim();
  if (first || last) ctx.name = Object.fromEntries(Object.entries({ first, last }).filter(([, v]) => v));
  const simple = { salutation: "ctx-salutation", region: "ctx-region", gender: "ctx-gender", age_band: "ctx-age" };
  for (const [key, id] of Object.entries(simple)) if ($(id).value.trim()) ctx[key] = $(id).value.trim();
  const relationship = {};
  if ($("ctx-involvement").value) relationship.involvement = $("ctx-involvement").value;
  if ($("ctx-lifecycle").value) relationship.lifecycle_stage = $("ctx-lifecycle").value;
  if (Object.keys(relationship).length) ctx.relationship = relationship;
  ctx.consent = { marketing_email: $("consent-email").checked, marketing_sms: $("consent-sms").checked,
                  marketing_push: $("consent-push").checked };
  const prefs = $("ctx-prefs").value.split("\n").map((s) => s.trim()).filter(Boolean);
  if (prefs.length) ctx.stated_preferences = prefs;
  return ctx;
}

function setStatus(text) { $("status").textContent = text; }

async function review() {
  let context;
  try { context = buildContext(); } catch (e) { showResults(); setStatus("The context JSON is not valid: " + e.message); return; }
  const body = $("body").value;
  if (!body.trim()) { showResults(); setStatus("Paste a draft into Body first."); $("body").focus(); return; }
  const subject = $("subject").value;
  await catalogueLoaded;
  state = { findings: [], scores: {}, body, subject, pending: true };
  const request = { message: { channel: $("channel").value, body, template: $("template").checked }, context };
  if (subject) request.message.subject = subject;
  showResults(); $("detail").textContent = ""; $("verdict").textContent = ""; $("verdict").className = "verdict";
  renderAll(); $("rewrite-box").hidden = true;
  focusResults();
  setStatus("Reviewing…"); $("review-btn").disabled = true;
  const headers = { "Content-Type": "application/json" };
  if ($("api-key").value) headers.Authorization = "Bearer " + $("api-key").value;
  try {
    const response = await fetch("/v1/reviews:stream", { method: "POST", headers, body: JSON.stringify(request) });
    if (!response.ok) {
      const err = await response.json().catch(() => ({ message: response.statusText }));
      setStatus(`Error ${response.status}: ${err.message || "request failed"}`);
      return;
    }
    await readEvents(response.body.getReader(), handleEvent);
  } catch (e) {
    setStatus("The service could not be reached: " + e.message);
  } finally {
    $("review-btn").disabled = false;
    state.pending = false; renderScores(); // a score that never came reads "not scored", not "…"
  }
}

async function readEvents(reader, onEvent) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
      let name = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) name = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      onEvent(name, data ? JSON.parse(data) : null);
    }
  }
}

function handleEvent(name, data) {
  if (name === "rules") {
    state.findings = data.findings; state.scores = data.scores;
    setStatus("Rule checks done; waiting for the judge…");
  } else if (name === "rubric") {
    state.scores[data.rubric] = data.score;
    state.findings = state.findings.concat(data.findings);
  } else if (name === "rewrite") {
    renderRewrite(data.rewrite);
  } else if (name === "result") {
    state.findings = data.findings; state.scores = data.scores;
    renderVerdict(data.verdict); renderRewrite(data.rewrite);
    const notes = data.meta.degraded ? " (LLM unavailable: rules only)" : "";
    setStatus(`Done in ${Math.round(data.meta.latency_ms)} ms with the ${data.meta.judge} judge${notes}.`);
  } else if (name === "error") {
    setStatus(`Error: ${data.message}`);
  }
  renderAll();
}

function showResults() { $("results").hidden = false; }

// The results start below the form: take the reader (and a screen reader's focus) there.
function focusResults() {
  const heading = $("results-heading");
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ block: "start" });
}

function renderVerdict(verdict) {
  const el = $("verdict");
  el.className = "verdict " + verdict;
  el.textContent = { pass: "Pass", revise: "Revise", block: "Block" }[verdict];
}

function renderAll() {
  renderScores(); renderMarked(); renderFindings();
}

// One row per installed rubric, then one per scored rubric the list did not name (a service updated since load).
function renderScores() {
  const list = $("scores"); list.replaceChildren();
  const ids = catalogue.rubrics.map((r) => r.id);
  for (const id of Object.keys(state.scores)) if (!ids.includes(id)) ids.push(id);
  for (const rubric of ids) {
    const s = state.scores[rubric];
    const cat = category(rubric);
    const li = document.createElement("li");
    li.dataset.rubric = rubric;
    li.style.borderLeftColor = cat.colour;
    const label = document.createElement("span");
    label.id = `score-${rubric}`;
    const meter = document.createElement("meter");
    meter.min = 0; meter.max = 4; meter.low = 1.5; meter.high = 2.5; meter.optimum = 0;
    if (!s) label.textContent = state.pending ? `${cat.title}: … / 4` : `${cat.title}: not scored`;
    else if (s.unscored_reason) { label.textContent = `${cat.title}: not scored`; li.classList.add("unscored"); }
    else {
      const anchor = anchorLabel(rubric, s.score);
      label.textContent = `${cat.title}: ${s.score} / 4` + (anchor ? ` (${anchor})` : "");
    }
    meter.value = s && !s.unscored_reason ? s.score : 0; meter.setAttribute("aria-labelledby", label.id);
    li.append(label, meter);
    li.title = [cat.description, s && s.rationale].filter(Boolean).join("\n");
    list.append(li);
  }
}

function categoryChip(f) {
  const cat = category(f.category);
  const chip = document.createElement("span");
  chip.className = "category"; chip.dataset.category = f.category;
  chip.style.borderColor = cat.colour; chip.style.color = cat.colour;
  chip.textContent = cat.title;
  return chip;
}

function fieldFindings(field) {
  return state.findings.filter((f) => f.field === field)
    .sort((a, b) => a.start_utf16 - b.start_utf16 || b.severity - a.severity);
}

function renderMarked() {
  markInto($("marked"), state.body, fieldFindings("body"));
  const subject = $("marked-subject");
  subject.hidden = !state.subject;
  if (state.subject) { markInto(subject, state.subject, fieldFindings("subject")); subject.prepend("Subject: "); }
}

function markInto(box, text, findings) {
  box.replaceChildren(); let pos = 0;
  findings.forEach((f, i) => {
    if (f.start_utf16 < pos) return; // overlapping spans: the list below shows all of them
    box.append(document.createTextNode(text.slice(pos, f.start_utf16)));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(f.start_utf16, f.end_utf16);
    mark.className = "sev-" + f.severity; mark.tabIndex = 0; mark.dataset.index = i;
    mark.dataset.category = f.category; mark.dataset.field = f.field;
    mark.setAttribute("aria-label", `${category(f.category).title} ${f.severity}: ${f.message}`);
    const show = () => showDetail(f, mark);
    mark.addEventListener("mouseenter", show); mark.addEventListener("focus", show); mark.addEventListener("click", show);
    box.append(mark);
    pos = f.end_utf16;
  });
  box.append(document.createTextNode(text.slice(pos)));
}

function showDetail(f, mark) {
  document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
  if (mark) mark.classList.add("active");
  const suggestion = f.suggestion === null ? "No text edit fixes this." :
    f.suggestion === "" ? "Suggestion: remove it." : `Suggestion: replace with “${f.suggestion}”.`;
  $("detail").textContent = `${category(f.category).title} (${f.severity}/4): ${f.message} ${suggestion}`;
}

function renderFindings() {
  const list = $("findings"); list.replaceChildren();
  if (!state.findings.length && $("verdict").textContent) {
    const li = document.createElement("li"); li.textContent = "No findings."; list.append(li);
  }
  const fixed = []; // spans that already have a fix button: overlapping findings share one
  for (const f of state.findings) {
    const li = document.createElement("li");
    const where = f.field === "subject" ? "subject" : "body";
    const head = document.createElement("div");
    head.textContent = `“${f.quote}” — ${f.message}`;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.append(categoryChip(f), ` ${f.severity}/4 · ${f.rule_id || f.source} · ${where}`);
    li.append(head, meta);
    const overlaps = fixed.some((o) => o.field === f.field && o.start_utf16 < f.end_utf16 && f.start_utf16 < o.end_utf16);
    if (f.suggestion !== null && f.suggestion !== undefined && !overlaps) {
      fixed.push(f);
      const button = document.createElement("button");
      button.type = "button"; button.className = "secondary apply";
      button.textContent = f.suggestion === "" ? "Remove" : `Replace with “${f.suggestion}”`;
      button.addEventListener("click", () => applySuggestion(f));
      li.append(button);
    }
    list.append(li);
  }
}

function applySuggestion(f) {
  const field = f.field === "subject" ? $("subject") : $("body");
  const text = field.value;
  if (text.slice(f.start_utf16, f.end_utf16) !== f.quote) { setStatus("The draft changed; review it again first."); return; }
  field.value = text.slice(0, f.start_utf16) + f.suggestion + text.slice(f.end_utf16);
  setStatus("Suggestion applied; reviewing again…"); // review() moves focus to the results, not to <body>
  review();
}

function renderRewrite(rewrite) {
  if (!rewrite) { $("rewrite-box").hidden = true; return; }
  $("rewrite-box").hidden = false;
  $("rewrite-state").textContent = rewrite.verified ? "(verified: passes review)" : `(not verified: ${rewrite.verdict})`;
  const diff = $("rewrite-diff"); diff.replaceChildren(...wordDiff(state.body, rewrite.text));
  $("use-rewrite").onclick = () => {
    $("body").value = rewrite.text;
    if (rewrite.subject) $("subject").value = rewrite.subject;
    setStatus("Rewrite applied; reviewing again…");
    review();
  };
}

function wordDiff(a, b) {
  const tokens = (s) => s.match(/\s+|\S+\s*/g) || []; // a word keeps its trailing space
  const x = tokens(a), y = tokens(b);
  const n = x.length, m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--)
    lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = []; let i = 0, j = 0, dels = [], inss = [];
  const flush = () => { // one changed run reads as: what goes, then what comes
    if (dels.length) { const el = document.createElement("del"); el.textContent = dels.join(""); out.push(el); }
    if (inss.length) { const el = document.createElement("ins"); el.textContent = inss.join(""); out.push(el); }
    dels = []; inss = [];
  };
  while (i < n && j < m) {
    if (x[i] === y[j]) { flush(); out.push(document.createTextNode(x[i])); i++; j++; }
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) dels.push(x[i++]);
    else inss.push(y[j++]);
  }
  while (i < n) dels.push(x[i++]);
  while (j < m) inss.push(y[j++]);
  flush();
  return out;
}

$("draft-form").addEventListener("submit", (e) => { e.preventDefault(); review(); });
document.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); review(); } });
